package main

import (
	"context"
	"errors"
	"io"
)

const queryStubUsage = `Run a SPARQL or Gizmo query (reserved: comes with the SPARQL issue).

Examples:
  partygraph query 'SELECT * WHERE { ?s ?p ?o } LIMIT 10'

Usage:
  partygraph query [--db URL] QUERY
`

// runQuery is reserved for the SPARQL and Gizmo issue.
func runQuery(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, _ := newFlags("query", queryStubUsage, stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("query: not built yet (SPARQL and Gizmo come with their issue)")
}
