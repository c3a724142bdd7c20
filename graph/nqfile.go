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
	var r io.Reader = bufio.NewReaderSize(f, 256<<10)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("%s: not a gzip file: %w", path, err)
		}
		r = zr
	}
	return NewNQuadsReader(r, path), f, nil
}

// ReadQuadFile reads a whole N-Quads file. Quads without a label get label;
// when label is nil they get the file's own source IRI (SourceIRI(path)).
// When override is true every quad gets label, whatever the file says.
// It returns the quads and the distinct labels they carry, in order of first
// appearance.
func ReadQuadFile(path string, label quad.Value, override bool) ([]quad.Quad, []quad.Value, error) {
	r, c, err := OpenQuadFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer c.Close()
	if label == nil {
		label = SourceIRI(path)
	}
	var (
		quads  []quad.Quad
		labels []quad.Value
		seen   = map[quad.Value]bool{}
	)
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, err
		}
		if q.Label == nil || override {
			q.Label = label
		}
		if !seen[q.Label] {
			seen[q.Label] = true
			labels = append(labels, q.Label)
		}
		quads = append(quads, q)
	}
	return quads, labels, nil
}
