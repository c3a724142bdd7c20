package main

import (
	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/ingest"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/docload"
	"github.com/partygraph/partygraph/loaders/gazetteer"
)

// documentLoaders returns the loader for documents that are not N-Quads and
// the curated data loaded with every load: the ontology and the gazetteer.
func documentLoaders() (loaders.Loader, []ingest.Curated, error) {
	gz, err := gazetteer.Default()
	if err != nil {
		return nil, nil, err
	}
	curated := []ingest.Curated{
		{Label: graph.OntologySource, Quads: func() ([]quad.Quad, error) { return graph.OntologyQuads(), nil }},
		{Label: graph.GazetteerSource, Quads: func() ([]quad.Quad, error) { return gz.Quads(), nil }},
	}
	return docload.New(gz), curated, nil
}
