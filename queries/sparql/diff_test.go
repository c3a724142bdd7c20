package sparql_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/rdfio"
	"github.com/partygraph/partygraph/internal/w3c"
	"github.com/partygraph/partygraph/queries/examples"
	"github.com/partygraph/partygraph/queries/results"
	"github.com/partygraph/partygraph/queries/sparql"
)

// diffQueries are analyst queries run, besides the example library, by
// TestDifferentialRDFLib. They avoid what engines may answer differently
// and still be right: GROUP_CONCAT order, SAMPLE, blank node labels, NOW().
func diffQueries() []struct{ name, query string } {
	return []struct{ name, query string }{
		{"meetings-by-date", `SELECT ?m ?d WHERE { ?m a pg:Meeting ; schema:startDate ?d } ORDER BY ?d`},
		{"meetings-after-2018", `SELECT ?m ?d WHERE { ?m schema:startDate ?d FILTER (?d >= "2018-01-01"^^xsd:date) }`},
		{"year-of-meeting", `SELECT ?m (YEAR(?d) AS ?y) WHERE { ?m schema:startDate ?d }`},
		{"speakers-with-party", `SELECT ?m ?p ?party WHERE { ?m pg:speaker ?p . OPTIONAL { ?p schema:memberOf ?party } }`},
		{"party-labels-zh", `SELECT ?party ?l WHERE { ?party a pg:PoliticalParty ; rdfs:label ?l FILTER (LANG(?l) = "zh") }`},
		{"party-labels-en-prefix", `SELECT ?party ?l WHERE { ?party rdfs:label ?l FILTER (langMatches(LANG(?l), "en") && STRSTARTS(STR(?l), "Party 1")) }`},
		{"attendance-count", `SELECT ?m (COUNT(DISTINCT ?party) AS ?n) WHERE { ?m schema:attendee ?party } GROUP BY ?m`},
		{"busy-parties", `SELECT ?party (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m schema:attendee ?party } GROUP BY ?party HAVING (COUNT(DISTINCT ?m) > 2)`},
		{"count-stats", `SELECT (SUM(?c) AS ?sum) (MIN(?c) AS ?min) (MAX(?c) AS ?max) (FLOOR(AVG(?c)) AS ?avg) WHERE { ?m pg:partyCount ?c }`},
		{"sources-per-fact", `SELECT ?m ?d (COUNT(?g) AS ?sources) WHERE { GRAPH ?g { ?m schema:startDate ?d } } GROUP BY ?m ?d`},
		{"union-of-roles", `SELECT ?p ?m WHERE { { ?m pg:speaker ?p } UNION { ?m pg:keynote ?p } }`},
		{"not-speakers", `SELECT ?p WHERE { ?p a schema:Person MINUS { ?m pg:speaker ?p } }`},
		{"no-party", `SELECT ?p WHERE { ?p a schema:Person FILTER NOT EXISTS { ?p schema:memberOf ?x } }`},
		{"series-path", `SELECT ?m ?s WHERE { ?m schema:superEvent+ ?s }`},
		{"country-of-speaker", `SELECT DISTINCT ?p ?c WHERE { ?m pg:speaker ?p . ?p schema:memberOf/pg:country ?c }`},
		{"bind-and-values", `SELECT ?m ?label WHERE { VALUES ?kind { pg:Meeting } ?m a ?kind ; schema:location ?city . BIND (CONCAT("in ", STR(?city)) AS ?label) }`},
		{"subquery-top-parties", `SELECT ?party ?n WHERE { { SELECT ?party (COUNT(?m) AS ?n) WHERE { ?m schema:attendee ?party } GROUP BY ?party } FILTER (?n >= 3) }`},
		{"distinct-graphs", `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }`},
		{"ask-conflict", `ASK { GRAPH ?a { ?m schema:startDate ?d1 } GRAPH ?b { ?m schema:startDate ?d2 } FILTER (?d1 != ?d2) }`},
		{"document-facts", `SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/partygraph/source/doc-1> { ?s ?p ?o } }`},
		{"count-default-graph", `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }`},
		{"count-per-graph", `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`},
		{"zero-or-more-path", `SELECT ?m ?s WHERE { ?m a pg:Meeting . ?m schema:superEvent* ?s }`},
		{"latest-date", `SELECT ?m (MAX(?d) AS ?latest) (MIN(?d) AS ?earliest) WHERE { ?m schema:startDate ?d } GROUP BY ?m`},
		{"optional-filter", `SELECT ?m ?c WHERE { ?m a pg:Meeting OPTIONAL { ?m pg:partyCount ?c FILTER (?c > 150) } }`},
		{"co-attendance", `SELECT DISTINCT ?m WHERE { ?m schema:attendee ?p1, ?p2 FILTER (?p1 != ?p2) }`},
		{"string-functions", `SELECT ?p (UCASE(?n) AS ?u) (STRLEN(?n) AS ?len) (SUBSTR(?n, 1, 6) AS ?head) WHERE { ?p schema:name ?n FILTER (CONTAINS(?n, "1")) }`},
		{"if-coalesce-in", `SELECT ?p (IF(BOUND(?party), "member", "independent") AS ?kind) (COALESCE(?party, "none") AS ?c) WHERE { ?p a schema:Person OPTIONAL { ?p schema:memberOf ?party } FILTER (?p NOT IN (<https://w3id.org/partygraph/id/person/person-1>)) }`},
		{"exists-keynote", `SELECT ?m WHERE { ?m a pg:Meeting FILTER EXISTS { ?m pg:keynote ?k } }`},
		{"top-by-count", `SELECT ?m ?c WHERE { ?m pg:partyCount ?c } ORDER BY DESC(?c) ?m LIMIT 3`},
		{"month-day", `SELECT ?m (MONTH(?d) AS ?month) (DAY(?d) AS ?day) WHERE { ?m schema:startDate ?d }`},
		{"inverse-path", `SELECT ?s ?m WHERE { ?s ^schema:superEvent ?m }`},
		{"alternative-path", `SELECT ?m ?x WHERE { ?m pg:speaker|pg:keynote ?x }`},
		{"regex-labels", `SELECT ?x ?l WHERE { ?x rdfs:label ?l FILTER regex(?l, "^party [0-9]$", "i") }`},
	}
}

