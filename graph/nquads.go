package graph

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// SyntaxError is a malformed line of an N-Quads file.
type SyntaxError struct {
	File string // the file name, as given
	Line int    // 1-based line
	Col  int    // 1-based column, in characters
	Msg  string // what was wrong, usually what was expected
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// MaxLineSize is the default longest N-Quads line NQuadsReader accepts.
const MaxLineSize = 16 << 20

// NQuadsReader reads N-Quads (and N-Triples, whose quads have no label),
// keeping every value exactly as written: typed literals stay typed strings
// (unlike Cayley's reader, which converts them by default), and
// "x"^^xsd:string is read as the simple literal "x", which RDF 1.1 says it is.
type NQuadsReader struct {
	File    string // the name used in errors
	MaxLine int    // longest line accepted, in bytes; 0 means MaxLineSize

	sc   *bufio.Scanner
	line int
	init bool
	mid  bool // reads a section that does not start the file: no byte order mark
}

// NewNQuadsReader returns a reader of the N-Quads in r; name is used in errors.
func NewNQuadsReader(r io.Reader, name string) *NQuadsReader {
	return &NQuadsReader{File: name, sc: bufio.NewScanner(r)}
}

// ReadQuad returns the next quad, io.EOF at the end, or a *SyntaxError.
func (r *NQuadsReader) ReadQuad() (quad.Quad, error) {
	if !r.init {
		max := r.MaxLine
		if max <= 0 {
			max = MaxLineSize
		}
		r.sc.Buffer(make([]byte, 0, 64<<10), max)
		r.init = true
	}
	for r.sc.Scan() {
		r.line++
		line := r.sc.Text()
		if r.line == 1 && !r.mid {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		p := lineParser{s: line}
		p.skipSpace()
		if p.eof() || p.peek() == '#' {
			continue
		}
		q, err := p.quad()
		if err != nil {
			var pe *posError
			if errors.As(err, &pe) {
				return quad.Quad{}, &SyntaxError{File: r.File, Line: r.line, Col: utf8.RuneCountInString(line[:pe.off]) + 1, Msg: pe.msg}
			}
			return quad.Quad{}, err
		}
		return q, nil
	}
	if err := r.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return quad.Quad{}, &SyntaxError{File: r.File, Line: r.line + 1, Col: 1, Msg: fmt.Sprintf("line longer than %d bytes", r.MaxLine)}
		}
		return quad.Quad{}, fmt.Errorf("%s: %w", r.File, err)
	}
	return quad.Quad{}, io.EOF
}

// ParseNQuad parses one N-Quads statement.
func ParseNQuad(s string) (quad.Quad, error) {
	p := lineParser{s: s}
	q, err := p.quad()
	if pe, ok := err.(*posError); ok {
		return q, &SyntaxError{File: "", Line: 1, Col: utf8.RuneCountInString(s[:pe.off]) + 1, Msg: pe.msg}
	}
	return q, err
}

type posError struct {
	off int
	msg string
}

func (e *posError) Error() string { return e.msg }

type lineParser struct {
	s    string
	off  int
	slow bool // no fast paths (for tests that compare the two)
}

// iriPlain marks the bytes that an IRI may hold as they are: all but ASCII
// controls and space, the characters N-Quads forbids, and the escape
// character. stringPlain does the same for string literals. A term made of
// such bytes (and valid UTF-8) is a slice of the line; other terms take the
// slow path, which decodes escapes and reports errors.
var iriPlain, stringPlain = func() (iri, str [256]bool) {
	for c := 0x21; c < 0x100; c++ {
		iri[c] = !strings.ContainsRune("<>\"{}|^`\\", rune(c))
	}
	for c := 0x20; c < 0x100; c++ {
		str[c] = c != '"' && c != '\\'
	}
	str['\t'] = true
	return
}()

func (p *lineParser) eof() bool  { return p.off >= len(p.s) }
func (p *lineParser) peek() byte { return p.s[p.off] }

func (p *lineParser) errf(format string, args ...any) error {
	return &posError{off: p.off, msg: fmt.Sprintf(format, args...)}
}

func (p *lineParser) skipSpace() {
	for !p.eof() && (p.s[p.off] == ' ' || p.s[p.off] == '\t' || p.s[p.off] == '\r') {
		p.off++
	}
}

