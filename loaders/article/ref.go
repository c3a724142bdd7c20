package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/langid"
	"github.com/partygraph/partygraph/loaders/internal/lines"
	"github.com/partygraph/partygraph/loaders/text"
)

// parseRef reads one numbered reference. The text is split into segments
// at sentence dots outside brackets and quotes; the segments are then read
// as author, title, publisher and date, and the URL, DOI and language
// marker are picked out wherever they stand.
func parseRef(s string, lang langid.Func) loaders.Reference {
	r := loaders.Reference{Text: s, URL: url(s), DOI: doi(s)}
	marker := ""
	var segs []string
	for _, seg := range segments(s) {
		if l, ok := langMarker(seg); ok {
			marker = l
			continue
		}
		if seg != "" {
			segs = append(segs, seg)
		}
	}
	i := 0
	if len(segs) > 1 && authorLike(segs[0]) {
		r.Author, i = segs[0], 1
		if isInitial(r.Author, len(r.Author)) {
			r.Author += "." // the dot that ended the segment ends the initials
		}
	}
	if i < len(segs) {
		r.Title = stripTypeMark(stripTranslation(segs[i]))
		if t, journal, ok := strings.Cut(r.Title, " // "); ok {
			r.Title, r.Publisher = strings.TrimSpace(t), strings.TrimSpace(journal) // GOST "Title // Journal"
		}
		for j := i + 1; j < len(segs); j++ {
			seg := segs[j]
			if isAccess(seg) || strings.HasPrefix(seg, "(") || hasPrefixFold(seg, "url") || hasPrefixFold(seg, "doi") {
				continue
			}
			if place, rest, ok := strings.Cut(seg, ":"); ok && r.Publisher == "" && utf8.RuneCountInString(place) <= 20 {
				// "Place: Publisher, Year"
				pub, year, _ := strings.Cut(rest, ",")
				if d := date(year); d != "" {
					r.Publisher, r.Date = strings.TrimSpace(pub), d
					break
				}
			}
			if d := date(seg); d != "" {
				r.Date = d
				if j-1 > i && r.Publisher == "" && !hasDigit(segs[j-1]) && !strings.HasPrefix(segs[j-1], "(") {
					r.Publisher = segs[j-1]
				}
				break
			}
			if pub, rest, ok := cutComma(seg); ok && r.Publisher == "" {
				// "Journal, 2031(5): 12-20" (GB/T 7714)
				if y := leadingYear(rest); y != "" {
					r.Publisher, r.Date = pub, y
					break
				}
			}
		}
	}
	switch {
	case marker == "zh":
		r.Lang = "zh-Hans"
		if l := lang(r.Title); strings.HasPrefix(l, "zh") {
			r.Lang = l
		}
	case marker != "":
		r.Lang = marker
	case r.Title != "":
		r.Lang = lang(r.Title)
	default:
		r.Lang = lang(s)
	}
	return r
}

// segments splits s at dots that end a sentence: outside brackets and
// quotes, not between digits, not inside a URL, and not after an initial
// unless a capitalised word follows ("A.L. Dialog", "A.L.Prodvizheniye").
func segments(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '(', '[', '«', '“', '（', '《', '【':
			depth++
		case ')', ']', '»', '”', '）', '》', '】':
			if depth > 0 {
				depth--
			}
		case '。', '．':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + n
			}
		case '.':
			if depth == 0 && sentenceEnd(s, i) {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + n
			}
		}
		i += n
	}
	return append(out, strings.TrimSpace(s[start:]))
}

func sentenceEnd(s string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+1:])
	if i+1 >= len(s) {
		return true
	}
	if unicode.IsDigit(prev) && unicode.IsDigit(next) {
		return false
	}
	if isInitial(s, i) {
		rest := strings.TrimLeft(s[i+1:], " ")
		r1, n1 := utf8.DecodeRuneInString(rest)
		r2, _ := utf8.DecodeRuneInString(rest[n1:])
		return unicode.IsUpper(r1) && unicode.IsLower(r2)
	}
	return unicode.IsSpace(next) || lines.IsCJK(next) || next == '(' || next == '（'
}

// isInitial reports a single capital letter before the dot at i.
func isInitial(s string, i int) bool {
	prev, n := utf8.DecodeLastRuneInString(s[:i])
	if !unicode.IsUpper(prev) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i-n])
	return i-n == 0 || !unicode.IsLetter(before)
}

