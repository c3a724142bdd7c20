package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders/gazetteer"
	"github.com/partygraph/partygraph/loaders/text"
)

// quotedSeries handles a quoted series name that a gazetteer name covers
// only in part ("Top Level Harbour Party Dialogue with the World's Parties"
// contains "Harbour Party Dialogue with the World"): the quotation names the known
// series its words match best, or, when none matches well, no series at all.
func (r *run) quotedSeries(u *unit) {
	for _, q := range u.Quotes {
		inner := q.Inner
		var partial []int
		for i, m := range u.Mentions {
			if m.Ent.Kind == graph.KindSeries && inner.contains(m.span) {
				partial = append(partial, i)
			}
		}
		if len(partial) != 1 {
			continue
		}
		m := u.Mentions[partial[0]]
		rest := u.s[inner.Off:m.Off] + " " + u.s[m.End():inner.End()]
		if !hasWords(rest) {
			continue // the quotation is the name, give or take a year
		}
		best := r.closestSeries(inner.text(u.s))
		u.Mentions = append(u.Mentions[:partial[0]], u.Mentions[partial[0]+1:]...)
		if best != nil {
			u.addMention(mention{Ent: r.reg.fromEntry(best), span: inner, Text: inner.text(u.s)})
		}
	}
}

// hasWords reports whether s has letters other than a year and dashes.
func hasWords(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(c rune) bool { return !unicode.IsLetter(c) }) {
		if len(w) > 1 {
			return true
		}
	}
	return false
}

// leftConnector are the lower-case words a party name may have before its
// head word ("Justice and Development Party"); "of" is not one of them:
// "Delegation of the X Party" is no party's name.
var leftConnector = map[string]bool{"and": true, "for": true, "de": true, "del": true, "la": true}

var stopWords = map[string]bool{"the": true, "of": true, "with": true, "in": true, "and": true, "a": true, "an": true, "for": true, "on": true, "to": true}

// words returns the content words of a name, folded, plural -s dropped, and
// abbreviations of parties replaced by the party's slug.
func (r *run) words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(text.Fold(s), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		if stopWords[w] || len(w) < 2 {
			continue
		}
		if e := r.reg.lookup(w, graph.KindParty); e != nil {
			w = "party:" + e.slug()
		} else if len(w) > 3 && strings.HasSuffix(w, "s") {
			w = strings.TrimSuffix(w, "s")
		}
		out[w] = true
	}
	return out
}

// closestSeries returns the gazetteer series whose name shares most words
// with s (Jaccard similarity at least one half, and better than any other
// series), or nil.
func (r *run) closestSeries(s string) *gazetteer.Entry {
	if r.reg.gz == nil {
		return nil
	}
	a := r.words(s)
	type scored struct {
		e     *gazetteer.Entry
		score float64
	}
	var all []scored
	for _, e := range r.seriesEntries() {
		best := 0.0
		for _, l := range append(labelsOf(e), e.Alt...) {
			b := r.words(l)
			inter := 0
			for w := range a {
				if b[w] {
					inter++
				}
			}
			union := len(a) + len(b) - inter
			if union > 0 && float64(inter)/float64(union) > best {
				best = float64(inter) / float64(union)
			}
		}
		all = append(all, scored{e, best})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score > all[j].score })
	if len(all) == 0 || all[0].score < 0.5 || len(all) > 1 && all[1].score == all[0].score {
		return nil
	}
	return all[0].e
}

