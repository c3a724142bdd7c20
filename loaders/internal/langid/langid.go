// Package langid gives the genre parsers their default language guesser,
// loaders/text.Lang (script detection with OpenCC to tell Simplified from
// Traditional Chinese), behind a function type that a Parser's Lang field
// can replace.
package langid

import "github.com/partygraph/partygraph/loaders/text"

// Func guesses the BCP 47 tag of a text ("en", "zh-Hans", "zh-Hant", "ru"),
// or "" when it cannot tell.
type Func func(s string) string

// Or returns f, or text.Lang when f is nil.
func Or(f Func) Func {
	if f == nil {
		return text.Lang
	}
	return f
}
