package sparql

import "github.com/cayleygraph/quad"

// evalPath evaluates a triple pattern with a property path.
func (e *executor) evalPath(o *PathOp, in row, fn func(row) bool) bool {
	s, ob := e.cnode(o.S), e.cnode(o.O)
	emit := func(in row, extra int, g quad.Value) func(x, y quad.Value) bool {
		return func(x, y quad.Value) bool {
			m := append(row(nil), in...)
			for _, b := range []struct {
				c cterm
				v quad.Value
			}{{s, x}, {ob, y}, {cterm{slot: extra}, g}} {
				if b.c.slot < 0 || b.v == nil {
					continue
				}
				if cur := m[b.c.slot]; cur != nil {
					if cur != b.v {
						return e.tick()
					}
					continue
				}
				m[b.c.slot] = b.v
			}
			return fn(m)
		}
	}
	// a zero-length path from a term bound by another pattern only matches
	// terms of the graph; constants of the query always match themselves
	defer func(old bool) { e.zeroCheck = old }(e.zeroCheck) // paths nest through joins
	e.zeroCheck = s.slot >= 0 && in[s.slot] != nil || ob.slot >= 0 && in[ob.slot] != nil
	ag := e.graph
	if ag.mode == gVar {
		if g := in[ag.slot]; g != nil {
			if !e.isNamed(g) {
				return true
			}
			return e.pathPairs(o.Path, s.get(in), ob.get(in), activeGraph{mode: gConst, val: g}, emit(in, -1, nil))
		}
		for _, g := range e.namedGraphs() {
			if !e.pathPairs(o.Path, s.get(in), ob.get(in), activeGraph{mode: gConst, val: g}, emit(in, ag.slot, g)) {
				return false
			}
		}
		return e.err == nil
	}
	return e.pathPairs(o.Path, s.get(in), ob.get(in), ag, emit(in, -1, nil))
}

// pathPairs calls fn(x, y) for each pair connected by path p, with x = s and
// y = o when those are bound.
func (e *executor) pathPairs(p Path, s, o quad.Value, ag activeGraph, fn func(x, y quad.Value) bool) bool {
	if e.err != nil {
		return false
	}
	switch p := p.(type) {
	case PathIRI:
		return e.matchTriples(s, p.IRI, o, ag, nil, func(q quad.Quad) bool { return fn(q.Subject, q.Object) })
	case PathInv:
		return e.pathPairs(p.X, o, s, ag, func(x, y quad.Value) bool { return fn(y, x) })
	case PathAlt:
		return e.pathPairs(p.L, s, o, ag, fn) && e.pathPairs(p.R, s, o, ag, fn)
	case PathSeq:
		if s == nil && o != nil {
			return e.pathPairs(p.R, nil, o, ag, func(m, y quad.Value) bool {
				return e.pathPairs(p.L, nil, m, ag, func(x, _ quad.Value) bool { return fn(x, y) })
			})
		}
		return e.pathPairs(p.L, s, nil, ag, func(x, m quad.Value) bool {
			return e.pathPairs(p.R, m, o, ag, func(_, y quad.Value) bool { return fn(x, y) })
		})
	case PathNeg:
		excluded := func(list []quad.IRI, v quad.Value) bool {
			for _, i := range list {
				if v == i {
					return true
				}
			}
			return false
		}
		if len(p.Fwd) > 0 || len(p.Inv) == 0 {
			ok := e.matchTriples(s, nil, o, ag, nil, func(q quad.Quad) bool {
				if excluded(p.Fwd, q.Predicate) {
					return true
				}
				return fn(q.Subject, q.Object)
			})
			if !ok {
				return false
			}
		}
		if len(p.Inv) > 0 {
			return e.matchTriples(o, nil, s, ag, nil, func(q quad.Quad) bool {
				if excluded(p.Inv, q.Predicate) {
					return true
				}
				return fn(q.Object, q.Subject)
			})
		}
		return true
	case PathMod:
		return e.pathMod(p, s, o, ag, fn)
	}
	return true
}

