package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/rdfio"
	"github.com/partygraph/partygraph/queries/examples"
	"github.com/partygraph/partygraph/queries/gizmo"
	"github.com/partygraph/partygraph/queries/results"
	"github.com/partygraph/partygraph/queries/sparql"
)

const queryUsage = `Run a SPARQL 1.1 or Gizmo query over the store.

Examples:
  partygraph query 'SELECT ?m ?d WHERE { ?m a pg:Meeting ; schema:startDate ?d } ORDER BY ?d'
  partygraph query --example meeting-speakers            a query from the library
  partygraph query --list-examples
  partygraph query --format csv @meetings.rq > meetings.csv
  partygraph query --format json - < query.rq
  partygraph query 'CONSTRUCT WHERE { ?m pg:follows ?n }' --format turtle
  partygraph query --lang gizmo 'g.V("<https://w3id.org/partygraph/id/person/xi-jinping>").Out().All()'

The prefixes pg:, schema:, rdf:, rdfs:, skos: and xsd: are declared for you.
A pattern outside GRAPH matches a fact once however many documents state it;
GRAPH ?source { ... } gives one row per document.

Formats: table (default), json, xml, csv, tsv for SELECT and ASK;
nquads (default), turtle, jsonld for CONSTRUCT and DESCRIBE.

Usage:
  partygraph query [--db URL] [--lang sparql|gizmo] [--format F] [--timeout 30s] [--limit N] QUERY | @FILE | -
`

func runQuery(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, db := newFlags("query", queryUsage, stderr)
	lang := fs.String("lang", "sparql", "query language: sparql or gizmo")
	format := fs.StringP("format", "f", "", "output format (see above)")
	timeout := fs.Duration("timeout", 30*time.Second, "stop the query after this long (0: no limit)")
	limit := fs.Int("limit", 0, "stop with an error past this many result rows (0: no limit)")
	example := fs.StringP("example", "e", "", "run the named query of the example library")
	list := fs.Bool("list-examples", false, "list the example library and exit")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *list {
		for _, ex := range examples.All() {
			fmt.Fprintf(stdout, "%-22s %s\n", ex.Name, ex.Title)
		}
		return nil
	}
	text, name, err := queryText(fs.Args(), *example, stdin)
	if err != nil {
		return err
	}
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	store, err := graph.Open(ctx, *db, graph.Options{})
	if err != nil {
		return err
	}
	defer store.Close()

	switch *lang {
	case "gizmo":
		out, err := gizmo.Run(ctx, store.QuadStore(), text, *limit)
		if err != nil {
			return fmt.Errorf("query %s: %w", name, err)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	case "sparql":
		return runSPARQL(ctx, store, text, name, *format, *limit, *timeout, stdout)
	default:
		return fmt.Errorf("query: unknown language %q (want sparql or gizmo)", *lang)
	}
}

// queryText finds the query: an example, @FILE, - (stdin) or the text itself.
// name is what error messages call it.
func queryText(args []string, example string, stdin io.Reader) (text, name string, err error) {
	if example != "" {
		if len(args) > 0 {
			return "", "", errors.New("query: give either --example or a query, not both")
		}
		ex, err := examples.Get(example)
		if err != nil {
			return "", "", fmt.Errorf("query: %w", err)
		}
		return ex.Query, example, nil
	}
	if len(args) != 1 {
		return "", "", errors.New("query: give one query, @FILE or - (run 'partygraph query --help')")
	}
	a := args[0]
	switch {
	case a == "-":
		data, err := io.ReadAll(stdin)
		if err != nil {
			return "", "", fmt.Errorf("query: read stdin: %w", err)
		}
		return string(data), "<stdin>", nil
	case strings.HasPrefix(a, "@"):
		data, err := os.ReadFile(a[1:])
		if err != nil {
			return "", "", fmt.Errorf("query: %w", err)
		}
		return string(data), a[1:], nil
	}
	return a, "<query>", nil
}

// Prefixes returns the vocabulary's prefixes as ParseWith wants them.
func prefixes() map[string]string {
	m := make(map[string]string, len(graph.Prefixes))
	for _, p := range graph.Prefixes {
		m[p.Prefix] = p.IRI
	}
	return m
}

func runSPARQL(ctx context.Context, store *graph.Store, text, name, format string, limit int, timeout time.Duration, w io.Writer) error {
	q, err := sparql.ParseWith(text, sparql.ParseOptions{Prefixes: prefixes()})
	if err != nil {
		return fmt.Errorf("query %s:%w", name, prefixSpace(err))
	}
	opt := sparql.Options{MaxRows: limit, Timeout: timeout}
	if q.Form != sparql.FormSelect {
		res, err := sparql.Exec(ctx, store, q, opt)
		if err != nil {
			return queryError(name, err, timeout)
		}
		if q.Form == sparql.FormAsk {
			f, err := resultFormat(format)
			if err != nil {
				return err
			}
			return results.WriteBool(w, f, res.Bool)
		}
		return writeGraph(w, format, res.Quads)
	}
	it, err := q.Iterate(ctx, store, opt)
	if err != nil {
		return queryError(name, err, timeout)
	}
	defer it.Close()
	f, err := resultFormat(format)
	if err != nil {
		return err
	}
	rw, err := results.NewWriter(w, f, it.Vars())
	if err != nil {
		return err
	}
	for it.Next() {
		if err := rw.WriteRow(it.Row()); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return queryError(name, err, timeout)
	}
	return rw.Close()
}

func prefixSpace(err error) error {
	var se *sparql.Error
	if errors.As(err, &se) {
		return err
	}
	return fmt.Errorf(" %w", err)
}

func queryError(name string, err error, timeout time.Duration) error {
	if sparql.IsTimeout(err) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("query %s: stopped after %s, its time limit (raise it with --timeout)", name, timeout)
	}
	return fmt.Errorf("query %s: %w", name, err)
}

func resultFormat(name string) (results.Format, error) {
	if name == "" {
		name = "table"
	}
	f, err := results.ParseFormat(name)
	if err != nil {
		return 0, fmt.Errorf("query: %w", err)
	}
	return f, nil
}

func writeGraph(w io.Writer, format string, quads []quad.Quad) error {
	switch format {
	case "", "nquads", "ntriples":
		nw := graph.NewNQuadsWriter(w)
		if _, err := nw.WriteQuads(quads); err != nil {
			return err
		}
		return nw.Close()
	case "turtle", "ttl":
		var pre []rdfio.Prefix
		for _, p := range graph.Prefixes {
			pre = append(pre, rdfio.Prefix{Name: p.Prefix, IRI: p.IRI})
		}
		return rdfio.WriteTurtle(w, quads, pre)
	case "jsonld", "json-ld":
		return graph.WriteJSONLD(w, quads)
	}
	return fmt.Errorf("query: unknown format %q for a graph result (want nquads, turtle or jsonld)", format)
}

// The store gives the SPARQL engine its list of graphs and its lookup cost.
var _ interface {
	sparql.LabelLister
	sparql.LookupCoster
} = (*graph.Store)(nil)
