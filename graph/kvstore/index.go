package kvstore

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/cayleygraph/quad"
)

// ids is a quad as the ids of its subject, predicate, object and label, in
// that order (position = quad.Direction - 1); 0 is an absent term.
type ids [4]uint64

// An index stores every quad once, as a key of its ids in the index's order.
type index struct {
	table byte
	order [4]int // positions, in key order
	name  string
}

var indexes = [4]index{
	{tableSPOG, [4]int{0, 1, 2, 3}, "SPOG"},
	{tablePOSG, [4]int{1, 2, 0, 3}, "POSG"},
	{tableOSPG, [4]int{2, 0, 1, 3}, "OSPG"},
	{tableGSPO, [4]int{3, 0, 1, 2}, "GSPO"},
}

// leading is, for each position, the index whose keys start with it.
var leading = [4]int{0, 1, 2, 3}

func (x *index) key(b []byte, q ids) []byte {
	for _, p := range x.order {
		b = appendID(b, q[p])
	}
	return b
}

// prefix returns the key prefix of the leading bound terms of q (0 =
// unbound), and how many terms it covers.
func (x *index) prefix(q ids) ([]byte, int) {
	var b []byte
	n := 0
	for _, p := range x.order {
		if q[p] == 0 {
			break
		}
		b = appendID(b, q[p])
		n++
	}
	return b, n
}

// sorted appends to out the quads of qs with their ids in x's order, sorted:
// the order of their keys in x (ids encode in order).
func (x *index) sorted(qs []ids, out []ids) []ids {
	o := x.order
	for _, q := range qs {
		out = append(out, ids{q[o[0]], q[o[1]], q[o[2]], q[o[3]]})
	}
	slices.SortFunc(out, compareIDs)
	return out
}

// compareIDs orders id tuples lexicographically.
func compareIDs(a, b ids) int {
	for i := range a {
		if a[i] != b[i] {
			return cmp.Compare(a[i], b[i])
		}
	}
	return 0
}

func (x *index) decode(k []byte) (ids, error) {
	var q ids
	for _, p := range x.order {
		v, n := readID(k)
		if n == 0 {
			return q, fmt.Errorf("corrupt %s key %x", x.name, k)
		}
		q[p] = v
		k = k[n:]
	}
	if len(k) != 0 {
		return q, fmt.Errorf("corrupt %s key: %d bytes left", x.name, len(k))
	}
	return q, nil
}

// writeTx collects one write transaction: dictionary additions, quads added
// and deleted, and the changes of the counters, and writes them all at the end.
// Reads go to the state before the transaction, so everything that the
// transaction itself changes is tracked here.
type writeTx struct {
	s *Store
	r reader

	next    uint64            // next free id
	nextRd  bool              // next was read
	newVals map[uint64][]byte // ids assigned in this transaction -> encoding
	newKeys map[string]uint64 // value keys assigned in this transaction

	quads  map[ids]bool        // quads touched: true = present after, false = absent after
	before map[ids]bool        // whether a touched quad was present before
	counts map[[2]uint64]int64 // (position, id) -> change
	order  []ids               // touched quads, in first-touch order
	stored []uint64            // new ids written to the dictionary by commit
	after  map[[2]uint64]int64 // counters as commit wrote them

	scratch []byte // encoding buffer
	arena   []byte // index keys of commit

	nonCanonical bool // commit stores a value that is not in canonical form (see canonicalEncoding)
}

// newWriteTx starts a transaction expected to touch about n quads.
func newWriteTx(s *Store, r reader, n int) *writeTx {
	return &writeTx{
		s: s, r: r,
		newVals: map[uint64][]byte{}, newKeys: map[string]uint64{},
		quads: make(map[ids]bool, n), before: make(map[ids]bool, n), counts: map[[2]uint64]int64{},
		after: map[[2]uint64]int64{},
		order: make([]ids, 0, n),
	}
}

// permKey appends the key of p, ids already in an index's order, to the
// transaction's arena and returns it.
func (t *writeTx) permKey(p ids) []byte {
	if cap(t.arena)-len(t.arena) < 4*9 {
		t.arena = make([]byte, 0, 1<<20)
	}
	start := len(t.arena)
	for _, id := range p {
		t.arena = appendID(t.arena, id)
	}
	return t.arena[start:len(t.arena):len(t.arena)]
}

