package server

import (
	"encoding/json"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

func TestGizmo(t *testing.T) {
	s := newTestServer(t, nil)
	code := `g.V("<` + m2023 + `>").Out("<https://w3id.org/partygraph/ontology#speaker>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`
	tests := []struct {
		name, method, target, ctype, body string
	}{
		{"GET", "GET", "/gizmo?query=" + url.QueryEscape(code), "", ""},
		{"POST body", "POST", "/gizmo", "text/plain", code},
		{"POST form", "POST", "/gizmo", "application/x-www-form-urlencoded", "query=" + url.QueryEscape(code)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, s, tc.method, tc.target, tc.body, "Content-Type", tc.ctype)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Fatalf("status %d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
			}
			var got gizmoAnswer
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatal(err)
			}
			names := map[string]bool{}
			for _, r := range got.Result {
				names[r.(map[string]any)["id"].(string)] = true
			}
			for _, want := range []string{"Xi Jinping", "习近平", "Cyril Ramaphosa", "Sheikh Hasina"} {
				if !names[want] {
					t.Errorf("no %s in %s", want, body)
				}
			}
		})
	}
}

func TestGizmoErrors(t *testing.T) {
	s := newTestServer(t, nil)
	s.Timeout = 100 * time.Millisecond
	s.MaxBody = 100
	tests := []struct {
		name, method, body string
		status             int
		msg                string
	}{
		{"syntax", "POST", "g.V(", 400, "gizmo:"},
		{"empty", "POST", "", 400, "empty query"},
		{"loop", "POST", "while (true) {}", 503, "time limit"},
		{"too large", "POST", strings.Repeat("x", 200), 413, "over the limit"},
		{"method", "DELETE", "", 405, "not allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, s, tc.method, "/gizmo", tc.body, "Content-Type", "text/plain")
			if res.StatusCode != tc.status || !strings.Contains(body, tc.msg) {
				t.Errorf("status %d body %s, want %d with %q", res.StatusCode, body, tc.status, tc.msg)
			}
		})
	}
}

