package graph

import (
	"context"
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

	// Cayley's SQL flavours register themselves with the sql package; the
	// registration is Cayley's pattern, used here and nowhere else.
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
)

// Backend names, as Store.Backend reports them.
const (
	BackendBolt      = "bolt"
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
	addr    string // the --db value, with any password removed

	// mu serialises writers, and also guards readers on backends that are not
	// safe for concurrent reads and writes (memstore).
	mu sync.RWMutex
}

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
//	bolt:PATH, or a plain PATH an embedded bolt store in the directory PATH
//
// Nothing outside this package knows which backend a Store uses.
func Open(ctx context.Context, db string, opt Options) (*Store, error) {
	if db == "" {
		db = DefaultDB
	}
	switch scheme := schemeOf(db); scheme {
	case "mem", "memory":
		return &Store{qs: memstore.New(), backend: BackendMemory, addr: "mem:"}, nil
	case "postgres", "postgresql":
		return openSQL(BackendPostgres, db)
	case "cockroach", "cockroachdb":
		// Cayley's cockroach flavour speaks PostgreSQL's wire protocol through pgx.
		return openSQL(BackendCockroach, "postgresql"+db[len(scheme):])
	case "bolt", "file":
		return openBolt(strings.TrimPrefix(strings.TrimPrefix(db, scheme+"://"), scheme+":"), opt)
	case "":
		return openBolt(db, opt)
	default:
		return nil, fmt.Errorf("open %s: unknown store scheme %q (use a path, bolt:PATH, mem: or postgres://…)", redact(db), scheme)
	}
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
	file := filepath.Join(dir, "indexes.bolt")
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
	return &Store{qs: qs, backend: flavor, addr: redact(addr)}, nil
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
	return s.qs.Close()
}
