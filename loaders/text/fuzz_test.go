package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seeds adds the seed documents' paragraphs and the table cases to f.
func seeds(f *testing.F, extra ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzzseed", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(para) != "" {
				f.Add(para)
			}
		}
	}
	for _, s := range extra {
		f.Add(s)
	}
}

var dateSeeds = []string{
	"November 30 – December 3, 2017", "from 2014 to 2017", "2017年11月30日至12月3日", "30.11.–3.12.2017",
	"二〇一七年十一月三十日", "2014-16", "since 2017", "自2017年以来", "2017-11-30T10:00", "March 15–17, 2023",
}

func checkSpan(t *testing.T, s string, off, n int) {
	t.Helper()
	if off < 0 || n <= 0 || off+n > len(s) {
		t.Fatalf("span [%d,+%d) outside %q", off, n, s)
	}
	if utf8.ValidString(s) && !utf8.ValidString(s[off:off+n]) {
		t.Fatalf("span [%d,+%d) cuts a character in %q", off, n, s)
	}
}

func FuzzFindDates(f *testing.F) {
	seeds(f, dateSeeds...)
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, d := range FindDates(s) {
			checkSpan(t, s, d.Offset, d.Len)
			if d.Offset < last {
				t.Fatalf("overlapping or unordered spans in %q", s)
			}
			last = d.Offset + d.Len
			if d.Year {
				if len(d.Start) != 4 || !d.Open && len(d.End) != 4 {
					t.Fatalf("year span %+v", d)
				}
			} else if _, err := ParseDate(d.Start); err != nil {
				t.Fatalf("start %q of %q does not parse: %v", d.Start, s, err)
			}
			if !d.Open && d.End < d.Start {
				t.Fatalf("end before start: %+v in %q", d, s)
			}
		}
	})
}

// FuzzFindDatesMonths: with Months, spans stay ordered and in the text, and
// a month is "YYYY-MM" with a month from 1 to 12.
func FuzzFindDatesMonths(f *testing.F) {
	seeds(f, append(dateSeeds, "in September 2004", "2017年11月", "since March 2023", "Nov. 2017")...)
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, d := range (DateFinder{Months: true}).Find(s) {
			checkSpan(t, s, d.Offset, d.Len)
			if d.Offset < last {
				t.Fatalf("overlapping or unordered spans in %q", s)
			}
			last = d.Offset + d.Len
			switch {
			case d.Month:
				if len(d.Start) != 7 || d.Start[4] != '-' || d.Start[5:] < "01" || d.Start[5:] > "12" {
					t.Fatalf("month span %+v in %q", d, s)
				}
			case d.Year:
				if len(d.Start) != 4 {
					t.Fatalf("year span %+v", d)
				}
			default:
				if _, err := ParseDate(d.Start); err != nil {
					t.Fatalf("start %q of %q does not parse: %v", d.Start, s, err)
				}
			}
			if !d.Open && d.End < d.Start {
				t.Fatalf("end before start: %+v in %q", d, s)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	seeds(f, append(dateSeeds, "Updated:2020-01-19", "Publication date01.09.2023", "2023-02-30")...)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if d != "" {
				t.Fatalf("ParseDate(%q) = %q with error %v", s, d, err)
			}
			return
		}
		if again, err := ParseDate(d); err != nil || again != d {
			t.Fatalf("ParseDate(%q) = %q, which reparses as %q, %v", s, d, again, err)
		}
	})
}

func FuzzFindCounts(f *testing.F) {
	seeds(f, "more than 200 political parties from over 120 countries", "120多个国家的200多个政党", "二百多个政党", "逾百个国家", "1,000,000 parties")
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range FindCounts(s) {
			checkSpan(t, s, c.Offset, c.Len)
			if c.N <= 0 || c.Noun != "party" && c.Noun != "country" || c.Min && c.Approx {
				t.Fatalf("count %+v in %q", c, s)
			}
		}
	})
}

func FuzzFold(f *testing.F) {
	seeds(f, "Vučić", "習近平", "ＡＢＣ", "a  b", "\u00ADx", "豈", "ß")
	f.Fuzz(func(t *testing.T, s string) {
		key, pos := FoldMap(s)
		if key != Fold(s) {
			t.Fatalf("FoldMap and Fold differ on %q", s)
		}
		if len(pos) != len(key)+1 {
			t.Fatalf("len(pos) = %d for key of %d bytes", len(pos), len(key))
		}
		for i := 1; i < len(pos); i++ {
			if pos[i] < pos[i-1] || pos[i] > len(s) {
				t.Fatalf("pos not monotonic within %q: %v", s, pos)
			}
		}
		if strings.HasPrefix(key, " ") || strings.HasSuffix(key, " ") || strings.Contains(key, "  ") {
			t.Fatalf("Fold(%q) = %q: spaces not collapsed", s, key)
		}
		if Fold(key) != key && utf8.ValidString(s) {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", s, key, Fold(key))
		}
		_ = Slug(s)
		_ = Lang(s)
		_ = Sentences(s)
	})
}
