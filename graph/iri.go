package graph

import (
	"net/url"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"
)

// SourceIRI returns the label of the document read from path: the source
// namespace followed by the file name without its directory and without its
// extension (".nq.gz" counts as one extension), escaped as an IRI path segment.
func SourceIRI(path string) quad.IRI {
	name := filepath.Base(path)
	for _, ext := range []string{".gz", ".bz2", ".zst"} {
		name = strings.TrimSuffix(name, ext)
	}
	if ext := filepath.Ext(name); ext != "" && ext != name {
		name = strings.TrimSuffix(name, ext)
	}
	return quad.IRI(SourceNS + url.PathEscape(name))
}

// EntityIRI returns the IRI of the entity of the given kind (KindParty, ...)
// and slug. The slug is escaped as one IRI path segment; it is the caller's
// job to make it stable and deterministic.
func EntityIRI(kind, slug string) quad.IRI {
	return quad.IRI(IDNS + kind + "/" + url.PathEscape(slug))
}

// IsSource reports whether v is a source label (a document or curated file).
func IsSource(v quad.Value) bool {
	iri, ok := v.(quad.IRI)
	return ok && strings.HasPrefix(string(iri), SourceNS)
}
