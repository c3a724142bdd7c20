package kvstore_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph/kvstore"
)

func open(t *testing.T, dir, engine string) *kvstore.Store {
	t.Helper()
	s, err := kvstore.Open(dir, kvstore.Options{Engine: engine})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// model is the expected content of a store: quads by label.
type model map[quad.Value]map[quad.Quad]bool

func (m model) all() []quad.Quad {
	var out []quad.Quad
	for _, qs := range m {
		for q := range qs {
			out = append(out, q)
		}
	}
	return out
}

func matches(q, pat quad.Quad) bool {
	for _, d := range quad.Directions {
		if v := pat.Get(d); v != nil && q.Get(d) != v {
			return false
		}
	}
	return true
}

func sorted(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = fmt.Sprintf("%#v", q)
	}
	sort.Strings(out)
	return out
}

// randomDoc makes the quads of one source: terms from small pools, so
// sources share subjects, predicates and objects.
func randomDoc(r *rand.Rand, label quad.Value) []quad.Quad {
	objects := []quad.Value{
		quad.IRI("x:o1"), quad.IRI("x:o2"), quad.BNode("b1"), quad.String("one"), quad.String("One"),
		quad.LangString{Value: "一", Lang: "zh-Hans"}, quad.LangString{Value: "one", Lang: "en"},
		quad.TypedString{Value: "2017-11-30", Type: "http://www.w3.org/2001/XMLSchema#date"},
		quad.TypedString{Value: "2017-11-30", Type: "http://www.w3.org/2001/XMLSchema#string"},
		quad.String(string(make([]byte, 300))), // a long value: its key is a hash
	}
	n := r.IntN(25)
	qs := make([]quad.Quad, 0, n)
	for range n {
		qs = append(qs, quad.Quad{
			Subject:   quad.IRI(fmt.Sprintf("x:s%d", r.IntN(6))),
			Predicate: quad.IRI(fmt.Sprintf("x:p%d", r.IntN(4))),
			Object:    objects[r.IntN(len(objects))],
			Label:     label,
		})
	}
	return qs
}

func TestReplaceMatchEstimate(t *testing.T) {
	ctx := context.Background()
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "db"), engine)
			r := rand.New(rand.NewPCG(1, 2))
			m := model{}
			labels := []quad.Value{quad.IRI("x:a"), quad.IRI("x:b"), quad.IRI("x:c"), quad.BNode("g")}
			for step := range 40 {
				l := labels[r.IntN(len(labels))]
				doc := randomDoc(r, l)
				want := map[quad.Quad]bool{}
				for _, q := range doc {
					want[q] = true
				}
				wantAdded, wantRemoved, wantKept := 0, 0, 0
				for q := range want {
					if m[l][q] {
						wantKept++
					} else {
						wantAdded++
					}
				}
				for q := range m[l] {
					if !want[q] {
						wantRemoved++
					}
				}
				removed, added, kept, err := s.Replace(ctx, []quad.Value{l}, doc)
				if err != nil {
					t.Fatal(err)
				}
				if removed != wantRemoved || added != wantAdded || kept != wantKept {
					t.Fatalf("step %d: removed %d added %d kept %d, want %d %d %d", step, removed, added, kept, wantRemoved, wantAdded, wantKept)
				}
				m[l] = want
				if err := s.Check(ctx); err != nil {
					t.Fatalf("step %d: %v", step, err)
				}
				checkPatterns(t, s, m)
			}
		})
	}
}

func checkPatterns(t *testing.T, s *kvstore.Store, m model) {
	t.Helper()
	ctx := context.Background()
	all := m.all()
	pats := []quad.Quad{{}}
	for _, q := range all[:min(len(all), 5)] {
		for mask := 1; mask < 16; mask++ {
			var p quad.Quad
			for i, d := range quad.Directions {
				if mask&(1<<i) != 0 {
					p.Set(d, q.Get(d))
				}
			}
			pats = append(pats, p)
		}
	}
	pats = append(pats, quad.Quad{Subject: quad.IRI("x:nothing")}, quad.Quad{Object: quad.Int(5)})
	for _, p := range pats {
		var want, got []quad.Quad
		for _, q := range all {
			if matches(q, p) {
				want = append(want, q)
			}
		}
		if err := s.Match(ctx, p, func(q quad.Quad) bool { got = append(got, q); return true }); err != nil {
			t.Fatal(err)
		}
		if g, w := sorted(got), sorted(want); fmt.Sprint(g) != fmt.Sprint(w) {
			t.Fatalf("Match(%v):\n got %v\nwant %v", p, g, w)
		}
		est := s.Estimate(ctx, p)
		bound := 0
		for _, d := range quad.Directions {
			if p.Get(d) != nil {
				bound++
			}
		}
		// exact: the store's counters are all below the size up to which
		// patterns of two or three terms are counted
		if est != int64(len(want)) {
			t.Errorf("Estimate(%v) with %d bound terms = %d, want exactly %d", p, bound, est, len(want))
		}
	}
	c, err := s.Counts(ctx)
	if err != nil || c.Quads != int64(len(all)) {
		t.Errorf("Counts = %+v, %v; want %d quads", c, err, len(all))
	}
}

