package wikitext

import "strings"

type tokKind uint8

const (
	tText       tokKind = iota
	tNewline            // end of a line
	tTplOpen            // {{
	tTplClose           // }}
	tLinkOpen           // [[
	tLinkClose          // ]]
	tExtOpen            // [ before a URL
	tExtClose           // ] closing an external link
	tPipe               // |
	tEquals             // = inside a template
	tQuote              // a run of 2, 3 or 5 apostrophes; n is its length
	tTag                // an HTML-like tag the parser cares about
	tHeading            // line-start ='s of a heading; n is the level
	tHeadingEnd         // closing ='s of a heading
	tList               // line-start list markers; val holds them
	tTableOpen          // {|
	tTableClose         // |}
	tRow                // |-
	tCaption            // |+
	tCell               // | at line start or || in a table
	tHeaderCell         // ! at line start or !! in a table
)

type token struct {
	kind tokKind
	n    int32    // quote length or heading level
	pos  int      // byte offset in the source
	end  int      // byte offset after the token
	val  string   // text, tag name, list markers
	tag  *tagInfo // for tTag
}

type tagInfo struct {
	closing, selfClosing bool
	attrs                string
}

// lexer splits wikitext into tokens. It tracks just enough nesting (template
// and link depth, open tables) to tell a table cell from a template pipe.
type lexer struct {
	src       string
	pos       int
	stop      int // end of the current heading's content, or 0
	lineEnd   int // where a heading line ends
	tplDepth  int
	linkDepth int
	extOpen   bool
	tables    []int // tplDepth at which each open table started
	maxDepth  int   // nesting beyond which brackets are text
	maxTokens int   // where lexing stops
	tplOver   int   // "{{" read as text because of maxDepth, not yet matched
	linkOver  int   // "[[" read as text because of maxDepth, not yet matched
	toks      []token
	noClose   map[string]bool // tags known to have no closing tag ahead
}

// Tags whose content is kept literally, dropped, or whose tag alone is dropped.
var (
	literalTags = map[string]bool{"nowiki": true, "pre": true}
	droppedTags = map[string]bool{
		"gallery": true, "math": true, "timeline": true, "score": true, "templatedata": true,
		"syntaxhighlight": true, "source": true, "graph": true, "mapframe": true, "maplink": true,
		"includeonly": true, "imagemap": true, "chem": true, "ce": true,
	}
	parsedTags = map[string]bool{"ref": true, "references": true, "br": true}
	formatTags = map[string]bool{
		"small": true, "big": true, "span": true, "div": true, "sup": true, "sub": true,
		"center": true, "s": true, "u": true, "i": true, "b": true, "code": true,
		"blockquote": true, "poem": true, "noinclude": true, "onlyinclude": true, "abbr": true,
		"font": true, "del": true, "ins": true, "cite": true, "q": true, "tt": true, "p": true,
		"em": true, "strong": true, "var": true, "kbd": true, "hr": true, "wbr": true, "bdi": true,
		"section": true, "strike": true, "mark": true, "dfn": true, "samp": true, "ruby": true,
		"rb": true, "rt": true, "rp": true, "templatestyles": true,
	}
)

// lex splits src into tokens. Brackets nested deeper than maxDepth, and
// the pipes between them, are text, so that pathological nesting costs
// text tokens rather than a token and a tree node per bracket.
//
// lex stops after maxTokens tokens and reports the offset where it stopped,
// or -1 when it read the whole source.
func lex(src string, maxDepth, maxTokens int) ([]token, int) {
	l := &lexer{src: src, noClose: map[string]bool{}, toks: make([]token, 0, min(len(src)/16+16, maxTokens)),
		maxDepth: maxDepth, maxTokens: maxTokens}
	l.run()
	if len(l.toks) >= maxTokens {
		return l.toks, l.pos
	}
	return l.toks, -1
}

func (l *lexer) limit() int {
	if l.stop > 0 {
		return l.stop
	}
	return len(l.src)
}

