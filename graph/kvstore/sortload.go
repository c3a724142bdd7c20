package kvstore

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/syndtr/goleveldb/leveldb"
)

// The LevelDB engine's bulk load of new sources, in one goleveldb
// transaction with every index written in key order.
//
// The quads of sources the store does not hold yet are all new, so loading
// them needs no lookups of quads. The load resolves each term to its id,
// writing the dictionary entries of new values as it goes, and collects the
// id tuples in runs, which a goroutine sorts in the orders of the four
// indexes while the next run fills (when there is more than one run, they
// are spilled to files in a temporary directory of the store). Then it
// merges the runs of each index and writes the index's keys in ascending
// order, duplicates dropped, counting the quads under each leading id as
// they pass: the counters. The tables LevelDB writes from ascending keys
// do not overlap, so compaction moves them down the levels instead of
// merging them again, and loading grows linearly with the input.
//
// goleveldb's transaction keeps everything invisible until it commits, all
// at once; a crash before that leaves only tables that no version refers
// to, which LevelDB deletes when it opens, and spilled runs, which Open
// deletes.

// runQuads is the number of quads a run holds: 32 MiB of id tuples. A load
// of at most this many quads sorts in memory and spills nothing. (A
// variable for tests.)
var runQuads = 1 << 20

// tempPrefix starts the names of the temporary directories of bulk loads in
// a store's directory.
const tempPrefix = "bulk-tmp-"

// maxLoadCache bounds the load's value -> id cache.
const maxLoadCache = 1 << 20

// dictFlush is the size of dictionary and index records written to the
// transaction at a time.
const dictFlush = 1 << 20

// A sortLoad is one bulk load of new sources on the LevelDB engine.
type sortLoad struct {
	s  *Store
	tr *leveldb.Transaction
	r  levelReader // reads the transaction: its writes over the store before it
	w  levelBatch  // records not yet sent to the writer

	tmp   string // the directory of spilled runs and counters, "" until made
	first uint64 // the first id this load may assign
	next  uint64 // the next free id
	cache map[string]uint64
	enc   []byte

	newValues    int64
	dictBytes    int64 // of the dictionary records written
	nonCanonical bool

	// The writer goroutine writes the records to the transaction.
	wq    chan levelBatch // records to write, or a sync request (n < 0)
	wfree chan []byte     // buffers it is done with
	wsync chan error      // its answer to a sync request
	wdone chan error      // its result, once wq is closed

	runs   []spilledRun  // spilled, sorted runs
	sorter chan sortWork // runs to sort and spill
	done   chan error    // the sorter's result, once sorter is closed
	free   chan []ids    // run buffers the sorter is done with
}

// A spilledRun is the files of one sorted run, one per index.
type spilledRun [len(indexes)]string

// sortWork is a run for the sorter, and its files.
type sortWork struct {
	run   []ids
	files spilledRun
}

// sortLoadSources is BulkLoadSources on the LevelDB engine. The caller holds
// wmu.
func (s *Store) sortLoadSources(ctx context.Context, e *levelEngine, want map[quad.Value]bool, labels []quad.Value, r quad.Reader) (read, added int, err error) {
	tr, err := e.db.OpenTransaction()
	if err != nil {
		return 0, 0, fmt.Errorf("bulk load %s: %w", s.dir, err)
	}
	l := &sortLoad{s: s, tr: tr, r: levelReader{tr}, cache: map[string]uint64{}}
	l.startWriter()
	committed := false
	defer func() {
		if l.wq != nil {
			l.stopWriter()
		}
		if !committed {
			tr.Discard()
		}
		if l.sorter != nil {
			close(l.sorter)
			<-l.done
		}
		if l.tmp != "" {
			os.RemoveAll(l.tmp)
		}
	}()
	if err := l.begin(labels); err != nil {
		return 0, 0, fmt.Errorf("bulk load %s: %w", s.dir, err)
	}
	run, read, err := l.read(ctx, r, want)
	if err != nil {
		return read, 0, err
	}
	if added, err = l.writeIndexes(ctx, run); err != nil {
		return read, 0, fmt.Errorf("bulk load %s: %w", s.dir, err)
	}
	if err := l.writeMeta(int64(added)); err != nil {
		return read, 0, fmt.Errorf("bulk load %s: %w", s.dir, err)
	}
	if err := l.stopWriter(); err != nil {
		return read, 0, fmt.Errorf("bulk load %s: %w", s.dir, err)
	}
	if err := tr.Commit(); err != nil {
		return read, 0, fmt.Errorf("bulk load %s: commit: %w", s.dir, err)
	}
	committed = true
	e.wrote()
	clear(s.counts)
	if l.nonCanonical {
		s.canonical.Store(false)
	}
	return read, added, nil
}

