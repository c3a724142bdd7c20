package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partygraph/partygraph/graph"
)

// Defaults of the Server's limits.
const (
	DefaultTimeout    = 30 * time.Second
	DefaultMaxRows    = 100000
	DefaultMaxQueries = 4
	DefaultMaxBody    = 1 << 20 // bytes
	DefaultGizmoLimit = 10000   // results of one Gizmo query

	// DefaultMaxIntermediate bounds the solutions one SPARQL query holds in
	// memory at once (sorting, grouping, DISTINCT, hash joins): a few
	// hundred MB at most.
	DefaultMaxIntermediate = 1_000_000
	// DefaultQueryMemory is how much the Go heap may grow while a query
	// runs before the query is stopped.
	DefaultQueryMemory = 1 << 30 // bytes
	// DefaultStallTimeout is how long a client may leave an answer unread.
	DefaultStallTimeout = time.Minute
)

// ContentSecurityPolicy is sent with every response. It allows scripts,
// styles and data only from the server itself: no inline script, no inline
// style element, no eval, no framing.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Example is a query the explorer's query tab offers with one click.
type Example struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Language    string `json:"language"` // "sparql" or "gizmo"
	Query       string `json:"query"`
}

// Server serves the store over HTTP. Create it with New, adjust the
// exported settings, call Reindex, then use it as an http.Handler. The
// settings must not change once it serves.
type Server struct {
	Store *graph.Store
	Log   *slog.Logger

	Timeout    time.Duration // per query (SPARQL, Gizmo); 0 means none
	MaxRows    int           // rows (or triples) of one SPARQL answer; 0 means none
	MaxQueries int           // queries running at once; more get 503 "busy"; <= 0 means no limit
	MaxBody    int64         // request body size in bytes; 0 means DefaultMaxBody
	Examples   []Example     // example queries for the query tab

	// MaxIntermediate bounds the solutions one SPARQL query may hold in
	// memory at once; past it the query is stopped (400). 0 means the
	// engine's default (100 * MaxRows).
	MaxIntermediate int
	// QueryMemory stops a running query (SPARQL or Gizmo, 503) once the
	// live Go heap has grown by more than this many bytes since it started.
	// It catches what the other limits cannot bound, such as a Gizmo
	// script filling an array. 0 means no limit.
	QueryMemory int64
	// StallTimeout cuts the connection of a client that reads nothing of
	// an answer for this long, so that a stalled reader does not hold a
	// handler (and a store read) for ever. 0 means no limit.
	StallTimeout time.Duration

	once sync.Once
	mux  *http.ServeMux
	sem  chan struct{}
	idx  atomic.Pointer[index]
}

// New returns a server over store with the default limits. A nil log
// means slog.Default().
func New(store *graph.Store, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	return &Server{
		Store:      store,
		Log:        log,
		Timeout:    DefaultTimeout,
		MaxRows:    DefaultMaxRows,
		MaxQueries: DefaultMaxQueries,
		MaxBody:    DefaultMaxBody,

		MaxIntermediate: DefaultMaxIntermediate,
		QueryMemory:     DefaultQueryMemory,
		StallTimeout:    DefaultStallTimeout,
	}
}

func (s *Server) init() {
	s.once.Do(func() {
		if s.Log == nil {
			s.Log = slog.Default()
		}
		if s.MaxQueries > 0 {
			s.sem = make(chan struct{}, s.MaxQueries)
		}
		m := http.NewServeMux()
		m.HandleFunc("/sparql", s.handleSPARQL)
		m.HandleFunc("/gizmo", s.handleGizmo)
		m.HandleFunc("/data", s.handleData)
		m.HandleFunc("/api/search", s.handleSearch)
		m.HandleFunc("/api/entity", s.handleEntity)
		m.HandleFunc("/api/export", s.handleExport)
		m.HandleFunc("/api/sources", s.handleSources)
		m.HandleFunc("/api/timeline", s.handleTimeline)
		m.HandleFunc("/api/examples", s.handleExamples)
		m.HandleFunc("/api/prefixes", s.handlePrefixes)
		m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
			httpError(w, http.StatusNotFound, "no such API: "+r.URL.Path)
		})
		m.Handle("/", s.staticHandler())
		s.mux = m
	})
}