func (l *lexer) emit(k tokKind, pos, end int, val string, n int) {
	l.toks = append(l.toks, token{kind: k, pos: pos, end: end, val: val, n: int32(n)})
}

func (l *lexer) text(pos, end int) {
	if end <= pos {
		return
	}
	if n := len(l.toks); n > 0 && l.toks[n-1].kind == tText && l.toks[n-1].end == pos {
		l.toks[n-1].end = end
		l.toks[n-1].val = l.src[l.toks[n-1].pos:end]
		return
	}
	l.emit(tText, pos, end, l.src[pos:end], 0)
}

func (l *lexer) inTableContext() bool {
	return len(l.tables) > 0 && l.tables[len(l.tables)-1] == l.tplDepth && l.linkDepth == 0
}

func (l *lexer) run() {
	atLineStart := true
	for l.pos < len(l.src) && len(l.toks) < l.maxTokens {
		if l.stop > 0 && l.pos >= l.stop {
			l.emit(tHeadingEnd, l.stop, l.lineEnd, "", 0)
			l.pos = max(l.pos, l.lineEnd) // a comment may have run past the line
			l.stop = 0
			continue
		}
		if atLineStart {
			atLineStart = false
			if l.lineStart() {
				continue
			}
		}
		c := l.src[l.pos]
		rest := l.src[l.pos:l.limit()]
		switch {
		case c == '\n':
			l.emit(tNewline, l.pos, l.pos+1, "\n", 0)
			l.pos++
			l.extOpen = false
			l.linkDepth, l.linkOver = 0, 0 // links cannot span lines
			atLineStart = true
		case strings.HasPrefix(rest, "{{") && (l.tplOver > 0 || l.linkOver > 0 || l.tplDepth+l.linkDepth >= l.maxDepth):
			l.text(l.pos, l.pos+2)
			l.tplOver++
			l.pos += 2
		case strings.HasPrefix(rest, "}}") && l.tplOver > 0:
			l.text(l.pos, l.pos+2)
			l.tplOver--
			l.pos += 2
		case strings.HasPrefix(rest, "[[") && (l.tplOver > 0 || l.linkOver > 0 || l.tplDepth+l.linkDepth >= l.maxDepth):
			l.text(l.pos, l.pos+2)
			l.linkOver++
			l.pos += 2
		case strings.HasPrefix(rest, "]]") && l.linkOver > 0:
			l.text(l.pos, l.pos+2)
			l.linkOver--
			l.pos += 2
		case (c == '|' || c == '=') && (l.tplOver > 0 || l.linkOver > 0):
			l.text(l.pos, l.pos+1)
			l.pos++
		case strings.HasPrefix(rest, "{{"):
			l.emit(tTplOpen, l.pos, l.pos+2, "{{", 0)
			l.tplDepth++
			l.pos += 2
		case strings.HasPrefix(rest, "}}") && l.tplDepth > 0:
			l.emit(tTplClose, l.pos, l.pos+2, "}}", 0)
			l.tplDepth--
			l.pos += 2
			for len(l.tables) > 0 && l.tables[len(l.tables)-1] > l.tplDepth {
				l.tables = l.tables[:len(l.tables)-1] // a table left open inside a template
			}
		case strings.HasPrefix(rest, "[["):
			l.emit(tLinkOpen, l.pos, l.pos+2, "[[", 0)
			l.linkDepth++
			l.pos += 2
		case strings.HasPrefix(rest, "]]") && l.linkDepth > 0:
			l.emit(tLinkClose, l.pos, l.pos+2, "]]", 0)
			l.linkDepth--
			l.pos += 2
		case c == '[' && isURLStart(rest[1:]):
			l.emit(tExtOpen, l.pos, l.pos+1, "[", 0)
			l.extOpen = true
			l.pos++
		case c == ']' && l.extOpen:
			l.emit(tExtClose, l.pos, l.pos+1, "]", 0)
			l.extOpen = false
			l.pos++
		case strings.HasPrefix(rest, "||") && l.inTableContext():
			l.emit(tCell, l.pos, l.pos+2, "||", 0)
			l.pos += 2
		case strings.HasPrefix(rest, "!!") && l.inTableContext():
			l.emit(tHeaderCell, l.pos, l.pos+2, "!!", 0)
			l.pos += 2
		case c == '|':
			l.emit(tPipe, l.pos, l.pos+1, "|", 0)
			l.pos++
		case c == '=' && l.tplDepth > 0:
			l.emit(tEquals, l.pos, l.pos+1, "=", 0)
			l.pos++
		case c == '\'' && strings.HasPrefix(rest, "''"):
			n := 0
			for n < len(rest) && rest[n] == '\'' {
				n++
			}
			q := n
			switch {
			case n == 4:
				q = 3
			case n > 5:
				q = 5
			}
			l.text(l.pos, l.pos+n-q)
			l.emit(tQuote, l.pos+n-q, l.pos+n, rest[n-q:n], q)
			l.pos += n
		case c == '<':
			if !l.tagOrComment() {
				l.text(l.pos, l.pos+1)
				l.pos++
			}
		case c == '_' && strings.HasPrefix(rest, "__"):
			// A behaviour switch such as __NOTOC__ is dropped.
			if n := magicWord(rest); n > 0 {
				l.pos += n
			} else {
				l.text(l.pos, l.pos+1)
				l.pos++
			}
		default:
			end := l.pos + 1
			lim := l.limit()
			for end < lim && !isSpecial(l.src[end]) {
				end++
			}
			l.text(l.pos, end)
			l.pos = end
		}
	}
	if l.stop > 0 {
		l.emit(tHeadingEnd, l.stop, l.lineEnd, "", 0)
	}
}

