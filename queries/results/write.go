package results

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/mattn/go-runewidth"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/internal/rdfio"
)

// Writer writes the rows of a SELECT result in one format. Call WriteRow
// for each row and Close at the end; Close does not close the underlying
// io.Writer.
type Writer struct {
	// MaxCellWidth, when positive, cuts the cells of a Table to that many
	// terminal columns, ending them with "…". Other formats ignore it.
	MaxCellWidth int

	w      *bufio.Writer
	format Format
	vars   []string
	n      int
	err    error
	table  [][]string // Table buffers its cells to align them
}

// NewWriter starts a SELECT result with the given variables (without '?').
func NewWriter(w io.Writer, f Format, vars []string) (*Writer, error) {
	rw := &Writer{w: bufio.NewWriter(w), format: f, vars: vars}
	switch f {
	case JSON:
		rw.w.WriteString(`{"head":{"vars":[`)
		for i, v := range vars {
			if i > 0 {
				rw.w.WriteByte(',')
			}
			writeJSONString(rw.w, v)
		}
		rw.w.WriteString("]},\n\"results\":{\"bindings\":[")
	case XML:
		rw.w.WriteString(xml.Header)
		rw.w.WriteString("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head>\n")
		for _, v := range vars {
			rw.w.WriteString(`  <variable name="`)
			writeXMLEscaped(rw.w, v)
			rw.w.WriteString("\"/>\n")
		}
		rw.w.WriteString("</head>\n<results>\n")
	case CSV:
		for i, v := range vars {
			if i > 0 {
				rw.w.WriteByte(',')
			}
			rw.w.WriteString(csvField(v))
		}
		rw.w.WriteString("\r\n")
	case TSV:
		for i, v := range vars {
			if i > 0 {
				rw.w.WriteByte('\t')
			}
			rw.w.WriteString("?" + v)
		}
		rw.w.WriteString("\n")
	case Table:
	default:
		return nil, fmt.Errorf("write results: unknown format %v", f)
	}
	return rw, nil
}

// WriteRow writes one solution; row[i] is the value of vars[i], nil if
// unbound. A row shorter than vars leaves the rest unbound.
func (rw *Writer) WriteRow(row []quad.Value) error {
	if rw.err != nil {
		return rw.err
	}
	if len(row) > len(rw.vars) {
		return fmt.Errorf("write results: row has %d values for %d variables", len(row), len(rw.vars))
	}
	at := func(i int) quad.Value {
		if i < len(row) {
			return row[i]
		}
		return nil
	}
	switch rw.format {
	case JSON:
		if rw.n > 0 {
			rw.w.WriteByte(',')
		}
		rw.w.WriteString("\n  {")
		first := true
		for i, name := range rw.vars {
			v := at(i)
			if v == nil {
				continue
			}
			if !first {
				rw.w.WriteByte(',')
			}
			first = false
			writeJSONString(rw.w, name)
			rw.w.WriteByte(':')
			writeJSONTerm(rw.w, v)
		}
		rw.w.WriteByte('}')
	case XML:
		rw.w.WriteString("  <result>\n")
		for i, name := range rw.vars {
			if v := at(i); v != nil {
				rw.w.WriteString(`    <binding name="`)
				writeXMLEscaped(rw.w, name)
				rw.w.WriteString(`">`)
				writeXMLTerm(rw.w, v)
				rw.w.WriteString("</binding>\n")
			}
		}
		rw.w.WriteString("  </result>\n")
	case CSV:
		if len(rw.vars) == 1 && csvTerm(at(0)) == "" {
			// A blank line would be skipped by readers.
			rw.w.WriteString(`""`)
		}
		for i := range rw.vars {
			if i > 0 {
				rw.w.WriteByte(',')
			}
			rw.w.WriteString(csvField(csvTerm(at(i))))
		}
		rw.w.WriteString("\r\n")
	case TSV:
		for i := range rw.vars {
			if i > 0 {
				rw.w.WriteByte('\t')
			}
			rw.w.WriteString(TSVTerm(at(i)))
		}
		rw.w.WriteString("\n")
	case Table:
		cells := make([]string, len(rw.vars))
		for i := range rw.vars {
			cells[i] = DisplayTerm(at(i))
		}
		rw.table = append(rw.table, cells)
	}
	rw.n++
	if rw.format != Table && rw.w.Buffered() > 32<<10 {
		rw.err = rw.w.Flush()
	}
	return rw.err
}

