// Package langid is the loaders' stand-in language guesser, used until the
// shared loaders/text package (OpenCC-based) can be plugged in. It only looks
// at scripts: it tells Chinese from Russian from English, but cannot tell
// Simplified from Traditional Chinese, for which it answers "zh".
package langid

import "unicode"

// Func guesses the BCP 47 tag of a text, or "" when it cannot tell.
type Func func(s string) string

// Script guesses a language from the script most letters are written in:
// Han → "zh", Cyrillic → "ru", Latin → "en"; "" for no letters.
func Script(s string) string {
	var han, cyr, lat int
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han += 2 // a Han character carries about a word
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	switch {
	case han == 0 && cyr == 0 && lat == 0:
		return ""
	case han >= cyr && han >= lat:
		return "zh"
	case cyr >= lat:
		return "ru"
	default:
		return "en"
	}
}

// Or returns f, or Script when f is nil.
func Or(f Func) Func {
	if f == nil {
		return Script
	}
	return f
}
