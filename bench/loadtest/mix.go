package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// Mix returns the kinds of request of the load test, with their weights:
// explorer requests are more frequent than queries, as they are when a
// person browses.
func Mix() []Kind {
	return []Kind{
		{Name: "sparql-lookup", Weight: 2, build: func(t *targets, r *rand.Rand) request {
			p := pick(r, t.people)
			return sparqlGet("SELECT ?p ?o WHERE { <"+p+"> ?p ?o }", "application/sparql-results+json", p)
		}, check: checkSPARQLJSON([]string{"p", "o"}, true)},
		{Name: "sparql-join", Weight: 2, build: func(t *targets, r *rand.Rand) request {
			m := pick(r, t.meetings)
			return sparqlPost("SELECT ?person ?name ?party WHERE { <"+m+"> pg:speaker ?person . "+
				"?person rdfs:label ?name ; schema:memberOf ?party . ?party a pg:PoliticalParty }", "text/csv", m)
		}, check: checkCSV([]string{"person", "name", "party"})},
		{Name: "sparql-aggregate", Weight: 1, build: func(t *targets, r *rand.Rand) request {
			s := pick(r, t.series)
			return sparqlPost("SELECT ?m (COUNT(DISTINCT ?p) AS ?n) WHERE { ?m schema:superEvent <"+s+"> ; schema:attendee|pg:speaker ?p } "+
				"GROUP BY ?m ORDER BY DESC(?n) ?m LIMIT 20", "application/sparql-results+json", s)
		}, check: checkSPARQLJSON([]string{"m", "n"}, false)},
		{Name: "sparql-construct", Weight: 1, build: func(t *targets, r *rand.Rand) request {
			m := pick(r, t.meetings)
			return sparqlGet("CONSTRUCT { <"+m+"> ?p ?o . ?o rdfs:label ?l } WHERE { <"+m+"> ?p ?o OPTIONAL { ?o rdfs:label ?l } }", "application/n-quads", m)
		}, check: checkNQuads},
		{Name: "api-search", Weight: 4, build: func(t *targets, r *rand.Rand) request {
			q := pick(r, t.prefixes)
			return request{method: "GET", path: "/api/search", query: url.Values{"q": {q}, "limit": {"10"}}, want: q}
		}, check: checkSearch},
		{Name: "api-entity", Weight: 4, build: func(t *targets, r *rand.Rand) request {
			iri := pick(r, t.people)
			if r.IntN(2) == 0 {
				iri = pick(r, t.meetings)
			}
			return request{method: "GET", path: "/api/entity", query: url.Values{"iri": {iri}}, want: iri}
		}, check: checkEntity},
		{Name: "api-timeline", Weight: 1, build: func(*targets, *rand.Rand) request {
			return request{method: "GET", path: "/api/timeline"}
		}, check: checkTimeline},
		{Name: "api-sources", Weight: 1, build: func(*targets, *rand.Rand) request {
			return request{method: "GET", path: "/api/sources"}
		}, check: checkSources},
	}
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func sparqlGet(q, accept, want string) request {
	return request{method: "GET", path: "/sparql", query: url.Values{"query": {q}}, accept: accept, want: want}
}

func sparqlPost(q, accept, want string) request {
	return request{method: "POST", path: "/sparql", ctype: "application/sparql-query", body: q, accept: accept, want: want}
}

// discover finds meetings, series and people on the server.
func discover(ctx context.Context, client *http.Client, cfg Config) (*targets, error) {
	var t targets
	lim := fmt.Sprint(cfg.Targets)
	rows, err := selectRows(ctx, client, cfg, "SELECT DISTINCT ?m ?s WHERE { ?m a pg:Meeting ; schema:superEvent ?s } LIMIT "+lim)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		t.meetings = append(t.meetings, r["m"])
		if !slices.Contains(t.series, r["s"]) {
			t.series = append(t.series, r["s"])
		}
	}
	rows, err = selectRows(ctx, client, cfg, "SELECT ?p ?l WHERE { ?p a schema:Person ; rdfs:label ?l } LIMIT "+lim)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if !slices.Contains(t.people, r["p"]) {
			t.people = append(t.people, r["p"])
		}
		// A search text: the start of the label, three to eight characters.
		l := []rune(r["l"])
		if n := min(len(l), 3+len(t.prefixes)%6); n > 0 {
			t.prefixes = append(t.prefixes, string(l[:n]))
		}
	}
	if len(t.meetings) == 0 || len(t.people) == 0 {
		return nil, fmt.Errorf("loadtest: %s has %d meetings with a series and %d people with a label: load a graph with both (partygraph gen)",
			cfg.URL, len(t.meetings), len(t.people))
	}
	return &t, nil
}

