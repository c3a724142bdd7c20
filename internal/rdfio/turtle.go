package rdfio

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// ParseTurtle reads a Turtle document (RDF 1.1 Turtle, which includes the
// N-Triples syntax) and returns its triples as quads labelled opt.Label.
func ParseTurtle(r io.Reader, opt Options) ([]quad.Quad, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", opt.Name, err)
	}
	p := newTurtleParser(string(src), opt)
	if err := p.run(); err != nil {
		return nil, err
	}
	return p.out, nil
}

// ParseNTriples reads an N-Triples document. N-Triples is a subset of
// Turtle, and is read by the same parser.
func ParseNTriples(r io.Reader, opt Options) ([]quad.Quad, error) {
	return ParseTurtle(r, opt)
}

type tokKind int

const (
	tEOF tokKind = iota
	tIRI
	tPNameNS // prefix: (text is the prefix)
	tPNameLN // prefix:local (text is prefix, local in tok.local)
	tBNode
	tString
	tLangTag
	tInteger
	tDecimal
	tDouble
	tPunct // . ; , [ ] ( ) ^^
	tWord  // a, true, false, PREFIX, BASE
)

type token struct {
	kind      tokKind
	text      string
	local     string
	line, col int
}

type turtleParser struct {
	src       string
	pos       int
	line, col int

	opt      Options
	base     string
	prefixes map[string]string
	blankNodes
	out []quad.Quad

	peeked *token
}

type bail struct{ err *Error }

func newTurtleParser(src string, opt Options) *turtleParser {
	src = strings.TrimPrefix(src, "\uFEFF")
	return &turtleParser{src: src, line: 1, col: 1, opt: opt, base: opt.Base,
		prefixes: map[string]string{}, blankNodes: blankNodes{prefix: opt.BlankPrefix + "b"}}
}

func (p *turtleParser) run() (err error) {
	defer recoverBail(&err)
	for p.peek().kind != tEOF {
		p.statement()
	}
	return nil
}

func (p *turtleParser) errorf(line, col int, format string, args ...any) {
	panic(bail{&Error{Name: p.opt.Name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}})
}

// ---- lexer ----

func (p *turtleParser) cur() rune {
	if p.pos >= len(p.src) {
		return -1
	}
	c := p.src[p.pos]
	if c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return r
}

func (p *turtleParser) at(off int) byte {
	if p.pos+off >= len(p.src) {
		return 0
	}
	return p.src[p.pos+off]
}

func (p *turtleParser) advance() rune {
	if p.pos >= len(p.src) {
		return -1
	}
	r, n := utf8.DecodeRuneInString(p.src[p.pos:])
	if r == utf8.RuneError && n == 1 {
		p.errorf(p.line, p.col, "invalid UTF-8")
	}
	p.pos += n
	if r == '\n' {
		p.line++
		p.col = 1
	} else {
		p.col++
	}
	return r
}

func (p *turtleParser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.advance()
		case '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.advance()
			}
		default:
			return
		}
	}
}

func (p *turtleParser) peek() token {
	if p.peeked == nil {
		t := p.lex()
		p.peeked = &t
	}
	return *p.peeked
}

func (p *turtleParser) next() token {
	t := p.peek()
	p.peeked = nil
	return t
}

