package ingest

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/cayleygraph/quad"
)

type numbered struct {
	n, max int
	end    error
}

func (r *numbered) ReadQuad() (quad.Quad, error) {
	if r.n == r.max {
		return quad.Quad{}, r.end
	}
	r.n++
	return quad.Quad{Subject: quad.IRI(fmt.Sprint(r.n)), Predicate: quad.IRI("p"), Object: quad.Int(r.n)}, nil
}

// TestReadAhead: the quads come out in order, then the reader's own error
// (again on every later call); Close in the middle stops the goroutine.
func TestReadAhead(t *testing.T) {
	bad := errors.New("line 9: bad")
	for _, tt := range []struct {
		name string
		n    int
		end  error
	}{
		{"empty", 0, io.EOF},
		{"one chunk", 10, io.EOF},
		{"several chunks", 3*readAheadChunk + 5, io.EOF},
		{"chunk boundary", 2 * readAheadChunk, io.EOF},
		{"error", readAheadChunk + 1, bad},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ra := newReadAhead(&numbered{max: tt.n, end: tt.end})
			defer ra.Close()
			for i := 1; i <= tt.n; i++ {
				q, err := ra.ReadQuad()
				if err != nil || q.Object != quad.Int(i) {
					t.Fatalf("quad %d = %v, %v", i, q.Object, err)
				}
			}
			for range 2 {
				if _, err := ra.ReadQuad(); err != tt.end {
					t.Fatalf("after the quads: err = %v, want %v", err, tt.end)
				}
			}
		})
	}
	t.Run("close early", func(t *testing.T) {
		ra := newReadAhead(&numbered{max: 100 * readAheadChunk, end: io.EOF})
		if _, err := ra.ReadQuad(); err != nil {
			t.Fatal(err)
		}
		ra.Close()
		ra.Close()
		for range ra.ch { // the goroutine ends and closes the channel
		}
	})
}
