package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Match calls fn for every stored quad that matches the pattern, until fn
// returns false. A nil term is a wildcard. Bound terms are looked up through
// the store's indexes: the most selective bound direction drives the scan and
// the others are checked on each quad.
//
// fn runs outside any lock of the Store, so it may call Match again (as the
// SPARQL engine's nested-loop joins do) while a writer waits. On the in-memory
// store, which must not be read while it is written, the matches are first
// collected under the read lock.
func (s *Store) Match(ctx context.Context, sub, pred, obj, label quad.Value, fn func(quad.Quad) bool) error {
	pat := quad.Quad{Subject: sub, Predicate: pred, Object: obj, Label: label}
	if !s.lockReads() {
		return s.match(ctx, pat, fn)
	}
	var got []quad.Quad
	s.mu.RLock()
	err := s.match(ctx, pat, func(q quad.Quad) bool {
		got = append(got, q)
		return true
	})
	s.mu.RUnlock()
	if err != nil {
		return err
	}
	for _, q := range got {
		if !fn(q) {
			return nil
		}
	}
	return ctx.Err()
}

// MatchTriples calls fn once for every distinct triple (subject, predicate,
// object) of the stored quads that match the pattern, in any graph, until fn
// returns false: the pattern matched against the merge of all graphs. The
// quads passed have no label. It reports false, having called nothing, when
// the backend cannot do this without remembering the triples it has passed
// (only the default embedded store can, on a store whose values it has kept
// in canonical form); the caller then removes duplicates itself.
func (s *Store) MatchTriples(ctx context.Context, sub, pred, obj quad.Value, fn func(quad.Quad) bool) (bool, error) {
	m, ok := s.qs.(nativeTripleMatcher)
	if !ok || s.lockReads() {
		return false, nil
	}
	return m.MatchTriples(ctx, quad.Quad{Subject: sub, Predicate: pred, Object: obj}, fn)
}

// TermIDs sets ids[i] to the store's id of vals[i], 0 when it is not stored,
// for a caller that joins on ids (the SPARQL engine): equal ids are equal
// terms, and MatchTripleIDs and TermValues take them. It reports false,
// setting nothing, when the backend has no such ids (only the default
// embedded store has, on a store whose values it has kept in canonical form).
func (s *Store) TermIDs(ctx context.Context, vals []quad.Value, ids []uint64) (bool, error) {
	m, ok := s.qs.(nativeTermIDs)
	if !ok || s.lockReads() {
		return false, nil
	}
	return m.TermIDs(ctx, vals, ids)
}

// MatchTripleIDs is MatchTriples on ids from TermIDs (0: a wildcard): fn gets
// the ids of each distinct triple once. Call it only after TermIDs reported
// true.
func (s *Store) MatchTripleIDs(ctx context.Context, t [3]uint64, fn func([3]uint64) bool) error {
	m, ok := s.qs.(nativeTermIDs)
	if !ok {
		return errNoIDs
	}
	return m.MatchTripleIDs(ctx, t, fn)
}

// TermValues sets vals[i] to the value of ids[i] (nil for 0), for ids from
// TermIDs or MatchTripleIDs.
func (s *Store) TermValues(ctx context.Context, ids []uint64, vals []quad.Value) error {
	m, ok := s.qs.(nativeTermIDs)
	if !ok {
		return errNoIDs
	}
	return m.TermValues(ctx, ids, vals)
}

var errNoIDs = errors.New("the store has no term ids")

