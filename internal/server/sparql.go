package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/rdfio"
	"github.com/partygraph/partygraph/queries/results"
	"github.com/partygraph/partygraph/queries/sparql"
)

// Media types of the answers to CONSTRUCT and DESCRIBE queries.
const (
	ctNQuads   = "application/n-quads"
	ctNTriples = "application/n-triples"
	ctTurtle   = "text/turtle; charset=utf-8"
	ctJSONLD   = "application/ld+json"
)

// selectTypes are the media types offered for SELECT and ASK, preferred first.
var selectTypes = []string{
	"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
	"text/tab-separated-values", "application/json", "application/xml", "text/xml", "text/plain",
}

// graphTypes are the media types offered for CONSTRUCT and DESCRIBE.
var graphTypes = []string{"text/turtle", ctNQuads, ctNTriples, ctJSONLD, "application/json", "text/plain"}

// formatNames are the values of the format parameter, for clients (and
// download links) that cannot set Accept.
var formatNames = map[string]string{
	"json": "application/sparql-results+json", "srj": "application/sparql-results+json",
	"xml": "application/sparql-results+xml", "srx": "application/sparql-results+xml",
	"csv": "text/csv", "tsv": "text/tab-separated-values", "text": "text/plain", "table": "text/plain",
	"turtle": "text/turtle", "ttl": "text/turtle", "nquads": ctNQuads, "nq": ctNQuads,
	"ntriples": ctNTriples, "nt": ctNTriples, "jsonld": ctJSONLD, "json-ld": ctJSONLD,
}

// handleSPARQL is the SPARQL 1.1 Protocol query operation.
func (s *Server) handleSPARQL(w http.ResponseWriter, r *http.Request) {
	var (
		form  url.Values
		query string
	)
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		form = r.URL.Query()
		if len(form["query"]) == 0 && len(form["update"]) == 0 && prefersHTML(r) {
			// A person opening the endpoint in a browser gets the query tab.
			http.Redirect(w, r, "/#query", http.StatusSeeOther)
			return
		}
	case http.MethodPost:
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody())
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch ct {
		case "application/x-www-form-urlencoded":
			if err := r.ParseForm(); err != nil {
				if !s.tooLarge(w, err) {
					httpError(w, http.StatusBadRequest, "bad form: "+err.Error())
				}
				return
			}
			form = r.Form
		case "application/sparql-query":
			body, err := io.ReadAll(r.Body)
			if err != nil {
				if !s.tooLarge(w, err) {
					httpError(w, http.StatusBadRequest, "read request: "+err.Error())
				}
				return
			}
			form = r.URL.Query()
			if len(form["query"]) > 0 {
				httpError(w, http.StatusBadRequest, "the query is both in the body and in the URL: send it once")
				return
			}
			form.Set("query", string(body))
		case "application/sparql-update":
			httpError(w, http.StatusForbidden, "this endpoint is read-only: SPARQL Update is not accepted")
			return
		default:
			httpError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported Content-Type %q: send application/sparql-query or application/x-www-form-urlencoded", r.Header.Get("Content-Type")))
			return
		}
	default:
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		httpError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed: use GET or POST")
		return
	}
	if len(form["update"]) > 0 {
		httpError(w, http.StatusForbidden, "this endpoint is read-only: SPARQL Update is not accepted")
		return
	}
	switch qs := form["query"]; len(qs) {
	case 0:
		httpError(w, http.StatusBadRequest, "missing query: send ?query=... (GET), a form field query (POST), or a body of type application/sparql-query")
		return
	case 1:
		query = qs[0]
	default:
		httpError(w, http.StatusBadRequest, "more than one query parameter")
		return
	}

	q, err := sparql.ParseWith(query, sparql.ParseOptions{Prefixes: prefixMap()})
	if err != nil {
		var se *sparql.Error
		if errors.As(err, &se) {
			httpError(w, http.StatusBadRequest, "malformed query: "+se.Error())
		} else {
			httpError(w, http.StatusBadRequest, "malformed query: "+err.Error())
		}
		return
	}
	offered := selectTypes
	if q.Form == sparql.FormConstruct || q.Form == sparql.FormDescribe {
		offered = graphTypes
	}
	mt, ok := negotiate(r.Header.Get("Accept"), form.Get("format"), offered)
	if !ok {
		httpError(w, http.StatusNotAcceptable, fmt.Sprintf("cannot answer a %s query in the requested format: accepted are %s", q.Form, strings.Join(offered, ", ")))
		return
	}
	opt := sparql.Options{Timeout: s.Timeout, MaxRows: s.MaxRows, MaxIntermediate: s.MaxIntermediate}
	for _, g := range form["default-graph-uri"] {
		opt.DefaultGraph = append(opt.DefaultGraph, quad.IRI(g))
	}
	for _, g := range form["named-graph-uri"] {
		opt.NamedGraphs = append(opt.NamedGraphs, quad.IRI(g))
	}

	ctx, done, ok := s.startQuery(w, r)
	if !ok {
		return
	}
	defer done()
	res, err := sparql.Exec(ctx, s.Store, q, opt)
	if err != nil {
		s.queryError(w, ctx, r, err)
		return
	}
	w.Header().Set("Vary", "Accept")
	w.Header().Set("Cache-Control", "no-cache")
	if form.Get("format") != "" && form.Get("download") != "" {
		w.Header().Set("Content-Disposition", "attachment; filename=\"result."+extension(mt)+"\"")
	}
	if err := writeResult(w, r, mt, res); err != nil {
		s.Log.Warn("write SPARQL result", "err", err)
	}
}

