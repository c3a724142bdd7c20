package results

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/internal/rdftest"
)

// TestReadSharedSuiteFiles reads every result document of the W3C SPARQL
// test suites in ../shared.
func TestReadSharedSuiteFiles(t *testing.T) {
	files := rdftest.SuiteFiles(t)
	if files == nil {
		t.Skip("../shared not found")
	}
	n := 0
	for _, path := range files {
		f, err := ParseFormat(strings.TrimPrefix(filepath.Ext(path), "."))
		if err != nil || f == Table {
			continue
		}
		n++
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Read(bytes.NewReader(data), f); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	if n < 400 {
		t.Fatalf("read only %d result files", n)
	}
}

func fuzzSeeds(f *testing.F, format Format) {
	var b strings.Builder
	Write(&b, format, testVars, testRows)
	f.Add(b.String())
	b.Reset()
	WriteBool(&b, format, true)
	f.Add(b.String())
}

// fuzzRoundTrip checks that whatever reads can be written and read back
// to the same set.
func fuzzRoundTrip(t *testing.T, format Format, in string) {
	s, err := Read(strings.NewReader(in), format)
	if err != nil {
		return
	}
	if s.IsBool {
		return
	}
	var b strings.Builder
	if err := Write(&b, format, s.Vars, s.Rows); err != nil {
		return // e.g. a literal that XML cannot carry
	}
	back, err := Read(strings.NewReader(b.String()), format)
	if err != nil {
		t.Fatalf("re-read: %v\n%s", err, b.String())
	}
	if len(back.Rows) != len(s.Rows) || !reflect.DeepEqual(back.Vars, s.Vars) && len(s.Vars) > 0 {
		t.Fatalf("round trip changed %+v into %+v", s, back)
	}
	for i := range s.Rows {
		if len(s.Rows[i]) > 0 && !reflect.DeepEqual(back.Rows[i], s.Rows[i]) {
			t.Fatalf("round trip changed row %d: %#v into %#v\n%s", i, s.Rows[i], back.Rows[i], b.String())
		}
	}
}

func FuzzReadJSON(f *testing.F) {
	fuzzSeeds(f, JSON)
	f.Fuzz(func(t *testing.T, in string) { fuzzRoundTrip(t, JSON, in) })
}

func FuzzReadXML(f *testing.F) {
	fuzzSeeds(f, XML)
	f.Fuzz(func(t *testing.T, in string) { fuzzRoundTrip(t, XML, in) })
}

func FuzzReadTSV(f *testing.F) {
	fuzzSeeds(f, TSV)
	f.Fuzz(func(t *testing.T, in string) { fuzzRoundTrip(t, TSV, in) })
}

func FuzzReadCSV(f *testing.F) {
	fuzzSeeds(f, CSV)
	f.Add("a,b\r\n\"x\r\ny\",\"say \"\"hi\"\"\"\r\n\r\n,\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		fuzzRoundTrip(t, CSV, in)
		csvAgreesWithStdlib(t, in)
	})
}

// csvAgreesWithStdlib checks csvRecords against encoding/csv on a
// document without carriage returns, where RFC 4180 and encoding/csv
// agree: the same records, or an error from both.
func csvAgreesWithStdlib(t *testing.T, in string) {
	if strings.ContainsRune(in, '\r') {
		return
	}
	cr := csv.NewReader(strings.NewReader(in))
	cr.FieldsPerRecord = -1
	want, wantErr := cr.ReadAll()
	recs, err := csvRecords(in)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("csvRecords error %v, encoding/csv error %v", err, wantErr)
	}
	var got [][]string
	for _, r := range recs {
		got = append(got, r.fields)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("csvRecords read %q, encoding/csv %q", got, want)
	}
}
