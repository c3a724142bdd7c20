package w3c

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/internal/rdfio"
	"github.com/partygraph/partygraph/queries/results"
)

// Compare tells how an actual SELECT result differs from the expected
// one; it returns "" when they agree. Columns are matched by variable name.
// Rows are compared as multisets up to a one-to-one renaming of blank nodes,
// with numbers of the same datatype compared by value ("1.50" and "1.5" are
// the same xsd:decimal) and language tags without regard to case. When
// orderBy is non-nil the sequence of the rows' values of those variables must
// also agree (rows that tie on every key may come in any order); an empty
// non-nil orderBy compares whole rows in order. With lax set, only which
// distinct rows occur is compared.
func Compare(expected, actual *results.Set, orderBy []string, lax bool) string {
	if expected.IsBool || actual.IsBool {
		if expected.IsBool != actual.IsBool {
			return fmt.Sprintf("expected a boolean: %v, got a boolean: %v", expected.IsBool, actual.IsBool)
		}
		if expected.Bool != actual.Bool {
			return fmt.Sprintf("expected %v, got %v", expected.Bool, actual.Bool)
		}
		return ""
	}
	c := comparer{}
	vars := expected.Vars
	if !sameVars(expected.Vars, actual.Vars) {
		// A variable that one side lacks must be unbound in every row of
		// the other (result files often leave such columns out).
		vars = unionVars(expected.Vars, actual.Vars)
		if !unboundExcept(expected, actual.Vars) || !unboundExcept(actual, expected.Vars) {
			return fmt.Sprintf("variables differ: expected %v, got %v", expected.Vars, actual.Vars)
		}
	}
	exp := project(expected, vars)
	act := project(actual, vars)
	if lax {
		exp, act = c.distinct(exp), c.distinct(act)
	}
	if len(exp) != len(act) {
		return fmt.Sprintf("expected %d rows, got %d\n%s", len(exp), len(act), c.diff(vars, exp, act))
	}
	if !c.matchRows(exp, act) {
		return "rows differ\n" + c.diff(vars, exp, act)
	}
	if orderBy != nil {
		var cols []int
		for _, k := range orderBy {
			for i, v := range vars {
				if v == k {
					cols = append(cols, i)
				}
			}
		}
		if len(orderBy) == 0 {
			for i := range vars {
				cols = append(cols, i)
			}
		}
		if len(cols) > 0 {
			ek, ak := keys(exp, cols), keys(act, cols)
			if !c.matchRowsOrdered(ek, ak) {
				return fmt.Sprintf("rows are not in the expected order of %v\n%s", orderBy, c.diff(vars, exp, act))
			}
		}
	}
	return ""
}

// CompareGraphs tells how an actual graph differs from the expected one:
// "" when they are isomorphic, as sets of triples (graph labels are
// ignored). Terms must be equal exactly.
func CompareGraphs(expected, actual []quad.Quad) string {
	c := comparer{exact: true}
	rows := func(qs []quad.Quad) [][]quad.Value {
		var out [][]quad.Value
		for _, q := range qs {
			out = append(out, []quad.Value{q.Subject, q.Predicate, q.Object})
		}
		return c.distinct(out)
	}
	exp, act := rows(expected), rows(actual)
	vars := []string{"s", "p", "o"}
	if len(exp) != len(act) {
		return fmt.Sprintf("expected %d triples, got %d\n%s", len(exp), len(act), c.diff(vars, exp, act))
	}
	if !c.matchRows(exp, act) {
		return "graphs are not isomorphic\n" + c.diff(vars, exp, act)
	}
	return ""
}

