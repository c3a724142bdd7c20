// Command partygraph turns documents about party-diplomacy meetings into a
// knowledge graph, and lets analysts query, explore and export it.
//
// Run `partygraph help` for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, pflag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "partygraph:", err)
		os.Exit(1)
	}
}

// errUsage is returned after a usage message has been printed.
var errUsage = errors.New("usage")

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"load", "load documents and N-Quads files into the store", runLoad},
		{"export", "write the graph, or one source, as N-Quads, JSON-LD, GraphML or DOT", runExport},
		{"stats", "count quads, nodes, sources and instances per class", runStats},
		{"query", "run a SPARQL or Gizmo query", runQuery},
		{"check", "verify the store: labels, duplicates, values, ontology", runCheck},
		{"gen", "write a synthetic corpus or N-Quads graph for benchmarks", func(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
			return runGen(ctx, args, stdout, stderr)
		}},
		{"serve", "serve the SPARQL endpoint and the graph explorer", func(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
			return runServe(ctx, args, stdout, stderr)
		}},
	}
}

const mainUsage = `partygraph turns documents about party-diplomacy meetings into a knowledge graph.

Examples:
  partygraph serve --load examples/corpus      load a folder, then explore it at http://127.0.0.1:8080
  partygraph load ../shared/seeds               load documents into ./partygraph.db
  partygraph query 'SELECT ?m ?d WHERE { ?m a pg:Meeting ; schema:startDate ?d }'
  partygraph export --format graphml -o graph.graphml
  partygraph stats

Usage:
  partygraph COMMAND [flags] [arguments]

Commands:
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if len(args) == 0 {
		printUsage(stderr)
		return errUsage
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					return c.run(ctx, []string{"--help"}, stdin, stdout, stdout)
				}
			}
			return fmt.Errorf("help: unknown command %q (run 'partygraph help')", args[1])
		}
		printUsage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	return fmt.Errorf("unknown command %q (run 'partygraph help')", name)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, mainUsage)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'partygraph help COMMAND' or 'partygraph COMMAND --help' for a command's flags.\n")
}

// newFlags returns the flag set of one command, with the --db flag every
// command shares, and its usage text: examples first, then flags.
func newFlags(name, usage string, stderr io.Writer) (*pflag.FlagSet, *string) {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	db := fs.String("db", defaultDB(), "store: a directory (the embedded store; leveldb:DIR or bolt:DIR to choose the engine of a new one), mem:, postgres://user@host/dbname or cockroach://… (env PARTYGRAPH_DB)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fmt.Fprint(stderr, "\nFlags:\n")
		fmt.Fprint(stderr, fs.FlagUsages())
	}
	return fs, db
}

// parseFlags parses args, turning a usage error into errUsage.
func parseFlags(fs *pflag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, pflag.ErrHelp) {
		return err
	}
	fmt.Fprintf(fs.Output(), "partygraph %s: %v (run 'partygraph %s --help')\n", fs.Name(), err, fs.Name())
	return errUsage
}

func defaultDB() string {
	if db := os.Getenv("PARTYGRAPH_DB"); db != "" {
		return db
	}
	return "./partygraph.db"
}
