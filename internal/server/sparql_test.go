package server

import (
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

const speakers2023 = `PREFIX pg: <https://w3id.org/partygraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE { <https://w3id.org/partygraph/id/meeting/hlm-2023> pg:speaker ?p . ?p rdfs:label ?name FILTER(lang(?name) = "en") } ORDER BY ?name`

func TestSPARQLNegotiation(t *testing.T) {
	s := newTestServer(t, nil)
	get := "/sparql?query=" + url.QueryEscape(speakers2023)
	construct := "/sparql?query=" + url.QueryEscape(`CONSTRUCT { ?m pg:speaker ?p } WHERE { ?m pg:speaker ?p . FILTER(?m = <`+m2023+`>) }`)
	ask := "/sparql?query=" + url.QueryEscape(`ASK { <`+xi+`> a schema:Person }`)
	tests := []struct {
		name, target, accept string
		wantType             string
		wantBody             []string
	}{
		{"json default", get, "", "application/sparql-results+json", []string{`"vars":["name"]`, `"value":"Cyril Ramaphosa"`, `"xml:lang":"en"`}},
		{"json", get, "application/sparql-results+json", "application/sparql-results+json", []string{`"Sheikh Hasina"`}},
		{"xml", get, "application/sparql-results+xml", "application/sparql-results+xml", []string{`<variable name="name"/>`, `<literal xml:lang="en">Xi Jinping</literal>`}},
		{"csv", get, "text/csv", "text/csv; charset=utf-8", []string{"name\r\nCyril Ramaphosa\r\nSheikh Hasina\r\nXi Jinping\r\n"}},
		{"tsv", get, "text/tab-separated-values", "text/tab-separated-values; charset=utf-8", []string{"?name\n\"Cyril Ramaphosa\"@en\n"}},
		{"quality", get, "text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", []string{"<sparql"}},
		{"wildcard", get, "*/*", "application/sparql-results+json", []string{`"head"`}},
		{"browser-ish", get, "text/html;q=0.9, */*;q=0.8", "application/sparql-results+json", []string{`"head"`}},
		{"format param", get + "&format=csv", "application/sparql-results+json", "text/csv; charset=utf-8", []string{"name\r\n"}},
		{"ask json", ask, "", "application/sparql-results+json", []string{`"boolean":true`}},
		{"ask xml", ask, "application/sparql-results+xml", "application/sparql-results+xml", []string{`<boolean>true</boolean>`}},
		{"construct turtle", construct, "text/turtle", "text/turtle; charset=utf-8", []string{"@prefix pg: <https://w3id.org/partygraph/ontology#>", "pg:speaker"}},
		{"construct default", construct, "", "text/turtle; charset=utf-8", []string{"pg:speaker"}},
		{"construct nquads", construct, "application/n-quads", "application/n-quads", []string{"<" + m2023 + "> <https://w3id.org/partygraph/ontology#speaker> <" + xi + "> .\n"}},
		{"construct ntriples", construct, "application/n-triples", "application/n-triples", []string{"<" + m2023 + "> <https://w3id.org/partygraph/ontology#speaker> <" + xi + "> .\n"}},
		{"construct jsonld", construct, "application/ld+json", "application/ld+json", []string{`"@id"`, "https://w3id.org/partygraph/ontology#speaker"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, s, "GET", tc.target, "", "Accept", tc.accept)
			if res.StatusCode != 200 {
				t.Fatalf("status %d: %s", res.StatusCode, body)
			}
			if ct := res.Header.Get("Content-Type"); ct != tc.wantType {
				t.Errorf("Content-Type %q, want %q", ct, tc.wantType)
			}
			for _, w := range tc.wantBody {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			if res.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("no CORS header on a read")
			}
		})
	}
}

