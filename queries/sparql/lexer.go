package sparql

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a lexical token.
type tokKind int

const (
	tEOF     tokKind = iota
	tIRI             // <...>, text is the IRI without brackets, escapes resolved
	tPName           // prefix:local, text is the whole name with escapes resolved
	tBNode           // _:label, text is the label
	tVar             // ?x or $x, text is the name
	tLang            // @en, text is the tag
	tInteger         // 12
	tDecimal         // 1.5
	tDouble          // 1e3
	tString          // "..." with escapes resolved
	tIdent           // keyword or function name, text as written
	tPunct           // operator or punctuation, text is the operator
)

func (k tokKind) String() string {
	switch k {
	case tEOF:
		return "end of query"
	case tIRI:
		return "IRI"
	case tPName:
		return "prefixed name"
	case tBNode:
		return "blank node"
	case tVar:
		return "variable"
	case tLang:
		return "language tag"
	case tInteger, tDecimal, tDouble:
		return "number"
	case tString:
		return "string"
	case tIdent:
		return "keyword"
	}
	return "punctuation"
}

// token is one lexical token; pos is its byte offset in the query.
type token struct {
	kind tokKind
	pos  int
	text string
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of query"
	case tIRI:
		return "<" + t.text + ">"
	case tVar:
		return "?" + t.text
	case tString:
		return "string"
	case tLang:
		return "@" + t.text
	case tBNode:
		return "_:" + t.text
	}
	return "'" + t.text + "'"
}

// lexer is a scanner over a query string. Errors are reported through fail.
type lexer struct {
	src  string
	pos  int
	fail func(pos int, format string, args ...any)
}

func isNameStartChar(r rune) bool {
	return r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' ||
		r >= 0xC0 && r <= 0xD6 || r >= 0xD8 && r <= 0xF6 || r >= 0xF8 && r <= 0x2FF ||
		r >= 0x370 && r <= 0x37D || r >= 0x37F && r <= 0x1FFF || r >= 0x200C && r <= 0x200D ||
		r >= 0x2070 && r <= 0x218F || r >= 0x2C00 && r <= 0x2FEF || r >= 0x3001 && r <= 0xD7FF ||
		r >= 0xF900 && r <= 0xFDCF || r >= 0xFDF0 && r <= 0xFFFD || r >= 0x10000 && r <= 0xEFFFF
}

func isNameChar(r rune) bool {
	return isNameStartChar(r) || r == '-' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}

func (l *lexer) peekRune(off int) rune {
	if l.pos+off >= len(l.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.pos+off:])
	return r
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			l.pos++
		case c == '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		default:
			return
		}
	}
}

