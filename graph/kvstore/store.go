package kvstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"
)

// Engines a Store can use.
const (
	EngineBolt    = "bolt"
	EngineLevelDB = "leveldb"
)

// Files of a store directory, one per engine.
const (
	boltFile  = "quads.bolt"
	levelDir  = "quads.leveldb"
	layoutVer = 1
)

// ErrInUse is returned (wrapped) by Open when another process holds the store.
var ErrInUse = errors.New("store is in use by another process")

// Options are the settings of Open.
type Options struct {
	// Engine is EngineBolt or EngineLevelDB. When empty, Open uses the engine
	// of an existing store in the directory, or EngineLevelDB for a new one.
	Engine string
	// LockTimeout is how long Open waits for another process to release the
	// store before it gives up with ErrInUse. Zero means one second.
	LockTimeout time.Duration
	// Log gets a warning when Open rolls back a bulk load that a crash
	// interrupted. Nil means slog.Default().
	Log *slog.Logger
}

// Detect reports the engine of the store in dir, or "" when dir holds none.
func Detect(dir string) string {
	if _, err := os.Stat(filepath.Join(dir, boltFile)); err == nil {
		return EngineBolt
	}
	if _, err := os.Stat(filepath.Join(dir, levelDir, "CURRENT")); err == nil {
		return EngineLevelDB
	}
	return ""
}

// Store is a quad store in one directory. Its methods are safe for
// concurrent use; writes are serialised.
type Store struct {
	eng    engine
	engine string
	dir    string

	wmu    sync.Mutex           // one writer at a time
	ids    map[string]uint64    // value key -> id, a cache used by writers under wmu
	counts map[[2]uint64]int64  // (position, id) -> committed counter, a cache used by writers under wmu
	names  nameCache            // id -> value, a cache for readers (ids are never reused)
	vids   map[string]cachedVID // value key -> id, a cache for readers that may hold stale ids (see cachedID)
	vmu    sync.RWMutex         // guards vids
	// vgen is the generation of the dictionary's removals: odd while a write
	// that removes values is under way, and one more when it has ended
	// (see cachedID). Written by writers under wmu.
	vgen atomic.Uint64
	// canonical says that every stored value is in canonical form, so that
	// equal RDF terms have equal ids (see metaCanonical).
	canonical atomic.Bool
}

// cachedVID is an id in the readers' cache, with the removal generation
// read before the read transaction that found it began.
type cachedVID struct{ id, gen uint64 }

// unstamped is the generation of an id that its reader did not stamp: an odd
// number, so the id is never trusted without a check.
const unstamped = ^uint64(0)

// Open opens the store in directory dir, creating it when needed.
func Open(dir string, o Options) (*Store, error) {
	if dir == "" {
		return nil, errors.New("open store: empty path")
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("open %s: not a partygraph store (a store is a directory)", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	kind := Detect(dir)
	if o.Engine != "" && kind != "" && o.Engine != kind {
		return nil, fmt.Errorf("open %s: the directory holds a %s store, not %s", dir, kind, o.Engine)
	}
	if kind == "" {
		kind = o.Engine
	}
	if kind == "" {
		kind = EngineLevelDB
	}
	timeout := o.LockTimeout
	if timeout == 0 {
		timeout = time.Second
	}
	var (
		eng engine
		err error
	)
	switch kind {
	case EngineBolt:
		eng, err = openBolt(filepath.Join(dir, boltFile), timeout)
	case EngineLevelDB:
		eng, err = openLevel(filepath.Join(dir, levelDir), timeout)
	default:
		return nil, fmt.Errorf("open %s: unknown engine %q (want %s or %s)", dir, kind, EngineBolt, EngineLevelDB)
	}
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("open %s: %w", dir, ErrInUse)
	} else if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	s := &Store{eng: eng, engine: kind, dir: dir, ids: map[string]uint64{}, counts: map[[2]uint64]int64{}}
	if err := s.checkVersion(); err != nil {
		eng.close()
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	log := o.Log
	if log == nil {
		log = slog.Default()
	}
	if err := removeTemp(dir); err != nil {
		eng.close()
		return nil, fmt.Errorf("open %s: remove the temporary files of a bulk load: %w", dir, err)
	}
	if err := s.recoverBulk(log); err != nil {
		eng.close()
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	return s, nil
}

func (s *Store) checkVersion() error {
	var ver uint64
	canonical := false
	err := s.eng.view(func(r reader) error {
		v, err := r.get(tableMeta, []byte(metaVersion))
		if err != nil || v == nil {
			return err
		}
		ver, _ = binary.Uvarint(v)
		v, err = r.get(tableMeta, []byte(metaCanonical))
		canonical = v != nil
		return err
	})
	if err != nil {
		return err
	}
	switch ver {
	case layoutVer:
		s.canonical.Store(canonical)
		return nil
	case 0:
		err := s.update(func(r reader, w writer) error {
			n, err := s.metaInt(r, metaNextID)
			if err != nil {
				return err
			}
			if canonical = n == 0; canonical { // a new store: no value stored yet
				if err := w.put(tableMeta, []byte(metaCanonical), []byte{1}); err != nil {
					return err
				}
			}
			return w.put(tableMeta, []byte(metaVersion), binary.AppendUvarint(nil, layoutVer))
		})
		s.canonical.Store(err == nil && canonical)
		return err
	default:
		return fmt.Errorf("store layout version %d is newer than this program's (%d)", ver, layoutVer)
	}
}

// Engine reports the engine the store uses.
func (s *Store) Engine() string { return s.engine }

// Dir reports the store's directory.
func (s *Store) Dir() string { return s.dir }

// DiskSize returns the bytes the store's files take.
func (s *Store) DiskSize() (int64, error) { return dirSize(s.dir) }

// Compact reorganises the engine's files for reading: on LevelDB it merges
// the levels a bulk load leaves behind; on bolt it does nothing.
func (s *Store) Compact() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.eng.compact(); err != nil {
		return fmt.Errorf("compact %s: %w", s.dir, err)
	}
	return nil
}

// Settle waits until the engine's files are in their place for reading, so
// that the next process to open the store finds no work left: on LevelDB it
// writes the memtable to a table and waits for the compactions that LevelDB
// owes (a bulk load ends with tables on level 0, which every read would
// have to look at until they are merged); on bolt it does nothing. Writes
// wait while it runs; reads do not.
func (s *Store) Settle(ctx context.Context) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.eng.settle(ctx); err != nil {
		return fmt.Errorf("settle %s: %w", s.dir, err)
	}
	return nil
}

// Close closes the store.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.eng.close()
}