func (p *lineParser) found() string {
	if p.eof() {
		return "end of line"
	}
	r, _ := utf8.DecodeRuneInString(p.s[p.off:])
	return strconv.QuoteRune(r)
}

func (p *lineParser) quad() (quad.Quad, error) {
	var q quad.Quad
	var err error
	p.skipSpace()
	switch {
	case p.eof():
		return q, p.errf("expected a subject (<IRI> or _:blank), found end of line")
	case p.peek() == '<':
		q.Subject, err = p.iri()
	case p.peek() == '_':
		q.Subject, err = p.bnode()
	default:
		return q, p.errf("expected a subject (<IRI> or _:blank), found %s", p.found())
	}
	if err != nil {
		return q, err
	}
	p.skipSpace()
	if p.eof() || p.peek() != '<' {
		return q, p.errf("expected a predicate <IRI>, found %s", p.found())
	}
	if q.Predicate, err = p.iri(); err != nil {
		return q, err
	}
	p.skipSpace()
	switch {
	case p.eof():
		return q, p.errf("expected an object (<IRI>, _:blank or \"literal\"), found end of line")
	case p.peek() == '<':
		q.Object, err = p.iri()
	case p.peek() == '_':
		q.Object, err = p.bnode()
	case p.peek() == '"':
		q.Object, err = p.literal()
	default:
		return q, p.errf("expected an object (<IRI>, _:blank or \"literal\"), found %s", p.found())
	}
	if err != nil {
		return q, err
	}
	p.skipSpace()
	if !p.eof() && p.peek() == '<' {
		q.Label, err = p.iri()
	} else if !p.eof() && p.peek() == '_' {
		q.Label, err = p.bnode()
	}
	if err != nil {
		return q, err
	}
	p.skipSpace()
	if p.eof() || p.peek() != '.' {
		return q, p.errf("expected '.' to end the statement, found %s", p.found())
	}
	p.off++
	p.skipSpace()
	if !p.eof() && p.peek() != '#' {
		return q, p.errf("expected end of line after '.', found %s", p.found())
	}
	return q, nil
}

func (p *lineParser) iri() (quad.IRI, error) {
	// Fast path: an IRI of plain ASCII without escapes is a slice of the line.
	if !p.slow {
		i := p.off + 1
		for i < len(p.s) && iriPlain[p.s[i]] {
			i++
		}
		if i < len(p.s) && p.s[i] == '>' && i > p.off+1 && utf8.ValidString(p.s[p.off+1:i]) {
			v := quad.IRI(p.s[p.off+1 : i])
			p.off = i + 1
			return v, nil
		}
	}
	start := p.off
	p.off++ // '<'
	var b strings.Builder
	for {
		if p.eof() {
			p.off = start
			return "", p.errf("unterminated IRI: expected '>'")
		}
		c := p.peek()
		switch {
		case c == '>':
			p.off++
			s := b.String()
			if s == "" {
				p.off = start
				return "", p.errf("empty IRI <>")
			}
			return quad.IRI(s), nil
		case c == '\\':
			r, err := p.uchar()
			if err != nil {
				return "", err
			}
			if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
				return "", p.errf("character %q is not allowed in an IRI", r)
			}
			b.WriteRune(r)
		case c <= 0x20 || strings.IndexByte("<\"{}|^`", c) >= 0:
			return "", p.errf("character %q is not allowed in an IRI", c)
		default:
			r, n := utf8.DecodeRuneInString(p.s[p.off:])
			if r == utf8.RuneError && n == 1 {
				return "", p.errf("invalid UTF-8 in IRI")
			}
			b.WriteString(p.s[p.off : p.off+n])
			p.off += n
		}
	}
}

// uchar reads \uXXXX or \UXXXXXXXX at p.off.
func (p *lineParser) uchar() (rune, error) {
	if p.off+1 >= len(p.s) {
		return 0, p.errf("unfinished escape")
	}
	var n int
	switch p.s[p.off+1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, p.errf("invalid escape \\%c in IRI (only \\u and \\U are allowed)", p.s[p.off+1])
	}
	if p.off+2+n > len(p.s) {
		return 0, p.errf("unfinished \\%c escape: expected %d hex digits", p.s[p.off+1], n)
	}
	v, err := strconv.ParseUint(p.s[p.off+2:p.off+2+n], 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, p.errf("invalid \\%c escape: expected %d hex digits of a Unicode code point", p.s[p.off+1], n)
	}
	p.off += 2 + n
	return rune(v), nil
}

