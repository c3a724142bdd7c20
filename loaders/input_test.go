package loaders

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestReadInput(t *testing.T) {
	for _, tc := range []struct {
		name, in, want, msg string
		err                 error
	}{
		{"text", "hello\n", "hello\n", "", nil},
		{"bom", "\xef\xbb\xbfhi", "hi", "", nil},
		{"stray invalid byte", "caf\xe9 au lait, a long enough line of text", "caf\uFFFD au lait, a long enough line of text", "", nil},
		{"empty", "", "", "doc.txt: empty document", ErrEmpty},
		{"blank", "\n \t", "", "doc.txt: empty document", ErrEmpty},
		{"nul", "ab\ncd\x00", "", "doc.txt:2:3: binary data (NUL byte), not a text document", ErrBinary},
		{"invalid utf8", "\xff\xfe\xfd", "", "doc.txt:1:1: binary data (invalid UTF-8), not a text document", ErrBinary},
		{"too large", strings.Repeat("x", 11), "", "doc.txt: document larger than the limit of 10 bytes", ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadInput("doc.txt", strings.NewReader(tc.in), 10+int64(len(tc.want)))
			if tc.err == ErrTooLarge {
				got, err = ReadInput("doc.txt", strings.NewReader(tc.in), 10)
			}
			if tc.err != nil {
				if !errors.Is(err, tc.err) || err.Error() != tc.msg {
					t.Fatalf("err = %v, want %q (%v)", err, tc.msg, tc.err)
				}
				var pe *Error
				if !errors.As(err, &pe) {
					t.Fatalf("err %T is not an *Error", err)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestPosition(t *testing.T) {
	data := []byte("ab\ncde\n\nf")
	for _, tc := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {7, 3, 1}, {8, 4, 1}, {99, 4, 2}, {-1, 1, 1}} {
		if l, c := Position(data, tc.off); l != tc.line || c != tc.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
	}
}

func TestDump(t *testing.T) {
	d := &Document{
		Name: "d.txt", Genre: "wikitext", Title: "T", Lang: "en",
		Meta:     map[string]string{"by": "X", "updated": "2020-01-19"},
		Keywords: []string{"k"}, Categories: []string{"C"},
		Blocks: []Block{
			{Kind: Heading, Level: 2, Text: "H"},
			{Kind: Table, Section: []string{"H", "Sub"}, Rows: [][]string{{"a", "b"}}, Refs: []int{0}},
			{Kind: Fact, Key: "Date", Text: "2017", Links: []Link{{Target: "t", Text: "2017"}}, Spans: []Span{{Text: "2017", Lang: "en"}}},
		},
		References: []Reference{{URL: "http://u", Title: "R", Lang: "zh-Hans"}},
	}
	var buf bytes.Buffer
	if err := d.Dump(&buf); err != nil {
		t.Fatal(err)
	}
	want := `name "d.txt"
genre "wikitext"
title "T"
lang "en"
meta "by" = "X"
meta "updated" = "2020-01-19"
keyword "k"
category "C"

block 0 heading level=2 lang="" offset=0
  text "H"

block 1 table level=0 lang="" offset=0
  section "H" / "Sub"
  refs [0]
  row "a" | "b"

block 2 fact level=0 lang="" offset=0
  key "Date"
  text "2017"
  link "2017" -> "t"
  span en "2017"

reference 0 lang="zh-Hans"
  url "http://u"
  title "R"
`
	if buf.String() != want {
		t.Errorf("dump:\n%s\nwant:\n%s", buf.String(), want)
	}
	if BlockKind(42).String() != "kind(42)" {
		t.Error("unknown kind name")
	}
}
