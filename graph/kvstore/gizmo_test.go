package kvstore_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph/kvstore"
	"github.com/partygraph/partygraph/queries/gizmo"
)

// TestGizmo runs Gizmo queries (Cayley's query language, through
// partygraph's queries/gizmo) over the store on both engines and checks the
// answers are memstore's.
func TestGizmo(t *testing.T) {
	quads := []quad.Quad{
		quad.Make(quad.IRI("m2017"), quad.IRI("organizer"), quad.IRI("idcpc"), quad.IRI("src/a")),
		quad.Make(quad.IRI("m2023"), quad.IRI("organizer"), quad.IRI("idcpc"), quad.IRI("src/a")),
		quad.Make(quad.IRI("m2023"), quad.IRI("organizer"), quad.IRI("idcpc"), quad.IRI("src/b")),
		quad.Make(quad.IRI("m2014"), quad.IRI("organizer"), quad.IRI("other"), quad.IRI("src/b")),
		quad.Make(quad.IRI("m2017"), quad.IRI("startDate"), quad.TypedString{Value: "2017-11-30", Type: "http://www.w3.org/2001/XMLSchema#date"}, quad.IRI("src/a")),
		quad.Make(quad.IRI("m2023"), quad.IRI("startDate"), quad.TypedString{Value: "2023-03-15", Type: "http://www.w3.org/2001/XMLSchema#date"}, quad.IRI("src/b")),
		quad.Make(quad.IRI("m2023"), quad.IRI("follows"), quad.IRI("m2017"), quad.IRI("src/b")),
		quad.Make(quad.IRI("m2017"), quad.IRI("label"), quad.LangString{Value: "高层对话会", Lang: "zh-Hans"}, quad.IRI("src/a")),
	}
	queries := []string{
		`g.V("<idcpc>").In("<organizer>").Out("<startDate>").All()`,
		`g.V("<idcpc>").In("<organizer>").Tag("m").Out("<startDate>").Tag("d").All()`,
		`g.V().Has("<organizer>", "<idcpc>").All()`,
		`g.Emit({n: g.V("<idcpc>").In("<organizer>").Count()})`,
		`g.V("<m2023>").FollowRecursive("<follows>").All()`,
		`g.V().Out("<label>").All()`,
		`g.V("<m2017>").LabelContext("<src/a>").Out().All()`,
		`g.V("<nobody>").Out().All()`,
	}
	run := func(qs graph.QuadStore) []string {
		var out []string
		for _, code := range queries {
			res, err := gizmo.Run(context.Background(), qs, code, 0)
			if err != nil {
				t.Fatalf("%s: %v", code, err)
			}
			var rows []string
			for _, r := range res {
				b, _ := json.Marshal(r)
				rows = append(rows, string(b))
			}
			sort.Strings(rows)
			b, _ := json.Marshal(rows)
			out = append(out, code+" => "+string(b))
		}
		return out
	}
	want := run(memstore.New(quads...))
	if testing.Verbose() {
		for _, w := range want {
			t.Log(w)
		}
	}
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			s, err := kvstore.Open(filepath.Join(t.TempDir(), "db"), kvstore.Options{Engine: engine})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.ApplyDeltas(adds(quads), graph.IgnoreOpts{}); err != nil {
				t.Fatal(err)
			}
			got := run(s)
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("\n got %s\nwant %s", got[i], want[i])
				}
			}
		})
	}
}

func adds(qs []quad.Quad) []graph.Delta {
	out := make([]graph.Delta, len(qs))
	for i, q := range qs {
		out[i] = graph.Delta{Quad: q, Action: graph.Add}
	}
	return out
}
