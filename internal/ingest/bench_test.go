package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/gen"
	"github.com/partygraph/partygraph/internal/ingest"
)

// BenchmarkLoadNQuads is `partygraph load FILE.nq` into a new store of the
// default kind: generated quads (internal/gen, seed 1;
// $PARTYGRAPH_BENCH_QUADS of them, 10^5 by default), cached as N-Quads in
// the temporary directory under the name graph's benchmarks use.
//
//	PARTYGRAPH_BENCH_QUADS=1000000 go test ./internal/ingest -run XXX -bench LoadNQuads -benchtime 1x -cpuprofile cpu.out
func BenchmarkLoadNQuads(b *testing.B) {
	n := 100_000
	if v := os.Getenv("PARTYGRAPH_BENCH_QUADS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	file := filepath.Join(os.TempDir(), fmt.Sprintf("partygraph-bench-seed1-%d.nq", n))
	if _, err := os.Stat(file); err != nil {
		f, err := os.Create(file + ".tmp")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := gen.WriteNQuads(f, gen.Config{Seed: 1, Quads: n}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(file+".tmp", file); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	cpu0 := cpuTime()
	for range b.N {
		b.StopTimer()
		s, err := graph.Open(ctx, filepath.Join(b.TempDir(), "db"), graph.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		l := &ingest.Loader{Store: s}
		if _, err := l.Load(ctx, []string{file}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "quads/s")
	b.ReportMetric(float64(n*b.N)/(cpuTime()-cpu0).Seconds(), "quads/cpu-s")
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(float64(ru.Maxrss)/1024, "MB-maxrss-process")
}

// cpuTime returns the user and system CPU time of the process so far: on a
// shared machine a steadier measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
