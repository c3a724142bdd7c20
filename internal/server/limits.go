package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/metrics"
	"time"
)

// errQueryMemory is the cause of a query stopped by the memory watch.
var errQueryMemory = errors.New("query used too much memory")

// memoryPoll is how often a running query's memory watch looks at the heap.
const memoryPoll = 20 * time.Millisecond

// startQuery takes a query slot, or answers 503 busy and returns false. The
// context it returns is the one the query runs in, with the time limit and
// the memory watch; done ends them and frees the slot.
func (s *Server) startQuery(w http.ResponseWriter, r *http.Request) (ctx context.Context, done func(), ok bool) {
	release := func() {}
	if s.sem != nil {
		select {
		case s.sem <- struct{}{}:
			release = func() { <-s.sem }
		default:
			httpError(w, http.StatusServiceUnavailable, fmt.Sprintf("busy: %d queries are running, the most this server runs at once; try again shortly", cap(s.sem)))
			return nil, nil, false
		}
	}
	ctx, cancelTimer := r.Context(), context.CancelFunc(func() {})
	if s.Timeout > 0 {
		ctx, cancelTimer = context.WithTimeout(ctx, s.Timeout)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	stopWatch := s.watchMemory(cancel)
	return ctx, func() {
		stopWatch()
		cancel(nil)
		cancelTimer()
		release()
	}, true
}

// watchMemory cancels a query with errQueryMemory once the live heap (as
// measured by the last garbage collection, which a growing heap triggers
// often) is more than s.QueryMemory above what it was when the query
// started. It returns the function that ends the watch.
func (s *Server) watchMemory(cancel context.CancelCauseFunc) (stop func()) {
	if s.QueryMemory <= 0 {
		return func() {}
	}
	limit := liveHeap() + uint64(s.QueryMemory)
	quit := make(chan struct{})
	go func() {
		t := time.NewTicker(memoryPoll)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
			}
			if liveHeap() > limit {
				cancel(errQueryMemory)
				return
			}
		}
	}()
	return func() { close(quit) }
}

// liveHeap returns the bytes of heap objects the last garbage collection
// found alive.
func liveHeap() uint64 {
	m := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(m)
	if m[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return m[0].Value.Uint64()
}

// queryStopped answers a query that a limit or the client stopped, and
// reports whether it did; ctx is the context of startQuery, timedOut
// whether the query engine reported its own time limit.
func (s *Server) queryStopped(w http.ResponseWriter, ctx context.Context, r *http.Request, timedOut bool) bool {
	switch {
	case errors.Is(context.Cause(ctx), errQueryMemory):
		httpError(w, http.StatusServiceUnavailable, fmt.Sprintf("query stopped: the server's memory grew by more than %d MiB while it ran, the most one query may take; narrow the query", s.QueryMemory>>20))
	case timedOut || errors.Is(ctx.Err(), context.DeadlineExceeded):
		httpError(w, http.StatusServiceUnavailable, fmt.Sprintf("query stopped: it ran past the time limit of %s", s.Timeout))
	case r.Context().Err() != nil:
		// The client went away; nobody reads the answer.
		httpError(w, http.StatusServiceUnavailable, "request cancelled")
	default:
		return false
	}
	return true
}
