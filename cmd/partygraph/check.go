package main

import (
	"context"
	"fmt"
	"io"

	"github.com/partygraph/partygraph/graph"
)

const checkUsage = `Verify the store: every quad labelled with a known source, no quad stored
twice, valid dates and numbers, no links to undescribed entities, and the
ontology loaded. Exits with status 1 when it finds errors.

Examples:
  partygraph check
  partygraph check --db postgres://pg@localhost/graph

Usage:
  partygraph check [--db URL]
`

func runCheck(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs, db := newFlags("check", checkUsage, stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	store, err := graph.Open(ctx, *db, graph.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := store.Check(ctx)
	if err != nil {
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(stdout, p)
	}
	fmt.Fprintf(stdout, "checked %d quads in %d sources: %d errors, %d warnings\n",
		rep.Quads, rep.Sources, rep.Errors(), len(rep.Problems)-rep.Errors())
	if rep.Errors() > 0 {
		return fmt.Errorf("check: the store %s has %d errors", store.Addr(), rep.Errors())
	}
	return nil
}
