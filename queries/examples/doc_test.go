package examples_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/queries/examples"
)

var update = flag.Bool("update", false, "rewrite docs/queries.md from the example library")

const docsHeader = `# Example queries

partygraph ships a library of SPARQL queries for the questions analysts ask
most. Run one with

    partygraph query --example NAME

or pick it in the explorer's query tab. ` + "`partygraph query --list-examples`" + ` lists
them. The prefixes pg:, schema:, rdf:, rdfs:, skos: and xsd: are declared for
you (see [ontology.md](ontology.md)).

A pattern outside ` + "`GRAPH`" + ` matches a fact once, however many documents
state it; ` + "`GRAPH ?source { … }`" + ` gives one row per document that states it.
That is how the queries below tell who said what.

This page is generated from queries/examples/rq/*.rq; edit those files and run
` + "`go test ./queries/examples -update`" + `.
`

// TestDocsUpToDate keeps docs/queries.md equal to the library.
func TestDocsUpToDate(t *testing.T) {
	var b strings.Builder
	b.WriteString(docsHeader)
	for _, ex := range examples.All() {
		b.WriteString("\n## " + ex.Title + "\n\n")
		b.WriteString(ex.Description + "\n\n")
		b.WriteString("    partygraph query --example " + ex.Name + "\n\n")
		b.WriteString("```sparql\n" + strings.TrimSpace(ex.Query) + "\n```\n")
	}
	const path = "../../docs/queries.md"
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != b.String() {
		t.Errorf("docs/queries.md is out of date with queries/examples/rq: run go test ./queries/examples -update")
	}
}