// The native paths a QuadStore may offer (graph/kvstore does); Store uses
// them, by type assertion, instead of Cayley's iterators.
type (
	nativeMatcher interface {
		Match(ctx context.Context, pat quad.Quad, fn func(quad.Quad) bool) error
	}
	nativeTripleMatcher interface {
		MatchTriples(ctx context.Context, pat quad.Quad, fn func(quad.Quad) bool) (bool, error)
	}
	nativeTermIDs interface {
		TermIDs(ctx context.Context, vals []quad.Value, ids []uint64) (bool, error)
		MatchTripleIDs(ctx context.Context, t [3]uint64, fn func([3]uint64) bool) error
		TermValues(ctx context.Context, ids []uint64, vals []quad.Value) error
	}
	nativeEstimator interface {
		Estimate(ctx context.Context, pat quad.Quad) int64
	}
	nativeReplacer interface {
		Replace(ctx context.Context, labels []quad.Value, quads []quad.Quad) (removed, added, kept int, err error)
	}
	nativeBulkLoader interface {
		BulkLoad(ctx context.Context, r quad.Reader, batch int) (int, error)
	}
)

func (s *Store) match(ctx context.Context, pat quad.Quad, fn func(quad.Quad) bool) error {
	if m, ok := s.qs.(nativeMatcher); ok {
		return m.Match(ctx, pat, fn)
	}
	it, err := s.bestIterator(ctx, pat)
	if err != nil || it == nil {
		return err
	}
	defer it.Close()
	for it.Next(ctx) {
		q := s.qs.Quad(it.Result())
		if !matches(q, pat) {
			continue
		}
		if !fn(q) {
			return nil
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("read %s: %w", s.addr, err)
	}
	return ctx.Err()
}

// bestIterator returns an iterator over the quads of the most selective bound
// direction of pat, all quads when nothing is bound, or nil when a bound term
// is not in the store at all (so nothing can match).
func (s *Store) bestIterator(ctx context.Context, pat quad.Quad) (cgraph.Iterator, error) {
	var (
		best     cgraph.Ref
		bestDir  quad.Direction
		bestSize int64 = -1
	)
	for _, d := range quad.Directions {
		v := pat.Get(d)
		if v == nil {
			continue
		}
		ref := s.qs.ValueOf(v)
		if ref == nil {
			return nil, nil
		}
		sz, err := s.qs.QuadIteratorSize(ctx, d, ref)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", s.addr, err)
		}
		if bestSize < 0 || sz.Size < bestSize {
			best, bestDir, bestSize = ref, d, sz.Size
		}
	}
	if bestSize < 0 {
		return s.qs.QuadsAllIterator(), nil
	}
	return s.qs.QuadIterator(bestDir, best), nil
}

func matches(q, pat quad.Quad) bool {
	for _, d := range quad.Directions {
		if v := pat.Get(d); v != nil && !sameTerm(q.Get(d), v) {
			return false
		}
	}
	return true
}

// sameTerm reports whether two values are the same RDF term.
func sameTerm(a, b quad.Value) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || a.String() == b.String()
}

// Estimate returns an estimate of the number of quads matching the pattern:
// the size of the index of its most selective bound term (exact on most
// backends), or the size of the store when nothing is bound.
func (s *Store) Estimate(ctx context.Context, sub, pred, obj, label quad.Value) int64 {
	if s.lockReads() {
		s.mu.RLock()
		defer s.mu.RUnlock()
	}
	pat := quad.Quad{Subject: sub, Predicate: pred, Object: obj, Label: label}
	if e, ok := s.qs.(nativeEstimator); ok {
		return e.Estimate(ctx, pat)
	}
	var best int64 = -1
	for _, d := range quad.Directions {
		v := pat.Get(d)
		if v == nil {
			continue
		}
		ref := s.qs.ValueOf(v)
		if ref == nil {
			return 0
		}
		sz, err := s.qs.QuadIteratorSize(ctx, d, ref)
		if err != nil {
			continue
		}
		if best < 0 || sz.Size < best {
			best = sz.Size
		}
	}
	if best >= 0 {
		return best
	}
	st, err := s.qs.Stats(ctx, false)
	if err != nil {
		return 0
	}
	return st.Quads.Size
}

// Count returns the number of quads in the store.
func (s *Store) Count(ctx context.Context) (int64, error) {
	if s.lockReads() {
		s.mu.RLock()
		defer s.mu.RUnlock()
	}
	st, err := s.qs.Stats(ctx, true)
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", s.addr, err)
	}
	return st.Quads.Size, nil
}
