package kvstore

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/cayleygraph/quad"
)

// chunk is how many keys a scan reads per read transaction. Scans release
// the transaction between chunks, so a slow consumer never holds one open.
const chunk = 1024

// firstChunk is how many keys the first read transaction of a Match reads.
const firstChunk = 16

// exactEstimate is the largest counter below which Estimate counts the
// matching keys of a pattern with two or three bound terms instead of
// returning the smallest counter (an upper bound).
const exactEstimate = 1024

// bound returns the ids of the bound terms of pat, and false when a bound
// term is not stored (so nothing matches). With cached set, ids may come from
// the readers' cache (see cachedID); it reports whether one came unchecked.
// Without it, the ids read replace the cached ones. gen is the removal
// generation read before r began.
func (s *Store) bound(r reader, pat quad.Quad, cached bool, gen uint64) (q ids, ok, unchecked bool, err error) {
	for p, d := range quad.Directions {
		v := pat.Get(d)
		if v == nil {
			continue
		}
		var id uint64
		u := false
		if cached {
			id, u, err = s.cachedID(r, v, gen)
		} else {
			id, err = s.freshID(r, v, gen)
		}
		if err != nil || id == 0 {
			return q, false, unchecked, err
		}
		unchecked = unchecked || u
		q[p] = id
	}
	return q, true, unchecked, nil
}

// chooseIndex returns the index whose key prefix covers the most bound terms
// of q, the smaller by count on a tie, and that prefix. The first index
// whose prefix covers all bound terms is as good as any: its keys under the
// prefix are the matches.
func (s *Store) chooseIndex(r reader, q ids) (*index, []byte, error) {
	nb := 0
	for _, id := range q {
		if id != 0 {
			nb++
		}
	}
	best, bestN, bestC := 0, -1, int64(-1)
	for i := range indexes {
		p, n := indexes[i].prefix(q)
		if n == nb && n > 0 {
			return &indexes[i], p, nil
		}
		if n < bestN || n == 0 && bestN == 0 {
			continue
		}
		var c int64 = -1
		if n > 0 && n == bestN {
			lead := indexes[i].order[0]
			var err error
			if c, err = s.count(r, lead, q[lead]); err != nil {
				return nil, nil, err
			}
			if bestC < 0 {
				lb := indexes[best].order[0]
				if bestC, err = s.count(r, lb, q[lb]); err != nil {
					return nil, nil, err
				}
			}
			if c >= bestC {
				continue
			}
		}
		best, bestN, bestC = i, n, c
	}
	x := &indexes[best]
	p, _ := x.prefix(q)
	return x, p, nil
}

// scanIDs appends to out the quads of index x under prefix, from key from on,
// that match the bound terms of q, up to max of them; it returns the key to
// continue from, or nil at the end.
func scanIDs(r reader, x *index, prefix, from []byte, q ids, max int, out []ids) ([]ids, []byte, error) {
	var next []byte
	var derr error
	err := r.scan(x.table, prefix, from, func(k, _ []byte) bool {
		if len(out) >= max {
			next = append([]byte(nil), k...) // continue at this key
			return false
		}
		got, err := x.decode(k)
		if err != nil {
			derr = err
			return false
		}
		for p, id := range q {
			if id != 0 && got[p] != id {
				return true
			}
		}
		out = append(out, got)
		return true
	})
	if err == nil {
		err = derr
	}
	return out, next, err
}

// matchChunks calls fn with the values of the quads matching pat, a chunk at
// a time. Each chunk is read in its own read transaction; fn runs outside it.
// The first chunk is read in the transaction that looks the bound terms up,
// and is small (firstChunk keys): most lookups of a join find a few quads,
// and a caller that stops early does not pay for a full chunk. Later chunks
// grow to chunk keys. With triples set, fn gets each distinct triple once,
// the first of its quads in the index, and without its label.
func (s *Store) matchChunks(ctx context.Context, pat quad.Quad, triples bool, fn func([]quad.Quad) bool) error {
	c := chunkScans.Get().(*chunkScan)
	defer c.free()
	c.s, c.pat, c.triples, c.size = s, pat, triples, firstChunk
	return c.run(ctx, func() bool { return fn(c.vals) })
}

