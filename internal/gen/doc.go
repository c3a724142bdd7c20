// Package gen generates synthetic party-diplomacy data for tests and
// benchmarks: meeting series, meetings with dates and venues, parties across
// some two hundred made-up countries, their leaders with titles, attendance,
// speakers, themes and topics, follows-chains within a series and series that
// replace one another, each fact stated by several sources that sometimes
// disagree.
//
// The same model is written two ways: as N-Quads in partygraph's vocabulary
// (WriteNQuads, streamed so memory stays flat at any size), and as documents
// in the four genres of real inputs (WriteCorpus: wikitext, wiki-export
// markup, an official bilingual web page, a journal article page), so that
// both the store and the loaders can be timed on the same meetings.
//
// Output is deterministic: the same Config gives byte-identical output on
// every machine. Every entity is a pure function of the seed and its index,
// drawn from its own PCG stream of math/rand/v2. All names are made up from
// syllables; nothing describes a real party, person or meeting.
package gen