// Meta keys.
const (
	metaVersion = "version"
	metaQuads   = "quads"
	metaValues  = "values"
	metaNextID  = "nextid"
	// metaCanonical is present while every value stored since the store was
	// made is in canonical form (see canonicalEncoding): set on a new store,
	// deleted by the first write that stores a value in another form. A
	// store made before the key existed has not got it.
	metaCanonical = "canonical"
)

// valueKey returns the key of v in tableValues: its encoding, or a hash of it
// when it is long (bolt keys are limited to 32 KiB, and short keys are
// cheaper). Encodings start with a kind letter, never 'H'.
func valueKey(enc []byte) []byte {
	if len(enc) <= 128 {
		return enc
	}
	h := sha256.Sum256(enc)
	return append([]byte{'H'}, h[:]...)
}

// lookupID returns the id of v, or 0.
func (s *Store) lookupID(r reader, v quad.Value) (uint64, error) {
	if v == nil {
		return 0, nil
	}
	enc, err := appendValue(nil, v)
	if err != nil {
		return 0, nil // a value that cannot be stored is not in the store
	}
	b, err := r.get(tableValues, valueKey(enc))
	if err != nil || b == nil {
		return 0, err
	}
	id, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, fmt.Errorf("read %s: corrupt id of value %v", s.dir, v)
	}
	return id, nil
}

// maxNameCache bounds each of the readers' caches (names and ids).
const maxNameCache = 1 << 19

// name returns the value of id.
func (s *Store) name(r reader, id uint64) (quad.Value, error) { return s.nameAt(r, id, unstamped) }

// nameAt is name in a read transaction that began after the removal
// generation was gen.
func (s *Store) nameAt(r reader, id uint64, gen uint64) (quad.Value, error) {
	if id == 0 {
		return nil, nil
	}
	if v := s.names.get(id); v != nil {
		return v, nil
	}
	b, err := r.get(tableNames, appendID(nil, id))
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, fmt.Errorf("read %s: no value for id %d", s.dir, id)
	}
	v, err := decodeValue(b)
	if err != nil {
		return nil, fmt.Errorf("read %s: id %d: %w", s.dir, id, err)
	}
	s.names.put(id, v)
	s.cacheReadID(valueKey(b), id, gen)
	return v, nil
}

// cacheReadID caches id as the id of the value with key vk for readers; gen
// is the removal generation read before the read transaction that found it.
func (s *Store) cacheReadID(vk []byte, id, gen uint64) {
	s.vmu.Lock()
	if e, ok := s.vids[string(vk)]; ok && e.id == id && gen == unstamped {
		s.vmu.Unlock() // keep the stamp of the entry
		return
	}
	if s.vids == nil || len(s.vids) >= maxNameCache {
		s.vids = map[string]cachedVID{}
	}
	s.vids[string(vk)] = cachedVID{id, gen}
	s.vmu.Unlock()
}

// startValueRemoval marks a write that removes values from the dictionary
// as under way, before it commits; endValueRemoval, after it, drops the
// readers' cached ids and ends the mark. Both run under wmu.
func (s *Store) startValueRemoval() {
	if s.vgen.Load()&1 == 0 {
		s.vgen.Add(1)
	}
}

func (s *Store) endValueRemoval() {
	if s.vgen.Load()&1 == 1 {
		s.vmu.Lock()
		s.vids = nil
		s.vgen.Add(1)
		s.vmu.Unlock()
	}
}

