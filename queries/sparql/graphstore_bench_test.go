package sparql

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/partygraph/partygraph/graph"
)

// BenchmarkGraphStore runs the LUBM queries on LUBM(1) in the production
// store (graph.Store, in memory, or the store named by $SPARQL_BENCH_DB, e.g.
// bolt:/tmp/lubm), the path analysts' queries take.
func BenchmarkGraphStore(b *testing.B) {
	ctx := context.Background()
	db := os.Getenv("SPARQL_BENCH_DB")
	if db == "" {
		db = "mem:"
	}
	st, err := graph.Open(ctx, db, graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	f, err := os.Open(lubmPath("lubm1.nq.gz"))
	if err != nil {
		b.Skipf("LUBM data not available: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	r := nquads.NewReader(zr, true)
	var qs []quad.Quad
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		qs = append(qs, q)
	}
	if _, err := st.Replace(ctx, []quad.Value{qs[0].Label}, qs); err != nil {
		b.Fatal(err)
	}
	for _, lq := range lubmQueries {
		q, err := Parse(lubmPrefixes + lq.query)
		if err != nil {
			b.Fatal(err)
		}
		benchExec(b, st, lq.name, q)
	}
}

// BenchmarkStoreFiles runs the queries of ../../bench/queries/lubm (the files
// bench/run.sh compares with Oxigraph) on an existing store named by
// $SPARQL_BENCH_STORE (e.g. a directory that `partygraph load` filled with
// LUBM(10)), as it is: the way to profile a query on the default store at
// a size that takes long to load. $SPARQL_BENCH_QUERIES narrows the files
// (a glob, default *.rq).
func BenchmarkStoreFiles(b *testing.B) {
	db := os.Getenv("SPARQL_BENCH_STORE")
	if db == "" {
		b.Skip("SPARQL_BENCH_STORE names no store")
	}
	ctx := context.Background()
	st, err := graph.Open(ctx, db, graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	glob := os.Getenv("SPARQL_BENCH_QUERIES")
	if glob == "" {
		glob = "*.rq"
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "bench", "queries", "lubm", glob))
	if err != nil || len(files) == 0 {
		b.Fatalf("no query files match %s (%v)", glob, err)
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		q, err := Parse(string(text))
		if err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		if os.Getenv("SPARQL_BENCH_EXPLAIN") != "" {
			plan, err := q.Explain(ctx, st, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%s:\n%s", f, plan)
		}
		benchExec(b, st, strings.TrimSuffix(filepath.Base(f), ".rq"), q)
	}
}
