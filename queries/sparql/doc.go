// Package sparql is a SPARQL 1.1 query engine over a quad store.
//
// A query flows through one file per stage: lexer.go turns text into tokens,
// parser.go builds the syntax tree of ast.go, algebra.go translates it into the
// SPARQL algebra (Translate; Op.String prints it as an S-expression), plan.go
// orders the patterns of each basic graph pattern from the store's estimates,
// and exec.go evaluates the algebra over any Store (paths.go for property
// paths, iterate.go for streaming and CONSTRUCT/DESCRIBE). The operators and
// functions of SPARQL 1.1 live in expr.go and functions.go.
//
// Covered: SELECT (with expressions, *, DISTINCT, REDUCED), ASK, CONSTRUCT
// (and CONSTRUCT WHERE), DESCRIBE (concise bounded description); BASE,
// PREFIX, FROM, FROM NAMED; basic graph patterns, OPTIONAL, UNION, MINUS,
// FILTER, BIND, VALUES, GRAPH with an IRI or a variable, subqueries, EXISTS
// and NOT EXISTS; property paths (/ | ^ * + ? and negated property sets);
// GROUP BY, HAVING and the aggregates COUNT, SUM, AVG, MIN, MAX, SAMPLE and
// GROUP_CONCAT (with DISTINCT and SEPARATOR); ORDER BY, LIMIT, OFFSET; the
// SPARQL 1.1 function library and casts to the XSD types. Literals compare by
// value (numbers, dates, dateTimes, booleans, strings) and language tags are
// kept (and matched without regard to case).
//
// The dataset: every quad carries a label, its source. The default graph is
// the RDF merge of the labels as a set, so a triple that three sources state
// is one solution, while GRAPH ?g gives one solution per source. Options and
// FROM / FROM NAMED narrow both.
//
// Evaluation pulls solutions through the algebra and streams where it can:
// basic graph patterns are index nested loops over Store.Match with the bound
// terms (a step that repeats many lookups switches to a hash table built from
// one scan), filters run as soon as their variables are bound, ORDER BY with
// LIMIT keeps only the top rows, and every loop checks the context, so
// timeouts and cancellation stop long queries. Not supported: SPARQL Update
// (rejected with an error), SERVICE, entailment regimes, and IRI functions
// other than the XSD casts (they evaluate to an error, so the value is unbound).
package sparql
