package graph_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// BenchmarkLoadSources is Store.BulkLoadSources, the path `partygraph load`
// takes for N-Quads of new sources, on the same generated files as
// BenchmarkLoad (whose cayley-* entries are Cayley's own loading path):
// a first pass collects the labels (timed, as the load does it), a second
// one stores the quads.
//
//	go test ./graph -run XXX -bench 'LoadSources/1e5/pg' -benchtime 1x
func BenchmarkLoadSources(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			skipBig(b, size.n)
			file := benchData(b, size.n)
			for _, be := range []struct{ name, scheme string }{
				{"kv-leveldb", "leveldb:"}, {"kv-bolt", "bolt:"}, {"pg", "postgres"},
			} {
				b.Run(be.name, func(b *testing.B) {
					ctx := context.Background()
					var n int
					var heap uint64
					var elapsed, cpu time.Duration
					for range b.N {
						b.StopTimer()
						dir := filepath.Join(b.TempDir(), "db")
						s, err := graph.Open(ctx, benchURL(b, be.scheme, dir), graph.Options{})
						if err != nil {
							b.Fatal(err)
						}
						b.StartTimer()
						start, startCPU := time.Now(), cpuTime()
						heap = max(heap, peakHeap(func() {
							labels, count := scanLabels(b, file)
							qf := openQuadFile(b, file)
							defer qf.Close()
							var err error
							if n, _, err = s.BulkLoadSources(ctx, labels, qf, graph.BulkOptions{Quads: count}); err != nil {
								b.Fatal(err)
							}
						}))
						elapsed += time.Since(start)
						cpu += cpuTime() - startCPU
						b.StopTimer()
						s.Close()
						os.RemoveAll(dir)
						b.StartTimer()
					}
					b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "quads/s")
					b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "quads/cpu-s")
					b.ReportMetric(float64(heap)/(1<<20), "MB-peak-heap")
					b.ReportMetric(maxRSS(), "MB-maxrss-process")
				})
			}
		})
	}
}

// scanLabels is the first pass of a load: the labels and the number of quads.
func scanLabels(b *testing.B, file string) ([]quad.Value, int) {
	qf := openQuadFile(b, file)
	defer qf.Close()
	for {
		if _, err := qf.ReadQuad(); err == io.EOF {
			return qf.Labels(), qf.Count()
		} else if err != nil {
			b.Fatal(err)
		}
	}
}

// openQuadFile opens file as the loader does: in one section per processor.
func openQuadFile(b *testing.B, file string) *graph.SplitQuadFile {
	qf, err := graph.OpenSplitQuadFile(file, nil, false, runtime.GOMAXPROCS(0), nil)
	if err != nil {
		b.Fatal(err)
	}
	return qf
}
