package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partygraph/partygraph/loaders/internal/lines"
)

// MaxFieldLine is the longest line, in runes, read as a metadata field;
// longer lines are body text.
const MaxFieldLine = 400

type eventKind int

const (
	eBlank       eventKind = iota
	eField                 // a metadata field
	eBoilerplate           // shop or site furniture
	eRefHeading            // "References"
	eNumbered              // "1. ..." (n holds the number)
	eText
)

type event struct {
	kind       eventKind
	key, value string // for eField
	n          int    // for eNumbered
	text       string // the line, or the text after the number
	offset     int
}

func classify(l lines.Line) event {
	s := lines.Clean(l.Text)
	ev := event{kind: eText, text: s, offset: l.Offset}
	switch {
	case s == "":
		ev.kind = eBlank
	case isBoilerplate(s):
		ev.kind = eBoilerplate
	case referenceHeadings[strings.ToLower(strings.TrimRight(s, ":："))]:
		ev.kind = eRefHeading
	default:
		if n, rest, ok := numbered(s); ok {
			ev.kind, ev.n, ev.text = eNumbered, n, rest
		} else if k, v, ok := field(s); ok {
			ev.kind, ev.key, ev.value = eField, k, v
		}
	}
	return ev
}

func isBoilerplate(s string) bool {
	if utf8.RuneCountInString(s) > 300 {
		return false
	}
	low := strings.ToLower(s)
	for _, b := range boilerplate {
		if strings.Contains(low, b) {
			return true
		}
	}
	// A price: a number and a currency word, nothing else.
	f := strings.Fields(low)
	if len(f) == 2 && strings.Trim(f[0], "0123456789.,") == "" && currencies[f[1]] {
		return true
	}
	return len(f) == 1 && (strings.HasPrefix(f[0], "$") || strings.HasPrefix(f[0], "€")) && strings.Trim(f[0][1:], "0123456789.,") == ""
}

// numbered splits "12. text", "12) text" or "[12] text".
func numbered(s string) (int, string, bool) {
	t := strings.TrimPrefix(s, "[")
	i := 0
	n := 0
	for i < len(t) && i < 4 && t[i] >= '0' && t[i] <= '9' {
		n = n*10 + int(t[i]-'0')
		i++
	}
	if i == 0 || i >= len(t) {
		return 0, "", false
	}
	switch t[i] {
	case '.', ')', ']':
	default:
		return 0, "", false
	}
	rest := strings.TrimSpace(t[i+1:])
	if rest == "" {
		return 0, "", false
	}
	return n, rest, true
}

// field recognises a metadata line: a known field name at the start, then a
// colon, a space before a capital or a digit, or the value glued on
// ("Journal nameProblemy", "Publication date01.09.2023"). A name glued to a
// lower-case letter is the start of an ordinary word, not a field.
func field(s string) (key, value string, ok bool) {
	if utf8.RuneCountInString(s) > MaxFieldLine {
		return "", "", false
	}
	best := ""
	for name := range fieldNames {
		if len(name) > len(best) && len(s) >= len(name) && strings.EqualFold(s[:len(name)], name) {
			if v, ok := afterName(s[len(name):], name); ok {
				best, value = name, v
			}
		}
	}
	if best == "" {
		return "", "", false
	}
	return fieldNames[best], value, true
}

func afterName(rest, name string) (string, bool) {
	if rest == "" {
		return "", true
	}
	r, n := utf8.DecodeRuneInString(rest)
	switch {
	case r == ':' || r == '：':
		return strings.TrimSpace(rest[n:]), true
	case unicode.IsSpace(r):
		v := strings.TrimSpace(rest)
		f, _ := utf8.DecodeRuneInString(v)
		if v == "" || unicode.IsUpper(f) || unicode.IsDigit(f) || !unicode.Is(unicode.Latin, f) && !unicode.Is(unicode.Cyrillic, f) {
			return v, true
		}
		return "", false
	}
	last, _ := utf8.DecodeLastRuneInString(name)
	if lines.IsCJK(last) || lines.IsCJK(r) {
		return "", false // Chinese names need a separator
	}
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return strings.TrimSpace(rest), true
	}
	return "", false
}
