package sparql

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Op is an operator of the SPARQL algebra.
type Op interface {
	String() string
	write(b *strings.Builder, indent int)
}

// Triple is a triple pattern in a BGP.
type Triple struct{ S, P, O Node }

// BGP is a basic graph pattern.
type BGP struct{ Triples []Triple }

// PathOp is a triple pattern with a property path that is not a simple link.
type PathOp struct {
	S, O Node
	Path Path
}

// Join joins two patterns.
type Join struct{ L, R Op }

// LeftJoin is OPTIONAL; Expr is nil when the optional part has no filter.
type LeftJoin struct {
	L, R Op
	Expr Expr
}

// Filter keeps the solutions of Sub for which all Exprs are true.
type Filter struct {
	Exprs []Expr
	Sub   Op
}

// Union is the union of two patterns.
type Union struct{ L, R Op }

// Minus removes the solutions of L compatible with a solution of R.
type Minus struct{ L, R Op }

// Graph evaluates Sub in the named graph Name (a variable or an IRI).
type Graph struct {
	Name Node
	Sub  Op
}

// Extend binds Var to the value of Expr (BIND and SELECT expressions).
type Extend struct {
	Sub  Op
	Var  string
	Expr Expr
}

// Table is inline data (VALUES); nil cells are unbound.
type Table struct {
	Vars []string
	Rows [][]quad.Value
}

// Aggregate is one aggregate computed by a Group; Var receives its value.
type Aggregate struct {
	Var  string
	Call *CallExpr
}

// Group groups the solutions of Sub by Keys and computes Aggs per group.
type Group struct {
	Keys    []Expr
	KeyVars []string // variable bound to each key ("" if none)
	Aggs    []Aggregate
	Sub     Op
}

// OrderBy sorts solutions.
type OrderBy struct {
	Conds []OrderCond
	Sub   Op
}

// Project keeps only Vars.
type Project struct {
	Vars []string
	Sub  Op
}

// Distinct removes duplicate solutions.
type Distinct struct{ Sub Op }

// Reduced may remove duplicate solutions.
type Reduced struct{ Sub Op }

// Slice is OFFSET/LIMIT; Limit -1 means none.
type Slice struct {
	Offset, Limit int64
	Sub           Op
}

func opString(op Op) string {
	var b strings.Builder
	op.write(&b, 0)
	return b.String()
}

func (o *BGP) String() string      { return opString(o) }
func (o *PathOp) String() string   { return opString(o) }
func (o *Join) String() string     { return opString(o) }
func (o *LeftJoin) String() string { return opString(o) }
func (o *Filter) String() string   { return opString(o) }
func (o *Union) String() string    { return opString(o) }
func (o *Minus) String() string    { return opString(o) }
func (o *Graph) String() string    { return opString(o) }
func (o *Extend) String() string   { return opString(o) }
func (o *Table) String() string    { return opString(o) }
func (o *Group) String() string    { return opString(o) }
func (o *OrderBy) String() string  { return opString(o) }
func (o *Project) String() string  { return opString(o) }
func (o *Distinct) String() string { return opString(o) }
func (o *Reduced) String() string  { return opString(o) }
func (o *Slice) String() string    { return opString(o) }

func nl(b *strings.Builder, indent int) {
	b.WriteByte('\n')
	for i := 0; i < indent; i++ {
		b.WriteString("  ")
	}
}

func nodeString(n Node) string {
	if n.IsVar() {
		if strings.HasPrefix(n.Var, "_:") {
			return "??" + n.Var[2:]
		}
		return "?" + n.Var
	}
	return termString(n.Value)
}

func (o *BGP) write(b *strings.Builder, indent int) {
	b.WriteString("(bgp")
	for _, t := range o.Triples {
		nl(b, indent+1)
		fmt.Fprintf(b, "(triple %s %s %s)", nodeString(t.S), nodeString(t.P), nodeString(t.O))
	}
	b.WriteString(")")
}

