// Package w3c reads the W3C SPARQL test suites: their manifests (Turtle in
// the mf:, qt: and dawgt: vocabularies, with mf:include and mf:entries
// lists), their expected results (SRX, SRJ, CSV, TSV, and RDF result sets or
// graphs in Turtle and RDF/XML), and compares an engine's answers with them:
// solution multisets up to blank node renaming, in order when the query
// orders them, and graphs up to isomorphism.
//
// It also has MemStore, a small in-memory quad store for running the tests.
package w3c
