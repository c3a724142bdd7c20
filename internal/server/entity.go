package server

import (
	"context"
	"fmt"
	"net/http"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// Limits of one neighbourhood: the explorer draws it, so more would not
// help anyone; the answer says when it was cut.
const (
	maxOutFacts = 2000
	maxInFacts  = 500
)

// singleValued lists the properties an entity has one value of. When
// documents give such a property different values, they disagree; for the
// other properties (speakers, attendees, topics...) different documents
// naming different values simply add up.
var singleValued = map[quad.Value]bool{
	graph.StartDate: true, graph.EndDate: true, graph.Location: true, graph.AttendMode: true,
	graph.SuperEvent: true, graph.Follows: true, graph.FollowedBy: true, graph.ThemeProp: true,
	graph.PartyCount: true, graph.CountryCount: true, graph.PartyMin: true, graph.CountryMin: true,
	graph.CountryProp: true, graph.Name: true, graph.InLanguage: true, graph.DateModified: true,
	graph.DatePublished: true,
}

// Entity is the answer of /api/entity: a node, its labels, its facts with
// their sources, and its neighbourhood as nodes and edges.
type Entity struct {
	IRI       string      `json:"iri"`
	Label     string      `json:"label"`
	Class     string      `json:"class,omitempty"`
	Classes   []Term      `json:"classes"`
	Labels    []LabelFact `json:"labels"`
	AltLabels []LabelFact `json:"altLabels"`
	Facts     []Fact      `json:"facts"`
	Nodes     []Term      `json:"nodes"`
	Edges     []Edge      `json:"edges"`
	Truncated bool        `json:"truncated"` // the neighbourhood was cut at its size limit
}

// LabelFact is one label with the sources that state it. Conflict marks a
// label whose sources give another label in the same language.
type LabelFact struct {
	Value    string   `json:"value"`
	Lang     string   `json:"lang,omitempty"`
	Sources  []string `json:"sources"`
	Conflict bool     `json:"conflict,omitempty"`
}

// Fact is one property of the entity with all its values. Direction "in"
// means the entity is the object: the values point at it.
type Fact struct {
	Property  string  `json:"property"`
	Label     string  `json:"label"`
	Direction string  `json:"direction"`
	Conflict  bool    `json:"conflict"`
	Values    []Value `json:"values"`
}

// Value is one value of a fact and the sources that state it.
type Value struct {
	Term
	Sources []string `json:"sources"`
}

// Edge is one triple between two nodes of the neighbourhood.
type Edge struct {
	ID       string   `json:"id"`
	Source   string   `json:"source"`
	Target   string   `json:"target"`
	Property string   `json:"property"`
	Label    string   `json:"label"`
	Sources  []string `json:"sources"`
}

// neighbourhood returns the quads about v: those with v as subject and those
// with v as object (fewer of these: a country is the object of thousands),
// and whether either list was cut.
func neighbourhood(ctx context.Context, st *graph.Store, v quad.Value) (out, in []quad.Quad, cut bool, err error) {
	err = st.Match(ctx, v, nil, nil, nil, func(q quad.Quad) bool {
		if len(out) >= maxOutFacts {
			cut = true
			return false
		}
		out = append(out, q)
		return true
	})
	if err != nil {
		return nil, nil, false, err
	}
	err = st.Match(ctx, nil, nil, v, nil, func(q quad.Quad) bool {
		if len(in) >= maxInFacts {
			cut = true
			return false
		}
		in = append(in, q)
		return true
	})
	return out, in, cut, err
}

func (s *Server) handleEntity(w http.ResponseWriter, r *http.Request) {
	if !onlyGet(w, r) {
		return
	}
	p := r.URL.Query().Get("iri")
	if p == "" {
		httpError(w, http.StatusBadRequest, "missing parameter iri")
		return
	}
	idx, err := s.index(r.Context())
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	v := parseTerm(p)
	out, in, cut, err := neighbourhood(r.Context(), s.Store, v)
	if err != nil {
		s.Log.Error("neighbourhood", "iri", p, "err", err)
		httpError(w, http.StatusInternalServerError, "read the store: "+err.Error())
		return
	}
	if len(out) == 0 && len(in) == 0 {
		httpError(w, http.StatusNotFound, fmt.Sprintf("no entity %s in the graph", p))
		return
	}
	writeJSON(w, idx.entity(v, out, in, cut))
}

type factKey struct {
	pred quad.Value
	in   bool
}

func (idx *index) entity(v quad.Value, out, in []quad.Quad, cut bool) *Entity {
	n := idx.info(v)
	e := &Entity{
		IRI: termID(v), Label: n.display, Class: string(n.class), Truncated: cut,
		Classes: []Term{}, Labels: []LabelFact{}, AltLabels: []LabelFact{}, Facts: []Fact{},
		Nodes: []Term{idx.term(v)}, Edges: []Edge{},
	}
	for _, c := range n.classes {
		e.Classes = append(e.Classes, idx.term(c))
	}

	// Group the facts by property and direction, and each property's values
	// with their sources.
	type valueSources struct {
		val     quad.Value
		sources []string
	}
	groups := map[factKey][]*valueSources{}
	var order []factKey
	add := func(k factKey, val, label quad.Value) {
		vs := groups[k]
		if vs == nil {
			order = append(order, k)
		}
		for _, x := range vs {
			if x.val == val || x.val.String() == val.String() {
				x.sources = appendSource(x.sources, label)
				return
			}
		}
		groups[k] = append(vs, &valueSources{val: val, sources: appendSource(nil, label)})
	}
	for _, q := range out {
		add(factKey{q.Predicate, false}, q.Object, q.Label)
	}
	for _, q := range in {
		add(factKey{q.Predicate, true}, q.Subject, q.Label)
	}

	seenNode := map[string]bool{e.IRI: true}
	edges := map[string]*Edge{}
	var edgeOrder []string
	addEdge := func(sub, pred, obj quad.Value, srcs []string) {
		if !seenNode[termID(sub)] {
			seenNode[termID(sub)] = true
			e.Nodes = append(e.Nodes, idx.term(sub))
		}
		if !seenNode[termID(obj)] {
			seenNode[termID(obj)] = true
			e.Nodes = append(e.Nodes, idx.term(obj))
		}
		id := termID(sub) + " " + termID(pred) + " " + termID(obj)
		ed := edges[id]
		if ed == nil {
			ed = &Edge{ID: id, Source: termID(sub), Target: termID(obj), Property: termID(pred), Label: idx.info(pred).display}
			edges[id] = ed
			edgeOrder = append(edgeOrder, id)
		}
		for _, s := range srcs {
			ed.Sources = appendString(ed.Sources, s)
		}
	}

	for _, k := range order {
		vs := groups[k]
		switch {
		case !k.in && (k.pred == graph.Label || k.pred == graph.AltLabel):
			list := make([]LabelFact, 0, len(vs))
			for _, x := range vs {
				txt, lang := literalText(x.val)
				list = append(list, LabelFact{Value: txt, Lang: lang, Sources: x.sources})
			}
			markLabelConflicts(list)
			sort.Slice(list, func(i, j int) bool {
				if list[i].Lang != list[j].Lang {
					return list[i].Lang < list[j].Lang
				}
				return list[i].Value < list[j].Value
			})
			if k.pred == graph.Label {
				e.Labels = list
			} else {
				e.AltLabels = list
			}
			continue
		}
		f := Fact{Property: termID(k.pred), Label: idx.info(k.pred).display, Direction: "out"}
		if k.in {
			f.Direction = "in"
		}
		for _, x := range vs {
			f.Values = append(f.Values, Value{Term: idx.term(x.val), Sources: x.sources})
			if isLiteral(x.val) || k.pred == graph.Type {
				continue // the class colours the node; an edge to it would clutter the view
			}
			if k.in {
				addEdge(x.val, k.pred, v, x.sources)
			} else {
				addEdge(v, k.pred, x.val, x.sources)
			}
		}
		if !k.in && singleValued[k.pred] {
			srcs := make([][]string, len(vs))
			for i, x := range vs {
				srcs[i] = x.sources
			}
			f.Conflict = disagree(srcs)
		}
		sort.Slice(f.Values, func(i, j int) bool {
			a, b := f.Values[i], f.Values[j]
			if a.Label != b.Label {
				return a.Label < b.Label
			}
			return a.Value < b.Value
		})
		e.Facts = append(e.Facts, f)
	}
	sort.SliceStable(e.Facts, func(i, j int) bool {
		a, b := e.Facts[i], e.Facts[j]
		if a.Direction != b.Direction {
			return a.Direction == "out"
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.Property < b.Property
	})
	for _, id := range edgeOrder {
		e.Edges = append(e.Edges, *edges[id])
	}
	return e
}

// disagree reports whether the sources of the values of one property
// disagree: there are two or more values, and some source does not state
// all of them (so at least one source says something another denies).
func disagree(valueSources [][]string) bool {
	if len(valueSources) < 2 {
		return false
	}
	all := map[string]bool{}
	for _, ss := range valueSources {
		for _, s := range ss {
			all[s] = true
		}
	}
	if len(all) < 2 {
		return false
	}
	for _, ss := range valueSources {
		if len(ss) != len(all) {
			return true
		}
	}
	return false
}

// markLabelConflicts marks the labels of a language on which the sources
// disagree (one label per language is the rule).
func markLabelConflicts(list []LabelFact) {
	byLang := map[string][]int{}
	for i, l := range list {
		byLang[l.Lang] = append(byLang[l.Lang], i)
	}
	for _, is := range byLang {
		ss := make([][]string, len(is))
		for j, i := range is {
			ss[j] = list[i].Sources
		}
		if disagree(ss) {
			for _, i := range is {
				list[i].Conflict = true
			}
		}
	}
}

func appendSource(list []string, label quad.Value) []string {
	if label == nil {
		return appendString(list, "")
	}
	return appendString(list, termID(label))
}

func appendString(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// handleExport writes the neighbourhoods of the nodes named by the iri
// parameters (the explorer's current view) as N-Quads, GraphML, JSON-LD or
// DOT, with the labels and classes of the neighbours.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	if !onlyGet(w, r) {
		return
	}
	f, ok := exportFormat(w, r)
	if !ok {
		return
	}
	iris := r.URL.Query()["iri"]
	switch {
	case len(iris) == 0:
		httpError(w, http.StatusBadRequest, "missing parameter iri (one or more)")
		return
	case len(iris) > 200:
		httpError(w, http.StatusBadRequest, "too many iri parameters (200 at most)")
		return
	}
	ctx := r.Context()
	var quads []quad.Quad
	seen := map[string]bool{}
	keep := func(q quad.Quad) {
		k := graph.FormatTerm(q.Subject) + " " + graph.FormatTerm(q.Predicate) + " " + graph.FormatTerm(q.Object) + " " + graph.FormatTerm(q.Label)
		if !seen[k] {
			seen[k] = true
			quads = append(quads, q)
		}
	}
	neighbours := map[quad.Value]bool{}
	for _, p := range iris {
		v := parseTerm(p)
		out, in, _, err := neighbourhood(ctx, s.Store, v)
		if err != nil {
			httpError(w, http.StatusInternalServerError, "read the store: "+err.Error())
			return
		}
		if len(out) == 0 && len(in) == 0 {
			httpError(w, http.StatusNotFound, fmt.Sprintf("no entity %s in the graph", p))
			return
		}
		for _, q := range out {
			keep(q)
			if !isLiteral(q.Object) {
				neighbours[q.Object] = true
			}
		}
		for _, q := range in {
			keep(q)
			neighbours[q.Subject] = true
		}
	}
	for nb := range neighbours {
		for _, p := range []quad.Value{graph.Label, graph.Type} {
			if err := s.Store.Match(ctx, nb, p, nil, nil, func(q quad.Quad) bool { keep(q); return true }); err != nil {
				httpError(w, http.StatusInternalServerError, "read the store: "+err.Error())
				return
			}
		}
	}
	sort.Slice(quads, func(i, j int) bool { return quadLess(quads[i], quads[j]) })
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", "neighbourhood."+f.ext))
	if r.Method == http.MethodHead {
		return
	}
	var err error
	switch f.format {
	case graph.FormatNQuads:
		nw := graph.NewNQuadsWriter(w)
		if _, err = nw.WriteQuads(quads); err == nil {
			err = nw.Close()
		}
	case graph.FormatGraphML:
		err = graph.WriteGraphML(w, quads)
	case graph.FormatJSONLD:
		err = graph.WriteJSONLD(w, quads)
	case graph.FormatDOT:
		err = graph.WriteDOT(w, quads)
	}
	if err != nil {
		s.Log.Warn("write export", "err", err)
	}
}

func quadLess(a, b quad.Quad) bool {
	for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
		x, y := graph.FormatTerm(a.Get(d)), graph.FormatTerm(b.Get(d))
		if x != y {
			return x < y
		}
	}
	return false
}