// rdflibScript loads the N-Quads into a ConjunctiveGraph, whose default
// graph is the union of its graphs (a set, as partygraph's), and writes
// each query's results as SPARQL JSON.
const rdflibScript = `
import json, sys
from rdflib import ConjunctiveGraph
spec = json.load(open(sys.argv[1]))
g = ConjunctiveGraph()
g.parse(spec["data"], format="nquads")
out = {}
for q in spec["queries"]:
    try:
        res = g.query(q["query"], initNs=spec["prefixes"])
        out[q["name"]] = json.loads(res.serialize(format="json"))
    except Exception as e:
        out[q["name"]] = {"error": repr(e)}
json.dump(out, sys.stdout)
`

// TestDifferentialRDFLib runs analyst queries over a generated graph
// through partygraph (the store of package graph and this engine) and
// through rdflib, and compares the answers as multisets.
func TestDifferentialRDFLib(t *testing.T) {
	python := findRDFLib()
	if python == "" {
		t.Skip("rdflib is not installed for python3 (Debian: apt-get install python3-rdflib; .ci/run installs it)")
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "graph.nq")
	if err := os.WriteFile(data, []byte(generateGraph(7)), 0o644); err != nil {
		t.Fatal(err)
	}
	prefixes := map[string]string{}
	for _, p := range graph.Prefixes {
		prefixes[p.Prefix] = p.IRI
	}
	type namedQuery struct {
		Name  string `json:"name"`
		Query string `json:"query"`
	}
	var queries []namedQuery
	for _, ex := range examples.All() {
		queries = append(queries, namedQuery{"example-" + ex.Name, ex.Query})
	}
	for _, q := range diffQueries() {
		queries = append(queries, namedQuery{q.name, q.query})
	}

	// rdflib's answers.
	spec, _ := json.Marshal(map[string]any{"data": data, "queries": queries, "prefixes": prefixes})
	specPath := filepath.Join(dir, "spec.json")
	if err := os.WriteFile(specPath, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", rdflibScript, specPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rdflib: %v\n%s", err, stderr.String())
	}
	var answers map[string]json.RawMessage
	if err := json.Unmarshal(out, &answers); err != nil {
		t.Fatalf("rdflib output: %v", err)
	}

	// partygraph's stores: the in-memory one, and the default embedded one,
	// where the engine takes the store's own paths (MatchTriples).
	ctx := context.Background()
	quads, labels, err := graph.ReadQuadFile(data, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, store := range []struct{ name, db string }{{"memory", "mem:"}, {"embedded", filepath.Join(dir, "db")}} {
		st, err := graph.Open(ctx, store.db, graph.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := st.Replace(ctx, labels, quads); err != nil {
			t.Fatal(err)
		}
		for _, q := range queries {
			t.Run(store.name+"/"+q.Name, func(t *testing.T) {
				var rdflibErr struct {
					Error string `json:"error"`
				}
				json.Unmarshal(answers[q.Name], &rdflibErr)
				if rdflibErr.Error != "" {
					t.Fatalf("rdflib failed: %s", rdflibErr.Error)
				}
				want, err := results.ReadJSON(bytes.NewReader(answers[q.Name]))
				if err != nil {
					t.Fatalf("rdflib results: %v", err)
				}
				pq, err := sparql.ParseWith(q.Query, sparql.ParseOptions{Prefixes: prefixes})
				if err != nil {
					t.Fatalf("parse: %v", err)
				}
				res, err := sparql.Exec(ctx, st, pq, sparql.Options{})
				if err != nil {
					t.Fatalf("exec: %v", err)
				}
				got := &results.Set{Vars: res.Vars, Rows: res.Rows}
				if res.Form == sparql.FormAsk {
					got = &results.Set{IsBool: true, Bool: res.Bool}
				}
				// The example pinned to a real document finds nothing in the
				// generated graph; every other query must have rows to compare.
				if len(want.Rows) == 0 && !want.IsBool && len(got.Rows) == 0 && q.Name != "example-document-facts" {
					t.Errorf("no rows from either engine: the comparison proves nothing")
				}
				if msg := w3c.Compare(want, got, nil, false); msg != "" {
					t.Errorf("partygraph differs from rdflib: %s", msg)
				}
			})
		}
	}
}

// findRDFLib returns a python3 that can import rdflib, or "".
func findRDFLib() string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import rdflib").Run() == nil {
			return p
		}
	}
	return ""
}

