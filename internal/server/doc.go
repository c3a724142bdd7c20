// Package server is partygraph's HTTP service: the SPARQL 1.1 Protocol
// endpoint (/sparql), Cayley's Gizmo (/gizmo), the graph as N-Quads (/data),
// the JSON APIs of the explorer (/api/...), and the explorer page itself,
// served from the embedded files of package web.
//
// A Server is an http.Handler that holds the store and a logger. It only
// reads the store: SPARQL Update is refused. Queries run with a time limit,
// a row limit and a limit on how many run at once; request bodies are
// limited in size. The explorer's search index is built in memory from the
// labels in the store (Reindex) and must be rebuilt after the store changes.
package server
