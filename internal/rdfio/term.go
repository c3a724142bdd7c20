package rdfio

import (
	"strconv"

	"github.com/cayleygraph/quad"
)

// ParseTerm reads one RDF term written in N-Triples or Turtle syntax
// without prefixes: <iri>, _:label, a quoted literal with an optional
// language tag or ^^<datatype>, or a bare number or boolean. Relative IRIs
// are resolved against base. Blank node labels are kept as written.
func ParseTerm(s, base string) (v quad.Value, err error) {
	p := newTurtleParser(s, Options{Base: base, Name: "term"})
	defer func() {
		if err != nil {
			v = nil
		}
	}()
	defer recoverBail(&err)
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

// blankNodes hands out the blank nodes of one parsed document: fresh ones,
// numbered after prefix, and one per label the document uses.
type blankNodes struct {
	prefix  string
	n       int
	byLabel map[string]quad.BNode
}

func (b *blankNodes) newBNode() quad.BNode {
	b.n++
	return quad.BNode(b.prefix + strconv.Itoa(b.n))
}

func (b *blankNodes) namedBNode(label string) quad.BNode {
	if n, ok := b.byLabel[label]; ok {
		return n
	}
	if b.byLabel == nil {
		b.byLabel = map[string]quad.BNode{}
	}
	n := b.newBNode()
	b.byLabel[label] = n
	return n
}

// recoverBail, deferred by a parser's entry point, turns the bail panic
// that reports a syntax error into that error in *err. Any other panic goes
// on.
func recoverBail(err *error) {
	if r := recover(); r != nil {
		b, ok := r.(bail)
		if !ok {
			panic(r)
		}
		*err = b.err
	}
}
