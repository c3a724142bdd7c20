package sparql

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// constant is n's term, or nil for a variable (a wildcard to the store).
func constant(n Node) quad.Value {
	if n.IsVar() {
		return nil
	}
	return n.Value
}

// constants is the number of constants of t.
func constants(t Triple) int {
	n := 0
	for _, x := range []Node{t.S, t.P, t.O} {
		if !x.IsVar() {
			n++
		}
	}
	return n
}

// estimate asks the store how many quads in graph g match t's constants.
func (e *executor) estimate(t Triple, g quad.Value) int64 {
	return e.st.Estimate(e.ctx, constant(t.S), constant(t.P), constant(t.O), g)
}

type planKey struct {
	bgp   *BGP
	bound string
}

// plan orders the triple patterns of a BGP for evaluation with the bindings
// of in: greedily, the cheapest pattern given what is already bound, where
// the cost of a pattern is the store's estimate for its constants, reduced for
// variables bound by earlier patterns, and patterns connected to the bound
// variables come before cartesian products.
func (e *executor) plan(o *BGP, in row) []int {
	var sb strings.Builder
	for _, v := range in {
		if v != nil {
			sb.WriteByte('1')
		} else {
			sb.WriteByte('0')
		}
	}
	key := planKey{o, sb.String()}
	if p, ok := e.plans[key]; ok {
		return p
	}
	bound := map[int]bool{}
	for i, v := range in {
		if v != nil {
			bound[i] = true
		}
	}
	ests := make([]int64, len(o.Triples))
	g := e.estimateGraph()
	// Patterns with at most one constant are estimated first: a counter
	// read. One with more may make the store count keys. Once a pattern
	// matches nothing, the BGP is empty and the rest need no estimate.
	byCost := make([]int, len(o.Triples))
	for i := range byCost {
		byCost[i] = i
	}
	slices.SortStableFunc(byCost, func(a, b int) int {
		return cmp.Compare(min(constants(o.Triples[a]), 2), min(constants(o.Triples[b]), 2))
	})
	for _, i := range byCost {
		if ests[i] = e.estimate(o.Triples[i], g); ests[i] == 0 {
			break
		}
	}
	used := make([]bool, len(o.Triples))
	order := make([]int, 0, len(o.Triples))
	for _, i := range byCost {
		if ests[i] == 0 {
			// nothing matches this pattern: evaluate it first, the order of
			// the rest does not matter (and needs no sampling)
			order = append(order, i)
			for k := range o.Triples {
				if k != i {
					order = append(order, k)
				}
			}
			e.plans[key] = order
			return order
		}
	}
	for len(order) < len(o.Triples) {
		best, bestCost, bestConn := -1, float64(0), false
		for i, t := range o.Triples {
			if used[i] {
				continue
			}
			cost := float64(ests[i])
			conn := len(order) == 0 && len(bound) == 0
			for pos, n := range []Node{t.S, t.P, t.O} {
				if !n.IsVar() {
					continue
				}
				if bound[e.slots[n.Var]] {
					conn = true
					switch pos {
					case 0:
						cost = min(cost, 1+cost/1000)
					case 1:
						cost = cost / 10
					case 2:
						if ests[i] >= sampleAbove {
							cost = min(cost, e.objectFanout(o, i, g))
						} else {
							cost = min(cost, 1+cost/100)
						}
					}
				}
			}
			if !conn {
				// no variable in common with what is bound: a cartesian product unless constants anchor it
				allConst := !t.S.IsVar() && !t.P.IsVar() && !t.O.IsVar()
				if !allConst {
					cost *= 1e6
				}
				conn = allConst
			}
			if best < 0 || conn && !bestConn || conn == bestConn && cost < bestCost {
				best, bestCost, bestConn = i, cost, conn
			}
		}
		used[best] = true
		order = append(order, best)
		t := o.Triples[best]
		for _, n := range []Node{t.S, t.P, t.O} {
			if n.IsVar() {
				bound[e.slots[n.Var]] = true
			}
		}
	}
	e.plans[key] = order
	return order
}

// Fan-in sampling: for a pattern of at least sampleAbove triples whose object
// an earlier pattern binds, the planner estimates the triples per object from
// fanoutSample objects of the pattern instead of assuming a fixed fraction
// (an object such as a department can have hundreds of members where a
// course has a few dozen students: the order of a join depends on it).
const (
	sampleAbove  = 1000
	fanoutSample = 8
)

