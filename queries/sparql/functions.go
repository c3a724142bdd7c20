package sparql

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	mrand "math/rand/v2"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// compile turns an expression into a function over solutions.
func (e *executor) compile(x Expr) evalFn {
	switch x := x.(type) {
	case *VarExpr:
		slot := e.slot(x.Name)
		return func(r row) (quad.Value, error) {
			if v := r[slot]; v != nil {
				return v, nil
			}
			return nil, errType
		}
	case *ConstExpr:
		v := x.Value
		return func(row) (quad.Value, error) { return v, nil }
	case *UnaryExpr:
		a := e.compile(x.X)
		switch x.Op {
		case "!":
			return func(r row) (quad.Value, error) {
				v, err := a(r)
				if err != nil {
					return nil, err
				}
				b, err := ebv(v)
				if err != nil {
					return nil, err
				}
				return boolVal(!b), nil
			}
		case "-":
			return func(r row) (quad.Value, error) {
				v, err := a(r)
				if err != nil {
					return nil, err
				}
				n, ok := toNum(v)
				if !ok {
					return nil, errType
				}
				n.i, n.f = -n.i, -n.f
				return numVal(n), nil
			}
		}
		return func(r row) (quad.Value, error) {
			v, err := a(r)
			if err != nil {
				return nil, err
			}
			n, ok := toNum(v)
			if !ok {
				return nil, errType
			}
			return numVal(n), nil
		}
	case *BinaryExpr:
		return e.compileBinary(x)
	case *InExpr:
		a := e.compile(x.X)
		list := make([]evalFn, len(x.List))
		for i, l := range x.List {
			list[i] = e.compile(l)
		}
		not := x.Not
		return func(r row) (quad.Value, error) {
			v, err := a(r)
			if err != nil {
				return nil, err
			}
			var lastErr error
			for _, l := range list {
				w, err := l(r)
				if err != nil {
					lastErr = err
					continue
				}
				eq, err := valueEqual(v, w)
				if err != nil {
					lastErr = err
					continue
				}
				if eq {
					return boolVal(!not), nil
				}
			}
			if lastErr != nil {
				return nil, lastErr
			}
			return boolVal(not), nil
		}
	case *ExistsExpr:
		op := x.op
		not := x.Not
		return func(r row) (quad.Value, error) {
			found := false
			e.eval(op, r, func(row) bool { found = true; return false })
			if e.err != nil {
				return nil, e.err
			}
			return boolVal(found != not), nil
		}
	case *CallExpr:
		return e.compileCall(x)
	}
	return func(row) (quad.Value, error) { return nil, errType }
}

// dateAgainst returns valueCompare for comparisons with the constant date or
// date-time d on the right (on the left with left set), which parses d once
// and reads the other operand's date again only when it differs from the
// last one's: solutions come in index order, where equal dates are next to
// each other. (An evaluation runs in one goroutine.)
func dateAgainst(d dateVal, left bool) func(a, b quad.Value) (int, error) {
	var last quad.TypedString // the zero value is no date, as lastOK says
	var lastD dateVal
	var lastOK bool
	return func(a, b quad.Value) (int, error) {
		v := a
		if left {
			v = b
		}
		t, ok := v.(quad.TypedString)
		if !ok {
			return valueCompare(a, b)
		}
		if t != last {
			last = t
			lastD, lastOK = toDate(t)
		}
		if !lastOK {
			return valueCompare(a, b)
		}
		if left {
			return dateCompare(d, lastD)
		}
		return dateCompare(lastD, d)
	}
}

