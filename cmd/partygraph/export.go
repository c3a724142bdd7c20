package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

const exportUsage = `Write the graph, or the facts of one source, to a file or stdout.

Examples:
  partygraph export > graph.nq                                  everything, as N-Quads
  partygraph export --format graphml -o graph.graphml           for Gephi, yEd, NetworkX
  partygraph export --format jsonld -o graph.jsonld
  partygraph export --format dot | dot -Tsvg > graph.svg
  partygraph export --graph https://w3id.org/partygraph/source/002_abc125928182cd8d
  partygraph export --graph 002_abc125928182cd8d                 a source by its file name

N-Quads keep every fact with its source label and every value exactly as it
was loaded; loading an export into a new store gives the same graph.
GraphML and DOT draw one edge per fact between entities, with the sources
that state it; literal facts become node attributes.

Usage:
  partygraph export [--db URL] [--format nquads|jsonld|graphml|dot] [--graph IRI] [-o FILE]
`

func runExport(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs, db := newFlags("export", exportUsage, stderr)
	format := fs.StringP("format", "f", "", "nquads (default), jsonld, graphml or dot; default from the -o file's extension")
	source := fs.StringP("graph", "g", "", "export only the facts of this source (an IRI, or a file name under the source namespace)")
	out := fs.StringP("output", "o", "", "write to this file instead of stdout (written in full or not at all)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "partygraph export: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	f := *format
	if f == "" {
		f = formatFromName(*out)
	}
	if !validFormat(f) {
		return fmt.Errorf("export: unknown format %q (want one of %s)", f, strings.Join(graph.ExportFormats, ", "))
	}
	var label quad.Value
	if *source != "" {
		label = sourceLabel(*source)
	}
	store, err := graph.Open(ctx, *db, graph.Options{})
	if err != nil {
		return err
	}
	defer store.Close()

	w := stdout
	var tmp *os.File
	if *out != "" && *out != "-" {
		tmp, err = os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(tmp.Name())
		w = tmp
	}
	n, err := store.Export(ctx, w, f, label)
	if err != nil {
		if tmp != nil {
			tmp.Close()
		}
		return fmt.Errorf("export: %w", err)
	}
	if label != nil && n == 0 {
		fmt.Fprintf(stderr, "partygraph export: warning: no facts under %s\n", graph.FormatTerm(label))
	}
	if tmp != nil {
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(tmp.Name(), *out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

func validFormat(f string) bool {
	for _, x := range graph.ExportFormats {
		if x == f {
			return true
		}
	}
	return false
}

func formatFromName(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonld", ".json":
		return graph.FormatJSONLD
	case ".graphml":
		return graph.FormatGraphML
	case ".dot", ".gv":
		return graph.FormatDOT
	}
	return graph.FormatNQuads
}

// sourceLabel turns the --graph argument into a label: an IRI as it is, a
// bare name as a source under the source namespace.
func sourceLabel(s string) quad.Value {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	if strings.HasPrefix(s, "_:") {
		return quad.BNode(s[2:])
	}
	if strings.Contains(s, ":") {
		return quad.IRI(s)
	}
	return graph.SourceIRI(s)
}
