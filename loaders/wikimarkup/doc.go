// Package wikimarkup parses wiki pages exported as plain markup: "= Title ="
// headings whose level is the number of '=', "- Key: value" fact lists,
// pipe tables ("| a | b |", header row first, with an optional caption line
// before them), bulleted lists, and paragraphs.
//
// A scanner (scan.go) classifies each line into a token; a builder
// (parse.go) groups the tokens into blocks, tracking the enclosing headings.
// Items of a "See also" section are always ListItem blocks, never facts.
package wikimarkup
