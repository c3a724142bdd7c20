package graph

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// Problem is one thing Check found wrong with a store.
type Problem struct {
	Error bool   // true: the store is damaged or incomplete; false: worth a look
	Msg   string // one line
}

func (p Problem) String() string {
	if p.Error {
		return "error: " + p.Msg
	}
	return "warning: " + p.Msg
}

// CheckReport is what Check found.
type CheckReport struct {
	Quads    int64
	Sources  int
	Problems []Problem
}

// Errors counts the problems that are errors.
func (r CheckReport) Errors() int {
	n := 0
	for _, p := range r.Problems {
		if p.Error {
			n++
		}
	}
	return n
}

// maxPerKind caps how many problems of one kind Check lists.
const maxPerKind = 20

// layoutChecker is a QuadStore that can verify its own layout (graph/kvstore:
// its indexes, dictionary and counters agree).
type layoutChecker interface {
	Check(ctx context.Context) error
}

// Check reads the whole store and verifies it: on the embedded store first
// its layout (indexes, dictionary and counters agree), then that every quad
// has a label and valid terms, no quad is stored twice, every label is a
// known source (the
// ontology, the gazetteer, or a document described by a pg:SourceDocument
// node in its own graph), typed literals of XSD types have valid lexical
// forms, entities that facts point to are described somewhere, and the
// ontology's own facts are all there.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	var rep CheckReport
	counts := map[string]int{}
	add := func(kind string, isErr bool, format string, args ...any) {
		counts[kind]++
		if counts[kind] <= maxPerKind {
			rep.Problems = append(rep.Problems, Problem{Error: isErr, Msg: fmt.Sprintf(format, args...)})
		}
	}
	if c, ok := s.qs.(layoutChecker); ok {
		if err := c.Check(ctx); err != nil {
			add("layout", true, "store layout: %v", err)
		}
	}
	seen := map[string]struct{}{}
	labels := map[quad.Value]int64{}
	described := map[quad.Value]bool{} // labels with a SourceDocument node in their own graph
	typed := map[quad.Value]bool{}     // nodes with an rdf:type anywhere
	referenced := map[quad.Value]quad.Value{}
	err := s.Match(ctx, nil, nil, nil, nil, func(q quad.Quad) bool {
		rep.Quads++
		if err := checkQuad(q); err != nil {
			add("term", true, "quad %s: %v", strings.TrimSpace(string(AppendNQuad(nil, q))), err)
			return true
		}
		k := quadKey(q)
		if _, dup := seen[k]; dup {
			add("dup", true, "quad stored twice: %s", strings.TrimSpace(string(AppendNQuad(nil, q))))
		}
		seen[k] = struct{}{}
		labels[q.Label]++
		if q.Predicate == Type {
			typed[q.Subject] = true
			if q.Object == SourceDocument && q.Subject == q.Label {
				described[q.Label] = true
			}
		}
		if iri, ok := q.Object.(quad.IRI); ok && strings.HasPrefix(string(iri), IDNS) && q.Predicate != Type {
			if _, ok := referenced[iri]; !ok {
				referenced[iri] = q.Label
			}
		}
		if ts, ok := q.Object.(quad.TypedString); ok {
			if err := checkLexical(ts); err != nil {
				add("lexical", true, "%s %s under %s: %v", FormatTerm(q.Subject), FormatTerm(q.Predicate), FormatTerm(q.Label), err)
			}
		}
		return true
	})
	if err != nil {
		return rep, err
	}
	rep.Sources = len(labels)
	var names []quad.Value
	for l := range labels {
		names = append(names, l)
	}
	sort.Slice(names, func(i, j int) bool { return FormatTerm(names[i]) < FormatTerm(names[j]) })
	for _, l := range names {
		if l == OntologySource || l == GazetteerSource || described[l] {
			continue
		}
		add("source", false, "source %s (%d quads) has no pg:SourceDocument node in its own graph: not loaded from a document?", FormatTerm(l), labels[l])
	}
	var dangling []quad.Value
	for v := range referenced {
		if !typed[v] {
			dangling = append(dangling, v)
		}
	}
	sort.Slice(dangling, func(i, j int) bool { return FormatTerm(dangling[i]) < FormatTerm(dangling[j]) })
	for _, v := range dangling {
		add("dangling", false, "entity %s is linked to (first under %s) but has no rdf:type anywhere", FormatTerm(v), FormatTerm(referenced[v]))
	}
	missing := 0
	for _, q := range OntologyQuads() {
		if _, ok := seen[quadKey(q)]; !ok {
			missing++
		}
	}
	if missing > 0 {
		add("ontology", true, "%d of the ontology's %d facts are missing (load anything to restore them)", missing, len(OntologyQuads()))
	}
	for kind, n := range counts {
		if n > maxPerKind {
			rep.Problems = append(rep.Problems, Problem{Error: false, Msg: fmt.Sprintf("… and %d more problems of the same kind (%s)", n-maxPerKind, kind)})
		}
	}
	return rep, nil
}

var (
	reInteger = regexp.MustCompile(`^[+-]?[0-9]+$`)
	reDecimal = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)
	reGYear   = regexp.MustCompile(`^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$`)
	reDate    = regexp.MustCompile(`^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$`)
)

// checkLexical checks the lexical form of the XSD types partygraph writes.
func checkLexical(ts quad.TypedString) error {
	v := string(ts.Value)
	switch ts.Type {
	case XSDInteger:
		if !reInteger.MatchString(v) {
			return fmt.Errorf("%q is not an xsd:integer", v)
		}
	case XSDDecimal:
		if !reDecimal.MatchString(v) {
			return fmt.Errorf("%q is not an xsd:decimal", v)
		}
	case XSDGYear:
		if !reGYear.MatchString(v) {
			return fmt.Errorf("%q is not an xsd:gYear", v)
		}
	case XSDBoolean:
		if _, err := strconv.ParseBool(v); err != nil || (v != "true" && v != "false" && v != "1" && v != "0") {
			return fmt.Errorf("%q is not an xsd:boolean", v)
		}
	case XSDDate:
		m := reDate.FindStringSubmatch(v)
		if m == nil {
			return fmt.Errorf("%q is not an xsd:date", v)
		}
		if _, err := time.Parse("2006-01-02", strings.TrimPrefix(m[1], "-")+"-"+m[2]+"-"+m[3]); err != nil && len(m[1]) == 4 {
			return fmt.Errorf("%q is not a calendar date", v)
		}
	}
	return nil
}
