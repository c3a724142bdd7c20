package graph

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"
)

// Stats summarises a store.
type Stats struct {
	Quads   int64         // stored quads
	Nodes   int64         // distinct subjects and objects that are IRIs or blank nodes
	Sources []SourceCount // labels, with how many quads each states, sorted by label
	Classes []ClassCount  // instances per rdf:type, most first
}

// SourceCount is one source label and its number of quads.
type SourceCount struct {
	Label quad.Value
	Quads int64
}

// ClassCount is one class and its number of distinct instances.
type ClassCount struct {
	Class     quad.Value
	Instances int64
}

// Stats reads the whole store and summarises it.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	sources := map[quad.Value]int64{}
	nodes := map[quad.Value]struct{}{}
	instances := map[quad.Value]map[quad.Value]struct{}{}
	err := s.Match(ctx, nil, nil, nil, nil, func(q quad.Quad) bool {
		st.Quads++
		sources[q.Label]++
		nodes[q.Subject] = struct{}{}
		if isNode(q.Object) {
			nodes[q.Object] = struct{}{}
		}
		if q.Predicate == Type {
			if instances[q.Object] == nil {
				instances[q.Object] = map[quad.Value]struct{}{}
			}
			instances[q.Object][q.Subject] = struct{}{}
		}
		return true
	})
	if err != nil {
		return Stats{}, err
	}
	st.Nodes = int64(len(nodes))
	for l, n := range sources {
		st.Sources = append(st.Sources, SourceCount{Label: l, Quads: n})
	}
	sort.Slice(st.Sources, func(i, j int) bool {
		return FormatTerm(st.Sources[i].Label) < FormatTerm(st.Sources[j].Label)
	})
	for c, m := range instances {
		st.Classes = append(st.Classes, ClassCount{Class: c, Instances: int64(len(m))})
	}
	sort.Slice(st.Classes, func(i, j int) bool {
		a, b := st.Classes[i], st.Classes[j]
		if a.Instances != b.Instances {
			return a.Instances > b.Instances
		}
		return FormatTerm(a.Class) < FormatTerm(b.Class)
	})
	return st, nil
}
