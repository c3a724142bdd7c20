package w3c

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"

	pg "github.com/partygraph/partygraph/graph" // this package has its own graph type
	"github.com/partygraph/partygraph/internal/rdfio"
)

// Vocabulary of the test manifests.
const (
	MF    = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
	QT    = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
	DAWGT = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#"
	UT    = "http://www.w3.org/2009/sparql/tests/test-update#"
	RDFS  = "http://www.w3.org/2000/01/rdf-schema#"
)

// Test is one entry of a manifest.
type Test struct {
	IRI      string // the test's IRI
	Name     string // mf:name
	Comment  string // rdfs:comment
	Type     string // local name of its mf: type, e.g. "QueryEvaluationTest"
	Approval string // local name of dawgt:approval, e.g. "Approved"
	Manifest string // path of the manifest that lists it
	Dir      string // directory of that manifest, relative to the suite root

	Query     string   // path of the query file (qt:query, or the action of a syntax test)
	Data      []string // paths of qt:data files (the default graph)
	GraphData []Graph  // qt:graphData (named graphs)
	Result    string   // path of mf:result, empty if none
	// LaxCardinality is set for mf:resultCardinality mf:LaxCardinality:
	// the number of duplicates does not matter (REDUCED).
	LaxCardinality bool
	Requires       []string // local names of mf:requires / mf:feature
}

// Graph is a named graph of a test's dataset.
type Graph struct {
	Name string // the graph IRI
	Path string // the file holding it
}

// IsSyntaxTest reports whether the test only checks that the query parses
// (positive) or fails to parse (negative).
func (t *Test) IsSyntaxTest() bool { return strings.Contains(t.Type, "SyntaxTest") }

// IsNegative reports whether the test expects the query to be rejected.
func (t *Test) IsNegative() bool { return strings.HasPrefix(t.Type, "Negative") }

// Withdrawn reports whether the suite does not mean the test to be run:
// dawgt:Withdrawn, dawgt:NotClassified or dawgt:Rejected.
func (t *Test) Withdrawn() bool {
	switch t.Approval {
	case "Withdrawn", "NotClassified", "Rejected":
		return true
	}
	return false
}

// Load reads the manifest at path, follows its mf:include lists, and
// returns the tests listed in mf:entries, in manifest order. Dir is
// relative to the directory of the top manifest.
func Load(path string) ([]*Test, error) {
	root, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	var tests []*Test
	seen := map[string]bool{}
	var load func(p string) error
	load = func(p string) error {
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		if seen[abs] {
			return nil
		}
		seen[abs] = true
		g, err := readGraph(p)
		if err != nil {
			return err
		}
		dir, err := filepath.Rel(root, filepath.Dir(abs))
		if err != nil {
			return err
		}
		for _, m := range g.subjectsOfType(quad.IRI(MF + "Manifest")) {
			for _, inc := range g.objects(m, MF+"include") {
				for _, item := range g.list(inc) {
					ip, err := filePath(item)
					if err != nil {
						return fmt.Errorf("%s: mf:include: %w", p, err)
					}
					if err := load(ip); err != nil {
						return err
					}
				}
			}
			for _, ent := range g.objects(m, MF+"entries") {
				for _, item := range g.list(ent) {
					t, err := g.test(item)
					if err != nil {
						return fmt.Errorf("%s: %w", p, err)
					}
					t.Manifest, t.Dir = p, dir
					tests = append(tests, t)
				}
			}
		}
		return nil
	}
	if err := load(path); err != nil {
		return nil, err
	}
	return tests, nil
}

// filePath turns a file: IRI into a local path.
func filePath(v quad.Value) (string, error) {
	iri, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), "file://") {
		return "", fmt.Errorf("%v is not a file IRI", v)
	}
	u, err := url.Parse(string(iri))
	if err != nil {
		return "", err
	}
	return filepath.FromSlash(u.Path), nil
}

type graph struct {
	bySubject map[quad.Value][]quad.Quad
}

func readGraph(path string) (*graph, error) {
	qs, err := rdfio.ParseFile(path, rdfio.Options{})
	if err != nil {
		return nil, err
	}
	g := &graph{bySubject: map[quad.Value][]quad.Quad{}}
	for _, q := range qs {
		g.bySubject[q.Subject] = append(g.bySubject[q.Subject], q)
	}
	return g, nil
}