func (o *PathOp) write(b *strings.Builder, indent int) {
	fmt.Fprintf(b, "(path %s %s %s)", nodeString(o.S), pathString(o.Path), nodeString(o.O))
}

func pathString(p Path) string {
	switch p := p.(type) {
	case PathIRI:
		return termString(p.IRI)
	case PathInv:
		return "(reverse " + pathString(p.X) + ")"
	case PathSeq:
		return "(seq " + pathString(p.L) + " " + pathString(p.R) + ")"
	case PathAlt:
		return "(alt " + pathString(p.L) + " " + pathString(p.R) + ")"
	case PathMod:
		switch p.Op {
		case '*':
			return "(path* " + pathString(p.X) + ")"
		case '+':
			return "(path+ " + pathString(p.X) + ")"
		}
		return "(path? " + pathString(p.X) + ")"
	case PathNeg:
		var parts []string
		for _, i := range p.Fwd {
			parts = append(parts, termString(i))
		}
		for _, i := range p.Inv {
			parts = append(parts, "(reverse "+termString(i)+")")
		}
		return "(notoneof " + strings.Join(parts, " ") + ")"
	}
	return "?"
}

func write2(b *strings.Builder, indent int, name string, l, r Op) {
	b.WriteString("(" + name)
	nl(b, indent+1)
	l.write(b, indent+1)
	nl(b, indent+1)
	r.write(b, indent+1)
	b.WriteString(")")
}

func (o *Join) write(b *strings.Builder, indent int)  { write2(b, indent, "join", o.L, o.R) }
func (o *Union) write(b *strings.Builder, indent int) { write2(b, indent, "union", o.L, o.R) }
func (o *Minus) write(b *strings.Builder, indent int) { write2(b, indent, "minus", o.L, o.R) }

func (o *LeftJoin) write(b *strings.Builder, indent int) {
	b.WriteString("(leftjoin")
	nl(b, indent+1)
	o.L.write(b, indent+1)
	nl(b, indent+1)
	o.R.write(b, indent+1)
	if o.Expr != nil {
		nl(b, indent+1)
		b.WriteString(exprString(o.Expr))
	}
	b.WriteString(")")
}

func (o *Filter) write(b *strings.Builder, indent int) {
	b.WriteString("(filter ")
	if len(o.Exprs) == 1 {
		b.WriteString(exprString(o.Exprs[0]))
	} else {
		b.WriteString("(exprs")
		for _, e := range o.Exprs {
			b.WriteString(" " + exprString(e))
		}
		b.WriteString(")")
	}
	nl(b, indent+1)
	o.Sub.write(b, indent+1)
	b.WriteString(")")
}

func (o *Graph) write(b *strings.Builder, indent int) {
	b.WriteString("(graph " + nodeString(o.Name))
	nl(b, indent+1)
	o.Sub.write(b, indent+1)
	b.WriteString(")")
}

func (o *Extend) write(b *strings.Builder, indent int) {
	fmt.Fprintf(b, "(extend ((?%s %s))", o.Var, exprString(o.Expr))
	nl(b, indent+1)
	o.Sub.write(b, indent+1)
	b.WriteString(")")
}

func (o *Table) write(b *strings.Builder, indent int) {
	b.WriteString("(table (vars")
	for _, v := range o.Vars {
		b.WriteString(" ?" + v)
	}
	b.WriteString(")")
	for _, r := range o.Rows {
		nl(b, indent+1)
		b.WriteString("(row")
		for i, v := range r {
			if v != nil {
				fmt.Fprintf(b, " [?%s %s]", o.Vars[i], termString(v))
			}
		}
		b.WriteString(")")
	}
	b.WriteString(")")
}

