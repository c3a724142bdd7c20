package kvstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph/kvstore"
)

// crashDoc is version v of document d: 200 quads that all carry v, so a
// document that is half one version and half another is easy to see.
func crashDoc(d, v int) []quad.Quad {
	l := quad.IRI(fmt.Sprintf("x:doc%d", d))
	out := make([]quad.Quad, 0, 200)
	for i := range 200 {
		out = append(out, quad.Quad{
			Subject:   quad.IRI(fmt.Sprintf("x:s%d-%d", d, i%40)),
			Predicate: quad.IRI(fmt.Sprintf("x:p%d", i%5)),
			Object:    quad.String(fmt.Sprintf("v%d item %d", v, i)),
			Label:     l,
		})
	}
	return out
}

const crashDocs = 6

// TestCrashChild is the process TestKillDuringReplace kills: it replaces
// documents with new versions until it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("PARTYGRAPH_CRASH_DIR")
	if dir == "" {
		t.Skip("run by TestKillDuringReplace")
	}
	s, err := kvstore.Open(dir, kvstore.Options{Engine: os.Getenv("PARTYGRAPH_CRASH_ENGINE"), LockTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; ; v++ {
		for d := range crashDocs {
			if _, _, _, err := s.Replace(context.Background(), []quad.Value{quad.IRI(fmt.Sprintf("x:doc%d", d))}, crashDoc(d, v)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestKillDuringReplace kills a process that is replacing documents with
// SIGKILL at random moments, on each engine, and checks after every kill
// that the store opens, passes Check, and holds each document as one whole
// version.
func TestKillDuringReplace(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: kills child processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "db")
			rng := rand.New(rand.NewPCG(7, 8))
			const kills = 4
			withData := 0
			for kill := range kills {
				cmd := exec.Command(exe, "-test.run", "^TestCrashChild$")
				cmd.Env = append(os.Environ(), "PARTYGRAPH_CRASH_DIR="+dir, "PARTYGRAPH_CRASH_ENGINE="+engine)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(200+rng.IntN(800)) * time.Millisecond)
				cmd.Process.Kill() // SIGKILL
				cmd.Wait()
				s, err := kvstore.Open(dir, kvstore.Options{Engine: engine})
				if err != nil {
					t.Fatalf("kill %d: reopen: %v", kill, err)
				}
				if err := s.Check(context.Background()); err != nil {
					t.Fatalf("kill %d: %v", kill, err)
				}
				for d := range crashDocs {
					n, whole := 0, true
					var got []quad.Quad
					s.Match(context.Background(), quad.Quad{Label: quad.IRI(fmt.Sprintf("x:doc%d", d))}, func(q quad.Quad) bool {
						got = append(got, q)
						return true
					})
					n = len(got)
					if n != 0 {
						withData++
						var v int
						fmt.Sscanf(string(got[0].Object.(quad.String)), "v%d", &v)
						want := map[quad.Quad]bool{}
						for _, q := range crashDoc(d, v) {
							want[q] = true
						}
						for _, q := range got {
							whole = whole && want[q]
						}
						whole = whole && n == len(want)
					}
					if !whole {
						t.Fatalf("kill %d: document %d holds %d quads that are not one whole version", kill, d, n)
					}
				}
				s.Close()
			}
			if withData == 0 {
				t.Errorf("no kill found any document stored: the child never wrote")
			}
			t.Logf("%d kills, %d documents found whole after them", kills, withData)
		})
	}
}
