package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/gen"
)

// genStore returns a store of the default embedded kind (Cayley's memstore
// races under concurrent readers) holding n generated quads: a graph big
// enough that a hostile query cannot finish within the tests' limits.
func genStore(t testing.TB, n int) *graph.Store {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "gen.nq")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.WriteNQuads(f, gen.Config{Seed: 1, Quads: n}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(context.Background(), filepath.Join(dir, "db"), graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	quads, labels, err := graph.ReadQuadFile(path, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Replace(context.Background(), labels, quads); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestLimitsOnByDefault(t *testing.T) {
	s := New(nil, nil)
	for name, v := range map[string]int64{
		"Timeout": int64(s.Timeout), "MaxRows": int64(s.MaxRows), "MaxQueries": int64(s.MaxQueries),
		"MaxBody": s.MaxBody, "MaxIntermediate": int64(s.MaxIntermediate), "QueryMemory": s.QueryMemory,
	} {
		if v <= 0 {
			t.Errorf("%s is %d by default: no limit", name, v)
		}
	}
}

// sparqlQuery returns the target of a GET of query at /sparql.
func sparqlQuery(q string) string { return "/sparql?query=" + url.QueryEscape(q) }

// TestHostileQueries runs queries whose answers or work would explode on a
// generated graph and checks that a limit stops each with a clear message.
func TestHostileQueries(t *testing.T) {
	st := genStore(t, 20000)
	const (
		memberOf = "<http://schema.org/memberOf>"
		country  = "<https://w3id.org/partygraph/ontology#country>"
		speaker  = "<https://w3id.org/partygraph/ontology#speaker>"
	)
	// Every node reaches every other of its component along these edges, in
	// both directions: the closure has millions of pairs.
	path := "(" + memberOf + "|^" + memberOf + "|" + country + "|^" + country + "|" + speaker + "|^" + speaker + ")*"
	cartesian := "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o"
	tests := []struct {
		name   string
		set    func(s *Server)
		method string
		target string
		body   string
		status int
		msg    string
	}{
		{"property path, all pairs", func(s *Server) { s.MaxRows = 2000 }, "GET", sparqlQuery("SELECT * WHERE { ?s " + path + " ?o }"),
			"", 400, "more than 2000 rows"},
		{"property path, counted", func(s *Server) { s.Timeout = 300 * time.Millisecond }, "GET",
			sparqlQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s " + path + " ?o }"), "", 503, "time limit of 300ms"},
		{"property path, sorted", func(s *Server) { s.MaxIntermediate = 5000 }, "GET",
			sparqlQuery("SELECT ?s ?o WHERE { ?s " + path + " ?o } ORDER BY ?o LIMIT 10 OFFSET 10000"), "", 400, "more than 5000 solutions in memory"},
		{"cartesian product", func(s *Server) { s.MaxRows = 50 }, "GET", sparqlQuery("SELECT * WHERE { " + cartesian + " }"),
			"", 400, "more than 50 rows"},
		{"cartesian product, counted", func(s *Server) { s.Timeout = 300 * time.Millisecond }, "GET",
			sparqlQuery("SELECT (COUNT(*) AS ?n) WHERE { " + cartesian + " }"), "", 503, "time limit of 300ms"},
		{"cartesian product, sorted", func(s *Server) { s.MaxIntermediate = 100000 }, "GET",
			sparqlQuery("SELECT ?a WHERE { " + cartesian + " } ORDER BY ?a ?o"), "", 400, "more than 100000 solutions in memory"},
		{"cartesian product, distinct", func(s *Server) { s.MaxIntermediate = 1000 }, "GET",
			sparqlQuery("SELECT DISTINCT ?a ?o WHERE { " + cartesian + " }"), "", 400, "more than 1000 solutions in memory"},
		{"construct, too many triples", func(s *Server) { s.MaxRows = 1000 }, "GET",
			sparqlQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), "", 400, "more than 1000 triples"},
		// The engine counts the triples of a CONSTRUCT only once it has
		// them all, so the time limit stops this one.
		{"construct, cartesian product", func(s *Server) { s.MaxRows = 1000; s.Timeout = 300 * time.Millisecond }, "GET",
			sparqlQuery("CONSTRUCT { ?a ?b ?o } WHERE { " + cartesian + " }"), "", 503, "time limit of 300ms"},
		{"gizmo loop", func(s *Server) { s.Timeout = 300 * time.Millisecond }, "POST", "/gizmo",
			"while (true) {}", 503, "time limit of 300ms"},
		{"gizmo filling memory", func(s *Server) { s.Timeout = 2 * time.Minute; s.QueryMemory = 64 << 20 }, "POST", "/gizmo",
			`var a = [], s = "x"; for (var i = 0; i < 20; i++) { s += s }; while (true) { a.push(s + a.length) }`, 503, "memory grew by more than 64 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, st)
			tc.set(s)
			res, body := do(t, s, tc.method, tc.target, tc.body, "Content-Type", "text/plain")
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %.300s", res.StatusCode, tc.status, body)
			}
			var e errorBody
			if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.Contains(e.Error, tc.msg) {
				t.Errorf("answer %.300s, want an error with %q", body, tc.msg)
			}
			if tc.status == 503 && res.Header.Get("Retry-After") == "" {
				t.Errorf("503 without Retry-After")
			}
		})
	}
}

