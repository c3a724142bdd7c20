package sparql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Error is a syntax or semantic error in a query, at a position.
type Error struct {
	Pos  Pos
	Line int // 1-based
	Col  int // 1-based, in characters
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// bailout is the panic value the parser uses to stop at the first error.
type bailout struct{ err *Error }

// newError builds an Error at pos in src.
func newError(src string, pos int, msg string) *Error {
	if pos > len(src) {
		pos = len(src)
	}
	if pos < 0 {
		pos = 0
	}
	line := 1 + strings.Count(src[:pos], "\n")
	lineStart := strings.LastIndexByte(src[:pos], '\n') + 1
	col := 1 + len([]rune(src[lineStart:pos]))
	return &Error{Pos: Pos(pos), Line: line, Col: col, Msg: msg}
}

// Parse parses a SPARQL 1.1 query and translates it to the algebra.
// Errors are *Error values with the position of the problem.
// SPARQL Update requests are rejected.
func Parse(query string) (q *Query, err error) { return ParseBase(query, "") }

// ParseBase is Parse with a base IRI for relative IRIs (a BASE in the query overrides it).
func ParseBase(query, base string) (q *Query, err error) { return parse(query, base, nil) }

func parse(query, base string, predefined map[string]string) (q *Query, err error) {
	p := &parser{src: query, base: base, predefined: predefined}
	p.lex = lexer{src: query, fail: p.failf}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			q, err = nil, b.err
		}
	}()
	p.advance()
	q = p.parseQuery()
	q.text = query
	q.predef = predefined
	if _, err := translateQuery(q); err != nil {
		return nil, err
	}
	return q, nil
}

type parser struct {
	src      string
	lex      lexer
	tok      token
	peeked   []token
	base     string
	prefixes map[string]string
	// predefined prefixes, declared before the query's own (ParseWith)
	predefined map[string]string
	anon       int
	// blank node labels: which basic graph pattern used them
	bnodeBGP   map[string]int
	bgpID      int
	inTemplate bool
	depth      int // nesting of groups, expressions and paths
	aggOK      bool
}

// maxDepth bounds the nesting of a query, so that hostile input cannot
// exhaust the stack.
const maxDepth = 500

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.failf(p.tok.pos, "query is nested more than %d levels deep", maxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) failf(pos int, format string, args ...any) {
	panic(bailout{newError(p.src, pos, fmt.Sprintf(format, args...))})
}

func (p *parser) advance() {
	if len(p.peeked) > 0 {
		p.tok = p.peeked[0]
		p.peeked = p.peeked[1:]
		return
	}
	p.tok = p.lex.next()
}

func (p *parser) peek() token {
	if len(p.peeked) == 0 {
		p.peeked = append(p.peeked, p.lex.next())
	}
	return p.peeked[0]
}

// isKw reports whether the current token is the keyword kw (case-insensitive).
func (p *parser) isKw(kw string) bool {
	return p.tok.kind == tIdent && strings.EqualFold(p.tok.text, kw)
}

func (p *parser) acceptKw(kw string) bool {
	if p.isKw(kw) {
		p.advance()
		return true
	}
	return false
}

func (p *parser) expectKw(kw string) {
	if !p.acceptKw(kw) {
		p.failf(p.tok.pos, "expected %s, found %s", kw, p.tok)
	}
}

func (p *parser) isPunct(s string) bool { return p.tok.kind == tPunct && p.tok.text == s }

func (p *parser) acceptPunct(s string) bool {
	if p.isPunct(s) {
		p.advance()
		return true
	}
	return false
}

func (p *parser) expectPunct(s string) {
	if !p.acceptPunct(s) {
		p.failf(p.tok.pos, "expected '%s', found %s", s, p.tok)
	}
}

func (p *parser) parseQuery() *Query {
	q := &Query{Pos: Pos(p.tok.pos), Limit: -1}
	p.prefixes = make(map[string]string, len(p.predefined))
	for k, v := range p.predefined {
		p.prefixes[k] = v
	}
	p.bnodeBGP = map[string]int{}
	p.parsePrologue()
	q.Base = p.base
	q.Prefixes = p.prefixes
	switch {
	case p.isKw("SELECT"):
		p.parseSelectClause(q)
		p.parseDataset(q)
		p.acceptKw("WHERE")
		q.Where = p.parseGroup()
		p.parseModifiers(q)
	case p.isKw("ASK"):
		q.Form = FormAsk
		p.advance()
		p.parseDataset(q)
		p.acceptKw("WHERE")
		q.Where = p.parseGroup()
		p.parseModifiers(q)
	case p.isKw("CONSTRUCT"):
		q.Form = FormConstruct
		p.advance()
		if p.isPunct("{") {
			p.advance()
			p.inTemplate = true
			q.Template = p.parseTriplesTemplate("}")
			p.inTemplate = false
			p.expectPunct("}")
			p.parseDataset(q)
			p.acceptKw("WHERE")
			q.Where = p.parseGroup()
		} else {
			p.parseDataset(q)
			p.expectKw("WHERE")
			pos := p.tok.pos
			p.expectPunct("{")
			p.bgpID++
			ts := p.parseTriplesTemplate("}")
			p.expectPunct("}")
			q.Where = &GroupPattern{Pos: Pos(pos)}
			if len(ts) > 0 {
				q.Where.Elems = []Pattern{&TriplesBlock{Pos: Pos(pos), Triples: ts}}
			}
			q.Template = ts
		}
		p.parseModifiers(q)
	case p.isKw("DESCRIBE"):
		q.Form = FormDescribe
		p.advance()
		if p.acceptPunct("*") {
			q.Star = true
		} else {
			for p.tok.kind == tVar || p.tok.kind == tIRI || p.tok.kind == tPName {
				q.Describe = append(q.Describe, p.parseVarOrIRI())
			}
			if len(q.Describe) == 0 {
				p.failf(p.tok.pos, "expected a variable, an IRI or '*' after DESCRIBE, found %s", p.tok)
			}
		}
		p.parseDataset(q)
		if p.acceptKw("WHERE") || p.isPunct("{") {
			q.Where = p.parseGroup()
		}
		p.parseModifiers(q)
	default:
		for _, kw := range []string{"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"} {
			if p.isKw(kw) {
				p.failf(p.tok.pos, "SPARQL Update (%s) is not supported: only queries are accepted", strings.ToUpper(kw))
			}
		}
		p.failf(p.tok.pos, "expected SELECT, ASK, CONSTRUCT or DESCRIBE, found %s", p.tok)
	}
	if p.acceptKw("VALUES") {
		q.Values = p.parseValuesBody(p.tok.pos)
	}
	if p.tok.kind != tEOF {
		if p.isPunct(";") {
			p.failf(p.tok.pos, "SPARQL Update is not supported: only one query is accepted")
		}
		p.failf(p.tok.pos, "expected end of query, found %s", p.tok)
	}
	return q
}