func TestFailedReplaceChangesNothing(t *testing.T) {
	ctx := context.Background()
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "db"), engine)
			a := quad.IRI("x:a")
			doc := randomDoc(rand.New(rand.NewPCG(3, 4)), a)
			if _, _, _, err := s.Replace(ctx, []quad.Value{a}, doc); err != nil {
				t.Fatal(err)
			}
			before := dump(t, s)
			bad := [][]quad.Quad{
				{doc[0], {Subject: quad.IRI("x:s"), Predicate: quad.IRI("x:p")}},
				{doc[0], {Subject: quad.IRI("x:s"), Predicate: quad.IRI("x:p"), Object: badValue{}, Label: a}},
			}
			for i, qs := range bad {
				if _, _, _, err := s.Replace(ctx, []quad.Value{a}, qs); err == nil {
					t.Errorf("bad input %d: Replace succeeded", i)
				}
			}
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			if _, _, _, err := s.Replace(cctx, []quad.Value{a}, nil); !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled Replace: err = %v", err)
			}
			if after := dump(t, s); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("a failed Replace changed the store")
			}
			if err := s.Check(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}

func dump(t *testing.T, s *kvstore.Store) []string {
	t.Helper()
	var all []quad.Quad
	if err := s.Match(context.Background(), quad.Quad{}, func(q quad.Quad) bool { all = append(all, q); return true }); err != nil {
		t.Fatal(err)
	}
	return sorted(all)
}

// badValue is a value of a type the store cannot encode.
type badValue struct{ quad.IRI }

func (badValue) String() string { return "bad" }

type sliceReader struct {
	qs []quad.Quad
	i  int
}

func (r *sliceReader) ReadQuad() (quad.Quad, error) {
	if r.i >= len(r.qs) {
		return quad.Quad{}, io.EOF
	}
	r.i++
	return r.qs[r.i-1], nil
}

func (r *sliceReader) Close() error { return nil }

func TestBulkLoadReopen(t *testing.T) {
	ctx := context.Background()
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "db")
			s, err := kvstore.Open(dir, kvstore.Options{Engine: engine})
			if err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(5, 6))
			var qs []quad.Quad
			m := model{}
			for i := range 60 {
				l := quad.IRI(fmt.Sprintf("x:doc%d", i%7))
				for _, q := range randomDoc(r, l) {
					qs = append(qs, q)
					if m[l] == nil {
						m[l] = map[quad.Quad]bool{}
					}
					m[l][q] = true
				}
			}
			qs = append(qs, qs[:50]...) // duplicates, also across batches
			n, err := s.BulkLoad(ctx, &sliceReader{qs: qs}, 97)
			if err != nil || n != len(qs) {
				t.Fatalf("BulkLoad = %d, %v; want %d read", n, err, len(qs))
			}
			if err := s.Check(ctx); err != nil {
				t.Fatal(err)
			}
			checkPatterns(t, s, m)

			// A second opener is refused quickly while the store is open.
			start := time.Now()
			if _, err := kvstore.Open(dir, kvstore.Options{LockTimeout: 100 * time.Millisecond}); !errors.Is(err, kvstore.ErrInUse) {
				t.Errorf("second Open: err = %v, want ErrInUse", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("second Open took %v", d)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if got := kvstore.Detect(dir); got != engine {
				t.Errorf("Detect = %q, want %q", got, engine)
			}
			other := kvstore.EngineBolt
			if engine == other {
				other = kvstore.EngineLevelDB
			}
			if _, err := kvstore.Open(dir, kvstore.Options{Engine: other}); err == nil {
				t.Errorf("opening a %s store as %s succeeded", engine, other)
			}
			s = open(t, dir, "") // the engine found in the directory
			if s.Engine() != engine {
				t.Errorf("reopened as %s", s.Engine())
			}
			checkPatterns(t, s, m)
			if err := s.Check(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestMatchAfterValueReturns checks that a value whose last quad was removed,
// and which was stored again (under a new id), is found by Match and
// Estimate although readers cached its old id.
func TestMatchAfterValueReturns(t *testing.T) {
	ctx := context.Background()
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "db"), engine)
			l1, l2 := quad.IRI("x:doc1"), quad.IRI("x:doc2")
			v := quad.IRI("x:comes-back")
			q := quad.Quad{Subject: quad.IRI("x:a"), Predicate: quad.IRI("x:p"), Object: v, Label: l1}
			count := func(pat quad.Quad) int {
				n := 0
				if err := s.Match(ctx, pat, func(quad.Quad) bool { n++; return true }); err != nil {
					t.Fatal(err)
				}
				return n
			}
			for step, doc := range [][]quad.Quad{{q}, nil, {{Subject: quad.IRI("x:b"), Predicate: quad.IRI("x:p"), Object: quad.IRI("x:other"), Label: l2}}, {q}} {
				label := l1
				if step == 2 {
					label = l2 // new values in between: the returning value gets a new id
				}
				if _, _, _, err := s.Replace(ctx, []quad.Value{label}, doc); err != nil {
					t.Fatal(err)
				}
				want := 1
				if step == 1 || step == 2 {
					want = 0
				}
				// Estimate first: Match decodes the value again, which
				// refreshes the cache
				if got := s.Estimate(ctx, quad.Quad{Object: v}); got != int64(want) {
					t.Errorf("step %d: Estimate = %d, want %d", step, got, want)
				}
				for _, pat := range []quad.Quad{{Object: v}, {Predicate: quad.IRI("x:p"), Object: v}, {Subject: quad.IRI("x:a"), Object: v, Label: l1}} {
					if got := count(pat); got != want {
						t.Errorf("step %d: Match(%v) found %d quads, want %d", step, pat, got, want)
					}
				}
			}
		})
	}
}
