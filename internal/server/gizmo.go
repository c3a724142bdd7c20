package server

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/partygraph/partygraph/queries/gizmo"
)

// gizmoAnswer is the JSON answer of /gizmo, shaped like Cayley's own API.
type gizmoAnswer struct {
	Result []any `json:"result"`
}

// handleGizmo runs a Gizmo query: GET ?query=, or POST with the script as
// the body (or as the form field query).
func (s *Server) handleGizmo(w http.ResponseWriter, r *http.Request) {
	var code string
	switch r.Method {
	case http.MethodGet:
		code = r.URL.Query().Get("query")
	case http.MethodPost:
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody())
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct == "application/x-www-form-urlencoded" {
			if err := r.ParseForm(); err != nil {
				if !s.tooLarge(w, err) {
					httpError(w, http.StatusBadRequest, "bad form: "+err.Error())
				}
				return
			}
			code = r.PostForm.Get("query")
		} else {
			b, err := io.ReadAll(r.Body)
			if err != nil {
				if !s.tooLarge(w, err) {
					httpError(w, http.StatusBadRequest, "read request: "+err.Error())
				}
				return
			}
			code = string(b)
		}
	default:
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		httpError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed: use GET or POST")
		return
	}
	ctx, done, ok := s.startQuery(w, r)
	if !ok {
		return
	}
	defer done()
	limit := DefaultGizmoLimit
	if s.MaxRows > 0 && s.MaxRows < limit {
		limit = s.MaxRows
	}
	out, err := gizmo.Run(ctx, s.Store.QuadStore(), code, limit)
	var ge *gizmo.Error
	switch {
	case err == nil:
		writeJSON(w, gizmoAnswer{Result: out})
	case s.queryStopped(w, ctx, r, errors.Is(err, gizmo.ErrTimeout)):
	case errors.As(err, &ge):
		httpError(w, http.StatusBadRequest, ge.Error())
	default:
		s.Log.Error("gizmo query failed", "err", err)
		httpError(w, http.StatusInternalServerError, "query failed: "+err.Error())
	}
}