// begin checks that no journaled load is pending and that none of labels is
// stored, and reads the next free id.
func (l *sortLoad) begin(labels []quad.Value) error {
	if _, err := encodeLabels(labels); err != nil {
		return err
	}
	r := l.r
	if b, err := r.get(tableMeta, []byte(metaBulk)); err != nil {
		return err
	} else if b != nil {
		return errors.New("another bulk load is journaled (an unfinished load: reopen the store to roll it back)")
	}
	for _, lv := range labels {
		id, err := l.s.lookupID(r, lv)
		if err != nil {
			return err
		}
		if id == 0 {
			continue
		}
		if n, err := l.s.count(r, int(quad.Label)-1, id); err != nil {
			return err
		} else if n > 0 {
			return fmt.Errorf("%v: %w (%d quads)", lv, ErrSourceStored, n)
		}
	}
	n, err := l.s.metaInt(r, metaNextID)
	if err != nil {
		return err
	}
	l.first = max(n, 1)
	l.next = l.first
	return nil
}

// startWriter starts the goroutine that writes records to the
// transaction, so that building them and LevelDB's work on them (its
// memtable, and the tables it writes) use two processors.
func (l *sortLoad) startWriter() {
	wq, wfree, wsync, wdone := make(chan levelBatch, 4), make(chan []byte, 6), make(chan error), make(chan error, 1)
	l.wq, l.wfree, l.wsync, l.wdone = wq, wfree, wsync, wdone
	go func() {
		var err error
		var lb leveldb.Batch
		for b := range wq {
			if b.n == padRecord {
				if err == nil {
					err = l.pad()
				}
				continue
			}
			if b.n < 0 {
				wsync <- err
				continue
			}
			if err == nil {
				if err = b.load(&lb); err == nil {
					err = l.tr.Write(&lb, nil)
				}
			}
			select {
			case wfree <- b.data[:0]:
			default:
			}
		}
		wdone <- err
	}()
}

// stopWriter waits for the writer to write everything sent to it, stops
// it, and returns its first error.
func (l *sortLoad) stopWriter() error {
	close(l.wq)
	l.wq = nil
	return <-l.wdone
}

// flush sends the pending records to the writer.
func (l *sortLoad) flush() error {
	if l.w.n == 0 {
		return nil
	}
	l.wq <- l.w
	select {
	case b := <-l.wfree:
		l.w = levelBatch{data: b}
	default:
		l.w = levelBatch{data: make([]byte, 0, dictFlush+dictFlush/8)}
	}
	return nil
}

// padRecord, as the n of a levelBatch sent to the writer, asks for a pad.
const padRecord = -2

// padKey is the key of the pad record: below every table, so that the
// table the pad starts ends below the first key of the first index.
var padKey = []byte{tableSPOG - 1}

// pad makes the transaction write its memtable out as a table, so that the
// next table holds only index keys: a record larger than a memtable's free
// space makes the transaction write the memtable first (the record itself
// is deleted at once, and costs no space after compaction). Without it, the
// table of the last dictionary records and the first index keys would span
// every table between them, and LevelDB would merge all the index tables
// with it once the load commits.
func (l *sortLoad) pad() error {
	if err := l.tr.Put(padKey, make([]byte, levelWriteBuffer+1), nil); err != nil {
		return err
	}
	return l.tr.Delete(padKey, nil)
}

// sync flushes and waits until the writer has written everything, so that
// the transaction's reads see it. It returns the writer's first error.
func (l *sortLoad) sync() error {
	if err := l.flush(); err != nil {
		return err
	}
	l.wq <- levelBatch{n: -1}
	return <-l.wsync
}