func (p *lineParser) bnode() (quad.BNode, error) {
	if !strings.HasPrefix(p.s[p.off:], "_:") {
		return "", p.errf("expected a blank node _:name, found %s", p.found())
	}
	p.off += 2
	start := p.off
	for !p.eof() {
		r, n := utf8.DecodeRuneInString(p.s[p.off:])
		if r == ' ' || r == '\t' || r == '<' || r == '"' || r == '\r' || (r == '.' && (p.off+n >= len(p.s) || !isNameRune(rune(p.s[p.off+n])))) {
			break
		}
		if !isNameRune(r) && r != '.' {
			return "", p.errf("character %q is not allowed in a blank node label", r)
		}
		p.off += n
	}
	if p.off == start {
		return "", p.errf("empty blank node label")
	}
	return quad.BNode(p.s[start:p.off]), nil
}

func isNameRune(r rune) bool {
	return r == '_' || r == '-' || r == ':' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == 0xB7 || r >= 0xC0 && r != 0xD7 && r != 0xF7 && r != utf8.RuneError
}

func (p *lineParser) literal() (quad.Value, error) {
	start := p.off
	p.off++ // '"'
	var (
		b    strings.Builder
		val  string
		fast bool
	)
	if !p.slow {
		// Fast path: a literal without escapes is a slice of the line.
		i := p.off
		for i < len(p.s) && stringPlain[p.s[i]] {
			i++
		}
		if i < len(p.s) && p.s[i] == '"' && utf8.ValidString(p.s[p.off:i]) {
			val, fast = p.s[p.off:i], true
			p.off = i + 1
		}
	}
	for !fast {
		if p.eof() {
			p.off = start
			return nil, p.errf("unterminated string literal: expected '\"'")
		}
		c := p.peek()
		if c == '"' {
			p.off++
			break
		}
		if c == '\n' || c == '\r' {
			return nil, p.errf("raw line break in string literal (write \\n)")
		}
		if c != '\\' {
			r, n := utf8.DecodeRuneInString(p.s[p.off:])
			if r == utf8.RuneError && n == 1 {
				return nil, p.errf("invalid UTF-8 in string literal")
			}
			b.WriteString(p.s[p.off : p.off+n])
			p.off += n
			continue
		}
		if p.off+1 >= len(p.s) {
			return nil, p.errf("unfinished escape in string literal")
		}
		switch e := p.s[p.off+1]; e {
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
			b.WriteByte(e)
		case 'u', 'U':
			r, err := p.uchar()
			if err != nil {
				return nil, err
			}
			b.WriteRune(r)
			continue
		default:
			return nil, p.errf("invalid escape \\%c in string literal", e)
		}
		p.off += 2
	}
	if !fast {
		val = b.String()
	}
	if !p.eof() && p.peek() == '@' {
		p.off++
		ls := p.off
		for !p.eof() && (isAlnum(p.peek()) || p.peek() == '-') {
			p.off++
		}
		tag := p.s[ls:p.off]
		if !validLangTag(tag) {
			p.off = ls
			return nil, p.errf("invalid language tag %q", tag)
		}
		return quad.LangString{Value: quad.String(val), Lang: tag}, nil
	}
	if strings.HasPrefix(p.s[p.off:], "^^") {
		p.off += 2
		if p.eof() || p.peek() != '<' {
			return nil, p.errf("expected a datatype <IRI> after ^^, found %s", p.found())
		}
		dt, err := p.iri()
		if err != nil {
			return nil, err
		}
		if dt == XSDString {
			return quad.String(val), nil
		}
		return quad.TypedString{Value: quad.String(val), Type: dt}, nil
	}
	return quad.String(val), nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// validLangTag checks the N-Quads LANGTAG production: [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*.
func validLangTag(tag string) bool {
	first := true
	for tag != "" || first {
		s, rest, more := strings.Cut(tag, "-")
		if s == "" {
			return false
		}
		for j := 0; j < len(s); j++ {
			if first && !(s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				return false
			}
		}
		if !more {
			return true
		}
		if rest == "" {
			return false
		}
		tag, first = rest, false
	}
	return true
}

// NQuadsWriter writes quads as canonical N-Quads, one per line, each value
// exactly as stored.
type NQuadsWriter struct {
	w   *bufio.Writer
	buf []byte
}

// NewNQuadsWriter returns a writer of N-Quads to w. Call Close (or Flush) at the end.
func NewNQuadsWriter(w io.Writer) *NQuadsWriter {
	return &NQuadsWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// WriteQuad writes one quad.
func (w *NQuadsWriter) WriteQuad(q quad.Quad) error {
	w.buf = AppendNQuad(w.buf[:0], q)
	_, err := w.w.Write(w.buf)
	return err
}

// WriteQuads writes quads; it implements quad.BatchWriter.
func (w *NQuadsWriter) WriteQuads(qs []quad.Quad) (int, error) {
	for i, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			return i, err
		}
	}
	return len(qs), nil
}

