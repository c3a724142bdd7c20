package kvstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph/kvstore"
)

// TestSettle checks that after a bulk load and a small write, Settle leaves
// nothing for the next open to do on LevelDB: no journal to replay (the
// small write would otherwise wait in it) and no table on level 0 (the bulk
// load's tables are put there when it commits), while the content stays.
func TestSettle(t *testing.T) {
	t.Cleanup(kvstore.SetBulkSizes(1<<20, 1<<20, 64<<10)) // the load writes many tables
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	s, err := kvstore.Open(dir, kvstore.Options{Engine: kvstore.EngineLevelDB})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	m := model{}
	var qs []quad.Quad
	var labels []quad.Value
	for i := range 400 {
		l := quad.IRI(fmt.Sprintf("x:doc%d", i))
		labels = append(labels, l)
		for j, q := range randomDoc(r, l) {
			q.Subject = quad.IRI(fmt.Sprintf("x:s%d-%d", i, j)) // many keys
			qs = append(qs, q)
			if m[l] == nil {
				m[l] = map[quad.Quad]bool{}
			}
			m[l][q] = true
		}
	}
	if _, _, err := s.BulkLoadSources(ctx, labels, &sliceReader{qs: qs}, 100); err != nil {
		t.Fatal(err)
	}
	small := randomDoc(r, quad.IRI("x:late"))
	if _, _, _, err := s.Replace(ctx, []quad.Value{quad.IRI("x:late")}, small); err != nil {
		t.Fatal(err)
	}
	m[quad.IRI("x:late")] = map[quad.Quad]bool{}
	for _, q := range small {
		m[quad.IRI("x:late")][q] = true
	}
	before, err := kvstore.LevelTables(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) == 0 || before[0] == 0 {
		t.Logf("before Settle, level 0 holds no table (%v): the check of level 0 below proves less", before)
	}
	if err := s.Settle(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := kvstore.LevelTables(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) == 0 || after[0] != 0 {
		t.Errorf("after Settle the levels hold %v tables, want none on level 0", after)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	journals, err := filepath.Glob(filepath.Join(dir, "*", "*.log"))
	if err != nil {
		t.Fatal(err)
	}
	if len(journals) == 0 {
		t.Fatalf("no journal found in %s", dir)
	}
	for _, f := range journals {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() != 0 && !strings.HasSuffix(f, "LOG") {
			t.Errorf("%s holds %d bytes after Settle: the next open replays them", f, fi.Size())
		}
	}
	s = open(t, dir, "")
	checkPatterns(t, s, m)
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestSettleBolt checks that Settle is harmless on bolt.
func TestSettleBolt(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "db"), kvstore.EngineBolt)
	if err := s.Settle(context.Background()); err != nil {
		t.Fatal(err)
	}
}
