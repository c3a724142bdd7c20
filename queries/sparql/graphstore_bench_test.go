package sparql

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
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
		b.Run(lq.name, func(b *testing.B) {
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				res, err := Exec(ctx, st, q, Options{})
				if err != nil {
					b.Fatal(err)
				}
				rows = len(res.Rows)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}
