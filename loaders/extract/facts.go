package extract

import (
	"sort"
	"strconv"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
)

// facts collects the quads of one document without duplicates.
type facts struct {
	label   quad.IRI
	seen    map[quad.Quad]bool
	quads   []quad.Quad
	renames map[quad.IRI]quad.IRI // merged nodes: old IRI → new IRI
}

func newFacts(label quad.IRI) *facts {
	return &facts{label: label, seen: make(map[quad.Quad]bool)}
}

func (f *facts) add(s quad.IRI, p quad.IRI, o quad.Value) {
	if s == "" || o == nil {
		return
	}
	if iri, ok := o.(quad.IRI); ok && iri == "" {
		return
	}
	if n, ok := f.renames[s]; ok {
		s = n
	}
	if iri, ok := o.(quad.IRI); ok {
		if n, ok := f.renames[iri]; ok {
			o = n
		}
	}
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: f.label}
	if f.seen[q] {
		return
	}
	f.seen[q] = true
	f.quads = append(f.quads, q)
}

// sorted returns the quads ordered by their N-Quads form.
func (f *facts) sorted() []quad.Quad {
	out := append([]quad.Quad(nil), f.quads...)
	keys := make(map[quad.Quad]string, len(out))
	for _, q := range out {
		keys[q] = q.NQuad()
	}
	sort.Slice(out, func(i, j int) bool { return keys[out[i]] < keys[out[j]] })
	return out
}

// Literal helpers.

func lit(s, lang string) quad.Value {
	if lang == "" {
		return quad.String(s)
	}
	return quad.LangString{Value: quad.String(s), Lang: lang}
}

// xsdGYearMonth types a date known to the month ("2017-11").
const xsdGYearMonth = quad.IRI(graph.XSDNS + "gYearMonth")

// date types a date by its precision: "2017" is an xsd:gYear, "2017-11" an
// xsd:gYearMonth, "2017-11-30" an xsd:date.
func date(s string) quad.Value {
	switch len(s) {
	case 4:
		return quad.TypedString{Value: quad.String(s), Type: graph.XSDGYear}
	case 7:
		return quad.TypedString{Value: quad.String(s), Type: xsdGYearMonth}
	}
	return quad.TypedString{Value: quad.String(s), Type: graph.XSDDate}
}

func integer(n int) quad.Value {
	return quad.TypedString{Value: quad.String(strconv.Itoa(n)), Type: graph.XSDInteger}
}

// classOf is the rdf:type of an entity of a kind.
func classOf(kind string) quad.IRI {
	switch kind {
	case graph.KindSeries:
		return graph.MeetingSeries
	case graph.KindMeeting:
		return graph.Meeting
	case graph.KindParty:
		return graph.PoliticalParty
	case graph.KindPerson:
		return graph.Person
	case graph.KindCountry:
		return graph.Country
	case graph.KindCity:
		return graph.City
	case graph.KindOrganization:
		return graph.GovernmentOrganization
	case graph.KindTheme:
		return graph.Theme
	case graph.KindTopic:
		return graph.Topic
	case graph.KindSpeech:
		return graph.Speech
	case graph.KindOutcome:
		return graph.OutcomeDocument
	case graph.KindCitation:
		return graph.CreativeWork
	}
	return ""
}
