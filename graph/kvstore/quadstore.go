package kvstore

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

var (
	_ graph.QuadStore      = (*Store)(nil)
	_ graph.BatchQuadStore = (*Store)(nil)
)

// Node is the graph.Ref of a stored value: its id.
type Node uint64

// Key implements graph.Ref.
func (n Node) Key() interface{} { return n }

// Quad is the graph.Ref of a stored quad: the ids of its terms.
type Quad [4]uint64

// Key implements graph.Ref.
func (q Quad) Key() interface{} { return q }

// ValueOf returns the Ref of v, or nil when v is not stored.
func (s *Store) ValueOf(v quad.Value) graph.Ref {
	if v == nil {
		return nil
	}
	var id uint64
	s.eng.view(func(r reader) error {
		var err error
		id, err = s.lookupID(r, v)
		return err
	})
	if id == 0 {
		return nil
	}
	return Node(id)
}

// NameOf returns the value of a Ref from ValueOf or from an iterator over
// nodes.
func (s *Store) NameOf(ref graph.Ref) quad.Value {
	switch ref := ref.(type) {
	case Node:
		var v quad.Value
		s.eng.view(func(r reader) error {
			var err error
			v, err = s.name(r, uint64(ref))
			return err
		})
		return v
	case graph.PreFetchedValue:
		return ref.NameOf()
	}
	return nil
}

// ValuesOf implements graph.BatchQuadStore.
func (s *Store) ValuesOf(ctx context.Context, refs []graph.Ref) ([]quad.Value, error) {
	out := make([]quad.Value, len(refs))
	err := s.eng.view(func(r reader) error {
		for i, ref := range refs {
			switch ref := ref.(type) {
			case nil:
			case Node:
				v, err := s.name(r, uint64(ref))
				if err != nil {
					return err
				}
				out[i] = v
			case graph.PreFetchedValue:
				out[i] = ref.NameOf()
			default:
				return fmt.Errorf("ref %v (%T) is not a value of this store", ref, ref)
			}
		}
		return nil
	})
	return out, err
}

// RefsOf implements graph.BatchQuadStore.
func (s *Store) RefsOf(ctx context.Context, vals []quad.Value) ([]graph.Ref, error) {
	out := make([]graph.Ref, len(vals))
	err := s.eng.view(func(r reader) error {
		for i, v := range vals {
			id, err := s.lookupID(r, v)
			if err != nil {
				return err
			}
			if id == 0 {
				return fmt.Errorf("not found: %v", v)
			}
			out[i] = Node(id)
		}
		return nil
	})
	return out, err
}

// Quad returns the quad of a Ref from a quad iterator.
func (s *Store) Quad(ref graph.Ref) quad.Quad {
	q, ok := ref.(Quad)
	if !ok {
		return quad.Quad{}
	}
	var out []quad.Quad
	s.eng.view(func(r reader) error {
		var err error
		out, err = s.quads(r, []ids{ids(q)}, nil, unstamped, quad.Quad{}, true)
		return err
	})
	if len(out) == 0 {
		return quad.Quad{}
	}
	return out[0]
}

// QuadDirection returns the Ref of the term of a quad in direction d.
func (s *Store) QuadDirection(ref graph.Ref, d quad.Direction) graph.Ref {
	q, ok := ref.(Quad)
	if !ok || d < quad.Subject || d > quad.Label || q[d-1] == 0 {
		return nil
	}
	return Node(q[d-1])
}

// QuadIterator returns an iterator over the quads that have ref in
// direction d: a prefix scan of the index that leads with d.
func (s *Store) QuadIterator(d quad.Direction, ref graph.Ref) graph.Iterator {
	id, ok := s.refID(ref)
	if !ok || d < quad.Subject || d > quad.Label {
		return graph.NewLegacy(&quadShape{s: s, empty: true}, nil)
	}
	return graph.NewLegacy(&quadShape{s: s, pos: int(d) - 1, id: id}, nil)
}

func (s *Store) refID(ref graph.Ref) (uint64, bool) {
	switch ref := ref.(type) {
	case Node:
		return uint64(ref), ref != 0
	case graph.PreFetchedValue:
		if n, ok := s.ValueOf(ref.NameOf()).(Node); ok {
			return uint64(n), true
		}
	}
	return 0, false
}

