package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/cayleygraph/quad"
	"golang.org/x/term"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/ingest"
)

const loadUsage = `Load documents and N-Quads files into the store.

Examples:
  partygraph load ../shared/seeds                    every document in a folder
  partygraph load report.txt wiki.txt                single files
  partygraph load --db mem: examples/corpus          a dry run: check that everything loads
  partygraph load dump.nq.gz                         N-Quads keep their own labels
  partygraph load --label https://example.org/mine notes.nq
  partygraph load --db postgres://pg@localhost/graph ../shared/seeds

Every fact is stored under the label of the file that states it
(https://w3id.org/partygraph/source/FILE-NAME-WITHOUT-EXTENSION). Loading a
file again replaces exactly that file's facts. Every file is read and checked
before anything is written: a bad file leaves the store as it was.

Usage:
  partygraph load [--db URL] [--label IRI] [--max-doc-size BYTES] PATH...
`

func runLoad(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs, db := newFlags("load", loadUsage, stderr)
	label := fs.String("label", "", "give every quad of the N-Quads files this label, whatever they say")
	quiet := fs.BoolP("quiet", "q", false, "print only errors")
	maxSize := fs.Int64("max-doc-size", ingest.DefaultMaxSize, "refuse documents larger than this many bytes (N-Quads files have no limit)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *maxSize <= 0 {
		return fmt.Errorf("load: --max-doc-size must be positive, not %d", *maxSize)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	store, err := graph.Open(ctx, *db, graph.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	l, err := newIngestLoader(store, stderr)
	if err != nil {
		return err
	}
	l.Label = quad.IRI(*label)
	l.MaxSize = *maxSize
	rep, err := l.Load(ctx, fs.Args())
	if err != nil {
		return err
	}
	// The command exits next: leave the store with no work owed, so the
	// next process reads at full speed from its first query.
	if err := store.Settle(ctx); err != nil {
		return err
	}
	if !*quiet {
		printReport(stdout, store, rep)
	}
	return nil
}

// newIngestLoader returns a loader wired with the document loaders and the
// curated data, writing a progress bar to stderr when it is a terminal.
func newIngestLoader(store *graph.Store, stderr io.Writer) (*ingest.Loader, error) {
	docs, curated, err := documentLoaders()
	if err != nil {
		return nil, err
	}
	l := &ingest.Loader{Store: store, Docs: docs, Curated: curated}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		l.Progress = stderr
	}
	return l, nil
}

func printReport(w io.Writer, store *graph.Store, rep ingest.Report) {
	for _, f := range rep.Files {
		if f.Skipped != "" {
			fmt.Fprintf(w, "skipped %s: %s\n", f.Path, f.Skipped)
			continue
		}
		src := ""
		if len(f.Labels) == 1 {
			src = " as " + graph.FormatTerm(f.Labels[0])
		} else {
			src = fmt.Sprintf(" in %d sources", len(f.Labels))
		}
		fmt.Fprintf(w, "loaded %s: %d quads%s (+%d -%d)\n", f.Path, f.Quads, src, f.Change.Added, f.Change.Removed)
	}
	n, _ := store.Count(context.Background())
	fmt.Fprintf(w, "%d files, %d quads read: %d added, %d removed, %d unchanged in %s; the store %s holds %d quads\n",
		len(rep.Files), rep.Quads(), rep.Added, rep.Removed, rep.Kept, rep.Elapsed.Round(1e6), store.Addr(), n)
}
