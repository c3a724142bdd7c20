package kvstore_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph/kvstore"
)

// failingReader returns the quads of qs, then err instead of io.EOF.
type failingReader struct {
	sliceReader
	err error
}

func (r *failingReader) ReadQuad() (quad.Quad, error) {
	q, err := r.sliceReader.ReadQuad()
	if err == io.EOF {
		return q, r.err
	}
	return q, err
}

// TestBulkLoadSources: new sources load in many batches and read back
// exactly; a load that fails after some batches are committed, or that names
// a stored source, leaves the store as it was.
//
// With small sizes, LevelDB's bulk load spills its runs and counters to
// files and its transaction writes many tables, which must all go when it
// fails.
func TestBulkLoadSources(t *testing.T) {
	for _, small := range []bool{false, true} {
		name := "default-sizes"
		if small {
			name = "small-sizes"
		}
		t.Run(name, func(t *testing.T) {
			if small {
				t.Cleanup(kvstore.SetBulkSizes(5, 16, 4096))
			}
			testBulkLoadSources(t)
		})
	}
}

// noTemp fails unless dir holds no temporary directory of a bulk load.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "bulk-tmp-") {
			t.Errorf("%s left behind", e.Name())
		}
	}
}

func testBulkLoadSources(t *testing.T) {
	ctx := context.Background()
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "db")
			s := open(t, dir, engine)
			rng := rand.New(rand.NewPCG(11, 12))
			a, b, c := quad.IRI("x:a"), quad.IRI("x:b"), quad.IRI("x:c")
			m := model{}
			docA := randomDoc(rng, a)
			if _, _, _, err := s.Replace(ctx, []quad.Value{a}, docA); err != nil {
				t.Fatal(err)
			}
			m[a] = map[quad.Quad]bool{}
			for _, q := range docA {
				m[a][q] = true
			}
			var qs []quad.Quad
			for _, l := range []quad.Value{b, c} {
				m[l] = map[quad.Quad]bool{}
				for range 5 {
					for _, q := range randomDoc(rng, l) {
						qs = append(qs, q)
						m[l][q] = true
					}
				}
			}
			before := dump(t, s)

			tests := []struct {
				name   string
				labels []quad.Value
				r      quad.Reader
				want   error
			}{
				{"reader fails after batches", []quad.Value{b, c}, &failingReader{sliceReader{qs: qs}, errors.New("disk on fire")}, nil},
				{"quad of another source", []quad.Value{b}, &sliceReader{qs: qs}, nil},
				{"source already stored", []quad.Value{a, b, c}, &sliceReader{qs: qs}, kvstore.ErrSourceStored},
				{"bad value", []quad.Value{b}, &sliceReader{qs: append(qs[:3:3], quad.Quad{Subject: quad.IRI("x:s"), Predicate: quad.IRI("x:p"), Object: badValue{}, Label: b})}, nil},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					_, _, err := s.BulkLoadSources(ctx, tt.labels, tt.r, 7)
					if err == nil {
						t.Fatal("BulkLoadSources succeeded")
					}
					if tt.want != nil && !errors.Is(err, tt.want) {
						t.Errorf("err = %v, want %v", err, tt.want)
					}
					if after := dump(t, s); fmt.Sprint(after) != fmt.Sprint(before) {
						t.Errorf("a failed BulkLoadSources changed the store: %d quads, want %d", len(after), len(before))
					}
					if err := s.Check(ctx); err != nil {
						t.Error(err)
					}
					noTemp(t, dir)
				})
			}

			read, added, err := s.BulkLoadSources(ctx, []quad.Value{b, c}, &sliceReader{qs: append(qs, qs[:20]...)}, 7)
			if err != nil {
				t.Fatal(err)
			}
			distinct := len(m[b]) + len(m[c])
			if read != len(qs)+20 || added != distinct {
				t.Errorf("BulkLoadSources = %d read, %d added; want %d, %d", read, added, len(qs)+20, distinct)
			}
			if err := s.Check(ctx); err != nil {
				t.Fatal(err)
			}
			noTemp(t, dir)
			checkPatterns(t, s, m)
			s.Close()
			s = open(t, dir, engine) // no journal left: nothing rolled back
			checkPatterns(t, s, m)
		})
	}
}
