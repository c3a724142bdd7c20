package results

import (
	"fmt"
	"mime"
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
