package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partygraph/partygraph/loaders/text"
)

// span is a half-open byte range [Off, Off+Len) of a unit's text.
type span struct{ Off, Len int }

func (s span) End() int               { return s.Off + s.Len }
func (s span) contains(o span) bool   { return o.Off >= s.Off && o.End() <= s.End() }
func (s span) overlaps(o span) bool   { return o.Off < s.End() && s.Off < o.End() }
func (s span) text(str string) string { return str[s.Off:s.End()] }

// quote is a quoted passage: Outer includes the quote marks, Inner does not.
type quote struct {
	Outer, Inner span
	Book         bool // 《…》 title marks
}

// quotePairs are the opening and closing marks of quotations and titles.
var quotePairs = []struct{ open, close rune }{
	{'“', '”'}, {'「', '」'}, {'『', '』'}, {'«', '»'}, {'《', '》'}, {'„', '“'}, {'〝', '〞'}, {'"', '"'},
}

// findQuotes returns the outermost quoted passages of s in order. ASCII
// double quotes pair up in turn; typographic marks pair by kind, and a
// passage inside another is not reported on its own.
func findQuotes(s string) []quote {
	var out []quote
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		closeR := rune(-1)
		for _, p := range quotePairs {
			if p.open == r {
				closeR = p.close
				break
			}
		}
		if closeR < 0 {
			i += n
			continue
		}
		j := strings.IndexRune(s[i+n:], closeR)
		if j < 0 {
			i += n
			continue
		}
		end := i + n + j + utf8.RuneLen(closeR)
		inner := span{i + n, j}
		out = append(out, quote{Outer: span{i, end - i}, Inner: inner, Book: r == '《'})
		i = end
	}
	return out
}

// cleanQuoted trims the spaces and trailing punctuation a quoted passage
// carries inside its marks ("Building Stronger Parties," → "Building
// Stronger Parties").
func cleanQuoted(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return r == ',' || r == '.' || r == ';' || r == '，' || r == '。' || r == '、' || unicode.IsSpace(r)
	})
	s = strings.Trim(s, `"“”「」『』«»`)
	return strings.Join(strings.Fields(s), " ")
}

// folded is a text with its matching key: key is text.Fold of s, and
// key[i:j] covers s[pos[i]:pos[j]].
type folded struct {
	s   string
	key string
	pos []int
}

func newFolded(s string) folded {
	key, pos := text.FoldMap(s)
	return folded{s: s, key: key, pos: pos}
}

// orig maps a byte range of the key to the byte range of s it covers.
func (f folded) orig(i, j int) span {
	return span{f.pos[i], f.pos[j] - f.pos[i]}
}

// keyAt returns the index in key of the first key byte at or after offset
// off of s.
func (f folded) keyAt(off int) int {
	for i, p := range f.pos[:len(f.pos)-1] {
		if p >= off {
			return i
		}
	}
	return len(f.key)
}

// find returns the spans of s where any of the cues occurs in the key, on
// word boundaries for Latin-script cues, in order and without overlaps
// (longer cues first at one position).
func (f folded) find(cues []string) []span {
	var out []span
	for _, c := range cues {
		c = text.Fold(c)
		if c == "" {
			continue
		}
		for from := 0; ; {
			i := strings.Index(f.key[from:], c)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			if !wordBoundary(f.key, i, i+len(c)) {
				continue
			}
			out = append(out, f.orig(i, i+len(c)))
		}
	}
	return dropOverlaps(out)
}

// has reports whether any cue occurs in the key.
func (f folded) has(cues []string) bool { return len(f.find(cues)) > 0 }

// wordBoundary reports whether key[i:j] starts and ends on word boundaries
// where it meets a Latin letter or digit. Han text has no spaces, so a Han
// cue matches anywhere.
func wordBoundary(key string, i, j int) bool {
	if i > 0 {
		a, _ := utf8.DecodeLastRuneInString(key[:i])
		b, _ := utf8.DecodeRuneInString(key[i:])
		if isWordRune(a) && isWordRune(b) {
			return false
		}
	}
	if j < len(key) {
		a, _ := utf8.DecodeLastRuneInString(key[:j])
		b, _ := utf8.DecodeRuneInString(key[j:])
		if isWordRune(a) && isWordRune(b) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= utf8.RuneSelf && unicode.IsLetter(r) && !isHan(r)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}

// dropOverlaps sorts spans by offset and drops each span that overlaps an
// earlier or longer one.
func dropOverlaps(in []span) []span {
	sortSpans(in)
	var out []span
	for _, s := range in {
		if len(out) > 0 && out[len(out)-1].overlaps(s) {
			if s.Len > out[len(out)-1].Len && s.Off == out[len(out)-1].Off {
				out[len(out)-1] = s
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

func sortSpans(s []span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (s[j].Off < s[j-1].Off || s[j].Off == s[j-1].Off && s[j].Len > s[j-1].Len); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// hasFold reports whether the folded form of s equals one of words.
func hasFold(words []string, s string) bool {
	k := text.Fold(s)
	for _, w := range words {
		if text.Fold(w) == k {
			return true
		}
	}
	return false
}

// isCapitalized reports whether w starts with an upper-case letter.
func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// langOf returns the language of s, or fallback when s has no letters.
func langOf(s, fallback string) string {
	if l := text.Lang(s); l != "" {
		if l == "zh-Hans" && fallback == "zh-Hant" && text.ToTraditional(s) == s {
			return fallback // a Chinese text with no script-specific character keeps the block's script
		}
		return l
	}
	return fallback
}
