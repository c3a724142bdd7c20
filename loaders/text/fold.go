package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/unicode/norm"
)

// tables are the converters and the per-rune fold table, built once on first
// use and never changed afterwards.
type tables struct {
	t2s, s2t *opencc.OpenCC
	// fold[r] is the folded form of rune r for r in the BMP: "" means the
	// rune is dropped, the space " " marks whitespace.
	fold []string
	// trad and simp mark the Han runes that OpenCC changes when converting
	// to Simplified (a Traditional-only form) or to Traditional (a
	// Simplified-only form).
	trad, simp []bool
}

var loadTables = sync.OnceValue(func() *tables {
	t2s, err := opencc.New("t2s")
	if err != nil {
		panic("text: opencc t2s: " + err.Error()) // the dictionaries are embedded in the module
	}
	s2t, err := opencc.New("s2t")
	if err != nil {
		panic("text: opencc s2t: " + err.Error())
	}
	t := &tables{t2s: t2s, s2t: s2t, fold: make([]string, 0x10000), trad: make([]bool, 0x10000), simp: make([]bool, 0x10000)}
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			t.fold[r] = string(utf8.RuneError)
			continue
		}
		if isHan(r) {
			s := norm.NFKC.String(string(r))
			ts := toSimplified(t2s, s)
			st, _ := s2t.Convert(s)
			t.trad[r] = ts != s
			t.simp[r] = st != s
			t.fold[r] = ts
			continue
		}
		t.fold[r] = foldRuneSlow(r, t.hanToSimp)
	}
	return t
})

// isHan reports whether r is a Han ideograph (unified, extensions or
// compatibility block) or the ideographic zero.
func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || r == '〇'
}

// latinLike reports whether diacritics are stripped from letters of r's
// script: Latin, Greek and Cyrillic.
func latinLike(r rune) bool {
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

// special folds letters that have no canonical decomposition.
func special(r rune) (string, bool) {
	switch r {
	case 'ß', 'ẞ':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ø', 'Ø':
		return "o", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'ł', 'Ł':
		return "l", true
	case 'ı':
		return "i", true
	case 'þ', 'Þ':
		return "th", true
	case 'ŋ', 'Ŋ':
		return "n", true
	// Typographic apostrophes, quotes and primes.
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '\u02BB', '`', '´', '\uFF07':
		return "'", true
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '«', '»', '「', '」', '『', '』', '\uFF02', '〝', '〞':
		return `"`, true
	// Dashes, hyphens and minus signs.
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D', '\u2E3A', '\u2E3B':
		return "-", true
	// Name separators in transliterated names (纳尔逊·曼德拉, 納爾遜‧曼德拉).
	case '\u00B7', '\u2027', '\u30FB', '\uFF65', '\u2022', '\u2219', '\u22C5':
		return "·", true
	// Invisible characters.
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return "", true
	}
	return "", false
}

// hanToSimp converts one Han rune with OpenCC's t2s dictionaries.
func (t *tables) hanToSimp(r rune) string {
	return toSimplified(t.t2s, string(r))
}

// toSimplified converts s with t2s until it no longer changes: OpenCC maps
// some Traditional forms to a form it converts again (薴 to 苧, and 苧 to
// 苎), and a fold must be its own fixed point.
func toSimplified(t2s *opencc.OpenCC, s string) string {
	for range 8 {
		next, err := t2s.Convert(s)
		if err != nil || next == s {
			return s
		}
		s = next
	}
	return s
}

// foldRuneSlow folds one non-Han rune: whitespace to " ", special letters and
// punctuation by the table above, compatibility forms (full-width, ligatures)
// by NFKC, diacritics of Latin, Greek and Cyrillic letters removed, lower case.
func foldRuneSlow(r rune, han func(rune) string) string {
	if unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) {
		return " "
	}
	if s, ok := special(r); ok {
		return s
	}
	if unicode.IsControl(r) {
		return " "
	}
	var b strings.Builder
	for _, c := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.Mn, c) && latinLike(r) || unicode.IsSpace(c) {
			continue // a diacritic, or the space of a compatibility form (゜ is " ゚")
		}
		if s, ok := special(c); ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(unicode.ToLower(c))
	}
	s := norm.NFC.String(b.String())
	if s != string(r) && s != "" {
		// A compatibility form of a Han rune (U+F900 block, ⼀ radicals)
		// still needs the Traditional to Simplified step.
		out := make([]byte, 0, len(s))
		for _, c := range s {
			if isHan(c) && c != r {
				out = append(out, han(c)...)
				continue
			}
			out = utf8.AppendRune(out, c)
		}
		s = string(out)
	}
	return s
}

