package sparql

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// errType is the SPARQL expression error (type error, unbound variable...).
var errType = errors.New("expression error")

// row is a solution: one slot per variable of the query, nil = unbound.
type row []quad.Value

// evalFn evaluates a compiled expression on a solution.
type evalFn func(r row) (quad.Value, error)

func boolVal(b bool) quad.Value {
	if b {
		return quad.TypedString{Value: "true", Type: xsdBoolean}
	}
	return quad.TypedString{Value: "false", Type: xsdBoolean}
}

// ---- numbers ----

type numKind int

const (
	nInteger numKind = iota
	nDecimal
	nFloat
	nDouble
)

type num struct {
	k numKind
	i int64
	f float64
}

func (n num) float() float64 {
	if n.k == nInteger {
		return float64(n.i)
	}
	return n.f
}

func isIntegerType(t quad.IRI) bool {
	if !strings.HasPrefix(string(t), xsdNS) {
		return false
	}
	switch string(t)[len(xsdNS):] {
	case "integer", "int", "long", "short", "byte", "nonNegativeInteger", "nonPositiveInteger",
		"positiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte":
		return true
	}
	return false
}

func isNumericType(t quad.IRI) bool {
	return isIntegerType(t) || t == xsdDecimal || t == xsdDouble || t == xsdFloat
}

// toNum returns the numeric value of a literal; ok is false for non-numbers
// and for numeric literals with an invalid lexical form.
func toNum(v quad.Value) (num, bool) {
	t, ok := v.(quad.TypedString)
	if !ok {
		return num{}, false
	}
	s := strings.TrimSpace(string(t.Value))
	switch {
	case isIntegerType(t.Type):
		if !validInteger(s) {
			return num{}, false
		}
		i, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64)
		if err != nil {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return num{}, false
			}
			return num{k: nDecimal, f: f}, true
		}
		return num{k: nInteger, i: i}, true
	case t.Type == xsdDecimal:
		if !validDecimal(s) {
			return num{}, false
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return num{}, false
		}
		return num{k: nDecimal, f: f}, true
	case t.Type == xsdDouble || t.Type == xsdFloat:
		k := nDouble
		if t.Type == xsdFloat {
			k = nFloat
		}
		switch s {
		case "INF", "+INF":
			return num{k: k, f: math.Inf(1)}, true
		case "-INF":
			return num{k: k, f: math.Inf(-1)}, true
		case "NaN":
			return num{k: k, f: math.NaN()}, true
		}
		if !validDouble(s) {
			return num{}, false
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return num{}, false
		}
		return num{k: k, f: f}, true
	}
	return num{}, false
}

