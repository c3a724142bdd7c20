// Package lines splits text documents into lines with their offsets and
// holds the small helpers the genre parsers share: reading the input,
// cleaning white space, counting words and joining running text.
package lines

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partygraph/partygraph/loaders"
)

// Line is one line of a document without its line break.
type Line struct {
	Text   string
	Offset int // byte offset of the line's start in the document
}

// Blank reports whether the line holds only white space.
func (l Line) Blank() bool { return strings.TrimSpace(l.Text) == "" }

// Split splits data into lines at \n, \r\n or \r.
func Split(data string) []Line {
	var out []Line
	start := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			out = append(out, Line{data[start:i], start})
			start = i + 1
		case '\r':
			out = append(out, Line{data[start:i], start})
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	if start < len(data) {
		out = append(out, Line{data[start:], start})
	}
	return out
}

// Clean collapses runs of white space to one space and trims the ends.
func Clean(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		space = false
		sb.WriteRune(r)
	}
	return sb.String()
}

// IsCJK reports whether r is a Han, kana or full-width CJK punctuation rune.
func IsCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// Words counts the words of s, a Han character counting as one.
func Words(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case IsCJK(r):
			n++
			in = false
		case unicode.IsSpace(r):
			in = false
		default:
			if !in {
				n++
			}
			in = true
		}
	}
	return n
}

// JoinAll joins pieces of running text as Join does, in linear time.
func JoinAll(parts []string) string {
	var sb strings.Builder
	var last rune
	for _, p := range parts {
		if p == "" {
			continue
		}
		if sb.Len() > 0 {
			first, _ := utf8.DecodeRuneInString(p)
			if !IsCJK(last) || !IsCJK(first) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(p)
		last, _ = utf8.DecodeLastRuneInString(p)
	}
	return sb.String()
}

// Classify returns classify(l) for each line l of ls, in order.
func Classify[T any](ls []Line, classify func(Line) T) []T {
	out := make([]T, len(ls))
	for i, l := range ls {
		out[i] = classify(l)
	}
	return out
}

// Start does what every genre parser does first: it reads the document
// named name from r (at most maxSize bytes, as loaders.ReadInput does) and
// returns it with the empty Document of genre g to fill. Its errors name the
// file and begin with the genre ("article: x.txt: empty document").
func Start(g, name string, r io.Reader, maxSize int64) ([]byte, *loaders.Document, error) {
	data, err := loaders.ReadInput(name, r, maxSize)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", g, err)
	}
	return data, &loaders.Document{Name: name, Genre: g, Meta: map[string]string{}}, nil
}
