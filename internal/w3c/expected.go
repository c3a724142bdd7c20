package w3c

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/internal/rdfio"
	"github.com/partygraph/partygraph/queries/results"
)

// RS is the namespace of the RDF vocabulary for result sets.
const RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"

// Expected is what a test's result file holds: a result set (Set, with
// Ordered set when the rows carry rs:index), or a graph (Graph) for
// CONSTRUCT and DESCRIBE.
type Expected struct {
	Set     *results.Set
	Ordered bool // the file fixes the order (rs:index)
	Graph   []quad.Quad
	Format  results.Format // the results format of the file, 0 for RDF
}

// ReadExpected reads a result file, choosing the reader by extension.
func ReadExpected(path string) (*Expected, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if f, err := results.ParseFormat(strings.TrimPrefix(ext, ".")); err == nil && f != results.Table {
		in, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer in.Close()
		s, err := results.Read(in, f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return &Expected{Set: s, Format: f}, nil
	}
	qs, err := rdfio.ParseFile(path, rdfio.Options{BlankPrefix: "expected_"})
	if err != nil {
		return nil, err
	}
	for i := range qs {
		qs[i].Label = nil
	}
	if set, ordered, ok := resultSetFromGraph(qs); ok {
		return &Expected{Set: set, Ordered: ordered}, nil
	}
	return &Expected{Graph: qs}, nil
}

// resultSetFromGraph reads the rs: vocabulary, if the graph has an
// rs:ResultSet.
func resultSetFromGraph(qs []quad.Quad) (*results.Set, bool, bool) {
	g := &graph{bySubject: map[quad.Value][]quad.Quad{}}
	for _, q := range qs {
		g.bySubject[q.Subject] = append(g.bySubject[q.Subject], q)
	}
	rsets := g.subjectsOfType(quad.IRI(RS + "ResultSet"))
	if len(rsets) != 1 {
		return nil, false, false
	}
	r := rsets[0]
	set := &results.Set{}
	if b := g.object(r, RS+"boolean"); b != nil {
		set.IsBool = true
		set.Bool = literalText(b) == "true"
		return set, false, true
	}
	index := map[string]int{}
	for _, v := range g.objects(r, RS+"resultVariable") {
		name := literalText(v)
		if _, ok := index[name]; !ok {
			index[name] = len(set.Vars)
			set.Vars = append(set.Vars, name)
		}
	}
	type sol struct {
		idx      int
		bindings map[string]quad.Value
	}
	var sols []sol
	ordered := false
	for _, s := range g.objects(r, RS+"solution") {
		so := sol{idx: -1, bindings: map[string]quad.Value{}}
		if ix := g.object(s, RS+"index"); ix != nil {
			fmt.Sscan(literalText(ix), &so.idx)
			ordered = true
		}
		for _, b := range g.objects(s, RS+"binding") {
			name := literalText(g.object(b, RS+"variable"))
			so.bindings[name] = g.object(b, RS+"value")
			if _, ok := index[name]; !ok {
				index[name] = len(set.Vars)
				set.Vars = append(set.Vars, name)
			}
		}
		sols = append(sols, so)
	}
	sort.SliceStable(sols, func(i, j int) bool { return sols[i].idx < sols[j].idx })
	for _, so := range sols {
		row := make([]quad.Value, len(set.Vars))
		for name, v := range so.bindings {
			row[index[name]] = v
		}
		set.Rows = append(set.Rows, row)
	}
	return set, ordered, true
}
