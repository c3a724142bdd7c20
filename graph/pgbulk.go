package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

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
	var buf []quad.Quad
	for {
		var end error
		buf, end, err = readBatch(r, buf, batch, func(q quad.Quad, i int) error {
			return pgCheckQuad(q, n+i+1, nil)
		})
		if err != nil {
			return n, fmt.Errorf("write %s: %w", s.addr, err)
		}
		if len(buf) > 0 {
			if err := pgCopyBatch(ctx, conn, buf); err != nil {
				return n, fmt.Errorf("write %s: %w", s.addr, err)
			}
			n += len(buf)
		}
		if end == io.EOF {
			return n, nil
		} else if end != nil {
			return n, fmt.Errorf("write %s: after quad %d: %w", s.addr, n, end)
		}
	}
}

// pgCheckQuad checks quad number n of a bulk load: subject, predicate and
// object present, and when want is not nil a label in want.
func pgCheckQuad(q quad.Quad, n int, want map[quad.Value]bool) error {
	if q.Subject == nil || q.Predicate == nil || q.Object == nil {
		return fmt.Errorf("quad %d: subject, predicate and object are required", n)
	}
	if want != nil && !want[q.Label] {
		return fmt.Errorf("quad %d has label %v, which is not one of the sources being loaded", n, q.Label)
	}
	return nil
}

func pgCopyBatch(ctx context.Context, conn *sql.Conn, quads []quad.Quad) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := pgCopyStage(ctx, tx, quads, map[csql.NodeHash]bool{}, false, time.Time{}); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, pgBulkMove); err != nil {
		return fmt.Errorf("move batch into cayley's tables: %w", err)
	}
	return tx.Commit()
}

