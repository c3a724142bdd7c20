package graph

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzNQuadsFastPath: the parser's fast paths (terms that are slices of the
// line) give exactly what the slow path gives, quads and errors alike.
func FuzzNQuadsFastPath(f *testing.F) {
	data, _ := os.ReadFile("testdata/roundtrip.nq")
	for _, l := range strings.Split(string(data), "\n") {
		f.Add(l)
	}
	for _, l := range []string{
		`<a> <b> "\U0010FFFF" .`, `_:x <b> _:y _:z .`, `<a> <b> "x"@en-GB-1 <g> .`, `<a> <b> "x"@en- .`,
		`<a\u0020b> <b> "c" .`, "<a> <b> \"\xff\" .", "<\xe4\xb8\xad> <b> \"\xe4\xb8\xad\" .", `<> <b> "c" .`,
		"<a> <b> \"tab\there\" .", "<a> <b> \"ctl\x01\" .", `<a> <b> "x"^^<http://www.w3.org/2001/XMLSchema#string> .`,
	} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		fast := lineParser{s: line}
		slow := lineParser{s: line, slow: true}
		qf, ef := fast.quad()
		qs, es := slow.quad()
		if qf != qs || fmt.Sprint(ef) != fmt.Sprint(es) || fast.off != slow.off {
			t.Fatalf("%q: fast path gives %#v, %v (at %d); slow path %#v, %v (at %d)", line, qf, ef, fast.off, qs, es, slow.off)
		}
	})
}

// BenchmarkQuadFile reads the generated 10^5-quad file of the store
// benchmarks (make it with BenchmarkLoad first) the way a load's first pass
// does: every quad parsed, the labels collected.
func BenchmarkQuadFile(b *testing.B) {
	file := filepath.Join(os.TempDir(), "partygraph-bench-seed1-100000.nq")
	if _, err := os.Stat(file); err != nil {
		b.Skip("no generated file: run BenchmarkLoad/1e5 first")
	}
	for range b.N {
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		qf, err := NewQuadFile(f, file, nil, false)
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := qf.ReadQuad(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
		b.ReportMetric(float64(qf.Count()), "quads")
	}
	b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "quads/s")
}
