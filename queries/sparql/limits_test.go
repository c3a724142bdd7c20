package sparql

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

func crossStore(n int) *MemStore {
	st := NewMemStore()
	for i := 0; i < n; i++ {
		st.Add(quad.Quad{
			Subject:   quad.IRI("http://example.org/s" + strconv.Itoa(i)),
			Predicate: quad.IRI("http://example.org/p"),
			Object:    quad.IRI("http://example.org/o" + strconv.Itoa(i%7)),
			Label:     quad.IRI("http://example.org/g"),
		})
	}
	return st
}

func TestLimits(t *testing.T) {
	st := crossStore(500)
	tests := []struct {
		name  string
		query string
		opt   Options
		want  error
	}{
		{"timeout in cartesian product", `SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }`, Options{Timeout: 50 * time.Millisecond}, ErrTimeout},
		{"timeout in closure", `SELECT (COUNT(*) AS ?n) { ?a <http://example.org/p>* ?b . ?c ?q ?d }`, Options{Timeout: 50 * time.Millisecond}, ErrTimeout},
		{"max rows", `SELECT * { ?a ?p ?b }`, Options{MaxRows: 10}, ErrTooManyRows},
		{"max intermediate", `SELECT ?a { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a`, Options{MaxIntermediate: 1000}, ErrTooManyRows},
		{"top k holds little", `SELECT ?a { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a LIMIT 3`, Options{MaxIntermediate: 1000, Timeout: time.Minute}, nil},
		{"max rows while iterating", `SELECT * { ?a ?p ?b . ?c ?q ?d }`, Options{MaxRows: 100}, ErrTooManyRows},
		{"within limits", `SELECT * { ?a ?p <http://example.org/o1> } LIMIT 5`, Options{MaxRows: 10, Timeout: time.Second}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := Parse(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			_, err = Exec(context.Background(), st, q, tc.opt)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Exec: %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("Exec error = %v, want %v", err, tc.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Exec took %v to stop", d)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	st := crossStore(300)
	q, err := Parse(`SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }`)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err = Exec(ctx, st, q, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Exec error = %v, want context.Canceled", err)
	}
}

func TestIterate(t *testing.T) {
	st := crossStore(1000)
	q, err := Parse(`SELECT ?a ?b { ?a <http://example.org/p> ?b }`)
	if err != nil {
		t.Fatal(err)
	}
	it, err := q.Iterate(context.Background(), st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for it.Next() {
		if len(it.Row()) != 2 || it.Row()[0] == nil || it.Row()[1] == nil {
			t.Fatalf("bad row %v", it.Row())
		}
		n++
		if n == 10 {
			break // stop early: Close must end the producer
		}
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	if n != 10 || it.Err() != nil {
		t.Fatalf("read %d rows, err %v", n, it.Err())
	}
	if got := it.Vars(); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Fatalf("vars %v", got)
	}
}
