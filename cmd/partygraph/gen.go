package main

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/partygraph/partygraph/internal/gen"
)

const genUsage = `Generate synthetic party-diplomacy data for tests and benchmarks.

Examples:
  partygraph gen --meetings 200 --out /tmp/synth          documents and N-Quads about 200 meetings
  partygraph gen --quads 1000000 --format nquads --out 1e6.nq
  partygraph gen --quads 100000 --format nquads --out - | gzip > 1e5.nq.gz
  partygraph gen --meetings 50 --seed 7 --format corpus --out corpus/
  partygraph load /tmp/synth/corpus                        time the loaders on the documents

The data is made up (names from syllables, some two hundred countries,
thousands of parties) and deterministic: the same flags give byte-identical
output on every machine. Every fact is stated by one or more sources
(https://w3id.org/partygraph/source/gen-...), which sometimes disagree.

With --format all (the default), DIR gets corpus/ (one .txt file per source
document, in the four genres) and gen.nq (the same meetings as N-Quads).
With --format nquads, --out is a file (.gz compresses it) or - for stdout.

Usage:
  partygraph gen [--meetings N] [--quads N] [--seed S] [--format all|corpus|nquads] --out PATH
`

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, _ := newFlags("gen", genUsage, stderr)
	_ = fs.MarkHidden("db") // gen writes files, not the store
	meetings := fs.Int("meetings", 0, "how many meetings to generate")
	quads := fs.Int("quads", 0, "stop the N-Quads after exactly this many quads (10^6 quads is about 2,000 meetings)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same data")
	format := fs.String("format", "all", "what to write: all (corpus/ and gen.nq in --out), corpus, or nquads")
	out := fs.StringP("out", "o", "", "output folder, or file for --format nquads (- for stdout)")
	countries := fs.Int("countries", gen.DefaultCountries, "countries in the made-up world")
	parties := fs.Int("parties", gen.DefaultParties, "parties across the countries")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 || (*meetings == 0 && *quads == 0) {
		fs.Usage()
		return errUsage
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	cfg := gen.Config{Seed: *seed, Meetings: *meetings, Quads: *quads, Countries: *countries, Parties: *parties}
	switch *format {
	case "nquads":
		n, err := genNQuads(*out, cfg, stdout)
		if err != nil {
			return err
		}
		if *out != "-" {
			fmt.Fprintf(stdout, "wrote %d quads to %s\n", n, *out)
		}
		return nil
	case "corpus":
		return genCorpus(*out, cfg, stdout)
	case "all":
		if err := genCorpus(filepath.Join(*out, "corpus"), cfg, stdout); err != nil {
			return err
		}
		path := filepath.Join(*out, "gen.nq")
		n, err := genNQuads(path, cfg, stdout)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d quads to %s\n", n, path)
		return nil
	}
	return fmt.Errorf("gen: unknown --format %q: want all, corpus or nquads", *format)
}

func genCorpus(dir string, cfg gen.Config, stdout io.Writer) error {
	if cfg.Meetings == 0 {
		return fmt.Errorf("gen: documents need --meetings")
	}
	n, err := gen.WriteCorpus(dir, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d documents about %d meetings to %s\n", n, cfg.Meetings, dir)
	return nil
}

func genNQuads(path string, cfg gen.Config, stdout io.Writer) (n int, err error) {
	if path == "-" {
		return gen.WriteNQuads(stdout, cfg)
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return 0, fmt.Errorf("gen: %w", err)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("gen: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("gen: %w", cerr)
		}
	}()
	var w io.Writer = f
	if strings.HasSuffix(path, ".gz") {
		zw := gzip.NewWriter(f)
		defer func() {
			if cerr := zw.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("gen: %w", cerr)
			}
		}()
		w = zw
	}
	return gen.WriteNQuads(w, cfg)
}
