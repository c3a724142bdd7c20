package graph_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/util"

	"github.com/partygraph/partygraph/graph"
)

func TestCheck(t *testing.T) {
	ctx := context.Background()
	doc := graph.SourceIRI("doc.txt")
	m := quad.IRI(graph.IDNS + "meeting/m")
	clean := []quad.Quad{
		{Subject: doc, Predicate: graph.Type, Object: graph.SourceDocument, Label: doc},
		{Subject: m, Predicate: graph.Type, Object: graph.Meeting, Label: doc},
		{Subject: m, Predicate: graph.StartDate, Object: quad.TypedString{Value: "2017-11-30", Type: graph.XSDDate}, Label: doc},
		{Subject: m, Predicate: graph.PartyCount, Object: quad.TypedString{Value: "500", Type: graph.XSDInteger}, Label: doc},
	}
	s := openStore(t, "mem:")
	if _, err := s.Replace(ctx, []quad.Value{graph.OntologySource}, graph.OntologyQuads()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Replace(ctx, []quad.Value{doc}, clean); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 0 {
		t.Errorf("clean store: problems %v", rep.Problems)
	}

	bad := append(clean,
		quad.Quad{Subject: m, Predicate: graph.EndDate, Object: quad.TypedString{Value: "2017-02-30", Type: graph.XSDDate}, Label: doc},
		quad.Quad{Subject: m, Predicate: graph.CountryCount, Object: quad.TypedString{Value: "120+", Type: graph.XSDInteger}, Label: doc},
		quad.Quad{Subject: m, Predicate: graph.Location, Object: quad.IRI(graph.IDNS + "city/nowhere"), Label: doc},
	)
	if _, err := s.Replace(ctx, []quad.Value{doc}, bad); err != nil {
		t.Fatal(err)
	}
	other := quad.IRI("https://example.org/raw")
	if _, err := s.Replace(ctx, []quad.Value{other}, []quad.Quad{{Subject: m, Predicate: graph.Label, Object: quad.String("x"), Label: other}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Replace(ctx, []quad.Value{graph.OntologySource}, graph.OntologyQuads()[:10]); err != nil {
		t.Fatal(err)
	}
	rep, err = s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`error: <https://w3id.org/partygraph/id/meeting/m> <http://schema.org/endDate> under <https://w3id.org/partygraph/source/doc>: "2017-02-30" is not a calendar date`,
		`"120+" is not an xsd:integer`,
		"warning: source <https://example.org/raw> (1 quads) has no pg:SourceDocument node",
		"warning: entity <https://w3id.org/partygraph/id/city/nowhere> is linked to",
		fmt.Sprintf("error: %d of the ontology's %d facts are missing", len(graph.OntologyQuads())-10, len(graph.OntologyQuads())),
	} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
	if rep.Errors() != 3 || len(rep.Problems) != 5 {
		t.Errorf("%d errors, %d problems, want 3 and 5:\n%s", rep.Errors(), len(rep.Problems), all)
	}
}

// TestCheckFindsDamagedIndex: a key removed behind the store's back from one
// of the embedded store's four indexes is reported as an error.
func TestCheckFindsDamagedIndex(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	s := openStore(t, "leveldb:"+dir)
	load(t, s, "testdata/roundtrip.nq")
	if _, err := s.Replace(ctx, []quad.Value{graph.OntologySource}, graph.OntologyQuads()); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		if strings.Contains(p.Msg, "layout") {
			t.Fatalf("undamaged store: %v", p)
		}
	}
	s.Close()

	db, err := leveldb.OpenFile(filepath.Join(dir, "quads.leveldb"), nil)
	if err != nil {
		t.Fatal(err)
	}
	it := db.NewIterator(util.BytesPrefix([]byte{'1'}), nil) // the POSG index
	if !it.Next() {
		t.Fatal("no key in the POSG index")
	}
	key := append([]byte(nil), it.Key()...)
	it.Release()
	if err := db.Delete(key, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s = openStore(t, "leveldb:"+dir)
	rep, err = s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors() == 0 || !strings.Contains(fmt.Sprint(rep.Problems), "store layout") {
		t.Errorf("a key missing from one index: problems %v, want a layout error", rep.Problems)
	}
}
