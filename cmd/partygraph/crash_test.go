package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// TestKillDuringLoad kills a real `partygraph load` with SIGKILL at random
// moments, many times, and checks after each kill that the store opens and
// that every file's source is either all in or all out.
func TestKillDuringLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the crash test builds the binary and kills it many times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "partygraph")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	// 20 files of 500 quads each: each file is one transaction.
	const files, perFile = 20, 500
	corpus := filepath.Join(dir, "corpus")
	os.Mkdir(corpus, 0o755)
	want := map[quad.Value]string{}
	for i := 0; i < files; i++ {
		var b strings.Builder
		for j := 0; j < perFile; j++ {
			fmt.Fprintf(&b, "<https://w3id.org/partygraph/id/person/p%d-%d> <http://www.w3.org/2000/01/rdf-schema#label> \"person %d of file %d\"@en .\n", i, j, j, i)
		}
		name := filepath.Join(corpus, fmt.Sprintf("f%02d.nq", i))
		os.WriteFile(name, []byte(b.String()), 0o644)
		want[graph.SourceIRI(name)] = b.String()
	}
	kills := 15
	rng := rand.New(rand.NewPCG(1, 2))
	db := filepath.Join(dir, "store")
	// Time one whole load, so the kills land anywhere in it.
	start := time.Now()
	if out, err := exec.Command(bin, "load", "-q", "--db", db, corpus).CombinedOutput(); err != nil {
		t.Fatalf("load: %v\n%s", err, out)
	}
	whole := time.Since(start)
	checkAllOrNothing(t, db, want, perFile)
	survived, complete := 0, 0
	for k := 0; k < kills; k++ {
		os.RemoveAll(db)
		// Half the runs start from a store that already holds some files, so
		// kills also land in replacements of existing sources.
		if k%2 == 1 {
			if out, err := exec.Command(bin, "load", "-q", "--db", db, filepath.Join(corpus, "f00.nq"), filepath.Join(corpus, "f01.nq")).CombinedOutput(); err != nil {
				t.Fatalf("preload: %v\n%s", err, out)
			}
		}
		cmd := exec.Command(bin, "load", "-q", "--db", db, corpus)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-time.After(time.Duration(rng.Int64N(int64(whole)))):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
		case <-done:
			complete++
		}
		checkAllOrNothing(t, db, want, perFile)
		survived++
	}
	t.Logf("kills survived: %d of %d runs (%d finished before their kill); a whole load takes %s", survived-complete, kills, complete, whole.Round(time.Millisecond))
	if complete == kills {
		t.Errorf("every load finished before its kill: the test did not kill anything")
	}
}

func checkAllOrNothing(t *testing.T, db string, want map[quad.Value]string, perFile int) {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, db, graph.Options{})
	if err != nil {
		t.Fatalf("store does not open after a kill: %v", err)
	}
	defer s.Close()
	for label := range want {
		n := 0
		if err := s.Match(ctx, nil, nil, nil, label, func(quad.Quad) bool { n++; return true }); err != nil {
			t.Fatalf("read after a kill: %v", err)
		}
		if n != 0 && n != perFile {
			t.Fatalf("after a kill, source %s holds %d quads: neither all %d nor none", label, n, perFile)
		}
	}
}
