package server

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// Term is an RDF term in the JSON APIs, shaped like a binding of the SPARQL
// JSON results format, with the display label of nodes.
type Term struct {
	Type     string `json:"type"` // "uri", "bnode" or "literal"
	Value    string `json:"value"`
	Lang     string `json:"xml:lang,omitempty"`
	Datatype string `json:"datatype,omitempty"`
	Label    string `json:"label,omitempty"` // for nodes: the label shown
	Class    string `json:"class,omitempty"` // for nodes: the class that colours it
}

func (idx *index) term(v quad.Value) Term {
	switch v := graph.NativeToTerm(v).(type) {
	case quad.IRI:
		n := idx.info(v)
		return Term{Type: "uri", Value: string(v), Label: n.display, Class: string(n.class)}
	case quad.BNode:
		n := idx.info(v)
		return Term{Type: "bnode", Value: string(v), Label: n.display, Class: string(n.class)}
	case quad.LangString:
		return Term{Type: "literal", Value: string(v.Value), Lang: v.Lang}
	case quad.TypedString:
		if v.Type == graph.XSDString {
			return Term{Type: "literal", Value: string(v.Value)}
		}
		return Term{Type: "literal", Value: string(v.Value), Datatype: string(v.Type)}
	case quad.String:
		return Term{Type: "literal", Value: string(v)}
	}
	return Term{Type: "literal", Value: quad.StringOf(v)}
}

// parseTerm reads a node given as a parameter: an IRI, or _:label for a
// blank node. Angle brackets around an IRI are accepted.
func parseTerm(s string) quad.Value {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "_:") {
		return quad.BNode(s[2:])
	}
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		s = s[1 : len(s)-1]
	}
	return quad.IRI(s)
}

// SearchHit is one result of /api/search.
type SearchHit struct {
	IRI     string `json:"iri"`
	Label   string `json:"label"`   // the label shown for the entity
	Matched string `json:"matched"` // the label or alternative label that matched
	Lang    string `json:"lang,omitempty"`
	Class   string `json:"class,omitempty"`
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	if !onlyGet(w, r) {
		return
	}
	q := r.URL.Query()
	limit := 10
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			httpError(w, http.StatusBadRequest, "limit must be a positive number")
			return
		}
		limit = min(n, 100)
	}
	if len(q.Get("q")) > 500 {
		httpError(w, http.StatusBadRequest, "search text is too long (500 bytes at most)")
		return
	}
	idx, err := s.index(r.Context())
	if err != nil {
		s.Log.Error("index", "err", err)
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	var class quad.IRI
	if c := q.Get("class"); c != "" {
		class = quad.IRI(c)
	}
	hits := []SearchHit{}
	for _, h := range idx.search(q.Get("q"), class, limit) {
		hits = append(hits, SearchHit{
			IRI: termID(h.node.term), Label: h.node.display, Matched: h.label, Lang: h.lang, Class: string(h.node.class),
		})
	}
	writeJSON(w, map[string]any{"query": q.Get("q"), "results": hits})
}

// termID is how the APIs name a node: its IRI, or _:label.
func termID(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return "_:" + string(v)
	}
	return v.String()
}

// Source is one entry of /api/sources.
type Source struct {
	IRI       string   `json:"iri"`
	Name      string   `json:"name"`
	Quads     int64    `json:"quads"`
	Document  bool     `json:"document"` // a loaded document (pg:SourceDocument), not curated data
	Languages []string `json:"languages,omitempty"`
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	if !onlyGet(w, r) {
		return
	}
	idx, err := s.index(r.Context())
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeCached(w, r, &idx.sourcesAnswer, func(ctx context.Context) (any, error) { return s.sourceList(ctx, idx), nil })
}

// sourceList builds the answer of /api/sources.
func (s *Server) sourceList(ctx context.Context, idx *index) map[string]any {
	out := []Source{}
	for _, l := range idx.sources {
		n := idx.info(l)
		src := Source{IRI: termID(l), Name: n.display, Quads: s.Store.Estimate(ctx, nil, nil, nil, l), Document: hasClass(n, graph.SourceDocument)}
		if src.Quads == 0 {
			continue // a document node whose facts are not loaded
		}
		_ = s.Store.Match(ctx, l, graph.InLanguage, nil, nil, func(q quad.Quad) bool {
			txt, _ := literalText(q.Object)
			src.Languages = append(src.Languages, txt)
			return true
		})
		sort.Strings(src.Languages)
		out = append(out, src)
	}
	return map[string]any{"sources": out}
}

func (s *Server) handleExamples(w http.ResponseWriter, r *http.Request) {
	if !onlyGet(w, r) {
		return
	}
	ex := s.Examples
	if ex == nil {
		ex = []Example{}
	}
	writeJSON(w, map[string]any{"examples": ex})
}

// Prefix is a namespace prefix the query tab declares.
type Prefix struct {
	Prefix string `json:"prefix"`
	IRI    string `json:"iri"`
}

func (s *Server) handlePrefixes(w http.ResponseWriter, r *http.Request) {
	if !onlyGet(w, r) {
		return
	}
	out := []Prefix{}
	for _, p := range graph.Prefixes {
		out = append(out, Prefix{p.Prefix, p.IRI})
	}
	writeJSON(w, map[string]any{"prefixes": out})
}
