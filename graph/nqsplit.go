package graph

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cayleygraph/quad"
)

// SplitQuadFile reads the quads of a plain (not gzipped) N-Quads file as
// QuadFile does, with n goroutines that each parse a section of the file,
// split at line ends. The quads come in no particular order. Errors name
// the file's line and column, as QuadFile's do; when several sections
// have errors, the first in the file is reported.
type SplitQuadFile struct {
	path     string
	label    quad.Value
	override bool

	out  chan sectionBatch
	stop chan struct{}
	n    int // sections

	cur    []quad.Quad
	done   []bool // sections that have ended
	lines  []int  // lines of the sections that have ended
	labels [][]quad.Value
	fail   *sectionBatch // the first error seen, waiting for the sections before it
	err    error         // the result once the quads are all read
	count  int
	closed bool
}

// A sectionBatch is quads of one section, and at a section's end its line
// count and error.
type sectionBatch struct {
	sec    int
	quads  []quad.Quad
	end    bool
	lines  int
	labels []quad.Value // at the end: the section's labels, in order of first appearance
	err    error        // at the end: what ended it (nil at its end)
}

// splitBatch is the number of quads a section sends at a time.
const splitBatch = 1024

// minSection is the smallest section worth a goroutine of its own (a
// variable for tests).
var minSection int64 = 4 << 20

// OpenSplitQuadFile opens path for reading in n sections (fewer for a
// small file; 1 for a gzipped one, which cannot be split). wrap, when not
// nil, wraps the reader of each section (a progress bar).
func OpenSplitQuadFile(path string, label quad.Value, override bool, n int, wrap func(io.Reader) io.Reader) (*SplitQuadFile, error) {
	if label == nil {
		label = SourceIRI(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	var bounds []int64
	whole := !fi.Mode().IsRegular() // a pipe, say: read as a stream, in one section
	if whole || strings.HasSuffix(strings.ToLower(path), ".gz") || n <= 1 || fi.Size() < 2*minSection {
		bounds = []int64{0, fi.Size()}
	} else {
		n = int(min(int64(n), fi.Size()/minSection))
		if bounds, err = lineBounds(f, fi.Size(), n); err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	sf := &SplitQuadFile{
		path: path, label: label, override: override,
		out: make(chan sectionBatch, 4*len(bounds)), stop: make(chan struct{}),
		n: len(bounds) - 1,
	}
	sf.done = make([]bool, sf.n)
	sf.lines = make([]int, sf.n)
	sf.labels = make([][]quad.Value, sf.n)
	// The first section reads the file opened above: a pipe can be opened
	// only once.
	for i := range sf.n {
		if i > 0 {
			if f, err = os.Open(path); err != nil {
				sf.Close()
				return nil, err
			}
		}
		var r io.Reader = f
		if !whole {
			r = io.NewSectionReader(f, bounds[i], bounds[i+1]-bounds[i])
		}
		if wrap != nil {
			r = wrap(r)
		}
		nr, err := newQuadFileReader(r, path)
		if err != nil {
			f.Close()
			sf.Close()
			return nil, err
		}
		nr.mid = i > 0
		go sf.section(i, nr, f)
	}
	return sf, nil
}

// lineBounds returns the offsets that cut a file of size bytes into n
// sections, each but the last ending just after a line feed.
func lineBounds(f *os.File, size int64, n int) ([]int64, error) {
	bounds := []int64{0}
	buf := make([]byte, 64<<10)
	for i := 1; i < n; i++ {
		off := max(size*int64(i)/int64(n), bounds[len(bounds)-1])
		for off < size {
			m, err := f.ReadAt(buf, off)
			if j := bytes.IndexByte(buf[:m], '\n'); j >= 0 {
				off += int64(j) + 1
				break
			}
			off += int64(m)
			if err == io.EOF {
				break
			} else if err != nil {
				return nil, err
			}
		}
		if off < size && off > bounds[len(bounds)-1] {
			bounds = append(bounds, off)
		}
	}
	return append(bounds, size), nil
}

// section parses one section and sends its quads.
func (sf *SplitQuadFile) section(i int, nr *NQuadsReader, f *os.File) {
	defer f.Close()
	lab := labeler{label: sf.label, override: sf.override, seen: map[quad.Value]bool{}}
	b := make([]quad.Quad, 0, splitBatch)
	send := func(sb sectionBatch) bool {
		select {
		case sf.out <- sb:
			return true
		case <-sf.stop:
			return false
		}
	}
	for {
		q, err := nr.ReadQuad()
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			send(sectionBatch{sec: i, quads: b, end: true, lines: nr.line, labels: lab.labels, err: err})
			return
		}
		lab.apply(&q)
		b = append(b, q)
		if len(b) == splitBatch {
			if !send(sectionBatch{sec: i, quads: b}) {
				return
			}
			b = make([]quad.Quad, 0, splitBatch)
		}
	}
}

// ReadQuad returns the next quad, io.EOF at the end, or the file's first
// error (a *SyntaxError, with the line in the whole file).
func (sf *SplitQuadFile) ReadQuad() (quad.Quad, error) {
	for len(sf.cur) == 0 {
		if sf.err != nil {
			return quad.Quad{}, sf.err
		}
		if sf.closed {
			return quad.Quad{}, errors.New("read after Close")
		}
		b := <-sf.out
		if sf.fail == nil || b.sec < sf.fail.sec {
			sf.cur = b.quads
		}
		if b.end {
			sf.done[b.sec] = true
			sf.lines[b.sec] = b.lines
			sf.labels[b.sec] = b.labels
			if b.err != nil && (sf.fail == nil || b.sec < sf.fail.sec) {
				sf.fail = &b
			}
		}
		sf.settle()
	}
	q := sf.cur[0]
	sf.cur = sf.cur[1:]
	sf.count++
	return q, nil
}

// settle sets the result once it is known: every section has ended, or one
// has failed and all before it have ended.
func (sf *SplitQuadFile) settle() {
	upTo := sf.n
	if sf.fail != nil {
		upTo = sf.fail.sec
		sf.cur = nil // the load fails: no more quads
	}
	for i := range upTo {
		if !sf.done[i] {
			return
		}
	}
	if sf.fail == nil {
		sf.err = io.EOF
		return
	}
	err := sf.fail.err
	var se *SyntaxError
	if errors.As(err, &se) {
		before := 0
		for i := range sf.fail.sec {
			before += sf.lines[i]
		}
		c := *se
		c.Line += before
		err = &c
	}
	sf.err = err
	sf.Close()
}

// Labels returns the distinct labels of the quads, in order of first
// appearance in the file; complete once ReadQuad has returned io.EOF.
func (sf *SplitQuadFile) Labels() []quad.Value {
	var out []quad.Value
	seen := map[quad.Value]bool{}
	for _, ls := range sf.labels {
		for _, l := range ls {
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out
}

// Count returns how many quads ReadQuad has returned.
func (sf *SplitQuadFile) Count() int { return sf.count }

// Close stops the sections' goroutines.
func (sf *SplitQuadFile) Close() error {
	if !sf.closed {
		sf.closed = true
		close(sf.stop)
	}
	return nil
}