// pgCopyStage COPYs the nodes and quads of a batch into the temporary
// tables partygraph_bulk_nodes and partygraph_bulk_quads, or with direct
// the quads straight into Cayley's quads table, stamped ts. Nodes in seen
// are staged already and are skipped; the staged ones are added to it.
func pgCopyStage(ctx context.Context, tx *sql.Tx, quads []quad.Quad, seen map[csql.NodeHash]bool, direct bool, ts time.Time) error {
	col := make(map[string]int, len(pgNodeColumns))
	for i, c := range pgNodeColumns {
		col[c] = i
	}
	nodes, err := tx.PrepareContext(ctx, pq.CopyIn("partygraph_bulk_nodes", pgNodeColumns...))
	if err != nil {
		return fmt.Errorf("copy nodes: %w", err)
	}
	defer nodes.Close()
	hashes := make([]csql.NodeHash, 4*len(quads))
	for i, q := range quads {
		for j, d := range quad.Directions {
			v := q.Get(d)
			if v == nil {
				continue
			}
			h := csql.HashOf(v)
			hashes[4*i+j] = h
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
	copyIn := pq.CopyIn("partygraph_bulk_quads", "s", "p", "o", "l")
	row := make([]any, 4)
	if direct {
		copyIn = pq.CopyIn("quads", "subject_hash", "predicate_hash", "object_hash", "label_hash", "ts")
		row = append(row, ts)
	}
	qs, err := tx.PrepareContext(ctx, copyIn)
	if err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	defer qs.Close()
	for i := range quads {
		for j := range 4 {
			row[j] = nil
			if h := hashes[4*i+j]; h.Valid() {
				row[j] = h.SQLValue()
			}
		}
		if _, err := qs.ExecContext(ctx, row...); err != nil {
			return fmt.Errorf("copy quads: %w", err)
		}
	}
	if _, err := qs.ExecContext(ctx); err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	return nil
}

// The indexes and foreign keys that Cayley's PostgreSQL flavour puts on the
// quads table (cayley/graph/sql: ConditionalIndexes, FillFactor 50), and
// partygraph's label index. A large load drops them, fills the table, and
// makes them again, in its one transaction.
var (
	pgQuadConstraints = []string{"subject_hash_fk", "predicate_hash_fk", "object_hash_fk", "label_hash_fk"}
	pgQuadIndexes     = []string{"spo_unique", "spol_unique", "spo_index", "ops_index", "pos_index", "osp_index", "partygraph_quads_label"}
)

const pgQuadUniqueCreate = `
CREATE UNIQUE INDEX spo_unique ON quads (subject_hash, predicate_hash, object_hash) WHERE label_hash IS NULL;
CREATE UNIQUE INDEX spol_unique ON quads (subject_hash, predicate_hash, object_hash, label_hash) WHERE label_hash IS NOT NULL;`

const pgQuadIndexesCreate = `
CREATE INDEX spo_index ON quads (subject_hash, predicate_hash, object_hash) WITH (FILLFACTOR = 50);
CREATE INDEX ops_index ON quads (object_hash, predicate_hash, subject_hash) WITH (FILLFACTOR = 50);
CREATE INDEX pos_index ON quads (predicate_hash, object_hash, subject_hash) WITH (FILLFACTOR = 50);
CREATE INDEX osp_index ON quads (object_hash, subject_hash, predicate_hash) WITH (FILLFACTOR = 50);
` + sqlLabelIndex + `;
ALTER TABLE quads ADD CONSTRAINT subject_hash_fk FOREIGN KEY (subject_hash) REFERENCES nodes (hash);
ALTER TABLE quads ADD CONSTRAINT predicate_hash_fk FOREIGN KEY (predicate_hash) REFERENCES nodes (hash);
ALTER TABLE quads ADD CONSTRAINT object_hash_fk FOREIGN KEY (object_hash) REFERENCES nodes (hash);
ALTER TABLE quads ADD CONSTRAINT label_hash_fk FOREIGN KEY (label_hash) REFERENCES nodes (hash);`

// pgDirectNodes inserts the staged nodes of the quads a large load COPYed
// straight into the quads table (those with a horizon over %d), each with
// its number of references.
const pgDirectNodes = `
INSERT INTO nodes (refs, hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time)
	SELECT c.n, v.hash, v.value, v.value_string, v.datatype, v.language, v.iri, v.bnode, v.value_int, v.value_bool, v.value_float, v.value_time
	FROM (SELECT x.h, count(*) AS n FROM quads, LATERAL (VALUES (subject_hash), (predicate_hash), (object_hash), (label_hash)) x(h) WHERE horizon > %d GROUP BY x.h) c
	JOIN (SELECT DISTINCT ON (hash) * FROM partygraph_bulk_nodes) v ON v.hash = c.h
	ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`

// pgDirectDedup removes the second and later copies of a quad that a large
// load COPYed in more than once (a file may state a quad twice).
const pgDirectDedup = `
DELETE FROM quads q USING quads r
	WHERE q.horizon > %[1]d AND r.horizon > %[1]d AND q.horizon > r.horizon
	AND q.subject_hash = r.subject_hash AND q.predicate_hash = r.predicate_hash
	AND q.object_hash = r.object_hash AND q.label_hash = r.label_hash`

// pgSourcesMove moves the staged quads of new sources into Cayley's tables:
// no stored quad can equal one of them (their labels are new), so every
// distinct staged quad is inserted, and each node is inserted with its
// number of references, or has them added when it is stored already.
const pgSourcesMove = `
CREATE TEMP TABLE IF NOT EXISTS partygraph_bulk_distinct (s BYTEA, p BYTEA, o BYTEA, l BYTEA) ON COMMIT DELETE ROWS;
INSERT INTO partygraph_bulk_distinct SELECT DISTINCT s, p, o, l FROM partygraph_bulk_quads;
INSERT INTO nodes (refs, hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time)
	SELECT c.n, v.hash, v.value, v.value_string, v.datatype, v.language, v.iri, v.bnode, v.value_int, v.value_bool, v.value_float, v.value_time
	FROM (SELECT x.h, count(*) AS n FROM partygraph_bulk_distinct, LATERAL (VALUES (s), (p), (o), (l)) x(h) GROUP BY x.h) c
	JOIN (SELECT DISTINCT ON (hash) * FROM partygraph_bulk_nodes) v ON v.hash = c.h
	ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs;
INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
	SELECT s, p, o, l, now() FROM partygraph_bulk_distinct;`

// pgMaxSeen bounds the set of nodes a bulk load remembers having staged
// (about 50 bytes an entry): past it, nodes may be staged again, which the
// move's DISTINCT ON absorbs.
const pgMaxSeen = 1 << 20

// pgDropIndexesAt is the smallest load, in quads, for which dropping and
// rebuilding the quads table's indexes pays, when the load is also at
// least a quarter of what the table holds.
const pgDropIndexesAt = 50_000

// pgBulkSession gives a bulk load's session the memory to keep its
// temporary tables, sorts and hashes off the disk (PostgreSQL's defaults are
// 8 MB and 4 MB).
const pgBulkSession = `SET temp_buffers = '256MB'; SET work_mem = '256MB';`

// bulkLoadSourcesPostgres stores the quads of new sources (labels in want)
// in one transaction: COPY into temporary tables, batch by batch, then one
// move into Cayley's tables, with the quads table's indexes and foreign keys
// dropped and rebuilt around it when the load is large. It reports the
// quads read and added.
func (s *Store) bulkLoadSourcesPostgres(ctx context.Context, want map[quad.Value]bool, r quad.Reader, opt BulkOptions) (int, int, error) {
	// A connection of its own: temp_buffers can be set only before a
	// session touches a temporary table.
	db, err := sql.Open("postgres", s.dsn)
	if err != nil {
		return 0, 0, fmt.Errorf("write %s: %w", s.addr, err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("write %s: %w", s.addr, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, pgBulkSession+pgBulkTables); err != nil {
		return 0, 0, fmt.Errorf("write %s: bulk tables: %w", s.addr, err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("write %s: %w", s.addr, err)
	}
	defer tx.Rollback()
	var stored float64
	if err := tx.QueryRowContext(ctx, `SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'quads'::regclass`).Scan(&stored); err != nil {
		return 0, 0, fmt.Errorf("write %s: size of quads: %w", s.addr, err)
	}
	rebuild := opt.Quads >= pgDropIndexesAt && float64(opt.Quads)*4 >= stored
	var horizon int64 // the quads COPYed straight into the table are those above it
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(horizon), 0) FROM quads`).Scan(&horizon); err != nil {
		return 0, 0, fmt.Errorf("write %s: %w", s.addr, err)
	}
	ts := time.Now()
	seen := map[csql.NodeHash]bool{} // nodes staged by earlier batches of this transaction
	if rebuild {
		if _, err := tx.ExecContext(ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
			return 0, 0, fmt.Errorf("write %s: %w", s.addr, err)
		}
		for _, c := range pgQuadConstraints {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE quads DROP CONSTRAINT IF EXISTS `+c); err != nil {
				return 0, 0, fmt.Errorf("write %s: drop %s: %w", s.addr, c, err)
			}
		}
		for _, x := range pgQuadIndexes {
			if _, err := tx.ExecContext(ctx, `DROP INDEX IF EXISTS `+x); err != nil {
				return 0, 0, fmt.Errorf("write %s: drop %s: %w", s.addr, x, err)
			}
		}
	}
	n := 0
	var buf []quad.Quad
	for {
		var end error
		buf, end, err = readBatch(r, buf, opt.Batch, func(q quad.Quad, i int) error {
			return pgCheckQuad(q, n+i+1, want)
		})
		if err != nil {
			return 0, 0, fmt.Errorf("write %s: %w", s.addr, err)
		}
		if len(buf) > 0 {
			if len(seen) > pgMaxSeen {
				clear(seen)
			}
			if err := pgCopyStage(ctx, tx, buf, seen, rebuild, ts); err != nil {
				return 0, 0, fmt.Errorf("write %s: %w", s.addr, err)
			}
			n += len(buf)
		}
		if end == io.EOF {
			break
		} else if end != nil {
			return 0, 0, fmt.Errorf("write %s: after quad %d: %w", s.addr, n, end)
		}
	}
	added, err := s.pgMoveSources(ctx, tx, rebuild, horizon)
	if err != nil {
		return 0, 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, fmt.Errorf("write %s: %w", s.addr, err)
	}
	if _, err := conn.ExecContext(ctx, `ANALYZE quads; ANALYZE nodes`); err != nil {
		return 0, 0, fmt.Errorf("write %s: analyze: %w", s.addr, err)
	}
	return n, added, nil
}

// pgMoveSources puts the staged quads and nodes of new sources into Cayley's
// tables and reports how many quads it added. With rebuild, the quads are in
// the quads table already (above horizon) and its indexes and foreign keys
// are dropped: it removes repeated quads when the unique index finds some,
// inserts the nodes, and builds the rest.
func (s *Store) pgMoveSources(ctx context.Context, tx *sql.Tx, rebuild bool, horizon int64) (int, error) {
	var added int
	if !rebuild {
		if _, err := tx.ExecContext(ctx, pgSourcesMove); err != nil {
			return 0, fmt.Errorf("write %s: move into cayley's tables: %w", s.addr, err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM partygraph_bulk_distinct`).Scan(&added); err != nil {
			return 0, fmt.Errorf("write %s: %w", s.addr, err)
		}
		return added, nil
	}
	if _, err := tx.ExecContext(ctx, `SAVEPOINT partygraph_unique`); err != nil {
		return 0, fmt.Errorf("write %s: %w", s.addr, err)
	}
	if _, err := tx.ExecContext(ctx, pgQuadUniqueCreate); err != nil {
		var pe *pq.Error
		if !errors.As(err, &pe) || pe.Code != "23505" { // unique_violation
			return 0, fmt.Errorf("write %s: rebuild indexes: %w", s.addr, err)
		}
		if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT partygraph_unique`); err != nil {
			return 0, fmt.Errorf("write %s: %w", s.addr, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(pgDirectDedup, horizon)); err != nil {
			return 0, fmt.Errorf("write %s: remove repeated quads: %w", s.addr, err)
		}
		if _, err := tx.ExecContext(ctx, pgQuadUniqueCreate); err != nil {
			return 0, fmt.Errorf("write %s: rebuild indexes: %w", s.addr, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(pgDirectNodes, horizon)); err != nil {
		return 0, fmt.Errorf("write %s: insert nodes: %w", s.addr, err)
	}
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM quads WHERE horizon > %d`, horizon)).Scan(&added); err != nil {
		return 0, fmt.Errorf("write %s: %w", s.addr, err)
	}
	if _, err := tx.ExecContext(ctx, pgQuadIndexesCreate); err != nil {
		return 0, fmt.Errorf("write %s: rebuild indexes: %w", s.addr, err)
	}
	return added, nil
}