// foldRune returns the folded form of r.
func (t *tables) foldRune(r rune) string {
	if r < 0x10000 {
		return t.fold[r]
	}
	if isHan(r) {
		return t.hanToSimp(r)
	}
	return foldRuneSlow(r, t.hanToSimp)
}

// Fold returns the matching key of s: Traditional Chinese converted to
// Simplified (OpenCC's character dictionary, so that the key of a text
// contains the key of every name in it), compatibility forms such as
// full-width letters and digits made plain (NFKC), lower case, diacritics of
// Latin, Greek and Cyrillic letters removed (Vučić and Vucic fold alike),
// typographic quotes, apostrophes and dashes made ASCII, and whitespace
// collapsed to single spaces and trimmed.
func Fold(s string) string {
	out, _ := fold(s, false)
	return out
}

// FoldMap is Fold that also says where each byte of the key came from: pos
// has len(key)+1 entries, pos[i] is the byte offset in s of the rune that key
// byte i came from, and pos[len(key)] is the end of the last rune that
// contributed to the key. A match key[i:j] therefore covers s[pos[i]:pos[j]].
func FoldMap(s string) (key string, pos []int) {
	return fold(s, true)
}

func fold(s string, withPos bool) (string, []int) {
	t := loadTables()
	var b []byte
	if len(s) > 0 {
		b = make([]byte, 0, len(s))
	}
	var pos []int
	if withPos {
		pos = make([]int, 0, len(s)+1)
	}
	space := false // a space is pending
	end := 0       // end in s of the last rune written
	for i, r := range s {
		var f string
		if r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
				fallthrough
			case r > ' ' && r < utf8.RuneSelf && r != 0x7f:
				if space && len(b) > 0 {
					b = append(b, ' ')
					if withPos {
						pos = append(pos, end)
					}
				}
				space = false
				b = append(b, byte(r))
				if withPos {
					pos = append(pos, i)
				}
				end = i + 1
				continue
			default:
				space = true
				continue
			}
		}
		f = t.foldRune(r)
		if f == "" {
			continue
		}
		if f == " " {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
			if withPos {
				pos = append(pos, end)
			}
		}
		space = false
		b = append(b, f...)
		if withPos {
			for range len(f) {
				pos = append(pos, i)
			}
		}
		end = i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			end = i + 1
			if _, n := utf8.DecodeRuneInString(s[i:]); n > 0 {
				end = i + n
			}
		}
	}
	if withPos {
		pos = append(pos, end)
	}
	return string(b), pos
}

// ToSimplified converts s from Traditional to Simplified Chinese with
// OpenCC's phrase and character dictionaries. Text in other scripts is left
// as it is.
func ToSimplified(s string) string {
	if !hasHan(s) {
		return s
	}
	out, err := loadTables().t2s.Convert(s)
	if err != nil {
		return s
	}
	return out
}

// ToTraditional converts s from Simplified to Traditional Chinese with
// OpenCC's phrase and character dictionaries (OpenCC's standard Traditional,
// not a regional variant). Text in other scripts is left as it is.
func ToTraditional(s string) string {
	if !hasHan(s) {
		return s
	}
	out, err := loadTables().s2t.Convert(s)
	if err != nil {
		return s
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 && isHan(r) {
			return true
		}
	}
	return false
}

// Lang returns the BCP 47 tag of the language of s as far as its script
// tells: "zh-Hans" or "zh-Hant" for Chinese, "ru" for Cyrillic, "en" for
// Latin script, and "" when s has no letters. The script with the most
// letters wins, a Han character counting as two letters. Traditional and
// Simplified are told apart by counting the characters OpenCC changes in
// each direction; a Chinese text without any such character is "zh-Hans".
func Lang(s string) string {
	var latin, cyr, han, trad, simp int
	var t *tables
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case r >= 0x2E80 && isHan(r):
			han++
			if t == nil {
				t = loadTables()
			}
			if r < 0x10000 {
				if t.trad[r] {
					trad++
				}
				if t.simp[r] {
					simp++
				}
			}
		case unicode.Is(unicode.Cyrillic, r) && unicode.IsLetter(r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case han == 0 && latin == 0 && cyr == 0:
		return ""
	case 2*han >= latin && 2*han >= cyr:
		if trad > simp {
			return "zh-Hant"
		}
		return "zh-Hans"
	case cyr > latin:
		return "ru"
	}
	return "en"
}
