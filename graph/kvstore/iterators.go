package kvstore

import (
	"context"
	"fmt"
	"math"

	"github.com/cayleygraph/cayley/graph"
)

// quadShape is the iterator of the quads that have one id in one position.
type quadShape struct {
	s     *Store
	pos   int
	id    uint64
	empty bool
}

var _ graph.IteratorShape = (*quadShape)(nil)

func (it *quadShape) String() string {
	if it.empty {
		return "KVQuads(none)"
	}
	return fmt.Sprintf("KVQuads(%s=%d)", indexes[leading[it.pos]].name[:1], it.id)
}

func (it *quadShape) Iterate() graph.Scanner {
	if it.empty {
		return &scanner{done: true}
	}
	x := &indexes[leading[it.pos]]
	return &scanner{s: it.s, table: x.table, prefix: appendID(nil, it.id), decode: func(k []byte) (graph.Ref, error) {
		q, err := x.decode(k)
		return Quad(q), err
	}}
}

func (it *quadShape) Lookup() graph.Index {
	return &lookup{contains: func(ctx context.Context, v graph.Ref) (graph.Ref, bool) {
		q, ok := v.(Quad)
		if !ok || it.empty || q[it.pos] != it.id {
			return nil, false
		}
		return q, true
	}}
}

func (it *quadShape) Stats(ctx context.Context) (graph.IteratorCosts, error) {
	var n int64
	var err error
	if !it.empty {
		err = it.s.eng.view(func(r reader) error {
			n, err = it.s.count(r, it.pos, it.id)
			return err
		})
	}
	return graph.IteratorCosts{NextCost: 1, ContainsCost: int64(math.Log(float64(n+1))) + 1, Size: graph.Size{Size: n, Exact: true}}, err
}

func (it *quadShape) Optimize(ctx context.Context) (graph.IteratorShape, bool) { return it, false }
func (it *quadShape) SubIterators() []graph.IteratorShape                      { return nil }

// allShape is the iterator of all quads, or of all values in use.
type allShape struct {
	s     *Store
	nodes bool
}

var _ graph.IteratorShape = (*allShape)(nil)

func (it *allShape) String() string {
	if it.nodes {
		return "KVAllNodes"
	}
	return "KVAllQuads"
}

func (it *allShape) Iterate() graph.Scanner {
	if it.nodes {
		return &scanner{s: it.s, table: tableNames, decode: func(k []byte) (graph.Ref, error) {
			id, n := readID(k)
			if n != len(k) {
				return nil, fmt.Errorf("corrupt value key %x", k)
			}
			return Node(id), nil
		}}
	}
	x := &indexes[0]
	return &scanner{s: it.s, table: x.table, decode: func(k []byte) (graph.Ref, error) {
		q, err := x.decode(k)
		return Quad(q), err
	}}
}

func (it *allShape) Lookup() graph.Index {
	return &lookup{contains: func(ctx context.Context, v graph.Ref) (graph.Ref, bool) {
		var table byte
		var key []byte
		switch v := v.(type) {
		case Node:
			if !it.nodes {
				return nil, false
			}
			table, key = tableNames, appendID(nil, uint64(v))
		case Quad:
			if it.nodes {
				return nil, false
			}
			table, key = tableSPOG, indexes[0].key(nil, ids(v))
		case graph.PreFetchedValue:
			if !it.nodes {
				return nil, false
			}
			n, ok := it.s.ValueOf(v.NameOf()).(Node)
			return n, ok
		default:
			return nil, false
		}
		found := false
		it.s.eng.view(func(r reader) error {
			b, err := r.get(table, key)
			found = b != nil
			return err
		})
		if !found {
			return nil, false
		}
		return v, true
	}}
}

func (it *allShape) Stats(ctx context.Context) (graph.IteratorCosts, error) {
	c, err := it.s.Counts(ctx)
	n := c.Quads
	if it.nodes {
		n = c.Values
	}
	return graph.IteratorCosts{NextCost: 1, ContainsCost: 1, Size: graph.Size{Size: n, Exact: true}}, err
}

func (it *allShape) Optimize(ctx context.Context) (graph.IteratorShape, bool) { return it, false }
func (it *allShape) SubIterators() []graph.IteratorShape                      { return nil }

// scanner lists the keys of a table under a prefix, decoded into Refs, a
// chunk per read transaction.
type scanner struct {
	s      *Store
	table  byte
	prefix []byte
	from   []byte
	decode func(k []byte) (graph.Ref, error)

	buf  []graph.Ref
	i    int
	cur  graph.Ref
	done bool
	err  error
}

func (it *scanner) Next(ctx context.Context) bool {
	for it.i >= len(it.buf) {
		if it.done || it.err != nil {
			it.cur = nil
			return false
		}
		if it.err = ctx.Err(); it.err != nil {
			return false
		}
		it.buf, it.i = it.buf[:0], 0
		next := []byte(nil)
		it.err = it.s.eng.view(func(r reader) error {
			var derr error
			err := r.scan(it.table, it.prefix, it.from, func(k, _ []byte) bool {
				if len(it.buf) >= chunk {
					next = append([]byte(nil), k...)
					return false
				}
				ref, err := it.decode(k)
				if err != nil {
					derr = err
					return false
				}
				it.buf = append(it.buf, ref)
				return true
			})
			if err == nil {
				err = derr
			}
			return err
		})
		it.from = next
		it.done = next == nil
	}
	it.cur = it.buf[it.i]
	it.i++
	return true
}

func (it *scanner) Result() graph.Ref                 { return it.cur }
func (it *scanner) NextPath(ctx context.Context) bool { return false }
func (it *scanner) TagResults(map[string]graph.Ref)   {}
func (it *scanner) Err() error                        { return it.err }
func (it *scanner) Close() error                      { it.done, it.buf = true, nil; return nil }
func (it *scanner) String() string                    { return "KVScan" }

// lookup answers Contains with a function.
type lookup struct {
	contains func(ctx context.Context, v graph.Ref) (graph.Ref, bool)
	cur      graph.Ref
}

func (it *lookup) Contains(ctx context.Context, v graph.Ref) bool {
	ref, ok := it.contains(ctx, v)
	it.cur = ref
	return ok
}

func (it *lookup) Result() graph.Ref                 { return it.cur }
func (it *lookup) NextPath(ctx context.Context) bool { return false }
func (it *lookup) TagResults(map[string]graph.Ref)   {}
func (it *lookup) Err() error                        { return nil }
func (it *lookup) Close() error                      { return nil }
func (it *lookup) String() string                    { return "KVLookup" }
