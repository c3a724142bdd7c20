package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	csql "github.com/cayleygraph/cayley/graph/sql"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/partygraph/partygraph/graph/kvstore"

	// Cayley's SQL flavours register themselves with the sql package; the
	// registration is Cayley's pattern, used here and nowhere else.
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
)

// Backend names, as Store.Backend reports them.
const (
	BackendBolt      = "bolt"       // Cayley's own kv layout on bolt (stores made before the kv layout)
	BackendKVBolt    = "kv-bolt"    // partygraph's kv layout (graph/kvstore) on bolt
	BackendKVLevelDB = "kv-leveldb" // partygraph's kv layout on LevelDB
	BackendMemory    = "memory"
	BackendPostgres  = "postgres"
	BackendCockroach = "cockroach"
)

// DefaultDB is the store used when no --db is given.
const DefaultDB = "./partygraph.db"

// ErrInUse is returned (wrapped) by Open when another process holds the
// embedded store.
var ErrInUse = errors.New("store is in use by another process")

// Store is partygraph's quad store: a Cayley QuadStore plus the
// provenance-aware operations the rest of partygraph uses. Its methods are
// safe for concurrent use; writes are serialised.
type Store struct {
	qs      cgraph.QuadStore
	backend string
	addr    string  // the --db value, with any password removed
	dsn     string  // the connection URL of a SQL backend, password and all
	sqldb   *sql.DB // partygraph's own pool to a SQL backend (label index, COPY)

	// mu serialises writers, and also guards readers on backends that are not
	// safe for concurrent reads and writes (memstore, see lockReads).
	mu sync.RWMutex
}

// lockReads reports whether readers must hold mu: only Cayley's memstore is
// unsafe to read while it is written. The other backends read in their own
// transactions and never take mu, so a reader nested in another reader's
// callback cannot deadlock behind a waiting writer.
func (s *Store) lockReads() bool { return s.backend == BackendMemory }

// Options are the settings of Open.
type Options struct {
	// LockTimeout is how long Open waits for another process to release an
	// embedded store before it gives up with ErrInUse. Zero means one second.
	LockTimeout time.Duration
}

// Open opens (creating on first use) the store named by db:
//
//	mem:                       an empty in-memory store
//	postgres://user@host/db    Cayley's SQL backend on PostgreSQL
//	cockroach://user@host/db   the same backend in its CockroachDB flavour
//	PATH                       an embedded store in the directory PATH, in the
//	                           layout found there, or for a new store
//	                           partygraph's kv layout on DefaultEngine
//	leveldb:PATH, bolt:PATH    the same, choosing the engine of a new store
//	kv:PATH                    the same as a plain PATH
//	cayley-bolt:PATH           Cayley's own kv layout on bolt (for comparisons)
//
// A directory made by an older partygraph (Cayley's kv layout in
// indexes.bolt) keeps opening in that layout.
//
// Nothing outside this package knows which backend a Store uses.
func Open(ctx context.Context, db string, opt Options) (*Store, error) {
	if db == "" {
		db = DefaultDB
	}
	path := func(scheme string) string {
		return strings.TrimPrefix(strings.TrimPrefix(db, scheme+"://"), scheme+":")
	}
	switch scheme := schemeOf(db); scheme {
	case "mem", "memory":
		return &Store{qs: memstore.New(), backend: BackendMemory, addr: "mem:"}, nil
	case "postgres", "postgresql":
		return openSQL(BackendPostgres, db)
	case "cockroach", "cockroachdb":
		// Cayley's cockroach flavour speaks PostgreSQL's wire protocol through pgx.
		return openSQL(BackendCockroach, "postgresql"+db[len(scheme):])
	case "cayley-bolt":
		return openBolt(path(scheme), opt)
	case "bolt":
		return openDir(path(scheme), kvstore.EngineBolt, opt)
	case "leveldb":
		return openDir(path(scheme), kvstore.EngineLevelDB, opt)
	case "kv", "file":
		return openDir(path(scheme), "", opt)
	case "":
		return openDir(db, "", opt)
	default:
		return nil, fmt.Errorf("open %s: unknown store scheme %q (use a path, leveldb:PATH, bolt:PATH, mem:, postgres://… or cockroach://…)", redact(db), scheme)
	}
}