func labelsOf(e *gazetteer.Entry) []string {
	var out []string
	for _, l := range e.Labels {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// seriesEntries returns the gazetteer's series, from its quads.
func (r *run) seriesEntries() []*gazetteer.Entry {
	if r.seriesList != nil || r.reg.gz == nil {
		return r.seriesList
	}
	seen := map[string]bool{}
	for _, q := range r.reg.gz.Quads() {
		if q.Predicate != graph.Type || q.Object != graph.MeetingSeries {
			continue
		}
		iri, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		if e := r.reg.gz.ByIRI(iri); e != nil && !seen[e.Slug] {
			seen[e.Slug] = true
			r.seriesList = append(r.seriesList, e)
		}
	}
	if r.seriesList == nil {
		r.seriesList = []*gazetteer.Entry{}
	}
	return r.seriesList
}

// freeParties introduces the parties an English text names by a capitalised
// name ending in "Party" that the gazetteer does not know ("the Socialist
// Party of Chile"), with the country the name ends in; only the names with
// a country when withCountry is set, only the others when it is not.
func (r *run) freeParties(u *unit, withCountry bool) {
	if hasHan(u.s) || u.Row != nil {
		return
	}
	// Cues.PartyHead has "Party" but not "Front", "Movement", "League",
	// "Union" or "Congress" ("the Non-Aligned Movement", "the Arab League",
	// "the National Congress" name other bodies): names with those heads
	// become parties only where the text expects a party (after a title, in
	// a list of hosts).
	for _, head := range r.x.Cues.PartyHead {
		r.freePartiesHead(u, withCountry, head)
	}
	// "the Labour Front of Ghana": those heads name a party when a country
	// follows.
	if withCountry {
		for _, head := range r.x.Cues.PartyHeadOfCountry {
			r.freePartiesHead(u, true, head)
		}
	}
}

func (r *run) freePartiesHead(u *unit, withCountry bool, head string) {
	for i := 0; ; {
		j := strings.Index(u.s[i:], head)
		if j < 0 {
			return
		}
		j += i
		i = j + len(head)
		end := i
		if end < len(u.s) && unicode.IsLetter(rune(u.s[end])) {
			continue
		}
		if j > 0 && u.s[j-1] != ' ' || u.mentionAt(j) != nil || u.inQuote(span{j, len(head)}) {
			continue
		}
		// "Party" must end the name ("Party Relations" is something else)
		// and follow a capitalised word ("the Role of Party" is no name).
		if w := firstWord(u.s[end:]); w != "" && isCapitalized(w) && !strings.HasPrefix(u.s[end:], ",") {
			continue
		}
		if ws := strings.Fields(u.s[:j]); len(ws) == 0 || !isCapitalized(ws[len(ws)-1]) || strings.Contains(ws[len(ws)-1], "-") {
			continue
		}
		// Extend left over capitalised words and connectors.
		start := j
		ws := strings.Fields(u.s[:j])
		for k := len(ws) - 1; k >= 0; k-- {
			w := ws[k]
			if strings.ContainsAny(w, ",;:.()\"“”") || !(isCapitalized(w) || leftConnector[w]) {
				break
			}
			start = strings.LastIndex(u.s[:start], w)
		}
		// A title before the name is not part of it: "Chairman of the X Party".
		if t, _, _ := r.titleAt(u.s[start:j]); t.Word != "" {
			if k := strings.Index(u.s[start:j], " of "); k >= 0 {
				start += k + len(" of ")
			}
		}
		for strings.HasPrefix(u.s[start:], "the ") || strings.HasPrefix(u.s[start:], "of ") || strings.HasPrefix(u.s[start:], "and ") || strings.HasPrefix(u.s[start:], "The ") {
			start += strings.Index(u.s[start:], " ") + 1
		}
		if start >= j {
			continue
		}
		if u.mentionAt(start) != nil {
			continue
		}
		for _, m := range u.Mentions {
			if m.overlaps(span{start, end - start}) {
				start = -1
				break
			}
		}
		if start < 0 {
			continue
		}
		var country *entity
		if c := u.mentionAfter(end, 5, graph.KindCountry); c != nil && strings.HasPrefix(strings.TrimLeft(u.s[end:c.Off], " "), "of") {
			country = c.Ent
			end = c.End()
		}
		if withCountry != (country != nil) {
			continue
		}
		nm := u.s[start:end]
		p := r.reg.introduce(graph.KindParty, nm, u.Lang)
		if p == nil {
			continue
		}
		if country != nil && p.Entry == nil {
			p.country = country
			r.reg.addAlias(p, u.s[start:j+len(head)])
		}
		u.replaceMentions(mention{Ent: p, span: span{start, end - start}, Text: nm})
		i = end
	}
}
