package rdfio

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

const sampleTTL = `@prefix ex: <http://ex/> .
ex:a a ex:Meeting ; ex:n 3, 4.5, 1e2, false ; ex:label "Beijing \"2017\"\n"@en, "x"^^ex:t .
_:b ex:p ex:a, _:c .
`

func TestWriteTurtleRoundTrip(t *testing.T) {
	in, err := ParseTurtle(strings.NewReader(sampleTTL), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteTurtle(&b, in, []Prefix{{"ex", "http://ex/"}}); err != nil {
		t.Fatal(err)
	}
	out, err := ParseTurtle(strings.NewReader(b.String()), Options{})
	if err != nil {
		t.Fatalf("%v in\n%s", err, b.String())
	}
	if !strings.Contains(b.String(), "ex:a a ex:Meeting") || !strings.Contains(b.String(), "ex:n 3 ,") {
		t.Errorf("prefixes or shorthand not used:\n%s", b.String())
	}
	if len(in) != len(out) {
		t.Fatalf("round trip changed %d triples into %d:\n%s", len(in), len(out), b.String())
	}
	// Ground triples must survive exactly.
	set := map[string]bool{}
	for _, q := range out {
		set[ntLines([]quad.Quad{q})] = true
	}
	for _, q := range in {
		if _, ok := q.Subject.(quad.BNode); ok {
			continue
		}
		if _, ok := q.Object.(quad.BNode); ok {
			continue
		}
		if !set[ntLines([]quad.Quad{q})] {
			t.Errorf("lost %s", ntLines([]quad.Quad{q}))
		}
	}
}

func TestWriteJSONLD(t *testing.T) {
	in := []quad.Quad{
		{Subject: quad.IRI("http://ex/a"), Predicate: RDFType, Object: quad.IRI("http://ex/C")},
		{Subject: quad.IRI("http://ex/a"), Predicate: quad.IRI("http://ex/n"), Object: quad.TypedString{Value: "3", Type: XSDInteger}},
		{Subject: quad.BNode("b1"), Predicate: quad.IRI("http://ex/p"), Object: quad.BNode("b2")},
		{Subject: quad.IRI("http://ex/a"), Predicate: quad.IRI("http://ex/l"), Object: quad.LangString{Value: "x", Lang: "zh"}, Label: quad.IRI("http://g/1")},
	}
	var b strings.Builder
	if err := WriteJSONLD(&b, in); err != nil {
		t.Fatal(err)
	}
	// Expanded JSON-LD as graph.WriteJSONLD writes it: a top-level array of
	// node objects, sorted by @id, a named graph as {"@id", "@graph"}.
	var doc []map[string]any
	if err := json.Unmarshal([]byte(b.String()), &doc); err != nil {
		t.Fatalf("%v:\n%s", err, b.String())
	}
	if len(doc) != 3 {
		t.Fatalf("want 3 top-level nodes (a, _:b1, graph g/1), got %d:\n%s", len(doc), b.String())
	}
	want := []string{
		`{"@id":"_:b1","http://ex/p":[{"@id":"_:b2"}]}`,
		`{"@id":"http://ex/a","@type":["http://ex/C"],"http://ex/n":[{"@type":"http://www.w3.org/2001/XMLSchema#integer","@value":"3"}]}`,
		`{"@graph":[{"@id":"http://ex/a","http://ex/l":[{"@language":"zh","@value":"x"}]}],"@id":"http://g/1"}`,
	}
	for i, node := range doc {
		got, err := json.Marshal(node) // map keys sorted
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want[i] {
			t.Errorf("node %d = %s\nwant %s", i, got, want[i])
		}
	}
}

func TestFormatTerm(t *testing.T) {
	tests := []struct {
		v    quad.Value
		want string
	}{
		{quad.IRI("http://x/a b"), `<http://x/a\u0020b>`},
		{quad.String("a\"b\\c\n"), `"a\"b\\c\n"`},
		{quad.TypedString{Value: "x", Type: XSDString}, `"x"`},
		{quad.LangString{Value: "x", Lang: "en"}, `"x"@en`},
		{quad.BNode("b"), `_:b`},
		{nil, ``},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := FormatTerm(tc.v); got != tc.want {
				t.Errorf("FormatTerm(%#v) = %s, want %s", tc.v, got, tc.want)
			}
		})
	}
}
