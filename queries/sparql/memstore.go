package sparql

import (
	"context"

	"github.com/cayleygraph/quad"
)

// MemStore is a small in-memory Store with an index per position, for tests
// and examples. It is not safe for concurrent writes.
type MemStore struct {
	quads  []quad.Quad
	seen   map[quad.Quad]bool
	index  [4]map[quad.Value][]int32
	labels []quad.Value
}

var (
	_ Store        = (*MemStore)(nil)
	_ LabelLister  = (*MemStore)(nil)
	_ LookupCoster = (*MemStore)(nil)
)

// NewMemStore returns a store holding the given quads.
func NewMemStore(qs ...quad.Quad) *MemStore {
	m := &MemStore{seen: map[quad.Quad]bool{}}
	for i := range m.index {
		m.index[i] = map[quad.Value][]int32{}
	}
	for _, q := range qs {
		m.Add(q)
	}
	return m
}

// Add stores a quad (duplicates are ignored). Literal terms are normalised.
func (m *MemStore) Add(q quad.Quad) {
	q.Subject, q.Predicate, q.Object, q.Label = normLiteral(q.Subject), normLiteral(q.Predicate), normLiteral(q.Object), normLiteral(q.Label)
	if m.seen[q] {
		return
	}
	m.seen[q] = true
	id := int32(len(m.quads))
	m.quads = append(m.quads, q)
	for i, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		if v == nil {
			continue
		}
		if i == 3 && len(m.index[3][v]) == 0 {
			m.labels = append(m.labels, v)
		}
		m.index[i][v] = append(m.index[i][v], id)
	}
}

// Len is the number of quads.
func (m *MemStore) Len() int { return len(m.quads) }

// candidates returns the shortest index list for the bound terms, or nil and false for a full scan.
func (m *MemStore) candidates(s, p, o, g quad.Value) ([]int32, bool) {
	var best []int32
	found := false
	for i, v := range []quad.Value{s, p, o, g} {
		if v == nil {
			continue
		}
		l := m.index[i][normLiteral(v)]
		if !found || len(l) < len(best) {
			best, found = l, true
		}
	}
	return best, found
}

// Match implements Store.
func (m *MemStore) Match(ctx context.Context, s, p, o, g quad.Value, fn func(quad.Quad) bool) error {
	s, p, o, g = normLiteral(s), normLiteral(p), normLiteral(o), normLiteral(g)
	ok := func(q quad.Quad) bool {
		return (s == nil || q.Subject == s) && (p == nil || q.Predicate == p) &&
			(o == nil || q.Object == o) && (g == nil || q.Label == g)
	}
	ids, indexed := m.candidates(s, p, o, g)
	if !indexed {
		for i, q := range m.quads {
			if i&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if !fn(q) {
				return nil
			}
		}
		return nil
	}
	for n, id := range ids {
		if n&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		q := m.quads[id]
		if ok(q) && !fn(q) {
			return nil
		}
	}
	return nil
}

// Estimate implements Store: the size of the shortest index list.
func (m *MemStore) Estimate(ctx context.Context, s, p, o, g quad.Value) int64 {
	ids, indexed := m.candidates(s, p, o, g)
	if !indexed {
		return int64(len(m.quads))
	}
	return int64(len(ids))
}

// Labels implements LabelLister.
func (m *MemStore) Labels(ctx context.Context) ([]quad.Value, error) {
	return append([]quad.Value(nil), m.labels...), nil
}

// LookupCost implements LookupCoster: an index lookup in memory costs about
// as much as streaming one triple.
func (m *MemStore) LookupCost() int { return 1 }
