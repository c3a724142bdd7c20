// Package docload is the document Loader: it recognises the genre of a file
// (loaders/detect), parses it with that genre's parser, and extracts the
// facts it states (loaders/extract), every quad under the file's label.
package docload

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/detect"
	"github.com/partygraph/partygraph/loaders/extract"
	"github.com/partygraph/partygraph/loaders/gazetteer"
)

// Loader loads documents of every genre detect knows.
type Loader struct {
	// Extractor turns a parsed document into quads.
	Extractor *extract.Extractor
}

var _ loaders.Loader = (*Loader)(nil)

// New returns a Loader that links names with gz.
func New(gz *gazetteer.Gazetteer) *Loader {
	return &Loader{Extractor: extract.New(gz)}
}

// Load parses f and returns the quads it states, each labelled f.Label.
// Errors name the file.
func (l *Loader) Load(ctx context.Context, f loaders.File) ([]quad.Quad, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load %s: %w", f.Path, err)
	}
	doc, err := detect.Parse(f.Path, f.Data)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", f.Path, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load %s: %w", f.Path, err)
	}
	qs, err := l.Extractor.Extract(doc, f.Label)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", f.Path, err)
	}
	return qs, nil
}
