// Package loaders defines what every document loader shares: the Document a
// genre parser makes of a file, the one-method Loader that turns a file into
// the quads it states, and the File it is given.
//
// The subpackages do the work: loaders/detect tells a file's genre; the genre
// parsers loaders/wikitext, loaders/wikimarkup, loaders/webpage and
// loaders/article turn files into Documents; loaders/text holds the language,
// script, date and number utilities; loaders/gazetteer the curated names;
// loaders/extract turns a Document into quads; and loaders/docload is the
// Loader that chains them. loaders/internal has what the parsers share.
package loaders
