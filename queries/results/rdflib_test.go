package results_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/internal/rdfio"
	"github.com/partygraph/partygraph/internal/w3c"
	"github.com/partygraph/partygraph/queries/results"
)

// rdflibReparse reads a results document with rdflib's parser for its
// format and writes it again as SPARQL JSON.
const rdflibReparse = `
import sys
from rdflib.query import Result
with open(sys.argv[1], "rb") as f:
    r = Result.parse(f, format=sys.argv[2])
out = r.serialize(format="json")
sys.stdout.write(out.decode("utf-8") if isinstance(out, bytes) else out)
`

func findRDFLib() string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import rdflib").Run() == nil {
			return p
		}
	}
	return ""
}

// TestWritersReadByRDFLib checks that rdflib, an independent
// implementation, reads what the writers write as the same solutions.
func TestWritersReadByRDFLib(t *testing.T) {
	python := findRDFLib()
	if python == "" {
		t.Skip("rdflib is not installed for python3 (Debian: apt-get install python3-rdflib)")
	}
	lit := func(lex string, dt quad.IRI) quad.Value { return quad.TypedString{Value: quad.String(lex), Type: dt} }
	vars := []string{"s", "name", "n", "note"}
	rows := [][]quad.Value{
		{quad.IRI("http://example.org/m1?a=1&b=2#frag"), quad.LangString{Value: "中国共产党", Lang: "zh"}, lit("42", rdfio.XSDInteger), quad.String("say \"hi\", then\ttab")},
		{quad.BNode("b0"), quad.String("plain"), nil, quad.String("back\\slash")},
		{nil, lit("2017-12-01", rdfio.XSDNS+"date"), lit("1.5", rdfio.XSDDecimal), nil},
		{quad.BNode("b0"), quad.LangString{Value: "Meeting", Lang: "en-gb"}, lit("-2.5E3", rdfio.XSDDouble), quad.String("")},
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		f      results.Format
		rdflib string
	}{{results.JSON, "json"}, {results.XML, "xml"}, {results.TSV, "tsv"}, {results.CSV, "csv"}} {
		t.Run(tc.f.String(), func(t *testing.T) {
			var b bytes.Buffer
			if err := results.Write(&b, tc.f, vars, rows); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "out."+tc.f.String())
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(python, "-c", rdflibReparse, path, tc.rdflib)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("rdflib: %v\n%s\ndocument:\n%s", err, stderr.String(), b.String())
			}
			got, err := results.ReadJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("rdflib's JSON: %v\n%s", err, out)
			}
			want := &results.Set{Vars: vars, Rows: rows}
			if tc.f == results.CSV {
				// CSV keeps no types: rdflib reads IRIs, _:labels and
				// plain literals, as ReadCSV does.
				want = &results.Set{Vars: vars}
				for _, r := range rows {
					nr := make([]quad.Value, len(r))
					for i, v := range r {
						nr[i] = results.AsCSV(v)
					}
					want.Rows = append(want.Rows, nr)
				}
			}
			if msg := w3c.Compare(want, got, nil, false); msg != "" {
				t.Errorf("rdflib reads other solutions: %s\ndocument:\n%s", msg, b.String())
			}
		})
	}
}
