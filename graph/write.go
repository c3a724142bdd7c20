package graph

import (
	"context"
	"fmt"
	"io"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph/kvstore"
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
	var buf []quad.Quad
	for {
		var end, err error
		buf, end, err = readBatch(r, buf, batch, func(q quad.Quad, i int) error {
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				return fmt.Errorf("write %s: quad %d: subject, predicate and object are required", s.addr, n+i+1)
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		if len(buf) > 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			deltas = deltas[:0]
			for _, q := range buf {
				deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
			}
			if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
				return n, fmt.Errorf("write %s: %w", s.addr, err)
			}
			n += len(buf)
		}
		if end == io.EOF {
			return n, nil
		} else if end != nil {
			return n, fmt.Errorf("write %s: after quad %d: %w", s.addr, n, end)
		}
	}
}

// readBatch reads up to max quads from r into buf[:0], calling check on each
// with its index in the batch; a check error stops it (err). It returns the
// batch and the read error that ended it early (end; io.EOF at the end of
// the input).
func readBatch(r quad.Reader, buf []quad.Quad, max int, check func(q quad.Quad, i int) error) (batch []quad.Quad, end, err error) {
	buf = buf[:0]
	for len(buf) < max {
		q, rerr := r.ReadQuad()
		if rerr != nil {
			return buf, rerr, nil
		}
		if err := check(q, len(buf)); err != nil {
			return buf, nil, err
		}
		buf = append(buf, q)
	}
	return buf, nil, nil
}

// ErrSourceStored is returned (wrapped) by BulkLoadSources when one of the
// sources it is asked to load already has quads in the store.
var ErrSourceStored = kvstore.ErrSourceStored

// BulkOptions are the settings of BulkLoadSources.
type BulkOptions struct {
	// Batch is how many quads go into one transaction where the backend
	// writes in batches; 0 means 10^5.
	Batch int
	// Quads is how many quads the reader holds, when the caller knows (a
	// first pass over a file): the PostgreSQL path drops and rebuilds the
	// indexes of Cayley's quads table when the load is large against what
	// the table holds.
	Quads int
}

// nativeSettler is a QuadStore that can finish the work a write leaves to
// the background (graph/kvstore).
type nativeSettler interface {
	Settle(ctx context.Context) error
}

// Settle waits until the store has finished the work that writes leave to
// the background, so that the next process to open it reads at full speed
// from its first query: the embedded store on LevelDB merges the tables a
// load leaves on its first level, which goleveldb would otherwise do after
// the next open, while answering queries. Commands that write and exit
// (partygraph load) call it before they close the store; the other backends
// have nothing to do.
func (s *Store) Settle(ctx context.Context) error {
	if st, ok := s.qs.(nativeSettler); ok {
		s.mu.Lock()
		defer s.mu.Unlock()
		return st.Settle(ctx)
	}
	return nil
}

// nativeSourceLoader is a QuadStore with a journaled bulk load of new
// sources (graph/kvstore).
type nativeSourceLoader interface {
	BulkLoadSources(ctx context.Context, labels []quad.Value, r quad.Reader, batch int) (read, added int, err error)
}

// BulkLoadSources stores the quads read from r until io.EOF, the whole
// content of sources that the store does not hold yet: every quad must
// carry one of labels, and none of labels may have quads in the store
// (ErrSourceStored). It is the fast path for large loads: memory stays
// bounded as the input grows, and nothing is read back. Like Replace it is
// all or nothing, also when the process is killed: the embedded store on
// LevelDB (the default) and PostgreSQL load in one transaction; on bolt the
// embedded store journals the labels and removes them after a crash, when
// it is opened next. It returns how many
// quads it read and the change (every distinct quad is added).
func (s *Store) BulkLoadSources(ctx context.Context, labels []quad.Value, r quad.Reader, opt BulkOptions) (int, Change, error) {
	if opt.Batch <= 0 {
		opt.Batch = 100_000
	}
	if len(labels) == 0 {
		return 0, Change{}, fmt.Errorf("write %s: bulk load: no sources", s.addr)
	}
	if b, ok := s.qs.(nativeSourceLoader); ok {
		s.mu.Lock()
		defer s.mu.Unlock()
		n, added, err := b.BulkLoadSources(ctx, labels, r, opt.Batch)
		return n, Change{Added: added}, err
	}
	stored, err := s.Labels(ctx)
	if err != nil {
		return 0, Change{}, err
	}
	want := make(map[quad.Value]bool, len(labels))
	for _, l := range labels {
		want[l] = true
	}
	for _, l := range stored {
		if want[l] {
			return 0, Change{}, fmt.Errorf("write %s: %v: %w", s.addr, l, ErrSourceStored)
		}
	}
	if s.backend == BackendPostgres {
		s.mu.Lock()
		defer s.mu.Unlock()
		n, added, err := s.bulkLoadSourcesPostgres(ctx, want, r, opt)
		return n, Change{Added: added}, err
	}
	// The other backends (memory, Cayley's bolt layout, CockroachDB) take
	// the sources in one Replace, which is one transaction.
	var quads []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		} else if err != nil {
			return 0, Change{}, fmt.Errorf("write %s: after quad %d: %w", s.addr, len(quads), err)
		}
		quads = append(quads, q)
	}
	ch, err := s.Replace(ctx, labels, quads)
	return len(quads), ch, err
}