// QuadIteratorSize returns the exact number of quads that have ref in
// direction d, from the counters.
func (s *Store) QuadIteratorSize(ctx context.Context, d quad.Direction, ref graph.Ref) (graph.Size, error) {
	id, ok := s.refID(ref)
	if !ok || d < quad.Subject || d > quad.Label {
		return graph.Size{Size: 0, Exact: true}, nil
	}
	var n int64
	err := s.eng.view(func(r reader) error {
		var err error
		n, err = s.count(r, int(d)-1, id)
		return err
	})
	return graph.Size{Size: n, Exact: err == nil}, err
}

// NodesAllIterator returns an iterator over every value used by a quad.
func (s *Store) NodesAllIterator() graph.Iterator {
	return graph.NewLegacy(&allShape{s: s, nodes: true}, nil)
}

// QuadsAllIterator returns an iterator over every quad.
func (s *Store) QuadsAllIterator() graph.Iterator {
	return graph.NewLegacy(&allShape{s: s}, nil)
}

// Stats implements graph.QuadStore; the counts are always exact.
func (s *Store) Stats(ctx context.Context, exact bool) (graph.Stats, error) {
	st, err := s.Counts(ctx)
	return graph.Stats{
		Nodes: graph.Size{Size: st.Values, Exact: true},
		Quads: graph.Size{Size: st.Quads, Exact: true},
	}, err
}

// ApplyDeltas adds and deletes quads in one transaction.
func (s *Store) ApplyDeltas(in []graph.Delta, opts graph.IgnoreOpts) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var t *writeTx
	err := s.update(func(r reader, w writer) error {
		t = newWriteTx(s, r, len(in))
		for _, d := range in {
			var iq ids
			missing := false
			for p, dir := range quad.Directions {
				v := d.Quad.Get(dir)
				var id uint64
				var err error
				if d.Action == graph.Add {
					id, err = t.id(v)
				} else {
					id, err = t.lookup(v)
				}
				if err != nil {
					return &graph.DeltaError{Delta: d, Err: err}
				}
				if v != nil && id == 0 {
					missing = true
				}
				iq[p] = id
			}
			switch d.Action {
			case graph.Add:
				if err := checkQuad(d.Quad); err != nil {
					return &graph.DeltaError{Delta: d, Err: err}
				}
				ok, err := t.add(iq)
				if err != nil {
					return &graph.DeltaError{Delta: d, Err: err}
				}
				if !ok && !opts.IgnoreDup {
					return &graph.DeltaError{Delta: d, Err: graph.ErrQuadExists}
				}
			case graph.Delete:
				ok := false
				if !missing {
					var err error
					if ok, err = t.remove(iq); err != nil {
						return &graph.DeltaError{Delta: d, Err: err}
					}
				}
				if !ok && !opts.IgnoreMissing {
					return &graph.DeltaError{Delta: d, Err: graph.ErrQuadNotExist}
				}
			default:
				return &graph.DeltaError{Delta: d, Err: graph.ErrInvalidAction}
			}
		}
		return t.commit(w)
	})
	if err != nil {
		return err
	}
	t.committed()
	return nil
}

// NewQuadWriter returns a writer that adds quads, one transaction per
// WriteQuads call; duplicates are skipped.
func (s *Store) NewQuadWriter() (quad.WriteCloser, error) {
	return &quadWriter{s: s}, nil
}

type quadWriter struct{ s *Store }

func (w *quadWriter) WriteQuad(q quad.Quad) error {
	_, err := w.WriteQuads([]quad.Quad{q})
	return err
}

func (w *quadWriter) WriteQuads(qs []quad.Quad) (int, error) {
	for i, q := range qs {
		if err := checkQuad(q); err != nil {
			return 0, fmt.Errorf("quad %d: %w", i+1, err)
		}
	}
	if err := w.s.addBatch(qs); err != nil {
		return 0, err
	}
	return len(qs), nil
}

func (w *quadWriter) Close() error { return nil }
