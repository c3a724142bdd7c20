package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// exportType is a format of /data and /api/export: the graph package's
// export format, the answer's media type and the file extension.
type exportType struct{ format, contentType, ext string }

// exportTypes maps the format parameter of /data and /api/export to its
// export type.
var exportTypes = map[string]exportType{
	"nquads":  {graph.FormatNQuads, ctNQuads, "nq"},
	"jsonld":  {graph.FormatJSONLD, ctJSONLD, "jsonld"},
	"graphml": {graph.FormatGraphML, "application/graphml+xml", "graphml"},
	"dot":     {graph.FormatDOT, "text/vnd.graphviz; charset=utf-8", "dot"},
}

// exportFormat returns the export format named by the request's format
// parameter (N-Quads by default), or answers 400.
func exportFormat(w http.ResponseWriter, r *http.Request) (f exportType, ok bool) {
	name := r.URL.Query().Get("format")
	if name == "" {
		name = "nquads"
	}
	f, ok = exportTypes[strings.ToLower(name)]
	if !ok {
		httpError(w, http.StatusBadRequest, fmt.Sprintf("unknown format %q: use nquads, jsonld, graphml or dot", name))
	}
	return f, ok
}

// handleData streams the whole graph, or the source named by ?graph=IRI,
// as N-Quads (or ?format=jsonld|graphml|dot).
func (s *Server) handleData(w http.ResponseWriter, r *http.Request) {
	if !onlyGet(w, r) {
		return
	}
	f, ok := exportFormat(w, r)
	if !ok {
		return
	}
	var label quad.Value
	name := "partygraph"
	if g := r.URL.Query().Get("graph"); g != "" {
		label = quad.IRI(g)
		if s.Store.Estimate(r.Context(), nil, nil, nil, label) == 0 {
			httpError(w, http.StatusNotFound, "no source "+g+" in the store (see /api/sources)")
			return
		}
		name = safeFileName(g)
	}
	ctx := r.Context()
	if f.format != graph.FormatNQuads && r.Method != http.MethodHead {
		// The other formats are built in memory, as big as the graph: they
		// count as queries, with a slot and the limits of time and memory.
		qctx, done, ok := s.startQuery(w, r)
		if !ok {
			return
		}
		defer done()
		ctx = qctx
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", name+"."+f.ext))
	if r.Method == http.MethodHead {
		return
	}
	if _, err := s.Store.Export(ctx, w, f.format, label); err != nil {
		if rec, ok := w.(*statusRecorder); ok && !rec.wrote && s.queryStopped(w, ctx, r, false) {
			return
		}
		// The status is sent; all that is left is to cut the answer short.
		s.Log.Warn("export interrupted", "graph", r.URL.Query().Get("graph"), "err", err)
		panic(http.ErrAbortHandler)
	}
}

// safeFileName turns the last segment of an IRI into a file name.
func safeFileName(iri string) string {
	if i := strings.LastIndexAny(iri, "/#"); i >= 0 && i+1 < len(iri) {
		iri = iri[i+1:]
	}
	b := []byte(iri)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "graph"
	}
	return string(b)
}
