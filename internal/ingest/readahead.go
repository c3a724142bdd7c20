package ingest

import (
	"io"

	"github.com/cayleygraph/quad"
)

// readAheadChunk is how many quads the read-ahead goroutine hands over at a
// time, and readAheadDepth how many chunks it may be ahead.
const (
	readAheadChunk = 4096
	readAheadDepth = 8
)

// readAhead reads quads from a reader in a goroutine of its own, so that
// parsing the file overlaps writing the store. Call Close when done with it,
// also after an error.
type readAhead struct {
	ch   chan chunk
	stop chan struct{}
	cur  []quad.Quad
	err  error
}

type chunk struct {
	quads []quad.Quad
	err   error // the error that ended the input after quads (io.EOF at the end)
}

func newReadAhead(r quad.Reader) *readAhead {
	ra := &readAhead{ch: make(chan chunk, readAheadDepth), stop: make(chan struct{})}
	go func() {
		defer close(ra.ch)
		for {
			c := chunk{quads: make([]quad.Quad, 0, readAheadChunk)}
			for len(c.quads) < readAheadChunk {
				q, err := r.ReadQuad()
				if err != nil {
					c.err = err
					break
				}
				c.quads = append(c.quads, q)
			}
			select {
			case ra.ch <- c:
			case <-ra.stop:
				return
			}
			if c.err != nil {
				return
			}
		}
	}()
	return ra
}

// ReadQuad returns the next quad, in the order of the underlying reader, and
// its error at the end.
func (ra *readAhead) ReadQuad() (quad.Quad, error) {
	for len(ra.cur) == 0 {
		if ra.err != nil {
			return quad.Quad{}, ra.err
		}
		c, ok := <-ra.ch
		if !ok {
			ra.err = io.ErrUnexpectedEOF // closed without an error: only after Close
			return quad.Quad{}, ra.err
		}
		ra.cur, ra.err = c.quads, c.err
	}
	q := ra.cur[0]
	ra.cur = ra.cur[1:]
	return q, nil
}

// Close stops the goroutine; it returns at once.
func (ra *readAhead) Close() {
	select {
	case <-ra.stop:
	default:
		close(ra.stop)
	}
}
