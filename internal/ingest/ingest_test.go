package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/ingest"
)

// nq returns N-Quads: for each label, n quads about it; version v is in
// every literal, so a reload of a changed file is visible.
func nq(v string, n int, labels ...string) string {
	var b strings.Builder
	for _, l := range labels {
		for i := range n {
			fmt.Fprintf(&b, "<https://example.org/s%s> <https://example.org/p%d> \"%s %s %d\" <https://example.org/src/%s> .\n", l, i%7, v, l, i, l)
		}
	}
	return b.String()
}

func write(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// content returns the store's quads by label, as sorted N-Quads lines.
func content(t *testing.T, s *graph.Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := s.Match(context.Background(), nil, nil, nil, nil, func(q quad.Quad) bool {
		l := graph.FormatTerm(q.Label)
		out[l] = append(out[l], strings.TrimSpace(string(graph.AppendNQuad(nil, q))))
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// eachStore runs fn in a subtest on each kind of store, new, with a
// directory for its files.
func eachStore(t *testing.T, fn func(t *testing.T, s *graph.Store, dir string)) {
	for _, st := range []struct{ name, db string }{{"memory", "mem:"}, {"default", ""}, {"bolt", "bolt:"}} {
		t.Run(st.name, func(t *testing.T) {
			dir := t.TempDir()
			db := st.db
			if db != "mem:" {
				db += filepath.Join(dir, "db")
			}
			s, err := graph.Open(context.Background(), db, graph.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			fn(t, s, dir)
		})
	}
}

func same(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\n") != strings.Join(b[k], "\n") {
			return false
		}
	}
	return true
}

// TestNQuadsLoads runs the provenance rules on each kind of store: a first
// load streams through the bulk path, a second load of the same file changes
// nothing, a changed file replaces exactly its own sources, a bad file (also
// after a good one in the same load) fails with file:line:col and leaves the
// store as it was.
func TestNQuadsLoads(t *testing.T) {
	eachStore(t, func(t *testing.T, s *graph.Store, dir string) {
		ctx := context.Background()
		l := &ingest.Loader{Store: s}
		a := write(t, dir, "a.nq", nq("v1", 30, "a1", "a2"))
		b := write(t, dir, "b.nq", nq("v1", 20, "b"))

		rep, err := l.Load(ctx, []string{a, b})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Quads() != 80 || rep.Added != 80 || rep.Removed != 0 {
			t.Errorf("first load: %d quads read, +%d -%d; want 80, +80 -0", rep.Quads(), rep.Added, rep.Removed)
		}
		if got := len(rep.Files[0].Labels); got != 2 {
			t.Errorf("a.nq has %d labels, want 2", got)
		}
		first := content(t, s)
		if len(first) != 3 {
			t.Fatalf("store holds %d sources, want 3", len(first))
		}

		t.Run("same file twice", func(t *testing.T) {
			rep, err := l.Load(ctx, []string{a})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Added != 0 || rep.Removed != 0 || rep.Kept != 60 {
				t.Errorf("second load: +%d -%d =%d, want +0 -0 =60", rep.Added, rep.Removed, rep.Kept)
			}
			if n, _ := s.Count(ctx); n != 80 {
				t.Errorf("count after a second load = %d, want 80", n)
			}
		})

		t.Run("changed file", func(t *testing.T) {
			write(t, dir, "a.nq", nq("v2", 10, "a1")+nq("v1", 30, "a2"))
			if _, err := l.Load(ctx, []string{a}); err != nil {
				t.Fatal(err)
			}
			got := content(t, s)
			want := map[string][]string{}
			for k, v := range first {
				want[k] = v
			}
			a1 := strings.Split(strings.TrimSpace(nq("v2", 10, "a1")), "\n")
			sort.Strings(a1)
			want["<https://example.org/src/a1>"] = a1
			if !same(got, want) {
				t.Errorf("after reloading a changed a.nq:\n got %v\nwant %v", got, want)
			}
		})

		t.Run("bad file", func(t *testing.T) {
			before := content(t, s)
			c := write(t, dir, "c.nq", nq("v1", 5, "c"))
			bad := write(t, dir, "bad.nq", nq("v1", 2, "d")+"<https://example.org/s> <https://example.org/p> \"unterminated <https://example.org/src/d> .\n")
			_, err := l.Load(ctx, []string{c, bad})
			if err == nil || !strings.Contains(err.Error(), bad+":3:") {
				t.Fatalf("err = %v, want one naming %s:3:col", err, bad)
			}
			if after := content(t, s); !same(after, before) {
				t.Errorf("a failed load changed the store")
			}
		})

		t.Run("label override", func(t *testing.T) {
			l := &ingest.Loader{Store: s, Label: "https://example.org/mine"}
			o := write(t, dir, "o.nq", nq("v1", 4, "x", "y"))
			rep, err := l.Load(ctx, []string{o})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Added != 8 || len(rep.Files[0].Labels) != 1 {
				t.Errorf("override: +%d in %d labels, want +8 in 1", rep.Added, len(rep.Files[0].Labels))
			}
			if got := len(content(t, s)["<https://example.org/mine>"]); got != 8 {
				t.Errorf("the override label holds %d quads, want 8", got)
			}
		})
	})
}

// TestCuratedRidesAlong checks the curated data on each kind of store: on a
// new store it is written with the last file that takes the bulk path, and
// the report counts only the files' quads; a later load finds it stored and
// changes nothing; curated data the store does not hold, in a load whose
// files all restate stored sources, is written on its own.
func TestCuratedRidesAlong(t *testing.T) {
	cq := func(label string, n int) []quad.Quad {
		var qs []quad.Quad
		for i := range n {
			qs = append(qs, quad.Quad{
				Subject:   quad.IRI(fmt.Sprintf("https://example.org/c%d", i)),
				Predicate: quad.IRI("https://example.org/name"),
				Object:    quad.String(fmt.Sprintf("%s %d", label, i)),
				Label:     quad.IRI("https://example.org/curated/" + label),
			})
		}
		return append(qs, qs[0]) // a duplicate: stored once, and not counted
	}
	curated := func(labels ...string) []ingest.Curated {
		var cs []ingest.Curated
		for _, l := range labels {
			cs = append(cs, ingest.Curated{
				Label: quad.IRI("https://example.org/curated/" + l),
				Quads: func() ([]quad.Quad, error) { return cq(l, 9), nil },
			})
		}
		return cs
	}
	eachStore(t, func(t *testing.T, s *graph.Store, dir string) {
		ctx := context.Background()
		a := write(t, dir, "a.nq", nq("v1", 30, "a1", "a2"))
		b := write(t, dir, "b.nq", nq("v1", 20, "b"))
		l := &ingest.Loader{Store: s, Curated: curated("k1", "k2")}
		rep, err := l.Load(ctx, []string{a, b})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Added != 80 || rep.Files[0].Change.Added != 60 || rep.Files[1].Change.Added != 20 {
			t.Errorf("first load: +%d (a.nq +%d, b.nq +%d), want +80 (+60, +20)", rep.Added, rep.Files[0].Change.Added, rep.Files[1].Change.Added)
		}
		got := content(t, s)
		for _, k := range []string{"k1", "k2"} {
			if n := len(got["<https://example.org/curated/"+k+">"]); n != 9 {
				t.Errorf("curated %s: %d quads stored, want 9", k, n)
			}
		}
		if n, _ := s.Count(ctx); n != 98 {
			t.Errorf("store holds %d quads, want 98", n)
		}

		rep, err = l.Load(ctx, []string{a})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Added != 0 || rep.Removed != 0 || !same(content(t, s), got) {
			t.Errorf("second load: +%d -%d, or the content changed", rep.Added, rep.Removed)
		}

		l = &ingest.Loader{Store: s, Curated: curated("k1", "k3")}
		if _, err := l.Load(ctx, []string{a}); err != nil {
			t.Fatal(err)
		}
		after := content(t, s)
		if n := len(after["<https://example.org/curated/k3>"]); n != 9 {
			t.Errorf("curated k3 after a load of stored sources: %d quads, want 9", n)
		}
		delete(after, "<https://example.org/curated/k3>")
		if !same(after, got) {
			t.Errorf("a load of stored sources changed more than the new curated source")
		}
	})
}
