// Package kvstore is partygraph's own quad store layout over an embedded
// key-value engine (bolt or LevelDB, the engines Cayley's kv backends use).
//
// Every value is stored once, in a dictionary that maps it to a uint64 id and
// back; each quad is stored as four keys of ids, one in each of the sorted
// indexes SPOG, POSG, OSPG and GSPO, so a pattern with any bound term is
// answered by a prefix scan of the index that leads with it. Per-term counts
// for each position, the number of quads and the number of distinct values are
// kept in the same transactions as the quads they count, so estimates are
// exact for a single bound term and never need a scan.
//
// A Store implements Cayley's graph.QuadStore, so Cayley's query languages
// run over it, and has a faster native path for partygraph's graph package:
// Match, Estimate, Replace, BulkLoad and BulkLoadSources (on LevelDB one
// transaction that writes each index in key order: sortload.go).
package kvstore
