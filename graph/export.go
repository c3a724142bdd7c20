package graph

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Export formats.
const (
	FormatNQuads  = "nquads"
	FormatJSONLD  = "jsonld"
	FormatGraphML = "graphml"
	FormatDOT     = "dot"
)

// ExportFormats lists the formats Export writes, the default first.
var ExportFormats = []string{FormatNQuads, FormatJSONLD, FormatGraphML, FormatDOT}

// Export writes the quads of one source (label), or of all sources when
// label is nil, to w in the given format, and returns how many quads it read.
// N-Quads streams in store order; the other formats group facts by node and
// hold the selection in memory.
func (s *Store) Export(ctx context.Context, w io.Writer, format string, label quad.Value) (int, error) {
	if format == "" {
		format = FormatNQuads
	}
	switch format {
	case FormatNQuads:
		nw := NewNQuadsWriter(w)
		n := 0
		var werr error
		err := s.Match(ctx, nil, nil, nil, label, func(q quad.Quad) bool {
			q = nativeQuad(q)
			if werr = nw.WriteQuad(q); werr != nil {
				return false
			}
			n++
			return true
		})
		if err == nil {
			err = werr
		}
		if err == nil {
			err = nw.Flush()
		}
		return n, err
	case FormatJSONLD, FormatGraphML, FormatDOT:
		var all []quad.Quad
		if err := s.Match(ctx, nil, nil, nil, label, func(q quad.Quad) bool {
			all = append(all, nativeQuad(q))
			return true
		}); err != nil {
			return 0, err
		}
		var err error
		switch format {
		case FormatJSONLD:
			err = WriteJSONLD(w, all)
		case FormatGraphML:
			err = WriteGraphML(w, all)
		case FormatDOT:
			err = WriteDOT(w, all)
		}
		return len(all), err
	default:
		return 0, fmt.Errorf("unknown export format %q (want one of %s)", format, strings.Join(ExportFormats, ", "))
	}
}

func nativeQuad(q quad.Quad) quad.Quad {
	q.Subject = NativeToTerm(q.Subject)
	q.Object = NativeToTerm(q.Object)
	q.Label = NativeToTerm(q.Label)
	return q
}

// view is a graph of nodes and edges made from quads, for the formats that
// draw a graph (GraphML, DOT): every IRI or blank node is a node, a quad whose
// object is a node is an edge (one per triple, with the sources that state
// it), and literal-valued facts become node attributes.
type view struct {
	nodes []*viewNode
	index map[string]*viewNode
	edges []*viewEdge
}

type viewNode struct {
	id    string // N-Quads form of the term
	term  quad.Value
	label string
	class string
	attrs map[string][]string // property local name -> values
}

type viewEdge struct {
	from, to *viewNode
	pred     quad.IRI
	sources  []string
}

func newView(quads []quad.Quad) *view {
	v := &view{index: make(map[string]*viewNode)}
	edges := make(map[string]*viewEdge)
	labels := make(map[*viewNode]map[string]string) // node -> lang -> label
	for _, q := range quads {
		sn := v.node(q.Subject)
		src := ""
		if q.Label != nil {
			src = TermText(q.Label)
		}
		if isNode(q.Object) {
			on := v.node(q.Object)
			if q.Predicate == Type {
				if sn.class == "" || strings.HasPrefix(string(q.Object.(quad.IRI)), NS) {
					sn.class = localName(string(q.Object.(quad.IRI)))
				}
			}
			k := sn.id + "\x00" + FormatTerm(q.Predicate) + "\x00" + on.id
			e := edges[k]
			if e == nil {
				e = &viewEdge{from: sn, to: on, pred: q.Predicate.(quad.IRI)}
				edges[k] = e
				v.edges = append(v.edges, e)
			}
			if src != "" && !contains(e.sources, src) {
				e.sources = append(e.sources, src)
			}
			continue
		}
		name := localName(string(q.Predicate.(quad.IRI)))
		text := TermText(q.Object)
		if q.Predicate == Label || q.Predicate == Name {
			if labels[sn] == nil {
				labels[sn] = make(map[string]string)
			}
			lang := ""
			if ls, ok := q.Object.(quad.LangString); ok {
				lang = ls.Lang
			}
			if _, ok := labels[sn][lang]; !ok {
				labels[sn][lang] = text
			}
		}
		if sn.attrs == nil {
			sn.attrs = make(map[string][]string)
		}
		if !contains(sn.attrs[name], text) {
			sn.attrs[name] = append(sn.attrs[name], text)
		}
	}
	for _, n := range v.nodes {
		n.label = pickLabel(labels[n])
		if n.label == "" {
			n.label = termLocal(n.term)
		}
	}
	return v
}

func (v *view) node(t quad.Value) *viewNode {
	id := FormatTerm(t)
	if n := v.index[id]; n != nil {
		return n
	}
	n := &viewNode{id: id, term: t}
	v.index[id] = n
	v.nodes = append(v.nodes, n)
	return n
}

