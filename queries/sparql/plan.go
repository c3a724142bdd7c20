package sparql

import (
	"strings"

	"github.com/cayleygraph/quad"
)

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
	for i, t := range o.Triples {
		c := func(n Node) quad.Value {
			if n.IsVar() {
				return nil
			}
			return n.Value
		}
		ests[i] = e.st.Estimate(e.ctx, c(t.S), c(t.P), c(t.O), g)
	}
	used := make([]bool, len(o.Triples))
	order := make([]int, 0, len(o.Triples))
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
						cost = min(cost, 1+cost/100)
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
