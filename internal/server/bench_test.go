package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// benchQuads is the size of the generated graph of the benchmarks:
// $PARTYGRAPH_BENCH_QUADS, or 10^6 as the issue asks.
func benchQuads(b *testing.B) int {
	if s := os.Getenv("PARTYGRAPH_BENCH_QUADS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("PARTYGRAPH_BENCH_QUADS: %v", err)
		}
		return n
	}
	return 1_000_000
}

// genGraph fills the store db with about n quads shaped like the real
// graph: series of meetings, each with up to 150 speakers and attendees,
// people with labels in English and Chinese leading parties in countries,
// every fact stated by one of 50 sources. It returns the store and the
// meetings and people, for the requests.
func genGraph(b *testing.B, db string, n int) (*graph.Store, []quad.IRI, []string) {
	b.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, db, graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	r := rand.New(rand.NewPCG(1, 2))
	bySource := map[quad.Value][]quad.Quad{}
	total := 0
	src := func() quad.Value { return quad.IRI(fmt.Sprintf("%sdoc-%02d", graph.SourceNS, r.IntN(50))) }
	add := func(s, p, o quad.Value) {
		l := src()
		bySource[l] = append(bySource[l], quad.Quad{Subject: s, Predicate: p, Object: o, Label: l})
		total++
	}
	en := func(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "en"} }
	zh := func(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "zh-Hans"} }
	var people []quad.IRI
	var names []string
	var meetings []quad.IRI
	countries := 200
	for i := 0; i < countries; i++ {
		c := graph.EntityIRI(graph.KindCountry, fmt.Sprintf("c%d", i))
		add(c, graph.Type, graph.Country)
		add(c, graph.Label, en(fmt.Sprintf("Country %d", i)))
	}
	for s := 0; total < n; s++ {
		series := graph.EntityIRI(graph.KindSeries, fmt.Sprintf("s%d", s))
		add(series, graph.Type, graph.MeetingSeries)
		add(series, graph.Label, en(fmt.Sprintf("Dialogue series %d", s)))
		var prev quad.IRI
		for m := 0; m < 10 && total < n; m++ {
			mt := graph.EntityIRI(graph.KindMeeting, fmt.Sprintf("s%d-m%d", s, m))
			meetings = append(meetings, mt)
			add(mt, graph.Type, graph.Meeting)
			add(mt, graph.Label, en(fmt.Sprintf("Dialogue %d meeting %d", s, m)))
			add(mt, graph.SuperEvent, series)
			add(mt, graph.StartDate, quad.TypedString{Value: quad.String(fmt.Sprintf("%04d-%02d-15", 1990+m, 1+s%12)), Type: graph.XSDDate})
			if prev != "" {
				add(mt, graph.Follows, prev)
				add(prev, graph.FollowedBy, mt)
			}
			prev = mt
			for range 1 + r.IntN(150) {
				p := graph.EntityIRI(graph.KindPerson, fmt.Sprintf("p%d", len(people)))
				name := fmt.Sprintf("Name%d Surname%d", len(people), r.IntN(1000))
				people = append(people, p)
				names = append(names, name)
				add(p, graph.Type, graph.Person)
				add(p, graph.Label, en(name))
				add(p, graph.Label, zh(fmt.Sprintf("人名%d号", len(people))))
				party := graph.EntityIRI(graph.KindParty, fmt.Sprintf("party%d", len(people)))
				add(party, graph.Type, graph.PoliticalParty)
				add(party, graph.Label, en(fmt.Sprintf("Party of %s", name)))
				add(party, graph.CountryProp, graph.EntityIRI(graph.KindCountry, fmt.Sprintf("c%d", r.IntN(countries))))
				add(p, graph.LeaderOf, party)
				add(mt, graph.Speaker, p)
				add(mt, graph.Attendee, party)
			}
		}
	}
	for l, qs := range bySource {
		if _, err := st.Replace(ctx, []quad.Value{l}, qs); err != nil {
			b.Fatal(err)
		}
	}
	return st, meetings, names
}

