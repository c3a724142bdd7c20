package extract_test

import (
	"bytes"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders/detect"
	"github.com/partygraph/partygraph/loaders/extract"
	"github.com/partygraph/partygraph/loaders/gazetteer"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// repoRoot returns the directory of go.mod above the working directory.
func repoRoot(t testing.TB) string {
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

// seedsDir returns ../shared/seeds next to the repository, or skips.
func seedsDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("seed documents not found at %s: %v", dir, err)
	}
	return dir
}

var defaultGZ = sync.OnceValues(gazetteer.Default)

func gz(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	g, err := defaultGZ()
	if err != nil {
		t.Fatalf("gazetteer: %v", err)
	}
	return g
}

// entry returns the IRI of the gazetteer entity of kind named name.
func entry(t testing.TB, kind, name string) quad.IRI {
	t.Helper()
	for _, e := range gz(t).Lookup(name) {
		if e.Kind == kind {
			return e.IRI
		}
	}
	t.Fatalf("gazetteer has no %s named %q", kind, name)
	return ""
}

// extractFile parses and extracts one file under its source label.
func extractFile(t testing.TB, path string) ([]quad.Quad, quad.IRI) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := detect.Parse(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	label := graph.SourceIRI(path)
	qs, err := extract.Extract(doc, gz(t), label)
	if err != nil {
		t.Fatalf("extract %s: %v", path, err)
	}
	return qs, label
}

// nquads renders quads one per line, sorted.
func nquads(qs []quad.Quad) string {
	lines := make([]string, len(qs))
	for i, q := range qs {
		lines[i] = q.NQuad()
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(want, []byte(got)) {
		t.Errorf("%s differs from the extracted quads:\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w := map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	g := map[string]bool{}
	var b strings.Builder
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	return b.String()
}

// fact is an expected quad without its label.
type fact struct {
	S quad.IRI
	P quad.IRI
	O quad.Value
}

func (f fact) String() string {
	return quad.Quad{Subject: f.S, Predicate: f.P, Object: f.O}.NQuad()
}

// has reports whether qs holds the fact under label.
func has(qs []quad.Quad, f fact, label quad.IRI) bool {
	for _, q := range qs {
		if q.Subject == quad.Value(f.S) && q.Predicate == quad.Value(f.P) && q.Object == f.O && q.Label == quad.Value(label) {
			return true
		}
	}
	return false
}

// objects returns the objects of (s, p) in qs.
func objects(qs []quad.Quad, s, p quad.IRI) []quad.Value {
	var out []quad.Value
	for _, q := range qs {
		if q.Subject == quad.Value(s) && q.Predicate == quad.Value(p) {
			out = append(out, q.Object)
		}
	}
	return out
}

func xsdDate(s string) quad.Value {
	return quad.TypedString{Value: quad.String(s), Type: graph.XSDDate}
}

func gYear(s string) quad.Value {
	return quad.TypedString{Value: quad.String(s), Type: graph.XSDGYear}
}

func integer(s string) quad.Value {
	return quad.TypedString{Value: quad.String(s), Type: graph.XSDInteger}
}

func meetingIRI(series quad.IRI, year string) quad.IRI {
	s := string(series)
	slug, err := url.PathUnescape(s[strings.LastIndexByte(s, '/')+1:])
	if err != nil {
		panic(err)
	}
	return graph.EntityIRI(graph.KindMeeting, slug+"-"+year)
}

func id(kind, slug string) quad.IRI { return graph.EntityIRI(kind, slug) }