func (p *turtleParser) lex() token {
	p.skipSpace()
	t := token{line: p.line, col: p.col}
	c := p.cur()
	switch {
	case c < 0:
		t.kind = tEOF
	case c == '<':
		t.kind = tIRI
		t.text = p.lexIRI()
	case c == '"' || c == '\'':
		t.kind = tString
		t.text = p.lexString()
	case c == '@':
		p.advance()
		start := p.pos
		for isAlpha(p.cur()) {
			p.advance()
		}
		if p.pos == start {
			p.errorf(t.line, t.col, "expected a language tag or directive after '@'")
		}
		for p.cur() == '-' {
			p.advance()
			s := p.pos
			for isAlpha(p.cur()) || isDigit(p.cur()) {
				p.advance()
			}
			if p.pos == s {
				p.errorf(p.line, p.col, "malformed language tag")
			}
		}
		t.kind = tLangTag
		t.text = p.src[start:p.pos]
	case c == '_' && p.at(1) == ':':
		p.advance()
		p.advance()
		t.kind = tBNode
		t.text = p.lexBNodeLabel()
	case isDigit(c) || c == '+' || c == '-' || (c == '.' && isDigitByte(p.at(1))):
		return p.lexNumber(t)
	case c == '^':
		p.advance()
		if p.cur() != '^' {
			p.errorf(t.line, t.col, "expected '^^'")
		}
		p.advance()
		t.kind = tPunct
		t.text = "^^"
	case strings.ContainsRune(".;,[]()", c):
		p.advance()
		t.kind = tPunct
		t.text = string(c)
	case c == ':' || isPNCharsBase(c):
		return p.lexName(t)
	default:
		p.errorf(t.line, t.col, "unexpected character %q", c)
	}
	return t
}

func isAlpha(c rune) bool     { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c rune) bool     { return c >= '0' && c <= '9' }
func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c rune) bool       { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isPNCharsU(c rune) bool  { return isPNCharsBase(c) || c == '_' }
func isPNCharsBase(c rune) bool {
	switch {
	case isAlpha(c):
		return true
	case c >= 0xC0 && c <= 0xD6, c >= 0xD8 && c <= 0xF6, c >= 0xF8 && c <= 0x2FF,
		c >= 0x370 && c <= 0x37D, c >= 0x37F && c <= 0x1FFF, c >= 0x200C && c <= 0x200D,
		c >= 0x2070 && c <= 0x218F, c >= 0x2C00 && c <= 0x2FEF, c >= 0x3001 && c <= 0xD7FF,
		c >= 0xF900 && c <= 0xFDCF, c >= 0xFDF0 && c <= 0xFFFD, c >= 0x10000 && c <= 0xEFFFF:
		return true
	}
	return false
}
func isPNChars(c rune) bool {
	return isPNCharsU(c) || c == '-' || isDigit(c) || c == 0xB7 ||
		c >= 0x300 && c <= 0x36F || c >= 0x203F && c <= 0x2040
}

func (p *turtleParser) lexIRI() string {
	line, col := p.line, p.col
	p.advance() // <
	var b strings.Builder
	for {
		c := p.cur()
		switch {
		case c < 0:
			p.errorf(line, col, "unterminated IRI")
		case c == '>':
			p.advance()
			return b.String()
		case c == '\\':
			el, ec := p.line, p.col
			p.advance()
			r := p.lexUnicodeEscape(el, ec)
			if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
				p.errorf(el, ec, "escaped character %q not allowed in an IRI", r)
			}
			b.WriteRune(r)
		case c <= 0x20 || strings.ContainsRune("<\"{}|^`", c):
			p.errorf(p.line, p.col, "character %q not allowed in an IRI", c)
		default:
			b.WriteRune(p.advance())
		}
	}
}

// lexUnicodeEscape reads the part of \uXXXX or \UXXXXXXXX after the backslash.
func (p *turtleParser) lexUnicodeEscape(line, col int) rune {
	n := 0
	switch p.cur() {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		p.errorf(line, col, "expected \\u or \\U escape")
	}
	p.advance()
	var v rune
	for i := 0; i < n; i++ {
		c := p.cur()
		if !isHex(c) {
			p.errorf(p.line, p.col, "expected a hex digit in escape")
		}
		p.advance()
		d, _ := strconv.ParseUint(string(c), 16, 8)
		v = v*16 + rune(d)
	}
	if v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
		p.errorf(line, col, "escape \\%c names no character", map[int]rune{4: 'u', 8: 'U'}[n])
	}
	return v
}