func isSpecial(c byte) bool {
	switch c {
	case '\n', '{', '}', '[', ']', '|', '=', '\'', '<', '!', '_':
		return true
	}
	return false
}

func isURLStart(s string) bool {
	for _, p := range [...]string{"http://", "https://", "//", "ftp://", "mailto:"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

func magicWord(s string) int {
	i := 2
	for i < len(s) && i < 40 && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	if i > 2 && strings.HasPrefix(s[i:], "__") {
		return i + 2
	}
	return 0
}

// lineStart recognises the constructs that only exist at the start of a
// line. It reports whether it consumed anything.
func (l *lexer) lineStart() bool {
	line := l.src[l.pos:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	trim := strings.TrimLeft(line, " \t")
	lead := len(line) - len(trim)
	if l.inTableContext() {
		kind := tText // none
		n := 1
		switch {
		case strings.HasPrefix(trim, "|}"):
			kind, n = tTableClose, 2
		case strings.HasPrefix(trim, "|-"):
			kind, n = tRow, len(trim) // the rest of the line holds attributes
		case strings.HasPrefix(trim, "|+"):
			kind, n = tCaption, 2
		case strings.HasPrefix(trim, "|"):
			kind = tCell
		case strings.HasPrefix(trim, "!"):
			kind = tHeaderCell
		}
		if kind != tText {
			start := l.pos + lead
			l.emit(kind, start, start+n, trim[:n], 0)
			l.pos = start + n
			if kind == tTableClose {
				l.tables = l.tables[:len(l.tables)-1]
			}
			return true
		}
	}
	if strings.HasPrefix(trim, "{|") && len(l.tables) < l.maxDepth {
		start := l.pos + lead
		l.emit(tTableOpen, start, start+len(trim), "{|", 0)
		l.tables = append(l.tables, l.tplDepth)
		l.pos = start + len(trim) // table attributes are dropped
		return true
	}
	if l.tplDepth > 0 {
		return false
	}
	if strings.HasPrefix(line, "=") {
		body := strings.TrimRight(line, " \t\r")
		open := 0
		for open < len(body) && body[open] == '=' {
			open++
		}
		close := 0
		for close < len(body)-open && body[len(body)-1-close] == '=' {
			close++
		}
		level := min(open, close, 6)
		if level > 0 && len(body) > 2*level {
			l.emit(tHeading, l.pos, l.pos+level, body[:level], level)
			l.lineEnd = l.pos + len(line)
			l.stop = l.pos + len(body) - level
			l.pos += level
			return true
		}
	}
	if len(line) > 0 && strings.IndexByte("*#:;", line[0]) >= 0 {
		n := 0
		for n < len(line) && strings.IndexByte("*#:;", line[n]) >= 0 {
			n++
		}
		l.emit(tList, l.pos, l.pos+n, line[:n], n)
		l.pos += n
		return true
	}
	if strings.HasPrefix(line, "----") {
		n := 4
		for n < len(line) && line[n] == '-' {
			n++
		}
		l.pos += n
		return true
	}
	return false
}

// tagOrComment lexes a comment or a tag at l.pos. It reports false when the
// '<' starts neither, so that it is kept as text.
func (l *lexer) tagOrComment() bool {
	rest := l.src[l.pos:]
	if strings.HasPrefix(rest, "<!--") {
		if i := strings.Index(rest[4:], "-->"); i >= 0 {
			l.pos += 4 + i + 3
		} else {
			l.pos = len(l.src) // an unclosed comment hides the rest, as in MediaWiki
		}
		return true
	}
	// Find the end of the tag, stopping at a newline or another '<' so that
	// a run of '<' costs linear time.
	end := -1
	for i := 1; i < len(rest) && i < l.limit()-l.pos; i++ {
		if rest[i] == '>' {
			end = i
			break
		}
		if rest[i] == '<' || rest[i] == '\n' {
			break
		}
	}
	if end < 0 {
		return false
	}
	inner := rest[1:end]
	closing := strings.HasPrefix(inner, "/")
	inner = strings.TrimPrefix(inner, "/")
	self := strings.HasSuffix(inner, "/")
	inner = strings.TrimSuffix(inner, "/")
	n := 0
	for n < len(inner) && (isASCIILetter(inner[n]) || (n > 0 && inner[n] >= '0' && inner[n] <= '9')) {
		n++
	}
	if n == 0 || (n < len(inner) && inner[n] != ' ' && inner[n] != '\t') {
		return false
	}
	name := strings.ToLower(inner[:n])
	attrs := strings.TrimSpace(inner[n:])
	tagEnd := l.pos + end + 1
	switch {
	case literalTags[name] || droppedTags[name]:
		if closing || self {
			l.pos = tagEnd
			return true
		}
		closeTag := "</" + name
		if l.noClose[name] {
			return false
		}
		i := indexFold(l.src[tagEnd:], closeTag)
		if i < 0 {
			l.noClose[name] = true
			return false
		}
		contentEnd := tagEnd + i
		if literalTags[name] {
			l.text(tagEnd, contentEnd)
		}
		after := strings.IndexByte(l.src[contentEnd:], '>')
		if after < 0 {
			l.pos = len(l.src)
		} else {
			l.pos = contentEnd + after + 1
		}
		return true
	case parsedTags[name]:
		l.toks = append(l.toks, token{kind: tTag, pos: l.pos, end: tagEnd, val: name,
			tag: &tagInfo{closing: closing, selfClosing: self, attrs: attrs}})
		l.pos = tagEnd
		return true
	case formatTags[name]:
		l.pos = tagEnd
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// indexFold finds sub in s ignoring ASCII case. sub starts with "</".
func indexFold(s, sub string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], "</")
		if i < 0 {
			return -1
		}
		j := off + i
		if len(s)-j >= len(sub) && strings.EqualFold(s[j:j+len(sub)], sub) {
			return j
		}
		off = j + 2
	}
}