// DefaultEngine is the engine of a new embedded store: LevelDB, which
// measured smaller on disk and faster to load than bolt with the same layout
// (docs/performance.md, "Store").
const DefaultEngine = kvstore.EngineLevelDB

// cayleyBoltFile is the file of Cayley's kv layout on bolt in a store directory.
const cayleyBoltFile = "indexes.bolt"

// openDir opens the embedded store in dir: Cayley's kv layout when the
// directory holds one, otherwise partygraph's kv layout on the engine found
// there, or on engine (DefaultEngine when empty) for a new store.
func openDir(dir, engine string, opt Options) (*Store, error) {
	if dir == "" {
		return nil, fmt.Errorf("open store: empty path")
	}
	if _, err := os.Stat(filepath.Join(dir, cayleyBoltFile)); err == nil {
		if engine == kvstore.EngineLevelDB {
			return nil, fmt.Errorf("open %s: the directory holds a bolt store (Cayley's layout), not LevelDB", dir)
		}
		return openBolt(dir, opt)
	}
	if engine == "" && kvstore.Detect(dir) == "" {
		engine = DefaultEngine
	}
	ks, err := kvstore.Open(dir, kvstore.Options{Engine: engine, LockTimeout: opt.LockTimeout})
	if errors.Is(err, kvstore.ErrInUse) {
		return nil, fmt.Errorf("open %s: %w", dir, ErrInUse)
	} else if err != nil {
		return nil, err
	}
	backend := BackendKVLevelDB
	if ks.Engine() == kvstore.EngineBolt {
		backend = BackendKVBolt
	}
	return &Store{qs: ks, backend: backend, addr: dir}, nil
}

// schemeOf returns the URL scheme of db, or "" when db is a plain path.
func schemeOf(db string) string {
	i := strings.Index(db, ":")
	if i <= 1 { // no colon, or a Windows drive letter
		return ""
	}
	s := db[:i]
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return ""
		}
	}
	return strings.ToLower(s)
}

func openBolt(dir string, opt Options) (*Store, error) {
	if dir == "" {
		return nil, fmt.Errorf("open bolt store: empty path")
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("open %s: not a partygraph store (a store is a directory)", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	timeout := opt.LockTimeout
	if timeout == 0 {
		timeout = time.Second
	}
	file := filepath.Join(dir, cayleyBoltFile)
	db, err := hbolt.Open(file, &bolt.Options{Timeout: timeout})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w", dir, ErrInUse)
	} else if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	if err := kv.Init(db, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		db.Close()
		return nil, fmt.Errorf("open %s: initialise: %w", dir, err)
	}
	qs, err := kv.New(db, nil)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	return &Store{qs: qs, backend: BackendBolt, addr: dir}, nil
}

func openSQL(flavor, addr string) (*Store, error) {
	if err := csql.Init(flavor, addr, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, fmt.Errorf("open %s: initialise: %w", redact(addr), err)
	}
	qs, err := csql.New(flavor, addr, nil)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", redact(addr), err)
	}
	db, err := openSQLIndex(context.Background(), flavor, addr)
	if err != nil {
		qs.Close()
		return nil, fmt.Errorf("open %s: %w", redact(addr), err)
	}
	return &Store{qs: qs, backend: flavor, addr: redact(addr), dsn: addr, sqldb: db}, nil
}

// redact removes a password from a connection URL, for messages and logs.
func redact(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.User == nil {
		return addr
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Backend reports which backend the store uses (BackendBolt, ...). It is for
// messages and diagnostics only.
func (s *Store) Backend() string { return s.backend }

// Addr reports where the store is, with any password removed.
func (s *Store) Addr() string { return s.addr }

// QuadStore returns the underlying Cayley QuadStore, for Cayley's own query
// languages (Gizmo). Callers must not write through it.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// Close closes the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sqldb != nil {
		s.sqldb.Close()
	}
	return s.qs.Close()
}
