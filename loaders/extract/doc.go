// Package extract turns a parsed loaders.Document into the facts it states,
// as quads in partygraph's vocabulary, every one under the label of the
// document.
//
// Extraction is a pipeline over the document's units (sentences of
// paragraphs, list items, facts, table rows, headings), each carrying the
// context its block gives it (the section it is in, the meeting a per-year
// section or a table row is about):
//
//  1. entity mentions: names the gazetteer knows, wiki links, and entities
//     the text itself introduces ("X, Chairman of the Y Party of Z", "Y党主席X",
//     a capitalised "… Party of Z", a series named in a title, a link or with
//     an ordinal, an unknown venue after "held in" or in a venue column);
//
//  2. meetings and series: which series the document is about, the meetings
//     its dates, per-year sections, tables and fact lists describe (one
//     meeting per series and year: .../id/meeting/{series slug}-{year}, so
//     that documents in any language meet on one node), and which unit
//     speaks of which meeting;
//
//  3. relation rules keyed on cue words (hosted by, theme, keynote, topics,
//     formerly known as, 主办, 主题, 前身为 ...), each a small function;
//
//  4. alignment: on a bilingual page, the persons, parties and venues the
//     text introduces once in Chinese and once in English become one node.
//
//  5. cited works: a reference to a keynote speech given at a meeting of a
//     series, or to an outcome document named after a series, states that
//     meeting's keynote or outcome.
//
// Dates keep the precision the text gives: a day is an xsd:date, a month
// without a day ("November 2017", "2017年11月") an xsd:gYearMonth, a year
// given as a meeting's date (a table's "2004") an xsd:gYear; a meeting gets
// only its most precise dates. An online meeting gets no venue city unless
// the text says it was also held in person. Chinese names of persons and
// cities the gazetteer lacks are slugged in Pinyin (刘文清 → liu-wenqing), so
// that documents in Chinese and in English meet on one node.
//
// Besides the terms of the ontology it writes schema:datePublished on the
// source document when the document gives its publication date, uses
// schema:publisher for a journal's name, and gives a second name in one
// language as skos:altLabel. Constructed labels ("X 2029", "2029年X") name
// meetings; themes, topics, speeches and outcomes are labelled with their
// text. Conflicting statements of different documents are not reconciled:
// each document's quads carry its own label.
//
// The cue words are data (Cues) and every rule is a general linguistic
// pattern: nothing in this package knows any meeting, person, date or theme.
package extract
