package rdfio

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func ntLines(qs []quad.Quad) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(FormatTerm(q.Subject) + " " + FormatTerm(q.Predicate) + " " + FormatTerm(q.Object) + " .\n")
	}
	return b.String()
}

func TestParseTurtle(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"prefix and a", `@prefix ex: <http://ex/> . ex:s a ex:C .`,
			"<http://ex/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C> .\n"},
		{"sparql prefix and base", "BASE <http://b/dir/>\nPREFIX : <x#>\n:s <../p> <> .",
			"<http://b/dir/x#s> <http://b/p> <http://b/dir/> .\n"},
		{"numbers and booleans", `<s> <p> 1, -2.5, 1e3, .5E-1, true .`,
			`<s> <p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .` + "\n" +
				`<s> <p> "-2.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .` + "\n" +
				`<s> <p> "1e3"^^<http://www.w3.org/2001/XMLSchema#double> .` + "\n" +
				`<s> <p> ".5E-1"^^<http://www.w3.org/2001/XMLSchema#double> .` + "\n" +
				`<s> <p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .` + "\n"},
		{"integer before dot", `<s> <p> 1.`, `<s> <p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .` + "\n"},
		{"strings", `<s> <p> "a\tb", 'c', """multi
"line" ""x""""", "é"@fr-BE, "5"^^<http://www.w3.org/2001/XMLSchema#string>, "\u00e9\U0001F600" .`,
			// Canonical N-Triples (RDF 1.1 N-Triples §4): a tab is written
			// as it is, not as \t; language tags are kept as written.
			"<s> <p> \"a\tb\" .\n" + `<s> <p> "c" .` + "\n" + `<s> <p> "multi\n\"line\" \"\"x\"\"" .` + "\n" +
				`<s> <p> "é"@fr-BE .` + "\n" + `<s> <p> "5" .` + "\n" + `<s> <p> "é😀" .` + "\n"},
		{"blank node property list", `[ <p> "x" ] <q> [ <r> _:a ] . _:a <p> [] .`,
			"_:b1 <p> \"x\" .\n_:b2 <r> _:b3 .\n_:b1 <q> _:b2 .\n_:b3 <p> _:b4 .\n"},
		{"collection", `<s> <p> ( 1 <o> ) , () .`,
			"_:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n" +
				"_:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:b2 .\n" +
				"_:b2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <o> .\n" +
				"_:b2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n" +
				"<s> <p> _:b1 .\n<s> <p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"},
		{"semicolons and local names", `@prefix : <http://e/> . :s :p :o ; ; :q :a.b, :c\-d, :e%20 ; .`,
			"<http://e/s> <http://e/p> <http://e/o> .\n<http://e/s> <http://e/q> <http://e/a.b> .\n" +
				"<http://e/s> <http://e/q> <http://e/c-d> .\n<http://e/s> <http://e/q> <http://e/e%20> .\n"},
		{"comments", "# c\n<s> <p> <o> . # trailing\n", "<s> <p> <o> .\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs, err := ParseTurtle(strings.NewReader(tc.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := ntLines(qs); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestParseTurtleErrors(t *testing.T) {
	tests := []struct {
		name, in  string
		line, col int
		msg       string
	}{
		{"undefined prefix", "<s> <p>\n  ex:o .", 2, 3, `undefined prefix "ex:"`},
		{"missing dot", "<s> <p> <o>", 1, 12, `expected "."`},
		{"unterminated string", "<s> <p> \"abc\n", 1, 13, "line break"},
		{"unterminated IRI", "<s> <p> <o", 1, 9, "unterminated IRI"},
		{"bad escape", `<s> <p> "\q" .`, 1, 10, "unknown string escape"},
		{"literal subject", `"x" <p> <o> .`, 1, 1, "expected a subject"},
		{"bad char", "<s> <p> <o> .\n  $", 2, 3, "unexpected character"},
		{"escaped space in IRI", `<s> <p> <http://e/\u0020> .`, 1, 19, "not allowed in an IRI"},
		{"raw space in IRI", `<s> <p> <http://e/ x> .`, 1, 19, "not allowed in an IRI"},
		{"prefix without dot", "@prefix ex: <http://e/>\nex:a ex:b ex:c .", 2, 1, `expected "."`},
		{"literal predicate", `<s> "p" <o> .`, 1, 5, "expected a predicate"},
		{"blank node predicate", `<s> _:p <o> .`, 1, 5, "expected a predicate"},
		{"language then datatype", `<s> <p> "x"@en^^<t> .`, 1, 15, `expected "."`},
		{"unterminated collection", `<s> <p> ( 1 2`, 1, 14, "unterminated collection"},
		{"unterminated blank node", `<s> <p> [ <q> 1 .`, 1, 17, `expected "]"`},
		{"bad number", `<s> <p> 1e .`, 1, 9, "malformed exponent"},
		{"surrogate escape", `<s> <p> "\uD800" .`, 1, 10, "names no character"},
		{"bad language tag", `<s> <p> "x"@1 .`, 1, 12, "language tag"},
		{"long string unterminated", "<s> <p> '''abc\n\n", 1, 9, "unterminated string"},
		{"base without IRI", "@base ex: .", 1, 7, "expected an IRI"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTurtle(strings.NewReader(tc.in), Options{Name: "doc.ttl"})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want an *Error", err)
			}
			if e.Line != tc.line || e.Col != tc.col || !strings.Contains(e.Msg, tc.msg) || e.Name != "doc.ttl" {
				t.Errorf("got %v, want doc.ttl:%d:%d: ...%s...", err, tc.line, tc.col, tc.msg)
			}
		})
	}
}