// update runs fn in a write transaction of the engine; the caller holds wmu.
func (s *Store) update(fn func(r reader, w writer) error) error {
	defer s.endValueRemoval()
	return s.eng.update(fn)
}

// cachedID returns the id of v, or 0, and whether it came unchecked from the
// readers' cache of the values name decoded. A cached id can be stale: when
// the last quad of a value is removed, the value loses its id, and if it is
// stored again it gets a new one (ids are never reused). A stale id has no
// quads, so a reader that finds nothing under an unchecked id must look it
// up afresh. A cached id is checked, and cannot be stale, when no write that
// removes values has begun since before the read transaction that found it:
// its stamp is the current removal generation, and even. gen is the
// generation read before r began.
func (s *Store) cachedID(r reader, v quad.Value, gen uint64) (uint64, bool, error) {
	var a [128]byte
	enc, err := appendValue(a[:0], v)
	if err != nil {
		return 0, false, nil // a value that cannot be stored is not in the store
	}
	vk := valueKey(enc)
	s.vmu.RLock()
	e, ok := s.vids[string(vk)]
	s.vmu.RUnlock()
	if ok {
		return e.id, e.gen&1 == 1 || e.gen != s.vgen.Load(), nil
	}
	id, err := s.readValueID(r, v, vk, gen)
	return id, false, err
}

// freshID returns the id of v read in r, or 0, and puts it in the readers'
// cache in place of what was there; gen is the removal generation read
// before r began.
func (s *Store) freshID(r reader, v quad.Value, gen uint64) (uint64, error) {
	var a [128]byte
	enc, err := appendValue(a[:0], v)
	if err != nil {
		return 0, nil // a value that cannot be stored is not in the store
	}
	return s.readValueID(r, v, valueKey(enc), gen)
}

// readValueID reads the id of v, whose value key is vk, in r, and caches it
// for readers.
func (s *Store) readValueID(r reader, v quad.Value, vk []byte, gen uint64) (uint64, error) {
	key := bytes.Clone(vk)
	b, err := r.get(tableValues, key)
	if err != nil || b == nil {
		return 0, err
	}
	id, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, fmt.Errorf("read %s: corrupt id of value %v", s.dir, v)
	}
	s.cacheReadID(key, id, gen)
	return id, nil
}

func (s *Store) metaInt(r reader, key string) (uint64, error) {
	b, err := r.get(tableMeta, []byte(key))
	if err != nil || b == nil {
		return 0, err
	}
	v, _ := binary.Uvarint(b)
	return v, nil
}

// count returns the number of quads with id in position pos.
func (s *Store) count(r reader, pos int, id uint64) (int64, error) {
	b, err := r.get(tableCounts, countKey(pos, id))
	if err != nil || b == nil {
		return 0, err
	}
	v, _ := binary.Uvarint(b)
	return int64(v), nil
}

func countKey(pos int, id uint64) []byte {
	return appendID([]byte{byte('0' + pos)}, id)
}

// Counts are the store's counters.
type Counts struct {
	Quads  int64 // stored quads
	Values int64 // distinct values used by stored quads (all positions)
}

// Counts returns the store's counters, read without a scan.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var st Counts
	err := s.eng.view(func(r reader) error {
		q, err := s.metaInt(r, metaQuads)
		if err != nil {
			return err
		}
		v, err := s.metaInt(r, metaValues)
		st = Counts{Quads: int64(q), Values: int64(v)}
		return err
	})
	if err != nil {
		return Counts{}, fmt.Errorf("read %s: %w", s.dir, err)
	}
	return st, nil
}

// Count returns the number of quads that have v in direction d.
func (s *Store) Count(ctx context.Context, d quad.Direction, v quad.Value) (int64, error) {
	var n int64
	err := s.eng.view(func(r reader) error {
		id, err := s.lookupID(r, v)
		if err != nil || id == 0 {
			return err
		}
		n, err = s.count(r, int(d)-1, id)
		return err
	})
	return n, err
}

// Labels returns the distinct labels of the stored quads, read from the
// counters (one key per label), not from the quads.
func (s *Store) Labels(ctx context.Context) ([]quad.Value, error) { return s.FirstLabels(ctx, -1) }

// FirstLabels is Labels, stopping after limit labels when limit >= 0: all
// of them when there are at most limit. Reading a few is cheap however many
// there are.
func (s *Store) FirstLabels(ctx context.Context, limit int) ([]quad.Value, error) {
	if limit == 0 {
		return nil, ctx.Err()
	}
	var out []quad.Value
	err := s.eng.view(func(r reader) error {
		var derr error
		prefix := []byte{byte('0' + int(quad.Label) - 1)}
		err := r.scan(tableCounts, prefix, nil, func(k, _ []byte) bool {
			id, n := readID(k[1:])
			if n == 0 {
				derr = fmt.Errorf("corrupt counter key %x", k)
				return false
			}
			v, err := s.name(r, id)
			if err != nil {
				derr = err
				return false
			}
			out = append(out, v)
			return limit < 0 || len(out) < limit
		})
		if err == nil {
			err = derr
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", s.dir, err)
	}
	return out, ctx.Err()
}
