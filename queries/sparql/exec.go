package sparql

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// Store is what the engine needs from a quad store. Every quad has a label (the source document); nil terms are wildcards.
type Store interface {
	// Match calls fn for each stored quad matching the pattern, until fn returns false.
	Match(ctx context.Context, s, p, o, g quad.Value, fn func(quad.Quad) bool) error
	// Estimate returns an estimate of how many quads match the pattern (exact when cheap).
	Estimate(ctx context.Context, s, p, o, g quad.Value) int64
}

// LabelLister is an optional Store capability: it lists the distinct labels
// (named graphs) of the store. Without it the engine finds them by a scan when
// a query needs them, and removes duplicate triples of the default graph on every lookup.
type LabelLister interface {
	Labels(ctx context.Context) ([]quad.Value, error)
}

// FirstLabeler is an optional Store capability: FirstLabels returns up to
// n of the store's labels, all of them when there are at most n. The engine
// asks it, rather than LabelLister, how many graphs the default graph
// merges, which on a store of many documents reads a handful, not all.
type FirstLabeler interface {
	FirstLabels(ctx context.Context, n int) ([]quad.Value, error)
}

// TripleMatcher is an optional Store capability: MatchTriples matches the
// merge of all graphs with each triple once (in quads without a label),
// without the engine keeping a set of the triples it has passed. It reports
// false, having called nothing, when the store cannot do so; the engine then
// removes duplicates itself.
type TripleMatcher interface {
	MatchTriples(ctx context.Context, s, p, o quad.Value, fn func(quad.Quad) bool) (bool, error)
}

// Options control the execution of a query.
type Options struct {
	Base         string        // base IRI for relative IRIs (may be empty)
	DefaultGraph []quad.Value  // nil = merge of all labels (set semantics); otherwise the merge of these labels
	NamedGraphs  []quad.Value  // nil = all labels are named graphs; otherwise only these
	Timeout      time.Duration // 0 = none; past it Exec returns an error wrapping ErrTimeout
	MaxRows      int           // 0 = none; past it Exec returns an error wrapping ErrTooManyRows
	// MaxIntermediate bounds the solutions an evaluation may hold in memory at
	// once (hash joins, ORDER BY, GROUP BY, DISTINCT); past it Exec returns an
	// error wrapping ErrTooManyRows. 0 = the larger of 100 * MaxRows and 10^6
	// when MaxRows is set, otherwise no bound.
	MaxIntermediate int

	noHash       bool // tests: never switch BGP steps to hash tables
	noIDs        bool // tests: never evaluate BGPs on term ids (see IDStore)
	oneGraphFrom int  // tests: check for predicates in one graph from this many quads (0: oneGraphAfter)
}

// Errors returned (wrapped) by Exec.
var (
	ErrTimeout     = errors.New("query timed out")
	ErrTooManyRows = errors.New("too many result rows")
)

// Result is the result of a query.
type Result struct {
	Form  Form           // FormSelect, FormAsk, FormConstruct, FormDescribe
	Vars  []string       // SELECT: projected variable names, without '?', in order
	Rows  [][]quad.Value // SELECT: one slice per solution aligned with Vars, nil = unbound
	Bool  bool           // ASK
	Quads []quad.Quad    // CONSTRUCT/DESCRIBE triples (Label nil)
}

// graph modes of the active graph
const (
	gDefault = iota // the default graph
	gConst          // a fixed named graph
	gVar            // a named graph bound to a variable slot
)

type activeGraph struct {
	mode int
	val  quad.Value
	slot int
}

// executor evaluates one query.
type executor struct {
	ctx     context.Context
	st      Store
	opt     Options
	base    string
	slots   map[string]int
	names   []string
	graph   activeGraph
	dflt    []quad.Value // default graph labels; nil = all
	named   map[quad.Value]bool
	namedL  []quad.Value       // named graph list, when known
	dedup   bool               // default graph lookups must remove duplicate triples
	preds   map[quad.Value]int // predicate -> quads deduplicated so far; -1: in one graph, -2: in several
	labels  []quad.Value       // cached labels of the store
	now     time.Time
	bnodes  map[string]quad.BNode
	genB    map[quad.BNode]bool // blank nodes made by BNODE(str)
	nbnode  int
	err     error
	ticks   int
	plans   map[planKey][]int
	fanouts map[fanoutKey]float64
	fns     map[Expr]evalFn
	// zeroCheck: zero-length paths must start at a node of the graph
	zeroCheck bool
	topK      map[*OrderBy]int64 // ORDER BY under a LIMIT: how many solutions to keep
	// distinctFirst: for a LIMIT over DISTINCT over an ORDER BY on
	// projected variables, the same with DISTINCT below the ORDER BY (see
	// distinctBelowOrder)
	distinctFirst map[*Slice]Op
	held          int // solutions held in memory
	bgpStates     map[bgpStateKey][]hashStep
	bgpNeed       map[*BGP][]int          // the slots read above each BGP, where known (see markNeeded)
	lent          map[*BGP]bool           // BGPs whose consumer keeps no solution: they pass their scratch row (see markNeeded)
	bounds        map[*BGP][]pushedFilter // filters a top-k above a BGP pushes into it (see evalTopK)
	maxHeld       int                     // 0 = unbounded
}

