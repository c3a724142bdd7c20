package kvstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/syndtr/goleveldb/leveldb"
	lerrors "github.com/syndtr/goleveldb/leveldb/errors"
	"github.com/syndtr/goleveldb/leveldb/filter"
	"github.com/syndtr/goleveldb/leveldb/iterator"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"github.com/syndtr/goleveldb/leveldb/util"
	bolt "go.etcd.io/bbolt"
)

// Tables of the layout. Each is a bolt bucket, or a one-byte key prefix in
// LevelDB.
const (
	tableSPOG   = '0' // the four quad indexes: keys of four ids, no values
	tablePOSG   = '1'
	tableOSPG   = '2'
	tableGSPO   = '3'
	tableValues = 'v' // encoded value (or its hash) -> id
	tableNames  = 'n' // id -> encoded value
	tableCounts = 'c' // position byte + id -> number of quads with the id there
	tableMeta   = 'm' // name -> value
)

var allTables = []byte{tableSPOG, tablePOSG, tableOSPG, tableGSPO, tableValues, tableNames, tableCounts, tableMeta}

// engine is the small part of a key-value engine the layout needs: read
// transactions, and atomic write transactions whose reads see the state
// before the transaction (writes are not read back).
type engine interface {
	view(fn func(r reader) error) error
	update(fn func(r reader, w writer) error) error
	compact() error
	settle(ctx context.Context) error
	close() error
}

type reader interface {
	// get returns the value of key in table, or nil when there is none. The
	// value is valid only until fn returns.
	get(table byte, key []byte) ([]byte, error)
	// scan calls fn for the keys of table that start with prefix and are not
	// less than from, in order, until fn returns false. Keys and values are
	// valid only during the call.
	scan(table byte, prefix, from []byte, fn func(k, v []byte) bool) error
}

type writer interface {
	// reserve says about how many bytes of keys and values will be written.
	reserve(n int)
	// put and del may keep key and val until the transaction ends.
	put(table byte, key, val []byte) error
	del(table byte, key []byte) error
}

// errLocked is what the engines' open functions return when another process
// holds the files.
var errLocked = errors.New("locked")

// Bolt.

type boltEngine struct{ db *bolt.DB }

