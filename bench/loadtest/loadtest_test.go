package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/gen"
	"github.com/partygraph/partygraph/internal/server"
)

// newServer serves a generated graph of n quads from the default embedded
// store, as `partygraph serve` does, wrapped by wrap (if not nil).
func newServer(t *testing.T, n int, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	var nq bytes.Buffer
	if _, err := gen.WriteNQuads(&nq, gen.Config{Seed: 1, Quads: n}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "gen.nq")
	if err := os.WriteFile(path, nq.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(t.Context(), filepath.Join(dir, "db"), graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	quads, labels, err := graph.ReadQuadFile(path, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Replace(t.Context(), labels, quads); err != nil {
		t.Fatal(err)
	}
	s := server.New(st, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err := s.Reindex(t.Context()); err != nil {
		t.Fatal(err)
	}
	var h http.Handler = s
	if wrap != nil {
		h = wrap(s)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// TestLoad is the short load test: a few clients on a small graph for two
// seconds; every answer must be well-formed, and every kind of request
// must have been answered.
func TestLoad(t *testing.T) {
	ts := newServer(t, 20000, nil)
	d := 2 * time.Second
	if testing.Short() {
		d = time.Second
	}
	clients := server.DefaultMaxQueries // no more than the query slots: nobody is busy
	rep, err := Run(t.Context(), Config{URL: ts.URL, Clients: clients, Duration: d, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	rep.Print(&out)
	t.Log("\n" + out.String())
	if rep.Total.Errors != 0 || rep.Total.Busy != 0 {
		t.Errorf("%d errors and %d busy answers, want none", rep.Total.Errors, rep.Total.Busy)
	}
	for _, k := range rep.Kinds {
		if k.OK == 0 {
			t.Errorf("no %s request was answered", k.Kind)
		}
		if k.OK > 0 && (k.P50 <= 0 || k.P99 < k.P50 || k.Max < k.P99) {
			t.Errorf("%s: p50 %s p99 %s max %s", k.Kind, k.P50, k.P99, k.Max)
		}
	}
	if rep.Throughput() <= 0 {
		t.Errorf("throughput %f", rep.Throughput())
	}
}

// TestLoadCountsFailures checks that failures are counted, and busy
// answers apart from them: the server is wrapped so that the timeline fails
// and the sources are always busy.
func TestLoadCountsFailures(t *testing.T) {
	ts := newServer(t, 5000, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/api/timeline":
				http.Error(w, "broken", http.StatusInternalServerError)
			case "/api/sources":
				w.WriteHeader(http.StatusServiceUnavailable)
				w.Write([]byte(`{"error": "busy: 4 queries are running"}`))
			case "/api/search":
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				w.Write([]byte(`{"query": "x", "results": [`)) // cut short
			default:
				h.ServeHTTP(w, r)
			}
		})
	})
	rep, err := Run(t.Context(), Config{URL: ts.URL, Clients: 2, Duration: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]KindStats{}
	for _, k := range rep.Kinds {
		by[k.Kind] = k
	}
	if k := by["api-timeline"]; k.Errors == 0 || k.OK != 0 || k.Busy != 0 {
		t.Errorf("timeline answering 500: %+v", k)
	}
	if k := by["api-sources"]; k.Busy == 0 || k.OK != 0 || k.Errors != 0 {
		t.Errorf("sources answering busy: %+v", k)
	}
	if k := by["api-search"]; k.Errors == 0 || k.OK != 0 {
		t.Errorf("search answering bad JSON: %+v", k)
	}
	if k := by["api-entity"]; k.Errors != 0 || k.OK == 0 {
		t.Errorf("entity: %+v", k)
	}
	if rep.Total.Errors != by["api-timeline"].Errors+by["api-search"].Errors || len(rep.Samples) == 0 {
		t.Errorf("total %+v, samples %q", rep.Total, rep.Samples)
	}
}

func TestLoadNeedsMeetings(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/sparql-results+json")
		w.Write([]byte(`{"head": {"vars": ["m", "s"]}, "results": {"bindings": []}}`))
	}))
	defer ts.Close()
	_, err := Run(context.Background(), Config{URL: ts.URL, Clients: 1, Duration: time.Second})
	if err == nil || !strings.Contains(err.Error(), "0 meetings") {
		t.Errorf("Run on an empty graph: %v", err)
	}
}

// TestChecks feeds each kind's check a well-formed answer and broken ones.
func TestChecks(t *testing.T) {
	const (
		jsonCT = "application/json; charset=utf-8"
		srjCT  = "application/sparql-results+json"
		m      = "https://w3id.org/partygraph/id/meeting/m1"
	)
	kinds := map[string]Kind{}
	for _, k := range Mix() {
		kinds[k.Name] = k
	}
	tests := []struct {
		kind, name, ctype, body, want string
		ok                            bool
	}{
		{"sparql-lookup", "good", srjCT, `{"head":{"vars":["p","o"]},"results":{"bindings":[{"p":{"type":"uri","value":"x"},"o":{"type":"literal","value":""}}]}}`, "", true},
		{"sparql-lookup", "no rows", srjCT, `{"head":{"vars":["p","o"]},"results":{"bindings":[]}}`, "", false},
		{"sparql-lookup", "other variables", srjCT, `{"head":{"vars":["p"]},"results":{"bindings":[{"p":{"type":"uri","value":"x"}}]}}`, "", false},
		{"sparql-lookup", "binding not in head", srjCT, `{"head":{"vars":["p","o"]},"results":{"bindings":[{"q":{"type":"uri","value":"x"}}]}}`, "", false},
		{"sparql-lookup", "bad term type", srjCT, `{"head":{"vars":["p","o"]},"results":{"bindings":[{"p":{"type":"iri","value":"x"}}]}}`, "", false},
		{"sparql-lookup", "trailing data", srjCT, `{"head":{"vars":["p","o"]},"results":{"bindings":[{"p":{"type":"uri","value":"x"}}]}} {}`, "", false},
		{"sparql-lookup", "cut short", srjCT, `{"head":{"vars":["p","o"]},"results":{"bindings":[`, "", false},
		{"sparql-lookup", "content type", "application/json", `{"head":{"vars":["p","o"]},"results":{"bindings":[{"p":{"type":"uri","value":"x"}}]}}`, "", false},
		{"sparql-aggregate", "empty is fine", srjCT, `{"head":{"vars":["m","n"]},"results":{"bindings":[]}}`, "", true},
		{"sparql-join", "good", "text/csv; charset=utf-8", "person,name,party\r\nhttp://p,Name,http://q\r\n", "", true},
		{"sparql-join", "ragged", "text/csv; charset=utf-8", "person,name,party\r\nhttp://p,Name\r\n", "", false},
		{"sparql-join", "header", "text/csv; charset=utf-8", "a,b,c\r\n", "", false},
		{"sparql-construct", "good", "application/n-quads", "<" + m + "> <http://p> \"x\" .\n", m, true},
		{"sparql-construct", "not about it", "application/n-quads", "<http://other> <http://p> \"x\" .\n", m, false},
		{"sparql-construct", "syntax", "application/n-quads", "<" + m + "> <http://p> \"x .\n", m, false},
		{"api-search", "good", jsonCT, `{"query":"ab","results":[{"iri":"http://x","label":"Abc"}]}`, "ab", true},
		{"api-search", "other query", jsonCT, `{"query":"b","results":[{"iri":"http://x","label":"Abc"}]}`, "ab", false},
		{"api-search", "no label", jsonCT, `{"query":"ab","results":[{"iri":"http://x"}]}`, "ab", false},
		{"api-search", "nothing", jsonCT, `{"query":"ab","results":[]}`, "ab", false},
		{"api-entity", "good", jsonCT, `{"iri":"` + m + `","label":"M","facts":[{"property":"p","values":[{"type":"uri","value":"v","sources":["s"]}]}]}`, m, true},
		{"api-entity", "other entity", jsonCT, `{"iri":"http://x","label":"M","facts":[{"property":"p","values":[{"type":"uri","value":"v","sources":["s"]}]}]}`, m, false},
		{"api-entity", "no source", jsonCT, `{"iri":"` + m + `","label":"M","facts":[{"property":"p","values":[{"type":"uri","value":"v","sources":[]}]}]}`, m, false},
		{"api-entity", "not UTF-8", jsonCT, "{\"iri\":\"" + m + "\",\"label\":\"\xff\",\"facts\":[]}", m, false},
		{"api-timeline", "good", jsonCT, `{"series":[{"iri":"s","meetings":[{"iri":"m"}]}]}`, "", true},
		{"api-timeline", "no meetings", jsonCT, `{"series":[{"iri":"s","meetings":[]}]}`, "", false},
		{"api-sources", "good", jsonCT, `{"sources":[{"iri":"s","quads":3}]}`, "", true},
		{"api-sources", "none", jsonCT, `{"sources":[]}`, "", false},
		{"api-sources", "HTML", "text/html; charset=utf-8", `{"sources":[{"iri":"s","quads":3}]}`, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.kind+"/"+tc.name, func(t *testing.T) {
			k, ok := kinds[tc.kind]
			if !ok {
				t.Fatalf("no kind %s", tc.kind)
			}
			err := k.check(request{want: tc.want}, tc.ctype, []byte(tc.body))
			if (err == nil) != tc.ok {
				t.Errorf("check = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

func TestPercentile(t *testing.T) {
	var xs []time.Duration
	for i := 1; i <= 200; i++ {
		xs = append(xs, time.Duration(i))
	}
	tests := []struct {
		xs   []time.Duration
		p    int
		want time.Duration
	}{
		{xs, 50, 100}, {xs, 99, 198}, {xs, 100, 200}, {xs[:1], 99, 1}, {nil, 50, 0},
	}
	for _, tc := range tests {
		if got := percentile(tc.xs, tc.p); got != tc.want {
			t.Errorf("percentile(%d values, %d) = %d, want %d", len(tc.xs), tc.p, got, tc.want)
		}
	}
}
