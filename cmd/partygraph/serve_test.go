package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// lockedBuffer is a bytes.Buffer safe for one writer and one reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var servingRx = regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)/ `)

// startServe runs `partygraph serve` in-process on a free loopback port and
// returns its base URL, its stderr, and a function that stops it (as
// Ctrl-C does) and returns runServe's error.
func startServe(t *testing.T, args ...string) (string, *lockedBuffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), &stdout, &stderr)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := servingRx.FindStringSubmatch(stderr.String()); m != nil {
			stop := func() error {
				cancel()
				select {
				case err := <-done:
					return err
				case <-time.After(15 * time.Second):
					t.Fatal("serve did not stop within 15s of the signal")
					return nil
				}
			}
			t.Cleanup(func() { cancel() })
			return m[1], &stderr, stop
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve exited early: %v\n%s", err, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start:\n%s", stderr.String())
		}
	}
}

func TestServe(t *testing.T) {
	base, stderr, stop := startServe(t, "--db", "mem:", "--load", "../../internal/server/testdata/fixture.nq")
	res, err := http.Get(base + "/api/search?q=" + "%E4%B9%A0%E8%BF%91%E5%B9%B3") // 习近平
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Results []struct{ IRI string }
	}
	json.NewDecoder(res.Body).Decode(&got)
	res.Body.Close()
	if len(got.Results) == 0 || got.Results[0].IRI != "https://w3id.org/partygraph/id/person/xi-jinping" {
		t.Errorf("search after --load: %+v", got.Results)
	}
	req, _ := http.NewRequest("POST", base+"/sparql", strings.NewReader("SELECT ?m WHERE { ?m a pg:Meeting } ORDER BY ?m"))
	req.Header.Set("Content-Type", "application/sparql-query")
	req.Header.Set("Accept", "text/csv")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if want := "m\r\nhttps://w3id.org/partygraph/id/meeting/hlm-2017\r\nhttps://w3id.org/partygraph/id/meeting/hlm-2023\r\n"; string(body) != want {
		t.Errorf("SPARQL answer %q, want %q", body, want)
	}
	// Header limit: a request with 100 KiB of headers is refused.
	req, _ = http.NewRequest("GET", base+"/api/sources", nil)
	req.Header.Set("X-Big", strings.Repeat("x", 100<<10))
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("100 KiB of headers: status %d, want 431", res.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatalf("serve returned %v after the signal", err)
	}
	log := stderr.String()
	for _, want := range []string{"loaded ../../internal/server/testdata/fixture.nq", "path=/api/search status=200", "path=/sparql status=200", "stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("stderr lacks %q:\n%s", want, log)
		}
	}
	if _, err := http.Get(base + "/"); err == nil {
		t.Errorf("the server still answers after it stopped")
	}
}

func TestServeUsage(t *testing.T) {
	_, stderr, err := cli(t, "serve", "--help")
	if !errors.Is(err, pflag.ErrHelp) || !strings.HasPrefix(stderr, "Serve the SPARQL endpoint") || !strings.Contains(stderr, "Examples:") {
		t.Errorf("help: %v\n%s", err, stderr)
	}
	if _, _, err := cli(t, "serve", "--db", "mem:", "stray"); err == nil || !strings.Contains(err.Error(), "use --load") {
		t.Errorf("stray argument: %v", err)
	}
	if _, _, err := cli(t, "serve", "--db", "mem:", "--addr", "256.0.0.1:99999"); err == nil {
		t.Errorf("bad address accepted")
	}
}
