// Package results reads and writes SPARQL 1.1 query results: the JSON
// (application/sparql-results+json), XML (application/sparql-results+xml),
// CSV and TSV formats, plus an aligned text table for terminals.
//
// A SELECT result is a list of variable names and rows of quad values, in
// which nil stands for an unbound variable; an ASK result is a bool. Writers
// stream row by row (the table buffers, since it aligns columns); readers
// return a whole *Set and are used to compare results in tests.
package results
