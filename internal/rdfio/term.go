package rdfio

import (
	"github.com/cayleygraph/quad"
)

// ParseTerm reads one RDF term written in N-Triples or Turtle syntax
// without prefixes: <iri>, _:label, a quoted literal with an optional
// language tag or ^^<datatype>, or a bare number or boolean. Relative IRIs
// are resolved against base. Blank node labels are kept as written.
func ParseTerm(s, base string) (v quad.Value, err error) {
	p := newTurtleParser(s, Options{Base: base, Name: "term"})
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bail)
			if !ok {
				panic(r)
			}
			v, err = nil, b.err
		}
	}()
	if t := p.peek(); t.kind == tBNode {
		p.next()
		v = quad.BNode(t.text)
	} else {
		v = p.object()
	}
	if t := p.peek(); t.kind != tEOF {
		p.errorf(t.line, t.col, "unexpected %s after the term", describe(t))
	}
	return v, nil
}