// langMarker reads "(In Russ.)", "(In Chin.)" and the like.
func langMarker(seg string) (string, bool) {
	low := strings.ToLower(strings.TrimSpace(seg))
	if !strings.HasPrefix(low, "(") || !strings.HasSuffix(low, ")") {
		return "", false
	}
	inner := strings.TrimSpace(low[1 : len(low)-1])
	if w, ok := strings.CutPrefix(inner, "in "); ok {
		l, ok := langMarkers[strings.TrimSpace(w)]
		return l, ok
	}
	return "", false
}

func authorLike(seg string) bool {
	if hasDigit(seg) || utf8.RuneCountInString(seg) > 40 || strings.ContainsAny(seg, "«»“”\"()（）:") {
		return false
	}
	if lines.IsCJK(firstRune(seg)) {
		return utf8.RuneCountInString(seg) <= 6 && !strings.Contains(seg, " ")
	}
	return len(strings.Fields(seg)) <= 4
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }

// stripTranslation drops a trailing parenthesised translation from a title
// written in another language: "原题(Translated title)" → "原题".
func stripTranslation(t string) string {
	t = strings.TrimSpace(t)
	if !strings.HasSuffix(t, ")") && !strings.HasSuffix(t, "）") {
		return t
	}
	depth := 0
	for i := len(t); i > 0; {
		r, n := utf8.DecodeLastRuneInString(t[:i])
		i -= n
		switch r {
		case ')', '）':
			depth++
		case '(', '（':
			depth--
			if depth == 0 {
				if head := strings.TrimSpace(t[:i]); head != "" {
					return head
				}
				return t
			}
		}
	}
	return t
}

func isAccess(seg string) bool {
	low := strings.ToLower(seg)
	for _, w := range accessWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// date returns the date a segment consists of, as written: one that
// loaders/text finds, or a bare year.
func date(seg string) string {
	seg = strings.TrimSpace(seg)
	if isAccess(seg) {
		return ""
	}
	if ds := text.FindDates(seg); len(ds) > 0 {
		return seg[ds[0].Offset : ds[0].Offset+ds[0].Len]
	}
	if len(seg) == 4 && seg >= "1500" && seg <= "2199" && !strings.ContainsFunc(seg, func(r rune) bool { return !unicode.IsDigit(r) }) {
		return seg
	}
	return ""
}

// url returns the first http(s) or www address in s.
func url(s string) string {
	for _, w := range strings.Fields(s) {
		w = strings.TrimLeft(w, "(<«")
		if i := strings.Index(strings.ToLower(w), "http"); i > 0 && strings.HasPrefix(strings.ToLower(w[:i]), "url:") {
			w = w[i:]
		}
		low := strings.ToLower(w)
		if strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "www.") {
			return strings.TrimRight(w, ".,;)>»")
		}
	}
	return ""
}

// doi returns the DOI after "DOI:" or in a doi.org address.
func doi(s string) string {
	low := strings.ToLower(s)
	i := strings.Index(low, "doi:")
	n := 4
	if i < 0 {
		i, n = strings.Index(low, "doi.org/"), 8
	}
	if i < 0 {
		return ""
	}
	f := strings.Fields(s[i+n:])
	if len(f) == 0 {
		return ""
	}
	d := strings.TrimRight(f[0], ".,;)")
	if !strings.HasPrefix(d, "10.") {
		return ""
	}
	return d
}

// stripTypeMark drops a GB/T 7714 document type mark such as "[J]",
// "[M]" or "[EB/OL]" from the end of a title.
func stripTypeMark(t string) string {
	if !strings.HasSuffix(t, "]") {
		return t
	}
	i := strings.LastIndexByte(t, '[')
	if i <= 0 {
		return t
	}
	mark := t[i+1 : len(t)-1]
	if mark == "" || len(mark) > 6 || strings.ToUpper(mark) != mark || strings.Trim(mark, "ABCDEFGHIJKLMNOPQRSTUVWXYZ/") != "" {
		return t
	}
	return strings.TrimSpace(t[:i])
}

// cutComma splits at the first comma, ASCII or full-width.
func cutComma(s string) (string, string, bool) {
	i := strings.IndexAny(s, ",，")
	if i <= 0 {
		return "", "", false
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+n:]), true
}

// leadingYear returns the year a text starts with, if it is one followed
// by a non-digit ("2031(5): 12-20") or nothing.
func leadingYear(s string) string {
	if len(s) < 4 || !isDigits4(s[:4]) || s[:4] < "1500" || s[:4] > "2199" {
		return ""
	}
	if len(s) > 4 && s[4] >= '0' && s[4] <= '9' {
		return ""
	}
	return s[:4]
}

func isDigits4(s string) bool {
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
