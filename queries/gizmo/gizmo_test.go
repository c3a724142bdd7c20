package gizmo

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
)

func testStore(t testing.TB) *memstore.QuadStore {
	t.Helper()
	qs := memstore.New(
		quad.Make(quad.IRI("m2017"), quad.IRI("speaker"), quad.IRI("xi"), quad.IRI("src/a")),
		quad.Make(quad.IRI("m2023"), quad.IRI("speaker"), quad.IRI("xi"), quad.IRI("src/a")),
		quad.Make(quad.IRI("m2023"), quad.IRI("speaker"), quad.IRI("ramaphosa"), quad.IRI("src/b")),
		quad.Make(quad.IRI("xi"), quad.IRI("label"), quad.LangString{Value: "Xi Jinping", Lang: "en"}, quad.IRI("src/a")),
	)
	return qs
}

func TestRun(t *testing.T) {
	qs := testStore(t)
	tests := []struct {
		name  string
		code  string
		limit int
		want  string // JSON of the results
	}{
		{"vertices", `g.V("<m2023>").Out("<speaker>").All()`, 0, `[{"id":"<ramaphosa>"},{"id":"<xi>"}]`},
		{"tags", `g.V().Has("<speaker>", "<ramaphosa>").Tag("m").Out("<speaker>").All()`, 0, `[{"id":"<ramaphosa>","m":"<m2023>"},{"id":"<xi>","m":"<m2023>"}]`},
		{"limit", `g.V("<xi>").Out("<label>").All()`, 1, `[{"id":"Xi Jinping"}]`},
		{"limit cuts", `g.V().Has("<speaker>").All()`, 1, `[{"id":"<m2017>"}]`},
		{"emit", `g.Emit({n: g.V("<xi>").In("<speaker>").Count()})`, 0, `[{"n":2}]`},
		{"literal", `g.V("<xi>").Out("<label>").All()`, 0, `[{"id":"Xi Jinping"}]`},
		{"nothing", `g.V("<nobody>").Out().All()`, 0, `[]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Run(context.Background(), qs, tc.code, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(sortByID(got)); err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(b.String()) != tc.want {
				t.Errorf("got  %s\nwant %s", b.String(), tc.want)
			}
		})
	}
}

// sortByID orders results by their "id" so tests do not depend on the
// store's iteration order.
func sortByID(v []any) []any {
	id := func(x any) string {
		if m, ok := x.(map[string]any); ok {
			s, _ := m["id"].(string)
			return s
		}
		return ""
	}
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && id(v[j]) < id(v[j-1]); j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
	return v
}

func TestRunErrors(t *testing.T) {
	qs := testStore(t)
	tests := []struct {
		name string
		code string
	}{
		{"empty", "  "},
		{"syntax", `g.V(.All()`},
		{"exception", `throw new Error("boom")`},
		{"unknown function", `g.Nope()`},
		// Cayley panics on these inside the script's goroutine, where no
		// caller can recover: each used to end the whole process.
		{"empty Has", `g.V().Has("").All()`},
		{"empty Has with out", `g.V().Has("").Out(">").All()`},
		{"runaway recursion", `function f(n) { return f(n + 1) + 1 }; f(0)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(context.Background(), qs, tc.code, 0)
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("got %v (%T), want a *gizmo.Error", err, err)
			}
		})
	}
}

func TestRunTimeout(t *testing.T) {
	qs := testStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := Run(ctx, qs, `while (true) {}`, 0)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
}
