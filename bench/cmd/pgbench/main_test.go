package main

import (
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/queries/sparql"
)

func TestCanonical(t *testing.T) {
	a := &sparql.Result{Form: sparql.FormSelect, Vars: []string{"y", "x"}, Rows: [][]quad.Value{
		{quad.String("b"), quad.IRI("http://e/1")},
		{nil, quad.IRI("http://e/2")},
		{quad.LangString{Value: "c", Lang: "EN"}, quad.TypedString{Value: "3", Type: graph.XSDInteger}},
	}}
	// The same rows in another order and with the variables swapped.
	b := &sparql.Result{Form: sparql.FormSelect, Vars: []string{"x", "y"}, Rows: [][]quad.Value{
		{quad.TypedString{Value: "3", Type: graph.XSDInteger}, quad.LangString{Value: "c", Lang: "en"}},
		{quad.IRI("http://e/2"), nil},
		{quad.IRI("http://e/1"), quad.TypedString{Value: "b", Type: graph.XSDString}},
	}}
	na, ha := canonical(a)
	nb, hb := canonical(b)
	if na != 3 || nb != 3 || ha != hb {
		t.Errorf("same answers: (%d, %s) and (%d, %s)", na, ha, nb, hb)
	}
	// One different value changes the digest; so does a repeated row (multisets).
	b.Rows[0][0] = quad.TypedString{Value: "4", Type: graph.XSDInteger}
	if _, h := canonical(b); h == ha {
		t.Error("different answers, same digest")
	}
	a.Rows = append(a.Rows, a.Rows[0])
	if _, h := canonical(a); h == ha {
		t.Error("a repeated row does not change the digest")
	}
}

func TestTerm(t *testing.T) {
	for _, tc := range []struct {
		v    quad.Value
		want string
	}{
		{quad.IRI("http://e/a"), "I:http://e/a"},
		{quad.BNode("b0"), "B"},
		{quad.String("x"), "L:x^^http://www.w3.org/2001/XMLSchema#string"},
		{quad.LangString{Value: "x", Lang: "zh-Hans"}, "L:x@zh-hans"},
		{quad.TypedString{Value: "2017", Type: graph.XSDGYear}, "L:2017^^http://www.w3.org/2001/XMLSchema#gYear"},
		{quad.Int(5), "L:5^^http://www.w3.org/2001/XMLSchema#integer"},
	} {
		if got := term(tc.v); got != tc.want {
			t.Errorf("term(%#v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want float64
	}{{[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(tc.xs); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
}
