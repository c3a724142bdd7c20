// Package webpage parses official web pages saved as text: a language
// switcher line, a breadcrumb ("Home > ..."), the title (often repeated),
// "Updated:... | By:..." metadata, paragraphs that may be in several
// languages on one page, and boilerplate footers.
//
// A line scanner (scan.go) classifies each line from tables of language
// names, metadata keys and footer phrases (data.go); a builder (parse.go)
// turns the events into a Document, giving every paragraph its own language
// and dropping navigation and boilerplate. The language switcher is kept as
// Meta "languages", the breadcrumb as Meta "breadcrumb", and header fields
// under lower-case English keys ("updated", "by", "source", "author",
// "editor", "published", "date") whatever language the page writes them in.
package webpage
