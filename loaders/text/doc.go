// Package text holds the language utilities every loader shares: the folded
// matching key of a name (Traditional to Simplified Chinese through OpenCC,
// full-width to half-width, case, diacritics, typographic punctuation,
// whitespace), conversion between the Chinese scripts, the language and
// script of a text, deterministic slugs, sentence splitting, and finders for
// dates and counts in English and Chinese prose.
//
// Nothing here knows about any meeting, party or person: the package only
// reads text. Every finder reports byte offsets into the string it was given.
package text
