package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

func TestNQuadsSyntaxErrors(t *testing.T) {
	cases := []struct {
		name, input, want string
	}{
		{"no dot", "<a> <b> <c>\n", "f.nq:1:12: expected '.' to end the statement, found end of line"},
		{"second line", "<a> <b> <c> .\n<a> <b> \"x .\n", "f.nq:2:9: unterminated string literal"},
		{"literal subject", "\"s\" <b> <c> .\n", "f.nq:1:1: expected a subject"},
		{"bad escape", "<a> <b> \"x\\q\" .\n", `f.nq:1:11: invalid escape \q`},
		{"space in IRI", "<a b> <b> <c> .\n", "f.nq:1:3: character ' ' is not allowed in an IRI"},
		{"bad lang", "<a> <b> \"x\"@-en .\n", "f.nq:1:13: invalid language tag"},
		{"junk after dot", "<a> <b> <c> . x\n", "f.nq:1:15: expected end of line after '.'"},
		{"column counts characters", "<中> <b> <c> <d> <e> .\n", "f.nq:1:17: expected '.'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := graph.NewNQuadsReader(strings.NewReader(c.input), "f.nq")
			var err error
			for err == nil {
				_, err = r.ReadQuad()
			}
			var se *graph.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *SyntaxError", err)
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("err = %q, want it to start with %q", err, c.want)
			}
		})
	}
}

func TestNQuadsReaderValues(t *testing.T) {
	in := `# a comment
<s> <p> "a"^^<http://www.w3.org/2001/XMLSchema#string> .
<s> <p> "\u00E9\U0001F600" <g> .

_:b.1 <p> "x"@en-GB .
`
	r := graph.NewNQuadsReader(strings.NewReader(in), "v.nq")
	var got []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		got = append(got, q)
	}
	want := []quad.Quad{
		{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String("a")},
		{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String("é😀"), Label: quad.IRI("g")},
		{Subject: quad.BNode("b.1"), Predicate: quad.IRI("p"), Object: quad.LangString{Value: "x", Lang: "en-GB"}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d quads, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("quad %d = %#v, want %#v", i, got[i], want[i])
		}
	}
}