// Flush writes what is buffered to the underlying writer (a server can
// call it to send the first rows early). The table writes nothing before
// Close.
func (rw *Writer) Flush() error {
	if rw.err != nil {
		return rw.err
	}
	rw.err = rw.w.Flush()
	return rw.err
}

// Close ends the document and flushes it.
func (rw *Writer) Close() error {
	if rw.err != nil {
		return rw.err
	}
	switch rw.format {
	case JSON:
		rw.w.WriteString("\n]}}\n")
	case XML:
		rw.w.WriteString("</results>\n</sparql>\n")
	case Table:
		writeTable(rw.w, rw.vars, rw.table, rw.MaxCellWidth)
		rw.table = nil
	}
	rw.err = rw.w.Flush()
	return rw.err
}

// Write writes a whole SELECT result.
func Write(w io.Writer, f Format, vars []string, rows [][]quad.Value) error {
	rw, err := NewWriter(w, f, vars)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := rw.WriteRow(r); err != nil {
			return err
		}
	}
	return rw.Close()
}

// WriteBool writes the result of an ASK query. CSV and TSV, which have no
// boolean form in the standard, write a single "_askResult" column holding
// true or false, as Jena does.
func WriteBool(w io.Writer, f Format, b bool) error {
	var err error
	switch f {
	case JSON:
		_, err = fmt.Fprintf(w, "{\"head\":{},\"boolean\":%t}\n", b)
	case XML:
		_, err = fmt.Fprintf(w, "%s<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head/>\n<boolean>%t</boolean>\n</sparql>\n", xml.Header, b)
	case CSV:
		_, err = fmt.Fprintf(w, "_askResult\r\n%t\r\n", b)
	case TSV:
		_, err = fmt.Fprintf(w, "?_askResult\n%t\n", b)
	case Table:
		if b {
			_, err = io.WriteString(w, "yes\n")
		} else {
			_, err = io.WriteString(w, "no\n")
		}
	default:
		err = fmt.Errorf("write results: unknown format %v", f)
	}
	return err
}

// writeJSONString writes s as a JSON string, escaping what JSON requires
// (and U+2028, U+2029 for JavaScript); invalid UTF-8 becomes U+FFFD.
func writeJSONString(w *bufio.Writer, s string) {
	const hex = "0123456789abcdef"
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			w.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				w.WriteByte('\\')
				w.WriteByte(c)
			case '\n':
				w.WriteString(`\n`)
			case '\r':
				w.WriteString(`\r`)
			case '\t':
				w.WriteString(`\t`)
			default:
				w.WriteString(`\u00`)
				w.WriteByte(hex[c>>4])
				w.WriteByte(hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			w.WriteString(s[start:i])
			w.WriteString(`\ufffd`)
		case r == '\u2028' || r == '\u2029':
			w.WriteString(s[start:i])
			w.WriteString(`\u202`)
			w.WriteByte(hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}

func writeJSONTerm(w *bufio.Writer, v quad.Value) {
	field := func(k, val string) {
		w.WriteString(`,"`)
		w.WriteString(k)
		w.WriteString(`":`)
		writeJSONString(w, val)
	}
	switch v := normalize(v).(type) {
	case quad.IRI:
		w.WriteString(`{"type":"uri"`)
		field("value", string(v))
	case quad.BNode:
		w.WriteString(`{"type":"bnode"`)
		field("value", string(v))
	case quad.String:
		w.WriteString(`{"type":"literal"`)
		field("value", string(v))
	case quad.LangString:
		w.WriteString(`{"type":"literal"`)
		field("value", string(v.Value))
		field("xml:lang", v.Lang)
	case quad.TypedString:
		w.WriteString(`{"type":"literal"`)
		field("value", string(v.Value))
		field("datatype", string(v.Type))
	}
	w.WriteByte('}')
}

// normalize turns Cayley's native values (quad.Int, ...) and xsd:string
// literals into the forms the writers handle.
func normalize(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.IRI, quad.BNode, quad.String, quad.LangString, nil:
		return v
	case quad.TypedString:
		if v.Type == rdfio.XSDString {
			return v.Value
		}
		return v
	case quad.TypedStringer:
		return v.TypedString()
	}
	return quad.String(v.String())
}

// writeXMLEscaped writes s as XML character data or attribute text:
// markup characters and white space other than ' ' as references,
// characters XML 1.0 cannot carry as U+FFFD.
func writeXMLEscaped(w *bufio.Writer, s string) {
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"':
			esc = "&quot;"
		case r == '\'':
			esc = "&apos;"
		case r == '\t':
			esc = "&#x9;"
		case r == '\n':
			esc = "&#xA;"
		case r == '\r':
			esc = "&#xD;"
		case r == utf8.RuneError && size == 1, r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			esc = "\uFFFD"
		default:
			i += size
			continue
		}
		w.WriteString(s[start:i])
		w.WriteString(esc)
		i += size
		start = i
	}
	w.WriteString(s[start:])
}

