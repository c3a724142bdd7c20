package rdfio

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// FormatTerm writes v in N-Triples syntax, escaping as the grammar requires.
// A nil value formats as the empty string.
func FormatTerm(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return "<" + escapeIRI(string(v)) + ">"
	case quad.BNode:
		return "_:" + string(v)
	case quad.String:
		return quoteLiteral(string(v))
	case quad.LangString:
		return quoteLiteral(string(v.Value)) + "@" + v.Lang
	case quad.TypedString:
		if v.Type == XSDString {
			return quoteLiteral(string(v.Value))
		}
		return quoteLiteral(string(v.Value)) + "^^" + FormatTerm(v.Type)
	case quad.TypedStringer:
		return FormatTerm(v.TypedString())
	}
	return quoteLiteral(v.String())
}

var literalEscaper = strings.NewReplacer(
	`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "\b", `\b`, "\f", `\f`,
)

func quoteLiteral(s string) string {
	return `"` + literalEscaper.Replace(s) + `"`
}

func escapeIRI(s string) string {
	if !strings.ContainsAny(s, "<>\"{}|^`\\ \t\n\r") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
			fmt.Fprintf(&b, `\u%04X`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Prefix is a namespace abbreviation used by the Turtle writer.
type Prefix struct {
	Name string // without the colon
	IRI  string
}

var (
	localNameRx = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)
	integerRx   = regexp.MustCompile(`^[+-]?[0-9]+$`)
	decimalRx   = regexp.MustCompile(`^[+-]?[0-9]*\.[0-9]+$`)
	doubleRx    = regexp.MustCompile(`^[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+$`)
)

// TurtleWriter writes triples as Turtle, grouping the triples of one
// subject with ';' and ','. Graph labels are not written.
type TurtleWriter struct {
	w        *bufio.Writer
	prefixes []Prefix
	subj     quad.Value
	pred     quad.Value
	started  bool
	err      error
}

// NewTurtleWriter returns a writer that declares prefixes at the top and
// abbreviates IRIs with them.
func NewTurtleWriter(w io.Writer, prefixes []Prefix) *TurtleWriter {
	tw := &TurtleWriter{w: bufio.NewWriter(w), prefixes: prefixes}
	for _, p := range prefixes {
		fmt.Fprintf(tw.w, "@prefix %s: <%s> .\n", p.Name, escapeIRI(p.IRI))
	}
	if len(prefixes) > 0 {
		tw.w.WriteString("\n")
	}
	return tw
}

// WriteQuad writes one triple. Consecutive triples with the same subject
// (and predicate) are abbreviated.
func (tw *TurtleWriter) WriteQuad(q quad.Quad) error {
	if tw.err != nil {
		return tw.err
	}
	switch {
	case tw.started && q.Subject == tw.subj && q.Predicate == tw.pred:
		tw.w.WriteString(" ,\n        ")
	case tw.started && q.Subject == tw.subj:
		tw.w.WriteString(" ;\n    ")
		tw.w.WriteString(tw.term(q.Predicate, true))
		tw.w.WriteString(" ")
	default:
		if tw.started {
			tw.w.WriteString(" .\n")
		}
		tw.w.WriteString(tw.term(q.Subject, false))
		tw.w.WriteString(" ")
		tw.w.WriteString(tw.term(q.Predicate, true))
		tw.w.WriteString(" ")
	}
	tw.started = true
	tw.subj, tw.pred = q.Subject, q.Predicate
	_, tw.err = tw.w.WriteString(tw.term(q.Object, false))
	return tw.err
}

// Close ends the last statement and flushes. It does not close the
// underlying writer.
func (tw *TurtleWriter) Close() error {
	if tw.err != nil {
		return tw.err
	}
	if tw.started {
		tw.w.WriteString(" .\n")
	}
	return tw.w.Flush()
}

func (tw *TurtleWriter) term(v quad.Value, pred bool) string {
	switch v := v.(type) {
	case quad.IRI:
		if pred && v == RDFType {
			return "a"
		}
		best := -1
		for i, p := range tw.prefixes {
			if strings.HasPrefix(string(v), p.IRI) && localNameRx.MatchString(string(v)[len(p.IRI):]) {
				if best < 0 || len(p.IRI) > len(tw.prefixes[best].IRI) {
					best = i
				}
			}
		}
		if best >= 0 {
			p := tw.prefixes[best]
			return p.Name + ":" + string(v)[len(p.IRI):]
		}
	case quad.TypedString:
		lex := string(v.Value)
		switch {
		case v.Type == XSDInteger && integerRx.MatchString(lex),
			v.Type == XSDDecimal && decimalRx.MatchString(lex),
			v.Type == XSDDouble && doubleRx.MatchString(lex),
			v.Type == XSDBoolean && (lex == "true" || lex == "false"):
			return lex
		}
		if v.Type != XSDString {
			return quoteLiteral(lex) + "^^" + tw.term(v.Type, false)
		}
	}
	return FormatTerm(v)
}

// WriteTurtle writes quads as Turtle, sorted by subject so that each
// subject's triples are grouped.
func WriteTurtle(w io.Writer, quads []quad.Quad, prefixes []Prefix) error {
	sorted := append([]quad.Quad(nil), quads...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := FormatTerm(sorted[i].Subject), FormatTerm(sorted[j].Subject)
		if a != b {
			return a < b
		}
		pa, pb := sorted[i].Predicate, sorted[j].Predicate
		if (pa == RDFType) != (pb == RDFType) {
			return pa == RDFType
		}
		return FormatTerm(pa) < FormatTerm(pb)
	})
	tw := NewTurtleWriter(w, prefixes)
	for _, q := range sorted {
		if err := tw.WriteQuad(q); err != nil {
			return err
		}
	}
	return tw.Close()
}

