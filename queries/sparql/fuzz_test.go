package sparql

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// FuzzParse checks that no input makes the parser panic or hang, that errors
// are *Error values with a position inside the query, and that accepted
// queries translate and run over a tiny store without panicking.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "algebra", "*.rq"))
	for _, dir := range []string{"w3c-sparql10", "w3c-sparql11"} {
		more, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", dir, "*", "*.rq"))
		seeds = append(seeds, more...)
	}
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("SELECT * { ?s <p>* ?o } ORDER BY ?s")
	st := NewMemStore(
		quad.Quad{Subject: quad.IRI("a"), Predicate: quad.IRI("p"), Object: quad.IRI("b"), Label: quad.IRI("g")},
		quad.Quad{Subject: quad.IRI("b"), Predicate: quad.IRI("p"), Object: quad.String("x"), Label: quad.IRI("g")},
	)
	f.Fuzz(func(t *testing.T, src string) {
		q, err := Parse(src)
		if err != nil {
			se, ok := err.(*Error)
			if !ok {
				t.Fatalf("error %v is %T, not *Error", err, err)
			}
			if se.Line < 1 || se.Col < 1 || int(se.Pos) > len(src) {
				t.Fatalf("bad error position %d:%d (pos %d of %d)", se.Line, se.Col, se.Pos, len(src))
			}
			return
		}
		_ = q.String()
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		_, _ = Exec(ctx, st, q, Options{MaxRows: 1000})
	})
}
