package kvstore

import (
	"testing"
	"time"
)

// TestLevelViewsSeeWrites checks that LevelDB's read views are reused
// between writes, and never after one: a read after a write sees it.
func TestLevelViewsSeeWrites(t *testing.T) {
	e, err := openLevel(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer e.close()
	put := func(k string) {
		t.Helper()
		if err := e.update(func(_ reader, w writer) error { return w.put(tableMeta, []byte(k), []byte("v")) }); err != nil {
			t.Fatal(err)
		}
	}
	// keys reads tableMeta twice, with a get and a scan, in one view.
	keys := func() (n int, v *levelView) {
		t.Helper()
		err := e.view(func(r reader) error {
			v = r.(*levelView)
			if err := r.scan(tableMeta, []byte("k"), nil, func(k, _ []byte) bool { n++; return true }); err != nil {
				return err
			}
			got, err := r.get(tableMeta, []byte("k1"))
			if n > 0 && got == nil {
				t.Error("the scan found keys that get does not")
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n, v
	}
	put("k1")
	n, v1 := keys()
	if n != 1 {
		t.Fatalf("%d keys, want 1", n)
	}
	if _, v2 := keys(); v2 != v1 {
		t.Error("a view was not reused without a write in between")
	}
	put("k2")
	n, v3 := keys()
	if n != 2 {
		t.Fatalf("after a write: %d keys, want 2 (a stale view was reused)", n)
	}
	if v3 == v1 {
		t.Error("the view from before the write was reused")
	}
	// A scan from inside a scan of the same table gets its own iterator.
	inner := 0
	err = e.view(func(r reader) error {
		return r.scan(tableMeta, []byte("k"), nil, func(k, _ []byte) bool {
			r.scan(tableMeta, []byte("k"), nil, func(_, _ []byte) bool { inner++; return true })
			return true
		})
	})
	if err != nil || inner != 4 {
		t.Errorf("nested scans: %d inner keys, want 4 (%v)", inner, err)
	}
	// An old view is not reused.
	time.Sleep(maxViewAge + 10*time.Millisecond)
	if _, v4 := keys(); v4 == v3 {
		t.Error("a view older than maxViewAge was reused")
	}
}
