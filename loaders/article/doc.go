// Package article parses journal article pages saved as text: a title line,
// metadata fields (often glued to their values, as in "Journal nameProblemy
// Dalnego Vostoka" or "Publication date01.09.2023"), the abstract, keywords,
// and numbered references in several languages; shop and site boilerplate is
// dropped.
//
// Field names are recognised from a table of known names in English,
// Russian and Chinese (data.go), each mapped to one lower-case English Meta
// key, so that the same field reads the same whatever the page's language.
// A line scanner (scan.go) turns lines into events; a reference scanner
// (ref.go) splits each reference into segments and recovers its author,
// title, publisher, date, URL, DOI and language.
package article
