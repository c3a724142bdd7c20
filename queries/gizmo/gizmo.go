package gizmo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"

	"github.com/partygraph/partygraph/queries/gizmo/internal/cgizmo"
)

// Error is an error in a Gizmo script: a syntax error when it is compiled or
// an exception when it runs.
type Error struct {
	Msg string
}

func (e *Error) Error() string { return "gizmo: " + e.Msg }

// ErrTimeout is returned (wrapped) when the context's deadline stops a query.
var ErrTimeout = errors.New("gizmo: query stopped at its time limit")

// Run runs the Gizmo script code over qs and returns at most limit results
// (limit <= 0 means no limit), each a JSON-ready value: for g.V()...All() an
// object mapping "id" and every tag to the node's value in Cayley's JSON
// form (IRIs as "<iri>", blank nodes as "_:b", literals as their text,
// numbers and dates as JSON values), for g.Emit(x) the emitted value. The
// script stops when ctx is done.
func Run(ctx context.Context, qs cgraph.QuadStore, code string, limit int) (out []any, err error) {
	if strings.TrimSpace(code) == "" {
		return nil, &Error{Msg: "empty query"}
	}
	defer func() {
		// Cayley's session panics on some misuse of its API from scripts;
		// a bad script must not take the server down.
		if r := recover(); r != nil {
			out, err = nil, &Error{Msg: fmt.Sprint(r)}
		}
	}()
	ses := cgizmo.NewSession(qs)
	it, err := ses.Execute(ctx, code, query.Options{Limit: limit, Collation: query.JSON})
	if err != nil {
		return nil, &Error{Msg: err.Error()}
	}
	defer it.Close()
	out = []any{}
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			out = append(out, r)
		}
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		if ctx.Err() != nil {
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, ErrTimeout
			}
			return nil, ctx.Err()
		}
		return nil, &Error{Msg: err.Error()}
	}
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, ErrTimeout
		}
		return nil, ctx.Err()
	}
	return out, nil
}