func TestData(t *testing.T) {
	s := newTestServer(t, nil)
	t.Run("all", func(t *testing.T) {
		res, body := do(t, s, "GET", "/data", "")
		n, _ := s.Store.Count(t.Context())
		lines := strings.Count(body, "\n")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/n-quads" || int64(lines) != n {
			t.Errorf("status %d type %q, %d lines for %d quads", res.StatusCode, res.Header.Get("Content-Type"), lines, n)
		}
	})
	t.Run("one source", func(t *testing.T) {
		res, body := do(t, s, "GET", "/data?graph="+url.QueryEscape(srcArt), "")
		if res.StatusCode != 200 {
			t.Fatalf("status %d: %s", res.StatusCode, body)
		}
		lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
		if len(lines) != 17 {
			t.Errorf("%d quads, want 17", len(lines))
		}
		for _, l := range lines {
			if !strings.HasSuffix(l, "<"+srcArt+"> .") {
				t.Errorf("quad of another source: %s", l)
			}
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="article.nq"`) {
			t.Errorf("Content-Disposition %q", cd)
		}
	})
	t.Run("graphml", func(t *testing.T) {
		res, body := do(t, s, "GET", "/data?format=graphml&graph="+url.QueryEscape(srcArt), "")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/graphml+xml" || !strings.Contains(body, "<graphml") {
			t.Errorf("status %d type %q", res.StatusCode, res.Header.Get("Content-Type"))
		}
	})
	t.Run("unknown source", func(t *testing.T) {
		res, _ := do(t, s, "GET", "/data?graph="+url.QueryEscape("https://w3id.org/partygraph/source/nope"), "")
		if res.StatusCode != 404 {
			t.Errorf("status %d, want 404", res.StatusCode)
		}
	})
	t.Run("bad format", func(t *testing.T) {
		res, _ := do(t, s, "GET", "/data?format=xlsx", "")
		if res.StatusCode != 400 {
			t.Errorf("status %d, want 400", res.StatusCode)
		}
	})
}

func TestExport(t *testing.T) {
	s := newTestServer(t, nil)
	target := "/api/export?iri=" + url.QueryEscape(m2023) + "&iri=" + url.QueryEscape(xi)
	res, body := do(t, s, "GET", target, "")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/n-quads" {
		t.Fatalf("status %d type %q: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	for _, want := range []string{
		"<" + m2023 + "> <https://w3id.org/partygraph/ontology#speaker> <https://w3id.org/partygraph/id/person/sheikh-hasina> <" + srcArt + "> .",
		"<" + m2017 + "> <https://w3id.org/partygraph/ontology#speaker> <" + xi + "> <" + srcWiki + "> .",                         // in-edge of Xi
		"<https://w3id.org/partygraph/id/person/sheikh-hasina> <http://www.w3.org/2000/01/rdf-schema#label> \"Sheikh Hasina\"@en", // a neighbour's label
	} {
		if !strings.Contains(body, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	if strings.Contains(body, "<https://w3id.org/partygraph/id/party/cpc> <http://www.w3.org/2004/02/skos/core#altLabel>") {
		t.Errorf("export holds a fact of a node that is not in the view")
	}
	res, body = do(t, s, "GET", target+"&format=graphml", "")
	if res.StatusCode != 200 || !strings.Contains(body, "<graphml") || !strings.Contains(body, "Sheikh Hasina") {
		t.Errorf("graphml: status %d: %.300s", res.StatusCode, body)
	}
}

func TestStatic(t *testing.T) {
	s := newTestServer(t, nil)
	tests := []struct {
		path   string
		status int
		ctype  string
	}{
		{"/", 200, "text/html; charset=utf-8"},
		{"/app.js", 200, "text/javascript; charset=utf-8"},
		{"/app.css", 200, "text/css; charset=utf-8"},
		{"/vendor/cytoscape.min.js", 200, "text/javascript; charset=utf-8"},
		{"/vendor/LICENSE", 200, "text/plain; charset=utf-8"},
		{"/vendor/", 404, ""},
		{"/vendor", 404, ""},
		{"/../../../../etc/passwd", 404, ""},
		{"/%2e%2e/%2e%2e/etc/passwd", 404, ""},
		{"/doc.go", 404, ""},
		{"/nope.html", 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			res, body := do(t, s, "GET", tc.path, "")
			if res.StatusCode == 307 || res.StatusCode == 301 {
				// The mux cleans the path first; follow it.
				res, body = do(t, s, "GET", res.Header.Get("Location"), "")
			}
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			if tc.ctype != "" && res.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tc.ctype)
			}
			if strings.Contains(body, "root:x:0:0") {
				t.Errorf("served a file from outside the embedded set")
			}
		})
	}
	res, _ := do(t, s, "POST", "/", "x")
	if res.StatusCode != 405 {
		t.Errorf("POST /: status %d", res.StatusCode)
	}
}

// TestPageHasNoInlineScript checks the page against its own policy: no
// inline script or event handler, no inline style, so the CSP can forbid
// them, and the CSP is sent.
func TestPageHasNoInlineScript(t *testing.T) {
	s := newTestServer(t, nil)
	res, body := do(t, s, "GET", "/", "")
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q", csp)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("no nosniff")
	}
	low := strings.ToLower(body)
	for i := 0; ; {
		j := strings.Index(low[i:], "<script")
		if j < 0 {
			break
		}
		tag := low[i+j : i+j+strings.Index(low[i+j:], ">")]
		if !strings.Contains(tag, "src=") {
			t.Errorf("inline script: %s", tag)
		}
		i += j + 1
	}
	for _, bad := range []string{" onclick=", " onload=", " onerror=", " style=", "<style", "javascript:"} {
		if strings.Contains(low, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
}

func TestJSONEscapesHTML(t *testing.T) {
	s := newTestServer(t, nil)
	_, body := do(t, s, "GET", "/api/entity?iri="+url.QueryEscape(xssParty), "")
	if strings.Contains(body, "<script>") || strings.Contains(body, "<img") {
		t.Errorf("JSON carries raw HTML: %s", body)
	}
	var e Entity
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatal(err)
	}
	if e.Label != "<script>alert(1)</script> Party" {
		t.Errorf("label %q, want the text as stored", e.Label)
	}
}

func TestRequestLog(t *testing.T) {
	var buf strings.Builder
	s := newTestServer(t, nil)
	s.Log = slog.New(slog.NewTextHandler(&buf, nil))
	do(t, s, "GET", "/api/search?q=xi&token=secret", "")
	do(t, s, "GET", "/api/entity?iri=nope", "")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want one per request:\n%s", len(lines), buf.String())
	}
	if !strings.Contains(lines[0], "path=/api/search") || !strings.Contains(lines[0], "status=200") || strings.Contains(lines[0], "secret") {
		t.Errorf("log line %q", lines[0])
	}
	if !strings.Contains(lines[1], "status=404") {
		t.Errorf("log line %q", lines[1])
	}
}

func TestReindex(t *testing.T) {
	st := loadFixture(t)
	s := newTestServer(t, st)
	var got struct{ Results []SearchHit }
	getJSON(t, s, "/api/search?q=putin", &got)
	if len(got.Results) != 0 {
		t.Fatalf("found %+v before loading", got.Results)
	}
	q, err := graph.ParseNQuad(`<https://w3id.org/partygraph/id/person/putin> <http://www.w3.org/2000/01/rdf-schema#label> "Vladimir Putin"@en <https://w3id.org/partygraph/source/new> .`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Replace(t.Context(), []quad.Value{q.Label}, []quad.Quad{q}); err != nil {
		t.Fatal(err)
	}
	if err := s.Reindex(t.Context()); err != nil {
		t.Fatal(err)
	}
	getJSON(t, s, "/api/search?q=putin", &got)
	if len(got.Results) != 1 {
		t.Errorf("after Reindex: %+v", got.Results)
	}
}

// TestPanicIsRecovered checks that a handler that fails badly answers 500
// and logs, and that the server goes on serving.
func TestPanicIsRecovered(t *testing.T) {
	var buf strings.Builder
	s := New(nil, slog.New(slog.NewTextHandler(&buf, nil))) // no store: every read panics
	res, body := do(t, s, "GET", "/api/search?q=xi", "")
	if res.StatusCode != 500 || !strings.Contains(body, "internal error") {
		t.Errorf("status %d body %s", res.StatusCode, body)
	}
	if !strings.Contains(buf.String(), "panic serving request") || !strings.Contains(buf.String(), "status=500") {
		t.Errorf("log:\n%s", buf.String())
	}
	res, _ = do(t, s, "GET", "/app.js", "")
	if res.StatusCode != 200 {
		t.Errorf("after a panic: status %d", res.StatusCode)
	}
}

// TestCachedAnswersFollowReindex checks that the timeline and the sources,
// which the index keeps once built, are built again by Reindex.
func TestCachedAnswersFollowReindex(t *testing.T) {
	st := loadFixture(t)
	s := newTestServer(t, st)
	_, before := do(t, s, "GET", "/api/timeline", "")
	if _, again := do(t, s, "GET", "/api/timeline", ""); again != before {
		t.Fatalf("the second answer differs from the first")
	}
	const m = "https://w3id.org/partygraph/id/meeting/hlm-2030"
	const src = "https://w3id.org/partygraph/source/new"
	var quads []quad.Quad
	for _, l := range []string{
		`<` + m + `> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/partygraph/ontology#Meeting> <` + src + `> .`,
		`<` + m + `> <http://schema.org/superEvent> <` + hlm + `> <` + src + `> .`,
		`<` + m + `> <http://www.w3.org/2000/01/rdf-schema#label> "2030 High-level Meeting"@en <` + src + `> .`,
	} {
		q, err := graph.ParseNQuad(l)
		if err != nil {
			t.Fatal(err)
		}
		quads = append(quads, q)
	}
	if _, err := st.Replace(t.Context(), []quad.Value{quad.IRI(src)}, quads); err != nil {
		t.Fatal(err)
	}
	if err := s.Reindex(t.Context()); err != nil {
		t.Fatal(err)
	}
	var tl Timeline
	getJSON(t, s, "/api/timeline", &tl)
	found := false
	for _, ser := range tl.Series {
		for _, mt := range ser.Meetings {
			found = found || mt.IRI == m && ser.IRI == hlm
		}
	}
	if !found {
		t.Errorf("after Reindex the timeline lacks the new meeting")
	}
	var sources struct{ Sources []Source }
	getJSON(t, s, "/api/sources", &sources)
	found = false
	for _, x := range sources.Sources {
		found = found || x.IRI == src
	}
	if !found {
		t.Errorf("after Reindex the sources lack %s: %+v", src, sources.Sources)
	}
}
