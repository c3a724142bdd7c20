// Package gazetteer holds the curated list of entities loaders link names
// to: countries, cities, political parties, people, organisations and
// meeting series, with their names in English, Simplified and Traditional
// Chinese, their other names and abbreviations, and for parties, cities,
// organisations and people the country they belong to (and for people their
// party). It is data about entities only, never about meetings: who attended
// or spoke where is for documents to say.
//
// The data is tab-separated text (data/*.tsv, embedded in the binary and read
// by Default); Load and LoadFS read other copies. Lookup finds the entries a
// name refers to, Find every gazetteer name in a text, and Quads gives the
// gazetteer as quads under graph.GazetteerSource.
package gazetteer
