// Command pgbench is the Go side of bench/run.sh: it generates the
// synthetic N-Quads, times partygraph's SPARQL engine in-process on a store,
// and turns the JSON results of both engines into the comparison table.
//
//	pgbench gen --quads N [--seed S] --out FILE.nq
//	pgbench gen --corpus --meetings N [--seed S] --out DIR
//	pgbench query --db DIR [--runs N] [--min-time D] [--load-ms MS] [--data FILE] QUERY.rq... > partygraph.json
//	pgbench report [--tsv FILE] RESULT.json...
//	pgbench growth RESULT.json...
//
// The JSON of "query" has the form bench/oxigraph.mjs prints, so "report"
// can pair the two engines' results by data set and query name.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/spf13/pflag"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/gen"
	"github.com/partygraph/partygraph/queries/sparql"
)

func main() {
	ctx := context.Background()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, pflag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "pgbench:", err)
		}
		os.Exit(1)
	}
}

const usage = `usage:
  pgbench gen --quads N [--seed S] --out FILE.nq
  pgbench gen --corpus --meetings N [--seed S] --out DIR
  pgbench query --db DIR [--runs N] [--min-time D] [--load-ms MS] [--data FILE] QUERY.rq...
  pgbench report [--tsv FILE] RESULT.json...
  pgbench growth RESULT.json...
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	switch args[0] {
	case "gen":
		return runGen(args[1:], stdout, stderr)
	case "query":
		return runQuery(ctx, args[1:], stdout, stderr)
	case "report":
		return runReport(args[1:], stdout, stderr)
	case "growth":
		return runGrowth(args[1:], stdout, stderr)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

func runGen(args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("gen", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	quads := fs.Int("quads", 0, "quads to write")
	meetings := fs.Int("meetings", 0, "with --corpus: the meetings the documents describe")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "output file, or folder with --corpus")
	corpus := fs.Bool("corpus", false, "write documents in the four genres, not N-Quads")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *corpus {
		if *meetings <= 0 || *out == "" {
			return errors.New("gen: need --meetings and --out with --corpus")
		}
		n, err := gen.WriteCorpus(*out, gen.Config{Seed: *seed, Meetings: *meetings})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d documents about %d meetings to %s\n", n, *meetings, *out)
		return nil
	}
	if *quads <= 0 || *out == "" {
		return errors.New("gen: need --quads and --out")
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	n, err := gen.WriteNQuads(f, gen.Config{Seed: *seed, Quads: *quads})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d quads to %s\n", n, *out)
	return nil
}

// Result is what one engine did on one data set; bench/oxigraph.mjs prints the same.
type Result struct {
	Engine  string        `json:"engine"`
	Version string        `json:"version,omitempty"`
	Data    string        `json:"data"`
	Quads   int64         `json:"quads"`
	LoadMs  float64       `json:"load_ms"`
	Queries []QueryResult `json:"queries"`
}

// QueryResult is the timing and answer of one query.
type QueryResult struct {
	Name     string  `json:"name"`
	File     string  `json:"file"`
	Runs     int     `json:"runs"`
	MedianMs float64 `json:"median_ms"`
	Rows     int     `json:"rows"`
	Hash     string  `json:"hash"`
	Error    string  `json:"error,omitempty"`
}

func runQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("query", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the store (as for partygraph --db)")
	runs := fs.Int("runs", 5, "times each query runs; the median is reported")
	warmup := fs.Int("warmup", 1, "untimed runs of each query before the timed ones (caches warm, as in a running server)")
	loadMs := fs.Float64("load-ms", 0, "load time measured outside, copied into the JSON")
	data := fs.String("data", "", "the data file, copied into the JSON")
	timeout := fs.Duration("timeout", time.Minute, "time limit of one query run")
	budget := fs.Duration("budget", 20*time.Second, "stop repeating a query once its runs took this long together")
	minTime := fs.Duration("min-time", 0, "repeat a query past --runs until its timed runs took this long together (a fast query then gets as long a look as a slow one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" || *runs < 1 {
		return errors.New("query: need --db and --runs ≥ 1")
	}
	st, err := graph.Open(ctx, *db, graph.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Count(ctx)
	if err != nil {
		return err
	}
	res := Result{Engine: "partygraph", Data: *data, Quads: n, LoadMs: *loadMs}
	for _, file := range fs.Args() {
		res.Queries = append(res.Queries, timeQuery(ctx, st, file, *warmup, *runs, *minTime, *timeout, *budget))
	}
	return json.NewEncoder(stdout).Encode(res)
}

// timeQuery runs the query in file warmup times untimed, then at least runs
// times and for at least minTime in all, and no longer once the timed runs
// took budget, and reports the median.
func timeQuery(ctx context.Context, st *graph.Store, file string, warmup, runs int, minTime, timeout, budget time.Duration) QueryResult {
	r := QueryResult{Name: strings.TrimSuffix(filepath.Base(file), ".rq"), File: file}
	text, err := os.ReadFile(file)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	var times []float64
	var total time.Duration
	for i := 0; i < warmup+runs || total < minTime; i++ {
		if i > warmup && total > budget {
			break // a slow query: the median of fewer runs
		}
		start := time.Now()
		q, err := sparql.Parse(string(text))
		if err != nil {
			r.Error = err.Error()
			return r
		}
		res, err := sparql.Exec(ctx, st, q, sparql.Options{Timeout: timeout})
		if err != nil {
			r.Error = err.Error()
			return r
		}
		d := time.Since(start)
		if i == 0 {
			r.Rows, r.Hash = canonical(res)
		}
		if i < warmup {
			continue
		}
		total += d
		times = append(times, float64(d.Microseconds())/1000)
	}
	r.Runs = len(times)
	r.MedianMs = median(times)
	return r
}

// canonical returns the number of rows of a result and a digest of it as a
// multiset of rows; bench/oxigraph.mjs computes the same digest.
func canonical(res *sparql.Result) (int, string) {
	if res.Form == sparql.FormAsk {
		return 1, digest([]string{fmt.Sprint(res.Bool)})
	}
	order := make([]int, len(res.Vars))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return res.Vars[order[a]] < res.Vars[order[b]] })
	lines := make([]string, 0, len(res.Rows))
	for _, row := range res.Rows {
		var parts []string
		for _, i := range order {
			if row[i] == nil {
				continue // Oxigraph leaves unbound variables out of a solution
			}
			parts = append(parts, res.Vars[i]+"="+term(row[i]))
		}
		lines = append(lines, strings.Join(parts, "\t"))
	}
	sort.Strings(lines)
	return len(lines), digest(lines)
}

func term(v quad.Value) string {
	switch v := graph.NativeToTerm(v).(type) {
	case quad.IRI:
		return "I:" + string(v)
	case quad.BNode:
		return "B"
	case quad.String:
		return "L:" + string(v) + "^^" + string(graph.XSDString)
	case quad.LangString:
		return "L:" + string(v.Value) + "@" + strings.ToLower(v.Lang)
	case quad.TypedString:
		return "L:" + string(v.Value) + "^^" + string(v.Type)
	default:
		return "?:" + fmt.Sprint(v)
	}
}

func digest(lines []string) string {
	h := sha256.New()
	for _, l := range lines {
		io.WriteString(h, l+"\n")
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}
