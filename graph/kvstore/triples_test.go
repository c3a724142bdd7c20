package kvstore

import (
	"context"
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestMatchTriples checks that MatchTriples and MatchTripleIDs pass each
// triple once, without a label, however many graphs state it and wherever
// the chunks of its scan end, that TermIDs and TermValues map ids and values
// both ways, and that MatchTriples and TermIDs decline once the store holds
// a value in a non-canonical form, also after reopening.
func TestMatchTriples(t *testing.T) {
	ctx := context.Background()
	for _, engine := range []string{EngineLevelDB, EngineBolt} {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			s, err := Open(dir, Options{Engine: engine})
			if err != nil {
				t.Fatal(err)
			}
			defer func() { s.Close() }()
			p := quad.IRI("x:p")
			// 3*chunk triples, each in three graphs: the scans' chunks end
			// inside runs of one triple's quads
			var labels []quad.Value
			var qs []quad.Quad
			for g := range 3 {
				l := quad.IRI(fmt.Sprintf("x:doc%d", g))
				labels = append(labels, l)
				for i := range 3 * chunk {
					qs = append(qs, quad.Quad{Subject: quad.IRI(fmt.Sprintf("x:s%05d", i)), Predicate: p, Object: quad.String("o"), Label: l})
				}
			}
			qs = append(qs, quad.Quad{Subject: quad.IRI("x:s00000"), Predicate: quad.IRI("x:q"), Object: quad.String("o"), Label: labels[0]})
			if _, _, _, err := s.Replace(ctx, labels, qs); err != nil {
				t.Fatal(err)
			}
			stored := map[quad.Quad]bool{}
			for _, q := range qs {
				stored[quad.Quad{Subject: q.Subject, Predicate: q.Predicate, Object: q.Object}] = true
			}
			count := func(pat quad.Quad) (int, bool) {
				t.Helper()
				n := 0
				seen := map[quad.Quad]bool{}
				ok, err := s.MatchTriples(ctx, pat, func(q quad.Quad) bool {
					tr := quad.Quad{Subject: q.Subject, Predicate: q.Predicate, Object: q.Object}
					if seen[tr] {
						t.Errorf("%v passed twice", tr)
					}
					if q.Label != nil {
						t.Errorf("%v passed with a label", q)
					}
					mismatch := pat.Subject != nil && pat.Subject != q.Subject || pat.Predicate != nil && pat.Predicate != q.Predicate || pat.Object != nil && pat.Object != q.Object
					if !stored[tr] || mismatch {
						t.Errorf("%v passed for %v: not a stored triple that matches", tr, pat)
					}
					seen[tr] = true
					n++
					return true
				})
				if err != nil {
					t.Fatal(err)
				}
				return n, ok
			}
			// the same on ids: each triple once, its ids those of its values
			countIDs := func(pat quad.Quad) int {
				t.Helper()
				vals := []quad.Value{pat.Subject, pat.Predicate, pat.Object}
				var tid [3]uint64
				if ok, err := s.TermIDs(ctx, vals, tid[:]); !ok || err != nil {
					t.Fatalf("TermIDs(%v) = %v, %v", vals, ok, err)
				}
				n := 0
				seen := map[[3]uint64]bool{}
				err := s.MatchTripleIDs(ctx, tid, func(t3 [3]uint64) bool {
					if seen[t3] {
						t.Errorf("%v passed twice", t3)
					}
					seen[t3] = true
					got := make([]quad.Value, 3)
					if err := s.TermValues(ctx, t3[:], got); err != nil {
						t.Fatal(err)
					}
					tr := quad.Quad{Subject: got[0], Predicate: got[1], Object: got[2]}
					back := make([]uint64, 3)
					s.TermIDs(ctx, got, back)
					if !stored[tr] || [3]uint64(back) != t3 {
						t.Errorf("ids %v are %v, ids %v again: not a stored triple's", t3, tr, back)
					}
					n++
					return true
				})
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			for _, tc := range []struct {
				pat  quad.Quad
				want int
			}{
				{quad.Quad{Predicate: p}, 3 * chunk},
				{quad.Quad{}, 3*chunk + 1},
				{quad.Quad{Object: quad.String("o")}, 3*chunk + 1},
				{quad.Quad{Subject: quad.IRI("x:s00000")}, 2},
				{quad.Quad{Subject: quad.IRI("x:s00007"), Object: quad.String("o")}, 1},
				{quad.Quad{Subject: quad.IRI("x:s00007"), Predicate: p, Object: quad.String("o")}, 1},
			} {
				if n, ok := count(tc.pat); !ok || n != tc.want {
					t.Errorf("MatchTriples(%v) = %d triples (%v), want %d", tc.pat, n, ok, tc.want)
				}
				if n := countIDs(tc.pat); n != tc.want {
					t.Errorf("MatchTripleIDs(%v) = %d triples, want %d", tc.pat, n, tc.want)
				}
			}
			// a term that is not stored has no id, and nothing matches it
			var none [1]uint64
			if ok, err := s.TermIDs(ctx, []quad.Value{quad.IRI("x:nowhere")}, none[:]); !ok || err != nil || none[0] != 0 {
				t.Errorf("TermIDs of a value not stored = %d (%v, %v), want 0", none[0], ok, err)
			}
			if _, err := s.MatchTriples(ctx, quad.Quad{Label: labels[0]}, func(quad.Quad) bool { return true }); err == nil {
				t.Error("MatchTriples with a bound label did not fail")
			}
			// stops when fn says so
			n := 0
			s.MatchTriples(ctx, quad.Quad{Predicate: p}, func(quad.Quad) bool { n++; return n < 5 })
			if n != 5 {
				t.Errorf("fn called %d times after asking to stop at 5", n)
			}

			// A typed xsd:string literal is the same RDF term as the plain
			// one, with another id: MatchTriples declines from now on.
			typed := quad.TypedString{Value: "o", Type: xsdString}
			if _, _, _, err := s.Replace(ctx, []quad.Value{quad.IRI("x:typed")}, []quad.Quad{{Subject: quad.IRI("x:s00001"), Predicate: p, Object: typed, Label: quad.IRI("x:typed")}}); err != nil {
				t.Fatal(err)
			}
			if _, ok := count(quad.Quad{Predicate: p}); ok {
				t.Error("MatchTriples did not decline on a store with a non-canonical value")
			}
			if ok, _ := s.TermIDs(ctx, []quad.Value{p}, none[:]); ok {
				t.Error("TermIDs did not decline on a store with a non-canonical value")
			}
			s.Close()
			if s, err = Open(dir, Options{Engine: engine}); err != nil {
				t.Fatal(err)
			}
			if _, ok := count(quad.Quad{Predicate: p}); ok {
				t.Error("after reopening, MatchTriples did not decline on a store with a non-canonical value")
			}
		})
	}
}