func validInteger(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func validDecimal(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits := 0
	dot := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
			digits++
		case s[i] == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

func validDouble(s string) bool {
	m, e := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		m, e = s[:i], s[i+1:]
		if !validInteger(e) {
			return false
		}
	}
	return validDecimal(m)
}

func numVal(n num) quad.Value {
	switch n.k {
	case nInteger:
		return quad.TypedString{Value: quad.String(strconv.FormatInt(n.i, 10)), Type: xsdInteger}
	case nDecimal:
		return quad.TypedString{Value: quad.String(formatDecimal(n.f)), Type: xsdDecimal}
	case nFloat:
		return quad.TypedString{Value: quad.String(formatFloat(n.f, 32)), Type: xsdFloat}
	}
	return quad.TypedString{Value: quad.String(formatDouble(n.f)), Type: xsdDouble}
}

func formatDecimal(f float64) string {
	// decimals are computed in float64; drop the binary noise of the last digits
	if r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64); err == nil {
		f = r
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// formatDouble formats a double in the canonical form 1.5E2.
func formatDouble(f float64) string { return formatFloat(f, 64) }

// formatFloat formats a double or float (bits 32) in the canonical form.
func formatFloat(f float64, bits int) string {
	switch {
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case math.IsNaN(f):
		return "NaN"
	}
	s := strconv.FormatFloat(f, 'E', -1, bits)
	i := strings.IndexByte(s, 'E')
	m, e := s[:i], s[i+1:]
	if !strings.Contains(m, ".") {
		m += ".0"
	}
	exp, _ := strconv.Atoi(e)
	return m + "E" + strconv.Itoa(exp)
}

func promote(a, b num) numKind {
	if a.k > b.k {
		return a.k
	}
	return b.k
}

func arith(op string, a, b num) (quad.Value, error) {
	k := promote(a, b)
	if k == nInteger {
		switch op {
		case "+":
			r := a.i + b.i
			if (r > a.i) == (b.i > 0) {
				return numVal(num{k: nInteger, i: r}), nil
			}
		case "-":
			r := a.i - b.i
			if (r < a.i) == (b.i > 0) {
				return numVal(num{k: nInteger, i: r}), nil
			}
		case "*":
			if a.i == 0 || b.i == 0 {
				return numVal(num{k: nInteger}), nil
			}
			r := a.i * b.i
			if r/b.i == a.i {
				return numVal(num{k: nInteger, i: r}), nil
			}
		case "/":
			if b.i == 0 {
				return nil, errType
			}
			return numVal(num{k: nDecimal, f: float64(a.i) / float64(b.i)}), nil
		}
		k = nDecimal
	}
	x, y := a.float(), b.float()
	var r float64
	switch op {
	case "+":
		r = x + y
	case "-":
		r = x - y
	case "*":
		r = x * y
	case "/":
		if y == 0 && k == nDecimal {
			return nil, errType
		}
		r = x / y
	}
	if k == nFloat {
		r = float64(float32(r))
	}
	return numVal(num{k: k, f: r}), nil
}

func cmpNum(a, b num) int {
	if a.k == nInteger && b.k == nInteger {
		switch {
		case a.i < b.i:
			return -1
		case a.i > b.i:
			return 1
		}
		return 0
	}
	x, y := a.float(), b.float()
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	case x == y:
		return 0
	}
	return 2 // NaN: unordered
}

// ---- dates ----

type dateVal struct {
	t     time.Time
	hasTZ bool
	date  bool
}

func toDate(v quad.Value) (dateVal, bool) {
	t, ok := v.(quad.TypedString)
	if !ok || t.Type != xsdDateTime && t.Type != xsdDate {
		return dateVal{}, false
	}
	return parseDateTime(string(t.Value), t.Type == xsdDate)
}

func parseDateTime(s string, date bool) (dateVal, bool) {
	s = strings.TrimSpace(s)
	var d dateVal
	d.date = date
	body, tz := s, ""
	if strings.HasSuffix(s, "Z") {
		body, tz = s[:len(s)-1], "Z"
	} else if len(s) > 6 && (s[len(s)-6] == '+' || s[len(s)-6] == '-') && s[len(s)-3] == ':' {
		body, tz = s[:len(s)-6], s[len(s)-6:]
	}
	layout := "2006-01-02T15:04:05"
	if date {
		layout = "2006-01-02"
	} else if i := strings.IndexByte(body, '.'); i >= 0 {
		layout += "." + strings.Repeat("9", len(body)-i-1)
	}
	t, ok := quickTime(body, date)
	var err error
	if !ok {
		t, err = time.Parse(layout, body)
	}
	if err != nil {
		if !date && strings.HasSuffix(body, "T24:00:00") {
			t, err = time.Parse("2006-01-02", body[:len(body)-9])
			if err != nil {
				return d, false
			}
			t = t.AddDate(0, 0, 1)
		} else {
			return d, false
		}
	}
	loc := time.UTC
	if tz != "" {
		d.hasTZ = true
		if tz != "Z" {
			h, _ := strconv.Atoi(tz[1:3])
			m, _ := strconv.Atoi(tz[4:6])
			off := h*3600 + m*60
			if tz[0] == '-' {
				off = -off
			}
			loc = time.FixedZone(tz, off)
		}
	}
	d.t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	return d, true
}

// quickTime parses the commonest forms, YYYY-MM-DD for a date and
// YYYY-MM-DDThh:mm:ss for a date-time, as time.Parse does with the layouts of
// parseDateTime, at a fraction of its cost (ORDER BY and FILTER parse a date
// per solution); ok is false for any other input, which time.Parse then
// reads.
func quickTime(s string, date bool) (time.Time, bool) {
	n := 10
	if !date {
		n = 19
	}
	if len(s) != n || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	num := func(i, j int) (int, bool) {
		v := 0
		for _, c := range []byte(s[i:j]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok1 := num(0, 4)
	m, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return time.Time{}, false
	}
	var hh, mm, ss int
	if !date {
		var ok4, ok5, ok6 bool
		if s[10] != 'T' || s[13] != ':' || s[16] != ':' {
			return time.Time{}, false
		}
		hh, ok4 = num(11, 13)
		mm, ok5 = num(14, 16)
		ss, ok6 = num(17, 19)
		if !ok4 || !ok5 || !ok6 || hh > 23 || mm > 59 || ss > 59 {
			return time.Time{}, false
		}
	}
	return time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC), true
}

// daysIn returns the number of days of month m in year y.
func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ---- term classification ----

func isLiteral(v quad.Value) bool {
	switch v.(type) {
	case quad.String, quad.LangString, quad.TypedString:
		return true
	}
	return false
}

// stringOf returns the lexical form of a simple literal, xsd:string or
// language-tagged string, and whether v is one.
func stringOf(v quad.Value) (string, bool) {
	switch t := v.(type) {
	case quad.String:
		return string(t), true
	case quad.LangString:
		return string(t.Value), true
	case quad.TypedString:
		if t.Type == xsdString {
			return string(t.Value), true
		}
	}
	return "", false
}

func lexical(v quad.Value) string {
	switch t := v.(type) {
	case quad.IRI:
		return string(t)
	case quad.BNode:
		return string(t)
	case quad.String:
		return string(t)
	case quad.LangString:
		return string(t.Value)
	case quad.TypedString:
		return string(t.Value)
	}
	return ""
}

// ebv is the effective boolean value.
func ebv(v quad.Value) (bool, error) {
	switch t := v.(type) {
	case quad.String:
		return t != "", nil
	case quad.TypedString:
		switch {
		case t.Type == xsdBoolean:
			s := strings.TrimSpace(string(t.Value))
			switch s {
			case "true", "1":
				return true, nil
			case "false", "0":
				return false, nil
			}
			return false, nil
		case t.Type == xsdString:
			return t.Value != "", nil
		case isNumericType(t.Type):
			n, ok := toNum(t)
			if !ok {
				return false, nil
			}
			if n.k == nInteger {
				return n.i != 0, nil
			}
			return n.f != 0 && !math.IsNaN(n.f), nil
		}
	}
	return false, errType
}

func toBool(v quad.Value) (bool, bool) {
	t, ok := v.(quad.TypedString)
	if !ok || t.Type != xsdBoolean {
		return false, false
	}
	switch strings.TrimSpace(string(t.Value)) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// ---- comparison ----

// valueEqual is the SPARQL '=' operator.
func valueEqual(a, b quad.Value) (bool, error) {
	if a == nil || b == nil {
		return false, errType
	}
	if na, ok := toNum(a); ok {
		if nb, ok := toNum(b); ok {
			return cmpNum(na, nb) == 0, nil
		}
	}
	if !isLiteral(a) || !isLiteral(b) {
		return a == b, nil
	}
	if a == b {
		return true, nil
	}
	la, aLang := a.(quad.LangString)
	lb, bLang := b.(quad.LangString)
	if aLang || bLang {
		if aLang && bLang {
			return la.Value == lb.Value && strings.EqualFold(la.Lang, lb.Lang), nil
		}
		return false, nil
	}
	ka, kb := literalKind(a), literalKind(b)
	if ka == kindUnknown || kb == kindUnknown {
		return false, errType
	}
	if ka != kb {
		return false, nil
	}
	switch ka {
	case kindString:
		sa, _ := stringOf(a)
		sb, _ := stringOf(b)
		return sa == sb, nil
	case kindBool:
		ba, _ := toBool(a)
		bb, _ := toBool(b)
		return ba == bb, nil
	case kindDateTime, kindDate:
		da, _ := toDate(a)
		db, _ := toDate(b)
		if da.hasTZ != db.hasTZ {
			if d := da.t.Sub(db.t); d <= 14*time.Hour && d >= -14*time.Hour {
				return false, errType
			}
			return false, nil
		}
		return da.t.Equal(db.t), nil
	}
	return false, errType
}

const (
	kindUnknown = iota
	kindString
	kindNumber
	kindBool
	kindDateTime
	kindDate
)

// literalKind classifies a literal by the value space the operators know;
// ill-typed literals and unknown datatypes are kindUnknown.
func literalKind(v quad.Value) int {
	switch t := v.(type) {
	case quad.String:
		return kindString
	case quad.TypedString:
		switch {
		case t.Type == xsdString:
			return kindString
		case isNumericType(t.Type):
			if _, ok := toNum(t); ok {
				return kindNumber
			}
		case t.Type == xsdBoolean:
			if _, ok := toBool(t); ok {
				return kindBool
			}
		case t.Type == xsdDateTime:
			if _, ok := toDate(t); ok {
				return kindDateTime
			}
		case t.Type == xsdDate:
			if _, ok := toDate(t); ok {
				return kindDate
			}
		}
	}
	return kindUnknown
}

// valueCompare is the SPARQL '<' family: -1, 0, 1, or an error if incomparable.
func valueCompare(a, b quad.Value) (int, error) {
	if a == nil || b == nil {
		return 0, errType
	}
	if na, ok := toNum(a); ok {
		if nb, ok := toNum(b); ok {
			c := cmpNum(na, nb)
			if c == 2 {
				return 0, errType
			}
			return c, nil
		}
		return 0, errType
	}
	if sa, ok := a.(quad.String); ok {
		if sb, ok := b.(quad.String); ok {
			return strings.Compare(string(sa), string(sb)), nil
		}
		return 0, errType
	}
	if ba, ok := toBool(a); ok {
		if bb, ok := toBool(b); ok {
			switch {
			case ba == bb:
				return 0, nil
			case !ba:
				return -1, nil
			}
			return 1, nil
		}
		return 0, errType
	}
	if da, ok := toDate(a); ok {
		if db, ok := toDate(b); ok {
			return dateCompare(da, db)
		}
		return 0, errType
	}
	if la, ok := a.(quad.LangString); ok {
		if lb, ok := b.(quad.LangString); ok && strings.EqualFold(la.Lang, lb.Lang) {
			return strings.Compare(string(la.Value), string(lb.Value)), nil
		}
	}
	return 0, errType
}

// dateCompare compares two parsed xsd:date or xsd:dateTime values: an error
// for a date against a dateTime, or for one value with a time zone and one
// without that are less than 14 hours apart (their order is undetermined).
func dateCompare(da, db dateVal) (int, error) {
	if da.date != db.date {
		return 0, errType
	}
	if da.hasTZ != db.hasTZ {
		d := da.t.Sub(db.t)
		if d < 14*time.Hour && d > -14*time.Hour {
			return 0, errType
		}
	}
	return da.t.Compare(db.t), nil
}

// orderCompare is the ORDER BY ordering: unbound < blank nodes < IRIs < literals.
func orderCompare(a, b quad.Value) int {
	ra, rb := orderRank(a), orderRank(b)
	if ra != rb {
		return ra - rb
	}
	switch ra {
	case 0:
		return 0
	case 1, 2:
		return strings.Compare(lexical(a), lexical(b))
	}
	if c, err := valueCompare(a, b); err == nil && c != 0 {
		return c
	}
	// plain literals before typed ones, then by lexical form, then by type/lang
	ka, kb := litRank(a), litRank(b)
	if na, ok := toNum(a); ok {
		if nb, ok := toNum(b); ok {
			if c := cmpNum(na, nb); c == -1 || c == 1 {
				return c
			}
		}
	}
	if ka != kb {
		return ka - kb
	}
	if c := strings.Compare(lexical(a), lexical(b)); c != 0 {
		return c
	}
	return strings.Compare(termString(a), termString(b))
}

func orderRank(v quad.Value) int {
	switch v.(type) {
	case nil:
		return 0
	case quad.BNode:
		return 1
	case quad.IRI:
		return 2
	}
	return 3
}

func litRank(v quad.Value) int {
	switch v.(type) {
	case quad.String:
		return 0
	case quad.LangString:
		return 1
	}
	return 2
}
