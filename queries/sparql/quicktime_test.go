package sparql

import (
	"fmt"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// quickTimeMatches fails unless quickTime(s, date) either declines s or
// reads it as time.Parse does with parseDateTime's layout, and reports
// whether it read it.
func quickTimeMatches(t *testing.T, s string, date bool) bool {
	t.Helper()
	layout := "2006-01-02T15:04:05"
	if date {
		layout = "2006-01-02"
	}
	got, ok := quickTime(s, date)
	want, err := time.Parse(layout, s)
	if ok && (err != nil || !got.Equal(want) || got.Location() != time.UTC) {
		t.Fatalf("quickTime(%q, %v) = %v; time.Parse = %v, %v", s, date, got, want, err)
	}
	return ok
}

// TestQuickTime checks quickTime against time.Parse on every month and day
// number around the valid ones (leap years too), times at and past their
// bounds, and malformed forms; and that it reads every valid date and
// date-time of its form (else it would save nothing).
func TestQuickTime(t *testing.T) {
	var read, valid int
	for _, y := range []int{0, 1900, 1999, 2000, 2023, 2024, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				if quickTimeMatches(t, s, true) {
					read++
				}
				if _, err := time.Parse("2006-01-02", s); err == nil {
					valid++
				}
				for _, hms := range []string{"00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "1:00:00"} {
					quickTimeMatches(t, s+"T"+hms, false)
				}
			}
		}
	}
	if read != valid {
		t.Errorf("quickTime read %d dates, time.Parse %d", read, valid)
	}
	for _, s := range []string{"2024-1-01", "2024-01-0a", "+2024-01-01", " 2024-01-01", "2024/01/01", "20240101", "", "2024-01-01Z"} {
		if quickTimeMatches(t, s, true) {
			t.Errorf("quickTime read %q as a date", s)
		}
	}
	for _, s := range []string{"2024-01-01 12:00:00", "2024-01-01T12:00", "2024-01-01T12-00-00", "2024-01-01T12:00:00.5"} {
		if quickTimeMatches(t, s, false) {
			t.Errorf("quickTime read %q as a date-time", s)
		}
	}
	if !quickTimeMatches(t, "2017-11-30T09:30:15", false) {
		t.Errorf("quickTime declined a date-time of its form")
	}
}

func FuzzQuickTime(f *testing.F) {
	for _, s := range []string{"2017-11-30", "2024-02-29", "2023-02-29", "2017-11-30T09:30:15", "2017-13-01", "0000-01-01T23:59:59"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		quickTimeMatches(t, s, true)
		quickTimeMatches(t, s, false)
	})
}

// TestDateAgainst checks that a comparison with a constant date answers as
// valueCompare does, for operands of every kind, repeated (the last one's
// date is remembered) and alternating, with the constant on either side.
func TestDateAgainst(t *testing.T) {
	date := func(s string) quad.Value { return quad.TypedString{Value: quad.String(s), Type: xsdDate} }
	dateTime := func(s string) quad.Value { return quad.TypedString{Value: quad.String(s), Type: xsdDateTime} }
	vals := []quad.Value{
		date("2010-01-01"), date("2010-01-01"), date("2014-12-31"), date("2009-12-31Z"), date("2010-01-01+05:00"),
		dateTime("2010-01-01T00:00:00"), date("not a date"), date("2010-02-30"),
		quad.TypedString{Value: "7", Type: "http://www.w3.org/2001/XMLSchema#integer"},
		quad.TypedString{Value: "true", Type: "http://www.w3.org/2001/XMLSchema#boolean"},
		quad.String("2010-01-01"), quad.IRI("http://example.org/x"), date("2014-12-31"), date("2010-01-01"),
	}
	for _, cs := range []quad.Value{date("2010-01-01"), dateTime("2010-01-01T12:00:00Z")} {
		d, ok := toDate(cs)
		if !ok {
			t.Fatalf("toDate(%v) failed", cs)
		}
		right, left := dateAgainst(d, false), dateAgainst(d, true)
		for _, v := range vals {
			wc, werr := valueCompare(v, cs)
			if c, err := right(v, cs); c != wc || (err == nil) != (werr == nil) {
				t.Errorf("%v against %v: %d, %v; valueCompare: %d, %v", v, cs, c, err, wc, werr)
			}
			wc, werr = valueCompare(cs, v)
			if c, err := left(cs, v); c != wc || (err == nil) != (werr == nil) {
				t.Errorf("%v against %v: %d, %v; valueCompare: %d, %v", cs, v, c, err, wc, werr)
			}
		}
	}
}
