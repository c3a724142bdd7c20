package graph_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/gen"
)

// The store benchmarks load the same synthetic N-Quads (internal/gen, seed 1)
// into each backend and time a selective two-hop query on the result. Sizes
// are 10^5 and 10^6 quads; run one backend at a time to read peak RSS:
//
//	go test ./graph -run XXX -bench 'Load/1e6/kv-leveldb' -benchtime 1x
//
// See docs/performance.md ("Store") for results and the full command list.

var benchSizes = []struct {
	name string
	n    int
}{{"1e5", 100_000}, {"1e6", 1_000_000}, {"1e7", 10_000_000}}

// skipBig skips 10^7 quads unless PARTYGRAPH_BENCH_1E7 is set: generating
// them writes 2.2 GB.
func skipBig(b *testing.B, n int) {
	if n > 1_000_000 && os.Getenv("PARTYGRAPH_BENCH_1E7") == "" {
		b.Skip("set PARTYGRAPH_BENCH_1E7=1 for 10^7 quads")
	}
}

// benchBackends are the stores compared. batch is the transaction size: ours
// takes 10^5 quads per transaction (5*10^4 for the PostgreSQL COPY path);
// Cayley's own loading path (cayley set) is the store's quad writer fed by
// quad.CopyBatch with quad.DefaultBatch, as `cayley load` does.
var benchBackends = []struct {
	name, scheme string
	batch        int
	cayley       bool
}{
	{"kv-leveldb", "leveldb:", 100_000, false},
	{"kv-bolt", "bolt:", 100_000, false},
	{"pg-copy", "postgres", 50_000, false},
	{"cayley-bolt", "cayley-bolt:", quad.DefaultBatch, true},
	{"cayley-memstore", "mem:", quad.DefaultBatch, true},
	{"cayley-postgres", "postgres", quad.DefaultBatch, true},
}

var benchDataMu sync.Mutex

// benchData returns the path of n generated quads as N-Quads, made once per
// machine in the temporary directory (the generator is deterministic).
func benchData(b *testing.B, n int) string {
	benchDataMu.Lock()
	defer benchDataMu.Unlock()
	file := filepath.Join(os.TempDir(), fmt.Sprintf("partygraph-bench-seed1-%d.nq", n))
	if _, err := os.Stat(file); err == nil {
		return file
	}
	tmp := file + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := gen.WriteNQuads(f, gen.Config{Seed: 1, Quads: n}); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		b.Fatal(err)
	}
	return file
}

// benchURL returns the --db of a new store of the backend in dir, or skips.
func benchURL(b *testing.B, scheme, dir string) string {
	if scheme == "postgres" {
		if os.Getenv("PARTYGRAPH_TEST_POSTGRES") == "" {
			b.Skip("PARTYGRAPH_TEST_POSTGRES is not set")
		}
		return freshPostgres(b)
	}
	if scheme == "mem:" {
		return scheme
	}
	return scheme + dir
}

func loadFile(b *testing.B, s *graph.Store, file string, batch int, cayley bool) int {
	f, err := os.Open(file)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := graph.NewNQuadsReader(bufio.NewReaderSize(f, 1<<20), file)
	if cayley {
		w, err := s.QuadStore().NewQuadWriter()
		if err != nil {
			b.Fatal(err)
		}
		n, err := quad.CopyBatch(w, r, batch)
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		return n
	}
	n, err := s.BulkLoad(context.Background(), r, batch)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// peakHeap samples the Go heap while fn runs and returns its peak in bytes.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse+m.StackInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func maxRSS() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024 // KiB on Linux
}

func dirBytes(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// BenchmarkLoad loads the generated quads into a new store: partygraph's
// paths with Store.BulkLoad (the kv layout, COPY on PostgreSQL), and Cayley's
// stores with Cayley's own loading path.
func BenchmarkLoad(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			skipBig(b, size.n)
			file := benchData(b, size.n)
			for _, be := range benchBackends {
				b.Run(be.name, func(b *testing.B) {
					var n int
					var disk int64
					var heap uint64
					var elapsed, cpu time.Duration
					for range b.N {
						b.StopTimer()
						dir := filepath.Join(b.TempDir(), "db")
						s, err := graph.Open(context.Background(), benchURL(b, be.scheme, dir), graph.Options{})
						if err != nil {
							b.Fatal(err)
						}
						b.StartTimer()
						start, startCPU := time.Now(), cpuTime()
						heap = max(heap, peakHeap(func() { n = loadFile(b, s, file, be.batch, be.cayley) }))
						elapsed += time.Since(start)
						cpu += cpuTime() - startCPU
						b.StopTimer()
						s.Close()
						disk = dirBytes(dir)
						keepBenchStore(dir, be.scheme, size.n)
						os.RemoveAll(dir)
						b.StartTimer()
					}
					b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "quads/s")
					b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "quads/cpu-s")
					if be.scheme != "mem:" && be.scheme != "postgres" {
						b.ReportMetric(float64(disk)/(1<<20), "MB-disk")
					}
					b.ReportMetric(float64(heap)/(1<<20), "MB-peak-heap")
					b.ReportMetric(maxRSS(), "MB-maxrss-process")
				})
			}
		})
	}
}

