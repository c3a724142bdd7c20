package rdfio

import (
	"testing"

	"github.com/partygraph/partygraph/internal/rdftest"
)

// TestSharedSuiteFiles parses every Turtle, N-Triples and RDF/XML file of
// the W3C SPARQL test suites in ../shared, which all are valid documents.
func TestSharedSuiteFiles(t *testing.T) {
	files := rdftest.SuiteFiles(t)
	if files == nil {
		t.Skip("../shared not found")
	}
	n := 0
	for _, path := range files {
		if SyntaxOf(path) == Unknown {
			continue
		}
		n++
		if _, err := ParseFile(path, Options{}); err != nil {
			t.Errorf("%v", err)
		}
	}
	if n == 0 {
		t.Fatal("no RDF files found under ../shared")
	}
	t.Logf("parsed %d files", n)
}
