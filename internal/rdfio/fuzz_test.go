package rdfio

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func addSeeds(f *testing.F, ext string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "seed", "*"+ext))
	more, _ := filepath.Glob(filepath.Join("testdata", "*", "*"+ext))
	files = append(files, more...)
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(string(b))
		}
	}
}

func FuzzParseTurtle(f *testing.F) {
	f.Add(sampleTTL)
	f.Add(`@base <http://a/b> . <#x> <p> ( [ <q> 1.5e3 ] "a"@en '''b''' ) .`)
	addSeeds(f, ".ttl")
	f.Fuzz(func(t *testing.T, in string) {
		qs, err := ParseTurtle(strings.NewReader(in), Options{Name: "fuzz"})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz:") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		// What was read must be written and read back to as many triples.
		var b strings.Builder
		if err := WriteTurtle(&b, qs, []Prefix{{"ex", "http://ex/"}}); err != nil {
			t.Fatal(err)
		}
		back, err := ParseTurtle(strings.NewReader(b.String()), Options{})
		if err != nil {
			t.Fatalf("rewritten turtle does not parse: %v\n%s", err, b.String())
		}
		if len(back) != len(qs) {
			t.Fatalf("round trip: %d triples became %d", len(qs), len(back))
		}
		// Triples without blank nodes must come back exactly.
		ground := func(qs []quad.Quad) map[quad.Quad]int {
			m := map[quad.Quad]int{}
			for _, q := range qs {
				_, sb := q.Subject.(quad.BNode)
				_, ob := q.Object.(quad.BNode)
				if !sb && !ob {
					m[q]++
				}
			}
			return m
		}
		if g1, g2 := ground(qs), ground(back); !maps.Equal(g1, g2) {
			t.Fatalf("round trip changed the triples without blank nodes:\n%v\n%v\n%s", g1, g2, b.String())
		}
	})
}

func FuzzParseRDFXML(f *testing.F) {
	f.Add(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/"><e:C rdf:about="a" e:x="1"><e:p rdf:parseType="Collection"><e:D/></e:p><rdf:li rdf:parseType="Resource"><e:q>v</e:q></rdf:li></e:C></rdf:RDF>`)
	addSeeds(f, ".rdf")
	f.Fuzz(func(t *testing.T, in string) {
		_, err := ParseRDFXML(strings.NewReader(in), Options{Name: "fuzz"})
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz:") {
			t.Fatalf("error without position: %v", err)
		}
	})
}

func FuzzParseTerm(f *testing.F) {
	for _, s := range []string{`<http://e/x>`, `_:b1`, `"a\"b"@en-gb`, `"1"^^<http://www.w3.org/2001/XMLSchema#integer>`, `-1.5e3`, `true`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		v, err := ParseTerm(in, "")
		if err != nil {
			return
		}
		// A term written by FormatTerm reads back as itself.
		back, err := ParseTerm(FormatTerm(v), "")
		if err != nil {
			t.Fatalf("FormatTerm(%#v) = %s does not parse: %v", v, FormatTerm(v), err)
		}
		if back != v {
			if _, ok := v.(quad.BNode); !ok {
				t.Fatalf("round trip: %#v became %#v", v, back)
			}
		}
	})
}