// TestResponsiveDuringHeavyQuery starts a query that runs until it is
// cancelled, and checks that while it runs other queries and the explorer
// answer, that a query past the limit of queries at once is answered busy,
// and that cancelling the heavy query frees its slot.
func TestResponsiveDuringHeavyQuery(t *testing.T) {
	s := newTestServer(t, genStore(t, 20000))
	s.Timeout = 10 * time.Minute // the test cancels the heavy query itself
	s.MaxQueries = 2
	s.init() // before waitSlots reads s.sem
	ts := httptest.NewServer(s)
	defer ts.Close()

	heavyCtx, cancelHeavy := context.WithCancel(context.Background())
	defer cancelHeavy()
	heavyDone := make(chan string, 1)
	go func() {
		q := "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
		req, _ := http.NewRequestWithContext(heavyCtx, "GET", ts.URL+sparqlQuery(q), nil)
		res, err := ts.Client().Do(req)
		if err != nil {
			heavyDone <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		heavyDone <- fmt.Sprintf("status %d: %s", res.StatusCode, b)
	}()
	waitSlots(t, s, 1, heavyDone)

	get := func(target string) (int, string) {
		t.Helper()
		res, err := ts.Client().Get(ts.URL + target)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res.StatusCode, string(b)
	}
	for _, target := range []string{
		sparqlQuery("SELECT ?p ?o WHERE { ?s a pg:Meeting ; ?p ?o } LIMIT 20"),
		"/gizmo?query=" + url.QueryEscape(`g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/partygraph/ontology#Meeting>").Limit(5).All()`),
		"/api/search?q=a",
		"/api/timeline",
		"/api/sources",
	} {
		if status, body := get(target); status != 200 {
			t.Errorf("GET %s while a heavy query runs: status %d %.200s", target, status, body)
		}
	}
	select {
	case r := <-heavyDone:
		t.Fatalf("the heavy query ended before the cheap ones were checked (%s): the test proves nothing", r)
	default:
	}

	// A second heavy query takes the last slot; then one more is busy.
	second, cancelSecond := context.WithCancel(context.Background())
	defer cancelSecond()
	secondDone := make(chan string, 1)
	go func() {
		req, _ := http.NewRequestWithContext(second, "POST", ts.URL+"/gizmo", strings.NewReader("while (true) {}"))
		req.Header.Set("Content-Type", "text/plain")
		res, err := ts.Client().Do(req)
		if err == nil {
			res.Body.Close()
		}
		secondDone <- fmt.Sprint(err)
	}()
	waitSlots(t, s, 2, secondDone)
	status, body := get(sparqlQuery("ASK {}"))
	if status != 503 || !strings.Contains(body, "busy: 2 queries are running") {
		t.Errorf("a query past the limit: status %d %s, want 503 busy", status, body)
	}
	if status, _ := get("/api/search?q=a"); status != 200 {
		t.Errorf("the explorer while every query slot is taken: status %d", status)
	}
	cancelSecond()
	cancelHeavy()
	<-heavyDone
	<-secondDone
	waitSlots(t, s, 0, nil)
	if status, body := get(sparqlQuery("ASK {}")); status != 200 {
		t.Errorf("after the heavy queries were cancelled: status %d %s", status, body)
	}
}

// waitSlots waits until n query slots are taken (the queries started, or
// the cancelled ones gave their slots back). It fails if ended reports
// that a query ended first, or if it takes a minute.
func waitSlots(t *testing.T, s *Server, n int, ended <-chan string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for len(s.sem) != n {
		select {
		case r := <-ended:
			t.Fatalf("waiting for %d running queries, one ended: %s", n, r)
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d query slots taken after a minute, want %d", len(s.sem), n)
		}
	}
}

// TestStaticTraversal sends paths that try to leave the embedded files,
// written on the wire as they are (an http.Client would clean some), and
// follows redirects: none may serve anything but the embedded files.
func TestStaticTraversal(t *testing.T) {
	ts := httptest.NewServer(newTestServer(t, nil))
	defer ts.Close()
	own, err := os.ReadFile("server.go") // a file beside the server, on disk
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{
		"/static/../../etc/passwd",
		"/../../../../etc/passwd",
		"/vendor/../../../../etc/passwd",
		"/app.js/../../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/..%2f..%2f..%2fetc%2fpasswd",
		"/.%2e/.%2e/etc/passwd",
		"/%252e%252e/%252e%252e/etc/passwd",
		"/..%5c..%5c..%5cetc%5cpasswd",
		"/..\\..\\..\\etc\\passwd",
		"/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
		"//etc/passwd",
		"/etc/passwd%00.js",
		"/server.go",
		"/../server/server.go",
		"/%2e%2e/server/server.go",
		"/testdata/fixture.nq",
		"/web.go",
	} {
		t.Run(target, func(t *testing.T) {
			status, body := rawGet(t, ts.Listener.Addr().String(), target, 3)
			if status == 200 {
				t.Errorf("status 200 for %s: %.200s", target, body)
			}
			if strings.Contains(body, "root:x:0:0") || strings.Contains(body, string(own[:200])) {
				t.Errorf("served a file from disk for %s", target)
			}
		})
	}
}

// rawGet sends GET target over a new connection exactly as written, follows
// up to hops redirects, and returns the last status and body.
func rawGet(t *testing.T, addr, target string, hops int) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if loc := res.Header.Get("Location"); res.StatusCode/100 == 3 && loc != "" {
		if hops == 0 {
			t.Fatalf("GET %s: too many redirects", target)
		}
		u, err := url.Parse(loc)
		if err != nil {
			t.Fatalf("GET %s: redirect to %q: %v", target, loc, err)
		}
		if u.Host != "" && u.Host != addr {
			t.Fatalf("GET %s: redirect to another host %q", target, loc)
		}
		return rawGet(t, addr, u.RequestURI(), hops-1)
	}
	return res.StatusCode, string(b)
}

