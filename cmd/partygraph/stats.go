package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/queries/examples"
	"github.com/partygraph/partygraph/queries/sparql"
)

const statsUsage = `Count the quads, nodes and sources of the store, and the instances of each class.

Examples:
  partygraph stats
  partygraph stats --conflicts           the facts on which documents disagree, with their sources
  partygraph stats --db postgres://pg@localhost/graph

Usage:
  partygraph stats [--db URL] [--conflicts]
`

func runStats(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs, db := newFlags("stats", statsUsage, stderr)
	conflicts := fs.Bool("conflicts", false, "list the facts on which documents disagree (the example query 'conflicts')")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	store, err := graph.Open(ctx, *db, graph.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	if *conflicts {
		return printConflicts(ctx, store, stdout)
	}
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

// printConflicts lists disagreements between documents, one block per fact,
// using the library's "conflicts" query so that the CLI, the explorer and
// analysts' own queries agree on what a conflict is.
func printConflicts(ctx context.Context, store *graph.Store, w io.Writer) error {
	ex, err := examples.Get("conflicts")
	if err != nil {
		return err
	}
	q, err := sparql.ParseWith(ex.Query, sparql.ParseOptions{Prefixes: prefixes()})
	if err != nil {
		return fmt.Errorf("stats --conflicts: %w", err)
	}
	res, err := sparql.Exec(ctx, store, q, sparql.Options{})
	if err != nil {
		return fmt.Errorf("stats --conflicts: %w", err)
	}
	col := map[string]int{}
	for i, v := range res.Vars {
		col[v] = i
	}
	for _, r := range res.Rows {
		fmt.Fprintf(w, "%s %s\n", compact(r[col["subject"]]), compact(r[col["property"]]))
		fmt.Fprintf(w, "  %s\tsays %s\n", compact(r[col["source1"]]), compact(r[col["value1"]]))
		fmt.Fprintf(w, "  %s\tsays %s\n", compact(r[col["source2"]]), compact(r[col["value2"]]))
	}
	fmt.Fprintf(w, "%d disagreements\n", len(res.Rows))
	return nil
}