func TestReadQuadFileGzipAndLabels(t *testing.T) {
	quads, labels, err := graph.ReadQuadFile("testdata/triples.nt.gz", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(quads) != 2 || len(labels) != 1 || labels[0] != graph.SourceIRI("triples.nt.gz") {
		t.Errorf("quads %v labels %v: want 2 quads labelled with the file's source IRI", quads, labels)
	}
	if labels[0] != quad.IRI(graph.SourceNS+"triples") {
		t.Errorf("source IRI = %v", labels[0])
	}
	over := quad.IRI("https://example.org/mine")
	quads, labels, err = graph.ReadQuadFile("testdata/roundtrip.nq", over, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) != 1 || labels[0] != over || quads[0].Label != over {
		t.Errorf("--label override: labels %v", labels)
	}
}

func TestJSONLDKeepsIntegersAndBlankNodes(t *testing.T) {
	s := openStore(t, "mem:")
	load(t, s, "testdata/roundtrip.nq")
	out := export(t, s, graph.FormatJSONLD, nil)
	var doc []map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(doc) != 2 {
		t.Fatalf("want 2 named graphs, got %d", len(doc))
	}
	for _, want := range []string{
		`"@value": "500"`, `"@type": "http://www.w3.org/2001/XMLSchema#integer"`,
		`"@id": "_:b1"`, `"@language": "zh-Hant"`, `"@value": "2017-11-30"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON-LD lacks %s", want)
		}
	}
	// Count values: every quad of the input must be there.
	n := strings.Count(out, `"@value"`) + strings.Count(out, `"@id": "http://schema.org/OnlineEventAttendanceMode"`) +
		strings.Count(out, `"@id": "http://example.org/a?b=c&d=e"`) + strings.Count(out, `"@id": "_:b1"`) - 1 // _:b1 as a subject
	if n != 15 {
		t.Errorf("JSON-LD holds %d values, want 15:\n%s", n, out)
	}
}

func TestGraphML(t *testing.T) {
	s := openStore(t, "mem:")
	load(t, s, "testdata/roundtrip.nq")
	out := export(t, s, graph.FormatGraphML, nil)
	var doc struct {
		Keys []struct {
			ID string `xml:"id,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key  string `xml:"key,attr"`
					Text string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key  string `xml:"key,attr"`
					Text string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	// Nodes: xi, m-2017, m-2023, series s, Online mode, _:b1, example.org URL.
	if len(doc.Graph.Nodes) != 7 {
		t.Errorf("%d nodes, want 7", len(doc.Graph.Nodes))
	}
	// Edges: eventAttendanceMode, citation, url.
	if len(doc.Graph.Edges) != 3 {
		t.Errorf("%d edges, want 3", len(doc.Graph.Edges))
	}
	labels := map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		for _, d := range n.Data {
			if d.Key == "label" {
				labels[d.Text] = true
			}
		}
	}
	if !labels["Xi Jinping"] {
		t.Errorf("node labels %v lack the English label Xi Jinping", labels)
	}
	if !strings.Contains(out, `<data key="sources">https://w3id.org/partygraph/source/b</data>`) {
		t.Errorf("edges do not carry their sources")
	}
}

func TestDOT(t *testing.T) {
	s := openStore(t, "mem:")
	load(t, s, "testdata/roundtrip.nq")
	out := export(t, s, graph.FormatDOT, nil)
	if !strings.HasPrefix(out, "digraph partygraph {") || strings.Count(out, "->") != 3 {
		t.Errorf("unexpected DOT:\n%s", out)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "plain-file")
	os.WriteFile(file, []byte("x"), 0o644)
	cases := []struct{ db, want string }{
		{"mysql://root@localhost/x", `unknown store scheme "mysql"`},
		{"nosuch:thing", `unknown store scheme "nosuch"`},
		// Cayley's badger and NoSQL backends do not register under Go 1.21's
		// initialisation order; partygraph does not offer them, and says so
		// rather than failing later.
		{"badger:/tmp/x", `unknown store scheme "badger"`},
		{"mongodb://localhost/x", `unknown store scheme "mongodb"`},
		{file, "not a partygraph store"},
	}
	for _, c := range cases {
		_, err := graph.Open(ctx, c.db, graph.Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Open(%q) = %v, want one line containing %q", c.db, err, c.want)
		}
	}
}

func TestBoltInUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	s := openStore(t, dir)
	_ = s
	_, err := graph.Open(context.Background(), dir, graph.Options{LockTimeout: 50e6})
	if !errors.Is(err, graph.ErrInUse) {
		t.Fatalf("second open = %v, want ErrInUse", err)
	}
	if !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("message %q does not say the store is in use", err)
	}
}

func TestSourceIRI(t *testing.T) {
	cases := map[string]string{
		"../shared/seeds/002_abc125928182cd8d.txt": "002_abc125928182cd8d",
		"dump.nq.gz":  "dump",
		"a b.html":    "a%20b",
		"noext":       "noext",
		"dir/.hidden": ".hidden",
	}
	for in, want := range cases {
		if got := graph.SourceIRI(in); got != quad.IRI(graph.SourceNS+want) {
			t.Errorf("SourceIRI(%q) = %s, want …/%s", in, got, want)
		}
	}
}

func FuzzNQuads(f *testing.F) {
	data, _ := os.ReadFile("testdata/roundtrip.nq")
	for _, l := range strings.Split(string(data), "\n") {
		f.Add(l)
	}
	f.Add(`<a> <b> "\U0010FFFF" .`)
	f.Add(`_:x <b> _:y _:z .`)
	f.Fuzz(func(t *testing.T, line string) {
		q, err := graph.ParseNQuad(line)
		if err != nil {
			return
		}
		// What parses must print and parse back to the same quad.
		out := strings.TrimSuffix(string(graph.AppendNQuad(nil, q)), "\n")
		q2, err := graph.ParseNQuad(out)
		if err != nil {
			t.Fatalf("re-parse of %q (from %q): %v", out, line, err)
		}
		if q2 != q {
			t.Fatalf("round trip changed %#v into %#v", q, q2)
		}
	})
}

func TestExportUnknownFormat(t *testing.T) {
	s := openStore(t, "mem:")
	_, err := s.Export(context.Background(), &bytes.Buffer{}, "rdfxml", nil)
	if err == nil || !strings.Contains(err.Error(), "unknown export format") {
		t.Errorf("err = %v", err)
	}
}
