package results

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/mattn/go-runewidth"

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
			rw.w.Write(jsonString(v))
		}
		rw.w.WriteString("]},\n\"results\":{\"bindings\":[")
	case XML:
		rw.w.WriteString(xml.Header)
		rw.w.WriteString("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head>\n")
		for _, v := range vars {
			fmt.Fprintf(rw.w, "  <variable name=\"%s\"/>\n", xmlEscape(v))
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
			rw.w.Write(jsonString(name))
			rw.w.WriteByte(':')
			rw.w.Write(jsonTerm(v))
		}
		rw.w.WriteByte('}')
	case XML:
		rw.w.WriteString("  <result>\n")
		for i, name := range rw.vars {
			if v := at(i); v != nil {
				fmt.Fprintf(rw.w, "    <binding name=\"%s\">%s</binding>\n", xmlEscape(name), xmlTerm(v))
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

func jsonString(s string) []byte {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return []byte(strings.TrimSuffix(b.String(), "\n"))
}

func jsonTerm(v quad.Value) []byte {
	var b strings.Builder
	field := func(k, val string) {
		b.WriteByte(',')
		b.Write(jsonString(k))
		b.WriteByte(':')
		b.Write(jsonString(val))
	}
	b.WriteString(`{"type":`)
	switch v := normalize(v).(type) {
	case quad.IRI:
		b.WriteString(`"uri"`)
		field("value", string(v))
	case quad.BNode:
		b.WriteString(`"bnode"`)
		field("value", string(v))
	case quad.String:
		b.WriteString(`"literal"`)
		field("value", string(v))
	case quad.LangString:
		b.WriteString(`"literal"`)
		field("value", string(v.Value))
		field("xml:lang", v.Lang)
	case quad.TypedString:
		b.WriteString(`"literal"`)
		field("value", string(v.Value))
		field("datatype", string(v.Type))
	}
	b.WriteByte('}')
	return []byte(b.String())
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

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func xmlTerm(v quad.Value) string {
	switch v := normalize(v).(type) {
	case quad.IRI:
		return "<uri>" + xmlEscape(string(v)) + "</uri>"
	case quad.BNode:
		return "<bnode>" + xmlEscape(string(v)) + "</bnode>"
	case quad.String:
		return "<literal>" + xmlEscape(string(v)) + "</literal>"
	case quad.LangString:
		return "<literal xml:lang=\"" + xmlEscape(v.Lang) + "\">" + xmlEscape(string(v.Value)) + "</literal>"
	case quad.TypedString:
		return "<literal datatype=\"" + xmlEscape(string(v.Type)) + "\">" + xmlEscape(string(v.Value)) + "</literal>"
	}
	return ""
}

// csvTerm is the CSV form of a value: IRIs and literals without any
// markup, blank nodes as _:label, unbound as the empty string.
func csvTerm(v quad.Value) string {
	switch v := normalize(v).(type) {
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return "_:" + string(v)
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedString:
		return string(v.Value)
	}
	return ""
}

func csvField(s string) string {
	if s == "" || !strings.ContainsAny(s, ",\"\r\n") && s[0] != ' ' && s[len(s)-1] != ' ' {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

var (
	tsvInteger = regexp.MustCompile(`^[+-]?[0-9]+$`)
	tsvDecimal = regexp.MustCompile(`^[+-]?[0-9]*\.[0-9]+$`)
	tsvDouble  = regexp.MustCompile(`^[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+$`)
)

// TSVTerm is the TSV form of a value: Turtle syntax, with integers,
// decimals and doubles written bare; unbound is the empty string.
func TSVTerm(v quad.Value) string {
	v = normalize(v)
	if ts, ok := v.(quad.TypedString); ok {
		lex := string(ts.Value)
		switch {
		case ts.Type == rdfio.XSDInteger && tsvInteger.MatchString(lex),
			ts.Type == rdfio.XSDDecimal && tsvDecimal.MatchString(lex),
			ts.Type == rdfio.XSDDouble && tsvDouble.MatchString(lex):
			return lex
		}
	}
	return rdfio.FormatTerm(v)
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
