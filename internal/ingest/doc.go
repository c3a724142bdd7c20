// Package ingest loads files and folders into a store: it finds the files,
// reads N-Quads files as they are and hands every other file to the document
// loaders, checks everything before it writes anything, and then replaces
// each file's source in its own transaction, with curated data (the ontology,
// the gazetteer) refreshed first. Both `partygraph load` and `partygraph
// serve --load` use it.
package ingest
