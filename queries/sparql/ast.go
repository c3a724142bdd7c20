package sparql

import "github.com/cayleygraph/quad"

// Pos is a byte offset in the query text.
type Pos int

// Form is the form of a query.
type Form int

// The query forms.
const (
	FormSelect Form = iota
	FormAsk
	FormConstruct
	FormDescribe
)

func (f Form) String() string {
	return [...]string{"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}[f]
}

// Query is a parsed SPARQL query (or subquery).
type Query struct {
	Pos       Pos
	Form      Form
	Base      string
	Prefixes  map[string]string
	Distinct  bool
	Reduced   bool
	Star      bool         // SELECT * or DESCRIBE *
	Select    []SelectItem // SELECT projection
	Template  []TriplePath // CONSTRUCT template (nil with CONSTRUCT WHERE: the pattern is the template)
	Describe  []Node       // DESCRIBE resources
	From      []quad.IRI
	FromNamed []quad.IRI
	Where     *GroupPattern
	GroupBy   []GroupCond
	Having    []Expr
	OrderBy   []OrderCond
	Limit     int64 // -1 = none
	Offset    int64
	Values    *ValuesPattern // trailing VALUES clause

	text string // the query text, for error positions at run time
	alg  Op     // the translated algebra
	// predef are the prefixes predeclared by ParseWith
	predef map[string]string
}

// SelectItem is a projected variable, optionally computed by an expression.
type SelectItem struct {
	Pos  Pos
	Var  string
	Expr Expr // nil for a plain variable
}

// GroupCond is a GROUP BY key: an expression, optionally bound to a variable.
type GroupCond struct {
	Expr Expr
	Var  string // "" unless (expr AS ?var)
}

// OrderCond is an ORDER BY key.
type OrderCond struct {
	Expr Expr
	Desc bool
}

// Node is a term or a variable in a pattern.
type Node struct {
	Pos   Pos
	Var   string     // variable name; blank nodes in patterns become "_:label" variables
	Value quad.Value // constant term when Var == ""
}

// IsVar reports whether n is a variable.
func (n Node) IsVar() bool { return n.Var != "" }

// TriplePath is a triple pattern whose predicate may be a property path.
type TriplePath struct {
	S, O Node
	P    Node // predicate when Path == nil
	Path Path
}

// Pattern is an element of a group graph pattern.
type Pattern interface{ patternNode() }

// GroupPattern is { ... }.
type GroupPattern struct {
	Pos   Pos
	Elems []Pattern
}

// TriplesBlock is a run of triple patterns.
type TriplesBlock struct {
	Pos     Pos
	Triples []TriplePath
}

// FilterPattern is FILTER(expr).
type FilterPattern struct {
	Pos  Pos
	Expr Expr
}

// OptionalPattern is OPTIONAL { ... }.
type OptionalPattern struct {
	Pos   Pos
	Group *GroupPattern
}

// UnionPattern is { ... } UNION { ... } ...
type UnionPattern struct {
	Pos    Pos
	Groups []*GroupPattern
}

// MinusPattern is MINUS { ... }.
type MinusPattern struct {
	Pos   Pos
	Group *GroupPattern
}

// GraphPattern is GRAPH name { ... }.
type GraphPattern struct {
	Pos   Pos
	Name  Node
	Group *GroupPattern
}

// BindPattern is BIND(expr AS ?var).
type BindPattern struct {
	Pos  Pos
	Expr Expr
	Var  string
}

// ValuesPattern is VALUES (vars) { rows }; nil entries are UNDEF.
type ValuesPattern struct {
	Pos  Pos
	Vars []string
	Rows [][]quad.Value
}

// SubSelect is a nested SELECT query.
type SubSelect struct {
	Pos   Pos
	Query *Query
}

func (*GroupPattern) patternNode()    {}
func (*TriplesBlock) patternNode()    {}
func (*FilterPattern) patternNode()   {}
func (*OptionalPattern) patternNode() {}
func (*UnionPattern) patternNode()    {}
func (*MinusPattern) patternNode()    {}
func (*GraphPattern) patternNode()    {}
func (*BindPattern) patternNode()     {}
func (*ValuesPattern) patternNode()   {}
func (*SubSelect) patternNode()       {}

// Path is a property path expression.
type Path interface{ pathNode() }

// PathIRI is a single predicate.
type PathIRI struct{ IRI quad.IRI }

// PathInv is ^path.
type PathInv struct{ X Path }

// PathSeq is a/b.
type PathSeq struct{ L, R Path }

// PathAlt is a|b.
type PathAlt struct{ L, R Path }

// PathMod is path*, path+ or path?.
type PathMod struct {
	X  Path
	Op byte // '*', '+', '?'
}

// PathNeg is !(a|^b): Fwd are the excluded forward predicates, Inv the excluded inverse ones.
type PathNeg struct {
	Fwd, Inv []quad.IRI
}

func (PathIRI) pathNode() {}
func (PathInv) pathNode() {}
func (PathSeq) pathNode() {}
func (PathAlt) pathNode() {}
func (PathMod) pathNode() {}
func (PathNeg) pathNode() {}

// Expr is an expression.
type Expr interface{ exprPos() Pos }

// VarExpr is a variable reference.
type VarExpr struct {
	Pos  Pos
	Name string
}

// ConstExpr is a constant term.
type ConstExpr struct {
	Pos   Pos
	Value quad.Value
}

// BinaryExpr is L op R, op one of || && = != < > <= >= + - * /.
type BinaryExpr struct {
	Pos  Pos
	Op   string
	L, R Expr
}

// UnaryExpr is !X, -X or +X.
type UnaryExpr struct {
	Pos Pos
	Op  string
	X   Expr
}

// InExpr is X [NOT] IN (list).
type InExpr struct {
	Pos  Pos
	Not  bool
	X    Expr
	List []Expr
}

// CallExpr is a built-in call (Name upper case, e.g. "STRLEN", "COUNT"),
// or a call of an IRI function (Name is the IRI, IRI true).
type CallExpr struct {
	Pos       Pos
	Name      string
	IRI       bool
	Args      []Expr
	Distinct  bool   // aggregates
	Star      bool   // COUNT(*)
	Separator string // GROUP_CONCAT
	HasSep    bool
}

// ExistsExpr is [NOT] EXISTS { ... }.
type ExistsExpr struct {
	Pos   Pos
	Not   bool
	Group *GroupPattern
	op    Op // translated pattern
}

func (e *VarExpr) exprPos() Pos    { return e.Pos }
func (e *ConstExpr) exprPos() Pos  { return e.Pos }
func (e *BinaryExpr) exprPos() Pos { return e.Pos }
func (e *UnaryExpr) exprPos() Pos  { return e.Pos }
func (e *InExpr) exprPos() Pos     { return e.Pos }
func (e *CallExpr) exprPos() Pos   { return e.Pos }
func (e *ExistsExpr) exprPos() Pos { return e.Pos }
