package graph_test

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

func TestTermText(t *testing.T) {
	for _, tc := range []struct {
		v    quad.Value
		want string
	}{
		{quad.IRI("http://x/a"), "http://x/a"},
		{quad.BNode("b1"), "_:b1"},
		{quad.String("plain"), "plain"},
		{quad.LangString{Value: "mot", Lang: "fr-BE"}, "mot"},
		{quad.TypedString{Value: "500", Type: graph.XSDInteger}, "500"},
		{quad.Int(7), "7"},
		{nil, ""},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := graph.TermText(tc.v); got != tc.want {
				t.Errorf("TermText(%#v) = %q, want %q", tc.v, got, tc.want)
			}
		})
	}
}

// JSON-LD can only say quads whose subject and graph label are nodes and
// whose predicate is an IRI; anything else is an error naming the term.
func TestWriteJSONLDRejects(t *testing.T) {
	s, p, o := quad.IRI("http://x/s"), quad.IRI("http://x/p"), quad.String("o")
	for _, tc := range []struct {
		name string
		q    quad.Quad
		want string
	}{
		{"literal subject", quad.Quad{Subject: quad.String("lit"), Predicate: p, Object: o}, `subject "lit"`},
		{"blank predicate", quad.Quad{Subject: s, Predicate: quad.BNode("b"), Object: o}, "predicate _:b"},
		{"literal label", quad.Quad{Subject: s, Predicate: p, Object: o, Label: quad.String("g")}, `graph label "g"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			err := graph.WriteJSONLD(&b, []quad.Quad{tc.q})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one naming %s", err, tc.want)
			}
		})
	}
}