// openBolt opens the bolt file with bbolt, the maintained fork of the bolt
// that Cayley's backend uses (same file format; boltdb/bolt 1.3.1 trips the
// race detector's pointer checks).
func openBolt(file string, timeout time.Duration) (*boltEngine, error) {
	db, err := bolt.Open(file, 0o644, &bolt.Options{Timeout: timeout, FreelistType: bolt.FreelistMapType})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, errLocked
	} else if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, t := range allTables {
			if _, err := tx.CreateBucketIfNotExists([]byte{t}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return &boltEngine{db: db}, nil
}

func (e *boltEngine) close() error { return e.db.Close() }

func (e *boltEngine) compact() error { return nil }

// settle has nothing to do on bolt: a committed write is in its place.
func (e *boltEngine) settle(context.Context) error { return nil }

func (e *boltEngine) view(fn func(r reader) error) error {
	return e.db.View(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

func (e *boltEngine) update(fn func(r reader, w writer) error) error {
	return e.db.Update(func(tx *bolt.Tx) error { t := boltTx{tx}; return fn(t, t) })
}

type boltTx struct{ tx *bolt.Tx }

func (t boltTx) bucket(table byte) *bolt.Bucket {
	b := t.tx.Bucket([]byte{table})
	if b != nil && t.tx.Writable() {
		// Keys mostly arrive in order within a transaction: fuller pages.
		b.FillPercent = 0.9
	}
	return b
}

func (t boltTx) get(table byte, key []byte) ([]byte, error) {
	return t.bucket(table).Get(key), nil
}

func (t boltTx) scan(table byte, prefix, from []byte, fn func(k, v []byte) bool) error {
	c := t.bucket(table).Cursor()
	if from == nil || bytes.Compare(from, prefix) < 0 {
		from = prefix
	}
	for k, v := c.Seek(from); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if !fn(k, v) {
			break
		}
	}
	return nil
}

func (t boltTx) reserve(int) {}

func (t boltTx) put(table byte, key, val []byte) error { return t.bucket(table).Put(key, val) }
func (t boltTx) del(table byte, key []byte) error      { return t.bucket(table).Delete(key) }

// LevelDB.

type levelEngine struct {
	db *leveldb.DB
	o  *opt.Options
	// batch is reused by the writes, which the Store serialises: Load keeps
	// the capacity of its record index.
	batch leveldb.Batch
	data  []byte

	// Read views are reused until the next write: a goleveldb snapshot and
	// iterator cost more to make than most lookups cost to run.
	vmu   sync.Mutex
	epoch uint64       // writes committed
	idle  []*levelView // views of the current epoch, not in use
}

// A levelView is a snapshot and the iterators opened on it, one per table,
// kept for reuse by later reads (see levelEngine.getView).
type levelView struct {
	sn    *leveldb.Snapshot
	epoch uint64
	born  time.Time
	its   [256]iterator.Iterator // by table byte; nil until first scanned
	key   []byte                 // scratch for seek keys
	// groups holds, for index keys, the keys under a leading id that the
	// view was asked about before (see groupScan).
	groups map[string]*keyGroup
	// loads and bigLoads count the groups the view tried to load and those
	// that turned out to have more than maxGroupKeys keys: when most do
	// (hubs, like meetings with hundreds of facts), it stops trying.
	loads, bigLoads int
}

// A keyGroup is what a view knows of the keys of an index that start with
// one id: nothing yet (asked about once), all of them (at most
// maxGroupKeys), or that there are more.
type keyGroup struct {
	loaded, big bool
	keys        [][]byte // sorted, without the table byte
}

const (
	// maxGroupKeys is the most keys a group holds: a subject's quads, say.
	// Finding that an id leads more costs reading this many once per view.
	maxGroupKeys = 32
	// maxGroups bounds the groups of a view; past it they start again.
	maxGroups = 4096
)

const (
	// maxIdleViews is how many idle views are kept: about the number of
	// reads that run at once.
	maxIdleViews = 8
	// maxViewAge is how long a view is reused. A view holds on to the
	// tables it reads, so after compactions it would keep superseded files
	// on disk and read more of them than the current version has.
	maxViewAge = 250 * time.Millisecond
)

// levelWriteBuffer is the size of LevelDB's memtable, and of a bulk load
// transaction's (a variable for tests). 8 MiB loaded 10^6 quads faster than
// 4, 16 or 32 MiB here, and with half the peak memory of 32 MiB
// (docs/performance.md).
var levelWriteBuffer = 8 << 20

func openLevel(dir string, timeout time.Duration) (*levelEngine, error) {
	o := &opt.Options{
		WriteBuffer:         levelWriteBuffer,
		CompactionTableSize: 8 << 20,
		// Level 0 is compacted as soon as it holds a table: a bulk load
		// leaves tables there that need no merging (they move down), and
		// every level-0 table costs each seek of a read one more table.
		CompactionL0Trigger: 1,
		BlockCacheCapacity:  32 << 20,
		Filter:              filter.NewBloomFilter(10),
	}
	deadline := time.Now().Add(timeout)
	for {
		db, err := leveldb.OpenFile(dir, o)
		if err == nil {
			return &levelEngine{db: db, o: o}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EAGAIN) {
			if lerrors.IsCorrupted(err) {
				return nil, fmt.Errorf("%w (partygraph cannot repair it)", err)
			}
			return nil, err
		}
		if time.Now().After(deadline) {
			return nil, errLocked
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (e *levelEngine) close() error {
	e.dropViews()
	return e.db.Close()
}

// compact merges LevelDB's levels, so reads look at fewer tables.
//
// Idle views are dropped first and after, so that the superseded tables are
// not held open and go from the disk.
func (e *levelEngine) compact() error {
	e.dropViews()
	defer e.dropViews()
	return e.db.CompactRange(util.Range{})
}

// settlePoll is how often settle looks at LevelDB's levels.
const settlePoll = 20 * time.Millisecond

// settle writes LevelDB's memtable to a table and waits until no level needs
// a compaction, so that the store is in its place for reading when the
// process stops: goleveldb's Close writes neither, so the next open would
// replay the journal into a level-0 table and merge it while answering
// queries, and a short-lived process (a query) would abandon that merge at
// its close, to start it again at the next open.
//
// CompactRange over the meta table writes the memtable when it reaches into
// that range (every write updates a meta key) and compacts the tables that
// overlap the range, level by level; the automatic compactions that remain
// run in the background, and settle polls the levels until they are done.
func (e *levelEngine) settle(ctx context.Context) error {
	meta := []byte{tableMeta}
	if err := e.db.CompactRange(util.Range{Start: meta, Limit: []byte{tableMeta + 1}}); err != nil {
		return err
	}
	for {
		busy, err := e.compacting()
		if err != nil || !busy {
			e.dropViews()
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(settlePoll):
		}
	}
}

// compacting reports whether a level holds more than LevelDB's options let
// it before it is compacted (level 0 by its tables, the others by their
// size): the score goleveldb compacts by, read from its "leveldb.stats"
// table (one row per level: level | tables | size in MiB | ...).
func (e *levelEngine) compacting() (bool, error) {
	stats, err := e.db.GetProperty("leveldb.stats")
	if err != nil {
		return false, err
	}
	for _, line := range strings.Split(stats, "\n") {
		f := strings.Split(line, "|")
		if len(f) < 3 {
			continue
		}
		level, err1 := strconv.Atoi(strings.TrimSpace(f[0]))
		tables, err2 := strconv.Atoi(strings.TrimSpace(f[1]))
		mib, err3 := strconv.ParseFloat(strings.TrimSpace(f[2]), 64)
		if err1 != nil || err2 != nil || err3 != nil {
			continue // the header
		}
		if level == 0 && tables >= e.o.GetCompactionL0Trigger() ||
			level > 0 && mib*(1<<20) >= float64(e.o.GetCompactionTotalSize(level)) {
			return true, nil
		}
	}
	return false, nil
}

func (e *levelEngine) view(fn func(r reader) error) error {
	v, err := e.getView()
	if err != nil {
		return err
	}
	defer e.putView(v)
	return fn(v)
}

// getView returns an idle view that has seen every committed write, or a
// new one.
func (e *levelEngine) getView() (*levelView, error) {
	e.vmu.Lock()
	for len(e.idle) > 0 {
		v := e.idle[len(e.idle)-1]
		e.idle = e.idle[:len(e.idle)-1]
		if time.Since(v.born) < maxViewAge {
			e.vmu.Unlock()
			return v, nil
		}
		v.release()
	}
	// The epoch is read before the snapshot is taken, so a view is never
	// older than its epoch says (it may be newer).
	epoch := e.epoch
	e.vmu.Unlock()
	sn, err := e.db.GetSnapshot()
	if err != nil {
		return nil, err
	}
	return &levelView{sn: sn, epoch: epoch, born: time.Now()}, nil
}

// putView keeps v for reuse unless a write has committed since it was made.
func (e *levelEngine) putView(v *levelView) {
	e.vmu.Lock()
	if v.epoch == e.epoch && len(e.idle) < maxIdleViews {
		e.idle = append(e.idle, v)
		v = nil
	}
	e.vmu.Unlock()
	if v != nil {
		v.release()
	}
}

// wrote says that a write has committed: no idle view may be reused.
func (e *levelEngine) wrote() {
	e.vmu.Lock()
	e.epoch++
	e.vmu.Unlock()
	e.dropViews()
}

func (e *levelEngine) dropViews() {
	e.vmu.Lock()
	idle := e.idle
	e.idle = nil
	e.vmu.Unlock()
	for _, v := range idle {
		v.release()
	}
}

func (v *levelView) release() {
	for i, it := range v.its {
		if it != nil {
			it.Release()
			v.its[i] = nil
		}
	}
	v.sn.Release()
}

func (e *levelEngine) update(fn func(r reader, w writer) error) error {
	sn, err := e.db.GetSnapshot()
	if err != nil {
		return err
	}
	defer sn.Release()
	b := &levelBatch{data: e.data[:0]}
	if err := fn(levelReader{sn}, b); err != nil {
		return err
	}
	if b.n == 0 {
		return nil
	}
	if cap(b.data) <= 64<<20 {
		e.data = b.data // keep the buffer for the next write
	}
	lb := &e.batch
	if err := b.load(lb); err != nil {
		return err
	}
	// One batch is one journal record: after a crash it is either all in or
	// all out.
	defer e.wrote()
	return e.db.Write(lb, &opt.WriteOptions{Sync: true})
}

// levelReader reads a snapshot, or a transaction (what it has written over
// the store before it).
type levelReader struct{ sn levelSource }

// levelSource is what goleveldb's Snapshot and Transaction both have.
type levelSource interface {
	Get(key []byte, ro *opt.ReadOptions) ([]byte, error)
	NewIterator(slice *util.Range, ro *opt.ReadOptions) iterator.Iterator
}

func tableKey(table byte, key []byte) []byte {
	k := make([]byte, 1+len(key))
	k[0] = table
	copy(k[1:], key)
	return k
}

func (r levelReader) get(table byte, key []byte) ([]byte, error) {
	v, err := r.sn.Get(tableKey(table, key), nil)
	if errors.Is(err, leveldb.ErrNotFound) {
		return nil, nil
	}
	return v, err
}

func (r levelReader) scan(table byte, prefix, from []byte, fn func(k, v []byte) bool) error {
	it := r.sn.NewIterator(util.BytesPrefix(tableKey(table, prefix)), nil)
	defer it.Release()
	ok := false
	if from != nil && bytes.Compare(from, prefix) > 0 {
		ok = it.Seek(tableKey(table, from))
	} else {
		ok = it.First()
	}
	for ; ok; ok = it.Next() {
		if !fn(it.Key()[1:], it.Value()) {
			break
		}
	}
	return it.Error()
}

func (v *levelView) get(table byte, key []byte) ([]byte, error) {
	return levelReader{v.sn}.get(table, key)
}

// scan seeks the table's iterator, made on the first scan of the table. A
// scan from inside fn gets an iterator of its own. A scan of an index under
// more than its leading id may be answered from a group (see groupScan).
func (v *levelView) scan(table byte, prefix, from []byte, fn func(k, v []byte) bool) error {
	if done, err := v.groupScan(table, prefix, from, fn); done || err != nil {
		return err
	}
	it := v.its[table]
	v.its[table] = nil // in use
	if it == nil {
		it = v.sn.NewIterator(&util.Range{Start: []byte{table}, Limit: []byte{table + 1}}, nil)
	}
	if from == nil || bytes.Compare(from, prefix) < 0 {
		from = prefix
	}
	v.key = append(append(v.key[:0], table), from...)
	for ok := it.Seek(v.key); ok; ok = it.Next() {
		k := it.Key()[1:]
		if !bytes.HasPrefix(k, prefix) || !fn(k, it.Value()) {
			break
		}
	}
	err := it.Error()
	if err != nil || v.its[table] != nil {
		it.Release()
	} else {
		v.its[table] = it
	}
	return err
}

// groupScan answers a scan of an index under a prefix of two ids or more
// from the keys under its leading id, when the view has been asked about
// that id before and it leads at most maxGroupKeys keys: the patterns of a
// star on one subject are then one seek, not one each. It reports whether
// it answered.
func (v *levelView) groupScan(table byte, prefix, from []byte, fn func(k, v []byte) bool) (bool, error) {
	if table < tableSPOG || table > tableGSPO {
		return false, nil
	}
	_, n := readID(prefix)
	if n == 0 || n == len(prefix) {
		return false, nil
	}
	if v.groups == nil || len(v.groups) >= maxGroups {
		v.groups = map[string]*keyGroup{}
	}
	v.key = append(append(v.key[:0], table), prefix[:n]...)
	g := v.groups[string(v.key)] // no allocation for the lookup
	switch {
	case g == nil:
		v.groups[string(v.key)] = &keyGroup{} // asked once: a group is worth it from the second time
		return false, nil
	case g.big:
		return false, nil
	case !g.loaded:
		if v.bigLoads >= 8 && 2*v.bigLoads >= v.loads {
			g.big = true // most leading ids here lead too many keys
			return false, nil
		}
		v.loads++
		lead := prefix[:n]
		err := v.scan(table, lead, nil, func(k, _ []byte) bool {
			if len(g.keys) == maxGroupKeys {
				g.big = true
				return false
			}
			g.keys = append(g.keys, append([]byte(nil), k...))
			return true
		})
		if err != nil || g.big {
			if g.big {
				v.bigLoads++
			}
			g.keys = nil
			return false, err
		}
		g.loaded = true
	}
	if from == nil || bytes.Compare(from, prefix) < 0 {
		from = prefix
	}
	i, _ := slices.BinarySearchFunc(g.keys, from, bytes.Compare)
	for _, k := range g.keys[i:] {
		if !bytes.HasPrefix(k, prefix) || !fn(k, nil) {
			break
		}
	}
	return true, nil
}

// levelBatch encodes a write batch in goleveldb's batch record format
// (kind byte, uvarint key length, key, and for a put uvarint value length,
// value), in a buffer that doubles as it grows: goleveldb v1.0.0's own Batch
// grows a large batch by about 1% at a time, which makes filling it
// quadratic. The buffer is handed over with Batch.Load.
type levelBatch struct {
	data []byte
	n    int
}

const (
	levelDel = 0 // goleveldb's keyTypeDel
	levelPut = 1 // goleveldb's keyTypeVal
)

func (b *levelBatch) reserve(n int) {
	if cap(b.data)-len(b.data) < n {
		b.data = append(make([]byte, 0, len(b.data)+n), b.data...)
	}
}

func (b *levelBatch) rec(kind byte, table byte, key, val []byte) {
	b.data = append(b.data, kind)
	b.data = binary.AppendUvarint(b.data, uint64(1+len(key)))
	b.data = append(b.data, table)
	b.data = append(b.data, key...)
	if kind == levelPut {
		b.data = binary.AppendUvarint(b.data, uint64(len(val)))
		b.data = append(b.data, val...)
	}
	b.n++
}

func (b *levelBatch) put(table byte, key, val []byte) error {
	b.rec(levelPut, table, key, val)
	return nil
}

func (b *levelBatch) del(table byte, key []byte) error {
	b.rec(levelDel, table, key, nil)
	return nil
}

func (b *levelBatch) load(lb *leveldb.Batch) error {
	if err := lb.Load(b.data); err != nil {
		return err
	}
	if lb.Len() != b.n {
		return fmt.Errorf("batch of %d records loads as %d", b.n, lb.Len())
	}
	return nil
}

// dirSize returns the bytes used by the files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n, err
}