// latencies records the time of each request and reports p50 and p99.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	b.ReportMetric(ms(l[len(l)/2]), "p50-ms")
	b.ReportMetric(ms(l[len(l)*99/100]), "p99-ms")
}

// benchStores are the stores the explorer benchmarks run on: the embedded
// default (what `partygraph serve` uses) and Cayley's memstore as its peer
// in the same run.
var benchStores = []struct {
	name string
	db   func(b *testing.B) string // the --db of a new store
}{
	{"default", func(b *testing.B) string { return filepath.Join(b.TempDir(), "db") }},
	{"mem", func(*testing.B) string { return "mem:" }},
}

// forEachStore runs bench as a sub-benchmark on each of benchStores.
func forEachStore(b *testing.B, bench func(b *testing.B, db string)) {
	for _, be := range benchStores {
		b.Run(be.name, func(b *testing.B) { bench(b, be.db(b)) })
	}
}

func benchServer(b *testing.B, db string) (*Server, []quad.IRI, []string) {
	st, meetings, names := genGraph(b, db, benchQuads(b))
	s := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	start := time.Now()
	if err := s.Reindex(context.Background()); err != nil {
		b.Fatal(err)
	}
	n, _ := st.Count(context.Background())
	b.Logf("%s: %d quads, %d meetings, %d people; index built in %s", st.Backend(), n, len(meetings), len(names), time.Since(start).Round(time.Millisecond))
	return s, meetings, names
}

// BenchmarkEntity measures /api/entity on meetings (neighbourhoods of up to
// about 300 edges: speakers and attendees) through the whole handler, and
// reports the mean and largest number of edges it answered.
func BenchmarkEntity(b *testing.B) { forEachStore(b, benchEntity) }

func benchEntity(b *testing.B, db string) {
	s, meetings, _ := benchServer(b, db)
	r := rand.New(rand.NewPCG(3, 4))
	var lat latencies
	edges, maxEdges := 0, 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := meetings[r.IntN(len(meetings))]
		req := httptest.NewRequest("GET", "/api/entity?iri="+url.QueryEscape(string(m)), nil)
		rec := httptest.NewRecorder()
		t0 := time.Now()
		s.ServeHTTP(rec, req)
		lat = append(lat, time.Since(t0))
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
		b.StopTimer()
		var e struct{ Edges []json.RawMessage }
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
			b.Fatal(err)
		}
		edges += len(e.Edges)
		maxEdges = max(maxEdges, len(e.Edges))
		b.StartTimer()
	}
	lat.report(b)
	b.ReportMetric(float64(edges)/float64(len(lat)), "edges/op")
	b.ReportMetric(float64(maxEdges), "max-edges")
}

// BenchmarkSearch measures /api/search with prefixes of English names and
// Chinese labels.
func BenchmarkSearch(b *testing.B) { forEachStore(b, benchSearch) }

func benchSearch(b *testing.B, db string) {
	s, _, names := benchServer(b, db)
	r := rand.New(rand.NewPCG(5, 6))
	var lat latencies
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		var q string
		if i%2 == 0 {
			name := names[r.IntN(len(names))]
			q = name[:min(len(name), 4+r.IntN(8))]
		} else {
			q = fmt.Sprintf("人名%d", r.IntN(len(names)))
		}
		req := httptest.NewRequest("GET", "/api/search?q="+url.QueryEscape(q), nil)
		rec := httptest.NewRecorder()
		t0 := time.Now()
		s.ServeHTTP(rec, req)
		lat = append(lat, time.Since(t0))
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	}
	lat.report(b)
}

// BenchmarkReindex measures building the search index and node labels, which
// the server does at start.
func BenchmarkReindex(b *testing.B) { forEachStore(b, benchReindex) }

func benchReindex(b *testing.B, db string) {
	st, _, _ := genGraph(b, db, benchQuads(b))
	s := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := s.Reindex(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
