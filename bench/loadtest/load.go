package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Config describes one load test.
type Config struct {
	URL      string        // base URL of the server, e.g. http://127.0.0.1:8080
	Clients  int           // concurrent clients, each with one request at a time
	Duration time.Duration // how long the clients send requests
	Timeout  time.Duration // per request; 0 means one minute
	Seed     uint64        // the same seed gives the same sequence of requests per client
	Targets  int           // how many meetings and people to discover; 0 means 500
	Client   *http.Client  // nil means a client with keep-alive connections for every client
}

// Kind is a kind of request of the mix.
type Kind struct {
	Name   string
	Weight int // relative frequency in the mix
	// build returns the request of one draw.
	build func(t *targets, r *rand.Rand) request
	// check reports whether a 200 answer is well-formed.
	check func(req request, contentType string, body []byte) error
}

// request is one request of the mix, before it is sent.
type request struct {
	method, path string
	query        url.Values
	accept       string
	ctype        string
	body         string
	// want is what check expects, e.g. the IRI an entity answer must name.
	want string
}

// KindStats is what happened to the requests of one kind.
type KindStats struct {
	Kind     string
	OK       int           // well-formed 200 answers
	Busy     int           // 503 "busy" answers
	Errors   int           // everything else: transport errors, other statuses, malformed answers
	P50, P99 time.Duration // latency of the OK answers
	Max      time.Duration
	Bytes    int64 // of the OK answers' bodies
}

// Report is the outcome of a load test.
type Report struct {
	Clients  int
	Duration time.Duration // measured, from the first request to the last answer
	Kinds    []KindStats   // in the order of the mix
	Total    KindStats     // all kinds together (Kind "all")
	// Samples holds up to ten error messages, for the person reading the report.
	Samples []string
}

// Throughput is the answered requests (OK and busy) per second.
func (r *Report) Throughput() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.Total.OK+r.Total.Busy) / r.Duration.Seconds()
}

// targets are the entities the requests name, found by discover.
type targets struct {
	meetings []string // IRIs of meetings that have a series
	series   []string // IRIs of meeting series
	people   []string // IRIs of people with a label
	prefixes []string // search texts: starts of people's labels
}

// sample is the outcome of one request.
type sample struct {
	kind    int
	status  int // 0 for a transport error
	busy    bool
	err     error
	latency time.Duration
	bytes   int
}

// Run discovers targets on the server, then runs cfg.Clients clients for
// cfg.Duration and returns what happened. It fails only if the server
// cannot be used at all (discovery fails); failed requests are counted in
// the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Clients <= 0 {
		return nil, fmt.Errorf("loadtest: %d clients: want at least one", cfg.Clients)
	}
	if cfg.Duration <= 0 {
		return nil, fmt.Errorf("loadtest: duration %s: want more than zero", cfg.Duration)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = time.Minute
	}
	if cfg.Targets <= 0 {
		cfg.Targets = 500
	}
	cfg.URL = strings.TrimSuffix(cfg.URL, "/")
	client := cfg.Client
	if client == nil {
		client = &http.Client{Transport: &http.Transport{
			MaxIdleConns:        cfg.Clients * 2,
			MaxIdleConnsPerHost: cfg.Clients * 2,
			IdleConnTimeout:     time.Minute,
		}}
		defer client.CloseIdleConnections()
	}
	t, err := discover(ctx, client, cfg)
	if err != nil {
		return nil, err
	}
	kinds := Mix()
	var wheel []int // kind indexes, each repeated by its weight
	for i, k := range kinds {
		for range k.Weight {
			wheel = append(wheel, i)
		}
	}

	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	samples := make([][]sample, cfg.Clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(cfg.Seed, uint64(c)))
			// Kinds are dealt from a shuffled deck of the wheel, so that
			// every len(wheel) requests of a client follow the weights exactly.
			deck := slices.Clone(wheel)
			for i := 0; runCtx.Err() == nil; i++ {
				if i%len(deck) == 0 {
					r.Shuffle(len(deck), func(a, b int) { deck[a], deck[b] = deck[b], deck[a] })
				}
				ki := deck[i%len(deck)]
				req := kinds[ki].build(t, r)
				s := send(ctx, client, cfg, req, kinds[ki])
				s.kind = ki
				samples[c] = append(samples[c], s)
			}
		}()
	}
	wg.Wait()
	rep := &Report{Clients: cfg.Clients, Duration: time.Since(start)}
	var all []sample
	for _, ss := range samples {
		all = append(all, ss...)
	}
	for i, k := range kinds {
		rep.Kinds = append(rep.Kinds, summarise(k.Name, all, func(s sample) bool { return s.kind == i }))
	}
	rep.Total = summarise("all", all, func(sample) bool { return true })
	for _, s := range all {
		if s.err != nil && !s.busy && len(rep.Samples) < 10 {
			rep.Samples = append(rep.Samples, kinds[s.kind].Name+": "+s.err.Error())
		}
	}
	return rep, nil
}

// summarise counts the samples that keep selects, with the latency
// percentiles of the OK ones.
func summarise(name string, all []sample, keep func(sample) bool) KindStats {
	ks := KindStats{Kind: name}
	var lat []time.Duration
	for _, s := range all {
		if !keep(s) {
			continue
		}
		switch {
		case s.busy:
			ks.Busy++
		case s.err != nil:
			ks.Errors++
		default:
			ks.OK++
			ks.Bytes += int64(s.bytes)
			lat = append(lat, s.latency)
		}
	}
	slices.Sort(lat)
	ks.P50, ks.P99 = percentile(lat, 50), percentile(lat, 99)
	if len(lat) > 0 {
		ks.Max = lat[len(lat)-1]
	}
	return ks
}

// percentile returns the p-th percentile of sorted (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100 // ceil(n*p/100), 1-based
	return sorted[max(i, 1)-1]
}

// send sends one request and checks its answer.
func send(ctx context.Context, client *http.Client, cfg Config, req request, k Kind) sample {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	target := cfg.URL + req.path
	if len(req.query) > 0 {
		target += "?" + req.query.Encode()
	}
	var body io.Reader
	if req.body != "" {
		body = strings.NewReader(req.body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.method, target, body)
	if err != nil {
		return sample{err: err}
	}
	if req.accept != "" {
		hr.Header.Set("Accept", req.accept)
	}
	if req.ctype != "" {
		hr.Header.Set("Content-Type", req.ctype)
	}
	start := time.Now()
	res, err := client.Do(hr)
	if err != nil {
		return sample{err: err, latency: time.Since(start)}
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	s := sample{status: res.StatusCode, latency: time.Since(start), bytes: len(b)}
	switch {
	case err != nil:
		s.err = fmt.Errorf("read answer: %w", err)
	case res.StatusCode == http.StatusServiceUnavailable && bytes.Contains(b, []byte("busy")):
		s.busy = true
		s.err = errors.New("busy")
	case res.StatusCode != http.StatusOK:
		s.err = fmt.Errorf("status %d: %s", res.StatusCode, clip(b))
	default:
		if err := k.check(req, res.Header.Get("Content-Type"), b); err != nil {
			s.err = fmt.Errorf("%s %s: %w", req.method, req.path, err)
		}
	}
	return s
}

// clip returns the start of an answer, for messages.
func clip(b []byte) string {
	const n = 200
	if len(b) <= n {
		return string(b)
	}
	for i := n; i > n-4; i-- {
		if utf8.RuneStart(b[i]) {
			return string(b[:i]) + "…"
		}
	}
	return string(b[:n]) + "…"
}
