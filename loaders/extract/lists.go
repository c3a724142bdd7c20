package extract

import (
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/loaders/text"
)

// listed writes the topics or outcomes a document lists for a meeting. A
// page that gives the same list in two languages gives it in the same order,
// so when every language lists as many items, the i-th items are one node
// with a label in each language; its slug is made from the English name when
// there is one, so that documents in other languages meet it.
func (r *run) listed(m *meeting, kind string, prop quad.IRI, items []name) {
	if len(items) == 0 {
		return
	}
	byLang := map[string][]name{}
	var langs []string
	for _, it := range items {
		l := it.Lang
		if strings.HasPrefix(l, "zh") {
			l = "zh"
		}
		if byLang[l] == nil {
			langs = append(langs, l)
		}
		if !containsName(byLang[l], it.Text) {
			byLang[l] = append(byLang[l], it)
		}
	}
	aligned := len(langs) > 1
	for _, l := range langs[1:] {
		if len(byLang[l]) != len(byLang[langs[0]]) {
			aligned = false
		}
	}
	if !aligned {
		for _, l := range langs {
			for _, it := range byLang[l] {
				r.listItem(m, kind, prop, []name{it})
			}
		}
		return
	}
	for i := range byLang[langs[0]] {
		var group []name
		for _, l := range langs {
			group = append(group, byLang[l][i])
		}
		r.listItem(m, kind, prop, group)
	}
}

func containsName(list []name, s string) bool {
	for _, n := range list {
		if n.Text == s {
			return true
		}
	}
	return false
}

// listItem writes one topic or outcome named in one or more languages.
func (r *run) listItem(m *meeting, kind string, prop quad.IRI, names []name) {
	key := names[0].Text
	for _, n := range names {
		if n.Lang == "en" {
			key = n.Text
		}
	}
	slug := text.Slug(key)
	if slug == "" {
		return
	}
	e := r.reg.node(kind, slug)
	for _, n := range names {
		e.addName(n.Text, n.Lang)
	}
	r.out.add(m.Ent.IRI, prop, e.IRI)
}
