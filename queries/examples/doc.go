// Package examples is the library of named SPARQL queries for analysts: the
// meetings of a series in order, who spoke at a meeting, the parties that
// came more than once, facts only one document states, facts documents
// disagree on, everything one document states. The queries are data, in
// rq/*.rq, each with a title and a description in its leading comments; the
// explorer's query tab and `partygraph query --example NAME` read them here,
// and docs/queries.md shows them.
package examples