// id returns the id of v, assigning a new one when v is not stored yet.
func (t *writeTx) id(v quad.Value) (uint64, error) {
	if v == nil {
		return 0, nil
	}
	enc, err := appendValue(t.scratch[:0], v)
	if err != nil {
		return 0, err
	}
	t.scratch = enc
	vk := valueKey(enc)
	if id, ok := t.newKeys[string(vk)]; ok {
		return id, nil
	}
	if id, ok := t.s.ids[string(vk)]; ok {
		return id, nil
	}
	b, err := t.r.get(tableValues, vk)
	if err != nil {
		return 0, err
	}
	if b != nil {
		id, _ := binary.Uvarint(b)
		t.s.cacheID(vk, id)
		return id, nil
	}
	if !t.nextRd {
		n, err := t.s.metaInt(t.r, metaNextID)
		if err != nil {
			return 0, err
		}
		t.next, t.nextRd = max(n, 1), true
	}
	id := t.next
	t.next++
	t.newKeys[string(vk)] = id
	t.newVals[id] = append([]byte(nil), enc...)
	return id, nil
}

// lookup returns the id of v without assigning one: 0 when v is not stored.
func (t *writeTx) lookup(v quad.Value) (uint64, error) {
	if v == nil {
		return 0, nil
	}
	enc, err := appendValue(nil, v)
	if err != nil {
		return 0, nil
	}
	vk := valueKey(enc)
	if id, ok := t.newKeys[string(vk)]; ok {
		return id, nil
	}
	if id, ok := t.s.ids[string(vk)]; ok {
		return id, nil
	}
	b, err := t.r.get(tableValues, vk)
	if err != nil || b == nil {
		return 0, err
	}
	id, _ := binary.Uvarint(b)
	return id, nil
}

// present reports whether q is stored, as of now in the transaction.
func (t *writeTx) present(q ids) (bool, error) {
	if p, ok := t.quads[q]; ok {
		return p, nil
	}
	for _, id := range q {
		if _, ok := t.newVals[id]; ok && id != 0 {
			return false, nil // a quad of a value new in this transaction is new
		}
	}
	b, err := t.r.get(tableSPOG, indexes[0].key(nil, q))
	if err != nil {
		return false, err
	}
	return b != nil, nil
}

// knownPresent records that q is stored before the transaction (it was read
// from an index), saving a lookup.
func (t *writeTx) knownPresent(q ids) {
	if _, ok := t.quads[q]; !ok {
		t.quads[q] = true
	}
}

// add adds q and reports whether it was new.
func (t *writeTx) add(q ids) (bool, error) {
	return t.set(q, true)
}

// remove deletes q and reports whether it was stored.
func (t *writeTx) remove(q ids) (bool, error) {
	return t.set(q, false)
}

func (t *writeTx) set(q ids, want bool) (bool, error) {
	was, err := t.present(q)
	if err != nil {
		return false, err
	}
	if was == want {
		return false, nil
	}
	if _, ok := t.before[q]; !ok {
		t.before[q] = was
		t.order = append(t.order, q)
	}
	t.quads[q] = want
	d := int64(1)
	if !want {
		d = -1
	}
	for p, id := range q {
		if id != 0 {
			t.counts[[2]uint64{uint64(p), id}] += d
		}
	}
	return true, nil
}