func TestSPARQLPost(t *testing.T) {
	s := newTestServer(t, nil)
	tests := []struct {
		name, ctype, body string
	}{
		{"form", "application/x-www-form-urlencoded", "query=" + url.QueryEscape(speakers2023)},
		{"form with charset", "application/x-www-form-urlencoded; charset=UTF-8", "query=" + url.QueryEscape(speakers2023)},
		{"direct", "application/sparql-query", speakers2023},
		{"direct with charset", "application/sparql-query; charset=utf-8", speakers2023},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, s, "POST", "/sparql", tc.body, "Content-Type", tc.ctype, "Accept", "text/csv")
			if res.StatusCode != 200 || body != "name\r\nCyril Ramaphosa\r\nSheikh Hasina\r\nXi Jinping\r\n" {
				t.Errorf("status %d body %q", res.StatusCode, body)
			}
		})
	}
}

func TestSPARQLErrors(t *testing.T) {
	s := newTestServer(t, nil)
	s.MaxBody = 1000
	s.MaxRows = 5
	tests := []struct {
		name, method, target, ctype, body, accept string
		status                                    int
		msg                                       string
	}{
		{"malformed", "GET", "/sparql?query=" + url.QueryEscape("SELECT ?x WHERE { ?x ?p }"), "", "", "", 400, "malformed query: 1:"},
		{"malformed position", "POST", "/sparql", "application/sparql-query", "SELECT *\nWHERE { ?s ?p ?o", "", 400, "malformed query: 2:"},
		{"missing", "GET", "/sparql", "", "", "application/sparql-results+json", 400, "missing query"},
		{"two queries", "GET", "/sparql?query=ASK{}&query=ASK{}", "", "", "", 400, "more than one"},
		{"update form", "POST", "/sparql", "application/x-www-form-urlencoded", "update=" + url.QueryEscape("INSERT DATA { <a> <b> <c> }"), "", 403, "read-only"},
		{"update type", "POST", "/sparql", "application/sparql-update", "INSERT DATA { <a> <b> <c> }", "", 403, "read-only"},
		{"update as query", "POST", "/sparql", "application/sparql-query", "INSERT DATA { <a> <b> <c> }", "", 400, "malformed query"},
		{"too large", "POST", "/sparql", "application/sparql-query", "SELECT * WHERE { ?s ?p ?o } #" + strings.Repeat("x", 2000), "", 413, "over the limit of 1000 bytes"},
		{"too large form", "POST", "/sparql", "application/x-www-form-urlencoded", "query=" + strings.Repeat("x", 2000), "", 413, "over the limit"},
		{"bad type", "POST", "/sparql", "text/plain", "ASK {}", "", 415, "unsupported Content-Type"},
		{"method", "PUT", "/sparql", "", "", "", 405, "not allowed"},
		{"not acceptable", "GET", "/sparql?query=ASK{}", "", "", "image/png", 406, "accepted are"},
		{"not acceptable construct", "GET", "/sparql?query=" + url.QueryEscape("CONSTRUCT WHERE { ?s ?p ?o }"), "", "", "application/rdf+xml", 406, "text/turtle"},
		{"too many rows", "GET", "/sparql?query=" + url.QueryEscape("SELECT * WHERE { ?s ?p ?o }"), "", "", "", 400, "more than 5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hdr := []string{"Accept", tc.accept}
			if tc.ctype != "" {
				hdr = append(hdr, "Content-Type", tc.ctype)
			}
			res, body := do(t, s, tc.method, tc.target, tc.body, hdr...)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tc.status, body)
			}
			var e errorBody
			if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.Contains(e.Error, tc.msg) {
				t.Errorf("message %q, want it to contain %q", body, tc.msg)
			}
		})
	}
}

