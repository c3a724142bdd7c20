package wikimarkup

import (
	"strings"
	"unicode/utf8"

	"github.com/partygraph/partygraph/loaders/internal/lines"
)

type lineKind int

const (
	lBlank   lineKind = iota
	lHeading          // "== text =="
	lItem             // "- text", "* text", "1. text"
	lRow              // "| a | b |"
	lRule             // "|---|---|", a table's header separator
	lText             // anything else
)

// line is a classified line.
type line struct {
	kind   lineKind
	level  int      // heading level
	indent int      // leading spaces of an item
	text   string   // heading or item text, or the whole text line
	cells  []string // row cells
	offset int
}

func classify(l lines.Line) line {
	s := strings.TrimRight(l.Text, " \t")
	trim := strings.TrimLeft(s, " \t\u3000")
	indent := len(s) - len(trim)
	ln := line{kind: lText, text: lines.Clean(s), offset: l.Offset}
	switch {
	case trim == "":
		ln.kind = lBlank
	case strings.HasPrefix(trim, "="):
		open := len(trim) - len(strings.TrimLeft(trim, "="))
		body := strings.TrimRight(trim[open:], "=")
		if t := lines.Clean(body); t != "" {
			ln.kind, ln.level, ln.text = lHeading, min(open, 6), t
		}
	case strings.HasPrefix(trim, "|"):
		cells := splitRow(trim)
		ln.kind, ln.cells = lRow, cells
		if isRule(cells) {
			ln.kind = lRule
		}
	default:
		if rest, ok := itemMarker(trim); ok {
			ln.kind, ln.indent, ln.text = lItem, indent, lines.Clean(rest)
		}
	}
	return ln
}

// itemMarker strips a list marker: "-", "*", "+", "•" or "1." / "1)"
// followed by a space.
func itemMarker(s string) (string, bool) {
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '-', '*', '+', '•', '·':
		if rest := s[n:]; strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, "\t") {
			return rest, true
		}
		return "", false
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return s[i+2:], true
	}
	return "", false
}

// splitRow splits "| a | b |" into cells; "\|" is a literal pipe.
func splitRow(s string) []string {
	s = strings.TrimPrefix(s, "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, `\|`) {
		s = s[:len(s)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '|':
			cur.WriteByte('|')
			i++
		case s[i] == '|':
			cells = append(cells, lines.Clean(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(s[i])
		}
	}
	return append(cells, lines.Clean(cur.String()))
}

func isRule(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" || !strings.Contains(c, "-") {
			return false
		}
	}
	return len(cells) > 0
}
