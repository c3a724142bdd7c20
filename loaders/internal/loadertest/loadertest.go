// Package loadertest holds test helpers shared by the genre parsers: finding
// the seed documents and comparing golden dumps.
package loadertest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
)

// Update rewrites golden files instead of comparing them (go test -update).
var Update = flag.Bool("update", false, "rewrite golden files")

// SeedDir returns the shared seeds directory (../shared/seeds next to the
// module root), or skips the test, saying why, when it is absent.
func SeedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("seeds not found: no go.mod above the test directory")
		}
		dir = parent
	}
	seeds := filepath.Join(dir, "..", "shared", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("seeds not found at %s: %v", seeds, err)
	}
	return seeds
}

// Seed reads one seed document, skipping the test when seeds are absent.
func Seed(t testing.TB, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(SeedDir(t), file))
	if err != nil {
		t.Skipf("seed %s not readable: %v", file, err)
	}
	return data
}

// Golden compares the dump of d with the golden file, or rewrites it under
// -update.
func Golden(t *testing.T, golden string, d *loaders.Document) {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Dump(&buf); err != nil {
		t.Fatal(err)
	}
	if *Update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got := buf.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s", golden, i+1, g, w)
			}
		}
	}
}

// Block returns the first block of kind whose text contains sub, or fails.
func Block(t *testing.T, d *loaders.Document, kind loaders.BlockKind, sub string) loaders.Block {
	t.Helper()
	for _, b := range d.Blocks {
		if b.Kind == kind && strings.Contains(b.Text+strings.Join(flat(b.Rows), "|"), sub) {
			return b
		}
	}
	t.Fatalf("no %s block containing %q", kind, sub)
	return loaders.Block{}
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
