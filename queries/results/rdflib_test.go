package results_test

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

// rdflibReparse reads results documents (path and format as argument
// pairs) with rdflib's parser for their format and prints, one line each,
// the document written again as SPARQL JSON, or rdflib's error.
const rdflibReparse = `
import json, sys
from rdflib.query import Result
args = sys.argv[1:]
for path, fmt in zip(args[0::2], args[1::2]):
    try:
        with open(path, "rb") as f:
            r = Result.parse(f, format=fmt)
        out = r.serialize(format="json")
        print(json.dumps({"results": json.loads(out)}))
    except Exception as e:
        print(json.dumps({"error": repr(e)}))
`

// TestWritersReadByRDFLib checks that rdflib, an independent
// implementation, reads what the writers write as the same solutions.
func TestWritersReadByRDFLib(t *testing.T) {
	python := rdftest.RDFLib(t)
	lit := func(lex string, dt quad.IRI) quad.Value { return quad.TypedString{Value: quad.String(lex), Type: dt} }
	vars := []string{"s", "name", "n", "note"}
	rows := [][]quad.Value{
		{quad.IRI("http://example.org/m1?a=1&b=2#frag"), quad.LangString{Value: "中国共产党", Lang: "zh"}, lit("42", rdfio.XSDInteger), quad.String("say \"hi\", then\ttab")},
		{quad.BNode("b0"), quad.String("plain"), nil, quad.String("back\\slash")},
		{nil, lit("2017-12-01", rdfio.XSDNS+"date"), lit("1.5", rdfio.XSDDecimal), nil},
		{quad.BNode("b0"), quad.LangString{Value: "Meeting", Lang: "en-gb"}, lit("-2.5E3", rdfio.XSDDouble), quad.String("")},
	}
	dir := t.TempDir()
	formats := []struct {
		f      results.Format
		rdflib string
	}{{results.JSON, "json"}, {results.XML, "xml"}, {results.TSV, "tsv"}, {results.CSV, "csv"}}
	var args []string
	docs := map[results.Format]string{}
	for _, tc := range formats {
		var b bytes.Buffer
		if err := results.Write(&b, tc.f, vars, rows); err != nil {
			t.Fatal(err)
		}
		docs[tc.f] = b.String()
		path := filepath.Join(dir, "out."+tc.f.String())
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path, tc.rdflib)
	}
	cmd := exec.Command(python, append([]string{"-c", rdflibReparse}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rdflib: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(formats) {
		t.Fatalf("rdflib printed %d lines for %d documents:\n%s", len(lines), len(formats), out)
	}
	for i, tc := range formats {
		t.Run(tc.f.String(), func(t *testing.T) {
			var reply struct {
				Results json.RawMessage
				Error   string
			}
			if err := json.Unmarshal([]byte(lines[i]), &reply); err != nil {
				t.Fatal(err)
			}
			if reply.Error != "" {
				t.Fatalf("rdflib cannot read it: %s\ndocument:\n%s", reply.Error, docs[tc.f])
			}
			got, err := results.ReadJSON(bytes.NewReader(reply.Results))
			if err != nil {
				t.Fatalf("rdflib's JSON: %v\n%s", err, reply.Results)
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
				t.Errorf("rdflib reads other solutions: %s\ndocument:\n%s", msg, docs[tc.f])
			}
		})
	}
}