// Flush writes buffered output.
func (w *NQuadsWriter) Flush() error { return w.w.Flush() }

// Close flushes; it does not close the underlying writer.
func (w *NQuadsWriter) Close() error { return w.w.Flush() }

var _ quad.WriteCloser = (*NQuadsWriter)(nil)

// AppendNQuad appends q as one N-Quads line (with its newline) to b.
func AppendNQuad(b []byte, q quad.Quad) []byte {
	b = AppendTerm(b, q.Subject)
	b = append(b, ' ')
	b = AppendTerm(b, q.Predicate)
	b = append(b, ' ')
	b = AppendTerm(b, q.Object)
	if q.Label != nil {
		b = append(b, ' ')
		b = AppendTerm(b, q.Label)
	}
	return append(b, " .\n"...)
}

// FormatTerm returns the N-Quads form of one value.
func FormatTerm(v quad.Value) string { return string(AppendTerm(nil, v)) }

// AppendTerm appends the N-Quads form of v to b. Cayley's native values
// (quad.Int, quad.Time, ...) are written as the XSD-typed literals they stand for.
func AppendTerm(b []byte, v quad.Value) []byte {
	switch v := v.(type) {
	case quad.IRI:
		return appendIRI(b, string(v))
	case quad.BNode:
		return append(append(b, "_:"...), string(v)...)
	case quad.String:
		return appendString(b, string(v))
	case quad.LangString:
		b = appendString(b, string(v.Value))
		return append(append(b, '@'), v.Lang...)
	case quad.TypedString:
		b = appendString(b, string(v.Value))
		if v.Type == XSDString {
			return b
		}
		return appendIRI(append(b, "^^"...), string(v.Type))
	case nil:
		return b
	default:
		return AppendTerm(b, NativeToTerm(v))
	}
}

// NativeToTerm converts Cayley's native Go values (quad.Int, quad.Float,
// quad.Bool, quad.Time, quad.Raw) to the RDF terms they stand for, typed with
// the XSD datatypes, not schema.org's as Cayley does.
func NativeToTerm(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.IRI, quad.BNode, quad.String, quad.LangString, quad.TypedString, nil:
		return v
	case quad.Int:
		return quad.TypedString{Value: quad.String(strconv.FormatInt(int64(v), 10)), Type: XSDInteger}
	case quad.Float:
		return quad.TypedString{Value: quad.String(strconv.FormatFloat(float64(v), 'E', -1, 64)), Type: XSDDouble}
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(v))), Type: XSDBoolean}
	case quad.Time:
		return quad.TypedString{Value: quad.String(v.String()), Type: quad.IRI(XSDNS + "dateTime")}
	default:
		return quad.String(fmt.Sprint(v.Native()))
	}
}

func appendIRI(b []byte, s string) []byte {
	b = append(b, '<')
	for _, r := range s {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
			b = append(b, fmt.Sprintf(`\u%04X`, r)...)
			continue
		}
		b = utf8.AppendRune(b, r)
	}
	return append(b, '>')
}

func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
