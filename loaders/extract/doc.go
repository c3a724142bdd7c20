// Package extract turns a parsed loaders.Document into the facts it states,
// as quads in partygraph's vocabulary, every one under the label of the
// document.
//
// Extraction is a pipeline over the document's units (sentences of
// paragraphs, list items, facts, table rows), each carrying the context its
// block gives it (the section it is in, the meeting a per-year section or a
// table row is about):
//
//  1. entity mentions: names the gazetteer knows, wiki links, and entities
//     the text itself introduces ("X, Chairman of the Y Party of Z");
//  2. meetings and series: which series the document is about, the meetings
//     its dates, per-year sections and tables describe, and which unit
//     speaks of which meeting;
//  3. relation rules keyed on cue words (hosted by, theme, keynote, topics,
//     formerly known as, 主办, 主题, 前身为 ...), each a small function.
//
// The cue words are data (Cues) and every rule is a general linguistic
// pattern: nothing in this package knows any meeting, person, date or theme.
package extract
