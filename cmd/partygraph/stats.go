package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/partygraph/partygraph/graph"
)

const statsUsage = `Count the quads, nodes and sources of the store, and the instances of each class.

Examples:
  partygraph stats
  partygraph stats --db postgres://pg@localhost/graph

Usage:
  partygraph stats [--db URL]
`

func runStats(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs, db := newFlags("stats", statsUsage, stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	store, err := graph.Open(ctx, *db, graph.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "store\t%s (%s)\n", store.Addr(), store.Backend())
	fmt.Fprintf(tw, "quads\t%d\n", st.Quads)
	fmt.Fprintf(tw, "nodes\t%d\n", st.Nodes)
	fmt.Fprintf(tw, "sources\t%d\n", len(st.Sources))
	tw.Flush()
	if len(st.Sources) > 0 {
		fmt.Fprintln(stdout, "\nquads per source:")
		for _, s := range st.Sources {
			fmt.Fprintf(tw, "  %d\t%s\n", s.Quads, graph.FormatTerm(s.Label))
		}
		tw.Flush()
	}
	if len(st.Classes) > 0 {
		fmt.Fprintln(stdout, "\ninstances per class:")
		for _, c := range st.Classes {
			fmt.Fprintf(tw, "  %d\t%s\n", c.Instances, compact(c.Class))
		}
		tw.Flush()
	}
	return nil
}
