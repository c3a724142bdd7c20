package sparql

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
)

// Iterator streams the solutions of a query. Use Next to advance, Row for
// the current solution (aligned with Vars), Err after Next returns false,
// and always Close.
type Iterator struct {
	q      *Query
	e      *executor
	op     Op
	vars   []string
	slots  []int
	cancel context.CancelFunc
	ch     chan []row
	done   chan struct{}
	batch  []row
	cur    []quad.Value
	err    error
	closed bool
	start  bool
	n      int // rows returned
}

// Iterate starts evaluating the query. Solutions are produced as Next asks
// for them, as far as the algebra allows (ORDER BY, GROUP BY and DISTINCT
// materialise what they need). Past Options.MaxRows rows, Next returns false
// and Err wraps ErrTooManyRows.
func (q *Query) Iterate(ctx context.Context, st Store, opt Options) (*Iterator, error) {
	if opt.Base != "" && q.Base == "" && q.text != "" {
		// resolve the query's relative IRIs against the given base
		rq, err := parse(q.text, opt.Base, q.predef)
		if err != nil {
			return nil, err
		}
		q = rq
	}
	op, err := translateQuery(q)
	if err != nil {
		return nil, err
	}
	var cancel context.CancelFunc
	if opt.Timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, opt.Timeout)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	e, err := newExecutor(ctx, st, q, opt)
	if err != nil {
		cancel()
		return nil, err
	}
	e.assignSlots(op)
	e.markNeeded(op, nil)
	for _, n := range q.Describe {
		if n.IsVar() {
			e.slot(n.Var)
		}
	}
	it := &Iterator{q: q, e: e, op: op, cancel: cancel}
	switch q.Form {
	case FormSelect:
		if p := findProject(op); p != nil {
			it.vars = p.Vars
		}
		for _, v := range it.vars {
			it.slots = append(it.slots, e.slots[v])
		}
	case FormDescribe:
		if q.Star {
			it.vars = visibleVars(op)
		} else {
			for _, n := range q.Describe {
				if n.IsVar() {
					it.vars = append(it.vars, n.Var)
				}
			}
		}
		for _, v := range it.vars {
			it.slots = append(it.slots, e.slots[v])
		}
	}
	return it, nil
}

func findProject(op Op) *Project {
	for {
		switch o := op.(type) {
		case *Project:
			return o
		case *Distinct:
			op = o.Sub
		case *Reduced:
			op = o.Sub
		case *Slice:
			op = o.Sub
		default:
			return nil
		}
	}
}

// Vars are the projected variables (SELECT).
func (it *Iterator) Vars() []string { return it.vars }

func (it *Iterator) run(fn func(row) bool) {
	it.e.eval(it.op, it.e.newRow(), fn)
}

func (it *Iterator) startProducer() {
	it.start = true
	it.ch = make(chan []row, 4)
	it.done = make(chan struct{})
	go func() {
		defer close(it.ch)
		var batch []row
		send := func() bool {
			select {
			case it.ch <- batch:
				batch = nil
				return true
			case <-it.done:
				return false
			}
		}
		it.run(func(r row) bool {
			batch = append(batch, r)
			if len(batch) >= 256 {
				return send()
			}
			return true
		})
		if len(batch) > 0 {
			send()
		}
	}()
}

// Next advances to the next solution.
func (it *Iterator) Next() bool {
	if it.closed || it.err != nil {
		return false
	}
	if it.q.Form == FormAsk && !it.start {
		// ASK: one synchronous probe
		it.start = true
		found := false
		it.run(func(row) bool { found = true; return false })
		it.err = it.e.err
		return found && it.err == nil
	}
	if !it.start {
		it.startProducer()
	}
	for len(it.batch) == 0 {
		b, ok := <-it.ch
		if !ok {
			it.err = it.e.err
			return false
		}
		it.batch = b
	}
	r := it.batch[0]
	it.batch = it.batch[1:]
	it.n++
	if max := it.e.opt.MaxRows; max > 0 && it.n > max {
		it.err = fmt.Errorf("query returned more than %d rows: %w", max, ErrTooManyRows)
		return false
	}
	out := make([]quad.Value, len(it.slots))
	for i, s := range it.slots {
		out[i] = r[s]
	}
	it.cur = out
	return true
}

// Row is the current solution, aligned with Vars; nil entries are unbound.
func (it *Iterator) Row() []quad.Value { return it.cur }

// Err is the error that stopped the iteration, if any.
func (it *Iterator) Err() error {
	if it.err != nil {
		return it.err
	}
	return nil
}

// Close stops the evaluation and releases its resources.
func (it *Iterator) Close() error {
	if it.closed {
		return nil
	}
	it.closed = true
	it.cancel()
	if it.done != nil {
		close(it.done)
		for range it.ch {
		}
	}
	return nil
}

// Quads evaluates a CONSTRUCT or DESCRIBE query and returns its triples.
func (it *Iterator) Quads() []quad.Quad {
	if it.start || it.closed {
		return nil
	}
	it.start = true
	var out []quad.Quad
	seen := map[tripleKey]bool{}
	add := func(s, p, o quad.Value) {
		k := tripleKey{s, p, o}
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o})
	}
	e := it.e
	if it.q.Form == FormConstruct {
		tmpl := it.q.Template
		it.run(func(r row) bool {
			bnodes := map[string]quad.BNode{}
			inst := func(n Node) quad.Value {
				if !n.IsVar() {
					return n.Value
				}
				if strings.HasPrefix(n.Var, "_:") {
					b, ok := bnodes[n.Var]
					if !ok {
						b = e.newBNode()
						bnodes[n.Var] = b
					}
					return b
				}
				if slot, ok := e.slots[n.Var]; ok {
					return r[slot]
				}
				return nil // a template variable the pattern never binds
			}
			for _, t := range tmpl {
				if t.Path != nil {
					continue
				}
				s, p, o := inst(t.S), inst(t.P), inst(t.O)
				if s == nil || p == nil || o == nil || isLiteral(s) {
					continue
				}
				if _, ok := p.(quad.IRI); !ok {
					continue
				}
				add(s, p, o)
			}
			return e.tick()
		})
	} else {
		resources := map[quad.Value]bool{}
		var list []quad.Value
		addRes := func(v quad.Value) {
			if v == nil || isLiteral(v) || resources[v] {
				return
			}
			resources[v] = true
			list = append(list, v)
		}
		for _, n := range it.q.Describe {
			if !n.IsVar() {
				addRes(n.Value)
			}
		}
		if len(it.slots) > 0 {
			it.run(func(r row) bool {
				for _, s := range it.slots {
					addRes(r[s])
				}
				return e.tick()
			})
		}
		// concise bounded description: the triples of each resource, following blank nodes
		for i := 0; i < len(list) && e.err == nil; i++ {
			e.matchTriples(list[i], nil, nil, activeGraph{mode: gDefault}, nil, func(q quad.Quad) bool {
				add(q.Subject, q.Predicate, q.Object)
				if b, ok := q.Object.(quad.BNode); ok && !resources[b] {
					resources[b] = true
					list = append(list, b)
				}
				return e.tick()
			})
		}
	}
	it.err = e.err
	return out
}

// String returns the algebra of the query as an S-expression.
func (q *Query) String() string {
	op, err := translateQuery(q)
	if err != nil {
		return "(error " + quoteString(err.Error()) + ")"
	}
	return op.String()
}

// IsTimeout reports whether err is a query timeout.
func IsTimeout(err error) bool { return errors.Is(err, ErrTimeout) }
