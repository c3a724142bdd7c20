package sparql

import (
	"context"
	"testing"

	"github.com/cayleygraph/quad"
)

// plainStore hides MemStore's LabelLister, as a store without that capability.
type plainStore struct{ m *MemStore }

func (s plainStore) Match(ctx context.Context, sp, p, o, g quad.Value, fn func(quad.Quad) bool) error {
	return s.m.Match(ctx, sp, p, o, g, fn)
}

func (s plainStore) Estimate(ctx context.Context, sp, p, o, g quad.Value) int64 {
	return s.m.Estimate(ctx, sp, p, o, g)
}

func TestDataset(t *testing.T) {
	multi := testStore(t) // alice's name and type are stated by doc1 and doc2
	single := NewMemStore()
	loadTurtle(t, single, quad.IRI("http://example.org/only"), `:a :p :b . :b :p :c .`)
	doc1, doc2 := quad.IRI("http://example.org/doc1"), quad.IRI("http://example.org/doc2")
	tests := []struct {
		name  string
		st    Store
		query string
		opt   Options
		want  string
	}{
		{"merge is a set", multi, `SELECT ?t WHERE { :alice a ?t }`, Options{}, "t=<http://example.org/Person>"},
		{"merge is a set without label listing", plainStore{multi}, `SELECT ?t WHERE { :alice a ?t }`, Options{}, "t=<http://example.org/Person>"},
		{"count of the merge", plainStore{multi}, `SELECT (COUNT(*) AS ?n) WHERE { :alice ?p ?o }`, Options{}, "n=7"},
		{"one row per source", plainStore{multi}, `SELECT ?g WHERE { GRAPH ?g { :alice a :Person } }`, Options{},
			"g=<http://example.org/doc1>\ng=<http://example.org/doc2>"},
		{"single label store", plainStore{single}, `SELECT ?x ?y WHERE { ?x :p/:p ?y }`, Options{}, "x=<http://example.org/a> y=<http://example.org/c>"},
		{"default graph option", multi, `SELECT ?a WHERE { :dave :age ?a }`, Options{DefaultGraph: []quad.Value{doc1}}, ""},
		{"default graph option merge", multi, `SELECT ?d WHERE { :m1 :date ?d }`, Options{DefaultGraph: []quad.Value{doc1, doc2}},
			"d=\"2017-12-01\"^^<http://www.w3.org/2001/XMLSchema#date>\nd=\"2017-12-03\"^^<http://www.w3.org/2001/XMLSchema#date>"},
		{"named graphs option", multi, `SELECT ?g WHERE { GRAPH ?g { :alice :name "Alice" } }`, Options{NamedGraphs: []quad.Value{doc2}}, "g=<http://example.org/doc2>"},
		{"FROM overrides options", multi, `SELECT ?n FROM :doc2 WHERE { :dave :name ?n }`, Options{DefaultGraph: []quad.Value{doc1}}, `n="Dave"`},
		{"FROM NAMED overrides options", multi, `SELECT ?g FROM NAMED :doc1 WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`, Options{NamedGraphs: []quad.Value{doc2}}, "g=<http://example.org/doc1>"},
		{"graph not named", multi, `ASK { GRAPH :doc1 { ?s ?p ?o } }`, Options{NamedGraphs: []quad.Value{doc2}}, "false"},
		{"facts stated once", plainStore{multi}, `SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER(?h != ?g) } FILTER(?s = :alice) }`, Options{},
			"s=<http://example.org/alice> p=<http://example.org/age> o=30\n" +
				"s=<http://example.org/alice> p=<http://example.org/born> o=\"1990-05-01\"^^<http://www.w3.org/2001/XMLSchema#date>\n" +
				"s=<http://example.org/alice> p=<http://example.org/knows> o=<http://example.org/bob>\n" +
				"s=<http://example.org/alice> p=<http://example.org/knows> o=<http://example.org/carol>\n" +
				"s=<http://example.org/alice> p=<http://example.org/knows> o=<http://example.org/dave>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := Parse(testPrefixes + tc.query)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Exec(context.Background(), tc.st, q, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := formatResult(res); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// labelCounter is a MemStore that also answers FirstLabels, counting the
// calls of both.
type labelCounter struct {
	*MemStore
	all, first int
}

func (s *labelCounter) Labels(ctx context.Context) ([]quad.Value, error) {
	s.all++
	return s.MemStore.Labels(ctx)
}

func (s *labelCounter) FirstLabels(ctx context.Context, n int) ([]quad.Value, error) {
	s.first++
	ls, err := s.MemStore.Labels(ctx)
	return ls[:min(n, len(ls))], err
}

// TestFewLabelsAsked checks that a query of the default graph asks a store
// of many sources for a few labels only, and that GRAPH ?g still sees all.
func TestFewLabelsAsked(t *testing.T) {
	st := &labelCounter{MemStore: NewMemStore()}
	for i := range 12 {
		g := quad.IRI("http://example.org/doc" + string(rune('a'+i)))
		st.Add(quad.Quad{Subject: quad.IRI("http://example.org/s"), Predicate: quad.IRI("http://example.org/p"), Object: quad.String("o"), Label: g})
	}
	run := func(query string) int {
		t.Helper()
		return len(mustExec(t, st, query).Rows)
	}
	if n := run(`SELECT ?o WHERE { ?s <http://example.org/p> ?o }`); n != 1 {
		t.Errorf("the default graph gave %d rows, want 1 (one triple in 12 graphs)", n)
	}
	if st.all != 0 || st.first != 1 {
		t.Errorf("a default-graph query listed all labels %d times and asked for a few %d times, want 0 and 1", st.all, st.first)
	}
	if n := run(`SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }`); n != 12 {
		t.Errorf("GRAPH ?g gave %d rows, want 12", n)
	}
}
