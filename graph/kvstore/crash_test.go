package kvstore_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
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

// bulkRound is the input of round v of TestBulkCrashChild: crashDocs new
// documents of 200 quads each, interleaved, so that every batch holds quads
// of several documents and every document spans several batches.
func bulkRound(v int) ([]quad.Value, []quad.Quad) {
	var labels []quad.Value
	docs := make([][]quad.Quad, crashDocs)
	for d := range crashDocs {
		l := quad.IRI(fmt.Sprintf("x:bulk%d-%d", v, d))
		labels = append(labels, l)
		for _, q := range crashDoc(d, v) {
			q.Label = l
			docs[d] = append(docs[d], q)
		}
	}
	var qs []quad.Quad
	for i := range 200 {
		for d := range crashDocs {
			qs = append(qs, docs[d][i])
		}
	}
	return labels, qs
}

// TestBulkCrashChild is the process TestKillDuringBulkLoad kills: it bulk
// loads round after round of new documents, in batches of 50 quads, until it
// is killed.
func TestBulkCrashChild(t *testing.T) {
	dir := os.Getenv("PARTYGRAPH_BULK_CRASH_DIR")
	if dir == "" {
		t.Skip("run by TestKillDuringBulkLoad")
	}
	first, err := strconv.Atoi(os.Getenv("PARTYGRAPH_BULK_CRASH_ROUND"))
	if err != nil {
		t.Fatal(err)
	}
	// Small sizes, so that LevelDB's loads spill runs and counters to
	// files and their transactions write tables before they commit.
	kvstore.SetBulkSizes(300, 64, 64<<10)
	s, err := kvstore.Open(dir, kvstore.Options{Engine: os.Getenv("PARTYGRAPH_CRASH_ENGINE"), LockTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for v := first; ; v++ {
		labels, qs := bulkRound(v)
		fmt.Printf("round %d start\n", v)
		if _, _, err := s.BulkLoadSources(context.Background(), labels, &sliceReader{qs: qs}, 50); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("round %d done\n", v)
	}
}

// TestKillDuringBulkLoad kills a process that bulk loads new documents with
// SIGKILL at random moments, many times, on each engine, and checks after
// every kill that the store opens (rolling back the interrupted load on
// bolt; on LevelDB a load is one transaction, and its tables and spilled
// runs go), passes Check, and holds every document whole or not at all.
func TestKillDuringBulkLoad(t *testing.T) {
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
			rng := rand.New(rand.NewPCG(9, 10))
			const kills = 6
			whole, rollbacks, interrupted := 0, 0, 0
			for kill := range kills {
				cmd := exec.Command(exe, "-test.run", "^TestBulkCrashChild$")
				cmd.Env = append(os.Environ(), "PARTYGRAPH_BULK_CRASH_DIR="+dir, "PARTYGRAPH_CRASH_ENGINE="+engine,
					"PARTYGRAPH_BULK_CRASH_ROUND="+strconv.Itoa(1+kill*100_000))
				out, err := cmd.StdoutPipe()
				if err != nil {
					t.Fatal(err)
				}
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				done := make(chan bool, 1)
				last := make(chan string, 1) // the child's last line
				go func() {
					sc := bufio.NewScanner(out)
					line := ""
					for sc.Scan() {
						line = sc.Text()
						if strings.Contains(line, "done") {
							select {
							case done <- true:
							default:
							}
						}
					}
					last <- line
				}()
				if kill == 0 { // the first kill comes after a finished round, however slow the child (-race)
					select {
					case <-done:
					case <-time.After(time.Minute):
						t.Fatal("the child finished no round in a minute")
					}
				}
				time.Sleep(time.Duration(200+rng.IntN(800)) * time.Millisecond)
				cmd.Process.Kill() // SIGKILL
				if strings.HasSuffix(<-last, "start") {
					interrupted++
				}
				cmd.Wait()
				var log bytes.Buffer
				s, err := kvstore.Open(dir, kvstore.Options{Engine: engine, Log: slog.New(slog.NewTextHandler(&log, nil))})
				if err != nil {
					t.Fatalf("kill %d: reopen: %v", kill, err)
				}
				if strings.Contains(log.String(), "rolling back") {
					rollbacks++
				}
				if err := s.Check(context.Background()); err != nil {
					t.Fatalf("kill %d: %v", kill, err)
				}
				noTemp(t, dir)
				labels, err := s.Labels(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range labels {
					var v, d int
					if _, err := fmt.Sscanf(string(l.(quad.IRI)), "x:bulk%d-%d", &v, &d); err != nil {
						t.Fatalf("kill %d: unexpected label %v", kill, l)
					}
					want := map[quad.Quad]bool{}
					for _, q := range crashDoc(d, v) {
						q.Label = l
						want[q] = true
					}
					n := 0
					s.Match(context.Background(), quad.Quad{Label: l}, func(q quad.Quad) bool {
						if !want[q] {
							t.Errorf("kill %d: document %v holds a quad of another version: %v", kill, l, q)
						}
						n++
						return true
					})
					if n != len(want) {
						t.Fatalf("kill %d: document %v holds %d of its %d quads", kill, l, n, len(want))
					}
					whole++
				}
				s.Close()
			}
			if whole == 0 {
				t.Errorf("no kill found any document stored: the child never finished a load")
			}
			if interrupted == 0 {
				t.Errorf("no kill interrupted a bulk load")
			}
			if engine == kvstore.EngineBolt && rollbacks == 0 {
				t.Errorf("no kill left a bulk load to roll back on reopen")
			}
			t.Logf("%d kills: %d interrupted a bulk load, %d rolled back on reopen; %d documents found whole", kills, interrupted, rollbacks, whole)
		})
	}
}
