package sparql

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad/nquads"
)

// lubmQueries are the 14 LUBM queries (without inference) plus the shapes the
// issue compares against Oxigraph.
var lubmQueries = []struct{ name, query string }{
	{"q1", `SELECT ?X WHERE { ?X rdf:type ub:GraduateStudent . ?X ub:takesCourse <http://www.Department0.University0.edu/GraduateCourse0> }`},
	{"q2", `SELECT ?X ?Y ?Z WHERE { ?X rdf:type ub:GraduateStudent . ?Y rdf:type ub:University . ?Z rdf:type ub:Department . ?X ub:memberOf ?Z . ?Z ub:subOrganizationOf ?Y . ?X ub:undergraduateDegreeFrom ?Y }`},
	{"q3", `SELECT ?X WHERE { ?X rdf:type ub:Publication . ?X ub:publicationAuthor <http://www.Department0.University0.edu/AssistantProfessor0> }`},
	{"q4", `SELECT ?X ?Y1 ?Y2 ?Y3 WHERE { ?X rdf:type ub:FullProfessor . ?X ub:worksFor <http://www.Department0.University0.edu> . ?X ub:name ?Y1 . ?X ub:emailAddress ?Y2 . ?X ub:telephone ?Y3 }`},
	{"q5", `SELECT ?X WHERE { ?X rdf:type ub:UndergraduateStudent . ?X ub:memberOf <http://www.Department0.University0.edu> }`},
	{"q6", `SELECT ?X WHERE { ?X rdf:type ub:UndergraduateStudent }`},
	{"q7", `SELECT ?X ?Y WHERE { ?X rdf:type ub:UndergraduateStudent . ?Y rdf:type ub:Course . ?X ub:takesCourse ?Y . <http://www.Department0.University0.edu/AssociateProfessor0> ub:teacherOf ?Y }`},
	{"q8", `SELECT ?X ?Y ?Z WHERE { ?X rdf:type ub:UndergraduateStudent . ?Y rdf:type ub:Department . ?X ub:memberOf ?Y . ?Y ub:subOrganizationOf <http://www.University0.edu> . ?X ub:emailAddress ?Z }`},
	{"q9", `SELECT ?X ?Y ?Z WHERE { ?X rdf:type ub:UndergraduateStudent . ?Y rdf:type ub:FullProfessor . ?Z rdf:type ub:Course . ?X ub:advisor ?Y . ?Y ub:teacherOf ?Z . ?X ub:takesCourse ?Z }`},
	{"q10", `SELECT ?X WHERE { ?X rdf:type ub:GraduateStudent . ?X ub:takesCourse <http://www.Department0.University0.edu/GraduateCourse0> }`},
	{"q11", `SELECT ?X WHERE { ?X rdf:type ub:ResearchGroup . ?X ub:subOrganizationOf <http://www.University0.edu> }`},
	{"q12", `SELECT ?X ?Y WHERE { ?X rdf:type ub:FullProfessor . ?X ub:worksFor ?Y . ?Y rdf:type ub:Department . ?Y ub:subOrganizationOf <http://www.University0.edu> }`},
	{"q13", `SELECT ?X WHERE { ?X rdf:type ub:GraduateStudent . ?X ub:undergraduateDegreeFrom <http://www.University0.edu> }`},
	{"q14", `SELECT ?X WHERE { ?X rdf:type ub:UndergraduateStudent }`},
	{"star", `SELECT ?n ?e ?t ?d WHERE { <http://www.Department0.University0.edu/FullProfessor0> ub:name ?n ; ub:emailAddress ?e ; ub:telephone ?t ; ub:doctoralDegreeFrom ?d ; ub:worksFor ?w }`},
	{"triangle", `SELECT ?s ?p ?c WHERE { ?s ub:advisor ?p . ?p ub:teacherOf ?c . ?s ub:takesCourse ?c }`},
	{"filter", `SELECT ?x ?n WHERE { ?x ub:name ?n FILTER(STRSTARTS(?n, "Graduate") && STRLEN(?n) > 15) }`},
	{"orderlimit", `SELECT ?x ?e WHERE { ?x ub:emailAddress ?e } ORDER BY DESC(?e) LIMIT 10`},
	{"count", `SELECT (COUNT(*) AS ?n) WHERE { ?x ub:memberOf ?d . ?d ub:subOrganizationOf ?u . ?x ub:takesCourse ?c . ?x ub:advisor ?a }`},
	{"groupby", `SELECT ?d (COUNT(?x) AS ?n) WHERE { ?x ub:memberOf ?d } GROUP BY ?d ORDER BY DESC(?n) LIMIT 5`},
	{"path", `SELECT ?x ?u WHERE { ?x ub:subOrganizationOf+ ?u }`},
}

