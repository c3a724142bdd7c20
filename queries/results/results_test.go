package results

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/internal/rdfio"
)

var (
	testVars = []string{"s", "name", "n"}
	testRows = [][]quad.Value{
		{quad.IRI("http://ex/a?x=1&y=2"), quad.LangString{Value: "中国共产党", Lang: "zh"}, quad.TypedString{Value: "42", Type: rdfio.XSDInteger}},
		{quad.BNode("b0"), quad.String("say \"hi\",\nthen\ttab <&>"), nil},
		{nil, quad.TypedString{Value: "2017-12-01", Type: quad.IRI(rdfio.XSDNS + "date")}, quad.TypedString{Value: "1.5e0", Type: rdfio.XSDDouble}},
	}
)

func TestRoundTrip(t *testing.T) {
	for _, f := range []Format{JSON, XML, TSV} {
		t.Run(f.String(), func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, f, testVars, testRows); err != nil {
				t.Fatal(err)
			}
			got, err := Read(strings.NewReader(b.String()), f)
			if err != nil {
				t.Fatalf("%v\n%s", err, b.String())
			}
			want := &Set{Vars: testVars, Rows: testRows}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v\nwant %#v\ndocument:\n%s", got, want, b.String())
			}
		})
	}
}

func TestCSV(t *testing.T) {
	var b strings.Builder
	if err := Write(&b, CSV, testVars, testRows); err != nil {
		t.Fatal(err)
	}
	want := "s,name,n\r\n" +
		"http://ex/a?x=1&y=2,中国共产党,42\r\n" +
		"_:b0,\"say \"\"hi\"\",\nthen\ttab <&>\",\r\n" +
		",2017-12-01,1.5e0\r\n"
	if b.String() != want {
		t.Fatalf("got\n%q\nwant\n%q", b.String(), want)
	}
	got, err := ReadCSV(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range testRows {
		for j, v := range row {
			if w := AsCSV(v); got.Rows[i][j] != w {
				t.Errorf("row %d col %d: got %#v, want %#v", i, j, got.Rows[i][j], w)
			}
		}
	}
}

func TestBool(t *testing.T) {
	for _, f := range []Format{JSON, XML} {
		for _, v := range []bool{true, false} {
			var b strings.Builder
			if err := WriteBool(&b, f, v); err != nil {
				t.Fatal(err)
			}
			got, err := Read(strings.NewReader(b.String()), f)
			if err != nil {
				t.Fatal(err)
			}
			if !got.IsBool || got.Bool != v {
				t.Errorf("%v %v: got %+v from\n%s", f, v, got, b.String())
			}
		}
	}
}

func TestTable(t *testing.T) {
	var b strings.Builder
	rows := [][]quad.Value{
		{quad.String("中国"), quad.TypedString{Value: "true", Type: rdfio.XSDBoolean}},
		{quad.IRI("http://e/x"), nil},
	}
	if err := Write(&b, Table, []string{"name", "ok"}, rows); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"+--------------+------+\n" +
		"| ?name        | ?ok  |\n" +
		"+--------------+------+\n" +
		"| \"中国\"       | true |\n" +
		"| <http://e/x> |      |\n" +
		"+--------------+------+\n" +
		"2 rows\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestFormats(t *testing.T) {
	for _, f := range Formats() {
		g, err := ParseFormat(f.String())
		if err != nil || g != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), g, err)
		}
		h, ok := FormatOfMediaType(f.ContentType())
		if !ok || h != f {
			t.Errorf("FormatOfMediaType(%q) = %v, %v", f.ContentType(), h, ok)
		}
	}
	if _, err := ParseFormat("yaml"); err == nil {
		t.Error("ParseFormat(yaml) did not fail")
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		f    Format
		in   string
	}{
		{"json unknown var", JSON, `{"head":{"vars":["a"]},"results":{"bindings":[{"b":{"type":"uri","value":"x"}}]}}`},
		{"json no results", JSON, `{"head":{"vars":["a"]}}`},
		{"xml bad boolean", XML, `<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>maybe</boolean></sparql>`},
		{"tsv bad term", TSV, "?a\n<unterminated\n"},
		{"tsv width", TSV, "?a\t?b\n1\n"},
		{"csv width", CSV, "a,b\n1\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Read(strings.NewReader(tc.in), tc.f); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestReadCSV(t *testing.T) {
	in := "a,b\r\n" +
		"\"line one\r\nline two\",\"say \"\"hi\"\"\"\r\n" +
		"\r\n" + // an empty line is skipped
		"http://x/y,_:b1\n" +
		",\n" + // two unbound
		" spaced ,\"\""
	s, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]quad.Value{
		{quad.String("line one\r\nline two"), quad.String(`say "hi"`)},
		{quad.IRI("http://x/y"), quad.BNode("b1")},
		{nil, nil},
		{quad.String(" spaced "), nil},
	}
	if !reflect.DeepEqual(s.Vars, []string{"a", "b"}) || !reflect.DeepEqual(s.Rows, want) {
		t.Errorf("got %q %#v\nwant %#v", s.Vars, s.Rows, want)
	}
	var b strings.Builder
	if err := Write(&b, CSV, s.Vars, s.Rows); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCSV(strings.NewReader(b.String()))
	if err != nil || !reflect.DeepEqual(back.Rows, want) {
		t.Errorf("written and read back: %#v, %v\n%s", back.Rows, err, b.String())
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a,b\n1\n", "read csv results: line 2 has 1 fields, want 2"},
		{"a\nx\"y\n", "read csv results: line 2, column 2: a quote inside an unquoted field"},
		{"a\n\"x\"y\n", "read csv results: line 2, column 4: text after a closing quote"},
		{"a\n\"two\nlines\"z\n", "read csv results: line 3, column 7: text after a closing quote"},
		{"a\n1\n\"never closed\n", "read csv results: line 3, column 1: quoted field not closed"},
		{"", "read csv results: no header"},
		{"a b\n", `read csv results: header field 1: "a b" is not a variable name`},
	}
	for _, tc := range tests {
		_, err := ReadCSV(strings.NewReader(tc.in))
		if err == nil || err.Error() != tc.want {
			t.Errorf("ReadCSV(%q) = %v, want %s", tc.in, err, tc.want)
		}
	}
}

