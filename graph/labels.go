package graph

import (
	"context"
	"database/sql"
	"fmt"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// nativeLabeler is a QuadStore that lists its labels without a scan
// (graph/kvstore reads them from its counters).
type nativeLabeler interface {
	Labels(ctx context.Context) ([]quad.Value, error)
	FirstLabels(ctx context.Context, n int) ([]quad.Value, error)
}

// Labels returns the distinct labels (source documents) of the stored quads,
// in no particular order. The embedded kv store reads them from its counters
// and the SQL backends with a loose scan of the label index; the in-memory
// store scans its quads.
func (s *Store) Labels(ctx context.Context) ([]quad.Value, error) {
	if l, ok := s.qs.(nativeLabeler); ok {
		return l.Labels(ctx)
	}
	if s.sqldb != nil {
		return s.sqlLabels(ctx)
	}
	seen := map[quad.Value]bool{}
	var out []quad.Value
	err := s.Match(ctx, nil, nil, nil, nil, func(q quad.Quad) bool {
		if q.Label != nil && !seen[q.Label] {
			seen[q.Label] = true
			out = append(out, q.Label)
		}
		return true
	})
	return out, err
}

// FirstLabels returns up to n of the distinct labels, in no particular
// order: all of them when there are at most n. The embedded kv store reads
// only as many of its counters, whatever the number of sources.
func (s *Store) FirstLabels(ctx context.Context, n int) ([]quad.Value, error) {
	if l, ok := s.qs.(nativeLabeler); ok {
		return l.FirstLabels(ctx, n)
	}
	labels, err := s.Labels(ctx)
	if n >= 0 && len(labels) > n {
		labels = labels[:n]
	}
	return labels, err
}

// LookupCost is the cost of one Match call relative to streaming one quad,
// for the SPARQL planner: 1 in memory, more on disk, most over the network.
// On the embedded store it grows with the store (see kvLookupCost).
func (s *Store) LookupCost() int {
	switch s.backend {
	case BackendMemory:
		return 1
	case BackendPostgres, BackendCockroach:
		return 64
	default:
		return kvLookupCost(s.Estimate(context.Background(), nil, nil, nil, nil))
	}
}

// kvLookupCost is the lookup cost on an embedded store of n quads: 8 below
// 10^5 quads, doubled at each power of ten from there on, at most 128. A
// lookup is a seek through more levels of tables, and misses the caches more
// often, as the store grows, while streaming a quad costs about the same:
// measured here, a random lookup cost about 25, 40 and 100 streamed triples
// at 10^5, 10^6 and 10^7 quads (docs/performance.md).
func kvLookupCost(n int64) int {
	c := 8
	for m := int64(100_000); m <= n && c < 128; m *= 10 {
		c *= 2
	}
	return c
}

// sqlLabelIndex is the index partygraph adds to Cayley's quads table, so that
// one document's quads (reload, export --graph, GRAPH <iri>) and the list of
// documents are found without a scan of the table.
const sqlLabelIndex = `CREATE INDEX IF NOT EXISTS partygraph_quads_label ON quads (label_hash)`

// sqlLabelsQuery lists the distinct labels with a loose index scan: one index
// probe per label, not one row per quad.
const sqlLabelsQuery = `
WITH RECURSIVE t AS (
	(SELECT label_hash AS h FROM quads WHERE label_hash IS NOT NULL ORDER BY label_hash LIMIT 1)
	UNION ALL
	SELECT (SELECT label_hash FROM quads WHERE label_hash > t.h ORDER BY label_hash LIMIT 1) FROM t WHERE t.h IS NOT NULL
)
SELECT h FROM t WHERE h IS NOT NULL`

// openSQLIndex opens partygraph's own connection pool to a SQL backend and
// makes sure the label index exists.
func openSQLIndex(ctx context.Context, flavor, addr string) (*sql.DB, error) {
	driver := "postgres"
	if flavor == BackendCockroach {
		driver = "pgx"
	}
	db, err := sql.Open(driver, addr)
	if err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, sqlLabelIndex); err != nil {
		db.Close()
		return nil, fmt.Errorf("label index: %w", err)
	}
	return db, nil
}

func (s *Store) sqlLabels(ctx context.Context) ([]quad.Value, error) {
	rows, err := s.sqldb.QueryContext(ctx, sqlLabelsQuery)
	if err != nil {
		return nil, fmt.Errorf("read %s: labels: %w", s.addr, err)
	}
	defer rows.Close()
	var out []quad.Value
	for rows.Next() {
		var h csql.NodeHash
		if err := rows.Scan(&h); err != nil {
			return nil, fmt.Errorf("read %s: labels: %w", s.addr, err)
		}
		if v := s.qs.NameOf(h); v != nil {
			out = append(out, v)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s: labels: %w", s.addr, err)
	}
	return out, nil
}
