package graph_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// brokenReader returns the quads of r, then err instead of io.EOF.
type brokenReader struct {
	r   quad.Reader
	err error
}

func (b *brokenReader) ReadQuad() (quad.Quad, error) {
	q, err := b.r.ReadQuad()
	if err == io.EOF {
		return q, b.err
	}
	return q, err
}

// testBulkLoadSources: new sources bulk loaded beside a stored one come back
// out line for line, in small batches and with the large-load path (a hint
// over the PostgreSQL threshold drops and rebuilds the quads table's
// indexes); a failed load, and a load of a stored source, change nothing;
// Replace afterwards sees the loaded quads (the rebuilt unique indexes).
func testBulkLoadSources(t *testing.T, s *graph.Store) {
	ctx := context.Background()
	keep := quad.IRI("https://w3id.org/partygraph/source/keep")
	kept := []quad.Quad{{Subject: quad.IRI("https://w3id.org/partygraph/id/x"), Predicate: quad.IRI("http://schema.org/name"), Object: quad.String("kept"), Label: keep}}
	if _, err := s.Replace(ctx, []quad.Value{keep}, kept); err != nil {
		t.Fatal(err)
	}
	want := readLines(t, "testdata/roundtrip.nq")
	data, err := os.ReadFile("testdata/roundtrip.nq")
	if err != nil {
		t.Fatal(err)
	}
	twice := string(data) + string(data)
	_, labels, err := graph.ReadQuadFile("testdata/roundtrip.nq", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	reader := func() quad.Reader { return graph.NewNQuadsReader(strings.NewReader(twice), "roundtrip.nq") }
	before := export(t, s, graph.FormatNQuads, nil)
	for _, big := range []int{0, 1_000_000} {
		fails := []struct {
			name   string
			labels []quad.Value
			r      quad.Reader
			err    error
		}{
			{"reader fails", labels, &brokenReader{reader(), errors.New("disk on fire")}, nil},
			{"quad of another source", labels[:1], reader(), nil},
			{"source stored", append([]quad.Value{keep}, labels...), reader(), graph.ErrSourceStored},
		}
		for _, f := range fails {
			t.Run(fmt.Sprintf("%s/hint=%d", f.name, big), func(t *testing.T) {
				_, _, err := s.BulkLoadSources(ctx, f.labels, f.r, graph.BulkOptions{Batch: 4, Quads: big})
				if err == nil {
					t.Fatal("BulkLoadSources succeeded")
				}
				if f.err != nil && !errors.Is(err, f.err) {
					t.Errorf("err = %v, want %v", err, f.err)
				}
				if after := export(t, s, graph.FormatNQuads, nil); after != before {
					t.Errorf("a failed BulkLoadSources changed the store:\n%s", after)
				}
			})
		}
	}
	for _, big := range []int{0, 1_000_000} {
		n, ch, err := s.BulkLoadSources(ctx, labels, reader(), graph.BulkOptions{Batch: 4, Quads: big})
		if err != nil {
			t.Fatalf("hint %d: %v", big, err)
		}
		if n != 2*len(want) || ch.Added != len(want) {
			t.Errorf("hint %d: BulkLoadSources = %d read, %+v; want %d read, %d added", big, n, ch, 2*len(want), len(want))
		}
		got := sortedLines(export(t, s, graph.FormatNQuads, nil))
		all := append(sortedLines(before), want...)
		if strings.Join(got, "\n") != strings.Join(sortedLines(strings.Join(all, "\n")), "\n") {
			t.Errorf("hint %d: export after BulkLoadSources:\n got:\n%s\nwant:\n%s", big, strings.Join(got, "\n"), strings.Join(all, "\n"))
		}
		ch = load(t, s, "testdata/roundtrip.nq")
		if ch.Added != 0 || ch.Removed != 0 || ch.Kept != len(want) {
			t.Errorf("hint %d: Replace after BulkLoadSources: %+v, want all %d kept", big, ch, len(want))
		}
		// Empty the sources again for the next round.
		if _, err := s.Replace(ctx, labels, nil); err != nil {
			t.Fatal(err)
		}
		if after := export(t, s, graph.FormatNQuads, nil); after != before {
			t.Errorf("hint %d: removing the loaded sources left:\n%s", big, after)
		}
	}
}

// TestPostgresBulkRebuildsIndexes: a large load drops the indexes and
// foreign keys of Cayley's quads table and makes all of them again.
func TestPostgresBulkRebuildsIndexes(t *testing.T) {
	url := freshPostgres(t)
	s := openStore(t, url)
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema := func() string {
		var idx, fks string
		if err := db.QueryRow(`SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'quads'`).Scan(&idx); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(`SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), E'\n' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'quads'::regclass`).Scan(&fks); err != nil {
			t.Fatal(err)
		}
		return idx + "\n" + fks
	}
	before := schema()
	if !strings.Contains(before, "label_hash_fk") || !strings.Contains(before, "spol_unique") {
		t.Fatalf("unexpected schema of Cayley's quads table:\n%s", before)
	}
	_, labels, err := graph.ReadQuadFile("testdata/roundtrip.nq", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/roundtrip.nq")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, _, err := s.BulkLoadSources(context.Background(), labels, graph.NewNQuadsReader(f, "roundtrip.nq"), graph.BulkOptions{Quads: 1_000_000}); err != nil {
		t.Fatal(err)
	}
	if after := schema(); after != before {
		t.Errorf("indexes and constraints after a large load:\n%s\nwant:\n%s", after, before)
	}
}