func (o *Group) write(b *strings.Builder, indent int) {
	b.WriteString("(group (")
	for i, k := range o.Keys {
		if i > 0 {
			b.WriteString(" ")
		}
		if o.KeyVars[i] != "" {
			fmt.Fprintf(b, "(?%s %s)", o.KeyVars[i], exprString(k))
		} else {
			b.WriteString(exprString(k))
		}
	}
	b.WriteString(") (")
	for i, a := range o.Aggs {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(b, "(?%s %s)", a.Var, exprString(a.Call))
	}
	b.WriteString(")")
	nl(b, indent+1)
	o.Sub.write(b, indent+1)
	b.WriteString(")")
}

func (o *OrderBy) write(b *strings.Builder, indent int) {
	b.WriteString("(order (")
	for i, c := range o.Conds {
		if i > 0 {
			b.WriteString(" ")
		}
		if c.Desc {
			b.WriteString("(desc " + exprString(c.Expr) + ")")
		} else {
			b.WriteString(exprString(c.Expr))
		}
	}
	b.WriteString(")")
	nl(b, indent+1)
	o.Sub.write(b, indent+1)
	b.WriteString(")")
}

func (o *Project) write(b *strings.Builder, indent int) {
	b.WriteString("(project (")
	for i, v := range o.Vars {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString("?" + v)
	}
	b.WriteString(")")
	nl(b, indent+1)
	o.Sub.write(b, indent+1)
	b.WriteString(")")
}

func (o *Distinct) write(b *strings.Builder, indent int) {
	b.WriteString("(distinct")
	nl(b, indent+1)
	o.Sub.write(b, indent+1)
	b.WriteString(")")
}

func (o *Reduced) write(b *strings.Builder, indent int) {
	b.WriteString("(reduced")
	nl(b, indent+1)
	o.Sub.write(b, indent+1)
	b.WriteString(")")
}

func (o *Slice) write(b *strings.Builder, indent int) {
	lim := "_"
	if o.Limit >= 0 {
		lim = strconv.FormatInt(o.Limit, 10)
	}
	fmt.Fprintf(b, "(slice %d %s", o.Offset, lim)
	nl(b, indent+1)
	o.Sub.write(b, indent+1)
	b.WriteString(")")
}

// exprString prints an expression as an S-expression.
func exprString(e Expr) string {
	switch e := e.(type) {
	case *VarExpr:
		return "?" + e.Name
	case *ConstExpr:
		return termString(e.Value)
	case *BinaryExpr:
		return "(" + e.Op + " " + exprString(e.L) + " " + exprString(e.R) + ")"
	case *UnaryExpr:
		return "(" + e.Op + " " + exprString(e.X) + ")"
	case *InExpr:
		s := "(in "
		if e.Not {
			s = "(notin "
		}
		s += exprString(e.X)
		for _, x := range e.List {
			s += " " + exprString(x)
		}
		return s + ")"
	case *CallExpr:
		name := strings.ToLower(e.Name)
		if e.IRI {
			name = "<" + e.Name + ">"
		}
		s := "(" + name
		if e.Distinct {
			s += " distinct"
		}
		if e.Star {
			s += " *"
		}
		for _, a := range e.Args {
			s += " " + exprString(a)
		}
		if e.HasSep {
			s += " (separator " + quoteString(e.Separator) + ")"
		}
		return s + ")"
	case *ExistsExpr:
		name := "exists"
		if e.Not {
			name = "notexists"
		}
		if e.op != nil {
			return "(" + name + " " + strings.Join(strings.Fields(e.op.String()), " ") + ")"
		}
		return "(" + name + ")"
	}
	return "?"
}

// ---- translation ----

type translator struct {
	src  string
	nagg int
	nvar int
}

func (t *translator) errorf(pos Pos, format string, args ...any) {
	panic(bailout{newError(t.src, int(pos), fmt.Sprintf(format, args...))})
}

// Translate returns the algebra of a parsed query.
func Translate(q *Query) (Op, error) { return translateQuery(q) }

