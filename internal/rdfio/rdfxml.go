package rdfio

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

const xmlNS = "http://www.w3.org/XML/1998/namespace"

// ParseRDFXML reads an RDF/XML document and returns its triples as quads
// labelled opt.Label. It supports rdf:about/ID/nodeID/resource/datatype,
// xml:base and xml:lang, property attributes, rdf:li, and the parse types
// Resource, Literal (kept as written) and Collection.
func ParseRDFXML(r io.Reader, opt Options) (_ []quad.Quad, err error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", opt.Name, err)
	}
	root, err := readXMLTree(src, opt.Name)
	if err != nil {
		return nil, err
	}
	p := &xmlParser{opt: opt, src: src, blankNodes: blankNodes{prefix: opt.BlankPrefix + "x"}}
	defer recoverBail(&err)
	if root == nil {
		return nil, &Error{Name: opt.Name, Line: 1, Col: 1, Msg: "no root element"}
	}
	ctx := xmlCtx{base: opt.Base}
	if root.name.Space == RDFNS && root.name.Local == "RDF" {
		ctx = ctx.enter(root)
		for _, c := range root.children {
			p.nodeElement(c, ctx)
		}
	} else {
		p.nodeElement(root, ctx)
	}
	return p.out, err
}

type xmlElem struct {
	name      xml.Name
	attrs     []xml.Attr
	children  []*xmlElem
	text      strings.Builder
	line, col int
	// inner is the byte range of the element's content in the source.
	innerStart, innerEnd int64
}

func readXMLTree(src []byte, name string) (*xmlElem, error) {
	d := xml.NewDecoder(bytes.NewReader(src))
	var stack []*xmlElem
	var root *xmlElem
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				return nil, &Error{Name: name, Line: line, Col: col, Msg: "unexpected end of input inside <" + stack[len(stack)-1].name.Local + ">"}
			}
			return root, nil
		}
		if err != nil {
			l, c := d.InputPos()
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			if msg == "unexpected EOF" {
				msg = "unexpected end of input"
			}
			return nil, &Error{Name: name, Line: l, Col: c, Msg: msg}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &xmlElem{name: t.Name, attrs: t.Attr, line: line, col: col, innerStart: d.InputOffset()}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, e)
			} else if root == nil {
				root = e
			} else {
				return nil, &Error{Name: name, Line: line, Col: col, Msg: "more than one root element"}
			}
			stack = append(stack, e)
		case xml.EndElement:
			e := stack[len(stack)-1]
			e.innerEnd = d.InputOffset() - int64(len(rawEndTag(src, d.InputOffset())))
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
}

// rawEndTag returns the end tag that finishes just before offset end.
func rawEndTag(src []byte, end int64) []byte {
	if end > int64(len(src)) {
		end = int64(len(src))
	}
	i := bytes.LastIndex(src[:end], []byte("</"))
	if i < 0 {
		// A self-closing element: its content is empty.
		return nil
	}
	return src[i:end]
}

type xmlCtx struct {
	base, lang string
}

func (c xmlCtx) enter(e *xmlElem) xmlCtx {
	for _, a := range e.attrs {
		if a.Name.Space == xmlNS {
			switch a.Name.Local {
			case "base":
				c.base = ResolveIRI(c.base, a.Value)
				if i := strings.IndexByte(c.base, '#'); i >= 0 {
					c.base = c.base[:i]
				}
			case "lang":
				c.lang = a.Value // kept as written, as graph's N-Quads reader does
			}
		}
	}
	return c
}

type xmlParser struct {
	opt Options
	src []byte
	blankNodes
	out []quad.Quad
}

func (p *xmlParser) errorf(e *xmlElem, format string, args ...any) {
	panic(bail{&Error{Name: p.opt.Name, Line: e.line, Col: e.col, Msg: fmt.Sprintf(format, args...)}})
}

func (p *xmlParser) emit(s, pr, o quad.Value) {
	p.out = append(p.out, quad.Quad{Subject: s, Predicate: pr, Object: o, Label: p.opt.Label})
}

