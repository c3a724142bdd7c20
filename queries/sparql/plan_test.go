package sparql

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// universityStore is a small deterministic university graph with skewed
// cardinalities, for plan goldens: 600 students, 30 professors, 60 courses,
// 6 departments, in two source documents.
func universityStore() *MemStore { return universityStoreN(600) }

// universityStoreN is universityStore with n students (about 7n quads); the
// numbers of professors, courses and departments grow with n.
func universityStoreN(n int) *MemStore {
	nprof, ncourse, ndept := max(30, n/20), max(60, n/10), max(6, n/100)
	u := func(s string) quad.IRI { return quad.IRI("http://example.org/u#" + s) }
	id := func(kind string, i int) quad.IRI { return quad.IRI("http://example.org/" + kind + strconv.Itoa(i)) }
	st := NewMemStore()
	add := func(s, p, o quad.Value, doc int) {
		st.Add(quad.Quad{Subject: s, Predicate: p, Object: o, Label: id("doc", doc)})
	}
	typ := quad.IRI(rdfType)
	for d := 0; d < ndept; d++ {
		add(id("dept", d), typ, u("Department"), 1)
	}
	for c := 0; c < ncourse; c++ {
		add(id("course", c), typ, u("Course"), 1)
		add(id("course", c), u("title"), quad.String("Course "+strconv.Itoa(c)), 1)
	}
	for p := 0; p < nprof; p++ {
		add(id("prof", p), typ, u("Professor"), 1)
		add(id("prof", p), u("name"), quad.String("Prof "+strconv.Itoa(p)), 1)
		add(id("prof", p), u("teacherOf"), id("course", 2*p), 1)
		add(id("prof", p), u("teacherOf"), id("course", 2*p+1), 1)
	}
	for s := 0; s < n; s++ {
		doc := 1 + s%2
		add(id("student", s), typ, u("Student"), doc)
		add(id("student", s), u("name"), quad.String("Student "+strconv.Itoa(s)), doc)
		add(id("student", s), u("memberOf"), id("dept", s%ndept), doc)
		add(id("student", s), u("advisor"), id("prof", s%nprof), doc)
		for k := 0; k < 3; k++ {
			add(id("student", s), u("takesCourse"), id("course", (s+k*7)%ncourse), doc)
		}
	}
	return st
}

// TestPlanGolden prints the plans of testdata/plan/*.rq over universityStore
// and compares them with the .golden files; each golden also records the
// number of solutions, which must not depend on the plan.
func TestPlanGolden(t *testing.T) {
	st := universityStore()
	files, err := filepath.Glob(filepath.Join("testdata", "plan", "*.rq"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no plan queries: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".rq")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			q, err := Parse(string(src))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			plan, err := q.Explain(context.Background(), st, Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Exec(context.Background(), st, q, Options{})
			if err != nil {
				t.Fatal(err)
			}
			looped, err := Exec(context.Background(), st, q, Options{noHash: true})
			if err != nil {
				t.Fatal(err)
			}
			if formatResult(res) != formatResult(looped) {
				t.Errorf("hash steps and nested loops disagree")
			}
			got := plan + "\n" + strconv.Itoa(len(res.Rows)) + " solutions\n"
			golden := strings.TrimSuffix(f, ".rq") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("plan of %s differs from %s:\ngot:\n%s\nwant:\n%s", f, golden, got, want)
			}
		})
	}
}

// estimateCounter counts the Estimate calls of the patterns it is asked
// about, by number of constants.
type estimateCounter struct {
	*MemStore
	calls map[int]int
}

func (s estimateCounter) Estimate(ctx context.Context, sp, p, o, g quad.Value) int64 {
	n := 0
	for _, v := range []quad.Value{sp, p, o} {
		if v != nil {
			n++
		}
	}
	s.calls[n]++
	return s.MemStore.Estimate(ctx, sp, p, o, g)
}

// TestPlanStopsAtEmptyPattern checks that the planner estimates patterns
// with one constant before those with more (which may make a store count
// keys), and none after one that matches nothing.
func TestPlanStopsAtEmptyPattern(t *testing.T) {
	st := estimateCounter{universityStore(), map[int]int{}}
	q, err := Parse(`PREFIX u: <http://example.org/u#>
SELECT ?s WHERE {
  ?s u:memberOf <http://example.org/dept1> .
  ?s u:advisor ?p .
  ?s u:nickname ?n .
  ?p u:name ?name .
}`)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Exec(context.Background(), st, q, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 0 {
		t.Fatalf("%d rows, want none (no u:nickname)", len(res.Rows))
	}
	// u:advisor (one constant) is estimated, then u:nickname, which matches
	// nothing: neither u:name nor the two-constant u:memberOf pattern is.
	if st.calls[2] != 0 || st.calls[1] != 2 {
		t.Errorf("estimates by number of constants: %v, want 2 of one constant and none of two", st.calls)
	}
}
