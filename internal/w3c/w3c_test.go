package w3c

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/internal/rdfio"
	"github.com/partygraph/partygraph/queries/results"
)

func TestLoad(t *testing.T) {
	tests, err := Load(filepath.Join("testdata", "suite", "manifest.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) != 3 {
		t.Fatalf("got %d tests, want the 3 listed in mf:entries", len(tests))
	}
	ev, syn, gone := tests[0], tests[1], tests[2]
	abs, _ := filepath.Abs(filepath.Join("testdata", "suite", "sub"))
	if ev.Name != "eval one" || ev.Type != "QueryEvaluationTest" || ev.Approval != "Approved" || !ev.LaxCardinality ||
		ev.Query != filepath.Join(abs, "q.rq") || !reflect.DeepEqual(ev.Data, []string{filepath.Join(abs, "d.ttl")}) ||
		ev.Result != filepath.Join(abs, "r.srx") || ev.Dir != "sub" || ev.IRI != "http://example/sub/manifest#eval" {
		t.Errorf("evaluation test read wrong: %+v", ev)
	}
	wantGraphs := []Graph{{Name: rdfio.FileIRI(filepath.Join(abs, "g.ttl")), Path: filepath.Join(abs, "g.ttl")},
		{Name: "http://example/h", Path: filepath.Join(abs, "h.ttl")}}
	if !reflect.DeepEqual(ev.GraphData, wantGraphs) {
		t.Errorf("graph data: got %+v, want %+v", ev.GraphData, wantGraphs)
	}
	if !syn.IsSyntaxTest() || !syn.IsNegative() || syn.Query != filepath.Join(abs, "bad.rq") {
		t.Errorf("syntax test read wrong: %+v", syn)
	}
	if !gone.Withdrawn() || ev.Withdrawn() {
		t.Errorf("withdrawn: %v %v", gone.Withdrawn(), ev.Withdrawn())
	}
}

func TestReadExpectedResultSetGraph(t *testing.T) {
	exp, err := ReadExpected(filepath.Join("testdata", "suite", "sub", "r.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	if exp.Set == nil || !exp.Ordered || len(exp.Set.Rows) != 2 {
		t.Fatalf("got %+v", exp)
	}
	if _, ok := exp.Set.Rows[0][0].(quad.BNode); !ok || exp.Set.Rows[1][0] != (quad.TypedString{Value: "1", Type: rdfio.XSDInteger}) {
		t.Errorf("rows not in rs:index order: %v", exp.Set.Rows)
	}
}

func TestCompare(t *testing.T) {
	iri := func(s string) quad.Value { return quad.IRI("http://e/" + s) }
	num := func(lex string, dt quad.IRI) quad.Value { return quad.TypedString{Value: quad.String(lex), Type: dt} }
	b := func(s string) quad.Value { return quad.BNode(s) }
	set := func(vars string, rows ...[]quad.Value) *results.Set {
		return &results.Set{Vars: strings.Fields(vars), Rows: rows}
	}
	row := func(v ...quad.Value) []quad.Value { return v }
	tests := []struct {
		name     string
		exp, act *results.Set
		orderBy  []string
		lax      bool
		ok       bool
	}{
		{"equal", set("x", row(iri("a")), row(iri("b"))), set("x", row(iri("b")), row(iri("a"))), nil, false, true},
		{"missing row", set("x", row(iri("a")), row(iri("b"))), set("x", row(iri("a"))), nil, false, false},
		{"multiplicity", set("x", row(iri("a")), row(iri("a"))), set("x", row(iri("a")), row(iri("b"))), nil, false, false},
		{"column order", set("x y", row(iri("a"), iri("b"))), set("y x", row(iri("b"), iri("a"))), nil, false, true},
		{"unbound vs bound", set("x y", row(iri("a"), nil)), set("x y", row(iri("a"), iri("b"))), nil, false, false},
		{"different var bound", set("x", row(iri("a"))), set("y", row(iri("a"))), nil, false, false},
		{"extra unbound column", set("x", row(iri("a"))), set("x y", row(iri("a"), nil)), nil, false, true},
		{"bnode renaming", set("x y", row(b("1"), b("2")), row(b("2"), b("1"))), set("x y", row(b("q"), b("r")), row(b("r"), b("q"))), nil, false, true},
		{"bnode sharing differs", set("x y", row(b("1"), b("1"))), set("x y", row(b("q"), b("r"))), nil, false, false},
		{"bnode not injective", set("x", row(b("1")), row(b("2"))), set("x", row(b("q")), row(b("q"))), nil, false, false},
		{"bnode vs iri", set("x", row(b("1"))), set("x", row(iri("a"))), nil, false, false},
		{"numeric lexical forms", set("n", row(num("1.50", rdfio.XSDDecimal)), row(num("01", rdfio.XSDInteger))),
			set("n", row(num("1.5", rdfio.XSDDecimal)), row(num("1", rdfio.XSDInteger))), nil, false, true},
		{"numeric types differ", set("n", row(num("1", rdfio.XSDDecimal))), set("n", row(num("1", rdfio.XSDInteger))), nil, false, false},
		{"string vs lang", set("s", row(quad.String("a"))), set("s", row(quad.LangString{Value: "a", Lang: "en"})), nil, false, false},
		{"ordered ok", set("x k", row(iri("a"), num("1", rdfio.XSDInteger)), row(iri("b"), num("2", rdfio.XSDInteger))),
			set("x k", row(iri("a"), num("1", rdfio.XSDInteger)), row(iri("b"), num("2", rdfio.XSDInteger))), []string{"k"}, false, true},
		{"ordered wrong", set("x k", row(iri("a"), num("1", rdfio.XSDInteger)), row(iri("b"), num("2", rdfio.XSDInteger))),
			set("x k", row(iri("b"), num("2", rdfio.XSDInteger)), row(iri("a"), num("1", rdfio.XSDInteger))), []string{"k"}, false, false},
		{"ties in any order", set("x k", row(iri("a"), num("1", rdfio.XSDInteger)), row(iri("b"), num("1", rdfio.XSDInteger))),
			set("x k", row(iri("b"), num("1", rdfio.XSDInteger)), row(iri("a"), num("1", rdfio.XSDInteger))), []string{"k"}, false, true},
		{"whole rows ordered", set("x", row(iri("a")), row(iri("b"))), set("x", row(iri("b")), row(iri("a"))), []string{}, false, false},
		{"lax duplicates", set("x", row(iri("a")), row(iri("a")), row(iri("b"))), set("x", row(iri("a")), row(iri("b"))), nil, true, true},
		{"lax still needs rows", set("x", row(iri("a")), row(iri("b"))), set("x", row(iri("a"))), nil, true, false},
		{"ask", &results.Set{IsBool: true, Bool: true}, &results.Set{IsBool: true, Bool: false}, nil, false, false},
		{"ask vs select", &results.Set{IsBool: true, Bool: true}, set("x"), nil, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msg := Compare(tc.exp, tc.act, tc.orderBy, tc.lax)
			if (msg == "") != tc.ok {
				t.Errorf("Compare = %q, want ok=%v", msg, tc.ok)
			}
		})
	}
}

func TestCompareGraphs(t *testing.T) {
	parse := func(s string) []quad.Quad {
		qs, err := rdfio.ParseTurtle(strings.NewReader(s), rdfio.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return qs
	}
	tests := []struct {
		name, a, b string
		ok         bool
	}{
		{"same", `<a> <p> [ <q> "x" ] .`, `<a> <p> _:z . _:z <q> "x" .`, true},
		{"duplicates are one triple", `<a> <p> <b> .`, `<a> <p> <b> . <a> <p> <b> .`, true},
		{"chain vs fork", `_:a <p> _:b . _:b <p> _:c .`, `_:a <p> _:b . _:c <p> _:b .`, false},
		{"extra triple", `<a> <p> <b> .`, `<a> <p> <b> . <a> <p> <c> .`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if msg := CompareGraphs(parse(tc.a), parse(tc.b)); (msg == "") != tc.ok {
				t.Errorf("CompareGraphs = %q, want ok=%v", msg, tc.ok)
			}
		})
	}
}

func TestOrderKeys(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"SELECT * { ?s ?p ?o }", nil},
		{"SELECT * { ?s ?p ?o } ORDER BY ?s DESC(?o) LIMIT 3", []string{"s", "o"}},
		{"SELECT * { { SELECT ?s { ?s ?p ?o } ORDER BY ?s LIMIT 1 } }", nil},
		{"SELECT * { ?s ?p ?o } ORDER BY str(?s)", []string{}},
		{"SELECT * { ?s ?p \"}\" . ?s <http://e/{x}> ?o } order by asc(?o)", []string{"o"}},
		{"# ORDER BY ?x\nSELECT * { ?s ?p ?o }", nil},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			got := OrderKeys(tc.q)
			if !reflect.DeepEqual(got, tc.want) || (got == nil) != (tc.want == nil) {
				t.Errorf("OrderKeys(%q) = %#v, want %#v", tc.q, got, tc.want)
			}
		})
	}
}