func translateQuery(q *Query) (op Op, err error) {
	if q.alg != nil {
		return q.alg, nil
	}
	t := &translator{src: q.text}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			op, err = nil, b.err
		}
	}()
	op = t.query(q)
	q.alg = op
	return op, nil
}

func isEmptyBGP(op Op) bool {
	b, ok := op.(*BGP)
	return ok && len(b.Triples) == 0
}

func join(l, r Op) Op {
	if isEmptyBGP(l) {
		return r
	}
	if isEmptyBGP(r) {
		return l
	}
	return &Join{L: l, R: r}
}

func (t *translator) query(q *Query) Op {
	var op Op = &BGP{}
	if q.Where != nil {
		op = t.group(q.Where)
	}
	// aggregation
	agg := &Group{}
	hasAgg := false
	var selItems []SelectItem
	for _, it := range q.Select {
		if it.Expr != nil {
			it.Expr = t.extractAggs(it.Expr, agg, &hasAgg)
		}
		selItems = append(selItems, it)
	}
	having := make([]Expr, len(q.Having))
	for i, h := range q.Having {
		having[i] = t.extractAggs(h, agg, &hasAgg)
	}
	order := make([]OrderCond, len(q.OrderBy))
	for i, c := range q.OrderBy {
		order[i] = OrderCond{Expr: t.extractAggs(c.Expr, agg, &hasAgg), Desc: c.Desc}
	}
	grouped := hasAgg || len(q.GroupBy) > 0
	groupVars := map[string]bool{}
	if grouped {
		for _, k := range q.GroupBy {
			agg.Keys = append(agg.Keys, k.Expr)
			agg.KeyVars = append(agg.KeyVars, k.Var)
			if k.Var != "" {
				groupVars[k.Var] = true
			} else if v, ok := k.Expr.(*VarExpr); ok {
				groupVars[v.Name] = true
			}
		}
		if q.Star {
			t.errorf(q.Pos, "SELECT * is not allowed with GROUP BY or aggregates")
		}
		agg.Sub = op
		op = agg
		for _, a := range agg.Aggs {
			groupVars[a.Var] = true
		}
	}
	if len(having) > 0 {
		op = &Filter{Exprs: having, Sub: op}
	}
	if q.Values != nil {
		op = join(op, valuesTable(q.Values))
	}
	// projection
	var vars []string
	inScope := map[string]bool{}
	for _, v := range scopeVars(op) {
		inScope[v] = true
	}
	if q.Star {
		vars = visibleVars(op)
	} else {
		seen := map[string]bool{}
		for _, it := range selItems {
			if seen[it.Var] {
				t.errorf(it.Pos, "variable ?%s is projected twice", it.Var)
			}
			seen[it.Var] = true
			if it.Expr != nil {
				if inScope[it.Var] {
					t.errorf(it.Pos, "variable ?%s is already in scope; cannot bind it with AS", it.Var)
				}
				if grouped {
					t.checkGrouped(it.Expr, groupVars)
				}
				op = &Extend{Sub: op, Var: it.Var, Expr: it.Expr}
				inScope[it.Var] = true
				groupVars[it.Var] = true
			} else if grouped && !groupVars[it.Var] {
				t.errorf(it.Pos, "variable ?%s is projected but not grouped", it.Var)
			}
			vars = append(vars, it.Var)
		}
	}
	if len(order) > 0 {
		op = &OrderBy{Conds: order, Sub: op}
	}
	if q.Form == FormSelect || q.Form == FormDescribe && !q.Star {
		if q.Form == FormDescribe {
			vars = nil
			for _, n := range q.Describe {
				if n.IsVar() {
					vars = append(vars, n.Var)
				}
			}
		}
		op = &Project{Vars: vars, Sub: op}
	}
	if q.Distinct {
		op = &Distinct{Sub: op}
	} else if q.Reduced {
		op = &Reduced{Sub: op}
	}
	if q.Limit >= 0 || q.Offset > 0 {
		op = &Slice{Offset: q.Offset, Limit: q.Limit, Sub: op}
	}
	return op
}

