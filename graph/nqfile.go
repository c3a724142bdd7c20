package graph

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cayleygraph/quad"
)

// IsNQuadsFile reports whether path names an N-Quads or N-Triples file
// (.nq, .nt, optionally gzipped), which load as they are.
func IsNQuadsFile(path string) bool {
	p := strings.ToLower(strings.TrimSuffix(strings.ToLower(path), ".gz"))
	return strings.HasSuffix(p, ".nq") || strings.HasSuffix(p, ".nt") || strings.HasSuffix(p, ".nquads")
}

// OpenQuadFile opens an N-Quads file, decompressing it when its name ends in
// .gz. Close the returned reader's underlying file with the returned closer.
func OpenQuadFile(path string) (*NQuadsReader, io.Closer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	r, err := newQuadFileReader(f, path)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return r, f, nil
}

// newQuadFileReader returns a reader of the N-Quads in r, the contents of
// the file path, decompressing them when the name ends in .gz.
func newQuadFileReader(r io.Reader, path string) (*NQuadsReader, error) {
	r = bufio.NewReaderSize(r, 256<<10)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("%s: not a gzip file: %w", path, err)
		}
		r = zr
	}
	return NewNQuadsReader(r, path), nil
}

// QuadFile reads the quads of one N-Quads file with the labels they are
// stored under: a quad without a label gets the file's label, and with
// Override every quad does, whatever the file says. It collects the distinct
// labels, so that one streaming pass over a file tells what a load of it
// will replace.
type QuadFile struct {
	r *NQuadsReader
	labeler
	n int
}

// A labeler gives quads the label they are stored under (label when they
// have none, or always with override) and collects the distinct labels, in
// order of first appearance.
type labeler struct {
	label    quad.Value
	override bool
	seen     map[quad.Value]bool
	labels   []quad.Value
}

func (l *labeler) apply(q *quad.Quad) {
	if q.Label == nil || l.override {
		q.Label = l.label
	}
	if !l.seen[q.Label] {
		l.seen[q.Label] = true
		l.labels = append(l.labels, q.Label)
	}
}

// NewQuadFile returns a reader of the quads in r, the contents of the file
// path (gzipped when the name ends in .gz). Quads without a label get label;
// when label is nil they get the file's own source IRI (SourceIRI(path)).
// When override is true every quad gets label.
func NewQuadFile(r io.Reader, path string, label quad.Value, override bool) (*QuadFile, error) {
	nr, err := newQuadFileReader(r, path)
	if err != nil {
		return nil, err
	}
	if label == nil {
		label = SourceIRI(path)
	}
	return &QuadFile{r: nr, labeler: labeler{label: label, override: override, seen: map[quad.Value]bool{}}}, nil
}

// ReadQuad returns the next quad, io.EOF at the end, or a *SyntaxError.
func (f *QuadFile) ReadQuad() (quad.Quad, error) {
	q, err := f.r.ReadQuad()
	if err != nil {
		return q, err
	}
	f.apply(&q)
	f.n++
	return q, nil
}

// Labels returns the distinct labels of the quads read so far, in order of
// first appearance.
func (f *QuadFile) Labels() []quad.Value { return f.labels }

// Count returns how many quads have been read.
func (f *QuadFile) Count() int { return f.n }

// ReadQuadFile reads a whole N-Quads file. Quads without a label get label;
// when label is nil they get the file's own source IRI (SourceIRI(path)).
// When override is true every quad gets label, whatever the file says.
// It returns the quads and the distinct labels they carry, in order of first
// appearance.
func ReadQuadFile(path string, label quad.Value, override bool) ([]quad.Quad, []quad.Value, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r, err := NewQuadFile(f, path, label, override)
	if err != nil {
		return nil, nil, err
	}
	var quads []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return quads, r.Labels(), nil
		} else if err != nil {
			return nil, nil, err
		}
		quads = append(quads, q)
	}
}
