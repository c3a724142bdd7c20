package main

import (
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// compact writes an IRI with the vocabulary's prefixes (pg:Meeting), any
// other term in its N-Quads form.
func compact(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		for _, p := range graph.Prefixes {
			if rest, ok := strings.CutPrefix(string(iri), p.IRI); ok {
				return p.Prefix + ":" + rest
			}
		}
	}
	return graph.FormatTerm(v)
}