func TestTableMaxCellWidth(t *testing.T) {
	var b strings.Builder
	w, err := NewWriter(&b, Table, []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	w.MaxCellWidth = 6
	w.WriteRow([]quad.Value{quad.String("中国共产党")})
	w.Close()
	want := "+--------+\n| ?x     |\n+--------+\n| \"中国… |\n+--------+\n1 row\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func BenchmarkWrite(b *testing.B) {
	rows := make([][]quad.Value, 1000)
	for i := range rows {
		rows[i] = testRows[i%len(testRows)]
	}
	for _, f := range Formats() {
		b.Run(f.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var sb strings.Builder
				if err := Write(&sb, f, testVars, rows); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestReadJSONErrorPosition(t *testing.T) {
	_, err := ReadJSON(strings.NewReader("{\"head\": {\"vars\": [\"a\"]},\n \"results\": {\"bindings\": [}}"))
	if err == nil || !strings.Contains(err.Error(), "2:27:") {
		t.Errorf("got %v, want an error at 2:27", err)
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		accept string
		want   Format
		ok     bool
	}{
		{"", Table, true},
		{"application/sparql-results+json", JSON, true},
		{"application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.8", XML, true},
		{"text/csv; charset=utf-8", CSV, true},
		{"text/*;q=0.5, text/tab-separated-values", TSV, true},
		{"text/*", CSV, true},
		{"*/*", Table, true},
		{"application/json, */*;q=0.1", JSON, true},
		{"image/png", 0, false},
		{"application/sparql-results+json;q=0, text/csv;q=0.1", CSV, true},
		{"application/sparql-results+json;q=0", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.accept, func(t *testing.T) {
			got, ok := Negotiate(tc.accept, Table)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Negotiate(%q) = %v, %v; want %v, %v", tc.accept, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestFlush(t *testing.T) {
	var b strings.Builder
	w, err := NewWriter(&b, CSV, []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	w.WriteRow([]quad.Value{quad.String("a")})
	if b.Len() != 0 {
		t.Fatalf("wrote %q before Flush", b.String())
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if b.String() != "x\r\na\r\n" {
		t.Errorf("after Flush: %q", b.String())
	}
}