// selectRows runs a SELECT query and returns its rows as variable → value.
func selectRows(ctx context.Context, client *http.Client, cfg Config, q string) ([]map[string]string, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", cfg.URL+"/sparql", strings.NewReader(q))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/sparql-query")
	req.Header.Set("Accept", "application/sparql-results+json")
	res, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("loadtest: discover: %w", err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("loadtest: discover: %w", err)
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("loadtest: discover: %s: status %d: %s", q, res.StatusCode, clip(b))
	}
	doc, err := parseSPARQLJSON(b)
	if err != nil {
		return nil, fmt.Errorf("loadtest: discover: %w", err)
	}
	var out []map[string]string
	for _, b := range doc.Results.Bindings {
		row := map[string]string{}
		for k, v := range b {
			row[k] = v.Value
		}
		out = append(out, row)
	}
	return out, nil
}

// sparqlJSON is application/sparql-results+json.
type sparqlJSON struct {
	Head struct {
		Vars []string `json:"vars"`
	} `json:"head"`
	Results struct {
		Bindings []map[string]struct {
			Type     string `json:"type"`
			Value    string `json:"value"`
			Lang     string `json:"xml:lang"`
			Datatype string `json:"datatype"`
		} `json:"bindings"`
	} `json:"results"`
}

// parseSPARQLJSON reads a SELECT answer and checks its terms.
func parseSPARQLJSON(b []byte) (*sparqlJSON, error) {
	var doc sparqlJSON
	if err := decodeStrict(b, &doc); err != nil {
		return nil, err
	}
	for i, row := range doc.Results.Bindings {
		for k, v := range row {
			if !slices.Contains(doc.Head.Vars, k) {
				return nil, fmt.Errorf("row %d binds %q, not a variable of the head %v", i+1, k, doc.Head.Vars)
			}
			switch v.Type {
			case "uri", "bnode":
				if v.Value == "" {
					return nil, fmt.Errorf("row %d: empty %s for %q", i+1, v.Type, k)
				}
			case "literal":
			default:
				return nil, fmt.Errorf("row %d: term type %q for %q", i+1, v.Type, k)
			}
		}
	}
	return &doc, nil
}

func checkSPARQLJSON(vars []string, nonEmpty bool) func(request, string, []byte) error {
	return func(_ request, ct string, b []byte) error {
		if !strings.HasPrefix(ct, "application/sparql-results+json") {
			return fmt.Errorf("Content-Type %q, want application/sparql-results+json", ct)
		}
		doc, err := parseSPARQLJSON(b)
		if err != nil {
			return err
		}
		if !slices.Equal(doc.Head.Vars, vars) {
			return fmt.Errorf("variables %v, want %v", doc.Head.Vars, vars)
		}
		if nonEmpty && len(doc.Results.Bindings) == 0 {
			return errors.New("no rows")
		}
		return nil
	}
}

func checkCSV(vars []string) func(request, string, []byte) error {
	return func(_ request, ct string, b []byte) error {
		if !strings.HasPrefix(ct, "text/csv") {
			return fmt.Errorf("Content-Type %q, want text/csv", ct)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll() // checks every record has the header's width
		if err != nil {
			return fmt.Errorf("CSV: %w", err)
		}
		if len(recs) == 0 || !slices.Equal(recs[0], vars) {
			return fmt.Errorf("CSV header %v, want %v", recs, vars)
		}
		for i, rec := range recs[1:] {
			if rec[0] == "" || rec[2] == "" {
				return fmt.Errorf("CSV row %d: a person or party is empty: %q", i+2, rec)
			}
		}
		return nil
	}
}

func checkNQuads(req request, ct string, b []byte) error {
	if ct != "application/n-quads" {
		return fmt.Errorf("Content-Type %q, want application/n-quads", ct)
	}
	r := graph.NewNQuadsReader(bytes.NewReader(b), "answer")
	n, about := 0, 0
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		n++
		if q.Subject == quad.IRI(req.want) {
			about++
		}
	}
	if about == 0 {
		return fmt.Errorf("%d triples, none about <%s>", n, req.want)
	}
	return nil
}

