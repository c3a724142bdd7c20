package rdfio

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
)

// Namespaces and datatypes used by the readers and writers; those graph
// defines are graph's.
const (
	RDFNS = graph.RDFNS
	XSDNS = graph.XSDNS

	XSDString  = graph.XSDString
	XSDInteger = graph.XSDInteger
	XSDDecimal = graph.XSDDecimal
	XSDDouble  = graph.XSDDouble
	XSDBoolean = graph.XSDBoolean

	RDFType       = graph.Type
	RDFFirst      = quad.IRI(RDFNS + "first")
	RDFRest       = quad.IRI(RDFNS + "rest")
	RDFNil        = quad.IRI(RDFNS + "nil")
	RDFXMLLiteral = quad.IRI(RDFNS + "XMLLiteral")
	RDFLangString = quad.IRI(RDFNS + "langString")
)

// Media types of the RDF syntaxes this package reads or writes.
const (
	ContentTypeTurtle   = "text/turtle; charset=utf-8"
	ContentTypeNTriples = "application/n-triples"
	ContentTypeNQuads   = "application/n-quads"
	ContentTypeRDFXML   = "application/rdf+xml"
	ContentTypeJSONLD   = "application/ld+json"
)

// Syntax is an RDF concrete syntax this package reads.
type Syntax int

// The syntaxes Parse accepts.
const (
	Unknown Syntax = iota
	Turtle
	NTriples
	RDFXML
)

func (s Syntax) String() string {
	switch s {
	case Turtle:
		return "turtle"
	case NTriples:
		return "n-triples"
	case RDFXML:
		return "rdf/xml"
	}
	return "unknown"
}

// ContentType returns the media type of the syntax.
func (s Syntax) ContentType() string {
	switch s {
	case Turtle:
		return ContentTypeTurtle
	case NTriples:
		return ContentTypeNTriples
	case RDFXML:
		return ContentTypeRDFXML
	}
	return "application/octet-stream"
}

// SyntaxOf guesses the syntax of a file from its extension: .ttl, .nt and
// .rdf/.xml/.owl. It returns Unknown for anything else.
func SyntaxOf(name string) Syntax {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".ttl", ".turtle", ".n3":
		return Turtle
	case ".nt":
		return NTriples
	case ".rdf", ".xml", ".owl":
		return RDFXML
	}
	return Unknown
}

// Options controls a parse.
type Options struct {
	// Base is the base IRI relative IRIs are resolved against, until the
	// document sets its own.
	Base string
	// Name names the document in error messages (usually its file name).
	Name string
	// Label is the graph label put on every quad read (nil for none).
	Label quad.Value
	// BlankPrefix is put in front of every blank node label, so that the
	// blank nodes of two documents loaded into one store stay apart.
	BlankPrefix string
}

// Error is a syntax error at a position in a document.
type Error struct {
	Name      string // document name, from Options.Name
	Line, Col int    // 1-based; Col counts characters
	Msg       string
}

func (e *Error) Error() string {
	name := e.Name
	if name == "" {
		name = "input"
	}
	return fmt.Sprintf("%s:%d:%d: %s", name, e.Line, e.Col, e.Msg)
}

// Parse reads a whole document of the given syntax.
func Parse(r io.Reader, syn Syntax, opt Options) ([]quad.Quad, error) {
	switch syn {
	case Turtle:
		return ParseTurtle(r, opt)
	case NTriples:
		return ParseNTriples(r, opt)
	case RDFXML:
		return ParseRDFXML(r, opt)
	}
	return nil, fmt.Errorf("parse %s: unknown syntax", opt.Name)
}

// ParseFile reads the file at path in the syntax its extension names, with
// its file: URL as base IRI. Label and BlankPrefix are taken from opt; Name
// and an empty Base are filled in.
func ParseFile(path string, opt Options) ([]quad.Quad, error) {
	syn := SyntaxOf(path)
	if syn == Unknown {
		return nil, fmt.Errorf("parse %s: unknown file extension", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if opt.Name == "" {
		opt.Name = path
	}
	if opt.Base == "" {
		opt.Base = FileIRI(path)
	}
	return Parse(f, syn, opt)
}

// FileIRI returns the file: IRI of a local path, made absolute.
func FileIRI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	path = filepath.ToSlash(path)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return "file://" + path
}
