package kvstore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/cayleygraph/quad"
)

// The bulk-load journal. On bolt, BulkLoadSources writes a large load in
// many transactions, so a crash between two of them would leave documents
// half stored (on LevelDB a load is one transaction: sortload.go). Before
// its first batch it records the labels it loads under the meta key
// metaBulk, in a transaction of its own, and it deletes the key in the
// transaction after its last batch. Open finds a journal that a crash
// left behind and removes the quads of its labels, which the load had to
// find absent: every document is then either wholly stored or not at all.

// metaBulk is the meta key of the journal: the encoded labels, each
// preceded by the uvarint length of its encoding.
const metaBulk = "bulk"

// ErrSourceStored is returned (wrapped) by BulkLoadSources when one of the
// labels it is asked to load already has quads in the store.
var ErrSourceStored = errors.New("source is already stored")

// removeChunk is how many quads one transaction of a journal's rollback
// removes: memory stays bounded however large the document.
const removeChunk = 100_000

func encodeLabels(labels []quad.Value) ([]byte, error) {
	var b, enc []byte
	for _, l := range labels {
		var err error
		if enc, err = appendValue(enc[:0], l); err != nil {
			return nil, fmt.Errorf("label %v: %w", l, err)
		}
		b = binary.AppendUvarint(b, uint64(len(enc)))
		b = append(b, enc...)
	}
	return b, nil
}

func decodeLabels(b []byte) ([]quad.Value, error) {
	var out []quad.Value
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || n > uint64(len(b)-w) {
			return nil, fmt.Errorf("corrupt bulk-load journal")
		}
		v, err := decodeValue(b[w : w+int(n)])
		if err != nil {
			return nil, fmt.Errorf("bulk-load journal: %w", err)
		}
		out = append(out, v)
		b = b[w+int(n):]
	}
	return out, nil
}

// BulkLoadSources adds the quads read from r until io.EOF. Every quad must
// carry one of labels, and none of labels may have quads in the store yet
// (ErrSourceStored): it is the fast path for loading new documents. It is
// all or nothing per call, also across a crash, so that when it fails, or
// the process dies before it returns, the store is as it was. On LevelDB
// it is one transaction that writes each index in key order
// (sortLoadSources), and batch does not matter; on bolt it writes batch
// quads per transaction (10^5 when batch <= 0) and journals the labels, so
// that their quads are removed again, at once or by the next Open. It
// returns the number of quads read and the number added (duplicates are
// stored once).
func (s *Store) BulkLoadSources(ctx context.Context, labels []quad.Value, r quad.Reader, batch int) (read, added int, err error) {
	if batch <= 0 {
		batch = 100_000
	}
	if len(labels) == 0 {
		return 0, 0, errors.New("bulk load: no labels")
	}
	want := make(map[quad.Value]bool, len(labels))
	for _, l := range labels {
		if l == nil {
			return 0, 0, errors.New("bulk load: a label is empty")
		}
		want[l] = true
	}
	if e, ok := s.eng.(*levelEngine); ok {
		s.wmu.Lock()
		defer s.wmu.Unlock()
		return s.sortLoadSources(ctx, e, want, labels, r)
	}
	if err := s.beginBulk(labels); err != nil {
		return 0, 0, err
	}
	read, added, err = s.bulkBatches(ctx, r, batch, want)
	if err != nil {
		if rerr := s.rollbackBulk(labels); rerr != nil {
			return 0, 0, fmt.Errorf("%w (and the rollback failed: %v; the next Open retries it)", err, rerr)
		}
		return 0, 0, err
	}
	if err := s.endBulk(); err != nil {
		return 0, 0, err
	}
	return read, added, nil
}

