package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a piece of a string: s[Offset:Offset+Len] is Text.
type Span struct {
	Offset, Len int
	Text        string
}

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "mt": true,
	"no": true, "nos": true, "vol": true, "vols": true, "pp": true, "p": true, "fig": true,
	"ed": true, "eds": true, "e.g": true, "i.e": true, "vs": true, "cf": true, "al": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"gen": true, "col": true, "lt": true, "sen": true, "rep": true, "gov": true, "pres": true,
	"hon": true, "jr": true, "sr": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"dept": true, "univ": true, "approx": true, "est": true, "rev": true, "messrs": true,
	"h.e": true, "t": true, "s": true, "c": true, "ca": true, "op": true, "cit": true, "ibid": true,
}

// Sentences splits s into sentences: after 。！？ (and their full-width and
// ASCII forms) and after a full stop followed by a space or the end, unless
// the full stop ends an abbreviation ("Mr.", "e.g.", "Nov."), an initial
// ("A. L. Verchenko"), or the next word begins in lower case. Closing quotes
// and brackets after the end mark belong to the sentence; a blank line always
// ends one. Offsets are byte offsets into s; the spans are trimmed of spaces.
func Sentences(s string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		seg := s[start:end]
		trimmed := strings.TrimLeftFunc(seg, unicode.IsSpace)
		off := start + len(seg) - len(trimmed)
		trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
		if trimmed != "" {
			out = append(out, Span{Offset: off, Len: len(trimmed), Text: trimmed})
		}
		start = end
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			j := i + n
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
				j++
			}
			if j < len(s) && s[j] == '\n' {
				emit(i)
			}
			i += n
			continue
		case r == '。' || r == '！' || r == '？' || r == '!' || r == '?' || r == '｡' || r == '．' && !nextIsDigit(s, i+n):
			end := absorbClosers(s, i+n)
			if (r == '!' || r == '?') && !boundaryAfter(s, end) {
				i = end
				continue
			}
			emit(end)
			i = end
			continue
		case r == '.':
			end := absorbClosers(s, i+n)
			if end == i+n && end < len(s) && s[end] == '.' { // an ellipsis "..."
				for end < len(s) && s[end] == '.' {
					end++
				}
			}
			if fullStop(s, i) && boundaryAfter(s, end) {
				emit(end)
			}
			i = end
			continue
		}
		i += n
	}
	emit(len(s))
	return out
}

func nextIsDigit(s string, i int) bool {
	return i < len(s) && s[i] >= '0' && s[i] <= '9'
}

// absorbClosers returns the end of the closing quotes and brackets at s[i:].
func absorbClosers(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '"', '\'', ')', ']', '”', '’', '）', '」', '』', '》', '〉', '»', '】':
			i += n
			continue
		}
		break
	}
	return i
}

// boundaryAfter reports whether the text at s[i:] can start a new sentence:
// the end, whitespace followed by something other than a lower-case letter,
// or a Han character.
func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if isHan(r) {
		return true
	}
	if !unicode.IsSpace(r) {
		return false
	}
	rest := strings.TrimLeftFunc(s[i:], unicode.IsSpace)
	if rest == "" {
		return true
	}
	r, _ = utf8.DecodeRuneInString(rest)
	return !unicode.IsLower(r)
}

// fullStop reports whether the '.' at s[i] can end a sentence, looking at
// the word before it.
func fullStop(s string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
			j -= n
			continue
		}
		break
	}
	word := s[j:i]
	if word == "" {
		return true
	}
	if r, n := utf8.DecodeRuneInString(word); n == len(word) && unicode.IsUpper(r) {
		return false // an initial
	}
	if abbreviations[strings.ToLower(word)] {
		return false
	}
	// "U.S", "A.L": initials separated by dots.
	return !strings.Contains(word, ".") || !allInitials(word)
}

// allInitials reports whether w is like "A.L" or "U.S": single letters
// separated by dots.
func allInitials(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) > 1 {
			return false
		}
	}
	return true
}