// TestCanonicalMarkOnReopen checks that a new store keeps its mark of
// canonical values when reopened, and that a store without the mark (made
// before it existed) does not get it.
func TestCanonicalMarkOnReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.canonical.Load() {
		t.Error("a new store is not marked canonical")
	}
	if err := s.update(func(_ reader, w writer) error { return w.del(tableMeta, []byte(metaCanonical)) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.canonical.Load() {
		t.Error("a store without the mark is marked canonical after reopening")
	}
}

// TestLabelLastWithoutLabel checks what MatchTriples relies on: a pattern
// without a label is read from an index whose keys end with the label.
func TestLabelLastWithoutLabel(t *testing.T) {
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for mask := range 8 {
		var q ids
		for p := range 3 {
			if mask&(1<<p) != 0 {
				q[p] = uint64(p + 1)
			}
		}
		err := s.eng.view(func(r reader) error {
			x, _, err := s.chooseIndex(r, q)
			if err == nil && x.order[3] != 3 {
				t.Errorf("pattern %v reads %s, whose keys do not end with the label", q, x.name)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestCanonicalEncoding(t *testing.T) {
	for _, tc := range []struct {
		v    quad.Value
		want bool
	}{
		{quad.IRI("x:a"), true},
		{quad.BNode("b"), true},
		{quad.String("s"), true},
		{quad.LangString{Value: "s", Lang: "en"}, true},
		{quad.TypedString{Value: "1", Type: "http://www.w3.org/2001/XMLSchema#integer"}, true},
		{quad.TypedString{Value: "s", Type: xsdString}, false},
		{quad.Int(1), false},
		{quad.Float(1.5), false},
		{quad.Bool(true), false},
	} {
		enc, err := appendValue(nil, tc.v)
		if err != nil {
			t.Fatal(err)
		}
		if got := canonicalEncoding(enc); got != tc.want {
			t.Errorf("canonicalEncoding(%#v) = %v, want %v", tc.v, got, tc.want)
		}
	}
	if canonicalEncoding(nil) || canonicalEncoding([]byte{kindTypedString, 0x7f}) {
		t.Error("a malformed encoding is called canonical")
	}
}

// TestUnversionedStoreWithValues checks that a store without a layout
// version that already holds values gets its version written on open, and
// no mark of canonical values (it may hold values of any form).
func TestUnversionedStoreWithValues(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.update(func(_ reader, w writer) error {
		if err := w.put(tableMeta, []byte(metaNextID), binary.AppendUvarint(nil, 7)); err != nil {
			return err
		}
		if err := w.del(tableMeta, []byte(metaCanonical)); err != nil {
			return err
		}
		return w.del(tableMeta, []byte(metaVersion))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.canonical.Load() {
		t.Error("a store that held values before it had a version is marked canonical")
	}
	var ver uint64
	s.eng.view(func(r reader) error {
		v, err := r.get(tableMeta, []byte(metaVersion))
		ver, _ = binary.Uvarint(v)
		return err
	})
	if ver != layoutVer {
		t.Errorf("layout version %d after open, want %d", ver, layoutVer)
	}
}
