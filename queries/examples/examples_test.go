package examples_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/queries/examples"
	"github.com/partygraph/partygraph/queries/results"
	"github.com/partygraph/partygraph/queries/sparql"
)

func prefixes() map[string]string {
	m := map[string]string{}
	for _, p := range graph.Prefixes {
		m[p.Prefix] = p.IRI
	}
	return m
}

// run runs an example over the fixture and returns its rows as CSV lines.
func run(t *testing.T, st sparql.Store, text string) []string {
	t.Helper()
	q, err := sparql.ParseWith(text, sparql.ParseOptions{Prefixes: prefixes()})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	res, err := sparql.Exec(context.Background(), st, q, sparql.Options{})
	if err != nil {
		t.Fatalf("exec: %v", err)
	}
	var b strings.Builder
	if err := results.Write(&b, results.CSV, res.Vars, res.Rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(b.String(), "\r\n", "\n")), "\n")
	return lines[1:] // without the header
}

func fixture(t *testing.T) sparql.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), "mem:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	quads, labels, err := graph.ReadQuadFile("testdata/fixture.nq", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Replace(context.Background(), labels, quads); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExamples(t *testing.T) {
	st := fixture(t)
	const id = "https://w3id.org/partygraph/id/"
	const src = "https://w3id.org/partygraph/source/"
	// The expected rows were worked out by hand from testdata/fixture.nq.
	want := map[string][]string{
		"series-meetings": {
			// Two sources give two start dates for 2017: both rows stay.
			"Test Series," + id + "meeting/hlm-2017,2017-11-30,,Alpha City,",
			"Test Series," + id + "meeting/hlm-2017,2017-12-01,,Alpha City,",
			"Test Series," + id + "meeting/hlm-2023,2023-03-15,,,",
		},
		"meeting-speakers": {
			id + "meeting/hlm-2017,2017-11-30,Ann Example,Party One,Country One",
			id + "meeting/hlm-2017,2017-12-01,Ann Example,Party One,Country One",
			id + "meeting/hlm-2023,2023-03-15,Ann Example,Party One,Country One",
			id + "meeting/hlm-2023,2023-03-15,Bo Example,,",
		},
		"repeat-parties": {
			id + "party/p1,Party One,2",
		},
		"conflicts": {
			id + "meeting/hlm-2017,http://schema.org/startDate,2017-11-30," + src + "doc-a,2017-12-01," + src + "doc-b",
		},
		"single-source-facts": {
			id + "meeting/hlm-2017,http://schema.org/attendee," + id + "party/p2," + src + "doc-a",
			id + "meeting/hlm-2017,http://schema.org/location," + id + "city/alpha," + src + "doc-a",
			id + "meeting/hlm-2017,http://schema.org/startDate,2017-11-30," + src + "doc-a",
			id + "meeting/hlm-2017,http://schema.org/startDate,2017-12-01," + src + "doc-b",
			id + "meeting/hlm-2017,http://schema.org/superEvent," + id + "series/hlm," + src + "doc-a",
			id + "meeting/hlm-2017,https://w3id.org/partygraph/ontology#speaker," + id + "person/ann," + src + "doc-a",
			id + "meeting/hlm-2023,http://schema.org/startDate,2023-03-15," + src + "doc-b",
			id + "meeting/hlm-2023,http://schema.org/superEvent," + id + "series/hlm," + src + "doc-b",
			id + "meeting/hlm-2023,https://w3id.org/partygraph/ontology#partyCount,500," + src + "doc-b",
			id + "meeting/hlm-2023,https://w3id.org/partygraph/ontology#speaker," + id + "person/ann," + src + "doc-b",
			id + "meeting/hlm-2023,https://w3id.org/partygraph/ontology#speaker," + id + "person/bo," + src + "doc-b",
		},
	}
	all := examples.All()
	if len(all) < 6 {
		t.Fatalf("%d examples, want at least 6", len(all))
	}
	for _, ex := range all {
		t.Run(ex.Name, func(t *testing.T) {
			if ex.Title == "" || ex.Description == "" {
				t.Errorf("example %s lacks a title or description", ex.Name)
			}
			got := run(t, st, ex.Query)
			w, ok := want[ex.Name]
			if !ok {
				return // runs without error; its rows depend on a document name
			}
			if strings.Join(got, "\n") != strings.Join(w, "\n") {
				t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
			}
		})
	}
}

func TestDocumentFacts(t *testing.T) {
	st := fixture(t)
	ex, err := examples.Get("document-facts")
	if err != nil {
		t.Fatal(err)
	}
	q := strings.Replace(ex.Query, "source/002_abc125928182cd8d", "source/doc-a", 1)
	got := run(t, st, q)
	data, _ := os.ReadFile("testdata/fixture.nq")
	n := strings.Count(string(data), "source/doc-a> .")
	if len(got) != n {
		t.Errorf("%d facts from doc-a, want %d:\n%s", len(got), n, strings.Join(got, "\n"))
	}
}

func TestGet(t *testing.T) {
	if _, err := examples.Get("nope"); err == nil || !strings.Contains(err.Error(), "meeting-speakers") {
		t.Errorf("Get(nope) = %v, want an error listing the examples", err)
	}
	ex, err := examples.Get("conflicts")
	if err != nil || !strings.Contains(ex.Query, "GRAPH ?source1") {
		t.Errorf("Get(conflicts) = %v, %v", ex.Name, err)
	}
}
