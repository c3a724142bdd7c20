// Package loaders defines what every document loader shares: the Document a
// genre parser makes of a file, the one-method Loader that turns a file into
// the quads it states, and the File it is given. The genre parsers
// (loaders/wikitext, loaders/wikimarkup, loaders/webpage, loaders/article),
// the text utilities, the gazetteer and the extractor live in subpackages.
package loaders