// next returns the next token.
func (l *lexer) next() token {
	l.skipSpace()
	start := l.pos
	if l.pos >= len(l.src) {
		return token{kind: tEOF, pos: start}
	}
	c := l.src[l.pos]
	switch {
	case c == '<':
		if t, ok := l.tryIRI(); ok {
			return t
		}
		if strings.HasPrefix(l.src[l.pos:], "<=") {
			l.pos += 2
			return token{tPunct, start, "<="}
		}
		l.pos++
		return token{tPunct, start, "<"}
	case c == '?' || c == '$':
		r := l.peekRune(1)
		if r >= 0 && (isNameStartChar(r) || r >= '0' && r <= '9') {
			l.pos++
			n := l.scanWhile(func(r rune) bool { return isNameChar(r) })
			return token{tVar, start, n}
		}
		if c == '$' {
			l.fail(start, "expected a variable name after '$'")
		}
		l.pos++
		return token{tPunct, start, "?"}
	case c == '"' || c == '\'':
		return l.lexString()
	case c == '@':
		l.pos++
		n := l.scanWhile(func(r rune) bool { return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') })
		if n == "" || !isLetter(rune(n[0])) {
			l.fail(start, "expected a language tag after '@'")
		}
		return token{tLang, start, n}
	case c == '_' && l.peekRune(1) == ':':
		l.pos += 2
		r := l.peekRune(0)
		if r < 0 || !(isNameStartChar(r) || r >= '0' && r <= '9') {
			l.fail(start, "expected a blank node label after '_:'")
		}
		n := l.scanLocal(false)
		return token{tBNode, start, n}
	case c >= '0' && c <= '9' || c == '.' && l.pos+1 < len(l.src) && l.src[l.pos+1] >= '0' && l.src[l.pos+1] <= '9':
		return l.lexNumber()
	case c == ':':
		l.pos++
		loc := l.scanLocal(true)
		return token{tPName, start, ":" + loc}
	}
	r, size := utf8.DecodeRuneInString(l.src[l.pos:])
	if isNameStartChar(r) {
		// identifier or prefixed name
		p0 := l.pos
		l.pos += size
		for l.pos < len(l.src) {
			r, sz := utf8.DecodeRuneInString(l.src[l.pos:])
			if isNameChar(r) || r == '.' && l.pos+1 < len(l.src) && l.nameContinuesAfterDot() {
				l.pos += sz
				continue
			}
			break
		}
		name := l.src[p0:l.pos]
		if l.pos < len(l.src) && l.src[l.pos] == ':' {
			l.pos++
			loc := l.scanLocal(true)
			return token{tPName, start, name + ":" + loc}
		}
		if strings.Contains(name, ".") {
			// identifiers cannot contain dots; give back the rest
			i := strings.IndexByte(name, '.')
			l.pos = p0 + i
			name = name[:i]
		}
		return token{tIdent, start, name}
	}
	for _, op := range []string{"^^", "&&", "||", "!=", ">=", "<="} {
		if strings.HasPrefix(l.src[l.pos:], op) {
			l.pos += 2
			return token{tPunct, start, op}
		}
	}
	if strings.ContainsRune("{}()[].,;*/|^!=<>+-", rune(c)) {
		l.pos++
		return token{tPunct, start, string(c)}
	}
	l.fail(start, "unexpected character %q", r)
	return token{}
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// nameContinuesAfterDot reports whether the dot at l.pos is followed by a name char.
func (l *lexer) nameContinuesAfterDot() bool {
	i := l.pos + 1
	for i < len(l.src) && l.src[i] == '.' {
		i++
	}
	if i >= len(l.src) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l.src[i:])
	return isNameChar(r)
}

func (l *lexer) scanWhile(f func(rune) bool) string {
	p := l.pos
	for l.pos < len(l.src) {
		r, sz := utf8.DecodeRuneInString(l.src[l.pos:])
		if !f(r) {
			break
		}
		l.pos += sz
	}
	return l.src[p:l.pos]
}

// scanLocal scans the local part of a prefixed name (or a blank node label),
// resolving backslash escapes when escapes is true.
func (l *lexer) scanLocal(escapes bool) string {
	var b strings.Builder
	first := true
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if escapes && c == '\\' && l.pos+1 < len(l.src) && strings.IndexByte("_~.-!$&'()*+,;=/?#@%", l.src[l.pos+1]) >= 0 {
			b.WriteByte(l.src[l.pos+1])
			l.pos += 2
			first = false
			continue
		}
		if escapes && c == '%' {
			if l.pos+2 < len(l.src) && isHex(l.src[l.pos+1]) && isHex(l.src[l.pos+2]) {
				b.WriteString(l.src[l.pos : l.pos+3])
				l.pos += 3
				first = false
				continue
			}
			l.fail(l.pos, "expected two hex digits after '%%'")
		}
		r, sz := utf8.DecodeRuneInString(l.src[l.pos:])
		ok := isNameChar(r) || escapes && r == ':'
		if first && escapes && r >= '0' && r <= '9' {
			ok = true
		}
		if r == '.' {
			// a dot is part of the name only if a name char follows
			ok = l.nameContinuesAfterDotLocal(escapes)
		}
		if !ok {
			break
		}
		b.WriteRune(r)
		l.pos += sz
		first = false
	}
	return b.String()
}

func (l *lexer) nameContinuesAfterDotLocal(escapes bool) bool {
	i := l.pos
	for i < len(l.src) && l.src[i] == '.' {
		i++
	}
	if i >= len(l.src) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l.src[i:])
	return isNameChar(r) || escapes && (r == ':' || r == '%' || r == '\\')
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// tryIRI scans an IRIREF at l.pos; it returns false (and consumes nothing) when
// the text is not an IRI, so '<' is the less-than operator.
func (l *lexer) tryIRI() (token, bool) {
	start := l.pos
	i := l.pos + 1
	var b strings.Builder
	for i < len(l.src) {
		c := l.src[i]
		switch {
		case c == '>':
			l.pos = i + 1
			return token{tIRI, start, b.String()}, true
		case c <= ' ' || strings.IndexByte("<\"{}|^`", c) >= 0:
			return token{}, false
		case c == '\\':
			r, n, ok := unescapeUnicode(l.src[i:])
			if !ok {
				return token{}, false
			}
			b.WriteRune(r)
			i += n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return token{}, false
}

// unescapeUnicode decodes \uXXXX or \UXXXXXXXX at the start of s.
func unescapeUnicode(s string) (rune, int, bool) {
	if len(s) < 2 {
		return 0, 0, false
	}
	n := 0
	switch s[1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, 0, false
	}
	if len(s) < 2+n {
		return 0, 0, false
	}
	var r rune
	for _, c := range []byte(s[2 : 2+n]) {
		if !isHex(c) {
			return 0, 0, false
		}
		r = r*16 + rune(hexVal(c))
	}
	if r > unicode.MaxRune || r >= 0xD800 && r <= 0xDFFF {
		return 0, 0, false
	}
	return r, 2 + n, true
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

func (l *lexer) lexString() token {
	start := l.pos
	q := l.src[l.pos]
	long := strings.HasPrefix(l.src[l.pos:], strings.Repeat(string(q), 3))
	if long {
		l.pos += 3
	} else {
		l.pos++
	}
	var b strings.Builder
	for {
		if l.pos >= len(l.src) {
			l.fail(start, "unterminated string")
		}
		c := l.src[l.pos]
		if long {
			if strings.HasPrefix(l.src[l.pos:], strings.Repeat(string(q), 3)) {
				l.pos += 3
				return token{tString, start, b.String()}
			}
		} else if c == q {
			l.pos++
			return token{tString, start, b.String()}
		} else if c == '\n' || c == '\r' {
			l.fail(l.pos, "newline in string")
		}
		if c == '\\' {
			if l.pos+1 >= len(l.src) {
				l.fail(l.pos, "unterminated string")
			}
			e := l.src[l.pos+1]
			switch e {
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case '"', '\'', '\\':
				b.WriteByte(e)
			case 'u', 'U':
				r, n, ok := unescapeUnicode(l.src[l.pos:])
				if !ok {
					l.fail(l.pos, "bad unicode escape in string")
				}
				b.WriteRune(r)
				l.pos += n
				continue
			default:
				l.fail(l.pos, "unknown escape \\%c in string", e)
			}
			l.pos += 2
			continue
		}
		r, sz := utf8.DecodeRuneInString(l.src[l.pos:])
		b.WriteRune(r)
		l.pos += sz
	}
}

func (l *lexer) lexNumber() token {
	start := l.pos
	digits := func() int {
		p := l.pos
		for l.pos < len(l.src) && l.src[l.pos] >= '0' && l.src[l.pos] <= '9' {
			l.pos++
		}
		return l.pos - p
	}
	kind := tInteger
	n := digits()
	if l.pos < len(l.src) && l.src[l.pos] == '.' && l.pos+1 < len(l.src) && l.src[l.pos+1] >= '0' && l.src[l.pos+1] <= '9' {
		l.pos++
		digits()
		kind = tDecimal
	} else if n > 0 && l.pos < len(l.src) && l.src[l.pos] == '.' && l.pos+1 < len(l.src) && (l.src[l.pos+1] == 'e' || l.src[l.pos+1] == 'E') {
		l.pos++
		kind = tDecimal
	}
	if l.pos < len(l.src) && (l.src[l.pos] == 'e' || l.src[l.pos] == 'E') {
		save := l.pos
		l.pos++
		if l.pos < len(l.src) && (l.src[l.pos] == '+' || l.src[l.pos] == '-') {
			l.pos++
		}
		if digits() == 0 {
			l.pos = save
		} else {
			kind = tDouble
		}
	}
	return token{kind, start, l.src[start:l.pos]}
}
