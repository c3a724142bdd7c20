package graph

import (
	"fmt"

	"github.com/cayleygraph/quad"
)

// TermText is the plain text of a term, as CSV cells and labels show it: an
// IRI without its brackets, a blank node as _:label, a literal's lexical form
// without quotes, language or datatype, nil as "". Cayley's native values
// give the text of their Go value.
func TermText(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return "_:" + string(v)
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedString:
		return string(v.Value)
	case nil:
		return ""
	}
	return fmt.Sprint(v.Native())
}
