package server

import (
	"net/url"
	"strings"
	"testing"
)

func TestSearch(t *testing.T) {
	s := newTestServer(t, nil)
	tests := []struct {
		q     string
		first string // IRI of the first hit
	}{
		{"习近平", xi},
		{"習近平", xi},
		{"xi jin", xi},
		{"XI JINPING", xi},
		{"jinping", xi},
		{"近平", xi},
		{"ＸＩ ＪＩＮ", xi}, // full-width
		{"ccp", "https://w3id.org/partygraph/id/party/cpc"},
		{"中國共產黨", "https://w3id.org/partygraph/id/party/cpc"},
		{"2023 high", m2023},
		{"beij", "https://w3id.org/partygraph/id/city/beijing"},
		{"中国共产党与世界政党", hlm}, // a series and a source document share the label: entities first
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			var got struct {
				Results []SearchHit `json:"results"`
			}
			getJSON(t, s, "/api/search?q="+url.QueryEscape(tc.q), &got)
			if len(got.Results) == 0 {
				t.Fatalf("no results")
			}
			if got.Results[0].IRI != tc.first {
				t.Errorf("first hit %s (%q), want %s; all: %+v", got.Results[0].IRI, got.Results[0].Matched, tc.first, got.Results)
			}
		})
	}
	t.Run("nothing", func(t *testing.T) {
		var got struct {
			Results []SearchHit `json:"results"`
		}
		getJSON(t, s, "/api/search?q=zzzzqqq", &got)
		if len(got.Results) != 0 {
			t.Errorf("got %+v, want nothing", got.Results)
		}
	})
	t.Run("limit", func(t *testing.T) {
		var got struct {
			Results []SearchHit `json:"results"`
		}
		getJSON(t, s, "/api/search?limit=2&q=meeting", &got)
		if len(got.Results) != 2 {
			t.Errorf("got %d results, want 2", len(got.Results))
		}
	})
	t.Run("class", func(t *testing.T) {
		var got struct {
			Results []SearchHit `json:"results"`
		}
		getJSON(t, s, "/api/search?q=2017&class="+url.QueryEscape("https://w3id.org/partygraph/ontology#Meeting"), &got)
		if len(got.Results) != 1 || got.Results[0].IRI != m2017 {
			t.Errorf("got %+v, want the 2017 meeting only", got.Results)
		}
	})
}

func findFact(e *Entity, prop, dir string) *Fact {
	for i := range e.Facts {
		if e.Facts[i].Property == prop && e.Facts[i].Direction == dir {
			return &e.Facts[i]
		}
	}
	return nil
}

func TestEntity(t *testing.T) {
	s := newTestServer(t, nil)
	var e Entity
	getJSON(t, s, "/api/entity?iri="+url.QueryEscape(m2017), &e)
	if e.Label != "2017 High-level Meeting" || e.Class != "https://w3id.org/partygraph/ontology#Meeting" {
		t.Errorf("label %q class %q", e.Label, e.Class)
	}
	if len(e.Labels) != 2 {
		t.Errorf("labels %+v, want en and zh-Hant", e.Labels)
	}
	start := findFact(&e, "http://schema.org/startDate", "out")
	if start == nil || !start.Conflict || len(start.Values) != 2 {
		t.Fatalf("startDate fact %+v, want two values in conflict", start)
	}
	if v := start.Values[0]; v.Value != "2017-11-30" || strings.Join(v.Sources, " ") != srcWiki+" https://w3id.org/partygraph/source/wiki-zh" {
		t.Errorf("first date %+v", v)
	}
	if v := start.Values[1]; v.Value != "2017-12-01" || strings.Join(v.Sources, " ") != srcArt {
		t.Errorf("second date %+v", v)
	}
	if f := findFact(&e, "https://w3id.org/partygraph/ontology#partyCountMin", "out"); f == nil || !f.Conflict {
		t.Errorf("partyCountMin %+v, want a conflict", f)
	}
	if f := findFact(&e, "https://w3id.org/partygraph/ontology#countryCountMin", "out"); f == nil || f.Conflict || len(f.Values[0].Sources) != 2 {
		t.Errorf("countryCountMin %+v, want one value from two sources, no conflict", f)
	}
	if f := findFact(&e, "http://schema.org/superEvent", "out"); f == nil || f.Conflict || f.Label != "series" {
		t.Errorf("superEvent %+v, want no conflict and the ontology's label", f)
	}
	if f := findFact(&e, "https://w3id.org/partygraph/ontology#follows", "in"); f == nil || f.Values[0].Value != m2023 {
		t.Errorf("incoming follows %+v", f)
	}
	nodes := map[string]bool{}
	for _, n := range e.Nodes {
		nodes[n.Value] = true
	}
	for _, want := range []string{m2017, m2023, xi, hlm, "https://w3id.org/partygraph/id/city/beijing"} {
		if !nodes[want] {
			t.Errorf("neighbourhood lacks %s", want)
		}
	}
	for _, ed := range e.Edges {
		if !nodes[ed.Source] || !nodes[ed.Target] {
			t.Errorf("edge %s has an end outside the nodes", ed.ID)
		}
		if len(ed.Sources) == 0 {
			t.Errorf("edge %s has no sources", ed.ID)
		}
	}

	t.Run("speakers are not a conflict", func(t *testing.T) {
		var e Entity
		getJSON(t, s, "/api/entity?iri="+url.QueryEscape(m2023), &e)
		f := findFact(&e, "https://w3id.org/partygraph/ontology#speaker", "out")
		if f == nil || len(f.Values) != 3 || f.Conflict {
			t.Errorf("speakers %+v", f)
		}
	})
	t.Run("label conflict", func(t *testing.T) {
		var e Entity
		getJSON(t, s, "/api/entity?iri="+url.QueryEscape("https://w3id.org/partygraph/id/country/south-africa"), &e)
		if len(e.Labels) != 2 || !e.Labels[0].Conflict || !e.Labels[1].Conflict {
			t.Errorf("labels %+v, want two English labels from two sources in conflict", e.Labels)
		}
		var x Entity
		getJSON(t, s, "/api/entity?iri="+url.QueryEscape(xi), &x)
		for _, l := range x.Labels {
			if l.Conflict {
				t.Errorf("label %+v marked as a conflict: one label per language is not one", l)
			}
		}
	})
}

