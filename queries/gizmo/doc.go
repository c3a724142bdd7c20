// Package gizmo runs Gizmo queries, Cayley's JavaScript-like graph traversal
// language, over a store, with Cayley's own implementation
// (github.com/cayleygraph/cayley/query/gizmo), and returns results ready to
// encode as JSON. It adds what a server needs around it: a result limit, a
// context that stops runaway scripts, and errors that say where a script
// went wrong.
package gizmo
