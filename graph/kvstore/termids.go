package kvstore

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
)

// The store's terms by id, for a query engine that joins on ids and looks
// values up only for what it passes on. Equal ids are equal terms only on a
// store that keeps its values in canonical form (see MatchTriples); on any
// other, TermIDs declines.

// TermIDs sets ids[i] to the id of vals[i], or to 0 when it is not stored
// (or nil). It reports false, setting nothing, when the store cannot tell
// equal terms by their ids.
func (s *Store) TermIDs(ctx context.Context, vals []quad.Value, ids []uint64) (bool, error) {
	if !s.canonical.Load() {
		return false, nil
	}
	gen := s.vgen.Load()
	err := s.eng.view(func(r reader) error {
		for i, v := range vals {
			if v == nil {
				ids[i] = 0
				continue
			}
			// an unchecked id from the cache may be stale (see cachedID):
			// it is read again
			id, unchecked, err := s.cachedID(r, v, gen)
			if err == nil && unchecked {
				id, err = s.freshID(r, v, gen)
			}
			if err != nil {
				return err
			}
			ids[i] = id
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("read %s: %w", s.dir, err)
	}
	return true, ctx.Err()
}

// MatchTripleIDs calls fn with the subject, predicate and object ids of each
// distinct triple of the quads that match the pattern t (0: a wildcard),
// once, until fn returns false: the pattern matched against the merge of all
// graphs. The ids come from TermIDs or from this method.
func (s *Store) MatchTripleIDs(ctx context.Context, t [3]uint64, fn func([3]uint64) bool) error {
	c := chunkScans.Get().(*chunkScan)
	defer c.free()
	c.s, c.triples, c.byID, c.size = s, true, true, firstChunk
	c.q = ids{t[0], t[1], t[2], 0}
	return c.run(ctx, func() bool {
		for _, q := range c.buf {
			if !fn([3]uint64{q[0], q[1], q[2]}) {
				return false
			}
		}
		return true
	})
}

// TermValues sets vals[i] to the value of ids[i] (nil for 0): from the
// readers' cache, and from one read transaction for the ids it lacks.
func (s *Store) TermValues(ctx context.Context, ids []uint64, vals []quad.Value) error {
	missing := false
	for i, id := range ids {
		vals[i] = nil
		if id != 0 {
			if vals[i] = s.names.get(id); vals[i] == nil {
				missing = true
			}
		}
	}
	if !missing {
		return nil
	}
	gen := s.vgen.Load()
	err := s.eng.view(func(r reader) error {
		for i, id := range ids {
			if vals[i] != nil || id == 0 {
				continue
			}
			v, err := s.nameAt(r, id, gen)
			if err != nil {
				return err
			}
			vals[i] = v
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", s.dir, err)
	}
	return ctx.Err()
}
