package rdfio

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
)

// FormatTerm writes v in N-Triples syntax: graph.FormatTerm, the one place
// that writes RDF terms. A nil value formats as the empty string.
func FormatTerm(v quad.Value) string { return graph.FormatTerm(v) }

// Prefix is a namespace abbreviation used by the Turtle writer.
type Prefix struct {
	Name string // without the colon
	IRI  string
}

var (
	localNameRx = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)
	integerRx   = regexp.MustCompile(`^[+-]?[0-9]+$`)
	decimalRx   = regexp.MustCompile(`^[+-]?[0-9]*\.[0-9]+$`)
	doubleRx    = regexp.MustCompile(`^[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+$`)
)

// TurtleWriter writes triples as Turtle, grouping the triples of one
// subject with ';' and ','. Graph labels are not written.
type TurtleWriter struct {
	w        *bufio.Writer
	prefixes []Prefix
	subj     quad.Value
	pred     quad.Value
	started  bool
	err      error
}

// NewTurtleWriter returns a writer that declares prefixes at the top and
// abbreviates IRIs with them.
func NewTurtleWriter(w io.Writer, prefixes []Prefix) *TurtleWriter {
	tw := &TurtleWriter{w: bufio.NewWriter(w), prefixes: prefixes}
	for _, p := range prefixes {
		fmt.Fprintf(tw.w, "@prefix %s: %s .\n", p.Name, FormatTerm(quad.IRI(p.IRI)))
	}
	if len(prefixes) > 0 {
		tw.w.WriteString("\n")
	}
	return tw
}

// WriteQuad writes one triple. Consecutive triples with the same subject
// (and predicate) are abbreviated.
func (tw *TurtleWriter) WriteQuad(q quad.Quad) error {
	if tw.err != nil {
		return tw.err
	}
	switch {
	case tw.started && q.Subject == tw.subj && q.Predicate == tw.pred:
		tw.w.WriteString(" ,\n        ")
	case tw.started && q.Subject == tw.subj:
		tw.w.WriteString(" ;\n    ")
		tw.w.WriteString(tw.term(q.Predicate, true))
		tw.w.WriteString(" ")
	default:
		if tw.started {
			tw.w.WriteString(" .\n")
		}
		tw.w.WriteString(tw.term(q.Subject, false))
		tw.w.WriteString(" ")
		tw.w.WriteString(tw.term(q.Predicate, true))
		tw.w.WriteString(" ")
	}
	tw.started = true
	tw.subj, tw.pred = q.Subject, q.Predicate
	_, tw.err = tw.w.WriteString(tw.term(q.Object, false))
	return tw.err
}

// Close ends the last statement and flushes. It does not close the
// underlying writer.
func (tw *TurtleWriter) Close() error {
	if tw.err != nil {
		return tw.err
	}
	if tw.started {
		tw.w.WriteString(" .\n")
	}
	return tw.w.Flush()
}

func (tw *TurtleWriter) term(v quad.Value, pred bool) string {
	switch v := v.(type) {
	case quad.IRI:
		if pred && v == RDFType {
			return "a"
		}
		best := -1
		for i, p := range tw.prefixes {
			if strings.HasPrefix(string(v), p.IRI) && localNameRx.MatchString(string(v)[len(p.IRI):]) {
				if best < 0 || len(p.IRI) > len(tw.prefixes[best].IRI) {
					best = i
				}
			}
		}
		if best >= 0 {
			p := tw.prefixes[best]
			return p.Name + ":" + string(v)[len(p.IRI):]
		}
	case quad.TypedString:
		lex := string(v.Value)
		if n, ok := BareNumber(v); ok {
			return n
		}
		if v.Type == XSDBoolean && (lex == "true" || lex == "false") {
			return lex
		}
		if v.Type != XSDString {
			return FormatTerm(quad.String(lex)) + "^^" + tw.term(v.Type, false)
		}
	}
	return FormatTerm(v)
}

// BareNumber returns the lexical form of an xsd:integer, xsd:decimal or
// xsd:double literal whose form Turtle (and SPARQL TSV) can write without
// quotes and datatype, and whether it can.
func BareNumber(v quad.TypedString) (string, bool) {
	lex := string(v.Value)
	switch {
	case v.Type == XSDInteger && integerRx.MatchString(lex),
		v.Type == XSDDecimal && decimalRx.MatchString(lex),
		v.Type == XSDDouble && doubleRx.MatchString(lex):
		return lex, true
	}
	return "", false
}

// WriteTurtle writes quads as Turtle, sorted by subject so that each
// subject's triples are grouped.
func WriteTurtle(w io.Writer, quads []quad.Quad, prefixes []Prefix) error {
	sorted := append([]quad.Quad(nil), quads...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := FormatTerm(sorted[i].Subject), FormatTerm(sorted[j].Subject)
		if a != b {
			return a < b
		}
		pa, pb := sorted[i].Predicate, sorted[j].Predicate
		if (pa == RDFType) != (pb == RDFType) {
			return pa == RDFType
		}
		return FormatTerm(pa) < FormatTerm(pb)
	})
	tw := NewTurtleWriter(w, prefixes)
	for _, q := range sorted {
		if err := tw.WriteQuad(q); err != nil {
			return err
		}
	}
	return tw.Close()
}

// WriteJSONLD writes quads as expanded JSON-LD with graph.WriteJSONLD, the
// program's one JSON-LD writer.
func WriteJSONLD(w io.Writer, quads []quad.Quad) error { return graph.WriteJSONLD(w, quads) }