// run reads the chunks of c, set up by its caller, calling fn after each.
func (c *chunkScan) run(ctx context.Context, fn func() bool) error {
	s := c.s
	c.buf, c.vals = c.ibuf[:0], c.vbuf[:0]
	c.gen = s.vgen.Load()
	if err := s.eng.view(c.firstFn); err != nil {
		return fmt.Errorf("read %s: %w", s.dir, err)
	}
	if !c.ok {
		return nil
	}
	for {
		if !fn() || c.from == nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		c.size = min(4*c.size, chunk)
		c.gen = s.vgen.Load()
		if err := s.eng.view(c.readFn); err != nil {
			return fmt.Errorf("read %s: %w", s.dir, err)
		}
	}
}

// chunkScan is the state of matchChunks, in one allocation, with room for
// the first chunk.
type chunkScan struct {
	s       *Store
	pat     quad.Quad
	triples bool // distinct triples only, without labels
	byID    bool // q is given, and the scan reads no values
	last    ids  // the last triple passed, with triples set
	ok      bool // every bound term is stored
	q       ids
	x       *index
	prefix  []byte
	from    []byte
	size    int
	gen     uint64 // the removal generation before the read transaction began
	buf     []ids
	vals    []quad.Quad
	ibuf    [firstChunk]ids
	vbuf    [firstChunk]quad.Quad
	// first and read as funcs, made once (a method value allocates)
	firstFn, readFn func(reader) error
}

// chunkScans keeps chunkScans for reuse: a join makes a Match per outer
// solution.
var chunkScans = sync.Pool{New: func() any {
	c := new(chunkScan)
	c.firstFn, c.readFn = c.first, c.read
	return c
}}

// free returns c to chunkScans, holding on to no values; a buffer grown
// past the first chunk is dropped.
func (c *chunkScan) free() {
	clear(c.vbuf[:])
	c.s, c.pat, c.x, c.prefix, c.from = nil, quad.Quad{}, nil, nil, nil
	c.last, c.q, c.byID = ids{}, ids{}, false
	c.buf, c.vals = nil, nil
	chunkScans.Put(c)
}

// first looks the bound terms up, chooses the index and reads the first
// chunk. Ids may come from the readers' cache; when nothing matches and one
// did, the terms are looked up afresh (a cached id may be stale: the value
// removed, maybe stored again under a new id), and read again if they differ.
func (c *chunkScan) first(r reader) error {
	if c.byID {
		var err error
		if c.x, c.prefix, err = c.s.chooseIndex(r, c.q); err != nil {
			return err
		}
		c.ok = true
		return c.read(r)
	}
	cached := true
	for {
		q, ok, unchecked, err := c.s.bound(r, c.pat, cached, c.gen)
		if err != nil {
			return err
		}
		if !cached && q == c.q && c.ok {
			return nil // the cached ids were right: nothing matches
		}
		c.q, c.ok = q, ok
		if !ok {
			return nil
		}
		if c.x, c.prefix, err = c.s.chooseIndex(r, q); err != nil {
			return err
		}
		c.from = nil
		if err := c.read(r); err != nil || len(c.buf) > 0 || !unchecked {
			return err
		}
		cached = false
	}
}

// read reads the next chunk. With triples set, it keeps the first quad of
// each triple (an index whose keys end with the label holds a triple's quads
// next to each other) and stops at the first when the triple is bound.
func (c *chunkScan) read(r reader) error {
	var err error
	c.buf, c.from, err = scanIDs(r, c.x, c.prefix, c.from, c.q, c.size, c.buf[:0])
	if err != nil {
		return err
	}
	if c.triples {
		kept := c.buf[:0]
		for _, q := range c.buf {
			if q[0] == c.last[0] && q[1] == c.last[1] && q[2] == c.last[2] {
				continue
			}
			c.last = q
			kept = append(kept, q)
		}
		c.buf = kept
		if len(c.buf) > 0 && c.q[0] != 0 && c.q[1] != 0 && c.q[2] != 0 {
			c.from = nil // a bound triple is one triple
		}
	}
	if c.byID {
		return nil
	}
	c.vals, err = c.s.quads(r, c.buf, c.vals[:0], c.gen, c.pat, !c.triples)
	return err
}

