package kvstore

import (
	"sync"
	"sync/atomic"

	"github.com/cayleygraph/quad"
)

// namePageBits sets the size of a page of the readers' name cache.
const namePageBits = 10

// nameCache maps ids to their values for readers, without locks on the read
// path: ids are small integers handed out in order and never reused, and the
// value of an id never changes, so the cache is a directory of pages of
// slots indexed by id. Readers load the directory and a slot atomically; the
// writer of an entry copies the directory when it adds a page. When
// maxNameCache entries have been stored, the cache starts empty again.
type nameCache struct {
	dir atomic.Pointer[[]*namePage]
	mu  sync.Mutex // serialises put
	n   int        // entries stored since the cache was last emptied
}

type namePage [1 << namePageBits]atomic.Pointer[quad.Value]

// get returns the cached value of id, or nil.
func (c *nameCache) get(id uint64) quad.Value {
	d := c.dir.Load()
	if d == nil {
		return nil
	}
	pi := id >> namePageBits
	if pi >= uint64(len(*d)) || (*d)[pi] == nil {
		return nil
	}
	if v := (*d)[pi][id&(1<<namePageBits-1)].Load(); v != nil {
		return *v
	}
	return nil
}

// put caches v as the value of id.
func (c *nameCache) put(id uint64, v quad.Value) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n >= maxNameCache {
		c.dir.Store(nil)
		c.n = 0
	}
	pi := id >> namePageBits
	var d []*namePage
	if p := c.dir.Load(); p != nil {
		d = *p
	}
	if pi >= uint64(len(d)) || d[pi] == nil {
		nd := make([]*namePage, max(uint64(len(d)), pi+1))
		copy(nd, d)
		nd[pi] = new(namePage)
		d = nd
		c.dir.Store(&d)
	}
	d[pi][id&(1<<namePageBits-1)].Store(&v)
	c.n++
}