func TestSPARQLBrowserRedirect(t *testing.T) {
	s := newTestServer(t, nil)
	res, _ := do(t, s, "GET", "/sparql", "", "Accept", "text/html,application/xhtml+xml")
	if res.StatusCode != 303 || res.Header.Get("Location") != "/#query" {
		t.Errorf("status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestCORSPreflight(t *testing.T) {
	s := newTestServer(t, nil)
	for _, path := range []string{"/sparql", "/gizmo", "/data", "/api/search"} {
		t.Run(path, func(t *testing.T) {
			res, _ := do(t, s, "OPTIONS", path, "", "Origin", "https://yasgui.example", "Access-Control-Request-Method", "POST",
				"Access-Control-Request-Headers", "content-type")
			h := res.Header
			if res.StatusCode != 204 || h.Get("Access-Control-Allow-Origin") != "*" ||
				!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
				!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Content-Type") {
				t.Errorf("status %d headers %v", res.StatusCode, h)
			}
		})
	}
	res, _ := do(t, s, "OPTIONS", "/index.html", "")
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("the page itself allows other origins")
	}
}

// TestSPARQLTimeout runs a query that cannot finish in time (a cartesian
// product of the whole graph with itself, four times) and checks that it
// is stopped with 503, and that other requests are served meanwhile.
func TestSPARQLTimeout(t *testing.T) {
	s := newTestServer(t, nil)
	s.Timeout = 200 * time.Millisecond
	s.MaxRows = 0
	slow := "/sparql?query=" + url.QueryEscape(`SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }`)
	var wg sync.WaitGroup
	wg.Add(1)
	var status int
	var body string
	start := time.Now()
	go func() {
		defer wg.Done()
		res, b := do(t, s, "GET", slow, "")
		status, body = res.StatusCode, b
	}()
	// Meanwhile the explorer answers.
	var got struct{ Results []SearchHit }
	getJSON(t, s, "/api/search?q=xi", &got)
	wg.Wait()
	if status != 503 || !strings.Contains(body, "time limit of 200ms") {
		t.Errorf("status %d body %s, want 503 with the time limit", status, body)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the query ran %s past its time limit of 200ms", d)
	}
}

// TestBusy fills every query slot and checks that one more query gets 503
// busy at once, and that the explorer's APIs still answer.
func TestBusy(t *testing.T) {
	s := newTestServer(t, nil)
	s.MaxQueries = 1
	s.init()
	s.sem <- struct{}{} // a query is running
	res, body := do(t, s, "GET", "/sparql?query=ASK{}", "")
	if res.StatusCode != 503 || !strings.Contains(body, "busy") || res.Header.Get("Retry-After") == "" {
		t.Errorf("status %d body %s", res.StatusCode, body)
	}
	res, body = do(t, s, "POST", "/gizmo", `g.V().All()`)
	if res.StatusCode != 503 || !strings.Contains(body, "busy") {
		t.Errorf("gizmo: status %d body %s", res.StatusCode, body)
	}
	var got struct{ Results []SearchHit }
	getJSON(t, s, "/api/search?q=xi", &got)
	<-s.sem
	res, _ = do(t, s, "GET", "/sparql?query=ASK{}", "")
	if res.StatusCode != 200 {
		t.Errorf("after the slot is free: status %d", res.StatusCode)
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		accept, format string
		want           string
	}{
		{"", "", "application/sparql-results+json"},
		{"application/sparql-results+xml", "", "application/sparql-results+xml"},
		{"text/*", "", "text/csv"},
		{"application/json", "", "application/json"},
		{"text/csv;q=0, */*", "", "application/sparql-results+json"},
		{"text/tab-separated-values, */*;q=0.1", "", "text/tab-separated-values"},
		{"*/*;q=0.1, text/csv", "", "text/csv"},
		{"image/png", "", ""},
		{"", "tsv", "text/tab-separated-values"},
		{"", "turtle", ""},
	}
	for _, tc := range tests {
		got, ok := negotiate(tc.accept, tc.format, selectTypes)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("negotiate(%q, %q) = %q, %v; want %q", tc.accept, tc.format, got, ok, tc.want)
		}
	}
}
