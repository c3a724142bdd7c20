package kvstore

import (
	"math/rand/v2"
	"reflect"
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

// TestLevelViewGroups checks scans answered from a view's groups of keys
// under one leading id against scans of a fresh iterator, for random
// prefixes and start keys, asked several times each, with leading ids that
// lead a few keys and ids that lead more than maxGroupKeys.
func TestLevelViewGroups(t *testing.T) {
	e, err := openLevel(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer e.close()
	r := rand.New(rand.NewPCG(1, 2))
	key := func(a, b, c uint64) []byte { return appendID(appendID(appendID(nil, a), b), c) }
	err = e.update(func(_ reader, w writer) error {
		for a := uint64(1); a <= 40; a++ {
			n := r.IntN(12)
			if a%10 == 0 {
				n = 3 * maxGroupKeys // a hub: too many keys for a group
			}
			for range n {
				if err := w.put(tableSPOG, key(a, uint64(1+r.IntN(300)), uint64(1+r.IntN(3000))), nil); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sn, err := e.db.GetSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer sn.Release()
	collect := func(rd reader, prefix, from []byte, max int) []string {
		var got []string
		if err := rd.scan(tableSPOG, prefix, from, func(k, _ []byte) bool {
			got = append(got, string(k))
			return len(got) < max
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	grouped := 0
	for i := range 3000 {
		a := uint64(1 + r.IntN(40))
		prefix := appendID(nil, a)
		if r.IntN(4) > 0 {
			prefix = appendID(prefix, uint64(1+r.IntN(300)))
		}
		var from []byte
		if r.IntN(3) == 0 {
			from = key(a, uint64(1+r.IntN(300)), uint64(1+r.IntN(3000)))
		}
		max := 1 + r.IntN(20)
		want := collect(levelReader{sn}, prefix, from, max)
		var got []string
		err := e.view(func(rd reader) error {
			got = collect(rd, prefix, from, max)
			if g := rd.(*levelView).groups[string(append([]byte{tableSPOG}, appendID(nil, a)...))]; g != nil && g.loaded {
				grouped++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("scan %d of %x from %x: view read %q, a fresh iterator %q", i, prefix, from, got, want)
		}
	}
	if grouped == 0 {
		t.Error("no scan was answered from a group")
	}
}