// term is a term of the explorer APIs.
type term struct {
	Type  string `json:"type"`
	Value string `json:"value"`
	Label string `json:"label"`
}

func checkSearch(req request, ct string, b []byte) error {
	var doc struct {
		Query   string `json:"query"`
		Results []struct {
			IRI   string `json:"iri"`
			Label string `json:"label"`
		} `json:"results"`
	}
	if err := checkJSON(ct, b, &doc); err != nil {
		return err
	}
	if doc.Query != req.want {
		return fmt.Errorf("query %q, want %q", doc.Query, req.want)
	}
	for _, h := range doc.Results {
		if h.IRI == "" || h.Label == "" {
			return fmt.Errorf("a hit without IRI or label: %+v", h)
		}
	}
	if len(doc.Results) == 0 {
		return fmt.Errorf("nothing found for %q, the start of a label", req.want)
	}
	return nil
}

func checkEntity(req request, ct string, b []byte) error {
	var doc struct {
		IRI   string `json:"iri"`
		Label string `json:"label"`
		Facts []struct {
			Property string `json:"property"`
			Values   []struct {
				term
				Sources []string `json:"sources"`
			} `json:"values"`
		} `json:"facts"`
		Nodes []term `json:"nodes"`
		Edges []struct {
			Source string `json:"source"`
			Target string `json:"target"`
		} `json:"edges"`
	}
	if err := checkJSON(ct, b, &doc); err != nil {
		return err
	}
	if doc.IRI != req.want || doc.Label == "" || len(doc.Facts) == 0 {
		return fmt.Errorf("entity %q label %q with %d facts, want %q with a label and facts", doc.IRI, doc.Label, len(doc.Facts), req.want)
	}
	for _, f := range doc.Facts {
		for _, v := range f.Values {
			if len(v.Sources) == 0 {
				return fmt.Errorf("a value of %s without a source", f.Property)
			}
		}
	}
	return nil
}

func checkTimeline(_ request, ct string, b []byte) error {
	var doc struct {
		Series []struct {
			IRI      string `json:"iri"`
			Meetings []struct {
				IRI string `json:"iri"`
			} `json:"meetings"`
		} `json:"series"`
	}
	if err := checkJSON(ct, b, &doc); err != nil {
		return err
	}
	n := 0
	for _, s := range doc.Series {
		for _, m := range s.Meetings {
			if m.IRI == "" {
				return fmt.Errorf("a meeting of series %q without IRI", s.IRI)
			}
			n++
		}
	}
	if n == 0 {
		return errors.New("no meetings")
	}
	return nil
}

func checkSources(_ request, ct string, b []byte) error {
	var doc struct {
		Sources []struct {
			IRI   string `json:"iri"`
			Quads int64  `json:"quads"`
		} `json:"sources"`
	}
	if err := checkJSON(ct, b, &doc); err != nil {
		return err
	}
	if len(doc.Sources) == 0 {
		return errors.New("no sources")
	}
	for _, s := range doc.Sources {
		if s.IRI == "" {
			return errors.New("a source without IRI")
		}
	}
	return nil
}

// checkJSON checks the Content-Type of a JSON answer and decodes it into v.
func checkJSON(ct string, b []byte, v any) error {
	if ct != "application/json; charset=utf-8" {
		return fmt.Errorf("Content-Type %q, want application/json; charset=utf-8", ct)
	}
	return decodeStrict(b, v)
}

// decodeStrict decodes one JSON value filling v, and nothing after it.
func decodeStrict(b []byte, v any) error {
	if !utf8.Valid(b) {
		return errors.New("answer is not UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("JSON: %w: %s", err, clip(b))
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("JSON: data after the answer: %s", clip(b))
	}
	return nil
}
