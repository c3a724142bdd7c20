package sparql

import (
	"context"
	"encoding/binary"
	"maps"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// IDStore is an optional Store capability: the store names its terms by
// integer ids, one per term, so that equal ids are equal terms. The engine
// then evaluates a basic graph pattern over the merge of all graphs on ids:
// its joins compare and hash integers, and it looks values up only for the
// variables a filter reads and for the solutions it passes on. On a large
// store most values a join touches are never needed, and each costs a
// lookup that misses the processor's caches.
type IDStore interface {
	// TermIDs sets ids[i] to the id of vals[i], 0 when it is not stored.
	// It reports false, setting nothing, when the store cannot tell equal
	// terms by their ids; the engine then works on values.
	TermIDs(ctx context.Context, vals []quad.Value, ids []uint64) (bool, error)
	// MatchTripleIDs calls fn with the ids of each distinct triple of the
	// merge of all graphs that matches t (0: a wildcard), once.
	MatchTripleIDs(ctx context.Context, t [3]uint64, fn func([3]uint64) bool) error
	// TermValues sets vals[i] to the value of ids[i].
	TermValues(ctx context.Context, ids []uint64, vals []quad.Value) error
}

// idBGP is a basic graph pattern evaluated on term ids (see IDStore). It
// takes the same steps as evalBGPFiltered's value path: the same order, the
// same filters at the same steps, the same switch from lookups to a hash
// table, so that it passes the same solutions in the same order (without
// the values of variables that no operator above reads; see markNeeded).
type idBGP struct {
	e      *executor
	st     IDStore
	pats   [][3]cterm
	cid    [][3]uint64 // the ids of the constants of each pattern, 0 for variables
	sid    []uint64    // the id bound to each slot, 0 = unbound
	emit   []int       // the slots whose values a solution passes on
	lent   bool        // pass scratch itself, not a copy (see executor.lent)
	at     [][]evalFn  // filters to check before each step (see evalBGPFiltered)
	atVars [][]int     // the slots those filters read
	hs     []hashStep
	pass   func([]evalFn) bool
	// distinct: pass only the first solution of each combination of ids
	// at these slots (see evalBGPFiltered), remembered in seen4 or seenN
	distinct []int
	seen4    map[[4]uint64]struct{}
	seenN    map[string]struct{}
	kbuf     []byte
	ibuf     []uint64 // for values
	slbuf    []int
	vbuf     []quad.Value
}

// markNeeded records, for each BGP under op, the slots of the variables the
// operators above it read, when that is known (e.bgpNeed): a BGP evaluated on
// ids looks values up only for those. need is what op's own parent reads;
// nil is everything. Operators whose reading is not followed here (joins,
// OPTIONAL, UNION, MINUS, GRAPH, EXISTS, DISTINCT) need everything of
// their operands. It also records the BGPs whose solutions go to a GROUP
// (e.lent).
func (e *executor) markNeeded(op Op, need map[string]bool) {
	with := func(exprs ...Expr) map[string]bool {
		if need == nil {
			return nil
		}
		m := maps.Clone(need)
		for _, x := range exprs {
			exprVars(x, m)
		}
		if m["\x00exists"] {
			return nil // an EXISTS pattern may read any of them
		}
		return m
	}
	switch o := op.(type) {
	case *BGP:
		if need == nil {
			return
		}
		var slots []int
		for v := range need {
			if sl, ok := e.slots[v]; ok {
				slots = append(slots, sl)
			}
		}
		if e.bgpNeed == nil {
			e.bgpNeed = map[*BGP][]int{}
		}
		e.bgpNeed[o] = slots
	case *Project:
		m := map[string]bool{}
		for _, v := range o.Vars {
			if need == nil || need[v] {
				m[v] = true
			}
		}
		e.markNeeded(o.Sub, m)
	case *Slice:
		e.markNeeded(o.Sub, need)
	case *Filter:
		e.markNeeded(o.Sub, with(o.Exprs...))
	case *Extend:
		e.markNeeded(o.Sub, with(o.Expr))
	case *OrderBy:
		exprs := make([]Expr, len(o.Conds))
		for i, c := range o.Conds {
			exprs[i] = c.Expr
		}
		e.markNeeded(o.Sub, with(exprs...))
	case *Group:
		m := map[string]bool{}
		for _, x := range o.Keys {
			exprVars(x, m)
		}
		for _, a := range o.Aggs {
			if a.Call.Star && a.Call.Distinct {
				m = nil // COUNT(DISTINCT *) compares whole solutions
				break
			}
			for _, x := range a.Call.Args {
				exprVars(x, m)
			}
		}
		if m["\x00exists"] {
			m = nil
		}
		e.markNeeded(o.Sub, m)
		// A group keeps no solution, only values computed from them, so a
		// BGP feeding it, directly or through a FILTER (which passes
		// solutions on as they come), may pass its scratch row.
		sub := o.Sub
		if f, ok := sub.(*Filter); ok {
			sub = f.Sub
		}
		if b, ok := sub.(*BGP); ok {
			if e.lent == nil {
				e.lent = map[*BGP]bool{}
			}
			e.lent[b] = true
		}
	default:
		for _, sub := range children(op) {
			e.markNeeded(sub, nil)
		}
	}
}

// children returns the operands of op.
func children(op Op) []Op {
	switch o := op.(type) {
	case *Join:
		return []Op{o.L, o.R}
	case *LeftJoin:
		return []Op{o.L, o.R}
	case *Union:
		return []Op{o.L, o.R}
	case *Minus:
		return []Op{o.L, o.R}
	case *Graph:
		return []Op{o.Sub}
	case *Filter:
		return []Op{o.Sub}
	case *Extend:
		return []Op{o.Sub}
	case *Group:
		return []Op{o.Sub}
	case *OrderBy:
		return []Op{o.Sub}
	case *Project:
		return []Op{o.Sub}
	case *Distinct:
		return []Op{o.Sub}
	case *Reduced:
		return []Op{o.Sub}
	case *Slice:
		return []Op{o.Sub}
	}
	return nil // BGP, PathOp, Table
}

// idBGP returns pats, whose bound slots in row in, set up for evaluation on
// ids (passing only the first solution of each combination of ids at the
// distinct slots, when set), and true, when the store has ids and the active graph is the merge of
// all graphs. The BGP is nil, with true, when a constant or a bound term is
// not stored (nothing matches) or the store failed (e.err is set).
func (e *executor) idBGP(o *BGP, pats [][3]cterm, in row, ag activeGraph, distinct []int) (*idBGP, bool) {
	if e.opt.noIDs || ag.mode != gDefault || e.dflt != nil {
		return nil, false
	}
	st, ok := e.st.(IDStore)
	if !ok {
		return nil, false
	}
	var vals []quad.Value
	for _, p := range pats {
		for _, c := range p {
			v := c.get(in)
			if v == nil {
				continue
			}
			if l, ok := v.(quad.LangString); ok && strings.ToLower(l.Lang) != l.Lang {
				return nil, false // the value path matches its lowercase form too
			}
			vals = append(vals, v)
		}
	}
	ids := make([]uint64, len(vals))
	if ok, err := st.TermIDs(e.ctx, vals, ids); err != nil {
		e.storeFailed(err)
		return nil, true
	} else if !ok {
		return nil, false
	}
	b := &idBGP{e: e, st: st, pats: pats, cid: make([][3]uint64, len(pats)), sid: make([]uint64, len(in))}
	n := 0
	for i, p := range pats {
		for j, c := range p {
			if c.get(in) == nil {
				if c.slot >= 0 && distinct == nil && !slices.Contains(b.emit, c.slot) {
					b.emit = append(b.emit, c.slot)
				}
				continue
			}
			id := ids[n]
			n++
			if id == 0 {
				return nil, true
			}
			if c.slot < 0 {
				b.cid[i][j] = id
			} else {
				b.sid[c.slot] = id
			}
		}
	}
	b.distinct = distinct
	if distinct != nil {
		b.emit = slices.Clone(distinct) // the others are projected away
	}
	if need, ok := e.bgpNeed[o]; ok {
		b.emit = slices.DeleteFunc(b.emit, func(sl int) bool { return !slices.Contains(need, sl) })
	}
	return b, true
}

// term is the id at position j of pattern i: a constant's, a bound slot's,
// or 0.
func (b *idBGP) term(i, j int) uint64 {
	if c := b.pats[i][j]; c.slot >= 0 {
		return b.sid[c.slot]
	}
	return b.cid[i][j]
}

// eval calls fn with each solution, scratch holding the values bound before
// the BGP (and reused for the solutions' values).
func (b *idBGP) eval(scratch row, fn func(row) bool) bool {
	e := b.e
	var prog bgpProgress
	var step func(i int) bool
	step = func(i int) bool {
		if i > 0 && len(b.at[i]) > 0 {
			if !b.values(scratch, b.atVars[i]) {
				return false
			}
			if !b.pass(b.at[i]) {
				return e.err == nil
			}
		}
		if i == len(b.pats) {
			if b.distinct != nil {
				if b.repeat() {
					return e.tick()
				}
				if !e.hold() {
					return false
				}
			}
			if !b.values(scratch, b.emit) {
				return false
			}
			if b.lent {
				return fn(scratch)
			}
			return fn(append(row(nil), scratch...))
		}
		p := b.pats[i]
		visit := func(t [3]uint64) bool {
			var set [3]int
			n := 0
			ok := true
			for j, c := range p {
				if !ok || c.slot < 0 {
					continue
				}
				if cur := b.sid[c.slot]; cur != 0 {
					ok = cur == t[j]
					continue
				}
				b.sid[c.slot] = t[j]
				set[n] = c.slot
				n++
			}
			cont := true
			if ok {
				cont = step(i + 1)
			}
			for _, sl := range set[:n] {
				b.sid[sl], scratch[sl] = 0, nil
			}
			return cont
		}
		h := &b.hs[i]
		if i == 0 {
			prog.est0 = -1
		}
		if h.idTable == nil && !h.off && e.hashNow(h, p, e.graph, &prog, i) && !b.buildHash(h, i) {
			return false
		}
		if h.idTable != nil {
			var k [3]uint64
			for n, j := range h.keyPos {
				k[n] = b.term(i, j)
			}
			for at := h.idTable.first(k); at >= 0; at = h.idTable.next(at) {
				if !e.tick() || !visit(h.idTable.trips[at]) {
					return false
				}
			}
			return true
		}
		if i == 0 {
			first := visit
			visit = func(t [3]uint64) bool {
				prog.seen0++
				return first(t)
			}
			prog.s0, prog.p0, prog.o0 = p[0].get(scratch), p[1].get(scratch), p[2].get(scratch)
		}
		return b.match([3]uint64{b.term(i, 0), b.term(i, 1), b.term(i, 2)}, visit)
	}
	return step(0)
}

// match calls visit with the triples matching t, until it returns false.
func (b *idBGP) match(t [3]uint64, visit func([3]uint64) bool) bool {
	e := b.e
	if e.err != nil {
		return false
	}
	cont := true
	err := b.st.MatchTripleIDs(e.ctx, t, func(t [3]uint64) bool {
		cont = e.tick() && visit(t)
		return cont
	})
	if err != nil {
		e.storeFailed(err)
		return false
	}
	return cont && e.err == nil
}

// buildHash fills step h's table from one scan of pattern i's constants.
func (b *idBGP) buildHash(h *hashStep, i int) bool {
	table := &idHash{one: len(h.keyPos) == 1}
	size := int(min(h.est, hashMax))
	table.keys, table.trips = make([][3]uint64, 0, size), make([][3]uint64, 0, size)
	ok := b.match(b.cid[i], func(t [3]uint64) bool {
		var k [3]uint64
		for n, j := range h.keyPos {
			k[n] = t[j]
		}
		table.keys = append(table.keys, k)
		table.trips = append(table.trips, t)
		return true
	})
	table.index()
	h.idTable = table
	b.e.held += int(h.est)
	return ok
}

// An idHash holds triples by a key of up to three ids, both in slices in
// the order of the scan that filled it. When the keys came in ascending
// order (the key is the next term of the index scanned, as the subjects of
// ?s rdf:type C), a probe is a binary search and there is no map; otherwise
// a map holds, for each key, the last of its triples, each chained to the
// one before it with the same key (for a key of one id, the common case, a
// map of 12-byte entries). A map of a hundred thousand keys no longer stays
// in the processor's caches next to the scans that feed and probe it; the
// sorted keys take less memory and are written in order.
type idHash struct {
	keys   [][3]uint64
	trips  [][3]uint64
	one    bool // the keys are of one id
	sorted bool
	head1  map[uint64]int32    // unless sorted, for keys of one id: the last triple of each key
	head   map[[3]uint64]int32 // the same for longer keys
	chain  []int32             // unless sorted: the triple before it with the same key, or -1
}

// index makes the table ready for probes once the slices are filled.
func (h *idHash) index() {
	h.sorted = slices.IsSortedFunc(h.keys, compareKeys)
	if h.sorted {
		return
	}
	h.chain = make([]int32, len(h.keys))
	if h.one {
		h.head1 = make(map[uint64]int32, len(h.keys))
	} else {
		h.head = make(map[[3]uint64]int32, len(h.keys))
	}
	for at, k := range h.keys {
		var prev int32
		var ok bool
		if h.one {
			prev, ok = h.head1[k[0]]
			h.head1[k[0]] = int32(at)
		} else {
			prev, ok = h.head[k]
			h.head[k] = int32(at)
		}
		if !ok {
			prev = -1
		}
		h.chain[at] = prev
	}
}

func compareKeys(a, b [3]uint64) int { return slices.Compare(a[:], b[:]) }

// first returns the place of a triple under k, or -1; next leads from there
// to the others.
func (h *idHash) first(k [3]uint64) int {
	if h.sorted {
		at, ok := slices.BinarySearchFunc(h.keys, k, compareKeys)
		if !ok {
			return -1
		}
		return at
	}
	var at int32
	var ok bool
	if h.one {
		at, ok = h.head1[k[0]]
	} else {
		at, ok = h.head[k]
	}
	if !ok {
		return -1
	}
	return int(at)
}

// next returns the place of the triple after the one at at with the same
// key, or -1.
func (h *idHash) next(at int) int {
	if h.sorted {
		if at+1 < len(h.keys) && h.keys[at+1] == h.keys[at] {
			return at + 1
		}
		return -1
	}
	return int(h.chain[at])
}

// repeat reports whether the ids at the distinct slots have been passed
// before, and remembers them if not.
func (b *idBGP) repeat() bool {
	if len(b.distinct) <= 4 {
		var k [4]uint64
		for n, s := range b.distinct {
			k[n] = b.sid[s]
		}
		if b.seen4 == nil {
			b.seen4 = map[[4]uint64]struct{}{}
		}
		if _, ok := b.seen4[k]; ok {
			return true
		}
		b.seen4[k] = struct{}{}
		return false
	}
	b.kbuf = b.kbuf[:0]
	for _, s := range b.distinct {
		b.kbuf = binary.AppendUvarint(b.kbuf, b.sid[s])
	}
	if b.seenN == nil {
		b.seenN = map[string]struct{}{}
	}
	if _, ok := b.seenN[string(b.kbuf)]; ok {
		return true
	}
	b.seenN[string(b.kbuf)] = struct{}{}
	return false
}

// values sets the values of the given slots in scratch, for those bound to
// an id and not set yet.
func (b *idBGP) values(scratch row, slots []int) bool {
	b.ibuf, b.slbuf = b.ibuf[:0], b.slbuf[:0]
	for _, sl := range slots {
		if scratch[sl] == nil && b.sid[sl] != 0 {
			b.ibuf = append(b.ibuf, b.sid[sl])
			b.slbuf = append(b.slbuf, sl)
		}
	}
	if len(b.ibuf) == 0 {
		return true
	}
	b.vbuf = slices.Grow(b.vbuf[:0], len(b.ibuf))[:len(b.ibuf)]
	if err := b.st.TermValues(b.e.ctx, b.ibuf, b.vbuf); err != nil {
		b.e.storeFailed(err)
		return false
	}
	for k, sl := range b.slbuf {
		scratch[sl] = normLiteral(b.vbuf[k])
	}
	return true
}