func benchStoreDir(scheme string, n int) (dir, done string) {
	base := filepath.Join(os.TempDir(), fmt.Sprintf("partygraph-bench-store-%s-%d", scheme[:len(scheme)-1], n))
	return base, base + ".done"
}

// keepBenchStore keeps a store that BenchmarkLoad made for BenchmarkTwoHop,
// unless one is kept already.
func keepBenchStore(dir, scheme string, n int) {
	if scheme == "mem:" || scheme == "postgres" {
		return
	}
	keep, done := benchStoreDir(scheme, n)
	if _, err := os.Stat(done); err == nil {
		return
	}
	os.RemoveAll(keep)
	if os.Rename(dir, keep) == nil {
		os.WriteFile(done, nil, 0o644)
	}
}

// benchStore returns a store of the backend holding the generated quads,
// kept between runs in the temporary directory (except memory and
// PostgreSQL, loaded each time).
func benchStore(b *testing.B, scheme string, batch int, cayley bool, n int) *graph.Store {
	file := benchData(b, n)
	dir, done := benchStoreDir(scheme, n)
	url := benchURL(b, scheme, dir)
	if scheme == "mem:" || scheme == "postgres" {
		s, err := graph.Open(context.Background(), url, graph.Options{})
		if err != nil {
			b.Fatal(err)
		}
		loadFile(b, s, file, batch, cayley)
		return s
	}
	if _, err := os.Stat(done); err != nil {
		os.RemoveAll(dir)
		s, err := graph.Open(context.Background(), url, graph.Options{})
		if err != nil {
			b.Fatal(err)
		}
		loadFile(b, s, file, batch, cayley)
		s.Close()
		os.WriteFile(done, nil, 0o644)
	}
	s, err := graph.Open(context.Background(), url, graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkTwoHop runs a selective two-hop query: the meetings an organiser
// hosted, and their dates. "match" is graph.Store.Match (the native path on
// the kv layout); "cayley-path" is Cayley's path package, as Gizmo's
// g.V(org).In(organizer).Out(startDate) runs, over each store's QuadStore.
func BenchmarkTwoHop(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			skipBig(b, size.n)
			for _, be := range benchBackends {
				b.Run(be.name, func(b *testing.B) {
					s := benchStore(b, be.scheme, be.batch, be.cayley, size.n)
					defer s.Close()
					ctx := context.Background()
					org := busiestOrganizer(b, s)
					b.Run("match", func(b *testing.B) {
						var n int
						for range b.N {
							n = twoHopMatch(b, s, org)
						}
						b.ReportMetric(float64(n), "results")
					})
					b.Run("cayley-path", func(b *testing.B) {
						var n int
						for range b.N {
							vals, err := path.StartPath(s.QuadStore(), org).In(graph.Organizer).Out(graph.StartDate).Iterate(ctx).AllValues(s.QuadStore())
							if err != nil {
								b.Fatal(err)
							}
							n = len(vals)
						}
						b.ReportMetric(float64(n), "results")
					})
				})
			}
		})
	}
}

// busiestOrganizer returns the organiser of the first meeting in the data.
func busiestOrganizer(b *testing.B, s *graph.Store) quad.Value {
	var org quad.Value
	err := s.Match(context.Background(), nil, graph.Organizer, nil, nil, func(q quad.Quad) bool {
		org = q.Object
		return false
	})
	if err != nil || org == nil {
		b.Fatalf("no organiser: %v", err)
	}
	return org
}

// twoHopMatch returns how many distinct (meeting, date) pairs the organiser has.
func twoHopMatch(b *testing.B, s *graph.Store, org quad.Value) int {
	ctx := context.Background()
	meetings := map[quad.Value]bool{}
	if err := s.Match(ctx, nil, graph.Organizer, org, nil, func(q quad.Quad) bool {
		meetings[q.Subject] = true
		return true
	}); err != nil {
		b.Fatal(err)
	}
	pairs := map[[2]quad.Value]bool{}
	for m := range meetings {
		if err := s.Match(ctx, m, graph.StartDate, nil, nil, func(q quad.Quad) bool {
			pairs[[2]quad.Value{m, q.Object}] = true
			return true
		}); err != nil {
			b.Fatal(err)
		}
	}
	return len(pairs)
}