func (p *turtleParser) lexString() string {
	line, col := p.line, p.col
	q := p.advance()
	long := false
	if p.cur() == q && rune(p.at(1)) == q {
		p.advance()
		p.advance()
		long = true
	} else if p.cur() == q {
		p.advance()
		return ""
	}
	var b strings.Builder
	for {
		c := p.cur()
		switch {
		case c < 0:
			p.errorf(line, col, "unterminated string")
		case c == q:
			if !long {
				p.advance()
				return b.String()
			}
			if rune(p.at(1)) == q && rune(p.at(2)) == q {
				// The closing quotes are the last three of a run of quotes.
				if rune(p.at(3)) == q {
					b.WriteRune(p.advance())
					continue
				}
				p.advance()
				p.advance()
				p.advance()
				return b.String()
			}
			b.WriteRune(p.advance())
		case c == '\\':
			el, ec := p.line, p.col
			p.advance()
			switch e := p.cur(); e {
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 'f':
				b.WriteByte('\f')
			case '"', '\'', '\\':
				b.WriteRune(e)
			case 'u', 'U':
				b.WriteRune(p.lexUnicodeEscape(el, ec))
				continue
			default:
				p.errorf(el, ec, "unknown string escape \\%c", e)
			}
			p.advance()
		case !long && (c == '\n' || c == '\r'):
			p.errorf(p.line, p.col, "line break in a short string (use \"\"\" for multiline strings)")
		default:
			b.WriteRune(p.advance())
		}
	}
}

func (p *turtleParser) lexBNodeLabel() string {
	start := p.pos
	c := p.cur()
	if !isPNCharsU(c) && !isDigit(c) {
		p.errorf(p.line, p.col, "expected a blank node label after '_:'")
	}
	p.advance()
	p.lexNameChars(false)
	return p.src[start:p.pos]
}

// lexNameChars reads (PN_CHARS | '.')* not ending in '.', plus, for local
// names, ':' and escapes. It returns the decoded text.
func (p *turtleParser) lexNameChars(local bool) string {
	var b strings.Builder
	for {
		c := p.cur()
		switch {
		case isPNChars(c) || (local && c == ':'):
			b.WriteRune(p.advance())
		case c == '.':
			// A dot belongs to the name only if a name character follows.
			save := *p
			n := 0
			for p.cur() == '.' {
				p.advance()
				n++
			}
			nc := p.cur()
			if isPNChars(nc) || (local && (nc == ':' || nc == '%' || nc == '\\')) {
				b.WriteString(strings.Repeat(".", n))
				continue
			}
			*p = save
			return b.String()
		case local && c == '%':
			if !isHex(rune(p.at(1))) || !isHex(rune(p.at(2))) {
				p.errorf(p.line, p.col, "malformed percent escape in a local name")
			}
			b.WriteString(p.src[p.pos : p.pos+3])
			p.advance()
			p.advance()
			p.advance()
		case local && c == '\\':
			el, ec := p.line, p.col
			p.advance()
			e := p.cur()
			if e < 0 || !strings.ContainsRune("_~.-!$&'()*+,;=/?#@%", e) {
				p.errorf(el, ec, "invalid escape in a local name")
			}
			b.WriteRune(p.advance())
		default:
			return b.String()
		}
	}
}

func (p *turtleParser) lexName(t token) token {
	start := p.pos
	if p.cur() != ':' {
		p.advance()
		p.lexNameChars(false)
	}
	prefix := p.src[start:p.pos]
	if p.cur() != ':' {
		t.kind = tWord
		t.text = prefix
		return t
	}
	p.advance()
	t.text = prefix
	c := p.cur()
	if isPNCharsU(c) || c == ':' || isDigit(c) || c == '%' || c == '\\' {
		var first string
		switch c {
		case '%', '\\':
		default:
			first = string(p.advance())
		}
		t.kind = tPNameLN
		t.local = first + p.lexNameChars(true)
		return t
	}
	t.kind = tPNameNS
	return t
}