func (p *parser) parsePrologue() {
	for {
		switch {
		case p.isKw("BASE"):
			p.advance()
			if p.tok.kind != tIRI {
				p.failf(p.tok.pos, "expected an IRI after BASE, found %s", p.tok)
			}
			p.base = resolveIRI(p.base, p.tok.text)
			p.advance()
		case p.isKw("PREFIX"):
			p.advance()
			if p.tok.kind != tPName || !strings.HasSuffix(p.tok.text, ":") || strings.Count(p.tok.text, ":") != 1 {
				p.failf(p.tok.pos, "expected a prefix name like 'ex:' after PREFIX, found %s", p.tok)
			}
			name := strings.TrimSuffix(p.tok.text, ":")
			p.advance()
			if p.tok.kind != tIRI {
				p.failf(p.tok.pos, "expected an IRI after PREFIX %s:, found %s", name, p.tok)
			}
			p.prefixes[name] = resolveIRI(p.base, p.tok.text)
			p.advance()
		default:
			return
		}
	}
}

func (p *parser) parseSelectClause(q *Query) {
	q.Form = FormSelect
	p.expectKw("SELECT")
	if p.acceptKw("DISTINCT") {
		q.Distinct = true
	} else if p.acceptKw("REDUCED") {
		q.Reduced = true
	}
	if p.acceptPunct("*") {
		q.Star = true
		return
	}
	for {
		switch {
		case p.tok.kind == tVar:
			q.Select = append(q.Select, SelectItem{Pos: Pos(p.tok.pos), Var: p.tok.text})
			p.advance()
			continue
		case p.isPunct("("):
			pos := p.tok.pos
			p.advance()
			p.aggOK = true
			e := p.parseExpr()
			p.aggOK = false
			p.expectKw("AS")
			if p.tok.kind != tVar {
				p.failf(p.tok.pos, "expected a variable after AS, found %s", p.tok)
			}
			v := p.tok.text
			p.advance()
			p.expectPunct(")")
			q.Select = append(q.Select, SelectItem{Pos: Pos(pos), Var: v, Expr: e})
			continue
		}
		break
	}
	if len(q.Select) == 0 {
		p.failf(p.tok.pos, "expected a variable, '(expression AS ?var)' or '*' after SELECT, found %s", p.tok)
	}
}

func (p *parser) parseDataset(q *Query) {
	for p.acceptKw("FROM") {
		named := p.acceptKw("NAMED")
		iri := p.parseIRI()
		if named {
			q.FromNamed = append(q.FromNamed, iri)
		} else {
			q.From = append(q.From, iri)
		}
	}
}

