package graph

import (
	"context"
	"fmt"
	"io"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Change reports what a Replace did.
type Change struct {
	Added   int // quads that were not stored before
	Removed int // stored quads of the sources that the new content no longer states
	Kept    int // quads that were stored already and stay
}

// Replace makes the store hold exactly quads for the sources named by labels:
// stored quads labelled with one of labels that quads does not contain are
// removed, and quads not stored yet are added. Quads of other sources are not
// touched. It all happens in one transaction: when Replace fails, the store is
// as it was.
//
// Every quad must have a subject, a predicate, an object, and a label that is
// one of labels. Duplicates in quads are stored once.
func (s *Store) Replace(ctx context.Context, labels []quad.Value, quads []quad.Quad) (Change, error) {
	var ch Change
	want := make(map[quad.Value]bool, len(labels))
	for _, l := range labels {
		if l == nil {
			return ch, fmt.Errorf("replace: a source label is empty")
		}
		want[l] = true
	}
	next := make(map[string]quad.Quad, len(quads))
	for i, q := range quads {
		if err := checkQuad(q); err != nil {
			return ch, fmt.Errorf("replace: quad %d: %w", i+1, err)
		}
		if !want[q.Label] {
			return ch, fmt.Errorf("replace: quad %d has label %s, which is not one of the sources being replaced", i+1, q.Label)
		}
		next[quadKey(q)] = q
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.qs.(nativeReplacer); ok {
		if err := ctx.Err(); err != nil {
			return Change{}, err
		}
		removed, added, kept, err := r.Replace(ctx, labels, quads)
		if err != nil {
			return Change{}, err
		}
		return Change{Added: added, Removed: removed, Kept: kept}, nil
	}
	var deltas []cgraph.Delta
	for _, l := range labels {
		err := s.match(ctx, quad.Quad{Label: l}, func(q quad.Quad) bool {
			k := quadKey(q)
			if _, ok := next[k]; ok {
				delete(next, k)
				ch.Kept++
				return true
			}
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			ch.Removed++
			return true
		})
		if err != nil {
			return Change{}, err
		}
	}
	for _, q := range quads { // in input order, so stores see a deterministic sequence
		if _, ok := next[quadKey(q)]; ok {
			delete(next, quadKey(q))
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
			ch.Added++
		}
	}
	if err := ctx.Err(); err != nil {
		return Change{}, err
	}
	if len(deltas) == 0 {
		return ch, nil
	}
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
		return Change{}, fmt.Errorf("write %s: %w", s.addr, err)
	}
	return ch, nil
}

// checkQuad reports whether q can be stored: all four terms present and of
// the kinds RDF allows in their positions.
func checkQuad(q quad.Quad) error {
	switch q.Subject.(type) {
	case quad.IRI, quad.BNode:
	case nil:
		return fmt.Errorf("no subject")
	default:
		return fmt.Errorf("subject %s is not an IRI or blank node", q.Subject)
	}
	switch q.Predicate.(type) {
	case quad.IRI:
	case nil:
		return fmt.Errorf("no predicate")
	default:
		return fmt.Errorf("predicate %s is not an IRI", q.Predicate)
	}
	switch q.Object.(type) {
	case quad.IRI, quad.BNode, quad.String, quad.LangString, quad.TypedString:
	case nil:
		return fmt.Errorf("no object")
	default:
		return fmt.Errorf("object %s is a %T, not an RDF term", q.Object, q.Object)
	}
	switch q.Label.(type) {
	case quad.IRI, quad.BNode:
	case nil:
		return fmt.Errorf("no label (every fact needs the source that states it)")
	default:
		return fmt.Errorf("label %s is not an IRI or blank node", q.Label)
	}
	return nil
}

// quadKey returns a string that is equal for two quads exactly when they are
// the same quad.
func quadKey(q quad.Quad) string {
	return q.Subject.String() + "\x00" + q.Predicate.String() + "\x00" + q.Object.String() + "\x00" + q.Label.String()
}

// BulkLoad adds the quads read from r until io.EOF, batch quads per
// transaction (10^5 when batch <= 0), skipping quads already stored, and
// returns how many quads it read. Memory stays bounded by the batch as the
// input grows. Unlike Replace it removes nothing, and after an error the
// batches before the failing one stay stored. On PostgreSQL it COPYs each
// batch into Cayley's tables (pgbulk.go); on Cayley's other backends each
// batch is one ApplyDeltas.
func (s *Store) BulkLoad(ctx context.Context, r quad.Reader, batch int) (int, error) {
	if batch <= 0 {
		batch = 100_000
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.qs.(nativeBulkLoader); ok {
		return b.BulkLoad(ctx, r, batch)
	}
	if s.backend == BackendPostgres {
		return s.bulkLoadPostgres(ctx, r, batch)
	}
	// Cayley's quad writer (what `cayley load` uses) stores a quad again when
	// it comes back in a later batch on the kv backends, so batches go
	// through ApplyDeltas, which skips stored quads.
	n := 0
	deltas := make([]cgraph.Delta, 0, batch)
	for {
		deltas = deltas[:0]
		var rerr error
		for len(deltas) < batch {
			q, err := r.ReadQuad()
			if err != nil {
				rerr = err
				break
			}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				return n, fmt.Errorf("write %s: quad %d: subject, predicate and object are required", s.addr, n+len(deltas)+1)
			}
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		if len(deltas) > 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
				return n, fmt.Errorf("write %s: %w", s.addr, err)
			}
			n += len(deltas)
		}
		if rerr == io.EOF {
			return n, nil
		} else if rerr != nil {
			return n, fmt.Errorf("write %s: after quad %d: %w", s.addr, n, rerr)
		}
	}
}