// commit writes the transaction's changes with w.
func (t *writeTx) commit(w writer) error {
	est := len(t.order)*4*(8+4*4) + len(t.counts)*(8+12)
	for _, enc := range t.newVals {
		est += 2 * (len(enc) + 16)
	}
	w.reserve(est + 256)
	// Quads: one key per index, sorted per index so each engine writes in
	// key order. Ids encode in order, so sorting the id tuples in the
	// index's order sorts the keys.
	var added, deleted []ids
	for _, q := range t.order {
		if after := t.quads[q]; after != t.before[q] {
			if after {
				added = append(added, q)
			} else {
				deleted = append(deleted, q)
			}
		}
	}
	nq := int64(len(added)) - int64(len(deleted))
	var perm []ids
	for xi := range indexes {
		x := &indexes[xi]
		perm = x.sorted(deleted, perm[:0])
		for _, p := range perm {
			if err := w.del(x.table, t.permKey(p)); err != nil {
				return err
			}
		}
		perm = x.sorted(added, perm[:0])
		for _, p := range perm {
			if err := w.put(x.table, t.permKey(p), nil); err != nil {
				return err
			}
		}
	}

	// Counters, and the values whose use starts or ends.
	touched := map[uint64]bool{}
	type change struct {
		key []byte
		val int64
	}
	var changes []change
	beforeC := map[[2]uint64]int64{}
	for pk, d := range t.counts {
		if d == 0 {
			continue
		}
		pos, id := int(pk[0]), pk[1]
		var c int64
		if _, isNew := t.newVals[id]; !isNew {
			var err error
			if c, err = t.countBefore(pos, id); err != nil {
				return err
			}
		}
		if c+d < 0 {
			return fmt.Errorf("counter of id %d at position %d would be %d", id, pos, c+d)
		}
		beforeC[pk] = c
		t.after[pk] = c + d
		changes = append(changes, change{countKey(pos, id), c + d})
		touched[id] = true
	}
	slices.SortFunc(changes, func(a, b change) int { return bytes.Compare(a.key, b.key) })
	for _, c := range changes {
		var err error
		if c.val == 0 {
			err = w.del(tableCounts, c.key)
		} else {
			err = w.put(tableCounts, c.key, binary.AppendUvarint(nil, uint64(c.val)))
		}
		if err != nil {
			return err
		}
	}
	var nv int64
	for id := range touched {
		_, isNew := t.newVals[id]
		var total, totalBefore int64
		for p := range 4 {
			pk := [2]uint64{uint64(p), id}
			if c0, ok := beforeC[pk]; ok {
				totalBefore += c0
				total += c0 + t.counts[pk]
			} else if !isNew {
				c, err := t.countBefore(p, id) // not written by this transaction
				if err != nil {
					return err
				}
				totalBefore += c
				total += c
			}
		}
		switch {
		case isNew && total > 0:
			enc := t.newVals[id]
			if err := w.put(tableValues, valueKey(enc), binary.AppendUvarint(nil, id)); err != nil {
				return err
			}
			if err := w.put(tableNames, appendID(nil, id), enc); err != nil {
				return err
			}
			t.stored = append(t.stored, id)
			if !canonicalEncoding(enc) {
				t.nonCanonical = true
			}
			nv++
		case !isNew && totalBefore > 0 && total == 0:
			enc, err := t.r.get(tableNames, appendID(nil, id))
			if err != nil {
				return err
			}
			if enc != nil {
				vk := valueKey(enc)
				t.s.dropID(vk)
				if err := w.del(tableValues, append([]byte(nil), vk...)); err != nil {
					return err
				}
			}
			if err := w.del(tableNames, appendID(nil, id)); err != nil {
				return err
			}
			nv--
		}
	}

	// Meta counters.
	if nq != 0 {
		q, err := t.s.metaInt(t.r, metaQuads)
		if err != nil {
			return err
		}
		if err := w.put(tableMeta, []byte(metaQuads), binary.AppendUvarint(nil, uint64(int64(q)+nq))); err != nil {
			return err
		}
	}
	if nv != 0 {
		v, err := t.s.metaInt(t.r, metaValues)
		if err != nil {
			return err
		}
		if err := w.put(tableMeta, []byte(metaValues), binary.AppendUvarint(nil, uint64(int64(v)+nv))); err != nil {
			return err
		}
	}
	if t.nextRd {
		if err := w.put(tableMeta, []byte(metaNextID), binary.AppendUvarint(nil, t.next)); err != nil {
			return err
		}
	}
	if t.nonCanonical {
		if err := w.del(tableMeta, []byte(metaCanonical)); err != nil {
			return err
		}
	}
	return nil
}

// committed moves the ids assigned by a committed transaction into the
// writers' cache.
func (t *writeTx) committed() {
	if t.nonCanonical {
		t.s.canonical.Store(false)
	}
	for _, id := range t.stored {
		t.s.cacheID(valueKey(t.newVals[id]), id)
	}
	if len(t.s.counts)+len(t.after) > maxCountCache {
		clear(t.s.counts)
	}
	for pk, c := range t.after {
		t.s.counts[pk] = c
	}
}

// maxCountCache bounds the writers' cache of counters.
const maxCountCache = 1 << 19

// countBefore returns the counter of id at position pos as committed: from
// the writers' cache, which holds only committed values, or the store.
func (t *writeTx) countBefore(pos int, id uint64) (int64, error) {
	pk := [2]uint64{uint64(pos), id}
	if c, ok := t.s.counts[pk]; ok {
		return c, nil
	}
	return t.s.count(t.r, pos, id)
}

// maxIDCache bounds the writers' value -> id cache (about 100 bytes an entry).
const maxIDCache = 1 << 19

func (s *Store) cacheID(vk []byte, id uint64) {
	if len(s.ids) >= maxIDCache {
		clear(s.ids)
	}
	s.ids[string(vk)] = id
}

func (s *Store) dropID(vk []byte) {
	delete(s.ids, string(vk))
	s.startValueRemoval()
}
