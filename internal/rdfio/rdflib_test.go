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

// rdflibParseMany parses each file named on stdin (with its format) and
// prints one JSON object per file: its triples, or rdflib's error.
const rdflibParseMany = `
import json, sys, rdflib
from rdflib import Graph, URIRef, BNode
rdflib.NORMALIZE_LITERALS = False  # keep lexical forms as written
def term(t):
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    return {"type": "literal", "value": str(t), "lang": t.language or "", "datatype": str(t.datatype or "")}
for line in sys.stdin:
    path, fmt = line.rstrip("\n").split("\t")
    try:
        g = Graph()
        g.parse(path, format=fmt)
        print(json.dumps({"path": path, "triples": [[term(s), term(p), term(o)] for s, p, o in g]}))
    except Exception as e:
        print(json.dumps({"path": path, "error": repr(e)}))
`

// TestParseAgreesWithRDFLib parses every Turtle, N-Triples and RDF/XML
// file of the W3C SPARQL suites in ../shared with this package and with
// rdflib, and compares the graphs up to blank node renaming.
func TestParseAgreesWithRDFLib(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs rdflib over every suite file")
	}
	python := findRDFLib()
	if python == "" {
		t.Skip("rdflib is not installed for python3 (Debian: apt-get install python3-rdflib)")
	}
	root := filepath.Join("..", "..", "..", "shared")
	var list strings.Builder
	formats := map[rdfio.Syntax]string{rdfio.Turtle: "turtle", rdfio.NTriples: "nt", rdfio.RDFXML: "xml"}
	n := 0
	for _, dir := range []string{"w3c-sparql10", "w3c-sparql11"} {
		filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if f, ok := formats[rdfio.SyntaxOf(path)]; ok {
				abs, _ := filepath.Abs(path)
				list.WriteString(abs + "\t" + f + "\n")
				n++
			}
			return nil
		})
	}
	if n == 0 {
		t.Skip("../shared has no W3C suite files")
	}
	cmd := exec.Command(python, "-c", rdflibParseMany)
	cmd.Stdin = strings.NewReader(list.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rdflib: %v\n%s", err, stderr.String())
	}
	type jterm struct{ Type, Value, Lang, Datatype string }
	conv := func(j jterm) quad.Value {
		switch {
		case j.Type == "uri":
			return quad.IRI(j.Value)
		case j.Type == "bnode":
			return quad.BNode(j.Value)
		case j.Lang != "":
			return quad.LangString{Value: quad.String(j.Value), Lang: strings.ToLower(j.Lang)}
		}
		return rdfio.Literal(j.Value, quad.IRI(j.Datatype))
	}
	compared := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var res struct {
			Path    string
			Error   string
			Triples [][3]jterm
		}
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			t.Fatalf("rdflib output %q: %v", line, err)
		}
		ours, err := rdfio.ParseFile(res.Path, rdfio.Options{})
		if res.Error != "" {
			if err == nil {
				t.Logf("%s: rdflib fails (%s), rdfio reads it", res.Path, res.Error)
			}
			continue
		}
		if err != nil {
			t.Errorf("rdflib reads %s, rdfio does not: %v", res.Path, err)
			continue
		}
		var theirs []quad.Quad
		for _, tr := range res.Triples {
			theirs = append(theirs, quad.Quad{Subject: conv(tr[0]), Predicate: conv(tr[1]), Object: conv(tr[2])})
		}
		// rdflib rewrites shorthand doubles ("2.0E3" becomes "2000.0"), so
		// literals are compared by value.
		if msg := w3c.Compare(asSet(theirs, false), asSet(ours, false), nil, false); msg != "" {
			t.Errorf("%s: rdfio and rdflib read different graphs: %s", res.Path, msg)
		}
		compared++
	}
	t.Logf("compared %d of %d files", compared, n)
	if compared < n*9/10 {
		t.Errorf("compared only %d of %d files", compared, n)
	}
}