// generateGraph writes a synthetic partygraph-shaped dataset as N-Quads:
// series, meetings with dates, venues and counts, parties with English and
// Chinese labels, people, speakers and attendees, stated by several source
// documents that overlap and sometimes disagree. Names are made up
// ("Party 3"); the same seed gives the same graph.
func generateGraph(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, seed))
	var b strings.Builder
	id := func(kind string, n int) quad.IRI { return graph.EntityIRI(kind, fmt.Sprintf("%s-%d", kind, n)) }
	src := func(n int) quad.IRI { return quad.IRI(fmt.Sprintf("%sdoc-%d", graph.SourceNS, n)) }
	emit := func(s, p, o quad.Value, g quad.IRI) {
		fmt.Fprintf(&b, "%s %s %s %s .\n", rdfio.FormatTerm(s), rdfio.FormatTerm(p), rdfio.FormatTerm(o), rdfio.FormatTerm(g))
	}
	typed := func(lex string, dt quad.IRI) quad.Value { return quad.TypedString{Value: quad.String(lex), Type: dt} }
	const nSources, nParties, nMeetings, nPeople, nCountries = 5, 12, 8, 20, 6
	for n := 1; n < nSources; n++ {
		emit(src(n), graph.Type, graph.SourceDocument, src(n))
	}
	// Reference data, stated by source 0 (a gazetteer).
	for c := 1; c <= nCountries; c++ {
		emit(id(graph.KindCountry, c), graph.Type, graph.Country, src(0))
		emit(id(graph.KindCountry, c), graph.Label, quad.LangString{Value: quad.String(fmt.Sprintf("Country %d", c)), Lang: "en"}, src(0))
		emit(id(graph.KindCity, c), graph.Type, graph.City, src(0))
	}
	for p := 1; p <= nParties; p++ {
		party := id(graph.KindParty, p)
		emit(party, graph.Type, graph.PoliticalParty, src(0))
		emit(party, graph.Label, quad.LangString{Value: quad.String(fmt.Sprintf("Party %d", p)), Lang: "en"}, src(0))
		if p%3 != 0 {
			emit(party, graph.Label, quad.LangString{Value: quad.String(fmt.Sprintf("政党%d", p)), Lang: "zh"}, src(0))
		}
		emit(party, graph.CountryProp, id(graph.KindCountry, 1+p%nCountries), src(0))
	}
	for n := 1; n <= nPeople; n++ {
		person := id(graph.KindPerson, n)
		emit(person, graph.Type, graph.Person, src(0))
		emit(person, graph.Name, quad.String(fmt.Sprintf("Person %d", n)), src(0))
		emit(person, graph.Label, quad.LangString{Value: quad.String(fmt.Sprintf("Person %d", n)), Lang: "en"}, src(0))
		if n%4 != 0 {
			emit(person, graph.MemberOf, id(graph.KindParty, 1+r.IntN(nParties)), src(0))
		}
	}
	for s := 1; s <= 2; s++ {
		series := id(graph.KindSeries, s)
		emit(series, graph.Type, graph.MeetingSeries, src(0))
		emit(series, graph.Label, quad.LangString{Value: quad.String(fmt.Sprintf("Series %d", s)), Lang: "en"}, src(0))
	}
	// Meetings, each described by two or three documents.
	for m := 1; m <= nMeetings; m++ {
		meeting := id(graph.KindMeeting, m)
		year := 2014 + m
		for k := 0; k < 2+r.IntN(2); k++ {
			g := src(1 + r.IntN(nSources-1))
			emit(meeting, graph.Type, graph.Meeting, g)
			emit(meeting, graph.SuperEvent, id(graph.KindSeries, 1+m%2), g)
			day := 1 + m
			if k == 2 {
				day++ // a third source that disagrees on the date
			}
			emit(meeting, graph.StartDate, typed(fmt.Sprintf("%d-%02d-%02d", year, 1+m%12, day), graph.XSDDate), g)
			emit(meeting, graph.Location, id(graph.KindCity, 1+m%nCountries), g)
			if r.IntN(2) == 0 {
				emit(meeting, graph.PartyCount, typed(fmt.Sprint(100+10*m+k), graph.XSDInteger), g)
			}
			for i := 0; i < 3+r.IntN(4); i++ {
				emit(meeting, graph.Attendee, id(graph.KindParty, 1+r.IntN(nParties)), g)
			}
			for i := 0; i < 1+r.IntN(3); i++ {
				emit(meeting, graph.Speaker, id(graph.KindPerson, 1+r.IntN(nPeople)), g)
			}
			if r.IntN(3) == 0 {
				emit(meeting, graph.Keynote, id(graph.KindPerson, 1+r.IntN(nPeople)), g)
			}
		}
	}
	return b.String()
}