func (e *executor) compileBinary(x *BinaryExpr) evalFn {
	a, b := e.compile(x.L), e.compile(x.R)
	switch x.Op {
	case "||", "&&":
		or := x.Op == "||"
		return func(r row) (quad.Value, error) {
			var la, lb bool
			va, erra := a(r)
			if erra == nil {
				la, erra = ebv(va)
				if erra == nil && la == or {
					return boolVal(or), nil
				}
			}
			vb, errb := b(r)
			if errb == nil {
				lb, errb = ebv(vb)
				if errb == nil && lb == or {
					return boolVal(or), nil
				}
			}
			if erra != nil {
				return nil, erra
			}
			if errb != nil {
				return nil, errb
			}
			return boolVal(!or), nil
		}
	case "=", "!=":
		neg := x.Op == "!="
		return func(r row) (quad.Value, error) {
			va, err := a(r)
			if err != nil {
				return nil, err
			}
			vb, err := b(r)
			if err != nil {
				return nil, err
			}
			eq, err := valueEqual(va, vb)
			if err != nil {
				return nil, err
			}
			return boolVal(eq != neg), nil
		}
	case "<", ">", "<=", ">=":
		op := x.Op
		compare := valueCompare
		if c, ok := x.R.(*ConstExpr); ok {
			if d, ok := toDate(c.Value); ok {
				compare = dateAgainst(d, false)
			}
		} else if c, ok := x.L.(*ConstExpr); ok {
			if d, ok := toDate(c.Value); ok {
				compare = dateAgainst(d, true)
			}
		}
		return func(r row) (quad.Value, error) {
			va, err := a(r)
			if err != nil {
				return nil, err
			}
			vb, err := b(r)
			if err != nil {
				return nil, err
			}
			c, err := compare(va, vb)
			if err != nil {
				return nil, err
			}
			switch op {
			case "<":
				return boolVal(c < 0), nil
			case ">":
				return boolVal(c > 0), nil
			case "<=":
				return boolVal(c <= 0), nil
			}
			return boolVal(c >= 0), nil
		}
	}
	op := x.Op
	return func(r row) (quad.Value, error) {
		va, err := a(r)
		if err != nil {
			return nil, err
		}
		vb, err := b(r)
		if err != nil {
			return nil, err
		}
		na, ok1 := toNum(va)
		nb, ok2 := toNum(vb)
		if !ok1 || !ok2 {
			return nil, errType
		}
		return arith(op, na, nb)
	}
}

// strArg returns the string of a string literal argument.
func strArg(v quad.Value) (string, bool) {
	return stringOf(v)
}

// compatible reports whether two string arguments are argument-compatible.
func compatible(a, b quad.Value) bool {
	lb, isLangB := b.(quad.LangString)
	if !isLangB {
		return true
	}
	la, isLangA := a.(quad.LangString)
	return isLangA && strings.EqualFold(la.Lang, lb.Lang)
}