func TestMemStore(t *testing.T) {
	m := NewMemStore()
	a, b, p, g := quad.IRI("a"), quad.IRI("b"), quad.IRI("p"), quad.IRI("g")
	m.Add(quad.Quad{Subject: a, Predicate: p, Object: b, Label: g}, quad.Quad{Subject: b, Predicate: p, Object: a},
		quad.Quad{Subject: a, Predicate: p, Object: b, Label: g})
	if m.Len() != 2 {
		t.Errorf("Len = %d, want 2 (duplicates stored once)", m.Len())
	}
	count := func(s, p, o, g quad.Value) int {
		n := 0
		m.Match(context.Background(), s, p, o, g, func(quad.Quad) bool { n++; return true })
		return n
	}
	if count(nil, nil, nil, nil) != 2 || count(a, nil, nil, nil) != 1 || count(nil, nil, nil, g) != 1 || count(b, p, a, g) != 0 {
		t.Error("Match returned wrong quads")
	}
	if m.Estimate(context.Background(), a, nil, nil, nil) != 1 {
		t.Error("Estimate with a bound subject")
	}
}

func FuzzOrderKeys(f *testing.F) {
	f.Add("SELECT * { ?s ?p ?o } ORDER BY ?s DESC(?o) LIMIT 3")
	f.Add("SELECT * { ?s <x> \"\"\"}\"\"\" } # ORDER BY ?x\n ORDER BY (?s + 1)")
	f.Fuzz(func(t *testing.T, q string) {
		keys := OrderKeys(q)
		if keys != nil && !strings.Contains(strings.ToUpper(q), "BY") {
			t.Fatalf("keys %q from a query without ORDER BY: %q", keys, q)
		}
	})
}