func (e *executor) pathMod(p PathMod, s, o quad.Value, ag activeGraph, fn func(x, y quad.Value) bool) bool {
	zero := p.Op != '+'
	if p.Op == '?' {
		seen := map[[2]quad.Value]bool{}
		emit := func(x, y quad.Value) bool {
			k := [2]quad.Value{x, y}
			if seen[k] {
				return true
			}
			seen[k] = true
			return fn(x, y)
		}
		switch {
		case s != nil:
			if (o == nil || o == s) && (!e.zeroCheck || e.isGraphNode(s, ag)) && !emit(s, s) {
				return false
			}
		case o != nil:
			if (!e.zeroCheck || e.isGraphNode(o, ag)) && !emit(o, o) {
				return false
			}
		default:
			for _, n := range e.graphNodes(ag) {
				if !emit(n, n) {
					return false
				}
			}
		}
		return e.pathPairs(p.X, s, o, ag, emit)
	}
	// closure by breadth-first search from each start node
	forward := func(start quad.Value, target quad.Value, emitPair func(n quad.Value) bool, inverse bool) bool {
		visited := map[quad.Value]bool{}
		var frontier []quad.Value
		if zero {
			visited[start] = true
			if (target == nil || target == start) && (!e.zeroCheck || e.isGraphNode(start, ag)) && !emitPair(start) {
				return false
			}
		}
		frontier = append(frontier, start)
		for len(frontier) > 0 {
			var next []quad.Value
			for _, n := range frontier {
				var ok bool
				step := func(x, y quad.Value) bool {
					m := y
					if inverse {
						m = x
					}
					if visited[m] {
						return e.tick()
					}
					visited[m] = true
					next = append(next, m)
					if target == nil || target == m {
						return emitPair(m)
					}
					return e.tick()
				}
				if inverse {
					ok = e.pathPairs(p.X, nil, n, ag, step)
				} else {
					ok = e.pathPairs(p.X, n, nil, ag, step)
				}
				if !ok {
					return false
				}
			}
			frontier = next
		}
		return true
	}
	switch {
	case s != nil:
		return forward(s, o, func(n quad.Value) bool { return fn(s, n) }, false)
	case o != nil:
		return forward(o, nil, func(n quad.Value) bool { return fn(n, o) }, true)
	}
	// both ends free: only subjects of a first step can start a non-empty path
	starts := map[quad.Value]bool{}
	var startList []quad.Value
	if !e.pathPairs(p.X, nil, nil, ag, func(x, _ quad.Value) bool {
		if !starts[x] {
			starts[x] = true
			startList = append(startList, x)
		}
		return e.tick()
	}) {
		return false
	}
	if zero {
		for _, n := range e.graphNodes(ag) {
			if !starts[n] && !fn(n, n) {
				return false
			}
		}
	}
	for _, n := range startList {
		n := n
		if !forward(n, nil, func(m quad.Value) bool { return fn(n, m) }, false) {
			return false
		}
	}
	return e.err == nil
}

// graphNodes lists the subjects and objects of the active graph.
func (e *executor) graphNodes(ag activeGraph) []quad.Value {
	seen := map[quad.Value]bool{}
	var out []quad.Value
	e.matchTriples(nil, nil, nil, ag, nil, func(q quad.Quad) bool {
		for _, v := range []quad.Value{q.Subject, q.Object} {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
		return true
	})
	return out
}

// isGraphNode reports whether v is a subject or object of the active graph.
func (e *executor) isGraphNode(v quad.Value, ag activeGraph) bool {
	found := false
	e.matchTriples(v, nil, nil, ag, nil, func(quad.Quad) bool { found = true; return false })
	if !found {
		e.matchTriples(nil, nil, v, ag, nil, func(quad.Quad) bool { found = true; return false })
	}
	return found
}
