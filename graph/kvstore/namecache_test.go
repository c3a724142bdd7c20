package kvstore

import (
	"strconv"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"
)

func TestNameCache(t *testing.T) {
	tests := []struct {
		name string
		ids  []uint64
	}{
		{"first page", []uint64{1, 2, 1023}},
		{"across pages", []uint64{1, 1024, 5000, 70000}},
		{"pages added in reverse", []uint64{90000, 3000, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var c nameCache
			for _, id := range tc.ids {
				if v := c.get(id); v != nil {
					t.Fatalf("get(%d) = %v before put", id, v)
				}
				c.put(id, quad.IRI("x:"+strconv.FormatUint(id, 10)))
			}
			for _, id := range tc.ids {
				if v, want := c.get(id), quad.IRI("x:"+strconv.FormatUint(id, 10)); v != want {
					t.Errorf("get(%d) = %v, want %v", id, v, want)
				}
			}
			other := tc.ids[len(tc.ids)-1] + 1
			if v := c.get(other); v != nil {
				t.Errorf("get(%d) = %v, never put", other, v)
			}
		})
	}
	t.Run("emptied when full", func(t *testing.T) {
		var c nameCache
		for id := uint64(1); id <= maxNameCache; id++ {
			c.put(id, quad.Int(id))
		}
		if v := c.get(1); v != quad.Int(1) {
			t.Fatalf("get(1) = %v with the cache just full", v)
		}
		c.put(maxNameCache+1, quad.Int(0))
		if v := c.get(1); v != nil {
			t.Errorf("get(1) = %v after the cache overflowed, want it emptied", v)
		}
		if v := c.get(maxNameCache + 1); v != quad.Int(0) {
			t.Errorf("the entry that overflowed it is %v", v)
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		var c nameCache
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for id := uint64(1); id < 20000; id++ {
					if v := c.get(id); v != nil && v != quad.Int(id) {
						t.Errorf("get(%d) = %v", id, v)
						return
					}
					if id%4 == uint64(w) {
						c.put(id, quad.Int(id))
					}
				}
			}()
		}
		wg.Wait()
	})
}
