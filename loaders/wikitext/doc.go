// Package wikitext parses MediaWiki wikitext into a loaders.Document.
//
// A lexer (lex.go) turns the source into tokens: text, template and link
// brackets, pipes, quote runs, tags, and the line-start markers of headings,
// lists and tables. A parser (parse.go) builds them into a tree of templates,
// links and <ref> footnotes, degrading an opener that is never closed into
// plain text. A builder (build.go) walks the tree into blocks, keeping the
// text of links and of text-carrying templates ({{lang-en|...}}), turning
// cite templates into References and [[Category:...]] links into Categories,
// and dropping files, navigation boxes and other templates.
//
// A footnote's Reference keeps its wikitext source in Text; a cite template
// fills URL, Title, Author, Publisher, Date, DOI and Lang, and a plain
// footnote gives its rendered text as Title and its first external link as
// URL. Infobox parameters become Fact blocks keyed by parameter name.
//
// Unbalanced or pathological input never panics or hangs: nesting is limited
// (Parser.MaxDepth), every unclosed construct is kept as text, and
// Parser.MaxTokens bounds the markup, and so the memory, of one document.
package wikitext
