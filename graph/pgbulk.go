package graph

import (
	"context"
	"database/sql"
	"fmt"
	"io"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// Bulk loading into Cayley's SQL tables on PostgreSQL. Cayley writes one
// INSERT per node and per quad; this path COPYs a batch of nodes and quads
// into temporary tables and moves them into Cayley's nodes and quads tables
// with three set-based statements, in one transaction per batch. Rows are
// written exactly as Cayley writes them (csql.HashOf, csql.NodeValues), so
// Cayley's store reads them back unchanged, and nodes.refs counts the quads
// actually inserted.

// pgNodeColumns are the columns of Cayley's nodes table a value may fill.
var pgNodeColumns = []string{"hash", "value", "value_string", "datatype", "language", "iri", "bnode", "value_int", "value_bool", "value_float", "value_time"}

const pgBulkTables = `
CREATE TEMP TABLE IF NOT EXISTS partygraph_bulk_nodes (
	hash BYTEA, value BYTEA, value_string TEXT, datatype TEXT, language TEXT, iri BOOLEAN, bnode BOOLEAN,
	value_int BIGINT, value_bool BOOLEAN, value_float DOUBLE PRECISION, value_time TIMESTAMP WITH TIME ZONE
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS partygraph_bulk_quads (s BYTEA, p BYTEA, o BYTEA, l BYTEA) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS partygraph_bulk_added (h BYTEA) ON COMMIT DELETE ROWS;`

const pgBulkMove = `
INSERT INTO nodes (refs, hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time)
	SELECT DISTINCT ON (hash) 0, hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time
	FROM partygraph_bulk_nodes
	ON CONFLICT (hash) DO NOTHING;
WITH ins AS (
	INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
	SELECT DISTINCT s, p, o, l, now() FROM partygraph_bulk_quads
	ON CONFLICT DO NOTHING
	RETURNING subject_hash, predicate_hash, object_hash, label_hash
)
INSERT INTO partygraph_bulk_added
	SELECT subject_hash FROM ins
	UNION ALL SELECT predicate_hash FROM ins
	UNION ALL SELECT object_hash FROM ins
	UNION ALL SELECT label_hash FROM ins WHERE label_hash IS NOT NULL;
ANALYZE partygraph_bulk_added;
UPDATE nodes SET refs = nodes.refs + a.c
	FROM (SELECT h, count(*) AS c FROM partygraph_bulk_added GROUP BY h) a
	WHERE nodes.hash = a.h;
DELETE FROM nodes WHERE refs = 0 AND hash IN (SELECT hash FROM partygraph_bulk_nodes);`

// bulkLoadPostgres reads quads from r until io.EOF and stores them, batch
// quads per transaction, through one connection of its own.
func (s *Store) bulkLoadPostgres(ctx context.Context, r quad.Reader, batch int) (int, error) {
	db, err := sql.Open("postgres", s.dsn)
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", s.addr, err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", s.addr, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, pgBulkTables); err != nil {
		return 0, fmt.Errorf("write %s: bulk tables: %w", s.addr, err)
	}
	n := 0
	buf := make([]quad.Quad, 0, batch)
	for {
		buf = buf[:0]
		var rerr error
		for len(buf) < batch {
			q, err := r.ReadQuad()
			if err != nil {
				rerr = err
				break
			}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				return n, fmt.Errorf("write %s: quad %d: subject, predicate and object are required", s.addr, n+len(buf)+1)
			}
			buf = append(buf, q)
		}
		if len(buf) > 0 {
			if err := pgCopyBatch(ctx, conn, buf); err != nil {
				return n, fmt.Errorf("write %s: %w", s.addr, err)
			}
			n += len(buf)
		}
		if rerr == io.EOF {
			return n, nil
		} else if rerr != nil {
			return n, fmt.Errorf("write %s: after quad %d: %w", s.addr, n, rerr)
		}
	}
}

func pgCopyBatch(ctx context.Context, conn *sql.Conn, quads []quad.Quad) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	col := make(map[string]int, len(pgNodeColumns))
	for i, c := range pgNodeColumns {
		col[c] = i
	}
	nodes, err := tx.PrepareContext(ctx, pq.CopyIn("partygraph_bulk_nodes", pgNodeColumns...))
	if err != nil {
		return fmt.Errorf("copy nodes: %w", err)
	}
	seen := make(map[csql.NodeHash]bool)
	for _, q := range quads {
		for _, d := range quad.Directions {
			v := q.Get(d)
			if v == nil {
				continue
			}
			h := csql.HashOf(v)
			if seen[h] {
				continue
			}
			seen[h] = true
			typ, vals, err := csql.NodeValues(h, v)
			if err != nil {
				return fmt.Errorf("value %v: %w", v, err)
			}
			row := make([]any, len(pgNodeColumns))
			row[0] = vals[0]
			for i, c := range typ.Columns() {
				row[col[c]] = vals[1+i]
			}
			if _, err := nodes.ExecContext(ctx, row...); err != nil {
				return fmt.Errorf("copy nodes: %w", err)
			}
		}
	}
	if _, err := nodes.ExecContext(ctx); err != nil {
		return fmt.Errorf("copy nodes: %w", err)
	}
	nodes.Close()
	qs, err := tx.PrepareContext(ctx, pq.CopyIn("partygraph_bulk_quads", "s", "p", "o", "l"))
	if err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	for _, q := range quads {
		row := make([]any, 4)
		for i, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				row[i] = csql.HashOf(v).SQLValue()
			}
		}
		if _, err := qs.ExecContext(ctx, row...); err != nil {
			return fmt.Errorf("copy quads: %w", err)
		}
	}
	if _, err := qs.ExecContext(ctx); err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	qs.Close()
	if _, err := tx.ExecContext(ctx, pgBulkMove); err != nil {
		return fmt.Errorf("move batch into cayley's tables: %w", err)
	}
	return tx.Commit()
}