func (g *graph) objects(s quad.Value, p string) []quad.Value {
	var out []quad.Value
	for _, q := range g.bySubject[s] {
		if q.Predicate == quad.IRI(p) {
			out = append(out, q.Object)
		}
	}
	return out
}

func (g *graph) object(s quad.Value, p string) quad.Value {
	if o := g.objects(s, p); len(o) > 0 {
		return o[0]
	}
	return nil
}

func (g *graph) subjectsOfType(t quad.IRI) []quad.Value {
	var out []quad.Value
	for s, qs := range g.bySubject {
		for _, q := range qs {
			if q.Predicate == rdfio.RDFType && q.Object == t {
				out = append(out, s)
			}
		}
	}
	return out
}

// list returns the members of an RDF collection.
func (g *graph) list(head quad.Value) []quad.Value {
	var out []quad.Value
	for n := 0; head != nil && head != rdfio.RDFNil && n < 100000; n++ {
		first := g.object(head, string(rdfio.RDFFirst))
		if first == nil {
			break
		}
		out = append(out, first)
		head = g.object(head, string(rdfio.RDFRest))
	}
	return out
}

func localName(v quad.Value) string {
	iri, ok := v.(quad.IRI)
	if !ok {
		return ""
	}
	s := string(iri)
	if i := strings.LastIndexAny(s, "#/"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// literalText is the lexical form of a literal, "" for anything else.
func literalText(v quad.Value) string {
	switch v.(type) {
	case quad.String, quad.LangString, quad.TypedString:
		return pg.TermText(v)
	}
	return ""
}

func (g *graph) test(node quad.Value) (*Test, error) {
	t := &Test{}
	if iri, ok := node.(quad.IRI); ok {
		t.IRI = string(iri)
	}
	t.Name = literalText(g.object(node, MF+"name"))
	t.Comment = literalText(g.object(node, RDFS+"comment"))
	for _, ty := range g.objects(node, string(rdfio.RDFType)) {
		if iri, ok := ty.(quad.IRI); ok && strings.HasPrefix(string(iri), MF) {
			t.Type = localName(iri)
		}
	}
	t.Approval = localName(g.object(node, DAWGT+"approval"))
	for _, r := range g.objects(node, MF+"requires") {
		t.Requires = append(t.Requires, localName(r))
	}
	if localName(g.object(node, MF+"resultCardinality")) == "LaxCardinality" {
		t.LaxCardinality = true
	}
	if t.Name == "" {
		t.Name = localName(node)
	}
	action := g.object(node, MF+"action")
	var err error
	switch action.(type) {
	case quad.IRI:
		t.Query, err = filePath(action)
	case quad.BNode:
		if q := g.object(action, QT+"query"); q != nil {
			if t.Query, err = filePath(q); err != nil {
				return nil, fmt.Errorf("test %s: qt:query: %w", t.Name, err)
			}
		}
		for _, d := range g.objects(action, QT+"data") {
			p, err := filePath(d)
			if err != nil {
				return nil, fmt.Errorf("test %s: qt:data: %w", t.Name, err)
			}
			t.Data = append(t.Data, p)
		}
		for _, d := range g.objects(action, QT+"graphData") {
			if b, ok := d.(quad.BNode); ok {
				// [ qt:graph <file> ; rdfs:label "name" ]
				gf := g.object(b, QT+"graph")
				p, err := filePath(gf)
				if err != nil {
					return nil, fmt.Errorf("test %s: qt:graphData: %w", t.Name, err)
				}
				name := literalText(g.object(b, RDFS+"label"))
				if name == "" {
					name = string(gf.(quad.IRI))
				}
				t.GraphData = append(t.GraphData, Graph{Name: name, Path: p})
				continue
			}
			p, err := filePath(d)
			if err != nil {
				return nil, fmt.Errorf("test %s: qt:graphData: %w", t.Name, err)
			}
			t.GraphData = append(t.GraphData, Graph{Name: string(d.(quad.IRI)), Path: p})
		}
	default:
		return nil, fmt.Errorf("test %s has no mf:action", t.Name)
	}
	if err != nil {
		return nil, fmt.Errorf("test %s: mf:action: %w", t.Name, err)
	}
	if r := g.object(node, MF+"result"); r != nil {
		if t.Result, err = filePath(r); err != nil {
			return nil, fmt.Errorf("test %s: mf:result: %w", t.Name, err)
		}
	}
	return t, nil
}