// TestSecurityHeadersEverywhere checks that every kind of answer, errors
// included, carries the policy that forbids inline scripts.
func TestSecurityHeadersEverywhere(t *testing.T) {
	s := newTestServer(t, nil)
	for _, target := range []string{"/", "/index.html", "/app.js", "/nope", "/api/search?q=xi", "/api/entity?iri=nope",
		sparqlQuery("ASK {}"), sparqlQuery("SELECT"), "/gizmo?query=g.V(", "/data?format=nope"} {
		t.Run(target, func(t *testing.T) {
			res, _ := do(t, s, "GET", target, "")
			csp := res.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "default-src 'none'") ||
				strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("status %d, CSP %q", res.StatusCode, csp)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("status %d without nosniff", res.StatusCode)
			}
		})
	}
}

func TestQueryMemoryWatch(t *testing.T) {
	s := New(nil, nil)
	s.QueryMemory = 1 // any growth stops the query
	runtime.GC()      // the watch starts from the live heap of now, not of an earlier test
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	stop := s.watchMemory(cancel)
	defer stop()
	var keep [][]byte
	deadline := time.Now().Add(time.Minute)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		keep = append(keep, make([]byte, 1<<20)) // live memory, until a GC measures it
		if len(keep) > 64 {
			keep = keep[1:]
		}
		time.Sleep(time.Millisecond)
	}
	if !errors.Is(context.Cause(ctx), errQueryMemory) {
		t.Errorf("cause %v, want errQueryMemory", context.Cause(ctx))
	}

	s.QueryMemory = 0
	ctx, cancel = context.WithCancelCause(context.Background())
	s.watchMemory(cancel)() // no watch: nothing to stop
	if ctx.Err() != nil {
		t.Errorf("a watch without limit cancelled the query")
	}
}

