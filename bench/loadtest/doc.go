// Command loadtest is a bounded loopback load test of `partygraph serve`:
// a number of concurrent clients send a mix of SPARQL queries (selective
// lookups, a join, an aggregate, a CONSTRUCT) and explorer API requests
// (search, entity neighbourhood, timeline, sources) for a fixed time, check
// that every answer is well-formed, and it reports throughput, p50/p99
// latency per kind of request, errors, and "busy" answers (503 past the
// server's --max-queries) separately.
//
// It first discovers meetings, series and people with a few SPARQL queries,
// so it works on any graph with meetings and people in it (the generated
// graphs of `partygraph gen`, or the seeds).
//
// Usage:
//
//	partygraph gen --quads 1000000 --format nquads --out /tmp/1e6.nq
//	partygraph load --db /tmp/1e6.db /tmp/1e6.nq
//	partygraph serve --db /tmp/1e6.db --quiet &
//	go run ./bench/loadtest --url http://127.0.0.1:8080 --clients 8 --duration 60s
//
// It exits with status 1 if any request failed.
package main
