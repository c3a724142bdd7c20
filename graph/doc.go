// Package graph owns partygraph's store: the vocabulary of the graph (the IRIs
// of ../shared/ontology.md as constants), opening a Cayley quad store from a
// URL (partygraph's own layout on LevelDB or bolt in graph/kvstore, Cayley's
// bolt layout for older stores, memory, or PostgreSQL), bulk loading,
// provenance-aware writes that replace one source document's quads in one
// transaction, and reading and writing quads as N-Quads, JSON-LD, GraphML and
// DOT.
//
// It is the only package that imports Cayley's store packages; everything
// else sees a *Store.
package graph