func TestCompareGraphsHard(t *testing.T) {
	cycle := func(prefix string, n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString("_:" + prefix + strconv.Itoa(i) + " <p> _:" + prefix + strconv.Itoa((i+1)%n) + " .\n")
		}
		return b.String()
	}
	parse := func(s string) []quad.Quad {
		qs, err := rdfio.ParseTurtle(strings.NewReader(s), rdfio.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return qs
	}
	// Color refinement cannot tell two 3-cycles from one 6-cycle; the
	// search must.
	if msg := CompareGraphs(parse(cycle("a", 3)+cycle("b", 3)), parse(cycle("c", 6))); msg == "" {
		t.Error("two 3-cycles matched one 6-cycle")
	}
	if msg := CompareGraphs(parse(cycle("a", 3)+cycle("b", 3)), parse(cycle("d", 3)+cycle("e", 3))); msg != "" {
		t.Errorf("isomorphic cycles: %s", msg)
	}
	// A wide tree of blank nodes with identical leaves.
	var tree strings.Builder
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&tree, "_:root <child> _:n%d . _:n%d <leaf> [ <v> 1 ] .\n", i, i)
	}
	if msg := CompareGraphs(parse(tree.String()), parse(tree.String())); msg != "" {
		t.Errorf("tree: %s", msg)
	}
}
