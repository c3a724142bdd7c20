package main

import (
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// compact writes an IRI with the vocabulary's prefixes (pg:Meeting), an
// entity as id:kind/slug, a source as source:name, and any other term in its
// N-Quads form.
func compact(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		if rest, ok := strings.CutPrefix(string(iri), graph.SourceNS); ok {
			return "source:" + rest
		}
		if rest, ok := strings.CutPrefix(string(iri), graph.IDNS); ok {
			return "id:" + rest
		}
		for _, p := range graph.Prefixes {
			if rest, ok := strings.CutPrefix(string(iri), p.IRI); ok {
				return p.Prefix + ":" + rest
			}
		}
	}
	if ts, ok := v.(quad.TypedString); ok {
		return graph.FormatTerm(quad.String(ts.Value)) + "^^" + compact(ts.Type)
	}
	return graph.FormatTerm(v)
}