// quads appends the values of the id quads in c to out; gen is the removal
// generation read before r began, or unstamped. The terms bound in pat are
// taken from it, not looked up: they are the values the ids were found for.
// Without labels set, the quads have none.
func (s *Store) quads(r reader, c []ids, out []quad.Quad, gen uint64, pat quad.Quad, labels bool) ([]quad.Quad, error) {
	for _, q := range c {
		v := pat
		for p, d := range quad.Directions {
			if v.Get(d) != nil || d == quad.Label && !labels {
				continue
			}
			n, err := s.nameAt(r, q[p], gen)
			if err != nil {
				return out, err
			}
			v.Set(d, n)
		}
		out = append(out, v)
	}
	return out, nil
}

// Match calls fn for every stored quad that matches pat, until fn returns
// false. A nil term of pat is a wildcard. The quads are read from the index
// whose key prefix covers the most bound terms, so a pattern with a bound
// term never scans the whole store.
func (s *Store) Match(ctx context.Context, pat quad.Quad, fn func(quad.Quad) bool) error {
	return s.matchChunks(ctx, pat, false, func(vals []quad.Quad) bool {
		for _, q := range vals {
			if !fn(q) {
				return false
			}
		}
		return true
	})
}

// MatchTriples calls fn once for every distinct triple of the quads that
// match pat, whose label must be nil, until fn returns false: it matches the
// merge of all graphs. The quads passed have no label. It returns false,
// calling nothing, when the store cannot tell equal terms by their ids (it
// holds a value in a form other than the canonical one, or was made before
// this was tracked); the caller then removes duplicates itself.
//
// Without a bound label the scan reads an index whose keys end with the
// label (SPOG, POSG or OSPG), so the quads of one triple are next to each
// other, and comparing each quad's ids with the last one's is enough. Only
// the triples passed have their values looked up.
func (s *Store) MatchTriples(ctx context.Context, pat quad.Quad, fn func(quad.Quad) bool) (bool, error) {
	if pat.Label != nil {
		return false, errors.New("match triples: the label is bound")
	}
	if !s.canonical.Load() {
		return false, nil
	}
	return true, s.matchChunks(ctx, pat, true, func(vals []quad.Quad) bool {
		for _, q := range vals {
			if !fn(q) {
				return false
			}
		}
		return true
	})
}

// Estimate returns the number of quads matching pat, from the counters: exact
// when at most one term is bound or all four are; with two or three, the
// smallest counter of the bound terms (an upper bound), or the exact count
// when that counter is at most exactEstimate (the keys are counted).
func (s *Store) Estimate(ctx context.Context, pat quad.Quad) int64 {
	var n int64
	gen := s.vgen.Load()
	s.eng.view(func(r reader) error {
		var unchecked bool
		var err error
		// unchecked ids from the readers' cache may be stale (see cachedID):
		// a stale id counts nothing, so a zero is checked with ids looked up
		// afresh
		if n, unchecked, err = s.estimate(r, pat, true, gen); err == nil && n <= 0 && unchecked {
			n, _, err = s.estimate(r, pat, false, gen)
		}
		return err
	})
	return max(n, 0)
}

// estimate is Estimate in the read transaction r, with ids from the readers'
// cache when cached is set; it reports whether one came from there
// unchecked (see cachedID). gen is the removal generation read before r began.
func (s *Store) estimate(r reader, pat quad.Quad, cached bool, gen uint64) (n int64, unchecked bool, err error) {
	q, ok, unchecked, err := s.bound(r, pat, cached, gen)
	if err != nil || !ok {
		return 0, unchecked, err
	}
	nb := 0
	n = -1
	for p, id := range q {
		if id == 0 {
			continue
		}
		nb++
		c, err := s.count(r, p, id)
		if err != nil {
			return 0, unchecked, err
		}
		if n < 0 || c < n {
			n = c
		}
	}
	switch nb {
	case 2, 3:
		if n <= exactEstimate {
			n, err = s.countMatches(r, q)
		}
	case 0:
		var v uint64
		v, err = s.metaInt(r, metaQuads)
		n = int64(v)
	case 4:
		var b []byte
		b, err = r.get(tableSPOG, indexes[0].key(nil, q))
		n = 0
		if b != nil {
			n = 1
		}
	}
	return n, unchecked, err
}