// ServeHTTP serves one request: it logs it, sets the security headers, and
// answers CORS preflight requests for the read endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.init()
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	if s.StallTimeout > 0 {
		rec.rc, rec.stall = http.NewResponseController(w), s.StallTimeout
		// Clear the deadline of the connection's previous answer (it stays
		// set after a handler returns, for net/http's last flush).
		rec.rc.SetWriteDeadline(time.Time{})
	}
	defer func() {
		p := recover()
		if p == http.ErrAbortHandler {
			s.Log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
				"bytes", rec.bytes, "duration", time.Since(start).Round(time.Microsecond), "remote", r.RemoteAddr, "aborted", true)
			panic(p)
		}
		if p != nil {
			s.Log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if !rec.wrote {
				httpError(rec, http.StatusInternalServerError, "internal error")
			}
		}
		s.Log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"bytes", rec.bytes, "duration", time.Since(start).Round(time.Microsecond), "remote", r.RemoteAddr)
	}()
	h := rec.Header()
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	if isReadAPI(r.URL.Path) {
		// Everything is read-only, so any origin may read (YASGUI, notebooks).
		h.Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Accept, Content-Type")
			h.Set("Access-Control-Max-Age", "86400")
			rec.WriteHeader(http.StatusNoContent)
			return
		}
	}
	s.mux.ServeHTTP(rec, r)
}

func isReadAPI(path string) bool {
	switch path {
	case "/sparql", "/gizmo", "/data":
		return true
	}
	return strings.HasPrefix(path, "/api/")
}

// statusRecorder remembers the status and size of a response, for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool

	rc    *http.ResponseController // nil: no stall timeout
	stall time.Duration
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status = code
		r.wrote = true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.rc != nil {
		// Each write may wait for the client this long (an error means the
		// writer cannot have deadlines, as in tests).
		r.rc.SetWriteDeadline(time.Now().Add(r.stall))
	}
	r.wrote = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Flush lets streamed answers (/data) reach the client as they are written.
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the real writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// errorBody is the JSON form of every error of the JSON APIs.
type errorBody struct {
	Error string `json:"error"`
}

// httpError answers with status and a message, as JSON, which browsers and
// scripts read alike; SPARQL clients show the body as text.
func httpError(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Del("Content-Disposition")
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if status == http.StatusServiceUnavailable {
		h.Set("Retry-After", "1")
	}
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(errorBody{Error: msg})
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // JSON with '<' escaped is safe even if a client mistakes it for HTML
	enc.Encode(v)
}

// writeCached answers with the JSON of c, built by build on first use. The
// first request builds it while the others wait; a failed build is not
// kept, so the next request tries again.
func writeCached(w http.ResponseWriter, r *http.Request, c *cachedAnswer, build func(context.Context) (any, error)) {
	c.mu.Lock()
	body := c.body
	if body == nil {
		v, err := build(r.Context())
		if err == nil {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(true)
			err = enc.Encode(v)
			body = buf.Bytes()
		}
		if err != nil {
			c.mu.Unlock()
			httpError(w, http.StatusInternalServerError, "read the store: "+err.Error())
			return
		}
		c.body = body
	}
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(body)
}

// onlyGet refuses methods other than GET and HEAD.
func onlyGet(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD, OPTIONS")
	httpError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed: use GET")
	return false
}

func (s *Server) maxBody() int64 {
	if s.MaxBody > 0 {
		return s.MaxBody
	}
	return DefaultMaxBody
}

// tooLarge reports whether err comes from reading past the body limit, and
// answers 413 if so.
func (s *Server) tooLarge(w http.ResponseWriter, err error) bool {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is over the limit of %d bytes", mbe.Limit))
		return true
	}
	return false
}