// id returns the id of v, assigning a new one, with its dictionary records,
// when v is not stored yet.
func (l *sortLoad) id(v quad.Value) (uint64, error) {
	enc, err := appendValue(l.enc[:0], v)
	if err != nil {
		return 0, err
	}
	l.enc = enc
	vk := valueKey(enc)
	if id, ok := l.cache[string(vk)]; ok {
		return id, nil
	}
	if id, ok := l.s.ids[string(vk)]; ok {
		return id, nil
	}
	if len(l.cache) >= maxLoadCache {
		// Values new in this load must stay findable: in the
		// transaction, once their records are written to it.
		if err := l.sync(); err != nil {
			return 0, err
		}
		clear(l.cache)
	}
	b, err := l.r.get(tableValues, vk)
	if err != nil {
		return 0, err
	}
	if b != nil {
		id, _ := binary.Uvarint(b)
		l.cache[string(vk)] = id
		return id, nil
	}
	id := l.next
	l.next++
	l.newValues++
	if !canonicalEncoding(enc) {
		l.nonCanonical = true
	}
	l.dictBytes += int64(len(vk) + len(enc))
	l.w.rec(levelPut, tableValues, vk, binary.AppendUvarint(nil, id))
	l.w.rec(levelPut, tableNames, appendID(nil, id), enc)
	l.cache[string(vk)] = id
	if len(l.w.data) >= dictFlush {
		return id, l.flush()
	}
	return id, nil
}

// read reads r to its end, resolving the quads to ids, and returns the last
// run (not spilled) and the number of quads read.
func (l *sortLoad) read(ctx context.Context, r quad.Reader, want map[quad.Value]bool) ([]ids, int, error) {
	run := make([]ids, 0, min(runQuads, 1<<12)) // grows to runQuads
	read := 0
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, read, fmt.Errorf("bulk load: after quad %d: %w", read, err)
		}
		read++
		if !want[q.Label] {
			if q.Label == nil {
				return nil, read, fmt.Errorf("bulk load: quad %d: no label", read)
			}
			return nil, read, fmt.Errorf("bulk load: quad %d has label %v, which is not one of the sources being loaded", read, q.Label)
		}
		var t ids
		for p, d := range quad.Directions {
			v := q.Get(d)
			if v == nil {
				return nil, read, fmt.Errorf("bulk load: quad %d: no %s", read, d)
			}
			id, err := l.id(v)
			if err != nil {
				return nil, read, fmt.Errorf("bulk load: quad %d: %s: %w", read, d, err)
			}
			t[p] = id
		}
		run = append(run, t)
		if read%(1<<16) == 0 {
			if err := ctx.Err(); err != nil {
				return nil, read, err
			}
		}
		if len(run) == runQuads {
			if run, err = l.spill(run); err != nil {
				return nil, read, fmt.Errorf("bulk load %s: %w", l.s.dir, err)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, read, err
	}
	if err := l.flush(); err != nil {
		return nil, read, fmt.Errorf("bulk load %s: %w", l.s.dir, err)
	}
	if len(l.runs) > 0 && len(run) > 0 {
		if _, err := l.spill(run); err != nil {
			return nil, read, fmt.Errorf("bulk load %s: %w", l.s.dir, err)
		}
		run = nil
	}
	if l.sorter != nil {
		close(l.sorter)
		err := <-l.done
		l.sorter = nil
		if err != nil {
			return nil, read, fmt.Errorf("bulk load %s: %w", l.s.dir, err)
		}
	}
	// The index keys take more than a memtable: start them in a table of
	// their own.
	if l.dictBytes > 0 && read*len(indexes)*16 > levelWriteBuffer {
		l.wq <- levelBatch{n: padRecord}
	}
	return run, read, nil
}

// tempDir returns the load's temporary directory in the store, making it
// the first time.
func (l *sortLoad) tempDir() (string, error) {
	if l.tmp == "" {
		dir, err := os.MkdirTemp(l.s.dir, tempPrefix)
		if err != nil {
			return "", err
		}
		l.tmp = dir
	}
	return l.tmp, nil
}

// spill hands a full run to the sorter, which sorts it and writes it to
// files, and returns an empty run buffer.
func (l *sortLoad) spill(run []ids) ([]ids, error) {
	tmp, err := l.tempDir()
	if err != nil {
		return nil, err
	}
	if l.sorter == nil {
		l.sorter = make(chan sortWork)
		l.done = make(chan error, 1)
		l.free = make(chan []ids, 1)
		go sortRuns(l.sorter, l.free, l.done)
	}
	files := spilledRun{}
	for xi := range indexes {
		files[xi] = filepath.Join(tmp, fmt.Sprintf("run-%d-%s", len(l.runs), indexes[xi].name))
	}
	l.runs = append(l.runs, files)
	l.sorter <- sortWork{run, files}
	select {
	case b := <-l.free:
		return b[:0], nil
	default:
		return make([]ids, 0, runQuads), nil
	}
}