// countMatches counts the keys of the best index for the bound terms of q
// that match all of them.
func (s *Store) countMatches(r reader, q ids) (int64, error) {
	x, prefix, err := s.chooseIndex(r, q)
	if err != nil {
		return 0, err
	}
	var n int64
	var derr error
	err = r.scan(x.table, prefix, nil, func(k, _ []byte) bool {
		got, err := x.decode(k)
		if err != nil {
			derr = err
			return false
		}
		for p, id := range q {
			if id != 0 && got[p] != id {
				return true
			}
		}
		n++
		return true
	})
	if err == nil {
		err = derr
	}
	return n, err
}

// Replace makes the quads labelled with one of labels exactly quads, in one
// transaction: the stored quads of the labels, read through the GSPO index,
// that quads does not hold are removed, and the quads not stored yet are
// added. Quads of other labels are not touched. It reports how many quads it
// removed, added and kept. When it fails, or ctx is done before it commits,
// the store is unchanged.
func (s *Store) Replace(ctx context.Context, labels []quad.Value, quads []quad.Quad) (removed, added, kept int, err error) {
	for i, q := range quads {
		if err := checkQuad(q); err != nil {
			return 0, 0, 0, fmt.Errorf("replace: quad %d: %w", i+1, err)
		}
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var t *writeTx
	err = s.update(func(r reader, w writer) error {
		t = newWriteTx(s, r, len(quads))
		old := map[ids]bool{}
		for _, l := range labels {
			lid, err := t.lookup(l)
			if err != nil {
				return err
			}
			if lid == 0 {
				continue
			}
			x := &indexes[leading[3]]
			prefix := appendID(nil, lid)
			var from []byte
			var buf []ids
			for {
				if buf, from, err = scanIDs(r, x, prefix, from, ids{3: lid}, 1<<30, buf[:0]); err != nil {
					return err
				}
				for _, q := range buf {
					old[q] = true
					t.knownPresent(q)
				}
				if from == nil {
					break
				}
			}
		}
		seen := make(map[ids]bool, len(quads))
		for _, q := range quads {
			var iq ids
			for p, d := range quad.Directions {
				id, err := t.id(q.Get(d))
				if err != nil {
					return err
				}
				iq[p] = id
			}
			if seen[iq] {
				continue
			}
			seen[iq] = true
			if old[iq] {
				kept++
				continue
			}
			ok, err := t.add(iq)
			if err != nil {
				return err
			}
			if ok {
				added++
			} else {
				kept++
			}
		}
		for q := range old {
			if !seen[q] {
				if _, err := t.remove(q); err != nil {
					return err
				}
				removed++
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return t.commit(w)
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return 0, 0, 0, err
		}
		return 0, 0, 0, fmt.Errorf("write %s: %w", s.dir, err)
	}
	t.committed()
	return removed, added, kept, nil
}

// checkQuad reports whether q can be stored: subject, predicate and object
// present, every value of a kind the encoding keeps.
func checkQuad(q quad.Quad) error {
	for _, d := range quad.Directions {
		v := q.Get(d)
		if v == nil {
			if d == quad.Label {
				continue
			}
			return fmt.Errorf("no %s", d)
		}
		if _, err := appendValue(nil, v); err != nil {
			return fmt.Errorf("%s: %w", d, err)
		}
	}
	return nil
}

// BulkLoad reads quads from r until io.EOF and adds them, batch quads per
// transaction (10^5 when batch <= 0). Within a transaction, each index is
// written in key order. Memory stays bounded by the batch size as the input
// grows. Quads already stored are skipped. It returns the number of quads
// read; after an error, the batches before the failing one are stored.
func (s *Store) BulkLoad(ctx context.Context, r quad.Reader, batch int) (int, error) {
	if batch <= 0 {
		batch = 100_000
	}
	n, _, err := s.bulkBatches(ctx, r, batch, nil)
	return n, err
}

// addBatch adds quads in one transaction.
func (s *Store) addBatch(quads []quad.Quad) error {
	_, err := s.addQuads(quads)
	return err
}

// addQuads adds quads in one transaction and reports how many were new.
func (s *Store) addQuads(quads []quad.Quad) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var t *writeTx
	added := 0
	err := s.update(func(r reader, w writer) error {
		t = newWriteTx(s, r, len(quads))
		added = 0
		for _, q := range quads {
			var iq ids
			for p, d := range quad.Directions {
				id, err := t.id(q.Get(d))
				if err != nil {
					return err
				}
				iq[p] = id
			}
			ok, err := t.add(iq)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return t.commit(w)
	})
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", s.dir, err)
	}
	t.committed()
	return added, nil
}
