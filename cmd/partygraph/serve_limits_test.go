package main

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const serveFixture = "../../internal/server/testdata/fixture.nq"

// get sends GET base+target (or POST with body, if not empty) and returns
// the status and body.
func get(t *testing.T, base, target, ctype, body string) (int, string) {
	t.Helper()
	method, r := "GET", io.Reader(nil)
	if body != "" {
		method, r = "POST", strings.NewReader(body)
	}
	req, err := http.NewRequest(method, base+target, r)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func sparqlTarget(q string) string { return "/sparql?query=" + url.QueryEscape(q) }

// TestServeLimitFlags checks that the limit flags reach the server.
func TestServeLimitFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db") // the embedded store: Cayley's memstore races under concurrent queries
	base, _, stop := startServe(t, "--db", db, "--load", serveFixture, "--quiet",
		"--timeout", "400ms", "--max-rows", "3", "--max-queries", "1", "--max-intermediate", "100", "--max-body", "200")
	defer stop()
	cartesian := "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o"
	tests := []struct {
		name, target, ctype, body string
		status                    int
		msg                       string
	}{
		{"max-rows", sparqlTarget("SELECT * WHERE { ?s ?p ?o }"), "", "", 400, "more than 3 rows"},
		{"timeout", sparqlTarget("SELECT (COUNT(*) AS ?n) WHERE { " + cartesian + " }"), "", "", 503, "time limit of 400ms"},
		{"max-intermediate", sparqlTarget("SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f"), "", "", 400, "more than 100 solutions in memory"},
		{"max-body", "/sparql", "application/sparql-query", "ASK {} #" + strings.Repeat("x", 300), 413, "over the limit of 200 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := get(t, base, tc.target, tc.ctype, tc.body)
			if status != tc.status || !strings.Contains(body, tc.msg) {
				t.Errorf("status %d %s, want %d with %q", status, body, tc.status, tc.msg)
			}
		})
	}
	t.Run("max-queries", func(t *testing.T) {
		heavy := make(chan string, 1)
		go func() {
			for {
				res, err := http.Get(base + sparqlTarget("SELECT (COUNT(*) AS ?n) WHERE { "+cartesian+" }"))
				if err != nil {
					heavy <- err.Error()
					return
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				// An ASK below may take the slot first: then this query is
				// the one answered busy, and asks again.
				if res.StatusCode == 503 && strings.Contains(string(b), "busy") {
					continue
				}
				heavy <- fmt.Sprint("status ", res.StatusCode)
				return
			}
		}()
		// While the heavy query holds the only slot, a query is busy.
		deadline := time.Now().Add(time.Minute)
		for {
			if time.Now().After(deadline) {
				t.Fatal("no query was answered busy in a minute")
			}
			status, body := get(t, base, sparqlTarget("ASK {}"), "", "")
			if status == 503 && strings.Contains(body, "busy: 1 queries are running") {
				break
			}
			select {
			case r := <-heavy:
				t.Fatalf("the heavy query ended (%s) and no query was answered busy meanwhile", r)
			default:
			}
		}
		<-heavy
	})
	t.Run("query-memory", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "db")
		base, _, stop := startServe(t, "--db", db, "--load", serveFixture, "--quiet", "--timeout", "2m", "--query-memory", "32")
		defer stop()
		hog := `var a = [], s = "x"; for (var i = 0; i < 20; i++) { s += s }; while (true) { a.push(s + a.length) }`
		status, body := get(t, base, "/gizmo", "text/plain", hog)
		if status != 503 || !strings.Contains(body, "memory grew by more than 32 MiB") {
			t.Errorf("status %d %s, want 503 with the memory limit", status, body)
		}
	})
}

// TestServeLogsNoSecrets checks that the password of a PostgreSQL URL in
// --db is in neither the messages of a failed start nor the logs of a
// server at work.
func TestServeLogsNoSecrets(t *testing.T) {
	const pw = "s3cr3t-pw"
	for _, db := range []string{
		"postgres://pguser:" + pw + "@127.0.0.1:1/nodb?sslmode=disable", // nobody listens on port 1
		"postgresql://pguser:" + pw + "@127.0.0.1:1/nodb",
		"postgres://pguser:" + pw + "%zz@127.0.0.1:1/nodb", // not a URL: a bad escape
		"postgres://pguser:" + pw + " x@127.0.0.1:1/nodb",  // nor this: a space
		"postgres://pguser:" + url.PathEscape(pw+"/@") + "@127.0.0.1:1/nodb",
	} {
		t.Run(db, func(t *testing.T) {
			_, stderr, err := cli(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
			if err == nil {
				t.Fatalf("serve started on a closed port")
			}
			if strings.Contains(err.Error(), pw) || strings.Contains(stderr, pw) {
				t.Errorf("the password is in the error %q or in stderr %q", err, stderr)
			}
		})
	}

	admin := os.Getenv("PARTYGRAPH_TEST_POSTGRES")
	if admin == "" {
		t.Skip("PARTYGRAPH_TEST_POSTGRES is not set: no PostgreSQL server to serve from (.ci/run starts one)")
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	sqldb, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer sqldb.Close()
	name := fmt.Sprintf("servelog_%d", os.Getpid())
	if _, err := sqldb.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
		t.Fatal(err)
	}
	if _, err := sqldb.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	defer sqldb.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	u.User = url.UserPassword(u.User.Username(), pw) // the test server trusts loopback: any password does
	u.Path = "/" + name
	base, stderr, stop := startServe(t, "--db", u.String(), "--load", serveFixture)
	for _, target := range []string{"/api/search?q=xi", sparqlTarget("ASK { ?s ?p ?o }"), "/api/sources", "/nope"} {
		get(t, base, target, "", "")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	log := stderr.String()
	if strings.Contains(log, pw) {
		t.Errorf("the password is in the log:\n%s", log)
	}
	if !strings.Contains(log, "serving postgres://") || !strings.Contains(log, "path=/api/search") {
		t.Errorf("the log lacks the startup or request lines:\n%s", log)
	}
}

// FuzzRedactError checks that no password of a postgres:// --db value
// survives in the error of a failed start, however the URL is broken.
func FuzzRedactError(f *testing.F) {
	for _, s := range [][2]string{{"s3cr3t", "127.0.0.1:1/db"}, {"p%zz", "h/db"}, {"a b", "h"}, {"p@ss:w/rd", "h:5432/db?sslmode=disable"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pw, rest string) {
		if pw == "" || strings.Contains("xxxxx", pw) || strings.Contains(rest, "@") {
			return // nothing to hide, or a password the mask itself contains
		}
		db := "postgres://user:" + pw + "@" + rest
		err := redactError(fmt.Errorf("open %s: parse %q: bad", db, db), db)
		quoted := strings.Trim(strconv.Quote(pw), `"`)
		if strings.Contains(err.Error(), pw) || strings.Contains(err.Error(), quoted) && !strings.Contains("xxxxx", quoted) {
			t.Errorf("password %q in %q", pw, err)
		}
	})
}
