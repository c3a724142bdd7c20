package main

import (
	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/ingest"
	"github.com/partygraph/partygraph/loaders"
)

// documentLoaders returns the loader for documents that are not N-Quads and
// the curated data loaded with every load.
func documentLoaders() (loaders.Loader, []ingest.Curated, error) {
	curated := []ingest.Curated{
		{Label: graph.OntologySource, Quads: func() ([]quad.Quad, error) { return graph.OntologyQuads(), nil }},
	}
	return nil, curated, nil
}
