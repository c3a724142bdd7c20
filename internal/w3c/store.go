package w3c

import (
	"context"

	"github.com/cayleygraph/quad"
)

// MemStore is a small in-memory quad store for running tests. Its Match
// and Estimate methods are those of sparql.Store: nil arguments match
// anything. Quads added twice are stored once.
type MemStore struct {
	quads []quad.Quad
	seen  map[quad.Quad]bool
	byS   map[quad.Value][]int
	byP   map[quad.Value][]int
	byO   map[quad.Value][]int
	byG   map[quad.Value][]int
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore {
	return &MemStore{seen: map[quad.Quad]bool{}, byS: map[quad.Value][]int{},
		byP: map[quad.Value][]int{}, byO: map[quad.Value][]int{}, byG: map[quad.Value][]int{}}
}

// Add stores quads.
func (m *MemStore) Add(qs ...quad.Quad) {
	for _, q := range qs {
		if m.seen[q] {
			continue
		}
		m.seen[q] = true
		i := len(m.quads)
		m.quads = append(m.quads, q)
		m.byS[q.Subject] = append(m.byS[q.Subject], i)
		m.byP[q.Predicate] = append(m.byP[q.Predicate], i)
		m.byO[q.Object] = append(m.byO[q.Object], i)
		m.byG[q.Label] = append(m.byG[q.Label], i)
	}
}

// Len returns the number of quads stored.
func (m *MemStore) Len() int { return len(m.quads) }

func (m *MemStore) candidates(s, p, o, g quad.Value) []int {
	var best []int
	found := false
	for _, c := range []struct {
		v   quad.Value
		idx map[quad.Value][]int
	}{{s, m.byS}, {p, m.byP}, {o, m.byO}, {g, m.byG}} {
		if c.v == nil {
			continue
		}
		l := c.idx[c.v]
		if !found || len(l) < len(best) {
			best, found = l, true
		}
	}
	if !found {
		all := make([]int, len(m.quads))
		for i := range all {
			all[i] = i
		}
		return all
	}
	return best
}

// Match calls fn for each quad matching the bound terms, until fn returns
// false.
func (m *MemStore) Match(ctx context.Context, s, p, o, g quad.Value, fn func(quad.Quad) bool) error {
	for n, i := range m.candidates(s, p, o, g) {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		q := m.quads[i]
		if (s == nil || q.Subject == s) && (p == nil || q.Predicate == p) &&
			(o == nil || q.Object == o) && (g == nil || q.Label == g) {
			if !fn(q) {
				return nil
			}
		}
	}
	return nil
}

// Estimate returns an upper bound of the number of quads Match would give.
func (m *MemStore) Estimate(ctx context.Context, s, p, o, g quad.Value) int64 {
	return int64(len(m.candidates(s, p, o, g)))
}
