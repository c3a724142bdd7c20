package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/server"
	"github.com/partygraph/partygraph/queries/examples"
)

const serveUsage = `Serve the SPARQL endpoint and the graph explorer.

Examples:
  partygraph serve --load ../shared/seeds        load documents, then explore them at http://127.0.0.1:8080
  partygraph serve                               serve the store ./partygraph.db as it is
  partygraph serve --db mem: --load corpus/      a throwaway graph in memory
  partygraph serve --addr 127.0.0.1:0            any free port (the address is printed)
  partygraph serve --timeout 5s --max-rows 10000 stricter limits for a shared machine
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s a pg:Meeting }' http://127.0.0.1:8080/sparql

Endpoints:
  /          the explorer (search, neighbourhood graph, timeline, query tab)
  /sparql    SPARQL 1.1 Protocol, GET and POST; JSON, XML, CSV, TSV results;
             Turtle, N-Quads, JSON-LD graphs; read-only
  /gizmo     Cayley's Gizmo, GET ?query= or POST the script
  /data      the whole graph, or ?graph=SOURCE-IRI, as N-Quads
  /api/...   the explorer's JSON APIs (docs/api.md)

The server is read-only and binds to the loopback interface unless --addr
says otherwise; it has no authentication, so think before exposing it.
It logs one line per request to stderr and stops cleanly on Ctrl-C.

Limits (on by default): a query is stopped past --timeout (503), past
--max-rows rows or triples of answer (400), when it holds more than
--max-intermediate solutions in memory (400), or when the server's heap
grows by more than --query-memory MiB while it runs (503); past
--max-queries SPARQL and Gizmo queries at once, more are answered 503
busy. Request bodies over --max-body get 413, headers over 64 KiB 431; a
client that reads nothing of an answer for --stall-timeout is cut off.

Usage:
  partygraph serve [--db URL] [--addr HOST:PORT] [--load PATH...] [--timeout 30s] [--max-rows N]
                   [--max-queries N] [--max-intermediate N] [--query-memory MiB] [--max-body BYTES]
`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("serve", serveUsage, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	var load []string
	fs.StringArrayVar(&load, "load", nil, "load these documents or folders first (repeatable; more paths may follow as arguments)")
	timeout := fs.Duration("timeout", server.DefaultTimeout, "stop a query after this long (0: no limit)")
	maxRows := fs.Int("max-rows", server.DefaultMaxRows, "refuse SPARQL answers of more rows than this (0: no limit)")
	maxQueries := fs.Int("max-queries", server.DefaultMaxQueries, "queries run at once; more are answered 503 busy (0: no limit)")
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "largest request body in bytes")
	maxIntermediate := fs.Int("max-intermediate", server.DefaultMaxIntermediate, "solutions one SPARQL query may hold in memory (sorting, grouping, joins) before it is stopped (0: the engine default, 100 × --max-rows)")
	stall := fs.Duration("stall-timeout", server.DefaultStallTimeout, "cut a client that reads nothing of an answer for this long (0: no limit)")
	queryMemory := fs.Int64("query-memory", server.DefaultQueryMemory>>20, "stop a query once the server's heap has grown by this many MiB while it runs (0: no limit)")
	quiet := fs.BoolP("quiet", "q", false, "log only warnings and errors, not every request")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	load = append(load, fs.Args()...)
	if len(fs.Args()) > 0 && len(load) == len(fs.Args()) {
		return fmt.Errorf("serve: unexpected arguments %q (to load files, use --load)", fs.Args())
	}

	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	store, err := graph.Open(ctx, *db, graph.Options{})
	if err != nil {
		return redactError(err, *db)
	}
	defer store.Close()

	if len(load) > 0 {
		l, err := newIngestLoader(store, stderr)
		if err != nil {
			return err
		}
		l.Log = log
		rep, err := l.Load(ctx, load)
		if err != nil {
			return err
		}
		printReport(stderr, store, rep)
	}

	srv := server.New(store, log)
	srv.Timeout = *timeout
	srv.MaxRows = *maxRows
	srv.MaxQueries = *maxQueries
	srv.MaxBody = *maxBody
	srv.MaxIntermediate = *maxIntermediate
	srv.QueryMemory = *queryMemory << 20
	srv.StallTimeout = *stall
	for _, ex := range examples.All() {
		title := ex.Title
		if title == "" {
			title = ex.Name
		}
		srv.Examples = append(srv.Examples, server.Example{Name: title, Description: ex.Description, Language: "sparql", Query: ex.Query})
	}
	if err := srv.Reindex(ctx); err != nil {
		return fmt.Errorf("serve: %w", err)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		log.Warn("listening on a non-loopback address: anyone who can reach it can read the whole graph", "addr", ln.Addr().String())
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stderr, "serving %s at http://%s/ (SPARQL endpoint http://%s/sparql); Ctrl-C stops\n", store.Addr(), ln.Addr(), ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		hs.Close()
		return fmt.Errorf("serve: shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(stderr, "stopped")
	return nil
}

// redactError removes the password of a connection URL from err's message.
// graph.Open removes it from the URLs it names, but not from a URL it
// cannot parse (a password with a stray % or space), which the driver's
// message then quotes whole.
func redactError(err error, db string) error {
	i := strings.Index(db, "://")
	at := strings.LastIndex(db, "@")
	if i < 0 || at < i {
		return err
	}
	_, pw, ok := strings.Cut(db[i+3:at], ":")
	if !ok || pw == "" {
		return err
	}
	// The password as written, unescaped, and quoted (url.Parse's errors
	// quote the URL).
	forms := []string{pw, strings.Trim(strconv.Quote(pw), `"`)}
	if u, uerr := url.PathUnescape(pw); uerr == nil {
		forms = append(forms, u, strings.Trim(strconv.Quote(u), `"`))
	}
	msg := err.Error()
	for _, f := range forms {
		if f != "" {
			msg = strings.ReplaceAll(msg, f, "xxxxx")
		}
	}
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg: msg, err: err}
}

// redactedError is an error whose message had a password removed.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