func attr(e *xmlElem, space, local string) (string, bool) {
	for _, a := range e.attrs {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// isSyntaxAttr reports whether a is an attribute that is not a property.
func isSyntaxAttr(a xml.Attr) bool {
	if a.Name.Space == xmlNS || a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
		return true
	}
	if a.Name.Space == "" || strings.HasPrefix(a.Name.Local, "xml") && a.Name.Space == "" {
		return true // unqualified attributes are ignored
	}
	if a.Name.Space == RDFNS {
		switch a.Name.Local {
		case "about", "ID", "nodeID", "resource", "datatype", "parseType", "aboutEach", "aboutEachPrefix", "bagID":
			return true
		}
	}
	return false
}

func (p *xmlParser) nodeElement(e *xmlElem, ctx xmlCtx) quad.Value {
	ctx = ctx.enter(e)
	var subj quad.Value
	if v, ok := attr(e, RDFNS, "about"); ok {
		subj = quad.IRI(ResolveIRI(ctx.base, v))
	} else if v, ok := attr(e, RDFNS, "ID"); ok {
		subj = quad.IRI(ResolveIRI(ctx.base, "#"+v))
	} else if v, ok := attr(e, RDFNS, "nodeID"); ok {
		subj = p.namedBNode(v)
	} else {
		subj = p.newBNode()
	}
	if !(e.name.Space == RDFNS && e.name.Local == "Description") {
		if e.name.Space == "" {
			p.errorf(e, "node element <%s> has no namespace", e.name.Local)
		}
		p.emit(subj, RDFType, quad.IRI(e.name.Space+e.name.Local))
	}
	p.propertyAttrs(e, subj, ctx)
	li := 0
	for _, c := range e.children {
		p.propertyElt(c, subj, ctx, &li)
	}
	return subj
}

func (p *xmlParser) propertyAttrs(e *xmlElem, subj quad.Value, ctx xmlCtx) {
	for _, a := range e.attrs {
		if isSyntaxAttr(a) {
			continue
		}
		pred := quad.IRI(a.Name.Space + a.Name.Local)
		if pred == RDFType {
			p.emit(subj, pred, quad.IRI(ResolveIRI(ctx.base, a.Value)))
			continue
		}
		p.emit(subj, pred, p.plain(a.Value, ctx))
	}
}

func (p *xmlParser) plain(s string, ctx xmlCtx) quad.Value {
	if ctx.lang != "" {
		return quad.LangString{Value: quad.String(s), Lang: ctx.lang}
	}
	return quad.String(s)
}

func (p *xmlParser) propertyElt(e *xmlElem, subj quad.Value, ctx xmlCtx, li *int) {
	ctx = ctx.enter(e)
	if e.name.Space == "" {
		p.errorf(e, "property element <%s> has no namespace", e.name.Local)
	}
	pred := quad.IRI(e.name.Space + e.name.Local)
	if e.name.Space == RDFNS && e.name.Local == "li" {
		*li++
		pred = quad.IRI(RDFNS + "_" + strconv.Itoa(*li))
	}
	var obj quad.Value
	pt, hasPT := attr(e, RDFNS, "parseType")
	switch {
	case hasPT && pt == "Resource":
		b := p.newBNode()
		obj = b
		p.emit(subj, pred, b)
		n := 0
		for _, c := range e.children {
			p.propertyElt(c, b, ctx, &n)
		}
		p.reify(e, ctx, subj, pred, obj)
		return
	case hasPT && pt == "Collection":
		var items []quad.Value
		for _, c := range e.children {
			items = append(items, p.nodeElement(c, ctx))
		}
		obj = RDFNil
		if len(items) > 0 {
			nodes := make([]quad.Value, len(items))
			for i := range items {
				nodes[i] = p.newBNode()
			}
			obj = nodes[0]
			for i, it := range items {
				p.emit(nodes[i], RDFFirst, it)
				if i+1 < len(items) {
					p.emit(nodes[i], RDFRest, nodes[i+1])
				} else {
					p.emit(nodes[i], RDFRest, RDFNil)
				}
			}
		}
	case hasPT:
		// "Literal" and any other parse type: the content as XML.
		inner := ""
		if e.innerEnd >= e.innerStart && e.innerEnd <= int64(len(p.src)) {
			inner = string(p.src[e.innerStart:e.innerEnd])
		}
		obj = quad.TypedString{Value: quad.String(inner), Type: RDFXMLLiteral}
	case len(e.children) > 1:
		p.errorf(e.children[1], "property element <%s> has more than one node element", e.name.Local)
	case len(e.children) == 1:
		if strings.TrimSpace(e.text.String()) != "" {
			p.errorf(e, "property element <%s> mixes text and elements", e.name.Local)
		}
		obj = p.nodeElement(e.children[0], ctx)
	default:
		res, hasRes := attr(e, RDFNS, "resource")
		nid, hasNID := attr(e, RDFNS, "nodeID")
		hasProps := false
		for _, a := range e.attrs {
			if !isSyntaxAttr(a) {
				hasProps = true
			}
		}
		switch {
		case hasRes:
			obj = quad.IRI(ResolveIRI(ctx.base, res))
		case hasNID:
			obj = p.namedBNode(nid)
		case hasProps:
			obj = p.newBNode()
		}
		if obj != nil {
			p.propertyAttrs(e, obj, ctx)
			break
		}
		text := e.text.String()
		if dt, ok := attr(e, RDFNS, "datatype"); ok {
			obj = Literal(text, quad.IRI(ResolveIRI(ctx.base, dt)))
		} else {
			obj = p.plain(text, ctx)
		}
	}
	p.emit(subj, pred, obj)
	p.reify(e, ctx, subj, pred, obj)
}

// reify writes the reification quads of a property element with rdf:ID.
func (p *xmlParser) reify(e *xmlElem, ctx xmlCtx, s, pr, o quad.Value) {
	id, ok := attr(e, RDFNS, "ID")
	if !ok {
		return
	}
	st := quad.IRI(ResolveIRI(ctx.base, "#"+id))
	p.emit(st, RDFType, quad.IRI(RDFNS+"Statement"))
	p.emit(st, quad.IRI(RDFNS+"subject"), s)
	p.emit(st, quad.IRI(RDFNS+"predicate"), pr)
	p.emit(st, quad.IRI(RDFNS+"object"), o)
}
