package sparql

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// randomStore builds a graph with repeated predicates and shared objects, in
// two graphs that overlap, so that joins repeat lookups.
func randomStore(n int) *MemStore {
	r := rand.New(rand.NewPCG(1, 2))
	st := NewMemStore()
	node := func(k int) quad.Value { return quad.IRI("http://example.org/n" + strconv.Itoa(r.IntN(k))) }
	for i := 0; i < n; i++ {
		var o quad.Value = node(200)
		if r.IntN(5) == 0 {
			o = quad.TypedString{Value: quad.String(strconv.Itoa(r.IntN(20))), Type: xsdInteger}
		}
		g := quad.IRI("http://example.org/g" + strconv.Itoa(r.IntN(2)))
		st.Add(quad.Quad{Subject: node(300), Predicate: quad.IRI("http://example.org/p" + strconv.Itoa(r.IntN(4))), Object: o, Label: g})
	}
	return st
}

// TestHashSteps checks that BGP steps switched to hash tables give the same
// solutions as index nested loops.
func TestHashSteps(t *testing.T) {
	st := randomStore(3000)
	queries := []string{
		`SELECT * { ?a ex:p0 ?b . ?b ex:p1 ?c . ?c ex:p2 ?d }`,
		`SELECT * { ?a ex:p0 ?b . ?b ex:p1 ?c . ?a ex:p2 ?c }`,
		`SELECT * { ?a ex:p0 ?b . ?b ?p ?b }`,
		`SELECT * { ?a ex:p0 ?b . ?b ex:p1 ?x . ?a ex:p3 ?x FILTER(isIRI(?x)) }`,
		`SELECT * { ?a ex:p0 ?b . ?c ex:p3 5 }`,
		`SELECT * { ?a ?p ?b . ?b ex:p1 ex:n7 }`,
		`SELECT ?g ?a ?c { GRAPH ?g { ?a ex:p0 ?b . ?b ex:p1 ?c } }`,
		`SELECT ?a ?c { GRAPH <http://example.org/g1> { ?a ex:p0 ?b . ?b ex:p1 ?c } }`,
		`SELECT (COUNT(*) AS ?n) { ?a ex:p0 ?b OPTIONAL { ?b ex:p2 ?c . ?c ex:p3 ?d } }`,
		`SELECT * { ?a ex:p0 ?b OPTIONAL { ?b ex:p1 ?c } }`,
		`SELECT * { ?a ex:p0 ?b OPTIONAL { ?b ex:p1 ?c FILTER(?c != ?a) } }`,
		`SELECT * { ?a ex:p0 ?b FILTER EXISTS { ?b ex:p2 ?x } }`,
		`SELECT * { ?a ex:p0 ?b FILTER NOT EXISTS { ?b ex:p2 ex:n3 } }`,
		`SELECT * { ?a ex:p0 ?b OPTIONAL { ?a ex:p3 ?z } }`,
		`SELECT ?g ?a ?c { GRAPH ?g { ?a ex:p0 ?b } OPTIONAL { GRAPH ?g { ?b ex:p1 ?c } } }`,
	}
	for i, text := range queries {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			q, err := Parse(testPrefixes + text)
			if err != nil {
				t.Fatal(err)
			}
			// plainStore has no LookupCost: the engine assumes expensive lookups and hashes sooner
			hashed, err := Exec(context.Background(), plainStore{st}, q, Options{})
			if err != nil {
				t.Fatal(err)
			}
			looped, err := Exec(context.Background(), st, q, Options{noHash: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(looped.Rows) == 0 {
				t.Fatalf("query %s has no solutions; the test would prove nothing", text)
			}
			if a, b := formatResult(hashed), formatResult(looped); a != b {
				t.Errorf("query %s: %d rows with hash steps, %d with nested loops", text, len(hashed.Rows), len(looped.Rows))
			}
		})
	}
}