// WriteJSONLD writes quads as expanded JSON-LD: one object with an @graph
// array of node objects. Quads with a graph label are nested in a node
// object for that graph with its own @graph. Every literal keeps its lexical
// form as a string @value with its @type or @language, so no integer and no
// blank node is lost; rdf:type with an IRI or blank node object becomes @type.
func WriteJSONLD(w io.Writer, quads []quad.Quad) error {
	type node struct {
		id    string
		types []string
		props map[string][]any
		order []string
	}
	type graph struct {
		nodes map[string]*node
		order []string
	}
	graphs := map[string]*graph{}
	var gorder []string
	id := func(v quad.Value) (string, bool) {
		switch v := v.(type) {
		case quad.IRI:
			return string(v), true
		case quad.BNode:
			return "_:" + string(v), true
		}
		return "", false
	}
	for _, q := range quads {
		gname := ""
		if q.Label != nil {
			s, ok := id(q.Label)
			if !ok {
				return fmt.Errorf("write json-ld: graph label %v is not an IRI or blank node", q.Label)
			}
			gname = s
		}
		g := graphs[gname]
		if g == nil {
			g = &graph{nodes: map[string]*node{}}
			graphs[gname] = g
			gorder = append(gorder, gname)
		}
		sid, ok := id(q.Subject)
		if !ok {
			return fmt.Errorf("write json-ld: subject %v is not an IRI or blank node", q.Subject)
		}
		pid, ok := id(q.Predicate)
		if !ok {
			return fmt.Errorf("write json-ld: predicate %v is not an IRI", q.Predicate)
		}
		n := g.nodes[sid]
		if n == nil {
			n = &node{id: sid, props: map[string][]any{}}
			g.nodes[sid] = n
			g.order = append(g.order, sid)
		}
		if oid, ok := id(q.Object); ok && q.Predicate == RDFType {
			n.types = append(n.types, oid)
			continue
		}
		if _, seen := n.props[pid]; !seen {
			n.order = append(n.order, pid)
		}
		n.props[pid] = append(n.props[pid], jsonldObject(q.Object))
	}
	nodeJSON := func(n *node) orderedMap {
		m := orderedMap{{"@id", n.id}}
		if len(n.types) > 0 {
			m = append(m, kv{"@type", n.types})
		}
		for _, p := range n.order {
			m = append(m, kv{p, n.props[p]})
		}
		return m
	}
	graphJSON := func(g *graph) []any {
		out := make([]any, 0, len(g.order))
		for _, s := range g.order {
			out = append(out, nodeJSON(g.nodes[s]))
		}
		return out
	}
	var top []any
	if g := graphs[""]; g != nil {
		top = graphJSON(g)
	}
	for _, gname := range gorder {
		if gname == "" {
			continue
		}
		g := graphs[gname]
		// A graph name that is also a subject in the default graph gets
		// its @graph on that node.
		if dg := graphs[""]; dg != nil {
			if n, ok := dg.nodes[gname]; ok {
				for i, s := range dg.order {
					if s == n.id {
						top[i] = append(top[i].(orderedMap), kv{"@graph", graphJSON(g)})
					}
				}
				continue
			}
		}
		top = append(top, orderedMap{{"@id", gname}, {"@graph", graphJSON(g)}})
	}
	if top == nil {
		top = []any{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(orderedMap{{"@graph", top}})
}

func jsonldObject(v quad.Value) any {
	switch v := v.(type) {
	case quad.IRI:
		return orderedMap{{"@id", string(v)}}
	case quad.BNode:
		return orderedMap{{"@id", "_:" + string(v)}}
	case quad.String:
		return orderedMap{{"@value", string(v)}}
	case quad.LangString:
		return orderedMap{{"@value", string(v.Value)}, {"@language", v.Lang}}
	case quad.TypedString:
		if v.Type == XSDString {
			return orderedMap{{"@value", string(v.Value)}}
		}
		return orderedMap{{"@value", string(v.Value)}, {"@type", string(v.Type)}}
	case quad.TypedStringer:
		return jsonldObject(v.TypedString())
	}
	return orderedMap{{"@value", v.String()}}
}

type kv struct {
	k string
	v any
}

// orderedMap is a JSON object that keeps its keys in order.
type orderedMap []kv

func (m orderedMap) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, e := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshalNoEscape(e.k)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalNoEscape(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}