// objectFanout estimates how many triples of t match one value of its object:
// the mean of the store's estimates for the pattern with its object set to
// each of the first fanoutSample objects the pattern has.
func (e *executor) objectFanout(o *BGP, i int, g quad.Value) float64 {
	key := fanoutKey{o, i, g}
	if f, ok := e.fanouts[key]; ok {
		return f
	}
	t := o.Triples[i]
	c := func(n Node) quad.Value {
		if n.IsVar() {
			return nil
		}
		return n.Value
	}
	var objs []quad.Value
	seen := map[quad.Value]bool{}
	e.st.Match(e.ctx, c(t.S), c(t.P), nil, g, func(q quad.Quad) bool {
		if !seen[q.Object] {
			seen[q.Object] = true
			objs = append(objs, q.Object)
		}
		return len(objs) < fanoutSample
	})
	f := 1.0
	if len(objs) > 0 {
		var sum int64
		for _, v := range objs {
			sum += e.st.Estimate(e.ctx, c(t.S), c(t.P), v, g)
		}
		f = max(1, float64(sum)/float64(len(objs)))
	}
	e.fanouts[key] = f
	return f
}

// fanoutKey names a triple pattern of a BGP in a graph.
type fanoutKey struct {
	bgp   *BGP
	i     int
	graph quad.Value
}

// estimateGraph is the graph argument for Estimate in the active graph.
func (e *executor) estimateGraph() quad.Value {
	switch e.graph.mode {
	case gConst:
		return e.graph.val
	case gDefault:
		if len(e.dflt) == 1 {
			return e.dflt[0]
		}
	}
	return nil
}

// Explain returns the algebra of the query with each basic graph pattern in
// the order the planner chooses for st (when nothing is bound from outside),
// each triple pattern annotated with the store's estimate for its constants.
func (q *Query) Explain(ctx context.Context, st Store, opt Options) (string, error) {
	op, err := translateQuery(q)
	if err != nil {
		return "", err
	}
	e, err := newExecutor(ctx, st, q, opt)
	if err != nil {
		return "", err
	}
	e.assignSlots(op)
	planned := e.planned(op)
	var b strings.Builder
	planned.write(&b, 0)
	return b.String(), nil
}

// planned returns a copy of op whose BGPs list their triples in plan order,
// each followed by a comment with its estimate.
func (e *executor) planned(op Op) Op {
	switch o := op.(type) {
	case *BGP:
		if len(o.Triples) == 0 {
			return o
		}
		order := e.plan(o, e.newRow())
		p := &plannedBGP{}
		g := e.estimateGraph()
		for _, k := range order {
			t := o.Triples[k]
			p.Triples = append(p.Triples, t)
			p.Est = append(p.Est, e.estimate(t, g))
		}
		return p
	case *Join:
		return &Join{L: e.planned(o.L), R: e.planned(o.R)}
	case *LeftJoin:
		return &LeftJoin{L: e.planned(o.L), R: e.planned(o.R), Expr: o.Expr}
	case *Union:
		return &Union{L: e.planned(o.L), R: e.planned(o.R)}
	case *Minus:
		return &Minus{L: e.planned(o.L), R: e.planned(o.R)}
	case *Filter:
		return &Filter{Exprs: o.Exprs, Sub: e.planned(o.Sub)}
	case *Graph:
		old := e.graph
		if !o.Name.IsVar() {
			e.graph = activeGraph{mode: gConst, val: o.Name.Value}
		} else {
			e.graph = activeGraph{mode: gVar, slot: e.slots[o.Name.Var]}
		}
		sub := e.planned(o.Sub)
		e.graph = old
		return &Graph{Name: o.Name, Sub: sub}
	case *Extend:
		return &Extend{Sub: e.planned(o.Sub), Var: o.Var, Expr: o.Expr}
	case *Group:
		n := *o
		n.Sub = e.planned(o.Sub)
		return &n
	case *OrderBy:
		return &OrderBy{Conds: o.Conds, Sub: e.planned(o.Sub)}
	case *Project:
		return &Project{Vars: o.Vars, Sub: e.planned(o.Sub)}
	case *Distinct:
		return &Distinct{Sub: e.planned(o.Sub)}
	case *Reduced:
		return &Reduced{Sub: e.planned(o.Sub)}
	case *Slice:
		return &Slice{Offset: o.Offset, Limit: o.Limit, Sub: e.planned(o.Sub)}
	}
	return op
}

// plannedBGP prints a BGP in plan order with estimates (Explain only).
type plannedBGP struct {
	Triples []Triple
	Est     []int64
}

func (o *plannedBGP) String() string { return opString(o) }

func (o *plannedBGP) write(b *strings.Builder, indent int) {
	b.WriteString("(bgp")
	for i, t := range o.Triples {
		nl(b, indent+1)
		fmt.Fprintf(b, "(est %d (triple %s %s %s))", o.Est[i], nodeString(t.S), nodeString(t.P), nodeString(t.O))
	}
	b.WriteString(")")
}