// Exec runs a query and collects its results.
func Exec(ctx context.Context, st Store, q *Query, opt Options) (*Result, error) {
	it, err := q.Iterate(ctx, st, opt)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	res := &Result{Form: q.Form, Vars: it.Vars()}
	switch q.Form {
	case FormAsk:
		res.Bool = it.Next()
	case FormSelect:
		// evaluate in this goroutine: no streaming needed
		it.start = true
		tooMany := false
		it.run(func(r row) bool {
			if opt.MaxRows > 0 && len(res.Rows) >= opt.MaxRows {
				tooMany = true
				return false
			}
			out := make([]quad.Value, len(it.slots))
			for i, s := range it.slots {
				out[i] = r[s]
			}
			res.Rows = append(res.Rows, out)
			return true
		})
		if it.e.err != nil {
			return nil, it.e.err
		}
		if tooMany {
			return nil, fmt.Errorf("query returned more than %d rows: %w", opt.MaxRows, ErrTooManyRows)
		}
	default:
		res.Vars = nil
		res.Quads = it.Quads()
		if opt.MaxRows > 0 && len(res.Quads) > opt.MaxRows {
			return nil, fmt.Errorf("query returned more than %d triples: %w", opt.MaxRows, ErrTooManyRows)
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

func newExecutor(ctx context.Context, st Store, q *Query, opt Options) (*executor, error) {
	e := &executor{
		ctx:           ctx,
		st:            st,
		opt:           opt,
		base:          q.Base,
		slots:         map[string]int{},
		now:           time.Now(),
		bnodes:        map[string]quad.BNode{},
		genB:          map[quad.BNode]bool{},
		topK:          map[*OrderBy]int64{},
		distinctFirst: map[*Slice]Op{},
		bgpStates:     map[bgpStateKey][]hashStep{},
		plans:         map[planKey][]int{},
		fanouts:       map[fanoutKey]float64{},
		fns:           map[Expr]evalFn{},
	}
	if e.base == "" {
		e.base = opt.Base
	}
	e.maxHeld = opt.MaxIntermediate
	if e.maxHeld == 0 && opt.MaxRows > 0 {
		e.maxHeld = max(100*opt.MaxRows, 1_000_000)
	}
	e.dflt = opt.DefaultGraph
	named := opt.NamedGraphs
	if len(q.From) > 0 || len(q.FromNamed) > 0 {
		e.dflt = []quad.Value{}
		for _, g := range q.From {
			e.dflt = append(e.dflt, g)
		}
		named = []quad.Value{}
		for _, g := range q.FromNamed {
			named = append(named, g)
		}
	}
	if named != nil {
		e.named = map[quad.Value]bool{}
		for _, g := range named {
			e.named[g] = true
		}
		e.namedL = named
	}
	switch {
	case e.dflt == nil:
		e.dedup = true
		if fl, ok := st.(FirstLabeler); ok {
			// a few labels answer whether duplicates can occur (more than
			// one) and let the one-graph check run (at most oneGraphLabels);
			// namedGraphs reads all of them only if a query needs them
			labels, err := fl.FirstLabels(ctx, oneGraphLabels+1)
			if err != nil {
				return nil, fmt.Errorf("list graphs: %w", err)
			}
			if len(labels) <= oneGraphLabels {
				e.labels = labels
			}
			e.dedup = len(labels) > 1
		} else if ll, ok := st.(LabelLister); ok {
			labels, err := ll.Labels(ctx)
			if err != nil {
				return nil, fmt.Errorf("list graphs: %w", err)
			}
			e.labels = labels
			e.dedup = len(labels) > 1
		} else if l := singleLabel(ctx, st); l != nil {
			e.labels = []quad.Value{l}
			e.dedup = false
		}
	case len(e.dflt) > 1:
		e.dedup = true
	}
	return e, nil
}

func (e *executor) slot(name string) int {
	if i, ok := e.slots[name]; ok {
		return i
	}
	i := len(e.names)
	e.slots[name] = i
	e.names = append(e.names, name)
	return i
}

// assignSlots gives every variable of the algebra a slot before evaluation.
func (e *executor) assignSlots(op Op) {
	var walkExpr func(Expr)
	var walk func(Op)
	node := func(n Node) {
		if n.IsVar() {
			e.slot(n.Var)
		}
	}
	walkExpr = func(x Expr) {
		switch x := x.(type) {
		case *VarExpr:
			e.slot(x.Name)
		case *BinaryExpr:
			walkExpr(x.L)
			walkExpr(x.R)
		case *UnaryExpr:
			walkExpr(x.X)
		case *InExpr:
			walkExpr(x.X)
			for _, a := range x.List {
				walkExpr(a)
			}
		case *CallExpr:
			for _, a := range x.Args {
				walkExpr(a)
			}
		case *ExistsExpr:
			walk(x.op)
		}
	}
	walk = func(op Op) {
		switch o := op.(type) {
		case *BGP:
			for _, t := range o.Triples {
				node(t.S)
				node(t.P)
				node(t.O)
			}
		case *PathOp:
			node(o.S)
			node(o.O)
		case *Join:
			walk(o.L)
			walk(o.R)
		case *LeftJoin:
			walk(o.L)
			walk(o.R)
			if o.Expr != nil {
				walkExpr(o.Expr)
			}
		case *Union:
			walk(o.L)
			walk(o.R)
		case *Minus:
			walk(o.L)
			walk(o.R)
		case *Filter:
			walk(o.Sub)
			for _, x := range o.Exprs {
				walkExpr(x)
			}
		case *Graph:
			node(o.Name)
			walk(o.Sub)
		case *Extend:
			walk(o.Sub)
			e.slot(o.Var)
			walkExpr(o.Expr)
		case *Table:
			for _, v := range o.Vars {
				e.slot(v)
			}
		case *Group:
			walk(o.Sub)
			for i, k := range o.Keys {
				walkExpr(k)
				if o.KeyVars[i] != "" {
					e.slot(o.KeyVars[i])
				}
			}
			for _, a := range o.Aggs {
				e.slot(a.Var)
				for _, x := range a.Call.Args {
					walkExpr(x)
				}
			}
		case *OrderBy:
			walk(o.Sub)
			for _, c := range o.Conds {
				walkExpr(c.Expr)
			}
		case *Project:
			walk(o.Sub)
			for _, v := range o.Vars {
				e.slot(v)
			}
		case *Distinct:
			walk(o.Sub)
		case *Reduced:
			walk(o.Sub)
		case *Slice:
			walk(o.Sub)
		}
	}
	walk(op)
}

func (e *executor) newRow() row { return make(row, len(e.names)) }

func (e *executor) newBNode() quad.BNode {
	e.nbnode++
	return quad.BNode("b" + strconv.Itoa(e.nbnode))
}

func (e *executor) fn(x Expr) evalFn {
	if f, ok := e.fns[x]; ok {
		return f
	}
	f := e.compile(x)
	e.fns[x] = f
	return f
}

// tick checks for cancellation every few hundred steps.
func (e *executor) tick() bool {
	e.ticks++
	if e.ticks&255 == 0 {
		if err := e.ctx.Err(); err != nil {
			e.fail(err)
			return false
		}
	}
	return e.err == nil
}

// hold accounts for one more solution held in memory.
func (e *executor) hold() bool {
	e.held++
	if e.maxHeld > 0 && e.held > e.maxHeld {
		e.fail(fmt.Errorf("query holds more than %d intermediate solutions: %w", e.maxHeld, ErrTooManyRows))
		return false
	}
	return e.tick()
}

func (e *executor) fail(err error) {
	if e.err != nil {
		return
	}
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	e.err = err
}

// ---- store access ----

// isNamed reports whether g is a named graph of the dataset.
func (e *executor) isNamed(g quad.Value) bool {
	if g == nil {
		return false
	}
	return e.named == nil || e.named[g]
}

// namedGraphs lists the named graphs of the dataset.
func (e *executor) namedGraphs() []quad.Value {
	if e.namedL != nil {
		return e.namedL
	}
	if e.labels == nil {
		if ll, ok := e.st.(LabelLister); ok {
			labels, err := ll.Labels(e.ctx)
			if err != nil {
				e.fail(err)
				return nil
			}
			e.labels = labels
		} else {
			seen := map[quad.Value]bool{}
			labels := []quad.Value{}
			err := e.st.Match(e.ctx, nil, nil, nil, nil, func(q quad.Quad) bool {
				if q.Label != nil && !seen[q.Label] {
					seen[q.Label] = true
					labels = append(labels, q.Label)
				}
				return e.tick()
			})
			if err != nil {
				e.fail(err)
			}
			e.labels = labels
		}
	}
	var out []quad.Value
	for _, l := range e.labels {
		if l != nil {
			out = append(out, l)
		}
	}
	e.namedL = out
	return out
}

type tripleKey [3]quad.Value

// matchTriples calls fn(s, p, o, g) for each triple matching the pattern in the
// active graph; g is the graph of the triple when the active graph is a variable.
// Language tags match case-insensitively.
func (e *executor) matchTriples(s, p, o quad.Value, ag activeGraph, r row, fn func(q quad.Quad) bool) bool {
	if l, ok := o.(quad.LangString); ok {
		if low := strings.ToLower(l.Lang); low != l.Lang {
			if !e.matchTriples1(s, p, quad.LangString{Value: l.Value, Lang: low}, ag, r, fn) {
				return false
			}
		}
	}
	return e.matchTriples1(s, p, o, ag, r, fn)
}

func (e *executor) matchTriples1(s, p, o quad.Value, ag activeGraph, r row, fn func(q quad.Quad) bool) bool {
	return e.matchStore(s, p, o, ag, r, fn)
}

// storeFailed ends the query with a store's error, or with the context's
// when it has ended.
func (e *executor) storeFailed(err error) {
	if e.ctx.Err() != nil {
		e.fail(e.ctx.Err())
	} else {
		e.fail(fmt.Errorf("read store: %w", err))
	}
}

// matchStore asks the store for the triples of a pattern in the active graph.
func (e *executor) matchStore(s, p, o quad.Value, ag activeGraph, r row, fn func(q quad.Quad) bool) bool {
	if e.err != nil {
		return false
	}
	cont := true
	visitor := func(dedup *deduper) func(q quad.Quad) bool {
		return func(q quad.Quad) bool {
			if !e.tick() {
				cont = false
				return false
			}
			q.Subject, q.Predicate, q.Object = normLiteral(q.Subject), normLiteral(q.Predicate), normLiteral(q.Object)
			if dedup != nil && dedup.seen(q) {
				return true
			}
			if !fn(q) {
				cont = false
			}
			return cont
		}
	}
	failed := func(err error) {
		if err != nil {
			e.storeFailed(err)
			cont = false
		}
	}
	call := func(g quad.Value, dedup *deduper) {
		if cont {
			failed(e.st.Match(e.ctx, s, p, o, g, visitor(dedup)))
		}
	}
	switch ag.mode {
	case gDefault:
		var dedup *deduper
		if e.dedup {
			if tm, ok := e.st.(TripleMatcher); ok && e.dflt == nil && !e.oneGraph(p) {
				done, err := tm.MatchTriples(e.ctx, s, p, o, visitor(nil))
				if failed(err); done || err != nil {
					return cont && e.err == nil
				}
			}
			if s != nil && p != nil && o != nil && !e.oneGraph(p) {
				// one match is enough
				found := false
				inner := fn
				fn = func(q quad.Quad) bool { found = true; return false }
				if e.dflt == nil {
					call(nil, nil)
				} else {
					for _, g := range e.dflt {
						if found {
							break
						}
						call(g, nil)
					}
				}
				if e.err != nil {
					return false
				}
				if found {
					return inner(quad.Quad{Subject: s, Predicate: p, Object: o})
				}
				return true
			}
			if !e.oneGraph(p) {
				dedup = newDeduper(s, p, o)
			}
		}
		if e.dflt == nil {
			call(nil, dedup)
		} else {
			for _, g := range e.dflt {
				call(g, dedup)
			}
		}
		if dedup != nil {
			e.dedupVolume(p, dedup.n)
		}
	case gConst:
		if e.isNamed(ag.val) {
			call(ag.val, nil)
		}
	case gVar:
		if g := r[ag.slot]; g != nil {
			if e.isNamed(g) {
				call(g, nil)
			}
			break
		}
		if e.namedL != nil {
			for _, g := range e.namedL {
				call(g, nil)
			}
			break
		}
		inner := fn
		fn = func(q quad.Quad) bool {
			if q.Label == nil {
				return true
			}
			return inner(q)
		}
		call(nil, nil)
	}
	return cont && e.err == nil
}

// Duplicate removal in the default graph: a predicate whose quads all lie in
// one graph needs none. When the store has at most oneGraphLabels labels, the
// engine checks that for a predicate (a lookup per label, which can scan the
// smaller of the label and the predicate) once duplicate removal has gone
// through oneGraphAfter of its quads in a query, or before a scan of as many.
const (
	oneGraphLabels = 8
	oneGraphAfter  = 8192
)

// oneGraph reports whether all quads with predicate p are known to lie in one
// graph of the default graph (the merge of all labels).
func (e *executor) oneGraph(p quad.Value) bool {
	return p != nil && e.preds[p] == -1
}

// dedupVolume records that duplicate removal went through n quads with
// predicate p (or is about to), and checks whether one graph holds p once
// the quads add up to oneGraphAfter.
func (e *executor) dedupVolume(p quad.Value, n int) {
	if p == nil || e.dflt != nil || e.labels == nil || len(e.labels) > oneGraphLabels {
		return
	}
	if e.preds == nil {
		e.preds = map[quad.Value]int{}
	}
	v := e.preds[p]
	if v < 0 {
		return
	}
	after := oneGraphAfter
	if e.opt.oneGraphFrom > 0 {
		after = e.opt.oneGraphFrom
	}
	if v += n; v < after {
		e.preds[p] = v
		return
	}
	holders := 0
	for _, l := range e.labels {
		found := false
		err := e.st.Match(e.ctx, nil, p, nil, l, func(quad.Quad) bool {
			found = true
			return false
		})
		if err != nil {
			e.preds[p] = -2
			return
		}
		if found {
			holders++
		}
	}
	e.preds[p] = -2
	if holders <= 1 {
		e.preds[p] = -1
	}
}

// ---- evaluation ----

// eval evaluates op with the bindings of in substituted, calling fn for each
// solution (which extends in). It returns false when evaluation stopped early,
// because fn returned false or an error occurred (then e.err is set).
func (e *executor) eval(op Op, in row, fn func(row) bool) bool {
	if e.err != nil {
		return false
	}
	switch o := op.(type) {
	case *BGP:
		return e.evalBGP(o, in, fn)
	case *PathOp:
		return e.evalPath(o, in, fn)
	case *Join:
		if safeToSubstitute(o.R) {
			return e.eval(o.L, in, func(l row) bool { return e.eval(o.R, l, fn) })
		}
		rs, ok := e.collect(o.R, in)
		if !ok {
			return false
		}
		idx := newHashIndex(e, rs, joinKeys(o.L, o.R, e))
		return e.eval(o.L, in, func(l row) bool {
			for _, r := range idx.candidates(l) {
				if !e.tick() {
					return false
				}
				if m, ok := merge(l, r); ok {
					if !fn(m) {
						return false
					}
				}
			}
			return e.tick()
		})
	case *LeftJoin:
		var cond evalFn
		if o.Expr != nil {
			cond = e.fn(o.Expr)
		}
		keep := func(m row) bool {
			if cond == nil {
				return true
			}
			v, err := cond(m)
			if err != nil {
				return false
			}
			b, err := ebv(v)
			return err == nil && b
		}
		if safeToSubstitute(o.R) {
			return e.eval(o.L, in, func(l row) bool {
				found := false
				stopped := false
				e.eval(o.R, l, func(m row) bool {
					if keep(m) {
						found = true
						if !fn(m) {
							stopped = true
							return false
						}
					}
					return true
				})
				if stopped || e.err != nil {
					return false
				}
				if !found {
					return fn(l)
				}
				return true
			})
		}
		rs, ok := e.collect(o.R, in)
		if !ok {
			return false
		}
		idx := newHashIndex(e, rs, joinKeys(o.L, o.R, e))
		return e.eval(o.L, in, func(l row) bool {
			found := false
			for _, r := range idx.candidates(l) {
				if !e.tick() {
					return false
				}
				if m, ok := merge(l, r); ok && keep(m) {
					found = true
					if !fn(m) {
						return false
					}
				}
			}
			if !found {
				return fn(l)
			}
			return e.tick()
		})
	case *Filter:
		if bgp, pushed, ok := e.pushFilters(o); ok {
			return e.evalBGPFiltered(bgp, in, pushed, nil, fn)
		}
		conds := make([]evalFn, len(o.Exprs))
		for i, x := range o.Exprs {
			conds[i] = e.fn(x)
		}
		return e.eval(o.Sub, in, func(r row) bool {
			for _, c := range conds {
				v, err := c(r)
				if err != nil {
					return e.err == nil
				}
				if b, err := ebv(v); err != nil || !b {
					return true
				}
			}
			return fn(r)
		})
	case *Union:
		if !e.eval(o.L, in, fn) {
			return false
		}
		return e.eval(o.R, in, fn)
	case *Minus:
		rs, ok := e.collect(o.R, e.newRow())
		if !ok {
			return false
		}
		return e.eval(o.L, in, func(l row) bool {
			for _, r := range rs {
				if !e.tick() {
					return false
				}
				if minusMatch(l, r) {
					return e.tick()
				}
			}
			return fn(l)
		})
	case *Graph:
		return e.evalGraph(o, in, fn)
	case *Extend:
		f := e.fn(o.Expr)
		slot := e.slots[o.Var]
		return e.eval(o.Sub, in, func(r row) bool {
			v, err := f(r)
			if e.err != nil {
				return false
			}
			if err == nil && v != nil {
				if r[slot] != nil && r[slot] != v {
					return true
				}
				m := append(row(nil), r...)
				m[slot] = v
				r = m
			}
			return fn(r)
		})
	case *Table:
		slots := make([]int, len(o.Vars))
		for i, v := range o.Vars {
			slots[i] = e.slots[v]
		}
		for _, tr := range o.Rows {
			m := append(row(nil), in...)
			ok := true
			for i, v := range tr {
				if v == nil {
					continue
				}
				if m[slots[i]] != nil && m[slots[i]] != v {
					ok = false
					break
				}
				m[slots[i]] = v
			}
			if ok && !fn(m) {
				return false
			}
		}
		return true
	case *Group:
		return e.evalGroup(o, in, fn)
	case *OrderBy:
		if k, ok := e.topK[o]; ok && k <= 10000 {
			return e.evalTopK(o, in, k, fn)
		}
		rs, ok := e.collect(o.Sub, in)
		if !ok {
			return false
		}
		e.sortRows(rs, o.Conds)
		for _, r := range rs {
			if !fn(r) {
				return false
			}
		}
		return true
	case *Project:
		slots := e.projectSlots(o)
		return e.eval(o.Sub, e.newRow(), func(r row) bool {
			m, ok := e.project(r, slots, in)
			return !ok || fn(m)
		})
	case *Distinct:
		return e.evalDistinct(o.Sub, in, fn)
	case *Reduced:
		// REDUCED permits but does not require removing duplicates
		return e.eval(o.Sub, in, fn)
	case *Slice:
		sub := o.Sub
		if o.Limit >= 0 {
			if d, ok := e.distinctFirst[o]; ok {
				sub = d
			} else if d := distinctBelowOrder(o.Sub); d != nil {
				e.distinctFirst[o] = d
				sub = d
			}
			if ob := orderBelow(sub); ob != nil {
				e.topK[ob] = o.Offset + o.Limit
			}
		}
		n := int64(0)
		limitHit := false
		ok := e.eval(sub, in, func(r row) bool {
			n++
			if n <= o.Offset {
				return true
			}
			if o.Limit >= 0 && n > o.Offset+o.Limit {
				limitHit = true
				return false
			}
			if !fn(r) {
				return false
			}
			if o.Limit >= 0 && n >= o.Offset+o.Limit {
				limitHit = true
				return false
			}
			return true
		})
		return ok || limitHit && e.err == nil
	}
	e.fail(fmt.Errorf("unknown operator %T", op))
	return false
}

// pushFilters returns the BGP under filter o and its filters, to check
// inside the BGP as soon as their variables are bound, and true, when o
// filters a BGP of more than one triple and every filter can be checked
// there (its variables are bound in every solution of the BGP).
func (e *executor) pushFilters(o *Filter) (*BGP, []pushedFilter, bool) {
	bgp, ok := o.Sub.(*BGP)
	if !ok || len(bgp.Triples) <= 1 {
		return nil, nil, false
	}
	certain := certainVars(bgp)
	var pushed []pushedFilter
	for _, x := range o.Exprs {
		vars := map[string]bool{}
		exprVars(x, vars)
		var slots []int
		for v := range vars {
			if !certain[v] {
				return nil, nil, false
			}
			slots = append(slots, e.slots[v])
		}
		pushed = append(pushed, pushedFilter{f: e.fn(x), vars: slots})
	}
	return bgp, pushed, true
}

func (e *executor) evalDistinct(sub Op, in row, fn func(row) bool) bool {
	if p, ok := sub.(*Project); ok {
		// the DISTINCT projection of a BGP: the BGP drops repeats itself,
		// on ids before it looks values up when it can
		var bgp *BGP
		var pushed []pushedFilter
		switch s := p.Sub.(type) {
		case *BGP:
			bgp = s
		case *Filter:
			bgp, pushed, _ = e.pushFilters(s)
		}
		if bgp != nil {
			slots := e.projectSlots(p)
			return e.evalBGPFiltered(bgp, e.newRow(), pushed, slots, func(r row) bool {
				m, ok := e.project(r, slots, in)
				return !ok || fn(m)
			})
		}
	}
	return e.eval(sub, in, e.firstOf(rowKey, fn))
}

// projectSlots returns the slots of the variables o projects.
func (e *executor) projectSlots(o *Project) []int {
	slots := make([]int, len(o.Vars))
	for i, v := range o.Vars {
		slots[i] = e.slots[v]
	}
	return slots
}

// project returns the row of r's values at slots merged with in (when not
// nil), and false when they are not compatible.
func (e *executor) project(r row, slots []int, in row) (row, bool) {
	m := e.newRow()
	for _, s := range slots {
		m[s] = r[s]
	}
	if in == nil {
		return m, true
	}
	return merge(in, m)
}

// collect evaluates op into a slice.
func (e *executor) collect(op Op, in row) ([]row, bool) {
	var rs []row
	ok := e.eval(op, in, func(r row) bool {
		rs = append(rs, r)
		return e.hold()
	})
	return rs, ok && e.err == nil
}

// merge returns the union of two compatible solutions.
func merge(a, b row) (row, bool) {
	var m row
	for i, v := range b {
		if v == nil {
			continue
		}
		if a[i] != nil {
			if a[i] != v {
				return nil, false
			}
			continue
		}
		if m == nil {
			m = append(row(nil), a...)
		}
		m[i] = v
	}
	if m == nil {
		return a, true
	}
	return m, true
}

// minusMatch reports whether r removes l: compatible and sharing a bound variable.
func minusMatch(l, r row) bool {
	shared := false
	for i, v := range r {
		if v == nil || l[i] == nil {
			continue
		}
		if l[i] != v {
			return false
		}
		shared = true
	}
	return shared
}

// safeToSubstitute reports whether evaluating op with a left solution
// substituted gives the same result as joining (so a nested-loop join with
// index lookups can be used).
func safeToSubstitute(op Op) bool {
	switch o := op.(type) {
	case *BGP, *PathOp, *Table:
		return true
	case *Join:
		return safeToSubstitute(o.L) && safeToSubstitute(o.R)
	case *Union:
		return safeToSubstitute(o.L) && safeToSubstitute(o.R)
	case *Graph:
		return safeToSubstitute(o.Sub)
	case *Filter:
		if !safeToSubstitute(o.Sub) {
			return false
		}
		c := certainVars(o.Sub)
		m := map[string]bool{}
		for _, x := range o.Exprs {
			exprVars(x, m)
		}
		for v := range m {
			if !c[v] {
				return false
			}
		}
		return true
	}
	return false
}

// joinKeys are the slots certainly bound on both sides of a join.
func joinKeys(l, r Op, e *executor) []int {
	cl, cr := certainVars(l), certainVars(r)
	var keys []int
	for v := range cl {
		if cr[v] {
			keys = append(keys, e.slots[v])
		}
	}
	sort.Ints(keys)
	return keys
}

type hashIndex struct {
	keys []int
	all  []row
	m    map[string][]row
	buf  []byte
}

func newHashIndex(e *executor, rs []row, keys []int) *hashIndex {
	h := &hashIndex{keys: keys, all: rs}
	if len(keys) == 0 {
		return h
	}
	h.m = map[string][]row{}
	var buf []byte
	for _, r := range rs {
		buf = slotsKey(buf[:0], r, keys)
		h.m[string(buf)] = append(h.m[string(buf)], r)
	}
	return h
}

func (h *hashIndex) candidates(l row) []row {
	if h.m == nil {
		return h.all
	}
	h.buf = slotsKey(h.buf[:0], l, h.keys)
	return h.m[string(h.buf)]
}

func slotsKey(buf []byte, r row, slots []int) []byte {
	for _, s := range slots {
		buf = appendTerm(buf, r[s])
	}
	return buf
}

func rowKey(buf []byte, r row) []byte {
	for _, v := range r {
		buf = appendTerm(buf, v)
	}
	return buf
}

// appendTerm appends an unambiguous encoding of a term.
func appendTerm(buf []byte, v quad.Value) []byte {
	switch t := v.(type) {
	case nil:
		return append(buf, 0)
	case quad.IRI:
		buf = append(buf, 1)
		buf = append(buf, t...)
	case quad.BNode:
		buf = append(buf, 2)
		buf = append(buf, t...)
	case quad.String:
		buf = append(buf, 3)
		buf = append(buf, t...)
	case quad.LangString:
		buf = append(buf, 4)
		buf = append(buf, t.Lang...)
		buf = append(buf, 0)
		buf = append(buf, t.Value...)
	case quad.TypedString:
		buf = append(buf, 5)
		buf = append(buf, t.Type...)
		buf = append(buf, 0)
		buf = append(buf, t.Value...)
	default:
		buf = append(buf, 6)
		buf = append(buf, v.String()...)
	}
	return append(buf, 0xff)
}

// ---- graphs ----

// bindsGraph reports whether every solution of op comes from matching triples
// (so that a GRAPH variable gets bound by the matches themselves).
func bindsGraph(op Op) bool {
	switch o := op.(type) {
	case *BGP:
		return len(o.Triples) > 0
	case *PathOp:
		return true
	case *Join:
		return bindsGraph(o.L) || bindsGraph(o.R)
	case *LeftJoin:
		return bindsGraph(o.L)
	case *Minus:
		return bindsGraph(o.L)
	case *Filter:
		return bindsGraph(o.Sub)
	case *Extend:
		return bindsGraph(o.Sub)
	case *Union:
		return bindsGraph(o.L) && bindsGraph(o.R)
	}
	return false
}

func (e *executor) evalGraph(o *Graph, in row, fn func(row) bool) bool {
	old := e.graph
	defer func() { e.graph = old }()
	run := func(ag activeGraph, in row, bind func(row) row) bool {
		e.graph = ag
		return e.eval(o.Sub, in, func(r row) bool {
			if bind != nil {
				if r = bind(r); r == nil {
					return true
				}
			}
			e.graph = old
			ok := fn(r)
			e.graph = ag
			return ok
		})
	}
	if !o.Name.IsVar() {
		return run(activeGraph{mode: gConst, val: o.Name.Value}, in, nil)
	}
	slot := e.slots[o.Name.Var]
	if g := in[slot]; g != nil {
		if !e.isNamed(g) {
			return true
		}
		return run(activeGraph{mode: gConst, val: g}, in, nil)
	}
	if bindsGraph(o.Sub) && !mentions(o.Sub, o.Name.Var) && !hasMinus(o.Sub) {
		return run(activeGraph{mode: gVar, slot: slot}, in, nil)
	}
	for _, g := range e.namedGraphs() {
		g := g
		ok := run(activeGraph{mode: gConst, val: g}, in, func(r row) row {
			if r[slot] != nil {
				if r[slot] != g {
					return nil
				}
				return r
			}
			m := append(row(nil), r...)
			m[slot] = g
			return m
		})
		if !ok {
			return false
		}
	}
	return e.err == nil
}

// ---- BGP ----

type cterm struct {
	val  quad.Value
	slot int // -1 for constants
}

func (e *executor) cnode(n Node) cterm {
	if n.IsVar() {
		return cterm{slot: e.slots[n.Var]}
	}
	return cterm{val: n.Value, slot: -1}
}

func (c cterm) get(r row) quad.Value {
	if c.slot < 0 {
		return c.val
	}
	return r[c.slot]
}

func (e *executor) evalBGP(o *BGP, in row, fn func(row) bool) bool {
	return e.evalBGPFiltered(o, in, nil, nil, fn)
}

// distinctOn returns fn passed only the first row of each combination of
// values at slots, or fn itself when slots is nil.
func (e *executor) distinctOn(slots []int, fn func(row) bool) func(row) bool {
	if slots == nil {
		return fn
	}
	return e.firstOf(func(buf []byte, r row) []byte {
		for _, s := range slots {
			buf = appendTerm(buf, r[s])
		}
		return buf
	}, fn)
}

// firstOf returns fn passed only the first row of each key (appended to a
// buffer by key), holding one solution per key passed.
func (e *executor) firstOf(key func([]byte, row) []byte, fn func(row) bool) func(row) bool {
	seen := map[string]bool{}
	var buf []byte
	return func(r row) bool {
		buf = key(buf[:0], r)
		if seen[string(buf)] {
			return e.tick()
		}
		seen[string(buf)] = true
		return e.hold() && fn(r)
	}
}

// pushedFilter is a FILTER checked inside a BGP as soon as its variables are bound.
type pushedFilter struct {
	f    evalFn
	vars []int
}

// evalBGPFiltered calls fn with the solutions of o in row in that pass the
// filters, each checked as soon as its variables are bound. With distinct
// set, it passes only the first solution of each combination of values at
// those slots.
func (e *executor) evalBGPFiltered(o *BGP, in row, filters []pushedFilter, distinct []int, fn func(row) bool) bool {
	if b := e.bounds[o]; len(b) > 0 {
		filters = append(slices.Clip(filters), b...)
	}
	idFn := fn
	fn = e.distinctOn(distinct, fn)
	if len(o.Triples) == 0 {
		if e.graph.mode == gVar && in[e.graph.slot] == nil {
			for _, g := range e.namedGraphs() {
				m := append(row(nil), in...)
				m[e.graph.slot] = g
				if !fn(m) {
					return false
				}
			}
			return e.err == nil
		}
		if e.graph.mode == gConst && !e.graphExists(e.graph.val) {
			return true
		}
		return fn(in)
	}
	order := e.plan(o, in)
	pats := make([][3]cterm, len(order))
	for i, k := range order {
		t := o.Triples[k]
		pats[i] = [3]cterm{e.cnode(t.S), e.cnode(t.P), e.cnode(t.O)}
	}
	scratch := append(row(nil), in...)
	lent := e.lent[o]
	ag := e.graph
	// at[i] are the filters to check once pattern i-1 is matched (at[0]: before any)
	at := make([][]evalFn, len(pats)+1)
	atVars := make([][]int, len(pats)+1) // the slots the filters of at read
	if len(filters) > 0 {
		boundAt := map[int]int{}
		for i, v := range in {
			if v != nil {
				boundAt[i] = 0
			}
		}
		for i, p := range pats {
			for _, c := range p {
				if _, ok := boundAt[c.slot]; c.slot >= 0 && !ok {
					boundAt[c.slot] = i + 1
				}
			}
		}
		for _, f := range filters {
			step := len(pats)
			latest := 0
			for _, v := range f.vars {
				b, ok := boundAt[v]
				if !ok {
					latest = step
					break
				}
				latest = max(latest, b)
			}
			at[latest] = append(at[latest], f.f)
			atVars[latest] = append(atVars[latest], f.vars...)
		}
	}
	pass := func(fs []evalFn) bool {
		for _, f := range fs {
			v, err := f(scratch)
			if err != nil {
				return false
			}
			if b, err := ebv(v); err != nil || !b {
				return false
			}
		}
		return true
	}
	if !pass(at[0]) {
		return e.err == nil
	}
	// Each step looks its pattern up in the store with the values bound so
	// far (an index nested loop). When a step is repeated often compared with
	// the size of its pattern, it switches to a hash table built from one scan
	// of the pattern, probed with the bound values: far fewer store calls.
	// the steps' state lives as long as the query, so that a BGP evaluated
	// once per outer solution (OPTIONAL, EXISTS, joins) hashes across calls
	var mask strings.Builder
	for _, v := range in {
		if v != nil {
			mask.WriteByte('1')
		} else {
			mask.WriteByte('0')
		}
	}
	skey := bgpStateKey{o, mask.String(), ag.mode, ag.val}
	hs, known := e.bgpStates[skey]
	if !known {
		hs = make([]hashStep, len(pats))
		e.bgpStates[skey] = hs
	}
	if known {
		// set up already
	} else if ag.mode != gVar && !e.opt.noHash {
		boundAt := map[int]int{}
		for i, v := range in {
			if v != nil {
				boundAt[i] = 0
			}
		}
		for i, p := range pats {
			for j, c := range p {
				if c.slot < 0 {
					continue
				}
				if b, ok := boundAt[c.slot]; ok && b <= i {
					hs[i].keyPos = append(hs[i].keyPos, j)
				}
			}
			for _, c := range p {
				if _, ok := boundAt[c.slot]; c.slot >= 0 && !ok {
					boundAt[c.slot] = i + 1
				}
			}
			hs[i].est = -1
		}
	} else {
		for i := range hs {
			hs[i].off = true
		}
	}
	if b, ok := e.idBGP(o, pats, scratch, ag, distinct); ok {
		if b == nil {
			return e.err == nil // a constant or bound term is not stored: no solutions
		}
		b.at, b.atVars, b.hs, b.pass, b.lent = at, atVars, hs, pass, lent
		return b.eval(scratch, idFn)
	}
	var prog bgpProgress
	var step func(i int) bool
	step = func(i int) bool {
		if i > 0 && len(at[i]) > 0 && !pass(at[i]) {
			return e.err == nil
		}
		if i == len(pats) {
			if lent {
				return fn(scratch)
			}
			return fn(append(row(nil), scratch...))
		}
		p := pats[i]
		visit := func(q quad.Quad) bool {
			var set [4]int
			n := 0
			ok := true
			bind := func(c cterm, v quad.Value) {
				if !ok || c.slot < 0 {
					return
				}
				if cur := scratch[c.slot]; cur != nil {
					if cur != v {
						ok = false
					}
					return
				}
				scratch[c.slot] = v
				set[n] = c.slot
				n++
			}
			bind(p[0], q.Subject)
			bind(p[1], q.Predicate)
			bind(p[2], q.Object)
			if ag.mode == gVar {
				bind(cterm{slot: ag.slot}, q.Label)
			}
			cont := true
			if ok {
				cont = step(i + 1)
			}
			for j := 0; j < n; j++ {
				scratch[set[j]] = nil
			}
			return cont
		}
		h := &hs[i]
		if i == 0 {
			prog.est0 = -1
		}
		if h.table == nil && !h.off && e.hashNow(h, p, ag, &prog, i) && !e.buildHash(h, p, ag) {
			return false
		}
		if h.table != nil {
			var k [3]quad.Value
			for n, j := range h.keyPos {
				k[n] = p[j].get(scratch)
			}
			for _, q := range h.table[k] {
				if !e.tick() || !visit(q) {
					return false
				}
			}
			return true
		}
		s, pr, ob := p[0].get(scratch), p[1].get(scratch), p[2].get(scratch)
		if i == 0 {
			first := visit
			visit = func(q quad.Quad) bool {
				prog.seen0++
				return first(q)
			}
			prog.s0, prog.p0, prog.o0 = s, pr, ob
		}
		return e.matchTriples(s, pr, ob, ag, scratch, visit)
	}
	return step(0)
}

// bgpProgress tracks how far the first step of a BGP has got, to predict how
// many more lookups the later steps will make.
type bgpProgress struct {
	seen0      int64
	est0       int64 // estimate of the first step; -1 = not asked yet
	s0, p0, o0 quad.Value
}

// remaining predicts how many more times a step that made lookups lookups
// so far will run; first says it is the first step of its BGP.
func (e *executor) remaining(prog *bgpProgress, lookups int, first bool) int64 {
	if first {
		return int64(lookups) // the first step repeats once per call: assume as many calls again
	}
	if prog.est0 < 0 {
		prog.est0 = e.st.Estimate(e.ctx, prog.s0, prog.p0, prog.o0, e.estimateGraph())
	}
	if prog.seen0 <= 0 || prog.est0 <= prog.seen0 {
		// the estimate is exhausted: assume as many again
		return int64(lookups)
	}
	return int64(lookups) * (prog.est0 - prog.seen0) / prog.seen0
}

// bgpStateKey identifies the hash steps of a BGP evaluated with the same
// variables bound, in the same graph.
type bgpStateKey struct {
	bgp   *BGP
	bound string
	mode  int
	graph quad.Value
}

// hashStep is the state of one step of a BGP evaluation.
type hashStep struct {
	keyPos  []int // positions of the pattern bound by earlier steps
	lookups int
	est     int64                         // estimate of the pattern with its constants only; -1 = not asked
	off     bool                          // never hash this step
	table   map[[3]quad.Value][]quad.Quad // keyed by the values at keyPos
	idTable *idHash                       // the same on term ids (see idBGP)
}

// Hashing thresholds: a step is considered for hashing after hashAfter
// lookups, and hashed once the lookups it is predicted to make still, times
// the store's LookupCost (defaultLookupCost without LookupCoster), reach the
// cost of building the table: hashBuildCost per triple of its pattern (a
// triple streamed, plus its key and its place in the table), at most hashMax
// triples.
const (
	hashAfter         = 32
	defaultLookupCost = 8
	hashBuildCost     = 2
	hashMax           = 1 << 20
)

// LookupCoster is an optional Store capability: the cost of one Match call
// relative to the cost of one triple it streams (about 1 for an in-memory
// index, 10 or more for disk and SQL backends). The engine replaces repeated
// lookups by one scan and a hash table sooner when lookups are expensive.
type LookupCoster interface {
	LookupCost() int
}

// buildHash fills step h's table from one scan of pattern p's constants.
func (e *executor) buildHash(h *hashStep, p [3]cterm, ag activeGraph) bool {
	c := constOf
	table := make(map[[3]quad.Value][]quad.Quad, min(h.est, hashMax))
	if e.dedup && ag.mode == gDefault {
		e.dedupVolume(c(p[1]), int(h.est)) // a scan: settle whether it needs duplicate removal first
	}
	ok := e.matchTriples(c(p[0]), c(p[1]), c(p[2]), ag, nil, func(q quad.Quad) bool {
		var k [3]quad.Value
		for n, j := range h.keyPos {
			k[n] = quadAt(q, j)
		}
		table[k] = append(table[k], q)
		return e.tick()
	})
	h.table = table
	e.held += int(h.est)
	return ok
}

// constOf is the value of a constant term, nil for a variable.
func constOf(t cterm) quad.Value {
	if t.slot < 0 {
		return t.val
	}
	return nil
}

// hashNow counts one more lookup of step h, the i-th of its BGP, of pattern
// p, and reports whether the step is to switch to a hash table now: when the
// lookups it is predicted to make still cost more than one scan of its
// pattern into a table that memory can hold. prog is the BGP's progress.
func (e *executor) hashNow(h *hashStep, p [3]cterm, ag activeGraph, prog *bgpProgress, i int) bool {
	h.lookups++
	if h.lookups < hashAfter {
		return false
	}
	c := constOf
	if h.est < 0 {
		g := ag.val
		if ag.mode == gDefault {
			g = e.estimateGraph()
		}
		h.est = e.st.Estimate(e.ctx, c(p[0]), c(p[1]), c(p[2]), g)
		if h.est > hashMax || e.maxHeld > 0 && h.est > int64(e.maxHeld-e.held) {
			h.off = true // too big to hold: keep looking up
			return false
		}
	}
	if h.lookups&(h.lookups-1) != 0 {
		return false // reconsider at powers of two only
	}
	cost := int64(defaultLookupCost)
	if lc, ok := e.st.(LookupCoster); ok {
		cost = int64(max(1, lc.LookupCost()))
	}
	return e.remaining(prog, h.lookups, i == 0)*cost >= hashBuildCost*h.est
}

func quadAt(q quad.Quad, j int) quad.Value {
	switch j {
	case 0:
		return q.Subject
	case 1:
		return q.Predicate
	}
	return q.Object
}

// ---- grouping ----

type aggState struct {
	call     *CallExpr
	arg      evalFn
	distinct map[string]bool
	count    int64
	sum      quad.Value
	err      bool
	best     quad.Value
	sample   quad.Value
	parts    []string
	lang     string
	sameLang bool
	n        int
}

func (e *executor) evalGroup(o *Group, in row, fn func(row) bool) bool {
	keyFns := make([]evalFn, len(o.Keys))
	for i, k := range o.Keys {
		keyFns[i] = e.fn(k)
	}
	type group struct {
		keys []quad.Value
		aggs []*aggState
	}
	groups := map[string]*group{}
	var order []*group
	newGroup := func(keys []quad.Value) *group {
		g := &group{keys: keys}
		for _, a := range o.Aggs {
			st := &aggState{call: a.Call, sameLang: true}
			if len(a.Call.Args) > 0 {
				st.arg = e.fn(a.Call.Args[0])
			}
			if a.Call.Distinct {
				st.distinct = map[string]bool{}
			}
			g.aggs = append(g.aggs, st)
		}
		return g
	}
	var buf []byte
	ok := e.eval(o.Sub, in, func(r row) bool {
		keys := make([]quad.Value, len(keyFns))
		buf = buf[:0]
		for i, f := range keyFns {
			v, err := f(r)
			if err == nil {
				keys[i] = v
			}
			buf = appendTerm(buf, keys[i])
		}
		g := groups[string(buf)]
		if g == nil {
			g = newGroup(keys)
			groups[string(buf)] = g
			order = append(order, g)
			if !e.hold() {
				return false
			}
		}
		for _, st := range g.aggs {
			st.add(r)
		}
		return e.tick()
	})
	if !ok || e.err != nil {
		return false
	}
	if len(order) == 0 && len(o.Keys) == 0 {
		order = append(order, newGroup(nil))
	}
	for _, g := range order {
		m := e.newRow()
		for i, k := range o.Keys {
			if o.KeyVars[i] != "" {
				m[e.slots[o.KeyVars[i]]] = g.keys[i]
			} else if v, ok := k.(*VarExpr); ok {
				m[e.slots[v.Name]] = g.keys[i]
			}
		}
		for i, a := range o.Aggs {
			m[e.slots[a.Var]] = g.aggs[i].result()
		}
		if in != nil {
			var ok bool
			if m, ok = merge(in, m); !ok {
				continue
			}
		}
		if !fn(m) {
			return false
		}
	}
	return true
}

func (st *aggState) add(r row) {
	if st.err {
		return
	}
	var v quad.Value
	if st.call.Star {
		if st.distinct != nil {
			k := string(rowKey(nil, r))
			if st.distinct[k] {
				return
			}
			st.distinct[k] = true
		}
		st.count++
		return
	}
	v, err := st.arg(r)
	if err != nil || v == nil {
		if st.call.Name != "COUNT" && st.call.Name != "SAMPLE" {
			st.err = true
		}
		return
	}
	if st.distinct != nil {
		k := string(appendTerm(nil, v))
		if st.distinct[k] {
			return
		}
		st.distinct[k] = true
	}
	st.n++
	switch st.call.Name {
	case "COUNT":
		st.count++
	case "SUM", "AVG":
		n, ok := toNum(v)
		if !ok {
			st.err = true
			return
		}
		if st.sum == nil {
			st.sum = numVal(n)
			return
		}
		s, _ := toNum(st.sum)
		res, err := arith("+", s, n)
		if err != nil {
			st.err = true
			return
		}
		st.sum = res
	case "MIN", "MAX":
		if st.best == nil {
			st.best = v
			return
		}
		c := orderCompare(v, st.best)
		if st.call.Name == "MIN" && c < 0 || st.call.Name == "MAX" && c > 0 {
			st.best = v
		}
	case "SAMPLE":
		if st.sample == nil {
			st.sample = v
		}
	case "GROUP_CONCAT":
		s, ok := stringOf(v)
		if !ok {
			if _, isNum := toNum(v); isNum || isLiteral(v) {
				s = lexical(v)
			} else {
				st.err = true
				return
			}
		}
		if l, ok := v.(quad.LangString); ok {
			if st.n == 1 {
				st.lang = l.Lang
			} else if st.lang != l.Lang {
				st.sameLang = false
			}
		} else {
			st.sameLang = false
		}
		st.parts = append(st.parts, s)
	}
}

func (st *aggState) result() quad.Value {
	if st.err {
		return nil
	}
	zero := quad.TypedString{Value: "0", Type: xsdInteger}
	switch st.call.Name {
	case "COUNT":
		return quad.TypedString{Value: quad.String(strconv.FormatInt(st.count, 10)), Type: xsdInteger}
	case "SUM":
		if st.sum == nil {
			return zero
		}
		return st.sum
	case "AVG":
		if st.sum == nil {
			return zero
		}
		s, _ := toNum(st.sum)
		res, err := arith("/", s, num{k: nInteger, i: int64(st.n)})
		if err != nil {
			return nil
		}
		return res
	case "MIN", "MAX":
		return st.best
	case "SAMPLE":
		return st.sample
	case "GROUP_CONCAT":
		sep := " "
		if st.call.HasSep {
			sep = st.call.Separator
		}
		s := strings.Join(st.parts, sep)
		return quad.String(s)
	}
	return nil
}

// ---- ordering ----

// orderBelow finds the ORDER BY whose solutions a LIMIT takes unchanged in
// number (through projections and extensions, not DISTINCT).
func orderBelow(op Op) *OrderBy {
	for {
		switch o := op.(type) {
		case *OrderBy:
			return o
		case *Project:
			op = o.Sub
		case *Reduced:
			op = o.Sub
		default:
			return nil
		}
	}
}

// distinctBelowOrder returns op, a DISTINCT over a projection over an
// ORDER BY whose conditions are all projected variables, rewritten as the
// ORDER BY over the DISTINCT projection, or nil for any other op. The two
// give the same solutions in an order that differs only among solutions of
// equal keys (which SPARQL leaves open), and the rewritten one can keep only
// the first solutions under a LIMIT (evalTopK) instead of sorting them all.
func distinctBelowOrder(op Op) Op {
	d, ok := op.(*Distinct)
	if !ok {
		return nil
	}
	p, ok := d.Sub.(*Project)
	if !ok {
		return nil
	}
	ob, ok := p.Sub.(*OrderBy)
	if !ok {
		return nil
	}
	for _, c := range ob.Conds {
		v, ok := c.Expr.(*VarExpr)
		if !ok || !slices.Contains(p.Vars, v.Name) {
			return nil
		}
	}
	return &OrderBy{Sub: &Distinct{Sub: &Project{Vars: p.Vars, Sub: ob.Sub}}, Conds: ob.Conds}
}

// orderKeys returns a function computing the sort keys of a solution, and
// the ordering of keys.
func (e *executor) orderKeys(conds []OrderCond) (func(row) []orderKey, func(a, b []orderKey) bool) {
	fns := make([]evalFn, len(conds))
	for i, c := range conds {
		fns[i] = e.fn(c.Expr)
	}
	keys := func(r row) []orderKey {
		k := make([]orderKey, len(fns))
		for j, f := range fns {
			if v, err := f(r); err == nil {
				k[j] = newOrderKey(v)
			}
		}
		return k
	}
	less := func(ka, kb []orderKey) bool {
		for j, c := range conds {
			x := ka[j].compare(kb[j])
			if x == 0 {
				continue
			}
			if c.Desc {
				return x > 0
			}
			return x < 0
		}
		return false
	}
	return keys, less
}

// orderKey is one value an ORDER BY sorts on, with its date parsed once
// when it is an xsd:date or xsd:dateTime, instead of at every comparison.
type orderKey struct {
	v    quad.Value
	d    dateVal
	date bool // d holds v's date
}

func newOrderKey(v quad.Value) orderKey {
	k := orderKey{v: v}
	k.d, k.date = toDate(v)
	return k
}

// compare is orderCompare(a.v, b.v), with the dates already parsed: two
// dates that dateCompare orders (as orderCompare's valueCompare would) are
// ordered so; every other case goes to orderCompare.
func (a orderKey) compare(b orderKey) int {
	if a.date && b.date {
		if c, err := dateCompare(a.d, b.d); err == nil && c != 0 {
			return c
		}
	}
	return orderCompare(a.v, b.v)
}

// evalTopK evaluates an ORDER BY of which only the first k solutions are needed.
func (e *executor) evalTopK(o *OrderBy, in row, k int64, fn func(row) bool) bool {
	type keyed struct {
		r row
		k []orderKey
	}
	keys, less := e.orderKeys(o.Conds)
	var top []keyed
	if bgp, vars := e.boundable(o); bgp != nil && k > 0 {
		// Once k solutions are kept, one whose first sort key is worse than
		// the k-th's cannot enter: the BGP drops it as soon as that key's
		// variables are bound, before its other patterns, DISTINCT and the
		// lookups of its other values.
		first, less1 := e.orderKeys(o.Conds[:1])
		bound := pushedFilter{vars: vars, f: func(r row) (quad.Value, error) {
			return boolVal(int64(len(top)) < k || !less1(top[k-1].k[:1], first(r))), nil
		}}
		if e.bounds == nil {
			e.bounds = map[*BGP][]pushedFilter{}
		}
		e.bounds[bgp] = append(e.bounds[bgp], bound)
		defer func() { e.bounds[bgp] = e.bounds[bgp][:len(e.bounds[bgp])-1] }()
	}
	ok := e.eval(o.Sub, in, func(r row) bool {
		kr := keys(r)
		if int64(len(top)) == k && (k == 0 || !less(kr, top[k-1].k)) {
			return e.tick()
		}
		// insert after equal keys, so the order stays stable
		i := sort.Search(len(top), func(i int) bool { return less(kr, top[i].k) })
		top = append(top, keyed{})
		copy(top[i+1:], top[i:])
		top[i] = keyed{r, kr}
		if int64(len(top)) > k {
			top = top[:k]
		}
		return e.tick()
	})
	if !ok || e.err != nil {
		return false
	}
	for _, t := range top {
		if !fn(t.r) {
			return false
		}
	}
	return true
}

// boundable returns the BGP whose solutions reach the top-k of o unchanged
// but for DISTINCT, a projection and FILTERs (so a solution the top-k would
// refuse may be dropped inside the BGP), and the slots of the variables of
// o's first sort key, which the projection must keep; nil when there is
// none.
func (e *executor) boundable(o *OrderBy) (*BGP, []int) {
	m := map[string]bool{}
	exprVars(o.Conds[0].Expr, m)
	if len(m) == 0 || m["\x00exists"] || volatile(o.Conds[0].Expr) {
		return nil, nil
	}
	sub := o.Sub
	if d, ok := sub.(*Distinct); ok {
		sub = d.Sub
	}
	if p, ok := sub.(*Project); ok {
		for v := range m {
			if !slices.Contains(p.Vars, v) {
				return nil, nil
			}
		}
		sub = p.Sub
	}
	if f, ok := sub.(*Filter); ok {
		sub = f.Sub
	}
	b, ok := sub.(*BGP)
	if !ok {
		return nil, nil
	}
	var vars []int
	for v := range m {
		sl, ok := e.slots[v]
		if !ok {
			return nil, nil
		}
		vars = append(vars, sl)
	}
	slices.Sort(vars)
	return b, vars
}

// volatile reports whether x calls a function that may answer differently
// for the same solution (RAND, UUID, STRUUID, BNODE, or one named by an
// IRI): a bound computed from it would not be the key the top-k sorts by.
func volatile(x Expr) bool {
	switch x := x.(type) {
	case *BinaryExpr:
		return volatile(x.L) || volatile(x.R)
	case *UnaryExpr:
		return volatile(x.X)
	case *InExpr:
		return volatile(x.X) || slices.ContainsFunc(x.List, volatile)
	case *CallExpr:
		switch {
		case x.IRI, x.Name == "RAND", x.Name == "UUID", x.Name == "STRUUID", x.Name == "BNODE":
			return true
		}
		return slices.ContainsFunc(x.Args, volatile)
	}
	return false
}

func (e *executor) sortRows(rs []row, conds []OrderCond) {
	keyOf, less := e.orderKeys(conds)
	keys := make([][]orderKey, len(rs))
	for i, r := range rs {
		keys[i] = keyOf(r)
	}
	idx := make([]int, len(rs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return less(keys[idx[a]], keys[idx[b]])
	})
	sorted := make([]row, len(rs))
	for i, j := range idx {
		sorted[i] = rs[j]
	}
	copy(rs, sorted)
}

// mentions reports whether variable v occurs in op.
func mentions(op Op, v string) bool {
	for _, x := range orderedVars(op) {
		if x == v {
			return true
		}
	}
	return false
}

// hasMinus reports whether op contains a MINUS, whose right side must see a fixed graph.
func hasMinus(op Op) bool {
	switch o := op.(type) {
	case *Minus:
		return true
	case *Join:
		return hasMinus(o.L) || hasMinus(o.R)
	case *LeftJoin:
		return hasMinus(o.L) || hasMinus(o.R)
	case *Union:
		return hasMinus(o.L) || hasMinus(o.R)
	case *Filter:
		return hasMinus(o.Sub)
	case *Extend:
		return hasMinus(o.Sub)
	}
	return false
}

// graphExists reports whether g is a named graph of the dataset.
func (e *executor) graphExists(g quad.Value) bool {
	if e.named != nil {
		return e.named[g]
	}
	for _, x := range e.namedGraphs() {
		if x == g {
			return true
		}
	}
	return false
}

// singleLabel returns the label of all quads when the store's (exact)
// estimates show that one label holds them all, so the default graph needs no
// removal of duplicate triples; otherwise nil.
func singleLabel(ctx context.Context, st Store) quad.Value {
	var first quad.Value
	err := st.Match(ctx, nil, nil, nil, nil, func(q quad.Quad) bool {
		first = q.Label
		return false
	})
	if err != nil || first == nil {
		return nil
	}
	total := st.Estimate(ctx, nil, nil, nil, nil)
	if total > 0 && st.Estimate(ctx, nil, nil, nil, first) == total {
		return first
	}
	return nil
}

// deduper removes duplicate triples from one lookup of the default graph (the
// same triple stated in several graphs), keyed by the free positions only.
// Its map is made at the second quad: most lookups of a join find one.
type deduper struct {
	free  [3]bool
	one   int // the only free position, or -1
	n     int // quads seen
	first quad.Quad
	m1    map[quad.Value]struct{}
	m3    map[tripleKey]struct{}
}

func newDeduper(s, p, o quad.Value) *deduper {
	d := &deduper{one: -1}
	n := 0
	for i, v := range []quad.Value{s, p, o} {
		if v == nil {
			d.free[i] = true
			d.one = i
			n++
		}
	}
	if n != 1 {
		d.one = -1
	}
	return d
}

// seen reports whether q was seen before, and records it.
func (d *deduper) seen(q quad.Quad) bool {
	d.n++
	switch d.n {
	case 1:
		d.first = q
		return false
	case 2:
		if d.one >= 0 {
			d.m1 = map[quad.Value]struct{}{}
		} else {
			d.m3 = map[tripleKey]struct{}{}
		}
		d.record(d.first)
	}
	return d.record(q)
}

// record adds q to the map and reports whether it was there.
func (d *deduper) record(q quad.Quad) bool {
	if d.m1 != nil {
		v := quadAt(q, d.one)
		if _, ok := d.m1[v]; ok {
			return true
		}
		d.m1[v] = struct{}{}
		return false
	}
	var k tripleKey
	for i, v := range []quad.Value{q.Subject, q.Predicate, q.Object} {
		if d.free[i] {
			k[i] = v
		}
	}
	if _, ok := d.m3[k]; ok {
		return true
	}
	d.m3[k] = struct{}{}
	return false
}