func (p *turtleParser) lexNumber(t token) token {
	start := p.pos
	if c := p.cur(); c == '+' || c == '-' {
		p.advance()
	}
	digits := func() int {
		n := 0
		for isDigit(p.cur()) {
			p.advance()
			n++
		}
		return n
	}
	intPart := digits()
	t.kind = tInteger
	if p.cur() == '.' && isDigitByte(p.at(1)) {
		p.advance()
		digits()
		t.kind = tDecimal
	} else if intPart == 0 {
		p.errorf(t.line, t.col, "malformed number")
	}
	if c := p.cur(); c == 'e' || c == 'E' {
		p.advance()
		if c := p.cur(); c == '+' || c == '-' {
			p.advance()
		}
		if digits() == 0 {
			p.errorf(t.line, t.col, "malformed exponent")
		}
		t.kind = tDouble
	}
	t.text = p.src[start:p.pos]
	return t
}

// ---- parser ----

func (p *turtleParser) expect(punct string) token {
	t := p.next()
	if t.kind != tPunct || t.text != punct {
		p.errorf(t.line, t.col, "expected %q, found %s", punct, describe(t))
	}
	return t
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tIRI:
		return "<" + t.text + ">"
	case tString:
		return "a string"
	case tLangTag:
		return "@" + t.text
	case tPNameLN:
		return t.text + ":" + t.local
	case tPNameNS:
		return t.text + ":"
	case tBNode:
		return "_:" + t.text
	}
	return strconv.Quote(t.text)
}

func (p *turtleParser) isPunct(t token, s string) bool { return t.kind == tPunct && t.text == s }

func (p *turtleParser) statement() {
	t := p.peek()
	switch {
	case t.kind == tLangTag && (t.text == "prefix" || t.text == "base"):
		p.next()
		p.directive(t.text)
		p.expect(".")
	case t.kind == tWord && (strings.EqualFold(t.text, "prefix") || strings.EqualFold(t.text, "base")):
		p.next()
		p.directive(strings.ToLower(t.text))
	default:
		p.triples()
		p.expect(".")
	}
}

func (p *turtleParser) directive(which string) {
	if which == "prefix" {
		t := p.next()
		if t.kind != tPNameNS {
			p.errorf(t.line, t.col, "expected a prefix name like 'ex:', found %s", describe(t))
		}
		iri := p.next()
		if iri.kind != tIRI {
			p.errorf(iri.line, iri.col, "expected an IRI, found %s", describe(iri))
		}
		p.prefixes[t.text] = ResolveIRI(p.base, iri.text)
		return
	}
	iri := p.next()
	if iri.kind != tIRI {
		p.errorf(iri.line, iri.col, "expected an IRI, found %s", describe(iri))
	}
	p.base = ResolveIRI(p.base, iri.text)
}

func (p *turtleParser) triples() {
	t := p.peek()
	if p.isPunct(t, "[") {
		p.next()
		if p.isPunct(p.peek(), "]") {
			p.next()
			p.predicateObjectList(p.newBNode())
			return
		}
		subj := p.newBNode()
		p.predicateObjectList(subj)
		p.expect("]")
		if nt := p.peek(); !p.isPunct(nt, ".") {
			p.predicateObjectList(subj)
		}
		return
	}
	subj := p.subject()
	p.predicateObjectList(subj)
}

func (p *turtleParser) subject() quad.Value {
	t := p.next()
	switch t.kind {
	case tIRI, tPNameLN, tPNameNS:
		return p.iri(t)
	case tBNode:
		return p.namedBNode(t.text)
	case tPunct:
		if t.text == "(" {
			return p.collection()
		}
	}
	p.errorf(t.line, t.col, "expected a subject, found %s", describe(t))
	return nil
}

func (p *turtleParser) predicateObjectList(subj quad.Value) {
	for {
		pred := p.verb()
		p.objectList(subj, pred)
		if !p.isPunct(p.peek(), ";") {
			return
		}
		for p.isPunct(p.peek(), ";") {
			p.next()
		}
		nt := p.peek()
		if p.isPunct(nt, ".") || p.isPunct(nt, "]") || nt.kind == tEOF {
			return
		}
	}
}

