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
// Unbalanced or pathological input never panics or hangs: nesting is limited
// (Parser.MaxDepth) and every unclosed construct is kept as text.
package wikitext
