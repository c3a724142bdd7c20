// Package ingest loads files and folders into a store: it finds the files,
// reads N-Quads files as they are and hands every other file to the document
// loaders, checks everything before it writes anything, and then writes each
// file's sources all or nothing, with curated data (the ontology, the
// gazetteer) refreshed first. N-Quads files are streamed twice, never held
// whole: a first pass checks them and collects their labels, and a second
// one bulk loads the sources the store does not hold yet
// (graph.Store.BulkLoadSources), with a quads/s progress bar on a terminal;
// a file that restates stored sources replaces them (graph.Store.Replace).
// Both `partygraph load` and `partygraph serve --load` use it.
package ingest