// checkGrouped rejects variables used outside aggregates that are not group keys.
func (t *translator) checkGrouped(e Expr, ok map[string]bool) {
	switch e := e.(type) {
	case *VarExpr:
		if !ok[e.Name] {
			t.errorf(e.Pos, "variable ?%s is used in SELECT but not grouped", e.Name)
		}
	case *BinaryExpr:
		t.checkGrouped(e.L, ok)
		t.checkGrouped(e.R, ok)
	case *UnaryExpr:
		t.checkGrouped(e.X, ok)
	case *InExpr:
		t.checkGrouped(e.X, ok)
		for _, x := range e.List {
			t.checkGrouped(x, ok)
		}
	case *CallExpr:
		for _, x := range e.Args {
			t.checkGrouped(x, ok)
		}
	}
}

// extractAggs replaces aggregate calls in e by fresh variables and records them in g.
func (t *translator) extractAggs(e Expr, g *Group, found *bool) Expr {
	switch x := e.(type) {
	case *CallExpr:
		if !x.IRI && isAggregate(x.Name) {
			*found = true
			// reuse an identical aggregate
			s := exprString(x)
			for _, a := range g.Aggs {
				if exprString(a.Call) == s {
					return &VarExpr{Pos: x.Pos, Name: a.Var}
				}
			}
			v := ".agg" + strconv.Itoa(t.nagg)
			t.nagg++
			g.Aggs = append(g.Aggs, Aggregate{Var: v, Call: x})
			return &VarExpr{Pos: x.Pos, Name: v}
		}
		if x.IRI && len(x.Args) == 1 && x.Distinct {
			// custom aggregates are not supported
			t.errorf(x.Pos, "custom aggregate %s is not supported", x.Name)
		}
		n := *x
		n.Args = make([]Expr, len(x.Args))
		for i, a := range x.Args {
			n.Args[i] = t.extractAggs(a, g, found)
		}
		return &n
	case *BinaryExpr:
		n := *x
		n.L = t.extractAggs(x.L, g, found)
		n.R = t.extractAggs(x.R, g, found)
		return &n
	case *UnaryExpr:
		n := *x
		n.X = t.extractAggs(x.X, g, found)
		return &n
	case *InExpr:
		n := *x
		n.X = t.extractAggs(x.X, g, found)
		n.List = make([]Expr, len(x.List))
		for i, a := range x.List {
			n.List[i] = t.extractAggs(a, g, found)
		}
		return &n
	}
	return e
}

func valuesTable(v *ValuesPattern) *Table {
	return &Table{Vars: v.Vars, Rows: v.Rows}
}

func (t *translator) group(g *GroupPattern) Op {
	op, filters := t.groupParts(g)
	if len(filters) > 0 {
		op = &Filter{Exprs: filters, Sub: op}
	}
	return op
}

// groupParts translates a group graph pattern, returning its filters apart.
func (t *translator) groupParts(g *GroupPattern) (Op, []Expr) {
	var op Op = &BGP{}
	var filters []Expr
	for _, el := range g.Elems {
		switch el := el.(type) {
		case *TriplesBlock:
			op = t.triples(op, el.Triples)
		case *FilterPattern:
			filters = append(filters, t.expr(el.Expr))
		case *OptionalPattern:
			r, fs := t.groupParts(el.Group)
			if len(fs) > 0 {
				op = &LeftJoin{L: op, R: r, Expr: andAll(fs)}
			} else {
				op = &LeftJoin{L: op, R: r}
			}
		case *MinusPattern:
			op = &Minus{L: op, R: t.group(el.Group)}
		case *UnionPattern:
			var u Op
			for i, gr := range el.Groups {
				x := t.group(gr)
				if i == 0 {
					u = x
				} else {
					u = &Union{L: u, R: x}
				}
			}
			op = join(op, u)
		case *GroupPattern:
			op = join(op, t.group(el))
		case *GraphPattern:
			op = join(op, &Graph{Name: el.Name, Sub: t.group(el.Group)})
		case *BindPattern:
			for _, v := range scopeVars(op) {
				if v == el.Var {
					t.errorf(el.Pos, "BIND: variable ?%s is already in scope", el.Var)
				}
			}
			op = &Extend{Sub: op, Var: el.Var, Expr: t.expr(el.Expr)}
		case *ValuesPattern:
			op = join(op, valuesTable(el))
		case *SubSelect:
			op = join(op, t.query(el.Query))
		}
	}
	return op, filters
}

