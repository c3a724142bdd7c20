// Package sparql is a SPARQL 1.1 query engine over a quad store.
//
// A query flows through one file per stage: lexer.go turns text into tokens,
// parser.go builds the syntax tree of ast.go, algebra.go translates it into the
// SPARQL algebra, plan.go orders the patterns of each basic graph pattern from
// the store's estimates, and exec.go evaluates the algebra over any Store. The
// operators and functions of SPARQL 1.1 live in expr.go and functions.go.
//
// SPARQL Update is not accepted: Parse rejects update requests with an error.
package sparql
