package extract

import (
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
)

// titled is a person the document gives titles, with the language of the
// text that names them.
type titled struct {
	Ent      *entity
	Lang     string
	Holdings []holding
}

// align merges the entities a bilingual page introduces twice, once in each
// language: a Chinese-named and an English-named person who hold the same
// kind of title in the same body are one person, and the parties two such
// persons lead or belong to are one party. A pair is merged only when each
// is the other's only candidate. The Chinese node's facts move to the
// English one, which gets the Chinese name as a label.
func (r *run) align() {
	for range 2 { // persons through known bodies, then parties, then persons again
		r.alignPersons()
		r.alignParties()
	}
	r.alignCities()
}

// alignCities merges the two cities a page introduces for one meeting, one
// named in Chinese and one in another language ("Kessel" in a table, "凯塞尔"
// in the text).
func (r *run) alignCities() {
	for _, m := range r.meetings {
		var zh, other []*entity
		for _, c := range r.cities[m] {
			if c.Entry != nil || r.merged[c] != nil || len(c.names) == 0 {
				continue
			}
			if isZh(c.names[0].Lang) {
				zh = append(zh, c)
			} else {
				other = append(other, c)
			}
		}
		if len(zh) == 1 && len(other) == 1 {
			r.merge(zh[0], other[0])
		}
	}
}

func isZh(lang string) bool { return strings.HasPrefix(lang, "zh") }

// target returns the entity a holding names, after merges.
func (r *run) resolved(e *entity) *entity {
	for e != nil && r.merged[e] != nil {
		e = r.merged[e]
	}
	return e
}

// sameHolding reports whether two titles are the same kind of title in the
// same body: one node, or two parties the document introduces in two
// languages as parties of the same country.
func (r *run) sameHolding(a, b holding) bool {
	if a.Role != b.Role || a.Target == nil || b.Target == nil {
		return false
	}
	ta, tb := r.resolved(a.Target), r.resolved(b.Target)
	if ta == tb {
		return true
	}
	return ta.Kind == graph.KindParty && tb.Kind == graph.KindParty && ta.Entry == nil && tb.Entry == nil &&
		ta.country == tb.country
}

func (r *run) alignPersons() {
	cands := map[*entity][]*entity{} // zh person → en persons
	back := map[*entity][]*entity{}
	for _, z := range r.titled {
		if z.Ent.Entry != nil || !isZh(z.Lang) || r.merged[z.Ent] != nil {
			continue
		}
		for _, e := range r.titled {
			if e.Ent.Entry != nil || isZh(e.Lang) || e.Ent == z.Ent || r.merged[e.Ent] != nil {
				continue
			}
			match := false
			for _, hz := range z.Holdings {
				for _, he := range e.Holdings {
					if r.sameHolding(hz, he) {
						match = true
					}
				}
			}
			if match && !containsEnt(cands[z.Ent], e.Ent) {
				cands[z.Ent] = append(cands[z.Ent], e.Ent)
				back[e.Ent] = append(back[e.Ent], z.Ent)
			}
		}
	}
	for z, es := range cands {
		if len(es) == 1 && len(back[es[0]]) == 1 {
			r.merge(z, es[0])
		}
	}
}

func (r *run) alignParties() {
	// The bodies each merged person holds titles in, by language.
	cands := map[*entity][]*entity{}
	back := map[*entity][]*entity{}
	for _, z := range r.titled {
		if !isZh(z.Lang) {
			continue
		}
		for _, e := range r.titled {
			if isZh(e.Lang) || r.resolved(z.Ent) != r.resolved(e.Ent) || z.Ent == e.Ent {
				continue
			}
			for _, hz := range z.Holdings {
				for _, he := range e.Holdings {
					pz, pe := r.resolved(hz.Target), r.resolved(he.Target)
					if hz.Role != he.Role || pz == nil || pe == nil || pz == pe || pz.Kind != graph.KindParty || pe.Kind != graph.KindParty || pz.Entry != nil || pe.Entry != nil {
						continue
					}
					if pz.country != pe.country {
						continue
					}
					if !containsEnt(cands[pz], pe) {
						cands[pz] = append(cands[pz], pe)
						back[pe] = append(back[pe], pz)
					}
				}
			}
		}
	}
	for z, es := range cands {
		if len(es) == 1 && len(back[es[0]]) == 1 {
			r.merge(z, es[0])
		}
	}
}

// merge makes from one node with into: its names join into's, and every
// fact about from is written about into.
func (r *run) merge(from, into *entity) {
	if from == into || r.merged[from] != nil {
		return
	}
	r.merged[from] = into
	for _, n := range from.names {
		into.addName(n.Text, n.Lang)
	}
	if into.country == nil {
		into.country = from.country
	}
	r.out.rename(from.IRI, into.IRI)
}

// rename rewrites the quads written so far about old to be about new, and
// makes later ones so too.
func (f *facts) rename(old, new quad.IRI) {
	if f.renames == nil {
		f.renames = map[quad.IRI]quad.IRI{}
	}
	f.renames[old] = new
	quads := f.quads
	f.quads, f.seen = nil, map[quad.Quad]bool{}
	for _, q := range quads {
		f.add(q.Subject.(quad.IRI), q.Predicate.(quad.IRI), q.Object)
	}
}
