package gizmo

import (
	"context"
	"testing"
	"time"
)

// FuzzRun checks that no script, however broken, panics or runs past its
// time limit.
func FuzzRun(f *testing.F) {
	for _, s := range []string{
		`g.V("<m2023>").Out("<speaker>").All()`,
		`g.V().Has("<speaker>", "<ramaphosa>").Tag("m").Out("<speaker>").All()`,
		`g.Emit({n: g.V("<xi>").In("<speaker>").Count()})`,
		`g.V(.All()`,
		`throw new Error("boom")`,
		`g.V().Out().Out().Out().Out().All()`,
		`var x = []; for (var i = 0; i < 10; i++) { x.push(i) }; g.Emit(x)`,
		`g.V("<xi>").FollowR(g.M().Out("<speaker>")).All()`,
	} {
		f.Add(s)
	}
	qs := testStore(f)
	f.Fuzz(func(t *testing.T, code string) {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		Run(ctx, qs, code, 100)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("ran %s past a 200ms limit: %q", d, code)
		}
	})
}
