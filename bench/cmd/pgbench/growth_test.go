package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGrowth checks the growth table on two rounds of two data sets, given
// out of order: the sets sorted by size, the medians of the rounds, their
// ratio, and the range of the ratios within a round.
func TestGrowth(t *testing.T) {
	dir := t.TempDir()
	var files []string
	put := func(name, data string, quads int64, ms ...float64) {
		r := Result{Engine: "partygraph", Data: data, Quads: quads}
		for i, m := range ms {
			r.Queries = append(r.Queries, QueryResult{Name: []string{"scan", "join"}[i], MedianMs: m})
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	put("1.json", "/d/gen-1e6.nq", 1000, 10, 40)
	put("2.json", "/d/gen-1e5.nq", 100, 1, 2)
	put("3.json", "/d/gen-1e6.nq", 1000, 30, 40)
	put("4.json", "/d/gen-1e5.nq", 100, 2, 2)
	var out bytes.Buffer
	if err := run(t.Context(), append([]string{"growth"}, files...), &out, &out); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"| query | gen-1e5 ms | gen-1e6 ms | gen-1e5 → gen-1e6 (data 10.0x) |",
		"| --- | ---: | ---: | ---: |",
		"| scan | 1.50 | 20.0 | 13.3x (10.0–15.0) |",
		"| join | 2.00 | 40.0 | 20.0x (20.0–20.0) |",
	}
	if got := strings.TrimSpace(out.String()); got != strings.Join(want, "\n") {
		t.Errorf("growth table:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if err := run(t.Context(), []string{"growth"}, &out, &out); err == nil {
		t.Error("growth with no files succeeded")
	}
}
