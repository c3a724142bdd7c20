package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

const (
	xi       = "https://w3id.org/partygraph/id/person/xi-jinping"
	m2017    = "https://w3id.org/partygraph/id/meeting/hlm-2017"
	m2023    = "https://w3id.org/partygraph/id/meeting/hlm-2023"
	hlm      = "https://w3id.org/partygraph/id/series/hlm"
	xssParty = "https://w3id.org/partygraph/id/party/xss"
	srcWiki  = "https://w3id.org/partygraph/source/wiki-en"
	srcArt   = "https://w3id.org/partygraph/source/article"
)

// loadFixture opens a memory store holding testdata/fixture.nq and the
// ontology.
func loadFixture(t testing.TB) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, "mem:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	quads, labels, err := graph.ReadQuadFile("testdata/fixture.nq", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Replace(ctx, labels, quads); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Replace(ctx, []quad.Value{graph.OntologySource}, graph.OntologyQuads()); err != nil {
		t.Fatal(err)
	}
	return st
}

// newTestServer returns a server over the fixture whose log goes to the
// test's log.
func newTestServer(t testing.TB, st *graph.Store) *Server {
	t.Helper()
	if st == nil {
		st = loadFixture(t)
	}
	s := New(st, slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err := s.Reindex(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// do sends one request to h and returns the response and its body.
func do(t testing.TB, h http.Handler, method, target string, body string, header ...string) (*http.Response, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// getJSON sends a GET and decodes a 200 answer into v.
func getJSON(t testing.TB, h http.Handler, target string, v any) {
	t.Helper()
	res, body := do(t, h, "GET", target, "")
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", target, res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q", target, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v\n%s", target, err, body)
	}
}
