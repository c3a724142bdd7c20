package results

import (
	"fmt"
	"mime"
	"strconv"
	"strings"
)

// Format is a query results format.
type Format int

// The formats of SPARQL 1.1 Query Results, and a text table.
const (
	JSON Format = iota + 1
	XML
	CSV
	TSV
	Table
)

// Content types of the formats (the table is plain text).
const (
	ContentTypeJSON  = "application/sparql-results+json"
	ContentTypeXML   = "application/sparql-results+xml"
	ContentTypeCSV   = "text/csv; charset=utf-8"
	ContentTypeTSV   = "text/tab-separated-values; charset=utf-8"
	ContentTypeTable = "text/plain; charset=utf-8"
)

// Formats returns every format, in the order a server prefers them.
func Formats() []Format { return []Format{JSON, XML, CSV, TSV, Table} }

// String returns the format's short name, as ParseFormat accepts it.
func (f Format) String() string {
	switch f {
	case JSON:
		return "json"
	case XML:
		return "xml"
	case CSV:
		return "csv"
	case TSV:
		return "tsv"
	case Table:
		return "table"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ContentType returns the media type (with charset for text formats).
func (f Format) ContentType() string {
	switch f {
	case JSON:
		return ContentTypeJSON
	case XML:
		return ContentTypeXML
	case CSV:
		return ContentTypeCSV
	case TSV:
		return ContentTypeTSV
	case Table:
		return ContentTypeTable
	}
	return "application/octet-stream"
}

// ParseFormat returns the format named by a short name (json, xml, csv,
// tsv, table; also srj and srx), case-insensitively.
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(name) {
	case "json", "srj":
		return JSON, nil
	case "xml", "srx":
		return XML, nil
	case "csv":
		return CSV, nil
	case "tsv":
		return TSV, nil
	case "table", "text", "txt":
		return Table, nil
	}
	return 0, fmt.Errorf("unknown results format %q (want json, xml, csv, tsv or table)", name)
}

// FormatOfMediaType returns the format of a media type such as
// "application/sparql-results+json; charset=utf-8". It also accepts
// application/json, application/xml, text/xml and text/plain.
func FormatOfMediaType(mt string) (Format, bool) {
	t, _, err := mime.ParseMediaType(mt)
	if err != nil {
		return 0, false
	}
	switch t {
	case "application/sparql-results+json", "application/json":
		return JSON, true
	case "application/sparql-results+xml", "application/xml", "text/xml":
		return XML, true
	case "text/csv":
		return CSV, true
	case "text/tab-separated-values":
		return TSV, true
	case "text/plain":
		return Table, true
	}
	return 0, false
}

// mediaTypes lists the media types a format answers to, preferred first.
func (f Format) mediaTypes() []string {
	switch f {
	case JSON:
		return []string{"application/sparql-results+json", "application/json"}
	case XML:
		return []string{"application/sparql-results+xml", "application/xml", "text/xml"}
	case CSV:
		return []string{"text/csv"}
	case TSV:
		return []string{"text/tab-separated-values"}
	case Table:
		return []string{"text/plain"}
	}
	return nil
}

// Negotiate picks the format for an HTTP Accept header, honouring q
// values and wildcards (text/*, */*); among equally acceptable formats it
// prefers the more specific match, then the order of Formats. An empty
// header gives fallback. It reports false when no format is acceptable
// (the server should answer 406).
func Negotiate(accept string, fallback Format) (Format, bool) {
	if strings.TrimSpace(accept) == "" {
		return fallback, true
	}
	type rng struct {
		typ, sub string
		q        float64
	}
	var ranges []rng
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if v, err := strconv.ParseFloat(s, 64); err == nil && v >= 0 && v <= 1 {
				q = v
			}
		}
		typ, sub, _ := strings.Cut(mt, "/")
		ranges = append(ranges, rng{typ, sub, q})
	}
	// bestSpec ranks a match: twice the specificity of the range that
	// matched, plus one when it matched the format's own media type
	// rather than an alias (so text/* picks text/csv before text/xml).
	best, bestQ, bestSpec := Format(0), 0.0, -1
	for _, f := range Formats() {
		for i, mt := range f.mediaTypes() {
			typ, sub, _ := strings.Cut(mt, "/")
			// The most specific range that matches decides the q value.
			q, spec := 0.0, -1
			for _, r := range ranges {
				s := -1
				switch {
				case r.typ == typ && r.sub == sub:
					s = 2
				case r.typ == typ && r.sub == "*":
					s = 1
				case r.typ == "*" && r.sub == "*":
					s = 0
				}
				if s > spec {
					q, spec = r.q, s
				}
			}
			if spec < 0 {
				continue
			}
			rank := 2 * spec
			if i == 0 {
				rank++
			}
			if q > 0 && (q > bestQ || q == bestQ && rank > bestSpec) {
				best, bestQ, bestSpec = f, q, rank
			}
		}
	}
	if bestSpec < 0 {
		return 0, false
	}
	if bestSpec <= 1 && fallback != 0 {
		// Only */* matched: the caller's default is as good as any.
		return fallback, true
	}
	return best, true
}
