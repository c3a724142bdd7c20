// Package detect tells which genre a document is written in, from what its
// content looks like rather than from its name, and hands it to that
// genre's parser.
//
// Each genre gets a score from features of the text: wikitext from its
// brackets, templates, bold quotes, <ref> tags and "== x ==" headings; wiki
// markup exports from "= Title =" headings, "- Key: value" lines and pipe
// tables; web pages and journal article pages from what their own parsers
// find (header metadata, breadcrumbs and language switchers; article
// fields and numbered references). N-Quads are recognised by a .nq or .nq.gz
// extension or by lines of quads. The highest score wins; text with no
// feature of any genre is an error wrapping loaders.ErrUnknownGenre.
package detect
