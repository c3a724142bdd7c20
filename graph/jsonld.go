package graph

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/cayleygraph/quad"
)

// WriteJSONLD writes quads as JSON-LD 1.1 in expanded form: one named-graph
// object per label (with "@graph"), quads without a label at the top level.
// Every value is kept: typed literals (integers and dates included) keep their
// datatype, language-tagged strings their language, and blank nodes their
// "_:" identifiers (Cayley's own JSON-LD writer drops integers and blank-node
// quads). Graphs, subjects and properties are sorted, so output is
// deterministic. A subject or graph label that is not an IRI or blank node,
// or a predicate that is not an IRI, is an error: JSON-LD cannot say it.
//
// It is the one JSON-LD writer of the program: exports and CONSTRUCT
// results alike.
func WriteJSONLD(w io.Writer, quads []quad.Quad) error {
	type props map[string][]map[string]string
	graphs := map[string]map[string]props{} // graph id ("" = default) -> subject id -> props
	for _, q := range quads {
		g := ""
		if q.Label != nil {
			if !isNode(q.Label) {
				return fmt.Errorf("write json-ld: graph label %s is not an IRI or blank node", FormatTerm(q.Label))
			}
			g = jsonldID(q.Label)
		}
		if !isNode(q.Subject) {
			return fmt.Errorf("write json-ld: subject %s is not an IRI or blank node", FormatTerm(q.Subject))
		}
		p, ok := q.Predicate.(quad.IRI)
		if !ok {
			return fmt.Errorf("write json-ld: predicate %s is not an IRI", FormatTerm(q.Predicate))
		}
		if graphs[g] == nil {
			graphs[g] = map[string]props{}
		}
		s := jsonldID(q.Subject)
		if graphs[g][s] == nil {
			graphs[g][s] = props{}
		}
		graphs[g][s][string(p)] = append(graphs[g][s][string(p)], jsonldObject(q.Object))
	}
	subjects := func(m map[string]props) []any {
		ids := sortedKeys(m)
		out := make([]any, 0, len(ids))
		for _, id := range ids {
			node := map[string]any{"@id": id}
			for p, objs := range m[id] {
				if p == string(Type) {
					types := make([]string, 0, len(objs))
					ok := true
					for _, o := range objs {
						if o["@id"] == "" {
							ok = false
							break
						}
						types = append(types, o["@id"])
					}
					if ok {
						sort.Strings(types)
						node["@type"] = types
						continue
					}
				}
				sort.Slice(objs, func(i, j int) bool { return objKey(objs[i]) < objKey(objs[j]) })
				node[p] = objs
			}
			out = append(out, node)
		}
		return out
	}
	var doc []any
	for _, g := range sortedKeys(graphs) {
		if g == "" {
			doc = append(doc, subjects(graphs[g])...)
			continue
		}
		doc = append(doc, map[string]any{"@id": g, "@graph": subjects(graphs[g])})
	}
	if doc == nil {
		doc = []any{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(doc)
}

func jsonldID(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return "_:" + string(v)
	}
	return TermText(v)
}

func jsonldObject(v quad.Value) map[string]string {
	switch v := NativeToTerm(v).(type) {
	case quad.IRI, quad.BNode:
		return map[string]string{"@id": jsonldID(v)}
	case quad.LangString:
		return map[string]string{"@value": string(v.Value), "@language": v.Lang}
	case quad.TypedString:
		return map[string]string{"@value": string(v.Value), "@type": string(v.Type)}
	default:
		return map[string]string{"@value": TermText(v)}
	}
}

func objKey(o map[string]string) string {
	return o["@id"] + "\x00" + o["@value"] + "\x00" + o["@language"] + "\x00" + o["@type"]
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
