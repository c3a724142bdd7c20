package kvstore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestCachedIDFromOldSnapshot: a reader whose read transaction began before
// a write removed a value and stored it again (under a new id) may put the
// old id into the readers' cache after that write has ended. Later lookups
// must not trust it: they find the value's quads under its new id, and a
// lookup that finds the current id in the cache needs no second look.
func TestCachedIDFromOldSnapshot(t *testing.T) {
	ctx := context.Background()
	// LevelDB only: a bolt write waits for the open read transaction.
	s, err := Open(filepath.Join(t.TempDir(), "db"), Options{Engine: EngineLevelDB})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v := quad.IRI("x:comes-back")
	l1, l2 := quad.IRI("x:doc1"), quad.IRI("x:doc2")
	p := quad.IRI("x:p")
	replace := func(label quad.Value, qs ...quad.Quad) {
		t.Helper()
		if _, _, _, err := s.Replace(ctx, []quad.Value{label}, qs); err != nil {
			t.Fatal(err)
		}
	}
	replace(l1, quad.Quad{Subject: quad.IRI("x:a"), Predicate: p, Object: v, Label: l1})

	gen := s.vgen.Load()
	var oldID uint64
	err = s.eng.view(func(r reader) error {
		// While this snapshot is open: v loses its id, and returns with a
		// new one under another document.
		replace(l1)
		replace(l2, quad.Quad{Subject: quad.IRI("x:b"), Predicate: p, Object: v, Label: l2})
		if s.vgen.Load() == gen || s.vgen.Load()&1 == 1 {
			t.Errorf("removal generation %d after a removal that began at %d", s.vgen.Load(), gen)
		}
		// This reader looks v up in its old snapshot and caches the old id.
		var err error
		oldID, _, err = s.cachedID(r, v, gen)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if oldID == 0 {
		t.Fatal("the old snapshot did not hold the value")
	}
	err = s.eng.view(func(r reader) error {
		id, unchecked, err := s.cachedID(r, v, s.vgen.Load())
		if id != oldID || !unchecked {
			t.Errorf("cached id %d (old %d) taken as checked: %v", id, oldID, !unchecked)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []quad.Quad
	if err := s.Match(ctx, quad.Quad{Object: v}, func(q quad.Quad) bool { got = append(got, q); return true }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Label != l2 {
		t.Fatalf("Match after the value returned: %v, want the quad of %v", got, l2)
	}
	if n := s.Estimate(ctx, quad.Quad{Object: v}); n != 1 {
		t.Errorf("Estimate = %d, want 1", n)
	}
	// Match looked v up afresh: its new id is cached, stamped with the current
	// generation, and taken as checked.
	err = s.eng.view(func(r reader) error {
		id, unchecked, err := s.cachedID(r, v, s.vgen.Load())
		if id == oldID || id == 0 || unchecked {
			t.Errorf("after Match: cached id %d (old %d), unchecked %v", id, oldID, unchecked)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