// TestDefaultGraphDuplicates checks the default graph of a store where one
// predicate's triples are all stated by two graphs and another's by one: the
// engine stops removing duplicates for the second once it has checked that
// one graph holds it, and must go on removing them for the first, in nested
// loops and hash steps alike. The answers must be those of the same triples
// in one graph.
func TestDefaultGraphDuplicates(t *testing.T) {
	g0, g1 := quad.IRI("http://example.org/g0"), quad.IRI("http://example.org/g1")
	two, one := NewMemStore(), NewMemStore()
	iri := func(s string, i int) quad.IRI { return quad.IRI("http://example.org/" + s + strconv.Itoa(i)) }
	for i := 0; i < 60; i++ {
		q := quad.Quad{Subject: iri("s", i), Predicate: quad.IRI("http://example.org/once"), Object: iri("o", i%20), Label: g0}
		two.Add(q)
		one.Add(q)
	}
	for i := 0; i < 20; i++ {
		for j := 0; j < 3; j++ {
			q := quad.Quad{Subject: iri("o", i), Predicate: quad.IRI("http://example.org/twice"), Object: iri("x", (i+j)%7), Label: g0}
			two.Add(q)
			one.Add(q)
			q.Label = g1
			two.Add(q)
		}
	}
	queries := []string{
		`SELECT ?s ?x { ?s ex:once ?o . ?o ex:twice ?x }`,
		`SELECT ?o ?x { ?s ex:once ?o . ?o ex:twice ?x . ?s ex:once ?o }`,
		`SELECT (COUNT(*) AS ?n) { ?s ex:once ?o . ?o ex:twice ?x . ?p ex:twice ?x }`,
		`SELECT ?x { ?o ex:twice ?x }`,
	}
	for i, text := range queries {
		q, err := Parse(testPrefixes + text)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Exec(context.Background(), one, q, Options{noHash: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Rows) == 0 {
			t.Fatalf("query %s has no solutions; the test would prove nothing", text)
		}
		for _, tc := range []struct {
			name string
			st   Store
			opt  Options
		}{
			{"loops", two, Options{noHash: true}},
			{"hash", two, Options{}},
			{"loops, early check", two, Options{noHash: true, oneGraphFrom: 4}},
			{"hash, early check", two, Options{oneGraphFrom: 4}},
			{"hash, expensive lookups, early check", plainLabelStore{two}, Options{oneGraphFrom: 4}},
		} {
			t.Run(strconv.Itoa(i)+"/"+tc.name, func(t *testing.T) {
				got, err := Exec(context.Background(), tc.st, q, tc.opt)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := formatResult(got), formatResult(want); a != b {
					t.Errorf("query %s: %d rows, want %d:\n%s\nwant:\n%s", text, len(got.Rows), len(want.Rows), a, b)
				}
			})
		}
	}
}

// plainLabelStore lists labels but has no LookupCost (so the engine hashes sooner).
type plainLabelStore struct{ m *MemStore }

func (s plainLabelStore) Match(ctx context.Context, sp, p, o, g quad.Value, fn func(quad.Quad) bool) error {
	return s.m.Match(ctx, sp, p, o, g, fn)
}

func (s plainLabelStore) Estimate(ctx context.Context, sp, p, o, g quad.Value) int64 {
	return s.m.Estimate(ctx, sp, p, o, g)
}

func (s plainLabelStore) Labels(ctx context.Context) ([]quad.Value, error) { return s.m.Labels(ctx) }

// idOnlyStore offers a graph.Store's term ids but not its lookup cost, so
// that the engine evaluates BGPs on ids and switches steps to hash tables
// sooner.
type idOnlyStore struct{ s *graph.Store }

func (s idOnlyStore) Match(ctx context.Context, sp, p, o, g quad.Value, fn func(quad.Quad) bool) error {
	return s.s.Match(ctx, sp, p, o, g, fn)
}

func (s idOnlyStore) Estimate(ctx context.Context, sp, p, o, g quad.Value) int64 {
	return s.s.Estimate(ctx, sp, p, o, g)
}

func (s idOnlyStore) TermIDs(ctx context.Context, vals []quad.Value, ids []uint64) (bool, error) {
	return s.s.TermIDs(ctx, vals, ids)
}

func (s idOnlyStore) MatchTripleIDs(ctx context.Context, t [3]uint64, fn func([3]uint64) bool) error {
	return s.s.MatchTripleIDs(ctx, t, fn)
}

func (s idOnlyStore) TermValues(ctx context.Context, ids []uint64, vals []quad.Value) error {
	return s.s.TermValues(ctx, ids, vals)
}

// TestHashStepsOnIDs checks that BGP steps evaluated on term ids and
// switched to hash tables give the solutions of nested loops on values:
// tables whose keys come in ascending order (an object of a pattern scanned
// by predicate) and tables whose keys do not, with several triples per key.
func TestHashStepsOnIDs(t *testing.T) {
	ctx := context.Background()
	mem := randomStore(3000)
	var qs []quad.Quad
	mem.Match(ctx, nil, nil, nil, nil, func(q quad.Quad) bool { qs = append(qs, q); return true })
	st, err := graph.Open(ctx, filepath.Join(t.TempDir(), "db"), graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Replace(ctx, []quad.Value{quad.IRI("http://example.org/g0"), quad.IRI("http://example.org/g1")}, qs); err != nil {
		t.Fatal(err)
	}
	queries := []string{
		`SELECT * { ?a ex:p0 ?b . ?b ex:p1 ?c . ?c ex:p2 ?d }`,
		`SELECT * { ?a ex:p0 ?b . ?b ex:p1 ?c . ?a ex:p2 ?c }`,
		`SELECT * { ?a ex:p0 ?b . ?c ex:p1 ?b }`,
		`SELECT * { ?a ex:p0 ?b . ?c ex:p1 ?b . ?c ex:p2 ?d }`,
		`SELECT * { ?a ?p ?b . ?b ex:p1 ex:n7 }`,
		`SELECT (COUNT(*) AS ?n) { ?a ex:p0 ?b . ?c ex:p3 ?b }`,
		`SELECT DISTINCT ?a ?c { ?a ex:p0 ?b . ?b ex:p1 ?c } ORDER BY ?c ?a LIMIT 7`,
	}
	for i, text := range queries {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			q, err := Parse(testPrefixes + text)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Exec(ctx, idOnlyStore{st}, q, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := Exec(ctx, mem, q, Options{noHash: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Rows) == 0 {
				t.Fatalf("query %s has no solutions; the test would prove nothing", text)
			}
			if a, b := formatResult(got), formatResult(want); a != b {
				t.Errorf("query %s: %d rows on ids with hash steps, %d with nested loops on values", text, len(got.Rows), len(want.Rows))
			}
		})
	}
}
