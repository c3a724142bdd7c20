package sparql

import (
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Well-known IRIs.
const (
	rdfNS       = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	rdfType     = quad.IRI(rdfNS + "type")
	rdfFirst    = quad.IRI(rdfNS + "first")
	rdfRest     = quad.IRI(rdfNS + "rest")
	rdfNil      = quad.IRI(rdfNS + "nil")
	rdfLangStr  = quad.IRI(rdfNS + "langString")
	xsdNS       = "http://www.w3.org/2001/XMLSchema#"
	xsdString   = quad.IRI(xsdNS + "string")
	xsdBoolean  = quad.IRI(xsdNS + "boolean")
	xsdInteger  = quad.IRI(xsdNS + "integer")
	xsdDecimal  = quad.IRI(xsdNS + "decimal")
	xsdDouble   = quad.IRI(xsdNS + "double")
	xsdFloat    = quad.IRI(xsdNS + "float")
	xsdDateTime = quad.IRI(xsdNS + "dateTime")
	xsdDate     = quad.IRI(xsdNS + "date")
	xsdDuration = quad.IRI(xsdNS + "dayTimeDuration")
)

// normLiteral normalises a term to the forms the engine works with:
// "x"^^xsd:string becomes quad.String, Cayley's native values become typed strings.
func normLiteral(v quad.Value) quad.Value {
	switch t := v.(type) {
	case nil, quad.IRI, quad.BNode, quad.String, quad.LangString:
		return v
	case quad.TypedString:
		if t.Type == xsdString {
			return t.Value
		}
		return t
	case quad.Int:
		return quad.TypedString{Value: quad.String(strconv.FormatInt(int64(t), 10)), Type: xsdInteger}
	case quad.Float:
		return quad.TypedString{Value: quad.String(formatDouble(float64(t))), Type: xsdDouble}
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(t))), Type: xsdBoolean}
	case quad.Time:
		return quad.TypedString{Value: quad.String(t.TypedString().Value), Type: xsdDateTime}
	case quad.TypedStringer:
		return normLiteral(t.TypedString())
	}
	return quad.String(quad.StringOf(v))
}

// termString formats a term in N-Triples syntax.
func termString(v quad.Value) string {
	switch t := v.(type) {
	case nil:
		return "UNDEF"
	case quad.IRI:
		return "<" + string(t) + ">"
	case quad.BNode:
		return "_:" + string(t)
	case quad.String:
		return quoteString(string(t))
	case quad.LangString:
		return quoteString(string(t.Value)) + "@" + t.Lang
	case quad.TypedString:
		// numbers and booleans in their short form when that reads back the same
		v := string(t.Value)
		switch {
		case t.Type == xsdInteger && validInteger(v),
			t.Type == xsdDecimal && validDecimal(v) && strings.Contains(v, "."),
			t.Type == xsdDouble && validDouble(v) && strings.ContainsAny(v, "eE"),
			t.Type == xsdBoolean && (v == "true" || v == "false"):
			return v
		}
		return quoteString(string(t.Value)) + "^^<" + string(t.Type) + ">"
	}
	return v.String()
}

func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
