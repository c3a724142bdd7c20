package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOntologyDocQueries runs every SPARQL example of docs/ontology.md on the
// example corpus and the seed documents: each must parse and run, and each
// under a class heading must find something, so the page stays true to what
// the loaders write. (Without ../shared/seeds only the first part is checked.)
func TestOntologyDocQueries(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ontology.md")
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "s.db")
	mustCLI(t, "load", "-q", "--db", db, "../../examples/corpus")
	const seedDir = "../../../shared/seeds"
	_, err = os.Stat(seedDir)
	withSeeds := err == nil
	if withSeeds {
		mustCLI(t, "load", "-q", "--db", db, seedDir)
	} else {
		t.Logf("no %s: the examples are only parsed and run, not checked for answers", seedDir)
	}
	blocks := regexp.MustCompile("(?s)```sparql\n(.*?)```").FindAllSubmatchIndex(doc, -1)
	if len(blocks) < 10 {
		t.Fatalf("found %d SPARQL examples in docs/ontology.md, want one per class", len(blocks))
	}
	for _, b := range blocks {
		query := string(doc[b[2]:b[3]])
		if !regexp.MustCompile(`(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b`).MatchString(query) {
			continue // the block of prefixes
		}
		heading := lastHeading(string(doc[:b[0]]))
		t.Run(heading, func(t *testing.T) {
			out, stderr, err := cli(t, "query", "--db", db, "--format", "tsv", query)
			if err != nil {
				t.Fatalf("query under %q: %v\n%s\n%s", heading, err, stderr, query)
			}
			rows := strings.Count(out, "\n") - 1
			if withSeeds && strings.HasPrefix(heading, "### ") && rows < 1 {
				t.Errorf("the example for %q finds nothing in examples/corpus and the seeds:\n%s", heading, query)
			}
		})
	}
}

// lastHeading returns the last Markdown heading in s.
func lastHeading(s string) string {
	lines := strings.Split(s, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], "#") {
			return lines[i]
		}
	}
	return ""
}
