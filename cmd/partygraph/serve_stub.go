package main

import (
	"context"
	"errors"
	"io"
)

const serveStubUsage = `Serve the SPARQL endpoint and the graph explorer (reserved: comes with the server issue).

Examples:
  partygraph serve --load examples/corpus

Usage:
  partygraph serve [--db URL] [--load PATH...]
`

// runServe is reserved for the server issue; serve.go replaces this file.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, _ := newFlags("serve", serveStubUsage, stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("serve: not built yet (the server comes with its issue)")
}
