package rdfio

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSharedSuiteFiles parses every Turtle, N-Triples and RDF/XML file of
// the W3C SPARQL test suites in ../shared, which all are valid documents.
func TestSharedSuiteFiles(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("../shared not found (%v)", err)
	}
	n := 0
	for _, dir := range []string{"w3c-sparql10", "w3c-sparql11"} {
		filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || SyntaxOf(path) == Unknown {
				return err
			}
			n++
			if _, err := ParseFile(path, Options{}); err != nil {
				t.Errorf("%v", err)
			}
			return nil
		})
	}
	if n == 0 {
		t.Fatal("no RDF files found under ../shared")
	}
	t.Logf("parsed %d files", n)
}
