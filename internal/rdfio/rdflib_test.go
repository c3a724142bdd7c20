package rdfio_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/internal/rdfio"
	"github.com/partygraph/partygraph/internal/w3c"
	"github.com/partygraph/partygraph/queries/results"
)

// rdflibDump parses a file with rdflib and prints its quads, one JSON
// array of four terms per line (the graph is null for the default graph).
const rdflibDump = `
import json, sys, pathlib
from rdflib import ConjunctiveGraph, URIRef, BNode, Literal
def term(t):
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    return {"type": "literal", "value": str(t), "lang": t.language or "", "datatype": str(t.datatype or "")}
g = ConjunctiveGraph()
g.parse(sys.argv[1], format=sys.argv[2])
for s, p, o, c in g.quads((None, None, None, None)):
    name = c.identifier
    # rdflib files the default graph of a document under the document's IRI.
    default = str(name).startswith("urn:x-rdflib:") or str(name) == pathlib.Path(sys.argv[1]).resolve().as_uri()
    label = None if default else term(name)
    print(json.dumps([term(s), term(p), term(o), label]))
`

func findRDFLib() string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import rdflib").Run() == nil {
			return p
		}
	}
	return ""
}

// tricky is a dataset that exercises escaping, datatypes, language tags,
// shared blank nodes and named graphs.
func tricky() []quad.Quad {
	ex := func(s string) quad.IRI { return quad.IRI("http://example.org/" + s) }
	g := quad.IRI("https://w3id.org/partygraph/source/doc-1")
	lit := func(lex string, dt quad.IRI) quad.Value { return quad.TypedString{Value: quad.String(lex), Type: dt} }
	return []quad.Quad{
		{Subject: ex("m1"), Predicate: rdfio.RDFType, Object: ex("Meeting")},
		{Subject: ex("m1"), Predicate: rdfio.RDFType, Object: quad.BNode("t")},
		{Subject: ex("m1"), Predicate: ex("parties"), Object: lit("500", rdfio.XSDInteger)},
		{Subject: ex("m1"), Predicate: ex("ratio"), Object: lit("0.25", rdfio.XSDDecimal)},
		{Subject: ex("m1"), Predicate: ex("size"), Object: lit("1.5E3", rdfio.XSDDouble)},
		{Subject: ex("m1"), Predicate: ex("online"), Object: lit("true", rdfio.XSDBoolean)},
		{Subject: ex("m1"), Predicate: ex("date"), Object: lit("2017-12-01", rdfio.XSDNS+"date")},
		{Subject: ex("m1"), Predicate: ex("odd"), Object: lit("x y", ex("customType"))},
		{Subject: ex("m1"), Predicate: ex("name"), Object: quad.LangString{Value: "中国共产党与世界政党高层对话会", Lang: "zh"}},
		{Subject: ex("m1"), Predicate: ex("name"), Object: quad.LangString{Value: "High-level \"Meeting\"", Lang: "en-gb"}},
		{Subject: ex("m1"), Predicate: ex("note"), Object: quad.String("line 1\nline 2\ttab \\ back")},
		{Subject: ex("m1"), Predicate: ex("speaker"), Object: quad.BNode("p")},
		{Subject: quad.BNode("p"), Predicate: ex("name"), Object: quad.String("Ann")},
		{Subject: quad.BNode("p"), Predicate: ex("memberOf"), Object: ex("party/%E4%B8%AD")},
		{Subject: ex("m1"), Predicate: ex("parties"), Object: lit("500", rdfio.XSDInteger), Label: g},
		{Subject: quad.BNode("p"), Predicate: ex("name"), Object: quad.String("Ann"), Label: g},
		{Subject: ex("m1"), Predicate: ex("count"), Object: lit("-7", rdfio.XSDInteger), Label: g},
	}
}

func asSet(qs []quad.Quad, withLabels bool) *results.Set {
	s := &results.Set{Vars: []string{"s", "p", "o", "g"}}
	seen := map[quad.Quad]bool{}
	for _, q := range qs {
		if !withLabels {
			q.Label = nil
		}
		if seen[q] {
			continue
		}
		seen[q] = true
		s.Rows = append(s.Rows, []quad.Value{q.Subject, q.Predicate, q.Object, q.Label})
	}
	return s
}

func readDump(t *testing.T, out []byte) []quad.Quad {
	type jterm struct{ Type, Value, Lang, Datatype string }
	conv := func(j *jterm) quad.Value {
		switch {
		case j == nil:
			return nil
		case j.Type == "uri":
			return quad.IRI(j.Value)
		case j.Type == "bnode":
			return quad.BNode(j.Value)
		case j.Lang != "":
			return quad.LangString{Value: quad.String(j.Value), Lang: j.Lang}
		}
		return rdfio.Literal(j.Value, quad.IRI(j.Datatype))
	}
	var qs []quad.Quad
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line == "" {
			continue
		}
		var f [4]*jterm
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("rdflib line %q: %v", line, err)
		}
		qs = append(qs, quad.Quad{Subject: conv(f[0]), Predicate: conv(f[1]), Object: conv(f[2]), Label: conv(f[3])})
	}
	return qs
}

// TestWritersReadByRDFLib writes Turtle and JSON-LD and checks that rdflib,
// an independent implementation, reads back the same dataset.
func TestWritersReadByRDFLib(t *testing.T) {
	python := findRDFLib()
	if python == "" {
		t.Skip("rdflib is not installed for python3 (Debian: apt-get install python3-rdflib)")
	}
	dir := t.TempDir()
	in := tricky()
	tests := []struct {
		name, file, format string
		write              func(*bytes.Buffer) error
		labels             bool
	}{
		{"turtle", "out.ttl", "turtle", func(b *bytes.Buffer) error {
			return rdfio.WriteTurtle(b, in, []rdfio.Prefix{{Name: "ex", IRI: "http://example.org/"}})
		}, false},
		{"json-ld", "out.jsonld", "json-ld", func(b *bytes.Buffer) error { return rdfio.WriteJSONLD(b, in) }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(python, "-c", rdflibDump, path, tc.format)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("rdflib: %v\n%s\ndocument:\n%s", err, stderr.String(), b.String())
			}
			got := readDump(t, out)
			if msg := w3c.Compare(asSet(in, tc.labels), asSet(got, tc.labels), nil, false); msg != "" {
				t.Errorf("rdflib reads a different dataset: %s\ndocument:\n%s", msg, b.String())
			}
		})
	}
}
