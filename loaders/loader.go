package loaders

import (
	"context"
	"errors"

	"github.com/cayleygraph/quad"
)

// File is one input file handed to a Loader.
type File struct {
	Path  string   // the path as the user gave it, for messages
	Label quad.IRI // the source label every quad of this file gets
	Data  []byte   // the whole content
}

// Loader turns one file into the quads it states. Every returned quad carries
// f.Label as its label. A Loader does not write to the store: the caller
// replaces the file's quads in one transaction, so a failing Loader leaves the
// store as it was.
type Loader interface {
	Load(ctx context.Context, f File) ([]quad.Quad, error)
}

// ErrUnknownGenre is returned (wrapped) by a Loader that does not recognise
// the kind of document it was given.
var ErrUnknownGenre = errors.New("unknown document genre")