func (e *executor) compileCall(x *CallExpr) evalFn {
	if x.IRI {
		return e.compileCast(x)
	}
	args := make([]evalFn, len(x.Args))
	for i, a := range x.Args {
		args[i] = e.compile(a)
	}
	// evaluate all args, failing on the first error
	all := func(r row) ([]quad.Value, error) {
		vs := make([]quad.Value, len(args))
		for i, a := range args {
			v, err := a(r)
			if err != nil {
				return nil, err
			}
			vs[i] = v
		}
		return vs, nil
	}
	fn1 := func(f func(v quad.Value) (quad.Value, error)) evalFn {
		return func(r row) (quad.Value, error) {
			v, err := args[0](r)
			if err != nil {
				return nil, err
			}
			return f(v)
		}
	}
	fnN := func(f func(vs []quad.Value) (quad.Value, error)) evalFn {
		return func(r row) (quad.Value, error) {
			vs, err := all(r)
			if err != nil {
				return nil, err
			}
			return f(vs)
		}
	}
	strFn := func(f func(s string, v quad.Value) (quad.Value, error)) evalFn {
		return fn1(func(v quad.Value) (quad.Value, error) {
			s, ok := strArg(v)
			if !ok {
				return nil, errType
			}
			return f(s, v)
		})
	}
	str2 := func(f func(a, b string, va, vb quad.Value) (quad.Value, error)) evalFn {
		return fnN(func(vs []quad.Value) (quad.Value, error) {
			a, ok1 := strArg(vs[0])
			b, ok2 := strArg(vs[1])
			if !ok1 || !ok2 || !compatible(vs[0], vs[1]) {
				return nil, errType
			}
			return f(a, b, vs[0], vs[1])
		})
	}
	dateFn := func(f func(d dateVal) quad.Value) evalFn {
		return fn1(func(v quad.Value) (quad.Value, error) {
			d, ok := toDate(v)
			if !ok {
				return nil, errType
			}
			return f(d), nil
		})
	}
	numFn := func(f func(float64) float64) evalFn {
		return fn1(func(v quad.Value) (quad.Value, error) {
			n, ok := toNum(v)
			if !ok {
				return nil, errType
			}
			if n.k == nInteger {
				n.i = int64(f(float64(n.i)))
				return numVal(n), nil
			}
			n.f = f(n.f)
			return numVal(n), nil
		})
	}
	hashFn := func(h func() hash.Hash) evalFn {
		return fn1(func(v quad.Value) (quad.Value, error) {
			s, ok := v.(quad.String)
			if !ok {
				return nil, errType
			}
			hh := h()
			hh.Write([]byte(s))
			return quad.String(hex.EncodeToString(hh.Sum(nil))), nil
		})
	}
	intVal := func(i int) quad.Value {
		return quad.TypedString{Value: quad.String(strconv.Itoa(i)), Type: xsdInteger}
	}
	switch x.Name {
	case "BOUND":
		slot := e.slot(x.Args[0].(*VarExpr).Name)
		return func(r row) (quad.Value, error) { return boolVal(r[slot] != nil), nil }
	case "IF":
		return func(r row) (quad.Value, error) {
			c, err := args[0](r)
			if err != nil {
				return nil, err
			}
			b, err := ebv(c)
			if err != nil {
				return nil, err
			}
			if b {
				return args[1](r)
			}
			return args[2](r)
		}
	case "COALESCE":
		return func(r row) (quad.Value, error) {
			for _, a := range args {
				if v, err := a(r); err == nil && v != nil {
					return v, nil
				}
			}
			return nil, errType
		}
	case "STR":
		return fn1(func(v quad.Value) (quad.Value, error) {
			if _, ok := v.(quad.BNode); ok {
				return nil, errType
			}
			return quad.String(lexical(v)), nil
		})
	case "LANG":
		return fn1(func(v quad.Value) (quad.Value, error) {
			switch t := v.(type) {
			case quad.LangString:
				return quad.String(t.Lang), nil
			case quad.String, quad.TypedString:
				return quad.String(""), nil
			}
			return nil, errType
		})
	case "DATATYPE":
		return fn1(func(v quad.Value) (quad.Value, error) {
			switch t := v.(type) {
			case quad.String:
				return xsdString, nil
			case quad.LangString:
				return rdfLangStr, nil
			case quad.TypedString:
				return t.Type, nil
			}
			return nil, errType
		})
	case "LANGMATCHES":
		return fnN(func(vs []quad.Value) (quad.Value, error) {
			tag, ok1 := vs[0].(quad.String)
			rng, ok2 := vs[1].(quad.String)
			if !ok1 || !ok2 {
				return nil, errType
			}
			return boolVal(langMatches(string(tag), string(rng))), nil
		})
	case "SAMETERM":
		return fnN(func(vs []quad.Value) (quad.Value, error) { return boolVal(vs[0] == vs[1]), nil })
	case "ISIRI", "ISURI":
		return fn1(func(v quad.Value) (quad.Value, error) { _, ok := v.(quad.IRI); return boolVal(ok), nil })
	case "ISBLANK":
		return fn1(func(v quad.Value) (quad.Value, error) { _, ok := v.(quad.BNode); return boolVal(ok), nil })
	case "ISLITERAL":
		return fn1(func(v quad.Value) (quad.Value, error) { return boolVal(isLiteral(v)), nil })
	case "ISNUMERIC":
		return fn1(func(v quad.Value) (quad.Value, error) { _, ok := toNum(v); return boolVal(ok), nil })
	case "IRI", "URI":
		base := e.base
		return fn1(func(v quad.Value) (quad.Value, error) {
			switch t := v.(type) {
			case quad.IRI:
				return t, nil
			case quad.String:
				return quad.IRI(resolveIRI(base, string(t))), nil
			}
			return nil, errType
		})
	case "BNODE":
		if len(args) == 0 {
			return func(row) (quad.Value, error) { return e.newBNode(), nil }
		}
		return func(r row) (quad.Value, error) {
			v, err := args[0](r)
			if err != nil {
				return nil, err
			}
			s, ok := v.(quad.String)
			if !ok {
				return nil, errType
			}
			// the same string gives the same blank node within a solution:
			// key on the solution without the blank nodes BNODE made
			var key []byte
			for _, v := range r {
				if b, ok := v.(quad.BNode); ok && e.genB[b] {
					v = nil
				}
				key = appendTerm(key, v)
			}
			key = append(key, s...)
			if b, ok := e.bnodes[string(key)]; ok {
				return b, nil
			}
			b := e.newBNode()
			e.bnodes[string(key)] = b
			e.genB[b] = true
			return b, nil
		}
	case "RAND":
		return func(row) (quad.Value, error) {
			return quad.TypedString{Value: quad.String(formatDouble(mrand.Float64())), Type: xsdDouble}, nil
		}
	case "NOW":
		now := quad.TypedString{Value: quad.String(e.now.Format("2006-01-02T15:04:05.000Z07:00")), Type: xsdDateTime}
		return func(row) (quad.Value, error) { return now, nil }
	case "UUID":
		return func(row) (quad.Value, error) { return quad.IRI("urn:uuid:" + newUUID()), nil }
	case "STRUUID":
		return func(row) (quad.Value, error) { return quad.String(newUUID()), nil }
	case "ABS":
		return numFn(math.Abs)
	case "CEIL":
		return numFn(math.Ceil)
	case "FLOOR":
		return numFn(math.Floor)
	case "ROUND":
		return numFn(func(f float64) float64 { return math.Floor(f + 0.5) })
	case "STRLEN":
		return strFn(func(s string, _ quad.Value) (quad.Value, error) { return intVal(utf8.RuneCountInString(s)), nil })
	case "UCASE":
		return strFn(func(s string, v quad.Value) (quad.Value, error) { return keepKind(v, strings.ToUpper(s)), nil })
	case "LCASE":
		return strFn(func(s string, v quad.Value) (quad.Value, error) { return keepKind(v, strings.ToLower(s)), nil })
	case "ENCODE_FOR_URI":
		return strFn(func(s string, _ quad.Value) (quad.Value, error) {
			return quad.String(strings.ReplaceAll(url.QueryEscape(s), "+", "%20")), nil
		})
	case "CONTAINS":
		return str2(func(a, b string, _, _ quad.Value) (quad.Value, error) { return boolVal(strings.Contains(a, b)), nil })
	case "STRSTARTS":
		return str2(func(a, b string, _, _ quad.Value) (quad.Value, error) { return boolVal(strings.HasPrefix(a, b)), nil })
	case "STRENDS":
		return str2(func(a, b string, _, _ quad.Value) (quad.Value, error) { return boolVal(strings.HasSuffix(a, b)), nil })
	case "STRBEFORE":
		return str2(func(a, b string, va, _ quad.Value) (quad.Value, error) {
			i := strings.Index(a, b)
			if i < 0 {
				return quad.String(""), nil
			}
			return keepKind(va, a[:i]), nil
		})
	case "STRAFTER":
		return str2(func(a, b string, va, _ quad.Value) (quad.Value, error) {
			i := strings.Index(a, b)
			if i < 0 {
				return quad.String(""), nil
			}
			return keepKind(va, a[i+len(b):]), nil
		})
	case "CONCAT":
		return fnN(func(vs []quad.Value) (quad.Value, error) {
			var b strings.Builder
			lang, sameLang, allStr := "", true, true
			for i, v := range vs {
				s, ok := strArg(v)
				if !ok {
					return nil, errType
				}
				b.WriteString(s)
				l, isLang := v.(quad.LangString)
				if _, isTyped := v.(quad.TypedString); isTyped || isLang {
					allStr = allStr && !isLang
				}
				if !isLang {
					sameLang = false
				} else if i == 0 {
					lang = l.Lang
				} else if l.Lang != lang {
					sameLang = false
				}
			}
			_ = allStr
			if sameLang && len(vs) > 0 {
				return quad.LangString{Value: quad.String(b.String()), Lang: lang}, nil
			}
			return quad.String(b.String()), nil
		})
	case "SUBSTR":
		return fnN(func(vs []quad.Value) (quad.Value, error) {
			s, ok := strArg(vs[0])
			if !ok {
				return nil, errType
			}
			st, ok := toNum(vs[1])
			if !ok {
				return nil, errType
			}
			runes := []rune(s)
			start := math.Round(st.float())
			end := math.Inf(1)
			if len(vs) == 3 {
				ln, ok := toNum(vs[2])
				if !ok {
					return nil, errType
				}
				end = start + math.Round(ln.float())
			}
			if math.IsNaN(start) || math.IsNaN(end) {
				return keepKind(vs[0], ""), nil
			}
			var out []rune
			for i := range runes {
				p := float64(i + 1)
				if p >= start && p < end {
					out = append(out, runes[i])
				}
			}
			return keepKind(vs[0], string(out)), nil
		})
	case "REGEX", "REPLACE":
		return e.compileRegex(x.Name, args)
	case "YEAR":
		return dateFn(func(d dateVal) quad.Value { return intVal(d.t.Year()) })
	case "MONTH":
		return dateFn(func(d dateVal) quad.Value { return intVal(int(d.t.Month())) })
	case "DAY":
		return dateFn(func(d dateVal) quad.Value { return intVal(d.t.Day()) })
	case "HOURS":
		return dateFn(func(d dateVal) quad.Value { return intVal(d.t.Hour()) })
	case "MINUTES":
		return dateFn(func(d dateVal) quad.Value { return intVal(d.t.Minute()) })
	case "SECONDS":
		return dateFn(func(d dateVal) quad.Value {
			sec := float64(d.t.Second()) + float64(d.t.Nanosecond())/1e9
			return quad.TypedString{Value: quad.String(formatDecimal(sec)), Type: xsdDecimal}
		})
	case "TIMEZONE":
		return fn1(func(v quad.Value) (quad.Value, error) {
			d, ok := toDate(v)
			if !ok || !d.hasTZ {
				return nil, errType
			}
			_, off := d.t.Zone()
			return quad.TypedString{Value: quad.String(formatDuration(off)), Type: xsdDuration}, nil
		})
	case "TZ":
		return fn1(func(v quad.Value) (quad.Value, error) {
			t, ok := v.(quad.TypedString)
			if !ok || t.Type != xsdDateTime && t.Type != xsdDate {
				return nil, errType
			}
			s := string(t.Value)
			switch {
			case strings.HasSuffix(s, "Z"):
				return quad.String("Z"), nil
			case len(s) > 6 && (s[len(s)-6] == '+' || s[len(s)-6] == '-') && s[len(s)-3] == ':':
				return quad.String(s[len(s)-6:]), nil
			}
			return quad.String(""), nil
		})
	case "MD5":
		return hashFn(md5.New)
	case "SHA1":
		return hashFn(sha1.New)
	case "SHA256":
		return hashFn(sha256.New)
	case "SHA384":
		return hashFn(sha512.New384)
	case "SHA512":
		return hashFn(sha512.New)
	case "STRLANG":
		return fnN(func(vs []quad.Value) (quad.Value, error) {
			s, ok1 := vs[0].(quad.String)
			l, ok2 := vs[1].(quad.String)
			if !ok1 || !ok2 || l == "" {
				return nil, errType
			}
			return quad.LangString{Value: s, Lang: string(l)}, nil
		})
	case "STRDT":
		return fnN(func(vs []quad.Value) (quad.Value, error) {
			s, ok1 := vs[0].(quad.String)
			dt, ok2 := vs[1].(quad.IRI)
			if !ok1 || !ok2 {
				return nil, errType
			}
			return normLiteral(quad.TypedString{Value: s, Type: dt}), nil
		})
	}
	return func(row) (quad.Value, error) { return nil, errType }
}