// TestDataBuiltInMemoryIsAQuery checks that /data in a format built in
// memory (as big as the graph) takes a query slot and its limits, while
// streamed N-Quads do not.
func TestDataBuiltInMemoryIsAQuery(t *testing.T) {
	s := newTestServer(t, nil)
	s.MaxQueries = 1
	s.init()
	s.sem <- struct{}{} // a query is running
	for _, f := range []string{"jsonld", "graphml", "dot"} {
		res, body := do(t, s, "GET", "/data?format="+f, "")
		if res.StatusCode != 503 || !strings.Contains(body, "busy") || res.Header.Get("Content-Disposition") != "" {
			t.Errorf("%s while every slot is taken: status %d %s", f, res.StatusCode, body)
		}
	}
	if res, _ := do(t, s, "GET", "/data", ""); res.StatusCode != 200 {
		t.Errorf("N-Quads while every slot is taken: status %d", res.StatusCode)
	}
	<-s.sem
	s.Timeout = time.Nanosecond // past before the store is read
	res, body := do(t, s, "GET", "/data?format=jsonld", "")
	if res.StatusCode != 503 || !strings.Contains(body, "time limit") {
		t.Errorf("past the time limit: status %d %.200s", res.StatusCode, body)
	}
	s.Timeout = time.Minute
	if res, body := do(t, s, "GET", "/data?format=jsonld", ""); res.StatusCode != 200 || !strings.Contains(body, "@id") {
		t.Errorf("within the limits: status %d %.200s", res.StatusCode, body)
	}
}

// syncBuffer is a strings.Builder safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestStalledReaderIsCut asks for a big answer and reads none of it: the
// server must give up writing after its stall timeout instead of holding
// the handler for as long as the connection lives.
func TestStalledReaderIsCut(t *testing.T) {
	var log syncBuffer
	s := newTestServer(t, genStore(t, 20000))
	s.Log = slog.New(slog.NewTextHandler(&log, nil))
	s.StallTimeout = 300 * time.Millisecond
	ts := httptest.NewServer(s)
	defer ts.Close()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Some tens of MB of JSON, more than the sockets buffer.
	q := sparqlQuery("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 100000")
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", q)
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(log.String(), "path=/sparql") {
		if time.Now().After(deadline) {
			t.Fatalf("the handler still writes to a client that reads nothing, a minute on; log:\n%s", log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if l := log.String(); !strings.Contains(l, "i/o timeout") {
		t.Errorf("the answer was not cut by the write deadline; log:\n%s", l)
	}
}