func (p *parser) parseModifiers(q *Query) {
	if p.isKw("GROUP") {
		p.advance()
		p.expectKw("BY")
		for {
			var c GroupCond
			switch {
			case p.tok.kind == tVar:
				c.Expr = &VarExpr{Pos: Pos(p.tok.pos), Name: p.tok.text}
				p.advance()
			case p.isPunct("("):
				p.advance()
				c.Expr = p.parseExpr()
				if p.acceptKw("AS") {
					if p.tok.kind != tVar {
						p.failf(p.tok.pos, "expected a variable after AS, found %s", p.tok)
					}
					c.Var = p.tok.text
					p.advance()
				}
				p.expectPunct(")")
			case p.tok.kind == tIdent && p.isBuiltin() || p.tok.kind == tIRI || p.tok.kind == tPName:
				c.Expr = p.parsePrimary()
			default:
				if len(q.GroupBy) == 0 {
					p.failf(p.tok.pos, "expected a GROUP BY condition, found %s", p.tok)
				}
			}
			if c.Expr == nil {
				break
			}
			q.GroupBy = append(q.GroupBy, c)
		}
	}
	if p.acceptKw("HAVING") {
		p.aggOK = true
		for {
			if !(p.isPunct("(") || p.tok.kind == tIdent && p.isBuiltin() || p.tok.kind == tIRI || p.tok.kind == tPName) {
				if len(q.Having) == 0 {
					p.failf(p.tok.pos, "expected a HAVING condition, found %s", p.tok)
				}
				break
			}
			q.Having = append(q.Having, p.parsePrimary())
		}
		p.aggOK = false
	}
	if p.isKw("ORDER") {
		p.advance()
		p.expectKw("BY")
		p.aggOK = true
		for {
			var c OrderCond
			switch {
			case p.isKw("ASC") || p.isKw("DESC"):
				c.Desc = p.isKw("DESC")
				p.advance()
				if !p.isPunct("(") {
					p.failf(p.tok.pos, "expected '(' after ASC or DESC, found %s", p.tok)
				}
				c.Expr = p.parsePrimary()
			case p.tok.kind == tVar:
				c.Expr = &VarExpr{Pos: Pos(p.tok.pos), Name: p.tok.text}
				p.advance()
			case p.isPunct("(") || p.tok.kind == tIdent && p.isBuiltin() || p.tok.kind == tIRI || p.tok.kind == tPName:
				c.Expr = p.parsePrimary()
			default:
				if len(q.OrderBy) == 0 {
					p.failf(p.tok.pos, "expected an ORDER BY condition, found %s", p.tok)
				}
			}
			if c.Expr == nil {
				break
			}
			q.OrderBy = append(q.OrderBy, c)
		}
		p.aggOK = false
	}
	seenLimit, seenOffset := false, false
	for {
		switch {
		case !seenLimit && p.isKw("LIMIT"):
			seenLimit = true
			p.advance()
			q.Limit = p.parseCount("LIMIT")
			continue
		case !seenOffset && p.isKw("OFFSET"):
			seenOffset = true
			p.advance()
			q.Offset = p.parseCount("OFFSET")
			continue
		}
		break
	}
}

func (p *parser) parseCount(what string) int64 {
	if p.tok.kind != tInteger {
		p.failf(p.tok.pos, "expected an integer after %s, found %s", what, p.tok)
	}
	n, err := strconv.ParseInt(p.tok.text, 10, 64)
	if err != nil {
		p.failf(p.tok.pos, "%s value %s is too large", what, p.tok.text)
	}
	p.advance()
	return n
}

// parseGroup parses a GroupGraphPattern: '{' (SubSelect | GroupGraphPatternSub) '}'.
func (p *parser) parseGroup() *GroupPattern {
	p.enter()
	defer p.leave()
	g := &GroupPattern{Pos: Pos(p.tok.pos)}
	p.expectPunct("{")
	p.bgpID++
	if p.isKw("SELECT") {
		sq := p.parseSubSelect()
		g.Elems = append(g.Elems, sq)
		p.expectPunct("}")
		p.bgpID++
		return g
	}
	var block *TriplesBlock
	for {
		switch {
		case p.isPunct("}"):
			p.advance()
			p.bgpID++
			return g
		case p.tok.kind == tEOF:
			p.failf(p.tok.pos, "expected '}' to close the group opened at %s", p.posString(int(g.Pos)))
		case p.isKw("FILTER"):
			pos := p.tok.pos
			p.advance()
			e := p.parseConstraint()
			g.Elems = append(g.Elems, &FilterPattern{Pos: Pos(pos), Expr: e})
			p.acceptPunct(".")
		case p.isKw("OPTIONAL"):
			pos := p.tok.pos
			p.advance()
			block = nil
			p.bgpID++
			g.Elems = append(g.Elems, &OptionalPattern{Pos: Pos(pos), Group: p.parseGroup()})
			p.acceptPunct(".")
		case p.isKw("MINUS"):
			pos := p.tok.pos
			p.advance()
			block = nil
			p.bgpID++
			g.Elems = append(g.Elems, &MinusPattern{Pos: Pos(pos), Group: p.parseGroup()})
			p.acceptPunct(".")
		case p.isKw("GRAPH"):
			pos := p.tok.pos
			p.advance()
			block = nil
			p.bgpID++
			name := p.parseVarOrIRI()
			g.Elems = append(g.Elems, &GraphPattern{Pos: Pos(pos), Name: name, Group: p.parseGroup()})
			p.acceptPunct(".")
		case p.isKw("SERVICE"):
			p.failf(p.tok.pos, "SERVICE (federated query) is not supported")
		case p.isKw("BIND"):
			pos := p.tok.pos
			p.advance()
			block = nil
			p.bgpID++
			p.expectPunct("(")
			e := p.parseExpr()
			p.expectKw("AS")
			if p.tok.kind != tVar {
				p.failf(p.tok.pos, "expected a variable after AS, found %s", p.tok)
			}
			v := p.tok.text
			p.advance()
			p.expectPunct(")")
			g.Elems = append(g.Elems, &BindPattern{Pos: Pos(pos), Expr: e, Var: v})
			p.acceptPunct(".")
		case p.isKw("VALUES"):
			pos := p.tok.pos
			p.advance()
			block = nil
			p.bgpID++
			g.Elems = append(g.Elems, p.parseValuesBody(pos))
			p.acceptPunct(".")
		case p.isPunct("{"):
			block = nil
			p.bgpID++
			pos := p.tok.pos
			first := p.parseGroup()
			if p.isKw("UNION") {
				u := &UnionPattern{Pos: Pos(pos), Groups: []*GroupPattern{first}}
				for p.acceptKw("UNION") {
					u.Groups = append(u.Groups, p.parseGroup())
				}
				g.Elems = append(g.Elems, u)
			} else {
				g.Elems = append(g.Elems, first)
			}
			p.bgpID++
			p.acceptPunct(".")
		default:
			if block == nil {
				block = &TriplesBlock{Pos: Pos(p.tok.pos)}
				g.Elems = append(g.Elems, block)
			}
			n0 := len(block.Triples)
			block.Triples = p.parseTriplesSameSubject(block.Triples, true)
			if len(block.Triples) == n0 && p.tok.kind != tEOF {
				// a subject with a property list yielded nothing: impossible, but guard
				p.failf(p.tok.pos, "expected a triple pattern, found %s", p.tok)
			}
			if !p.acceptPunct(".") && !(p.isPunct("}") || p.isPunct("{") || p.isGraphPatternKw()) {
				p.failf(p.tok.pos, "expected '.' or '}' after a triple pattern, found %s", p.tok)
			}
		}
	}
}