func TestEntityErrors(t *testing.T) {
	s := newTestServer(t, nil)
	tests := []struct {
		name, target string
		status       int
	}{
		{"unknown", "/api/entity?iri=" + url.QueryEscape("https://w3id.org/partygraph/id/person/nobody"), 404},
		{"missing", "/api/entity", 400},
		{"bad limit", "/api/search?q=x&limit=-1", 400},
		{"long search", "/api/search?q=" + strings.Repeat("a", 600), 400},
		{"unknown api", "/api/nope", 404},
		{"export unknown", "/api/export?iri=" + url.QueryEscape("https://example.org/x"), 404},
		{"export missing", "/api/export", 400},
		{"export format", "/api/export?format=xlsx&iri=" + url.QueryEscape(xi), 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, s, "GET", tc.target, "")
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tc.status, body)
			}
			if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || !strings.Contains(body, `"error"`) {
				t.Errorf("error answer %q (%s), want JSON with an error", body, res.Header.Get("Content-Type"))
			}
		})
	}
	t.Run("POST", func(t *testing.T) {
		res, _ := do(t, s, "POST", "/api/entity?iri=x", "")
		if res.StatusCode != 405 || res.Header.Get("Allow") == "" {
			t.Errorf("status %d Allow %q, want 405 with Allow", res.StatusCode, res.Header.Get("Allow"))
		}
	})
}

func TestSources(t *testing.T) {
	s := newTestServer(t, nil)
	var got struct{ Sources []Source }
	getJSON(t, s, "/api/sources", &got)
	byIRI := map[string]Source{}
	for _, src := range got.Sources {
		byIRI[src.IRI] = src
	}
	if len(got.Sources) != 4 {
		t.Errorf("got %d sources, want 3 documents and the ontology: %+v", len(got.Sources), got.Sources)
	}
	art := byIRI[srcArt]
	if art.Name != "Party diplomacy in the new era (journal article)" || !art.Document || art.Quads != 17 || strings.Join(art.Languages, ",") != "en" {
		t.Errorf("article %+v", art)
	}
	if o := byIRI["https://w3id.org/partygraph/source/ontology"]; o.Document || o.Quads == 0 {
		t.Errorf("ontology %+v", o)
	}
}

func TestTimeline(t *testing.T) {
	s := newTestServer(t, nil)
	var tl Timeline
	getJSON(t, s, "/api/timeline", &tl)
	if len(tl.Series) != 2 {
		t.Fatalf("got %d series, want 2: %+v", len(tl.Series), tl.Series)
	}
	h := tl.Series[0]
	if h.IRI != hlm || len(h.Meetings) != 2 {
		t.Fatalf("first series %+v", h)
	}
	a, b := h.Meetings[0], h.Meetings[1]
	if a.IRI != m2017 || a.Date != "2017-11-30" || a.EndDate != "2017-12-03" || len(a.Dates) != 2 || a.Online {
		t.Errorf("2017 %+v", a)
	}
	if b.IRI != m2023 || b.Date != "2023-03-15" || !b.Online || len(b.Follows) != 1 || b.Follows[0] != m2017 {
		t.Errorf("2023 %+v", b)
	}
	if len(a.FollowedBy) != 1 || a.FollowedBy[0] != m2023 {
		t.Errorf("2017 followedBy %v", a.FollowedBy)
	}
	if len(h.Replaces) != 1 || h.Replaces[0].Label != "CPC in Dialogue with the World" {
		t.Errorf("replaces %+v", h.Replaces)
	}
	if d := tl.Series[1]; d.Label != "CPC in Dialogue with the World" || len(d.Meetings) != 0 || len(d.ReplacedBy) != 1 {
		t.Errorf("second series %+v", d)
	}
}

func TestExamplesAndPrefixes(t *testing.T) {
	s := newTestServer(t, nil)
	var ex struct{ Examples []Example }
	getJSON(t, s, "/api/examples", &ex)
	if ex.Examples == nil || len(ex.Examples) != 0 {
		t.Errorf("examples %+v, want an empty list", ex.Examples)
	}
	s2 := newTestServer(t, nil)
	s2.Examples = []Example{{Name: "meetings", Language: "sparql", Query: "SELECT * { ?s ?p ?o }"}}
	getJSON(t, s2, "/api/examples", &ex)
	if len(ex.Examples) != 1 || ex.Examples[0].Name != "meetings" {
		t.Errorf("examples %+v", ex.Examples)
	}
	var p struct{ Prefixes []Prefix }
	getJSON(t, s, "/api/prefixes", &p)
	if len(p.Prefixes) == 0 || p.Prefixes[0].Prefix != "pg" || p.Prefixes[0].IRI != "https://w3id.org/partygraph/ontology#" {
		t.Errorf("prefixes %+v", p.Prefixes)
	}
}
