package kvstore

import (
	"context"
	"encoding/binary"
	"fmt"
)

// Check reads the whole store and verifies its layout: the four indexes hold
// the same quads, every id of a quad has a value in both directions of the
// dictionary, the dictionary holds no unused value, and the counters equal
// what the quads say. It returns the first problem found.
func (s *Store) Check(ctx context.Context) error {
	return s.eng.view(func(r reader) error {
		counts := map[[2]uint64]int64{}
		var nq int64
		spog := map[ids]bool{}
		for xi := range indexes {
			x := &indexes[xi]
			var n int64
			var derr error
			err := r.scan(x.table, nil, nil, func(k, _ []byte) bool {
				q, err := x.decode(k)
				if err != nil {
					derr = err
					return false
				}
				n++
				if xi == 0 {
					spog[q] = true
					for p, id := range q {
						if id != 0 {
							counts[[2]uint64{uint64(p), id}]++
						}
					}
				} else if !spog[q] {
					derr = fmt.Errorf("quad %v is in %s but not in SPOG", q, x.name)
					return false
				}
				return ctx.Err() == nil
			})
			if err == nil {
				err = derr
			}
			if err == nil {
				err = ctx.Err()
			}
			if err != nil {
				return fmt.Errorf("check %s: %w", s.dir, err)
			}
			if xi == 0 {
				nq = n
			} else if n != nq {
				return fmt.Errorf("check %s: %s has %d quads, SPOG %d", s.dir, x.name, n, nq)
			}
		}
		if q, err := s.metaInt(r, metaQuads); err != nil || int64(q) != nq {
			return fmt.Errorf("check %s: quad counter says %d, the indexes hold %d (%v)", s.dir, q, nq, err)
		}
		stored := 0
		var derr error
		err := r.scan(tableCounts, nil, nil, func(k, v []byte) bool {
			id, n := readID(k[1:])
			c, _ := binary.Uvarint(v)
			pk := [2]uint64{uint64(k[0] - '0'), id}
			if n == 0 || k[0] < '0' || k[0] > '3' || counts[pk] != int64(c) {
				derr = fmt.Errorf("counter %q = %d, the quads say %d", k, c, counts[pk])
				return false
			}
			stored++
			return true
		})
		if err == nil {
			err = derr
		}
		if err == nil && stored != len(counts) {
			err = fmt.Errorf("%d counters stored, the quads need %d", stored, len(counts))
		}
		if err != nil {
			return fmt.Errorf("check %s: %w", s.dir, err)
		}
		used := map[uint64]bool{}
		for pk := range counts {
			used[pk[1]] = true
		}
		var names int64
		err = r.scan(tableNames, nil, nil, func(k, v []byte) bool {
			id, _ := readID(k)
			if !used[id] {
				derr = fmt.Errorf("value %d (%q) is used by no quad", id, v)
				return false
			}
			b, err := r.get(tableValues, valueKey(v))
			if err != nil || b == nil {
				derr = fmt.Errorf("value %d (%q) is missing from the value index (%v)", id, v, err)
				return false
			}
			if back, _ := binary.Uvarint(b); back != id {
				derr = fmt.Errorf("value %d (%q) maps back to id %d", id, v, back)
				return false
			}
			if _, err := decodeValue(v); err != nil {
				derr = err
				return false
			}
			names++
			return true
		})
		if err == nil {
			err = derr
		}
		if err == nil && names != int64(len(used)) {
			err = fmt.Errorf("%d values stored, the quads use %d", names, len(used))
		}
		if err == nil {
			if v, _ := s.metaInt(r, metaValues); int64(v) != names {
				err = fmt.Errorf("value counter says %d, the dictionary holds %d", v, names)
			}
		}
		if err != nil {
			return fmt.Errorf("check %s: %w", s.dir, err)
		}
		return nil
	})
}
