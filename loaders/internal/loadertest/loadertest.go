// Package loadertest holds test helpers shared by the genre parsers: finding
// the seed documents, comparing golden files, and the table-driven checks
// every parser gets (golden dumps of its test documents, bad input, size
// limits, fuzzing and a benchmark), each taking the parser as a function.
package loadertest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
)

// Update rewrites golden files instead of comparing them (go test -update).
// A test package that imports loadertest uses this flag and defines no
// "update" flag of its own.
var Update = flag.Bool("update", false, "rewrite golden files")

// RepoRoot returns the directory of the go.mod above the working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// SeedDir returns the shared seeds directory (../shared/seeds next to the
// module root), or skips the test, saying why, when it is absent.
func SeedDir(t testing.TB) string {
	t.Helper()
	seeds := filepath.Join(RepoRoot(t), "..", "shared", "seeds")
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
	GoldenBytes(t, golden, buf.Bytes())
}

// GoldenBytes compares got with the golden file at path, or writes it there
// (making its directory) under -update. A difference is reported with the
// first line that differs and the lines found only on either side.
func GoldenBytes(t *testing.T, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs %s", path, Diff(string(want), string(got)))
	}
}

// Diff describes how got differs from want, line by line: the first line
// that differs, then the lines only in want (-) and only in got (+). It is
// empty when they are equal.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var sb strings.Builder
	for i := 0; i < max(len(gl), len(wl)); i++ {
		if i >= len(gl) || i >= len(wl) || gl[i] != wl[i] {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			fmt.Fprintf(&sb, "at line %d:\n got: %s\nwant: %s\n", i+1, g, w)
			break
		}
	}
	inWant, inGot := map[string]bool{}, map[string]bool{}
	for _, l := range wl {
		inWant[l] = true
	}
	for _, l := range gl {
		inGot[l] = true
		if !inWant[l] {
			sb.WriteString("+ " + l + "\n")
		}
	}
	for _, l := range wl {
		if !inGot[l] {
			sb.WriteString("- " + l + "\n")
		}
	}
	return sb.String()
}

// Block returns the first block of kind whose text contains sub, or fails.
func Block(t testing.TB, d *loaders.Document, kind loaders.BlockKind, sub string) loaders.Block {
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

// Meta checks that d.Meta holds each key of want with its value (other keys
// may be present too).
func Meta(t testing.TB, d *loaders.Document, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got, ok := d.Meta[k]; !ok || got != v {
			t.Errorf("meta %q = %q, want %q", k, got, v)
		}
	}
}