func sameVars(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x := append([]string(nil), a...)
	y := append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

func unionVars(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, v := range b {
		found := false
		for _, w := range a {
			found = found || v == w
		}
		if !found {
			out = append(out, v)
		}
	}
	return out
}

// unboundExcept reports whether the variables of s that are not in
// others are unbound in every row of s.
func unboundExcept(s *results.Set, others []string) bool {
	for i, v := range s.Vars {
		found := false
		for _, w := range others {
			found = found || v == w
		}
		if found {
			continue
		}
		for _, r := range s.Rows {
			if i < len(r) && r[i] != nil {
				return false
			}
		}
	}
	return true
}

func project(s *results.Set, vars []string) [][]quad.Value {
	idx := make([]int, len(vars))
	for i, v := range vars {
		idx[i] = -1
		for j, w := range s.Vars {
			if v == w {
				idx[i] = j
			}
		}
	}
	out := make([][]quad.Value, len(s.Rows))
	for r, row := range s.Rows {
		nr := make([]quad.Value, len(vars))
		for i, j := range idx {
			if j >= 0 && j < len(row) {
				nr[i] = row[j]
			}
		}
		out[r] = nr
	}
	return out
}

func keys(rows [][]quad.Value, cols []int) [][]quad.Value {
	out := make([][]quad.Value, len(rows))
	for i, r := range rows {
		k := make([]quad.Value, len(cols))
		for j, c := range cols {
			k[j] = r[c]
		}
		out[i] = k
	}
	return out
}

// comparer compares terms: exactly, or with numbers by value and language
// tags by lower case.
type comparer struct {
	exact bool
}

func (c comparer) distinct(rows [][]quad.Value) [][]quad.Value {
	seen := map[string]bool{}
	var out [][]quad.Value
	for _, r := range rows {
		k := c.rowKey(r, false)
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// termKey is a canonical text of a term; blank nodes are written as "_"
// when hideBNodes is set.
func (c comparer) termKey(v quad.Value, hideBNodes bool) string {
	switch v := v.(type) {
	case nil:
		return "UNDEF"
	case quad.BNode:
		if hideBNodes {
			return "_"
		}
		return "_:" + string(v)
	case quad.LangString:
		if !c.exact {
			return rdfio.FormatTerm(quad.LangString{Value: v.Value, Lang: strings.ToLower(v.Lang)})
		}
	case quad.TypedString:
		if k, ok := numericKey(v); ok && !c.exact {
			return k
		}
	}
	return rdfio.FormatTerm(v)
}

// numericKey writes integers and decimals as exact rationals and doubles
// and floats as float64, keeping the datatype.
func numericKey(v quad.TypedString) (string, bool) {
	lex := strings.TrimSpace(string(v.Value))
	switch v.Type {
	case rdfio.XSDInteger, rdfio.XSDDecimal:
		r, ok := new(big.Rat).SetString(strings.TrimPrefix(lex, "+"))
		if !ok {
			return "", false
		}
		return r.RatString() + "^^" + string(v.Type), true
	case rdfio.XSDDouble, quad.IRI(rdfio.XSDNS + "float"):
		f, err := strconv.ParseFloat(lex, 64)
		if err != nil {
			switch lex {
			case "INF":
				f = math.Inf(1)
			case "-INF":
				f = math.Inf(-1)
			case "NaN":
				return "NaN^^" + string(v.Type), true
			default:
				return "", false
			}
		}
		if v.Type != rdfio.XSDDouble {
			f = float64(float32(f))
		}
		return strconv.FormatFloat(f, 'g', -1, 64) + "^^" + string(v.Type), true
	}
	return "", false
}

func (c comparer) rowKey(r []quad.Value, hideBNodes bool) string {
	var b strings.Builder
	for _, v := range r {
		b.WriteString(c.termKey(v, hideBNodes))
		b.WriteByte(0)
	}
	return b.String()
}

func bnodesOf(r []quad.Value) []quad.BNode {
	var out []quad.BNode
	for _, v := range r {
		if b, ok := v.(quad.BNode); ok {
			out = append(out, b)
		}
	}
	return out
}

// matchRows reports whether the multisets of rows are equal up to a
// bijective renaming of blank nodes.
func (c comparer) matchRows(exp, act [][]quad.Value) bool {
	// Ground rows must match exactly, by count.
	count := map[string]int{}
	var expB, actB [][]quad.Value
	for _, r := range exp {
		if len(bnodesOf(r)) > 0 {
			expB = append(expB, r)
		} else {
			count[c.rowKey(r, false)]++
		}
	}
	for _, r := range act {
		if len(bnodesOf(r)) > 0 {
			actB = append(actB, r)
		} else {
			count[c.rowKey(r, false)]--
		}
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	if len(expB) != len(actB) {
		return false
	}
	if len(expB) == 0 {
		return true
	}
	// Rows with blank nodes: color each blank node by its neighbourhood
	// (blank nodes that an isomorphism can map onto each other get the
	// same color), then search for a bijection, trying for each row only
	// rows of the same colored shape, in an order in which each row shares
	// blank nodes with rows already matched where possible.
	ecol, acol := c.colorBNodes(expB), c.colorBNodes(actB)
	shapeKey := func(r []quad.Value, col map[quad.BNode]string) string {
		var b strings.Builder
		for _, v := range r {
			if bn, ok := v.(quad.BNode); ok {
				b.WriteString("_:" + col[bn])
			} else {
				b.WriteString(c.termKey(v, false))
			}
			b.WriteByte(0)
		}
		return b.String()
	}
	shape := map[string][]int{}
	for i, r := range actB {
		k := shapeKey(r, acol)
		shape[k] = append(shape[k], i)
	}
	ekeys := make([]string, len(expB))
	need := map[string]int{}
	for i, r := range expB {
		ekeys[i] = shapeKey(r, ecol)
		need[ekeys[i]]++
	}
	if len(need) != len(shape) {
		return false
	}
	for k, n := range need {
		if len(shape[k]) != n {
			return false
		}
	}
	order := connectedOrder(expB, func(i int) int { return len(shape[ekeys[i]]) })
	m := &bnodeMatcher{fwd: map[quad.BNode]quad.BNode{}, back: map[quad.BNode]quad.BNode{}, budget: 1 << 21}
	used := make([]bool, len(actB))
	var try func(k int) bool
	try = func(k int) bool {
		if k == len(order) {
			return true
		}
		ei := order[k]
		for _, ai := range shape[ekeys[ei]] {
			if used[ai] {
				continue
			}
			if m.budget--; m.budget < 0 {
				return false
			}
			undo, ok := m.bind(expB[ei], actB[ai])
			if ok {
				used[ai] = true
				if try(k + 1) {
					return true
				}
				used[ai] = false
			}
			m.undo(undo)
		}
		return false
	}
	return try(0)
}

// connectedOrder orders rows so that, after the first, each row has as
// many blank nodes already seen as possible, ties going to the row with
// fewer candidates.
func connectedOrder(rows [][]quad.Value, candidates func(int) int) []int {
	seen := map[quad.BNode]bool{}
	done := make([]bool, len(rows))
	order := make([]int, 0, len(rows))
	for len(order) < len(rows) {
		best, bestSeen, bestCand := -1, -1, 0
		for i, r := range rows {
			if done[i] {
				continue
			}
			n := 0
			for _, b := range bnodesOf(r) {
				if seen[b] {
					n++
				}
			}
			cand := candidates(i)
			if best < 0 || n > bestSeen || n == bestSeen && cand < bestCand {
				best, bestSeen, bestCand = i, n, cand
			}
		}
		done[best] = true
		order = append(order, best)
		for _, b := range bnodesOf(rows[best]) {
			seen[b] = true
		}
	}
	return order
}

// colorBNodes gives each blank node of rows a color that depends only on
// the rows around it, refined round by round (as in Weisfeiler-Lehman
// graph hashing) until the number of colors stops growing.
func (c comparer) colorBNodes(rows [][]quad.Value) map[quad.BNode]string {
	col := map[quad.BNode]string{}
	for _, r := range rows {
		for _, b := range bnodesOf(r) {
			col[b] = ""
		}
	}
	distinct := 1
	for round := 0; round < 16; round++ {
		sigs := map[quad.BNode][]string{}
		for _, r := range rows {
			for i, v := range r {
				b, ok := v.(quad.BNode)
				if !ok {
					continue
				}
				var sb strings.Builder
				sb.WriteString(strconv.Itoa(i))
				for j, w := range r {
					sb.WriteByte(1)
					wb, isB := w.(quad.BNode)
					switch {
					case j == i || isB && wb == b:
						sb.WriteString("self")
					case isB:
						sb.WriteString("_:" + col[wb])
					default:
						sb.WriteString(c.termKey(w, false))
					}
				}
				sigs[b] = append(sigs[b], sb.String())
			}
		}
		next := make(map[quad.BNode]string, len(col))
		seen := map[string]bool{}
		for b, list := range sigs {
			sort.Strings(list)
			h := sha256.Sum256([]byte(col[b] + "\x02" + strings.Join(list, "\x03")))
			next[b] = hex.EncodeToString(h[:8])
			seen[next[b]] = true
		}
		col = next
		if len(seen) <= distinct {
			break
		}
		distinct = len(seen)
	}
	return col
}

// matchRowsOrdered compares two sequences row by row under one renaming
// of blank nodes.
func (c comparer) matchRowsOrdered(exp, act [][]quad.Value) bool {
	if len(exp) != len(act) {
		return false
	}
	m := &bnodeMatcher{fwd: map[quad.BNode]quad.BNode{}, back: map[quad.BNode]quad.BNode{}}
	for i := range exp {
		if c.rowKey(exp[i], true) != c.rowKey(act[i], true) {
			return false
		}
		if _, ok := m.bind(exp[i], act[i]); !ok {
			return false
		}
	}
	return true
}

type bnodeMatcher struct {
	fwd, back map[quad.BNode]quad.BNode
	budget    int
}

// bind extends the renaming so that row e maps to row a; it returns the
// blank nodes it added, to undo.
func (m *bnodeMatcher) bind(e, a []quad.Value) ([]quad.BNode, bool) {
	var added []quad.BNode
	for i := range e {
		eb, ok1 := e[i].(quad.BNode)
		ab, ok2 := a[i].(quad.BNode)
		if ok1 != ok2 {
			return added, false
		}
		if !ok1 {
			continue
		}
		if x, ok := m.fwd[eb]; ok {
			if x != ab {
				return added, false
			}
			continue
		}
		if _, ok := m.back[ab]; ok {
			return added, false
		}
		m.fwd[eb], m.back[ab] = ab, eb
		added = append(added, eb)
	}
	return added, true
}

func (m *bnodeMatcher) undo(added []quad.BNode) {
	for _, eb := range added {
		delete(m.back, m.fwd[eb])
		delete(m.fwd, eb)
	}
}

// diff lists the rows only one side has (blank nodes hidden), at most 20
// of each.
func (c comparer) diff(vars []string, exp, act [][]quad.Value) string {
	count := map[string]int{}
	for _, r := range exp {
		count[c.rowKey(r, true)]++
	}
	for _, r := range act {
		count[c.rowKey(r, true)]--
	}
	var b strings.Builder
	show := func(sign string, rows [][]quad.Value, want int) {
		n := 0
		for _, r := range rows {
			k := c.rowKey(r, true)
			if (want > 0 && count[k] > 0) || (want < 0 && count[k] < 0) {
				if n++; n > 20 {
					b.WriteString(sign + " ...\n")
					return
				}
				b.WriteString(sign + " " + c.formatRow(vars, r) + "\n")
			}
		}
	}
	show("-", exp, 1)
	show("+", act, -1)
	if b.Len() == 0 {
		b.WriteString("  (same rows up to blank nodes; differences are in blank node sharing or order)\n")
		n := 0
		for i := range exp {
			if n++; n > 10 {
				break
			}
			b.WriteString("  expected " + c.formatRow(vars, exp[i]) + "\n  got      " + c.formatRow(vars, act[i]) + "\n")
		}
	}
	return b.String()
}

func (c comparer) formatRow(vars []string, r []quad.Value) string {
	parts := make([]string, len(r))
	for i, v := range r {
		name := "?"
		if i < len(vars) {
			name += vars[i]
		}
		parts[i] = name + "=" + c.termKey(v, false)
	}
	return strings.Join(parts, " ")
}
