// Package rdfio reads and writes RDF documents as cayleygraph/quad values.
//
// It reads Turtle (with N-Triples as its subset) and RDF/XML, and writes
// Turtle. Single terms are written by graph.FormatTerm and JSON-LD by
// graph.WriteJSONLD, which own those syntaxes; FormatTerm and WriteJSONLD
// here call them. Language tags are kept as written, as graph's N-Quads
// reader keeps them (RDF 1.1 compares them case-insensitively). Terms always map to the same quad types: IRIs
// to quad.IRI, blank nodes to quad.BNode, simple literals and xsd:string to
// quad.String, language-tagged literals to quad.LangString and every other
// literal to quad.TypedString with its lexical form kept as written (Turtle's
// shorthand numbers and booleans become xsd:integer, xsd:decimal, xsd:double
// and xsd:boolean TypedStrings). Cayley's native value types (quad.Int and
// friends) are never produced, so lexical forms survive a round trip.
//
// Parse errors are *Error values that name the document and the line:column
// of the offending input.
package rdfio
