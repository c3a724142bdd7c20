package results

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/internal/rdfio"
)

// Set is a whole query result as read back from a document: either the
// variables and rows of a SELECT, or the answer of an ASK (IsBool set).
type Set struct {
	Vars   []string
	Rows   [][]quad.Value // nil entries are unbound
	IsBool bool
	Bool   bool
}

// Read reads a result document in format f. Table cannot be read.
func Read(r io.Reader, f Format) (*Set, error) {
	switch f {
	case JSON:
		return ReadJSON(r)
	case XML:
		return ReadXML(r)
	case CSV:
		return ReadCSV(r)
	case TSV:
		return ReadTSV(r)
	}
	return nil, fmt.Errorf("read results: cannot read format %v", f)
}

// ReadJSON reads application/sparql-results+json.
func ReadJSON(r io.Reader) (*Set, error) {
	var doc struct {
		Head struct {
			Vars []string `json:"vars"`
		} `json:"head"`
		Boolean *bool `json:"boolean"`
		Results *struct {
			Bindings []map[string]struct {
				Type     string `json:"type"`
				Value    string `json:"value"`
				Lang     string `json:"xml:lang"`
				Datatype string `json:"datatype"`
			} `json:"bindings"`
		} `json:"results"`
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read json results: %w", err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := lineCol(data, se.Offset-1) // Offset is just past the bad byte
			return nil, fmt.Errorf("read json results: %d:%d: %w", line, col, err)
		case errors.As(err, &te):
			line, col := lineCol(data, te.Offset-1)
			return nil, fmt.Errorf("read json results: %d:%d: %w", line, col, err)
		}
		return nil, fmt.Errorf("read json results: %w", err)
	}
	s := &Set{Vars: doc.Head.Vars}
	if doc.Boolean != nil {
		s.IsBool, s.Bool = true, *doc.Boolean
		return s, nil
	}
	if doc.Results == nil {
		return nil, errors.New("read json results: neither \"results\" nor \"boolean\"")
	}
	index := map[string]int{}
	for i, v := range s.Vars {
		index[v] = i
	}
	for n, b := range doc.Results.Bindings {
		row := make([]quad.Value, len(s.Vars))
		for name, t := range b {
			i, ok := index[name]
			if !ok {
				return nil, fmt.Errorf("read json results: binding %d names %q, not in head", n+1, name)
			}
			switch t.Type {
			case "uri":
				row[i] = quad.IRI(t.Value)
			case "bnode":
				row[i] = quad.BNode(t.Value)
			case "literal", "typed-literal":
				row[i] = literal(t.Value, t.Lang, t.Datatype)
			default:
				return nil, fmt.Errorf("read json results: binding %d of %q has unknown type %q", n+1, name, t.Type)
			}
		}
		s.Rows = append(s.Rows, row)
	}
	return s, nil
}

// lineCol turns a byte offset into a 1-based line and column (in
// characters).
func lineCol(data []byte, off int64) (int, int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[start:])
}

func literal(lex, lang, dt string) quad.Value {
	switch {
	case lang != "":
		return quad.LangString{Value: quad.String(lex), Lang: lang}
	case dt != "":
		return rdfio.Literal(lex, quad.IRI(dt))
	}
	return quad.String(lex)
}