const lubmPrefixes = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX ub: <http://swat.cse.lehigh.edu/onto/univ-bench.owl#>\n"

// loadNQuadsGz reads a gzipped N-Quads file into a MemStore.
func loadNQuadsGz(tb testing.TB, path string) *MemStore {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("LUBM data not available: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	st := NewMemStore()
	r := nquads.NewReader(zr, false)
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		st.Add(q)
	}
	return st
}

func lubmPath(name string) string {
	return filepath.Join("..", "..", "..", "shared", "lubm", name)
}

func BenchmarkParse(b *testing.B) {
	for _, lq := range lubmQueries {
		b.Run(lq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(lubmPrefixes + lq.query); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchQueries(b *testing.B, file string) {
	st := loadNQuadsGz(b, lubmPath(file))
	for _, lq := range lubmQueries {
		q, err := Parse(lubmPrefixes + lq.query)
		if err != nil {
			b.Fatal(err)
		}
		benchExec(b, st, lq.name, q)
	}
}

// benchExec runs q on st as sub-benchmark name, reporting the rows of its
// answer; with $SPARQL_BENCH_NOHASH set, BGP steps never switch to hash
// tables (to compare with index nested loops).
func benchExec(b *testing.B, st Store, name string, q *Query) {
	ctx := context.Background()
	opt := Options{noHash: os.Getenv("SPARQL_BENCH_NOHASH") != ""}
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		rows := 0
		for b.Loop() {
			res, err := Exec(ctx, st, q, opt)
			if err != nil {
				b.Fatal(err)
			}
			rows = len(res.Rows)
		}
		b.ReportMetric(float64(rows), "rows")
	})
}

// BenchmarkQuery runs the LUBM queries on LUBM(1) (about 10^5 quads) in a MemStore.
func BenchmarkQuery(b *testing.B) { benchQueries(b, "lubm1.nq.gz") }

// BenchmarkQueryLUBM10 runs them on LUBM(10) (about 1.3*10^6 quads).
func BenchmarkQueryLUBM10(b *testing.B) { benchQueries(b, "lubm10.nq.gz") }

// generatedQueries run over universityStoreN.
var generatedQueries = []struct{ name, query string }{
	{"star-const", `SELECT ?s ?n ?d WHERE { ?s u:advisor <http://example.org/prof3> ; u:name ?n ; u:memberOf ?d ; a u:Student }`},
	{"scan", `SELECT ?s WHERE { ?s a u:Student }`},
	{"triangle", `SELECT ?s ?p ?c WHERE { ?s u:advisor ?p . ?p u:teacherOf ?c . ?s u:takesCourse ?c }`},
	{"filter", `SELECT ?s ?n WHERE { ?s u:name ?n FILTER(STRENDS(?n, "7")) }`},
	{"order-limit", `SELECT ?s ?n WHERE { ?s u:name ?n } ORDER BY DESC(?n) LIMIT 10`},
	{"count-join", `SELECT (COUNT(*) AS ?k) WHERE { ?s u:memberOf ?d ; u:advisor ?p . ?p u:teacherOf ?c . ?s u:takesCourse ?c }`},
	{"group", `SELECT ?d (COUNT(?s) AS ?k) WHERE { ?s u:memberOf ?d } GROUP BY ?d`},
	{"graph", `SELECT ?g (COUNT(*) AS ?k) WHERE { GRAPH ?g { ?s a u:Student } } GROUP BY ?g`},
}

const genPrefixes = "PREFIX u: <http://example.org/u#>\n"

func benchGenerated(b *testing.B, students int) {
	st := universityStoreN(students)
	b.Logf("%d quads", st.Len())
	ctx := context.Background()
	for _, gq := range generatedQueries {
		q, err := Parse(genPrefixes + gq.query)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(gq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Exec(ctx, st, q, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGenerated1e5 and BenchmarkGenerated1e6 run on generated graphs of
// about 10^5 and 10^6 quads.
func BenchmarkGenerated1e5(b *testing.B) { benchGenerated(b, 15000) }
func BenchmarkGenerated1e6(b *testing.B) { benchGenerated(b, 150000) }

// BenchmarkPlan measures translation and join ordering (Explain) alone.
func BenchmarkPlan(b *testing.B) {
	st := universityStoreN(15000)
	ctx := context.Background()
	for _, gq := range generatedQueries {
		b.Run(gq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				q, err := Parse(genPrefixes + gq.query)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := q.Explain(ctx, st, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