// sortRuns sorts and writes the runs it is sent. After an error it
// discards the rest, and reports the error once the channel is closed.
func sortRuns(work <-chan sortWork, free chan<- []ids, done chan<- error) {
	var perm []ids
	var err error
	for w := range work {
		for xi := range indexes {
			if err != nil {
				break
			}
			perm = indexes[xi].sorted(w.run, perm[:0])
			err = writeRun(w.files[xi], perm)
		}
		select {
		case free <- w.run:
		default:
		}
	}
	done <- err
}

// writeRun writes sorted tuples to a file, each as the position of its
// first id that differs from the tuple before it, the difference there and
// the ids after it, all uvarints.
func writeRun(file string, run []ids) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	var prev ids
	var b []byte
	for _, t := range run {
		i := 0
		for i < 3 && t[i] == prev[i] {
			i++
		}
		b = append(b[:0], byte(i))
		b = binary.AppendUvarint(b, t[i]-prev[i])
		for j := i + 1; j < len(t); j++ {
			b = binary.AppendUvarint(b, t[j])
		}
		w.Write(b)
		prev = t
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// A runReader reads the tuples of a file that writeRun wrote.
type runReader struct {
	f    *os.File
	r    *bufio.Reader
	cur  ids
	name string
}

func openRun(file string) (*runReader, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	return &runReader{f: f, r: bufio.NewReaderSize(f, 1<<16), name: file}, nil
}

// next reads the next tuple into cur; false at the end.
func (rr *runReader) next() (bool, error) {
	i, err := rr.r.ReadByte()
	if err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if i > 3 {
		return false, fmt.Errorf("%s: corrupt run", rr.name)
	}
	d, err := binary.ReadUvarint(rr.r)
	if err != nil {
		return false, fmt.Errorf("%s: %w", rr.name, err)
	}
	rr.cur[i] += d
	for j := int(i) + 1; j < len(rr.cur); j++ {
		if rr.cur[j], err = binary.ReadUvarint(rr.r); err != nil {
			return false, fmt.Errorf("%s: %w", rr.name, err)
		}
	}
	return true, nil
}

// A merger yields the tuples of sorted sources in order.
type merger struct {
	srcs []*runReader // a heap on cur
}

func newMerger(files []string) (*merger, error) {
	m := &merger{}
	for _, f := range files {
		rr, err := openRun(f)
		if err != nil {
			m.close()
			return nil, err
		}
		ok, err := rr.next()
		if err != nil {
			rr.f.Close()
			m.close()
			return nil, err
		}
		if ok {
			m.srcs = append(m.srcs, rr)
		} else {
			rr.f.Close()
		}
	}
	for i := len(m.srcs)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m, nil
}

func (m *merger) close() {
	for _, rr := range m.srcs {
		rr.f.Close()
	}
	m.srcs = nil
}

func (m *merger) down(i int) {
	h := m.srcs
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && compareIDs(h[c+1].cur, h[c].cur) < 0 {
			c++
		}
		if compareIDs(h[c].cur, h[i].cur) >= 0 {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// next returns the smallest tuple left; false at the end.
func (m *merger) next() (ids, bool, error) {
	if len(m.srcs) == 0 {
		return ids{}, false, nil
	}
	top := m.srcs[0]
	t := top.cur
	ok, err := top.next()
	if err != nil {
		return t, false, err
	}
	if !ok {
		top.f.Close()
		last := len(m.srcs) - 1
		m.srcs[0] = m.srcs[last]
		m.srcs = m.srcs[:last]
	}
	m.down(0)
	return t, true, nil
}

// writeIndexes writes the keys of the four indexes, from the spilled runs
// or from run (all the quads, when nothing was spilled), and then the
// counters. It returns the number of distinct quads. The indexes go in the
// order of their tables, and index i leads with position i, so the
// counters come out in their keys' order too, and every key the load
// writes after the dictionary comes after the one before it.
func (l *sortLoad) writeIndexes(ctx context.Context, run []ids) (int, error) {
	var perm []ids
	counts := &counterSpool{l: l}
	defer counts.close()
	added := 0
	var key []byte
	for xi := range indexes {
		x := &indexes[xi]
		var next func() (ids, bool, error)
		if len(l.runs) == 0 {
			perm = x.sorted(run, perm[:0])
			i := 0
			next = func() (ids, bool, error) {
				if i == len(perm) {
					return ids{}, false, nil
				}
				i++
				return perm[i-1], true, nil
			}
		} else {
			files := make([]string, len(l.runs))
			for i, r := range l.runs {
				files[i] = r[xi]
			}
			m, err := newMerger(files)
			if err != nil {
				return 0, err
			}
			defer m.close()
			next = m.next
		}
		var prev ids
		var lead uint64
		var n uint64
		distinct := 0
		for {
			t, ok, err := next()
			if err != nil {
				return 0, err
			}
			if !ok {
				break
			}
			if t == prev && distinct > 0 {
				continue
			}
			if distinct > 0 && t[0] != lead {
				if err := counts.add(x.order[0], lead, n); err != nil {
					return 0, err
				}
				n = 0
			}
			lead, prev = t[0], t
			n++
			distinct++
			key = key[:0]
			for _, id := range t {
				key = appendID(key, id)
			}
			l.w.rec(levelPut, x.table, key, nil)
			if len(l.w.data) >= dictFlush {
				if err := ctx.Err(); err != nil {
					return 0, err
				}
				if err := l.flush(); err != nil {
					return 0, err
				}
			}
		}
		if distinct > 0 {
			if err := counts.add(x.order[0], lead, n); err != nil {
				return 0, err
			}
		}
		if xi == 0 {
			added = distinct
		} else if distinct != added {
			return 0, fmt.Errorf("index %s has %d quads, %s %d", x.name, distinct, indexes[0].name, added)
		}
	}
	if err := counts.write(ctx); err != nil {
		return 0, err
	}
	return added, l.flush()
}

// writeMeta adds to the store's meta counters.
func (l *sortLoad) writeMeta(added int64) error {
	for _, m := range []struct {
		key string
		add int64
	}{{metaQuads, added}, {metaValues, l.newValues}} {
		if m.add == 0 {
			continue
		}
		v, err := l.s.metaInt(l.r, m.key)
		if err != nil {
			return err
		}
		l.w.rec(levelPut, tableMeta, []byte(m.key), binary.AppendUvarint(nil, v+uint64(m.add)))
	}
	if l.next != l.first {
		l.w.rec(levelPut, tableMeta, []byte(metaNextID), binary.AppendUvarint(nil, l.next))
	}
	if l.nonCanonical {
		l.w.rec(levelDel, tableMeta, []byte(metaCanonical), nil)
	}
	return l.flush()
}

// A counterSpool keeps the counters of a load, (position, id, quads), in
// their key order, in memory or, past spoolMemory bytes, in a file.
type counterSpool struct {
	l    *sortLoad
	buf  []byte
	f    *os.File
	w    *bufio.Writer
	file string
}

// spoolMemory is the most bytes of counters a load keeps in memory (a
// variable for tests).
var spoolMemory = 8 << 20

func (c *counterSpool) add(pos int, id, n uint64) error {
	c.buf = append(c.buf, byte(pos))
	c.buf = binary.AppendUvarint(c.buf, id)
	c.buf = binary.AppendUvarint(c.buf, n)
	if len(c.buf) < spoolMemory {
		return nil
	}
	if c.f == nil {
		tmp, err := c.l.tempDir()
		if err != nil {
			return err
		}
		c.file = filepath.Join(tmp, "counters")
		f, err := os.Create(c.file)
		if err != nil {
			return err
		}
		c.f, c.w = f, bufio.NewWriterSize(f, 1<<16)
	}
	_, err := c.w.Write(c.buf)
	c.buf = c.buf[:0]
	return err
}

func (c *counterSpool) close() {
	if c.f != nil {
		c.f.Close()
	}
}

// write writes the counters to the transaction: each is what the load adds
// to the stored counter (ids from before the load may have one).
func (c *counterSpool) write(ctx context.Context) error {
	var r *bufio.Reader
	if c.f != nil {
		if _, err := c.w.Write(c.buf); err != nil {
			return err
		}
		if err := c.w.Flush(); err != nil {
			return err
		}
		if _, err := c.f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		r = bufio.NewReaderSize(c.f, 1<<16)
	} else {
		r = bufio.NewReader(bytes.NewReader(c.buf))
	}
	l := c.l
	for {
		pos, err := r.ReadByte()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		id, err := binary.ReadUvarint(r)
		if err != nil {
			return fmt.Errorf("counters: %w", err)
		}
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return fmt.Errorf("counters: %w", err)
		}
		key := countKey(int(pos), id)
		if id < l.first {
			old, err := l.s.count(l.r, int(pos), id)
			if err != nil {
				return err
			}
			n += uint64(old)
		}
		l.w.rec(levelPut, tableCounts, key, binary.AppendUvarint(nil, n))
		if len(l.w.data) >= dictFlush {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := l.flush(); err != nil {
				return err
			}
		}
	}
}

// removeTemp removes the temporary directories that bulk loads left in dir
// (a crash).
func removeTemp(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), tempPrefix) {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