// ReadXML reads application/sparql-results+xml.
func ReadXML(r io.Reader) (*Set, error) {
	type term struct {
		XMLName  xml.Name
		Lang     string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Datatype string `xml:"datatype,attr"`
		Text     string `xml:",chardata"`
	}
	var doc struct {
		Head struct {
			Vars []struct {
				Name string `xml:"name,attr"`
			} `xml:"variable"`
		} `xml:"head"`
		Boolean *string `xml:"boolean"`
		Results *struct {
			Result []struct {
				Binding []struct {
					Name  string `xml:"name,attr"`
					Terms []term `xml:",any"`
				} `xml:"binding"`
			} `xml:"result"`
		} `xml:"results"`
	}
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("read xml results: %w", err)
	}
	s := &Set{}
	for _, v := range doc.Head.Vars {
		s.Vars = append(s.Vars, v.Name)
	}
	if doc.Boolean != nil {
		s.IsBool = true
		switch strings.TrimSpace(*doc.Boolean) {
		case "true":
			s.Bool = true
		case "false":
		default:
			return nil, fmt.Errorf("read xml results: boolean %q", *doc.Boolean)
		}
		return s, nil
	}
	if doc.Results == nil {
		return nil, errors.New("read xml results: neither <results> nor <boolean>")
	}
	index := map[string]int{}
	for i, v := range s.Vars {
		index[v] = i
	}
	for n, res := range doc.Results.Result {
		row := make([]quad.Value, len(s.Vars))
		for _, b := range res.Binding {
			i, ok := index[b.Name]
			if !ok {
				return nil, fmt.Errorf("read xml results: result %d binds %q, not in head", n+1, b.Name)
			}
			if len(b.Terms) != 1 {
				return nil, fmt.Errorf("read xml results: result %d: binding %q has %d terms", n+1, b.Name, len(b.Terms))
			}
			t := b.Terms[0]
			switch t.XMLName.Local {
			case "uri":
				row[i] = quad.IRI(t.Text)
			case "bnode":
				row[i] = quad.BNode(t.Text)
			case "literal":
				row[i] = literal(t.Text, t.Lang, t.Datatype)
			default:
				return nil, fmt.Errorf("read xml results: result %d: unknown term <%s>", n+1, t.XMLName.Local)
			}
		}
		s.Rows = append(s.Rows, row)
	}
	return s, nil
}

// ReadCSV reads text/csv results. CSV loses term types: a value that is an
// absolute IRI (it has a scheme) becomes a quad.IRI, one starting with "_:"
// a quad.BNode, anything else a plain quad.String, and an empty field is
// unbound.
//
// Fields are read as RFC 4180 says, which encoding/csv does not quite do:
// everything between a field's quotes is its value, so a CR LF inside a
// quoted literal stays a CR LF.
func ReadCSV(r io.Reader) (*Set, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read csv results: %w", err)
	}
	recs, err := csvRecords(string(data))
	if err != nil {
		return nil, fmt.Errorf("read csv results: %w", err)
	}
	if len(recs) == 0 {
		return nil, errors.New("read csv results: no header")
	}
	s := &Set{Vars: recs[0].fields}
	for i, v := range s.Vars {
		if !validVar(v) {
			return nil, fmt.Errorf("read csv results: header field %d: %q is not a variable name", i+1, v)
		}
	}
	for _, rec := range recs[1:] {
		if len(rec.fields) != len(s.Vars) {
			return nil, fmt.Errorf("read csv results: line %d has %d fields, want %d", rec.line, len(rec.fields), len(s.Vars))
		}
		row := make([]quad.Value, len(rec.fields))
		for i, f := range rec.fields {
			row[i] = CSVValue(f)
		}
		s.Rows = append(s.Rows, row)
	}
	return s, nil
}

// A csvRecord is one record of a CSV document and the line it starts on.
type csvRecord struct {
	fields []string
	line   int
}