func TestLabelAndBlankPrefix(t *testing.T) {
	qs, err := ParseTurtle(strings.NewReader(`_:x <p> _:x .`), Options{Label: quad.IRI("g"), BlankPrefix: "d1_"})
	if err != nil {
		t.Fatal(err)
	}
	want := quad.Quad{Subject: quad.BNode("d1_b1"), Predicate: quad.IRI("p"), Object: quad.BNode("d1_b1"), Label: quad.IRI("g")}
	if len(qs) != 1 || qs[0] != want {
		t.Errorf("got %v, want %v", qs, want)
	}
}

func TestResolveIRI(t *testing.T) {
	// Examples from RFC 3986 section 5.4.
	base := "http://a/b/c/d;p?q"
	tests := map[string]string{
		"g:h": "g:h", "g": "http://a/b/c/g", "./g": "http://a/b/c/g", "g/": "http://a/b/c/g/",
		"/g": "http://a/g", "//g": "http://g", "?y": "http://a/b/c/d;p?y", "g?y": "http://a/b/c/g?y",
		"#s": "http://a/b/c/d;p?q#s", "g#s": "http://a/b/c/g#s", ";x": "http://a/b/c/;x", "": "http://a/b/c/d;p?q",
		".": "http://a/b/c/", "./": "http://a/b/c/", "..": "http://a/b/", "../g": "http://a/b/g",
		"../..": "http://a/", "../../g": "http://a/g", "../../../g": "http://a/g", "/./g": "http://a/g",
		"g.": "http://a/b/c/g.", ".g": "http://a/b/c/.g", "./../g": "http://a/b/g", "g;x=1/../y": "http://a/b/c/y",
	}
	for ref, want := range tests {
		t.Run(ref, func(t *testing.T) {
			if got := ResolveIRI(base, ref); got != want {
				t.Errorf("ResolveIRI(%q) = %q, want %q", ref, got, want)
			}
		})
	}
}

func BenchmarkParseTurtle(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("@prefix ex: <http://example.org/> .\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&sb, "ex:m%d a ex:Meeting ; ex:n %d ; ex:label \"Meeting %d\"@en ; ex:p [ ex:q ex:r%d ] .\n", i, i, i, i)
	}
	doc := sb.String()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseTurtle(strings.NewReader(doc), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