// keepKind returns s as a literal of the same kind as v (language tag kept).
func keepKind(v quad.Value, s string) quad.Value {
	if l, ok := v.(quad.LangString); ok {
		return quad.LangString{Value: quad.String(s), Lang: l.Lang}
	}
	return quad.String(s)
}

func formatDuration(off int) string {
	if off == 0 {
		return "PT0S"
	}
	s := ""
	if off < 0 {
		s, off = "-", -off
	}
	s += "PT"
	if h := off / 3600; h > 0 {
		s += strconv.Itoa(h) + "H"
	}
	if m := off % 3600 / 60; m > 0 {
		s += strconv.Itoa(m) + "M"
	}
	return s
}

func langMatches(tag, rng string) bool {
	if rng == "*" {
		return tag != ""
	}
	tag, rng = strings.ToLower(tag), strings.ToLower(rng)
	return tag == rng || strings.HasPrefix(tag, rng+"-")
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// compileRegex compiles REGEX and REPLACE; constant patterns are compiled once.
func (e *executor) compileRegex(name string, args []evalFn) evalFn {
	patIdx, flagIdx := 1, 2
	if name == "REPLACE" {
		flagIdx = 3
	}
	cache := map[string]*regexp.Regexp{}
	getRe := func(pat, flags string) (*regexp.Regexp, error) {
		key := flags + "/" + pat
		if re, ok := cache[key]; ok {
			return re, nil
		}
		re, err := xpathRegexp(pat, flags)
		if err != nil {
			return nil, errType
		}
		if len(cache) < 64 {
			cache[key] = re
		}
		return re, nil
	}
	return func(r row) (quad.Value, error) {
		v, err := args[0](r)
		if err != nil {
			return nil, err
		}
		s, ok := strArg(v)
		if !ok {
			return nil, errType
		}
		pv, err := args[patIdx](r)
		if err != nil {
			return nil, err
		}
		pat, ok := pv.(quad.String)
		if !ok {
			return nil, errType
		}
		flags := ""
		if flagIdx < len(args) {
			fv, err := args[flagIdx](r)
			if err != nil {
				return nil, err
			}
			f, ok := fv.(quad.String)
			if !ok {
				return nil, errType
			}
			flags = string(f)
		}
		re, err := getRe(string(pat), flags)
		if err != nil {
			return nil, err
		}
		if name == "REGEX" {
			return boolVal(re.MatchString(s)), nil
		}
		rv, err := args[2](r)
		if err != nil {
			return nil, err
		}
		rep, ok := rv.(quad.String)
		if !ok {
			return nil, errType
		}
		if re.MatchString("") {
			return nil, errType
		}
		return keepKind(v, re.ReplaceAllString(s, xpathReplacement(string(rep)))), nil
	}
}

// xpathRegexp translates an XPath regular expression with flags to Go syntax.
func xpathRegexp(pat, flags string) (*regexp.Regexp, error) {
	prefix := ""
	for _, f := range flags {
		switch f {
		case 'i', 's', 'm':
			prefix += string(f)
		case 'x':
			pat = stripRegexSpace(pat)
		case 'q':
			pat = regexp.QuoteMeta(pat)
		default:
			return nil, fmt.Errorf("unknown regex flag %q", f)
		}
	}
	if prefix != "" {
		pat = "(?" + prefix + ")" + pat
	}
	return regexp.Compile(pat)
}

func stripRegexSpace(p string) string {
	var b strings.Builder
	inClass := false
	for _, r := range p {
		switch {
		case r == '[':
			inClass = true
		case r == ']':
			inClass = false
		case !inClass && (r == ' ' || r == '\t' || r == '\n' || r == '\r'):
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// xpathReplacement converts $1 references to Go's ${1}.
func xpathReplacement(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			if s[i] == '$' {
				b.WriteString("$$")
			} else {
				b.WriteByte(s[i])
			}
		case c == '$':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString("${" + s[i+1:j] + "}")
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// compileCast compiles xsd:type(x) casts; other IRI functions are unknown (error).
func (e *executor) compileCast(x *CallExpr) evalFn {
	dt := quad.IRI(x.Name)
	if len(x.Args) != 1 {
		return func(row) (quad.Value, error) { return nil, errType }
	}
	a := e.compile(x.Args[0])
	return func(r row) (quad.Value, error) {
		v, err := a(r)
		if err != nil {
			return nil, err
		}
		return cast(v, dt)
	}
}

func cast(v quad.Value, dt quad.IRI) (quad.Value, error) {
	if _, ok := v.(quad.BNode); ok {
		return nil, errType
	}
	if _, ok := v.(quad.LangString); ok && dt != xsdString {
		return nil, errType
	}
	if iri, ok := v.(quad.IRI); ok {
		if dt == xsdString {
			return quad.String(iri), nil
		}
		return nil, errType
	}
	lex := strings.TrimSpace(lexical(v))
	n, isNum := toNum(v)
	b, isBool := toBool(v)
	_, isStr := v.(quad.String)
	if t, ok := v.(quad.TypedString); ok && t.Type == xsdString {
		isStr = true
	}
	switch dt {
	case xsdString:
		switch {
		case isBool:
			return quad.String(strconv.FormatBool(b)), nil
		case isNum:
			return quad.String(canonicalNumber(n)), nil
		}
		return quad.String(lexical(v)), nil
	case xsdBoolean:
		switch {
		case isBool:
			return boolVal(b), nil
		case isNum:
			if n.k == nInteger {
				return boolVal(n.i != 0), nil
			}
			return boolVal(n.f != 0 && !math.IsNaN(n.f)), nil
		case isStr:
			switch lex {
			case "true", "1":
				return boolVal(true), nil
			case "false", "0":
				return boolVal(false), nil
			}
		}
		return nil, errType
	case xsdInteger:
		switch {
		case isBool:
			if b {
				return numVal(num{k: nInteger, i: 1}), nil
			}
			return numVal(num{k: nInteger}), nil
		case isNum:
			if n.k == nInteger {
				return numVal(n), nil
			}
			if math.IsNaN(n.f) || math.IsInf(n.f, 0) {
				return nil, errType
			}
			return numVal(num{k: nInteger, i: int64(math.Trunc(n.f))}), nil
		case isStr:
			if validInteger(lex) {
				i, err := strconv.ParseInt(strings.TrimPrefix(lex, "+"), 10, 64)
				if err == nil {
					return numVal(num{k: nInteger, i: i}), nil
				}
			}
		}
		return nil, errType
	case xsdDecimal:
		switch {
		case isBool:
			if b {
				return numVal(num{k: nDecimal, f: 1}), nil
			}
			return numVal(num{k: nDecimal}), nil
		case isNum:
			f := n.float()
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, errType
			}
			return numVal(num{k: nDecimal, f: f}), nil
		case isStr:
			if validDecimal(lex) {
				f, _ := strconv.ParseFloat(lex, 64)
				return numVal(num{k: nDecimal, f: f}), nil
			}
		}
		return nil, errType
	case xsdDouble, xsdFloat:
		k := nDouble
		if dt == xsdFloat {
			k = nFloat
		}
		switch {
		case isBool:
			if b {
				return numVal(num{k: k, f: 1}), nil
			}
			return numVal(num{k: k}), nil
		case isNum:
			f := n.float()
			if k == nFloat {
				f = float64(float32(f))
			}
			return numVal(num{k: k, f: f}), nil
		case isStr:
			if m, ok := toNum(quad.TypedString{Value: quad.String(lex), Type: xsdDouble}); ok {
				if k == nFloat {
					m.f = float64(float32(m.f))
				}
				return numVal(num{k: k, f: m.f}), nil
			}
		}
		return nil, errType
	case xsdDate:
		if d, ok := toDate(v); ok {
			return quad.TypedString{Value: quad.String(d.t.Format("2006-01-02") + tzSuffix(lex, d)), Type: xsdDate}, nil
		}
		if isStr {
			if _, ok := parseDateTime(lex, true); ok {
				return quad.TypedString{Value: quad.String(lex), Type: xsdDate}, nil
			}
		}
		return nil, errType
	case xsdDateTime:
		if d, ok := toDate(v); ok && !d.date {
			return quad.TypedString{Value: quad.String(lex), Type: xsdDateTime}, nil
		}
		if isStr {
			if _, ok := parseDateTime(lex, false); ok {
				return quad.TypedString{Value: quad.String(lex), Type: xsdDateTime}, nil
			}
		}
		return nil, errType
	}
	if isIntegerType(dt) {
		// derived integer types: cast to integer, then check the range
		iv, err := cast(v, xsdInteger)
		if err != nil {
			return nil, err
		}
		n, _ := toNum(iv)
		if !inIntegerRange(dt, n.i) {
			return nil, errType
		}
		return quad.TypedString{Value: iv.(quad.TypedString).Value, Type: dt}, nil
	}
	return nil, errType
}

// canonicalNumber is the canonical lexical form of a number as a string cast gives it.
func canonicalNumber(n num) string {
	if n.k == nInteger {
		return strconv.FormatInt(n.i, 10)
	}
	f := n.f
	bits := 64
	if n.k == nFloat {
		bits = 32
	}
	switch {
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case math.IsNaN(f):
		return "NaN"
	}
	if n.k == nDecimal || f == 0 || math.Abs(f) >= 1e-6 && math.Abs(f) < 1e6 {
		return strconv.FormatFloat(f, 'f', -1, bits)
	}
	return formatFloat(f, bits)
}

// tzSuffix keeps the timezone of a date or dateTime lexical form.
func tzSuffix(lex string, d dateVal) string {
	if !d.hasTZ {
		return ""
	}
	if strings.HasSuffix(lex, "Z") {
		return "Z"
	}
	return lex[len(lex)-6:]
}

// inIntegerRange reports whether i is in the value space of a derived integer type.
func inIntegerRange(dt quad.IRI, i int64) bool {
	switch string(dt)[len(xsdNS):] {
	case "int":
		return i >= math.MinInt32 && i <= math.MaxInt32
	case "short":
		return i >= math.MinInt16 && i <= math.MaxInt16
	case "byte":
		return i >= math.MinInt8 && i <= math.MaxInt8
	case "nonNegativeInteger", "unsignedLong":
		return i >= 0
	case "positiveInteger":
		return i > 0
	case "nonPositiveInteger":
		return i <= 0
	case "negativeInteger":
		return i < 0
	case "unsignedInt":
		return i >= 0 && i <= math.MaxUint32
	case "unsignedShort":
		return i >= 0 && i <= math.MaxUint16
	case "unsignedByte":
		return i >= 0 && i <= math.MaxUint8
	}
	return true
}