func (p *parser) isGraphPatternKw() bool {
	for _, k := range []string{"FILTER", "OPTIONAL", "MINUS", "GRAPH", "SERVICE", "BIND", "VALUES"} {
		if p.isKw(k) {
			return true
		}
	}
	return false
}

func (p *parser) posString(pos int) string {
	e := newError(p.src, pos, "")
	return fmt.Sprintf("%d:%d", e.Line, e.Col)
}

func (p *parser) parseSubSelect() *SubSelect {
	pos := p.tok.pos
	q := &Query{Pos: Pos(pos), Limit: -1}
	p.parseSelectClause(q)
	p.acceptKw("WHERE")
	q.Where = p.parseGroup()
	p.parseModifiers(q)
	if p.acceptKw("VALUES") {
		q.Values = p.parseValuesBody(p.tok.pos)
	}
	return &SubSelect{Pos: Pos(pos), Query: q}
}

func (p *parser) parseValuesBody(pos int) *ValuesPattern {
	v := &ValuesPattern{Pos: Pos(pos)}
	if p.tok.kind == tVar {
		v.Vars = []string{p.tok.text}
		p.advance()
		p.expectPunct("{")
		for !p.acceptPunct("}") {
			v.Rows = append(v.Rows, []quad.Value{p.parseDataValue()})
		}
		return v
	}
	p.expectPunct("(")
	for p.tok.kind == tVar {
		v.Vars = append(v.Vars, p.tok.text)
		p.advance()
	}
	p.expectPunct(")")
	p.expectPunct("{")
	for !p.acceptPunct("}") {
		rpos := p.tok.pos
		p.expectPunct("(")
		var row []quad.Value
		for !p.acceptPunct(")") {
			row = append(row, p.parseDataValue())
		}
		if len(row) != len(v.Vars) {
			p.failf(rpos, "VALUES row has %d values but %d variables", len(row), len(v.Vars))
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

func (p *parser) parseDataValue() quad.Value {
	if p.acceptKw("UNDEF") {
		return nil
	}
	switch p.tok.kind {
	case tIRI, tPName:
		return p.parseIRI()
	case tString, tInteger, tDecimal, tDouble:
		return p.parseLiteral()
	case tIdent:
		if p.isKw("true") || p.isKw("false") {
			return p.parseLiteral()
		}
	case tPunct:
		if p.isPunct("+") || p.isPunct("-") {
			return p.parseLiteral()
		}
	}
	p.failf(p.tok.pos, "expected an IRI, a literal or UNDEF in VALUES, found %s", p.tok)
	return nil
}

// parseTriplesTemplate parses triples (no paths) up to the closing token.
func (p *parser) parseTriplesTemplate(end string) []TriplePath {
	var ts []TriplePath
	for !p.isPunct(end) {
		ts = p.parseTriplesSameSubject(ts, false)
		if !p.acceptPunct(".") {
			break
		}
	}
	return ts
}

// parseTriplesSameSubject parses one subject with its property list.
func (p *parser) parseTriplesSameSubject(ts []TriplePath, paths bool) []TriplePath {
	if p.isPunct("[") || p.isPunct("(") {
		var s Node
		s, ts = p.parseTriplesNode(ts, paths)
		// property list is optional after a triples node
		if p.isPunct(".") || p.isPunct("}") || p.tok.kind == tEOF || p.isKw("FILTER") {
			return ts
		}
		return p.parsePropertyList(s, ts, paths)
	}
	s := p.parseVarOrTerm()
	if !s.IsVar() {
		if _, ok := s.Value.(quad.IRI); !ok {
			if _, ok := s.Value.(quad.BNode); !ok && !p.inTemplate {
				// literals as subjects are allowed by the grammar; keep them
			}
		}
	}
	return p.parsePropertyList(s, ts, paths)
}

func (p *parser) parsePropertyList(s Node, ts []TriplePath, paths bool) []TriplePath {
	for {
		var tp TriplePath
		tp.S = s
		if p.tok.kind == tVar {
			tp.P = Node{Pos: Pos(p.tok.pos), Var: p.tok.text}
			p.advance()
		} else if paths {
			path := p.parsePath()
			if iri, ok := path.(PathIRI); ok {
				tp.P = Node{Value: iri.IRI}
			} else {
				tp.Path = path
			}
		} else {
			tp.P = p.parseVerbIRI()
		}
		for {
			var o Node
			o, ts = p.parseObject(ts, paths)
			t := tp
			t.O = o
			ts = append(ts, t)
			if !p.acceptPunct(",") {
				break
			}
		}
		if !p.acceptPunct(";") {
			return ts
		}
		for p.acceptPunct(";") {
		}
		if p.isPunct(".") || p.isPunct("]") || p.isPunct("}") || p.tok.kind == tEOF || p.tok.kind == tIdent && !p.isKw("a") {
			return ts
		}
	}
}

func (p *parser) parseVerbIRI() Node {
	pos := p.tok.pos
	if p.tok.kind == tIdent && p.tok.text == "a" {
		p.advance()
		return Node{Pos: Pos(pos), Value: quad.IRI(rdfType)}
	}
	if p.tok.kind != tIRI && p.tok.kind != tPName {
		p.failf(p.tok.pos, "expected a predicate (IRI, 'a' or variable), found %s", p.tok)
	}
	return Node{Pos: Pos(pos), Value: p.parseIRI()}
}

func (p *parser) parseObject(ts []TriplePath, paths bool) (Node, []TriplePath) {
	if p.isPunct("[") || p.isPunct("(") {
		return p.parseTriplesNode(ts, paths)
	}
	return p.parseVarOrTerm(), ts
}

// parseTriplesNode parses a blank node property list [ ... ] or a collection ( ... ).
func (p *parser) parseTriplesNode(ts []TriplePath, paths bool) (Node, []TriplePath) {
	p.enter()
	defer p.leave()
	pos := p.tok.pos
	if p.acceptPunct("[") {
		b := p.newAnon(pos)
		if p.acceptPunct("]") {
			return b, ts
		}
		ts = p.parsePropertyList(b, ts, paths)
		p.expectPunct("]")
		return b, ts
	}
	p.expectPunct("(")
	if p.acceptPunct(")") {
		return Node{Pos: Pos(pos), Value: quad.IRI(rdfNil)}, ts
	}
	head := p.newAnon(pos)
	cur := head
	for {
		var item Node
		item, ts = p.parseObject(ts, paths)
		ts = append(ts, TriplePath{S: cur, P: Node{Value: quad.IRI(rdfFirst)}, O: item})
		if p.acceptPunct(")") {
			ts = append(ts, TriplePath{S: cur, P: Node{Value: quad.IRI(rdfRest)}, O: Node{Value: quad.IRI(rdfNil)}})
			return head, ts
		}
		if p.tok.kind == tEOF {
			p.failf(p.tok.pos, "expected ')' to close the collection")
		}
		next := p.newAnon(p.tok.pos)
		ts = append(ts, TriplePath{S: cur, P: Node{Value: quad.IRI(rdfRest)}, O: next})
		cur = next
	}
}

func (p *parser) newAnon(pos int) Node {
	p.anon++
	return Node{Pos: Pos(pos), Var: "_:" + "#" + strconv.Itoa(p.anon)}
}

func (p *parser) bnodeNode(pos int, label string) Node {
	if !p.inTemplate {
		if id, ok := p.bnodeBGP[label]; ok && id != p.bgpID {
			p.failf(pos, "blank node label _:%s is used in two basic graph patterns", label)
		}
		p.bnodeBGP[label] = p.bgpID
	}
	return Node{Pos: Pos(pos), Var: "_:" + label}
}

func (p *parser) parseVarOrIRI() Node {
	pos := p.tok.pos
	if p.tok.kind == tVar {
		n := Node{Pos: Pos(pos), Var: p.tok.text}
		p.advance()
		return n
	}
	return Node{Pos: Pos(pos), Value: p.parseIRI()}
}

func (p *parser) parseVarOrTerm() Node {
	pos := p.tok.pos
	switch p.tok.kind {
	case tVar:
		n := Node{Pos: Pos(pos), Var: p.tok.text}
		p.advance()
		return n
	case tIRI, tPName:
		return Node{Pos: Pos(pos), Value: p.parseIRI()}
	case tBNode:
		label := p.tok.text
		p.advance()
		return p.bnodeNode(pos, label)
	case tString, tInteger, tDecimal, tDouble:
		return Node{Pos: Pos(pos), Value: p.parseLiteral()}
	case tIdent:
		if p.isKw("true") || p.isKw("false") {
			return Node{Pos: Pos(pos), Value: p.parseLiteral()}
		}
	case tPunct:
		if p.isPunct("+") || p.isPunct("-") {
			return Node{Pos: Pos(pos), Value: p.parseLiteral()}
		}
		if p.isPunct("[") {
			p.advance()
			p.expectPunct("]")
			return p.newAnon(pos)
		}
		if p.isPunct("(") {
			p.advance()
			p.expectPunct(")")
			return Node{Pos: Pos(pos), Value: quad.IRI(rdfNil)}
		}
	}
	p.failf(p.tok.pos, "expected a variable, an IRI, a literal or a blank node, found %s", p.tok)
	return Node{}
}

// parseIRI parses an IRIREF or a prefixed name.
func (p *parser) parseIRI() quad.IRI {
	switch p.tok.kind {
	case tIRI:
		s := resolveIRI(p.base, p.tok.text)
		p.advance()
		return quad.IRI(s)
	case tPName:
		i := strings.IndexByte(p.tok.text, ':')
		pfx, local := p.tok.text[:i], p.tok.text[i+1:]
		ns, ok := p.prefixes[pfx]
		if !ok {
			p.failf(p.tok.pos, "undefined prefix %q", pfx+":")
		}
		p.advance()
		return quad.IRI(ns + local)
	}
	p.failf(p.tok.pos, "expected an IRI, found %s", p.tok)
	return ""
}

// parseLiteral parses an RDF literal, numeric literal or boolean.
func (p *parser) parseLiteral() quad.Value {
	switch p.tok.kind {
	case tString:
		s := p.tok.text
		p.advance()
		if p.tok.kind == tLang {
			lang := p.tok.text
			p.advance()
			return quad.LangString{Value: quad.String(s), Lang: lang}
		}
		if p.acceptPunct("^^") {
			dt := p.parseIRI()
			return normLiteral(quad.TypedString{Value: quad.String(s), Type: dt})
		}
		return quad.String(s)
	case tInteger:
		s := p.tok.text
		p.advance()
		return quad.TypedString{Value: quad.String(s), Type: xsdInteger}
	case tDecimal:
		s := p.tok.text
		p.advance()
		return quad.TypedString{Value: quad.String(s), Type: xsdDecimal}
	case tDouble:
		s := p.tok.text
		p.advance()
		return quad.TypedString{Value: quad.String(s), Type: xsdDouble}
	case tIdent:
		if p.isKw("true") || p.isKw("false") {
			v := strings.ToLower(p.tok.text)
			p.advance()
			return quad.TypedString{Value: quad.String(v), Type: xsdBoolean}
		}
	case tPunct:
		if p.isPunct("+") || p.isPunct("-") {
			sign := p.tok.text
			pos := p.tok.pos
			p.advance()
			if p.tok.kind != tInteger && p.tok.kind != tDecimal && p.tok.kind != tDouble || p.tok.pos != pos+1 {
				p.failf(p.tok.pos, "expected a number after '%s', found %s", sign, p.tok)
			}
			v := p.parseLiteral().(quad.TypedString)
			v.Value = quad.String(sign + string(v.Value))
			return v
		}
	}
	p.failf(p.tok.pos, "expected a literal, found %s", p.tok)
	return nil
}

// ---- property paths ----

func (p *parser) parsePath() Path {
	p.enter()
	defer p.leave()
	l := p.parsePathSeq()
	for p.acceptPunct("|") {
		l = PathAlt{L: l, R: p.parsePathSeq()}
	}
	return l
}

func (p *parser) parsePathSeq() Path {
	l := p.parsePathEltOrInverse()
	for p.acceptPunct("/") {
		l = PathSeq{L: l, R: p.parsePathEltOrInverse()}
	}
	return l
}

func (p *parser) parsePathEltOrInverse() Path {
	if p.acceptPunct("^") {
		return PathInv{X: p.parsePathElt()}
	}
	return p.parsePathElt()
}

func (p *parser) parsePathElt() Path {
	x := p.parsePathPrimary()
	if p.tok.kind == tPunct && (p.tok.text == "*" || p.tok.text == "+" || p.tok.text == "?") {
		op := p.tok.text[0]
		p.advance()
		return PathMod{X: x, Op: op}
	}
	return x
}

func (p *parser) parsePathPrimary() Path {
	switch {
	case p.tok.kind == tIdent && p.tok.text == "a":
		p.advance()
		return PathIRI{IRI: rdfType}
	case p.tok.kind == tIRI || p.tok.kind == tPName:
		return PathIRI{IRI: p.parseIRI()}
	case p.acceptPunct("!"):
		var neg PathNeg
		one := func() {
			inv := p.acceptPunct("^")
			var iri quad.IRI
			if p.tok.kind == tIdent && p.tok.text == "a" {
				p.advance()
				iri = rdfType
			} else if p.tok.kind == tIRI || p.tok.kind == tPName {
				iri = p.parseIRI()
			} else {
				p.failf(p.tok.pos, "expected an IRI or 'a' in a negated property set, found %s", p.tok)
			}
			if inv {
				neg.Inv = append(neg.Inv, iri)
			} else {
				neg.Fwd = append(neg.Fwd, iri)
			}
		}
		if p.acceptPunct("(") {
			if !p.acceptPunct(")") {
				one()
				for p.acceptPunct("|") {
					one()
				}
				p.expectPunct(")")
			}
		} else {
			one()
		}
		return neg
	case p.acceptPunct("("):
		x := p.parsePath()
		p.expectPunct(")")
		return x
	}
	p.failf(p.tok.pos, "expected a predicate or property path, found %s", p.tok)
	return nil
}

// ---- expressions ----

func (p *parser) parseConstraint() Expr {
	if p.isPunct("(") {
		p.advance()
		e := p.parseExpr()
		p.expectPunct(")")
		return e
	}
	if p.tok.kind == tIdent && p.isBuiltin() || p.tok.kind == tIRI || p.tok.kind == tPName {
		return p.parsePrimary()
	}
	p.failf(p.tok.pos, "expected '(' or a function call after FILTER, found %s", p.tok)
	return nil
}

func (p *parser) parseExpr() Expr {
	p.enter()
	defer p.leave()
	l := p.parseAnd()
	for p.isPunct("||") {
		pos := p.tok.pos
		p.advance()
		l = &BinaryExpr{Pos: Pos(pos), Op: "||", L: l, R: p.parseAnd()}
	}
	return l
}

func (p *parser) parseAnd() Expr {
	l := p.parseRelational()
	for p.isPunct("&&") {
		pos := p.tok.pos
		p.advance()
		l = &BinaryExpr{Pos: Pos(pos), Op: "&&", L: l, R: p.parseRelational()}
	}
	return l
}

func (p *parser) parseRelational() Expr {
	l := p.parseAdditive()
	pos := p.tok.pos
	if p.tok.kind == tPunct {
		switch p.tok.text {
		case "=", "!=", "<", ">", "<=", ">=":
			op := p.tok.text
			p.advance()
			return &BinaryExpr{Pos: Pos(pos), Op: op, L: l, R: p.parseAdditive()}
		}
	}
	not := false
	if p.isKw("NOT") && p.peek().kind == tIdent && strings.EqualFold(p.peek().text, "IN") {
		p.advance()
		not = true
	}
	if p.acceptKw("IN") {
		return &InExpr{Pos: Pos(pos), Not: not, X: l, List: p.parseExprList()}
	}
	if not {
		p.failf(p.tok.pos, "expected IN after NOT")
	}
	return l
}

func (p *parser) parseExprList() []Expr {
	p.expectPunct("(")
	var list []Expr
	if p.acceptPunct(")") {
		return list
	}
	for {
		list = append(list, p.parseExpr())
		if p.acceptPunct(")") {
			return list
		}
		p.expectPunct(",")
	}
}

func (p *parser) parseAdditive() Expr {
	l := p.parseMultiplicative()
	for p.isPunct("+") || p.isPunct("-") {
		pos, op := p.tok.pos, p.tok.text
		p.advance()
		l = &BinaryExpr{Pos: Pos(pos), Op: op, L: l, R: p.parseMultiplicative()}
	}
	return l
}

func (p *parser) parseMultiplicative() Expr {
	l := p.parseUnary()
	for p.isPunct("*") || p.isPunct("/") {
		pos, op := p.tok.pos, p.tok.text
		p.advance()
		l = &BinaryExpr{Pos: Pos(pos), Op: op, L: l, R: p.parseUnary()}
	}
	return l
}

func (p *parser) parseUnary() Expr {
	p.enter()
	defer p.leave()
	if p.isPunct("!") || p.isPunct("-") || p.isPunct("+") {
		pos, op := p.tok.pos, p.tok.text
		p.advance()
		return &UnaryExpr{Pos: Pos(pos), Op: op, X: p.parseUnary()}
	}
	return p.parsePrimary()
}

// builtinArity returns the arity of a built-in function (min, max; max -1 =
// any) and whether name is a built-in.
func builtinArity(name string) ([2]int, bool) {
	switch name {
	case "RAND", "NOW", "UUID", "STRUUID":
		return [2]int{0, 0}, true
	case "BNODE":
		return [2]int{0, 1}, true
	case "CONCAT", "COALESCE":
		return [2]int{0, -1}, true
	case "STR", "LANG", "DATATYPE", "BOUND", "IRI", "URI", "ABS", "CEIL", "FLOOR", "ROUND",
		"STRLEN", "UCASE", "LCASE", "ENCODE_FOR_URI", "YEAR", "MONTH", "DAY", "HOURS",
		"MINUTES", "SECONDS", "TIMEZONE", "TZ", "MD5", "SHA1", "SHA256", "SHA384", "SHA512",
		"ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC":
		return [2]int{1, 1}, true
	case "LANGMATCHES", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER",
		"STRLANG", "STRDT", "SAMETERM":
		return [2]int{2, 2}, true
	case "IF":
		return [2]int{3, 3}, true
	case "REGEX", "SUBSTR":
		return [2]int{2, 3}, true
	case "REPLACE":
		return [2]int{3, 4}, true
	}
	return [2]int{}, false
}

// isAggregate reports whether name is an aggregate function.
func isAggregate(name string) bool {
	switch name {
	case "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT":
		return true
	}
	return false
}

func (p *parser) isBuiltin() bool {
	n := strings.ToUpper(p.tok.text)
	_, ok := builtinArity(n)
	return ok || isAggregate(n) || n == "EXISTS" || n == "NOT"
}

func (p *parser) parsePrimary() Expr {
	pos := p.tok.pos
	switch p.tok.kind {
	case tVar:
		e := &VarExpr{Pos: Pos(pos), Name: p.tok.text}
		p.advance()
		return e
	case tPunct:
		if p.acceptPunct("(") {
			e := p.parseExpr()
			p.expectPunct(")")
			return e
		}
	case tIRI, tPName:
		iri := p.parseIRI()
		if !p.isPunct("(") {
			return &ConstExpr{Pos: Pos(pos), Value: iri}
		}
		c := &CallExpr{Pos: Pos(pos), Name: string(iri), IRI: true}
		p.advance()
		if p.acceptPunct(")") {
			return c
		}
		if p.acceptKw("DISTINCT") {
			c.Distinct = true
		}
		for {
			c.Args = append(c.Args, p.parseExpr())
			if p.acceptPunct(")") {
				return c
			}
			p.expectPunct(",")
		}
	case tString, tInteger, tDecimal, tDouble:
		return &ConstExpr{Pos: Pos(pos), Value: p.parseLiteral()}
	case tIdent:
		if p.isKw("true") || p.isKw("false") {
			return &ConstExpr{Pos: Pos(pos), Value: p.parseLiteral()}
		}
		return p.parseBuiltinCall()
	}
	p.failf(p.tok.pos, "expected an expression, found %s", p.tok)
	return nil
}

func (p *parser) parseBuiltinCall() Expr {
	pos := p.tok.pos
	name := strings.ToUpper(p.tok.text)
	switch {
	case name == "EXISTS" || name == "NOT":
		p.advance()
		not := name == "NOT"
		if not {
			p.expectKw("EXISTS")
		}
		aggOK := p.aggOK
		p.aggOK = false
		g := p.parseGroup()
		p.aggOK = aggOK
		return &ExistsExpr{Pos: Pos(pos), Not: not, Group: g}
	case isAggregate(name):
		if !p.aggOK {
			p.failf(pos, "aggregate %s is not allowed here", name)
		}
		p.advance()
		c := &CallExpr{Pos: Pos(pos), Name: name}
		p.expectPunct("(")
		if p.acceptKw("DISTINCT") {
			c.Distinct = true
		}
		if name == "COUNT" && p.acceptPunct("*") {
			c.Star = true
		} else {
			p.aggOK = false
			c.Args = []Expr{p.parseExpr()}
			p.aggOK = true
		}
		if name == "GROUP_CONCAT" && p.acceptPunct(";") {
			p.expectKw("SEPARATOR")
			p.expectPunct("=")
			if p.tok.kind != tString {
				p.failf(p.tok.pos, "expected a string after SEPARATOR=, found %s", p.tok)
			}
			c.Separator, c.HasSep = p.tok.text, true
			p.advance()
		}
		p.expectPunct(")")
		return c
	}
	ar, ok := builtinArity(name)
	if !ok {
		p.failf(pos, "unknown function %s", p.tok.text)
	}
	p.advance()
	c := &CallExpr{Pos: Pos(pos), Name: name}
	if name == "BOUND" {
		p.expectPunct("(")
		if p.tok.kind != tVar {
			p.failf(p.tok.pos, "expected a variable in BOUND, found %s", p.tok)
		}
		c.Args = []Expr{&VarExpr{Pos: Pos(p.tok.pos), Name: p.tok.text}}
		p.advance()
		p.expectPunct(")")
		return c
	}
	c.Args = p.parseExprList()
	if len(c.Args) < ar[0] || ar[1] >= 0 && len(c.Args) > ar[1] {
		p.failf(pos, "%s takes %s, got %d", name, arityString(ar), len(c.Args))
	}
	return c
}

func arityString(ar [2]int) string {
	switch {
	case ar[0] == ar[1]:
		return fmt.Sprintf("%d arguments", ar[0])
	case ar[1] < 0:
		return fmt.Sprintf("at least %d arguments", ar[0])
	}
	return fmt.Sprintf("%d to %d arguments", ar[0], ar[1])
}

// resolveIRI resolves ref against base (RFC 3986, section 5.2).
func resolveIRI(base, ref string) string {
	if base == "" || hasScheme(ref) {
		return ref
	}
	bs, ba, bp, bq, hasBA, hasBQ := splitIRI(base)
	_ = hasBQ
	if strings.HasPrefix(ref, "//") {
		return bs + ":" + removeDots(ref)
	}
	frag := ""
	if i := strings.IndexByte(ref, '#'); i >= 0 {
		ref, frag = ref[:i], ref[i:]
	}
	query, hasQ := "", false
	if i := strings.IndexByte(ref, '?'); i >= 0 {
		ref, query, hasQ = ref[:i], ref[i:], true
	}
	auth := ""
	if hasBA {
		auth = "//" + ba
	}
	var path string
	switch {
	case ref == "":
		path = bp
		if !hasQ {
			query = bq
		}
	case strings.HasPrefix(ref, "/"):
		path = removeDots(ref)
	default:
		if hasBA && bp == "" {
			path = "/" + ref
		} else if i := strings.LastIndexByte(bp, '/'); i >= 0 {
			path = bp[:i+1] + ref
		} else {
			path = ref
		}
		path = removeDots(path)
	}
	return bs + ":" + auth + path + query + frag
}

func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			return i > 0
		case isLetter(rune(c)):
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

func splitIRI(s string) (scheme, auth, path, query string, hasAuth, hasQuery bool) {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		scheme, s = s[:i], s[i+1:]
	}
	if strings.HasPrefix(s, "//") {
		s = s[2:]
		i := strings.IndexAny(s, "/?")
		if i < 0 {
			i = len(s)
		}
		auth, s, hasAuth = s[:i], s[i:], true
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s, query, hasQuery = s[:i], s[i:], true
	}
	return scheme, auth, s, query, hasAuth, hasQuery
}

func removeDots(path string) string {
	if !strings.Contains(path, ".") {
		return path
	}
	var out []string
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		last := i == len(segs)-1
		switch seg {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 || len(out) == 1 && out[0] != "" {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, seg)
		}
	}
	r := strings.Join(out, "/")
	if strings.HasPrefix(path, "/") && !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}
