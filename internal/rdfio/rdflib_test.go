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
	"github.com/partygraph/partygraph/internal/rdftest"
	"github.com/partygraph/partygraph/internal/w3c"
	"github.com/partygraph/partygraph/queries/results"
)

// rdflibParse reads "path<TAB>format" lines on stdin, parses each file
// with rdflib, and prints one JSON object per file: its quads (the graph
// is null for the default graph), or rdflib's error. Lexical forms are
// kept as written where rdflib allows.
const rdflibParse = `
import json, sys, pathlib, rdflib
from rdflib import ConjunctiveGraph, URIRef, BNode
rdflib.NORMALIZE_LITERALS = False
def term(t):
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    return {"type": "literal", "value": str(t), "lang": t.language or "", "datatype": str(t.datatype or "")}
for line in sys.stdin:
    path, fmt = line.rstrip("\n").split("\t")
    try:
        g = ConjunctiveGraph()
        g.parse(path, format=fmt)
        # rdflib files the default graph of a document under its IRI.
        doc = pathlib.Path(path).resolve().as_uri()
        quads = []
        for s, p, o, c in g.quads((None, None, None, None)):
            name = str(c.identifier)
            default = name.startswith("urn:x-rdflib:") or name == doc
            quads.append([term(s), term(p), term(o), None if default else term(c.identifier)])
        print(json.dumps({"path": path, "quads": quads}))
    except Exception as e:
        print(json.dumps({"path": path, "error": repr(e)}))
`

type rdflibResult struct {
	Path  string
	Error string
	Quads [][4]*jterm
}

type jterm struct{ Type, Value, Lang, Datatype string }

func (j *jterm) value() quad.Value {
	switch {
	case j == nil:
		return nil
	case j.Type == "uri":
		return quad.IRI(j.Value)
	case j.Type == "bnode":
		return quad.BNode(j.Value)
	case j.Lang != "":
		return quad.LangString{Value: quad.String(j.Value), Lang: strings.ToLower(j.Lang)}
	}
	return rdfio.Literal(j.Value, quad.IRI(j.Datatype))
}

func (r rdflibResult) quads() []quad.Quad {
	var out []quad.Quad
	for _, q := range r.Quads {
		out = append(out, quad.Quad{Subject: q[0].value(), Predicate: q[1].value(), Object: q[2].value(), Label: q[3].value()})
	}
	return out
}

// rdflibRead parses files (path to rdflib format name) with rdflib in one
// python process.
func rdflibRead(t *testing.T, python string, files [][2]string) map[string]rdflibResult {
	t.Helper()
	var list strings.Builder
	for _, f := range files {
		list.WriteString(f[0] + "\t" + f[1] + "\n")
	}
	cmd := exec.Command(python, "-c", rdflibParse)
	cmd.Stdin = strings.NewReader(list.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rdflib: %v\n%s", err, stderr.String())
	}
	res := map[string]rdflibResult{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r rdflibResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("rdflib output %q: %v", line, err)
		}
		res[r.Path] = r
	}
	return res
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

// asSet turns quads into a set of (s, p, o, g) rows, without the labels
// unless withLabels.
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

// TestWritersReadByRDFLib writes Turtle and JSON-LD and checks that rdflib,
// an independent implementation, reads back the same dataset.
func TestWritersReadByRDFLib(t *testing.T) {
	python := rdftest.RDFLib(t)
	dir := t.TempDir()
	in := tricky()
	var ttl, jsonld bytes.Buffer
	if err := rdfio.WriteTurtle(&ttl, in, []rdfio.Prefix{{Name: "ex", IRI: "http://example.org/"}}); err != nil {
		t.Fatal(err)
	}
	if err := rdfio.WriteJSONLD(&jsonld, in); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, format string
		doc          *bytes.Buffer
		labels       bool // the syntax carries graph labels
	}{
		{"turtle", "turtle", &ttl, false},
		{"json-ld", "json-ld", &jsonld, true},
	}
	var files [][2]string
	for _, tc := range tests {
		path := filepath.Join(dir, "out."+tc.name)
		if err := os.WriteFile(path, tc.doc.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, [2]string{path, tc.format})
	}
	got := rdflibRead(t, python, files)
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := got[files[i][0]]
			if r.Error != "" {
				t.Fatalf("rdflib cannot read it: %s\n%s", r.Error, tc.doc.String())
			}
			if msg := w3c.Compare(asSet(in, tc.labels), asSet(r.quads(), tc.labels), nil, false); msg != "" {
				t.Errorf("rdflib reads a different dataset: %s\ndocument:\n%s", msg, tc.doc.String())
			}
		})
	}
}

// TestParseAgreesWithRDFLib parses every Turtle, N-Triples and RDF/XML
// file of the W3C SPARQL suites in ../shared with this package and with
// rdflib, and compares the graphs up to blank node renaming.
func TestParseAgreesWithRDFLib(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs rdflib over every suite file")
	}
	python := rdftest.RDFLib(t)
	formats := map[rdfio.Syntax]string{rdfio.Turtle: "turtle", rdfio.NTriples: "nt", rdfio.RDFXML: "xml"}
	var files [][2]string
	for _, path := range rdftest.SuiteFiles(t) {
		if f, ok := formats[rdfio.SyntaxOf(path)]; ok {
			abs, _ := filepath.Abs(path)
			files = append(files, [2]string{abs, f})
		}
	}
	// Hand-made documents for features the suites do not use. (Not dot
	// segments in relative IRIs: rdflib keeps "a/../b", RFC 3986 and
	// rdfio resolve it to "b"; TestResolveIRI covers them.)
	for _, pattern := range []string{"testdata/rdfxml/*.rdf", "testdata/turtle/*.ttl"} {
		names, _ := filepath.Glob(pattern)
		for _, name := range names {
			abs, _ := filepath.Abs(name)
			files = append(files, [2]string{abs, formats[rdfio.SyntaxOf(name)]})
		}
	}
	got := rdflibRead(t, python, files)
	compared := 0
	for _, f := range files {
		r := got[f[0]]
		ours, err := rdfio.ParseFile(f[0], rdfio.Options{})
		if r.Error != "" {
			if err == nil {
				t.Logf("%s: rdflib fails (%s), rdfio reads it", f[0], r.Error)
			}
			continue
		}
		if err != nil {
			t.Errorf("rdflib reads %s, rdfio does not: %v", f[0], err)
			continue
		}
		// rdflib rewrites shorthand doubles ("2.0E3" becomes "2000.0"), so
		// literals are compared by value.
		if msg := w3c.Compare(asSet(r.quads(), false), asSet(ours, false), nil, false); msg != "" {
			t.Errorf("%s: rdfio and rdflib read different graphs: %s", f[0], msg)
		}
		compared++
	}
	t.Logf("compared %d of %d files", compared, len(files))
	if compared < len(files)*9/10 {
		t.Errorf("compared only %d of %d files", compared, len(files))
	}
}