// queryError answers a query that failed while it ran; ctx is the context
// of startQuery.
func (s *Server) queryError(w http.ResponseWriter, ctx context.Context, r *http.Request, err error) {
	var se *sparql.Error
	switch {
	case s.queryStopped(w, ctx, r, sparql.IsTimeout(err)):
	case errors.Is(err, sparql.ErrTooManyRows) && strings.Contains(err.Error(), "intermediate"):
		// The engine has one error for both limits; its message tells them apart.
		httpError(w, http.StatusBadRequest, fmt.Sprintf("query stopped: it needs more than %d solutions in memory at once, the most this server holds for one query; "+
			"narrow the query (join its patterns on shared variables, filter early, or add a LIMIT to an ORDER BY)", s.MaxIntermediate))
	case errors.Is(err, sparql.ErrTooManyRows):
		httpError(w, http.StatusBadRequest, fmt.Sprintf("query stopped: %v; the most this server returns is %d (add a LIMIT, or narrow the query)", err, s.MaxRows))
	case errors.As(err, &se):
		httpError(w, http.StatusBadRequest, "query error: "+se.Error())
	default:
		s.Log.Error("query failed", "err", err)
		httpError(w, http.StatusInternalServerError, "query failed: "+err.Error())
	}
}

func writeResult(w http.ResponseWriter, r *http.Request, mt string, res *sparql.Result) error {
	h := w.Header()
	switch res.Form {
	case sparql.FormSelect, sparql.FormAsk:
		f, _ := results.FormatOfMediaType(mt)
		h.Set("Content-Type", f.ContentType())
		if r.Method == http.MethodHead {
			return nil
		}
		if res.Form == sparql.FormAsk {
			return results.WriteBool(w, f, res.Bool)
		}
		return results.Write(w, f, res.Vars, res.Rows)
	}
	switch mt {
	case ctNQuads, ctNTriples, "text/plain":
		h.Set("Content-Type", mt)
		if mt == "text/plain" {
			h.Set("Content-Type", "text/plain; charset=utf-8")
		}
		if r.Method == http.MethodHead {
			return nil
		}
		nw := graph.NewNQuadsWriter(w)
		if _, err := nw.WriteQuads(res.Quads); err != nil {
			return err
		}
		return nw.Close()
	case ctJSONLD, "application/json":
		h.Set("Content-Type", ctJSONLD)
		if r.Method == http.MethodHead {
			return nil
		}
		return rdfio.WriteJSONLD(w, res.Quads)
	default:
		h.Set("Content-Type", ctTurtle)
		if r.Method == http.MethodHead {
			return nil
		}
		return rdfio.WriteTurtle(w, res.Quads, turtlePrefixes())
	}
}

func prefixMap() map[string]string {
	m := make(map[string]string, len(graph.Prefixes))
	for _, p := range graph.Prefixes {
		m[p.Prefix] = p.IRI
	}
	return m
}

func turtlePrefixes() []rdfio.Prefix {
	var ps []rdfio.Prefix
	for _, p := range graph.Prefixes {
		ps = append(ps, rdfio.Prefix{Name: p.Prefix, IRI: p.IRI})
	}
	return ps
}

func extension(mt string) string {
	switch mt {
	case "application/sparql-results+json", "application/json":
		return "srj"
	case "application/sparql-results+xml", "application/xml", "text/xml":
		return "srx"
	case "text/csv":
		return "csv"
	case "text/tab-separated-values":
		return "tsv"
	case "text/turtle":
		return "ttl"
	case ctNQuads:
		return "nq"
	case ctNTriples:
		return "nt"
	case ctJSONLD:
		return "jsonld"
	}
	return "txt"
}

// negotiate picks the media type of the answer among offered (in the
// server's order of preference): the one named by the format parameter if
// given, else the best match of the Accept header by quality, else the
// first offered when Accept is empty.
func negotiate(accept, format string, offered []string) (string, bool) {
	if format != "" {
		mt, ok := formatNames[strings.ToLower(format)]
		if !ok {
			mt = strings.ToLower(format) // a media type given as format
		}
		if mt == "application/sparql-results+json" && offered[0] != selectTypes[0] {
			mt = ctJSONLD // format=json for a graph (SPARQLWrapper sends it)
		}
		for _, o := range offered {
			if o == mt {
				return o, true
			}
		}
		return "", false
	}
	if strings.TrimSpace(accept) == "" {
		return offered[0], true
	}
	type choice struct {
		mt string
		q  float64
	}
	var prefs []choice
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if _, err := fmt.Sscanf(v, "%g", &q); err != nil {
				q = 0
			}
		}
		prefs = append(prefs, choice{mt, q})
	}
	best, bestQ, bestSpecific := "", 0.0, false
	for _, o := range offered {
		for _, p := range prefs {
			if p.q <= 0 {
				continue
			}
			specific := p.mt == o
			match := specific || p.mt == "*/*" || strings.HasSuffix(p.mt, "/*") && strings.HasPrefix(o, strings.TrimSuffix(p.mt, "*"))
			if !match {
				continue
			}
			// Higher quality wins; at equal quality an exact type beats a
			// wildcard, and the server's order breaks the remaining ties.
			if p.q > bestQ || p.q == bestQ && specific && !bestSpecific {
				best, bestQ, bestSpecific = o, p.q, specific
			}
		}
	}
	return best, best != ""
}

// prefersHTML reports whether the client is a browser asking for a page.
func prefersHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}