func (p *turtleParser) verb() quad.Value {
	t := p.next()
	switch t.kind {
	case tIRI, tPNameLN, tPNameNS:
		return p.iri(t)
	case tWord:
		if t.text == "a" {
			return RDFType
		}
	}
	p.errorf(t.line, t.col, "expected a predicate, found %s", describe(t))
	return nil
}

func (p *turtleParser) objectList(subj, pred quad.Value) {
	for {
		obj := p.object()
		p.emit(subj, pred, obj)
		if !p.isPunct(p.peek(), ",") {
			return
		}
		p.next()
	}
}

func (p *turtleParser) emit(s, pr, o quad.Value) {
	p.out = append(p.out, quad.Quad{Subject: s, Predicate: pr, Object: o, Label: p.opt.Label})
}

func (p *turtleParser) object() quad.Value {
	t := p.next()
	switch t.kind {
	case tIRI, tPNameLN, tPNameNS:
		return p.iri(t)
	case tBNode:
		return p.namedBNode(t.text)
	case tString:
		nt := p.peek()
		if nt.kind == tLangTag {
			p.next()
			return quad.LangString{Value: quad.String(t.text), Lang: nt.text} // kept as written, as graph's N-Quads reader does
		}
		if p.isPunct(nt, "^^") {
			p.next()
			dt := p.next()
			if dt.kind != tIRI && dt.kind != tPNameLN && dt.kind != tPNameNS {
				p.errorf(dt.line, dt.col, "expected a datatype IRI, found %s", describe(dt))
			}
			return Literal(t.text, p.iri(dt).(quad.IRI))
		}
		return quad.String(t.text)
	case tInteger:
		return quad.TypedString{Value: quad.String(t.text), Type: XSDInteger}
	case tDecimal:
		return quad.TypedString{Value: quad.String(t.text), Type: XSDDecimal}
	case tDouble:
		return quad.TypedString{Value: quad.String(t.text), Type: XSDDouble}
	case tWord:
		if t.text == "true" || t.text == "false" {
			return quad.TypedString{Value: quad.String(t.text), Type: XSDBoolean}
		}
	case tPunct:
		switch t.text {
		case "(":
			return p.collection()
		case "[":
			b := p.newBNode()
			if !p.isPunct(p.peek(), "]") {
				p.predicateObjectList(b)
			}
			p.expect("]")
			return b
		}
	}
	p.errorf(t.line, t.col, "expected an object, found %s", describe(t))
	return nil
}

// Literal returns the quad value for a literal with a datatype: quad.String
// for xsd:string, a quad.TypedString otherwise.
func Literal(lex string, dt quad.IRI) quad.Value {
	if dt == XSDString || dt == "" {
		return quad.String(lex)
	}
	return quad.TypedString{Value: quad.String(lex), Type: dt}
}

func (p *turtleParser) collection() quad.Value {
	var items []quad.Value
	for {
		t := p.peek()
		if p.isPunct(t, ")") {
			p.next()
			break
		}
		if t.kind == tEOF {
			p.errorf(t.line, t.col, "unterminated collection")
		}
		items = append(items, p.object())
	}
	if len(items) == 0 {
		return RDFNil
	}
	head := p.newBNode()
	node := head
	for i, it := range items {
		p.emit(node, RDFFirst, it)
		if i == len(items)-1 {
			p.emit(node, RDFRest, RDFNil)
		} else {
			nx := p.newBNode()
			p.emit(node, RDFRest, nx)
			node = nx
		}
	}
	return head
}

func (p *turtleParser) iri(t token) quad.Value {
	switch t.kind {
	case tIRI:
		return quad.IRI(ResolveIRI(p.base, t.text))
	case tPNameNS, tPNameLN:
		ns, ok := p.prefixes[t.text]
		if !ok {
			p.errorf(t.line, t.col, "undefined prefix %q", t.text+":")
		}
		return quad.IRI(ns + t.local)
	}
	p.errorf(t.line, t.col, "expected an IRI, found %s", describe(t))
	return nil
}