// pickLabel prefers an English label, then one without a language, then the
// alphabetically first language, so output is deterministic.
func pickLabel(m map[string]string) string {
	for _, l := range []string{"en", ""} {
		if s, ok := m[l]; ok {
			return s
		}
	}
	langs := make([]string, 0, len(m))
	for l := range m {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	if len(langs) > 0 {
		return m[langs[0]]
	}
	return ""
}

func isNode(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return true
	}
	return false
}

func termLocal(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return localName(string(iri))
	}
	return TermText(v)
}

// localName is the part of an IRI after its last '#' or '/'.
func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "#/"); i >= 0 && i < len(iri)-1 {
		return iri[i+1:]
	}
	return iri
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// WriteGraphML writes quads as a GraphML graph that Gephi, yEd and
// NetworkX open: nodes with "label", "class" and "iri" attributes and their
// literal facts, and one directed edge per triple between nodes with the
// "predicate", its "label", the "sources" that state it (space separated)
// and their number as "weight".
func WriteGraphML(w io.Writer, quads []quad.Quad) error {
	v := newView(quads)
	attrSet := map[string]bool{}
	for _, n := range v.nodes {
		for k := range n.attrs {
			attrSet[k] = true
		}
	}
	reserved := map[string]bool{"label": true, "class": true, "iri": true}
	var attrs []string
	for k := range attrSet {
		if !reserved[k] {
			attrs = append(attrs, k)
		}
	}
	sort.Strings(attrs)

	bw := &errWriter{w: w}
	bw.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	bw.printf("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n")
	keys := []struct{ id, scope, name, typ string }{
		{"label", "node", "label", "string"},
		{"class", "node", "class", "string"},
		{"iri", "node", "iri", "string"},
		{"predicate", "edge", "predicate", "string"},
		{"elabel", "edge", "label", "string"},
		{"sources", "edge", "sources", "string"},
		{"weight", "edge", "weight", "double"},
	}
	for _, k := range keys {
		bw.printf("  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.scope, k.name, k.typ)
	}
	for i, a := range attrs {
		bw.printf("  <key id=\"a%d\" for=\"node\" attr.name=\"%s\" attr.type=\"string\"/>\n", i, xmlText(a))
	}
	bw.printf("  <graph id=\"partygraph\" edgedefault=\"directed\">\n")
	ids := make(map[*viewNode]string, len(v.nodes))
	for i, n := range v.nodes {
		ids[n] = "n" + strconv.Itoa(i)
		bw.printf("    <node id=\"%s\">\n", ids[n])
		bw.printf("      <data key=\"label\">%s</data>\n", xmlText(n.label))
		if n.class != "" {
			bw.printf("      <data key=\"class\">%s</data>\n", xmlText(n.class))
		}
		bw.printf("      <data key=\"iri\">%s</data>\n", xmlText(TermText(n.term)))
		for j, a := range attrs {
			if vals := n.attrs[a]; len(vals) > 0 {
				bw.printf("      <data key=\"a%d\">%s</data>\n", j, xmlText(strings.Join(vals, " | ")))
			}
		}
		bw.printf("    </node>\n")
	}
	for i, e := range v.edges {
		bw.printf("    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", i, ids[e.from], ids[e.to])
		bw.printf("      <data key=\"predicate\">%s</data>\n", xmlText(string(e.pred)))
		bw.printf("      <data key=\"elabel\">%s</data>\n", xmlText(localName(string(e.pred))))
		bw.printf("      <data key=\"sources\">%s</data>\n", xmlText(strings.Join(e.sources, " ")))
		bw.printf("      <data key=\"weight\">%d</data>\n", max(1, len(e.sources)))
		bw.printf("    </edge>\n")
	}
	bw.printf("  </graph>\n</graphml>\n")
	return bw.err
}

// WriteDOT writes quads as a Graphviz digraph: a node per IRI or blank node,
// labelled, and an edge per triple between nodes, labelled with the
// property's local name.
func WriteDOT(w io.Writer, quads []quad.Quad) error {
	v := newView(quads)
	bw := &errWriter{w: w}
	bw.printf("digraph partygraph {\n")
	ids := make(map[*viewNode]string, len(v.nodes))
	for i, n := range v.nodes {
		ids[n] = "n" + strconv.Itoa(i)
		label := n.label
		if n.class != "" {
			label += "\n(" + n.class + ")"
		}
		bw.printf("  %s [label=%s];\n", ids[n], dotQuote(label))
	}
	for _, e := range v.edges {
		bw.printf("  %s -> %s [label=%s];\n", ids[e.from], ids[e.to], dotQuote(localName(string(e.pred))))
	}
	bw.printf("}\n")
	return bw.err
}

func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", ``)
	return `"` + r.Replace(s) + `"`
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
