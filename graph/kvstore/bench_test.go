package kvstore_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	pgraph "github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/graph/kvstore"
	"github.com/partygraph/partygraph/internal/gen"
)

// genQuads returns n generated quads (internal/gen, seed 1), parsed once.
func genQuads(b *testing.B, n int) []quad.Quad {
	var buf bytes.Buffer
	if _, err := gen.WriteNQuads(&buf, gen.Config{Seed: 1, Quads: n}); err != nil {
		b.Fatal(err)
	}
	r := pgraph.NewNQuadsReader(&buf, "gen.nq")
	out := make([]quad.Quad, 0, n)
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return out
		}
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, q)
	}
}

// BenchmarkBulkLoad times the store alone, on 10^5 quads or
// $PARTYGRAPH_BENCH_QUADS, (the quads are parsed before the
// timer starts): our layout on each engine with BulkLoad, against Cayley's
// kv layout on bolt fed by quad.CopyBatch as `cayley load` does.
func BenchmarkBulkLoad(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("PARTYGRAPH_BENCH_QUADS")); err == nil && v > 0 {
		n = v
	}
	quads := genQuads(b, n)
	ctx := context.Background()
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			cpu0 := cpuTime()
			for range b.N {
				s, err := kvstore.Open(filepath.Join(b.TempDir(), "db"), kvstore.Options{Engine: engine})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.BulkLoad(ctx, &sliceReader{qs: quads}, 100_000); err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
			b.ReportMetric(float64(len(quads)*b.N)/b.Elapsed().Seconds(), "quads/s")
			b.ReportMetric(float64(len(quads)*b.N)/(cpuTime()-cpu0).Seconds(), "quads/cpu-s")
		})
	}
	b.Run("cayley-bolt", func(b *testing.B) {
		cpu0 := cpuTime()
		for range b.N {
			db, err := hbolt.Open(filepath.Join(b.TempDir(), "indexes.bolt"), nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := ckv.Init(db, nil); err != nil {
				b.Fatal(err)
			}
			qs, err := ckv.New(db, nil)
			if err != nil {
				b.Fatal(err)
			}
			w, err := qs.NewQuadWriter()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := quad.CopyBatch(w, &sliceReader{qs: quads}, quad.DefaultBatch); err != nil {
				b.Fatal(err)
			}
			w.Close()
			qs.Close()
		}
		b.ReportMetric(float64(len(quads)*b.N)/b.Elapsed().Seconds(), "quads/s")
		b.ReportMetric(float64(len(quads)*b.N)/(cpuTime()-cpu0).Seconds(), "quads/cpu-s")
	})
}

// cpuTime returns the user and system CPU time of the process so far: on a
// shared machine it is a steadier measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var _ graph.QuadStore = (*kvstore.Store)(nil)