func writeXMLTerm(w *bufio.Writer, v quad.Value) {
	switch v := normalize(v).(type) {
	case quad.IRI:
		w.WriteString("<uri>")
		writeXMLEscaped(w, string(v))
		w.WriteString("</uri>")
	case quad.BNode:
		w.WriteString("<bnode>")
		writeXMLEscaped(w, string(v))
		w.WriteString("</bnode>")
	case quad.String:
		w.WriteString("<literal>")
		writeXMLEscaped(w, string(v))
		w.WriteString("</literal>")
	case quad.LangString:
		w.WriteString(`<literal xml:lang="`)
		writeXMLEscaped(w, v.Lang)
		w.WriteString(`">`)
		writeXMLEscaped(w, string(v.Value))
		w.WriteString("</literal>")
	case quad.TypedString:
		w.WriteString(`<literal datatype="`)
		writeXMLEscaped(w, string(v.Type))
		w.WriteString(`">`)
		writeXMLEscaped(w, string(v.Value))
		w.WriteString("</literal>")
	}
}

// csvTerm is the CSV form of a value: IRIs and literals without any
// markup, blank nodes as _:label, unbound as the empty string.
func csvTerm(v quad.Value) string { return graph.TermText(normalize(v)) }

func csvField(s string) string {
	if s == "" || !strings.ContainsAny(s, ",\"\r\n") && s[0] != ' ' && s[len(s)-1] != ' ' {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// TSVTerm is the TSV form of a value: Turtle syntax, with integers,
// decimals and doubles written bare and tabs in literals escaped as \t;
// unbound is the empty string.
func TSVTerm(v quad.Value) string {
	v = normalize(v)
	if ts, ok := v.(quad.TypedString); ok {
		if n, ok := rdfio.BareNumber(ts); ok {
			return n
		}
	}
	// A tab can only stand in a literal: N-Triples writes it in IRIs as \u0009.
	return strings.ReplaceAll(rdfio.FormatTerm(v), "\t", `\t`)
}

// DisplayTerm is how the table shows a value: IRIs in angle brackets,
// strings quoted, numbers and booleans bare, other typed literals with
// their datatype; unbound is empty.
func DisplayTerm(v quad.Value) string {
	v = normalize(v)
	if ts, ok := v.(quad.TypedString); ok && ts.Type == rdfio.XSDBoolean {
		return string(ts.Value)
	}
	return TSVTerm(v)
}

func writeTable(w *bufio.Writer, vars []string, rows [][]string, maxWidth int) {
	widths := make([]int, len(vars))
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' || r == '\t' {
				return ' '
			}
			return r
		}, s)
	}
	for i, v := range vars {
		widths[i] = runewidth.StringWidth("?" + v)
	}
	for _, r := range rows {
		for i, c := range r {
			r[i] = clean(c)
			if maxWidth > 0 && runewidth.StringWidth(r[i]) > maxWidth {
				r[i] = runewidth.Truncate(r[i], maxWidth, "…")
			}
			if n := runewidth.StringWidth(r[i]); n > widths[i] {
				widths[i] = n
			}
		}
	}
	rule := func() {
		w.WriteByte('+')
		for _, n := range widths {
			w.WriteString(strings.Repeat("-", n+2))
			w.WriteByte('+')
		}
		w.WriteByte('\n')
	}
	line := func(cells []string) {
		w.WriteByte('|')
		for i, c := range cells {
			w.WriteByte(' ')
			w.WriteString(c)
			w.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(c)+1))
			w.WriteByte('|')
		}
		w.WriteByte('\n')
	}
	head := make([]string, len(vars))
	for i, v := range vars {
		head[i] = "?" + v
	}
	rule()
	line(head)
	rule()
	for _, r := range rows {
		line(r)
	}
	if len(rows) > 0 {
		rule()
	}
	if len(rows) == 1 {
		w.WriteString("1 row\n")
	} else {
		fmt.Fprintf(w, "%d rows\n", len(rows))
	}
}