// csvRecords splits a CSV document (RFC 4180) into records. A record ends
// at CR LF or LF outside quotes; empty lines are skipped. A quote in an
// unquoted field, text after a closing quote and an unclosed quote are
// errors naming the line and column (in bytes, from 1).
func csvRecords(s string) ([]csvRecord, error) {
	var recs []csvRecord
	line, lineStart := 1, 0
	posErr := func(i int, msg string) error {
		return fmt.Errorf("line %d, column %d: %s", line, i-lineStart+1, msg)
	}
	newline := func(i int) int { // the length of a line end at i, or 0
		switch {
		case s[i] == '\n':
			return 1
		case s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n':
			return 2
		}
		return 0
	}
	i := 0
	for i < len(s) {
		if n := newline(i); n > 0 { // an empty line
			i += n
			line, lineStart = line+1, i
			continue
		}
		rec := csvRecord{line: line}
		for {
			var f strings.Builder
			if s[i] == '"' {
				open := i
				openLine, openStart := line, lineStart
				for i++; ; i++ {
					if i == len(s) {
						line, lineStart = openLine, openStart
						return nil, posErr(open, "quoted field not closed")
					}
					if s[i] == '"' {
						if i+1 < len(s) && s[i+1] == '"' {
							f.WriteByte('"')
							i++
							continue
						}
						i++
						break
					}
					if s[i] == '\n' {
						line, lineStart = line+1, i+1
					}
					f.WriteByte(s[i])
				}
				if i < len(s) && s[i] != ',' && newline(i) == 0 {
					return nil, posErr(i, "text after a closing quote")
				}
			} else {
				for i < len(s) && s[i] != ',' && newline(i) == 0 {
					if s[i] == '"' {
						return nil, posErr(i, `a quote inside an unquoted field`)
					}
					f.WriteByte(s[i])
					i++
				}
			}
			rec.fields = append(rec.fields, f.String())
			if i == len(s) {
				break
			}
			if s[i] == ',' {
				i++
				if i == len(s) || newline(i) > 0 {
					rec.fields = append(rec.fields, "")
				} else {
					continue
				}
			}
			if i < len(s) {
				n := newline(i)
				i += n
				line, lineStart = line+1, i
			}
			break
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

// validVar reports whether s can be a SPARQL variable name: not empty,
// without white space, control characters or punctuation that the result
// formats use.
func validVar(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7F || strings.ContainsRune("?$\",<>'\\", r) {
			return false
		}
	}
	return true
}

// CSVValue is the value a CSV field is read as (see ReadCSV).
func CSVValue(f string) quad.Value {
	switch {
	case f == "":
		return nil
	case strings.HasPrefix(f, "_:"):
		return quad.BNode(f[2:])
	case hasScheme(f) && !strings.ContainsAny(f, " \t\n<>\""):
		return quad.IRI(f)
	}
	return quad.String(f)
}

// AsCSV returns the value that v becomes after a trip through CSV.
func AsCSV(v quad.Value) quad.Value { return CSVValue(csvTerm(v)) }

func hasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	for j, c := range s[:i] {
		isAlpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !isAlpha && (j == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// ReadTSV reads text/tab-separated-values results, whose cells are RDF
// terms in Turtle syntax.
func ReadTSV(r io.Reader) (*Set, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read tsv results: %w", err)
		}
		return nil, errors.New("read tsv results: no header")
	}
	s := &Set{}
	if h := strings.TrimRight(sc.Text(), "\r"); h != "" {
		for i, v := range strings.Split(h, "\t") {
			name := strings.TrimPrefix(strings.TrimPrefix(v, "?"), "$")
			if len(name) == len(v) || !validVar(name) {
				return nil, fmt.Errorf("read tsv results: header field %d: %q is not a variable like ?name", i+1, v)
			}
			s.Vars = append(s.Vars, name)
		}
	}
	line := 1
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" && len(s.Vars) != 1 {
			if len(s.Vars) == 0 {
				s.Rows = append(s.Rows, nil)
			}
			continue
		}
		cells := strings.Split(text, "\t")
		if len(cells) != len(s.Vars) {
			return nil, fmt.Errorf("read tsv results: line %d has %d fields, want %d", line, len(cells), len(s.Vars))
		}
		row := make([]quad.Value, len(cells))
		for i, c := range cells {
			if c == "" {
				continue
			}
			v, err := rdfio.ParseTerm(c, "")
			if err != nil {
				return nil, fmt.Errorf("read tsv results: line %d field %d: %w", line, i+1, err)
			}
			row[i] = v
		}
		s.Rows = append(s.Rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read tsv results: %w", err)
	}
	return s, nil
}
