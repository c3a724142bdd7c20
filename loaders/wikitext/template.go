package wikitext

import (
	"strings"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/lines"
)

// args are a template's parameters.
type args struct {
	name       string
	positional [][]*node
	named      map[string][]*node
	order      []string // named parameter names in the order written
}

func (b *builder) args(n *node) args {
	ps := parts(n, MaxParams+1)
	a := args{name: templateName(b.plain(ps[0])), named: map[string][]*node{}}
	for _, p := range ps[1:] {
		eq := -1
		for i, c := range p {
			if c.kind == nMarker && c.tok.kind == tEquals {
				eq = i
				break
			}
		}
		if eq >= 0 {
			if k := strings.ToLower(b.plain(p[:eq])); k != "" {
				if _, dup := a.named[k]; !dup {
					a.order = append(a.order, k)
				}
				a.named[k] = p[eq+1:]
				continue
			}
		}
		a.positional = append(a.positional, p)
	}
	return a
}

func (a args) pos(i int) []*node {
	if i < len(a.positional) {
		return a.positional[i]
	}
	return nil
}

// templateName normalises a template name: no namespace, lower case,
// underscores as spaces, single spaces.
func templateName(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "_", " "))
	for _, ns := range [...]string{"template:", "模板:", "模版:", "шаблон:"} {
		s = strings.TrimPrefix(s, ns)
	}
	return lines.Clean(s)
}

// Templates whose one parameter is shown as text, by name, with the index
// of the positional parameter shown.
var textTemplates = map[string]int{
	"nowrap": 0, "nobr": 0, "small": 0, "big": 0, "abbr": 0, "noitalic": 0, "nihongo": 0,
	"le": 0, "link-en": 0, "ill": 0, "illm": 0, "interlanguage link": 0, "ilh": 0, "lj": 0,
	"tsl": 2, "transl": 1, "keep together": 0, "nbsp": -1, "smaller": 0, "larger": 0,
}

var dateTemplates = map[string]bool{
	"start date": true, "end date": true, "start date and age": true, "birth date": true,
	"death date": true, "date": true, "dts": true, "birth date and age": true,
}

func isCite(name string) bool {
	return name == "cite" || name == "citation" || name == "引用" ||
		strings.HasPrefix(name, "cite ") || strings.HasPrefix(name, "cite-") || strings.HasPrefix(name, "citation/")
}

func isInfobox(name string) bool {
	return strings.HasPrefix(name, "infobox") || strings.HasSuffix(name, " infobox") ||
		strings.Contains(name, "信息框") || strings.Contains(name, "資訊框") || strings.HasPrefix(name, "карточка")
}

// template renders what a template shows and records what it states; the
// many templates that only decorate or navigate (navboxes, portal boxes,
// {{Reflist}}, {{-}}) show nothing.
func (b *builder) template(n *node, st *inline) {
	a := b.args(n)
	switch {
	case strings.HasPrefix(a.name, "lang-") || a.name == "lang":
		code, text := strings.TrimPrefix(a.name, "lang-"), a.pos(0)
		if a.name == "lang" {
			code, text = b.plain(a.pos(0)), a.pos(1)
		}
		start := st.sb.Len()
		b.renderAll(text, st)
		if s := st.sb.String()[start:]; strings.TrimSpace(s) != "" {
			lang := normLang(code)
			if l := b.lang(s); lang == "zh" && strings.HasPrefix(l, "zh-") {
				lang = l // the script the text is written in
			}
			st.spans = append(st.spans, loaders.Span{Text: s, Lang: lang})
		}
	case isCite(a.name):
		if st.plain {
			return
		}
		r := b.cite(a)
		if st.inRef {
			if st.cite == nil {
				st.cite = &r
			}
			return
		}
		b.doc.References = append(b.doc.References, r)
		st.refs = append(st.refs, len(b.doc.References)-1)
	case dateTemplates[a.name]:
		var ps []string
		for _, p := range a.positional {
			s := b.plain(p)
			if s == "" || !isDigits(s) {
				break
			}
			if len(s) == 1 {
				s = "0" + s
			}
			ps = append(ps, s)
		}
		st.sb.WriteString(strings.Join(ps, "-"))
	default:
		i, ok := textTemplates[a.name]
		if !ok || i < 0 {
			return
		}
		p := a.pos(i)
		if p == nil && i > 0 {
			p = a.pos(i - 1)
		}
		b.renderAll(p, st)
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cite makes a Reference of a cite template's parameters.
func (b *builder) cite(a args) loaders.Reference {
	get := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := a.named[k]; ok {
				if s := b.plain(v); s != "" {
					return s
				}
			}
		}
		return ""
	}
	r := loaders.Reference{
		URL:       get("url", "chapter-url", "archive-url", "archiveurl"),
		Title:     get("title", "chapter", "script-title", "trans-title"),
		Publisher: get("publisher", "work", "website", "newspaper", "journal", "magazine", "agency", "periodical"),
		Date:      get("date", "year", "publication-date"),
		DOI:       get("doi"),
	}
	r.Author = get("author", "authors", "author1", "editor")
	if r.Author == "" {
		last, first := get("last", "last1", "surname"), get("first", "first1", "given")
		r.Author = strings.TrimSpace(strings.TrimSuffix(last+", "+first, ", "))
		r.Author = strings.TrimPrefix(r.Author, ", ")
	}
	if l := get("language", "lang"); l != "" {
		r.Lang = normLang(l)
	} else if r.Title != "" {
		r.Lang = b.lang(r.Title)
	}
	return r
}

// normLang maps a language code or name as templates write it to a BCP 47
// tag with the script subtags the project uses for Chinese.
func normLang(code string) string {
	c := strings.ToLower(strings.TrimSpace(code))
	switch c {
	case "zh-hans", "zh-cn", "zh-sg", "zh-my", "简体中文", "簡體中文":
		return "zh-Hans"
	case "zh-hant", "zh-tw", "zh-hk", "zh-mo", "繁體中文", "繁体中文":
		return "zh-Hant"
	case "english", "英语", "英語", "英文":
		return "en"
	case "russian", "俄语", "俄語", "俄文", "русский":
		return "ru"
	case "chinese", "中文", "汉语", "漢語":
		return "zh"
	}
	return c
}

// infobox turns an infobox template standing in the body into Fact blocks,
// one per named parameter with a value. It reports whether n was one.
func (b *builder) infobox(n *node) bool {
	a := b.args(n)
	if !isInfobox(a.name) {
		return false
	}
	b.finish()
	for _, k := range a.order {
		st := &inline{boldStart: -1}
		b.renderAll(a.named[k], st)
		text := lines.Clean(st.sb.String())
		if text == "" {
			continue
		}
		b.doc.Blocks = append(b.doc.Blocks, loaders.Block{
			Kind: loaders.Fact, Key: k, Section: b.section(), Text: text, Lang: b.lang(text),
			Links: cleanLinks(st.links), Refs: st.refs, Offset: n.tok.pos,
		})
	}
	return true
}
