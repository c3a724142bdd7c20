package extract

import (
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders/gazetteer"
	"github.com/partygraph/partygraph/loaders/text"
)

// entity is a node the document names: one the gazetteer knows (Entry is
// set), or one the text introduces (a person named with a title, a party
// named after a title, a series named in a title or a see-also list).
type entity struct {
	IRI   quad.IRI
	Kind  string
	Slug  string // the slug of an entity the gazetteer does not know
	Entry *gazetteer.Entry
	// names are the surface forms the document gives an introduced entity,
	// in order; each becomes a label of its language.
	names []name
	// country is the country a party is stated to be of, in this document.
	country *entity
}

type name struct{ Text, Lang string }

func (e *entity) addName(s, lang string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	for _, n := range e.names {
		if n.Text == s {
			return
		}
	}
	e.names = append(e.names, name{s, lang})
}

// mention is an entity named at a span of a unit's text.
type mention struct {
	Ent *entity
	span
	Text string
}

// registry holds the entities of one document, one per IRI.
type registry struct {
	gz    *gazetteer.Gazetteer
	byIRI map[quad.IRI]*entity
	order []*entity
	// alias maps a kind and folded short name to the entity a longer name
	// introduced: "Steppe Green Party" after "Steppe Green Party of Mongolia".
	alias map[string]*entity
}

func newRegistry(gz *gazetteer.Gazetteer) *registry {
	return &registry{gz: gz, byIRI: make(map[quad.IRI]*entity), alias: make(map[string]*entity)}
}

// addAlias lets a short name of an introduced entity find it.
func (r *registry) addAlias(e *entity, short string) {
	k := e.Kind + " " + text.Fold(short)
	if _, ok := r.alias[k]; !ok && e.Entry == nil {
		r.alias[k] = e
	}
}

// kindOf normalises a gazetteer kind to a graph kind.
func kindOf(k string) string {
	switch strings.ToLower(k) {
	case "organization", "organisation", "org", "government organization":
		return graph.KindOrganization
	case "political party":
		return graph.KindParty
	}
	return strings.ToLower(k)
}

func (r *registry) fromEntry(e *gazetteer.Entry) *entity {
	if ent, ok := r.byIRI[e.IRI]; ok {
		return ent
	}
	ent := &entity{IRI: e.IRI, Kind: kindOf(e.Kind), Entry: e}
	r.byIRI[e.IRI] = ent
	r.order = append(r.order, ent)
	return ent
}

// lookup returns the gazetteer entity of kind named s (any kind when kind is
// ""), or nil.
func (r *registry) lookup(s, kind string) *entity {
	if r.gz == nil {
		return nil
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, e := range r.gz.Lookup(s) {
		if kind == "" || kindOf(e.Kind) == kind {
			return r.fromEntry(e)
		}
	}
	return nil
}

// introduce returns the entity of kind the text names s in language lang:
// the gazetteer's when it knows the name, otherwise a new node with a slug
// made from the name.
func (r *registry) introduce(kind, s, lang string) *entity {
	s = strings.TrimSpace(s)
	if e := r.lookup(s, kind); e != nil {
		return e
	}
	if e := r.alias[kind+" "+text.Fold(s)]; e != nil {
		e.addName(s, lang)
		return e
	}
	slug := text.Slug(s)
	// A Chinese name of a person or a city is slugged in Pinyin, as English
	// text writes it: 刘文清 in one document and Liu Wenqing in another are
	// one person, 临川 and Linchuan one city.
	py := ""
	switch kind {
	case graph.KindPerson:
		py = text.NameSlug(s)
	case graph.KindCity:
		py = text.PlaceSlug(s)
	}
	if py != "" {
		slug = py
	}
	if slug == "" {
		return nil
	}
	iri := graph.EntityIRI(kind, slug)
	ent, ok := r.byIRI[iri]
	if !ok {
		ent = &entity{IRI: iri, Kind: kind, Slug: slug}
		r.byIRI[iri] = ent
		r.order = append(r.order, ent)
	}
	ent.addName(s, lang)
	return ent
}

// node returns the entity of a kind and slug, creating it.
func (r *registry) node(kind, slug string) *entity {
	iri := graph.EntityIRI(kind, slug)
	if ent, ok := r.byIRI[iri]; ok {
		return ent
	}
	ent := &entity{IRI: iri, Kind: kind, Slug: slug}
	r.byIRI[iri] = ent
	r.order = append(r.order, ent)
	return ent
}

// label returns a name of the entity for the language (the gazetteer's
// label, else a name the document gives), or "".
func (e *entity) label(lang string) string {
	if e.Entry != nil {
		if l := e.Entry.Labels[lang]; l != "" {
			return l
		}
		if lang == "zh-Hant" {
			if l := e.Entry.Labels["zh-Hans"]; l != "" {
				return text.ToTraditional(l)
			}
		}
		if lang == "zh-Hans" {
			if l := e.Entry.Labels["zh-Hant"]; l != "" {
				return text.ToSimplified(l)
			}
		}
	}
	for _, n := range e.names {
		if n.Lang == lang {
			return n.Text
		}
	}
	return ""
}

// slug is the last path segment of the entity's IRI.
func (e *entity) slug() string {
	if e.Entry != nil && e.Entry.Slug != "" {
		return e.Entry.Slug
	}
	return e.Slug
}