func andAll(es []Expr) Expr {
	e := es[0]
	for _, x := range es[1:] {
		e = &BinaryExpr{Pos: x.exprPos(), Op: "&&", L: e, R: x}
	}
	return e
}

// expr translates the patterns inside EXISTS.
func (t *translator) expr(e Expr) Expr {
	switch x := e.(type) {
	case *ExistsExpr:
		if x.op == nil {
			x.op = t.group(x.Group)
		}
	case *BinaryExpr:
		t.expr(x.L)
		t.expr(x.R)
	case *UnaryExpr:
		t.expr(x.X)
	case *InExpr:
		t.expr(x.X)
		for _, a := range x.List {
			t.expr(a)
		}
	case *CallExpr:
		for _, a := range x.Args {
			t.expr(a)
		}
	}
	return e
}

// triples adds triple patterns (with paths) to op.
func (t *translator) triples(op Op, ts []TriplePath) Op {
	var bgp *BGP
	add := func(tr Triple) {
		if bgp == nil {
			bgp = &BGP{Triples: []Triple{tr}}
			op = join(op, bgp)
			return
		}
		bgp.Triples = append(bgp.Triples, tr)
	}
	var addPath func(s Node, p Path, o Node)
	addPath = func(s Node, p Path, o Node) {
		switch p := p.(type) {
		case PathIRI:
			add(Triple{S: s, P: Node{Value: p.IRI}, O: o})
			return
		case PathInv:
			if l, ok := p.X.(PathIRI); ok {
				add(Triple{S: o, P: Node{Value: l.IRI}, O: s})
				return
			}
		case PathSeq:
			t.nvar++
			mid := Node{Var: "_:.p" + strconv.Itoa(t.nvar)}
			addPath(s, p.L, mid)
			addPath(mid, p.R, o)
			return
		}
		bgp = nil
		op = join(op, &PathOp{S: s, Path: p, O: o})
	}
	for _, tp := range ts {
		if tp.Path == nil {
			add(Triple{S: tp.S, P: tp.P, O: tp.O})
		} else {
			addPath(tp.S, tp.Path, tp.O)
		}
	}
	return op
}

// ---- variable analysis ----

// scopeVars returns the in-scope variables of op (SPARQL 1.1, 18.2.1), sorted.
func scopeVars(op Op) []string {
	m := map[string]bool{}
	collectVars(op, m, false)
	return sortedKeys(m)
}

