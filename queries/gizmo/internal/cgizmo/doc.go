// Package cgizmo is Cayley's Gizmo implementation
// (github.com/cayleygraph/cayley/query/gizmo at v0.7.7, Apache License 2.0,
// see LICENSE), copied so that partygraph can fix what upstream, in
// maintenance mode, will not. The changes, each marked "partygraph:" in the
// code:
//
//   - the goroutine that runs a script recovers a panic from Cayley's path
//     and shape packages and returns it as the query's error, instead of
//     ending the process;
//   - a script's calls nest at most maxCallStackSize deep (runaway recursion
//     ends in an exception, not in memory growing until the time limit);
//   - it runs on a current github.com/dop251/goja (Cayley pins one from
//     2019, without a call-depth limit);
//   - the package does not register itself as a query language (no init).
//
// Everything else is Cayley's code as it was, so that scripts behave as in
// Cayley.
package cgizmo