// bulkBatches reads r in batches and adds them, each in its own
// transaction; when want is not nil, every quad's label must be in it.
func (s *Store) bulkBatches(ctx context.Context, r quad.Reader, batch int, want map[quad.Value]bool) (read, added int, err error) {
	buf := make([]quad.Quad, 0, batch)
	for {
		buf = buf[:0]
		var rerr error
		for len(buf) < batch {
			q, err := r.ReadQuad()
			if err != nil {
				rerr = err
				break
			}
			if err := checkQuad(q); err != nil {
				return read, added, fmt.Errorf("bulk load: quad %d: %w", read+len(buf)+1, err)
			}
			if want != nil && !want[q.Label] {
				return read, added, fmt.Errorf("bulk load: quad %d has label %v, which is not one of the sources being loaded", read+len(buf)+1, q.Label)
			}
			buf = append(buf, q)
		}
		if len(buf) > 0 {
			if err := ctx.Err(); err != nil {
				return read, added, err
			}
			n, err := s.addQuads(buf)
			if err != nil {
				return read, added, fmt.Errorf("bulk load: %w", err)
			}
			read += len(buf)
			added += n
		}
		if rerr == io.EOF {
			return read, added, nil
		} else if rerr != nil {
			return read, added, fmt.Errorf("bulk load: after quad %d: %w", read, rerr)
		}
	}
}

// beginBulk writes the journal, after checking that no load is journaled
// and that none of labels is stored.
func (s *Store) beginBulk(labels []quad.Value) error {
	enc, err := encodeLabels(labels)
	if err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err = s.update(func(r reader, w writer) error {
		if b, err := r.get(tableMeta, []byte(metaBulk)); err != nil {
			return err
		} else if b != nil {
			return errors.New("another bulk load is journaled (an unfinished load: reopen the store to roll it back)")
		}
		for _, l := range labels {
			id, err := s.lookupID(r, l)
			if err != nil {
				return err
			}
			if id == 0 {
				continue
			}
			if n, err := s.count(r, int(quad.Label)-1, id); err != nil {
				return err
			} else if n > 0 {
				return fmt.Errorf("%v: %w (%d quads)", l, ErrSourceStored, n)
			}
		}
		return w.put(tableMeta, []byte(metaBulk), enc)
	})
	if err != nil {
		return fmt.Errorf("bulk load %s: %w", s.dir, err)
	}
	return nil
}

func (s *Store) endBulk() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.update(func(_ reader, w writer) error {
		return w.del(tableMeta, []byte(metaBulk))
	})
	if err != nil {
		return fmt.Errorf("bulk load %s: end journal: %w", s.dir, err)
	}
	return nil
}

// rollbackBulk removes the quads of labels, a chunk per transaction, then
// the journal.
func (s *Store) rollbackBulk(labels []quad.Value) error {
	for _, l := range labels {
		for {
			n, err := s.removeLabelChunk(l)
			if err != nil {
				return fmt.Errorf("roll back bulk load of %v in %s: %w", l, s.dir, err)
			}
			if n == 0 {
				break
			}
		}
	}
	return s.endBulk()
}

// removeLabelChunk removes up to removeChunk quads labelled l in one
// transaction and reports how many it removed.
func (s *Store) removeLabelChunk(l quad.Value) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var t *writeTx
	n := 0
	err := s.update(func(r reader, w writer) error {
		t = newWriteTx(s, r, removeChunk)
		lid, err := t.lookup(l)
		if err != nil || lid == 0 {
			return err
		}
		buf, _, err := scanIDs(r, &indexes[leading[3]], appendID(nil, lid), nil, ids{3: lid}, removeChunk, nil)
		if err != nil {
			return err
		}
		for _, q := range buf {
			t.knownPresent(q)
			if _, err := t.remove(q); err != nil {
				return err
			}
		}
		n = len(buf)
		if n == 0 {
			return nil
		}
		return t.commit(w)
	})
	if err != nil {
		return 0, err
	}
	t.committed()
	return n, nil
}

// recoverBulk rolls back a bulk load that a crash interrupted, if the store
// holds its journal.
func (s *Store) recoverBulk(log *slog.Logger) error {
	var enc []byte
	err := s.eng.view(func(r reader) error {
		b, err := r.get(tableMeta, []byte(metaBulk))
		enc = append(enc, b...)
		return err
	})
	if err != nil || enc == nil {
		return err
	}
	labels, err := decodeLabels(enc)
	if err != nil {
		return err
	}
	log.Warn("rolling back an interrupted bulk load", "store", s.dir, "sources", len(labels))
	for _, l := range labels {
		log.Info("removing the quads of an interrupted bulk load", "store", s.dir, "source", l)
	}
	return s.rollbackBulk(labels)
}