// visibleVars are the in-scope variables without blank-node and hidden ones (SELECT *).
func visibleVars(op Op) []string {
	m := map[string]bool{}
	collectVars(op, m, false)
	var out []string
	for _, v := range orderedVars(op) {
		if m[v] && !strings.HasPrefix(v, "_:") && !strings.HasPrefix(v, ".") {
			out = append(out, v)
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// orderedVars lists in-scope variables in order of first appearance.
func orderedVars(op Op) []string {
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	var walk func(Op)
	node := func(n Node) {
		if n.IsVar() {
			add(n.Var)
		}
	}
	walk = func(op Op) {
		switch o := op.(type) {
		case *BGP:
			for _, t := range o.Triples {
				node(t.S)
				node(t.P)
				node(t.O)
			}
		case *PathOp:
			node(o.S)
			node(o.O)
		case *Join:
			walk(o.L)
			walk(o.R)
		case *LeftJoin:
			walk(o.L)
			walk(o.R)
		case *Union:
			walk(o.L)
			walk(o.R)
		case *Minus:
			walk(o.L)
		case *Filter:
			walk(o.Sub)
		case *Graph:
			node(o.Name)
			walk(o.Sub)
		case *Extend:
			walk(o.Sub)
			add(o.Var)
		case *Table:
			for _, v := range o.Vars {
				add(v)
			}
		case *Group:
			for i, k := range o.Keys {
				if o.KeyVars[i] != "" {
					add(o.KeyVars[i])
				} else if v, ok := k.(*VarExpr); ok {
					add(v.Name)
				}
			}
			for _, a := range o.Aggs {
				add(a.Var)
			}
		case *OrderBy:
			walk(o.Sub)
		case *Project:
			for _, v := range o.Vars {
				add(v)
			}
		case *Distinct:
			walk(o.Sub)
		case *Reduced:
			walk(o.Sub)
		case *Slice:
			walk(o.Sub)
		}
	}
	walk(op)
	return out
}

func collectVars(op Op, m map[string]bool, _ bool) {
	for _, v := range orderedVars(op) {
		m[v] = true
	}
}

// certainVars returns variables bound in every solution of op.
func certainVars(op Op) map[string]bool {
	m := map[string]bool{}
	switch o := op.(type) {
	case *BGP:
		for _, t := range o.Triples {
			for _, n := range []Node{t.S, t.P, t.O} {
				if n.IsVar() {
					m[n.Var] = true
				}
			}
		}
	case *PathOp:
		if o.S.IsVar() {
			m[o.S.Var] = true
		}
		if o.O.IsVar() {
			m[o.O.Var] = true
		}
	case *Join:
		for v := range certainVars(o.L) {
			m[v] = true
		}
		for v := range certainVars(o.R) {
			m[v] = true
		}
	case *LeftJoin:
		return certainVars(o.L)
	case *Minus:
		return certainVars(o.L)
	case *Union:
		r := certainVars(o.R)
		for v := range certainVars(o.L) {
			if r[v] {
				m[v] = true
			}
		}
	case *Filter:
		return certainVars(o.Sub)
	case *Graph:
		m = certainVars(o.Sub)
		if o.Name.IsVar() {
			m[o.Name.Var] = true
		}
	case *Extend:
		return certainVars(o.Sub)
	case *Table:
		for i, v := range o.Vars {
			all := true
			for _, r := range o.Rows {
				if r[i] == nil {
					all = false
					break
				}
			}
			if all {
				m[v] = true
			}
		}
	case *Group:
		for i, k := range o.Keys {
			if v, ok := k.(*VarExpr); ok && o.KeyVars[i] == "" && certainVars(o.Sub)[v.Name] {
				m[v.Name] = true
			}
		}
	case *OrderBy:
		return certainVars(o.Sub)
	case *Project:
		c := certainVars(o.Sub)
		for _, v := range o.Vars {
			if c[v] {
				m[v] = true
			}
		}
	case *Distinct:
		return certainVars(o.Sub)
	case *Reduced:
		return certainVars(o.Sub)
	case *Slice:
		return certainVars(o.Sub)
	}
	return m
}

// exprVars collects the variables an expression mentions (outside EXISTS patterns).
func exprVars(e Expr, m map[string]bool) {
	switch x := e.(type) {
	case *VarExpr:
		m[x.Name] = true
	case *BinaryExpr:
		exprVars(x.L, m)
		exprVars(x.R, m)
	case *UnaryExpr:
		exprVars(x.X, m)
	case *InExpr:
		exprVars(x.X, m)
		for _, a := range x.List {
			exprVars(a, m)
		}
	case *CallExpr:
		for _, a := range x.Args {
			exprVars(a, m)
		}
	case *ExistsExpr:
		m["\x00exists"] = true
	}
}
