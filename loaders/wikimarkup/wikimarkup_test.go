package wikimarkup

import (
	"reflect"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/loadertest"
)

func TestGolden(t *testing.T) {
	loadertest.Goldens(t, Parse, ".txt", "002_abc125928182cd8d.txt", "testdata/seed_002.golden")
}

func TestAssertions(t *testing.T) {
	d := loadertest.ParseFile(t, Parse, "testdata/dialogue_series.txt")
	if d.Title != "Party Dialogue of the Silk Coast" || d.Lang != "en" {
		t.Errorf("title, lang = %q, %q", d.Title, d.Lang)
	}
	facts := map[string]string{}
	for _, b := range d.Blocks {
		if b.Kind == loaders.Fact {
			facts[b.Key] = b.Text
		}
	}
	want := map[string]string{"Country": "Varnland", "Organiser": "Foreign Liaison Bureau of the Varnland Workers' Party", "Date": "2014 – 2016"}
	if !reflect.DeepEqual(facts, want) {
		t.Errorf("facts = %q", facts)
	}
	c := loadertest.Block(t, d, loaders.Caption, "Meetings of the dialogue")
	if c.Text != "Meetings of the dialogue, 2014–2016" {
		t.Errorf("caption = %q", c.Text)
	}
	tb := loadertest.Block(t, d, loaders.Table, "Kessel")
	if len(tb.Rows) != 4 || !reflect.DeepEqual(tb.Rows[0], []string{"No.", "Venue", "Date", "Theme"}) ||
		tb.Rows[2][3] != "Development paths | shared lessons" {
		t.Errorf("rows = %q", tb.Rows)
	}
	p := loadertest.Block(t, d, loaders.Paragraph, "yearly forum")
	if strings.Contains(p.Text, "**") || len(p.Links) != 2 || p.Links[0].Target != "Silk Coast Parties Summit" ||
		p.Links[1] != (loaders.Link{Target: "https://example.org/dialogue", Text: "the official site"}) {
		t.Errorf("paragraph = %q, links %+v", p.Text, p.Links)
	}
	y := loadertest.Block(t, d, loaders.Paragraph, "About 60 parties")
	if !reflect.DeepEqual(y.Section, []string{"Party Dialogue of the Silk Coast", "Meetings", "2014"}) {
		t.Errorf("section = %q", y.Section)
	}
	zh := loadertest.Block(t, d, loaders.Paragraph, "第二次")
	if !strings.HasPrefix(zh.Lang, "zh") {
		t.Errorf("lang of Chinese paragraph = %q", zh.Lang)
	}
	for _, s := range []string{"Silk Coast Parties Summit", "Varnland Workers' Party: history"} {
		if it := loadertest.Block(t, d, loaders.ListItem, s); it.Text != s {
			t.Errorf("see-also item = %q, want %q", it.Text, s)
		}
	}
}

func TestBadInput(t *testing.T) {
	loadertest.BadInput(t, Parse, "bad.txt", []loadertest.BadCase{
		{Name: "empty", In: "", Err: loaders.ErrEmpty},
		{Name: "binary", In: "\x00\x01\x02", Err: loaders.ErrBinary},
		{Name: "invalid utf8", In: strings.Repeat("\xff\xfe", 50), Err: loaders.ErrBinary},
		// Truncated structures degrade to text.
		{Name: "truncated", In: "== Open\n| a | b\n- Key:\n[[x|y", Check: func(t *testing.T, d *loaders.Document) {
			if len(d.Blocks) == 0 || d.Blocks[0].Kind != loaders.Heading || d.Blocks[0].Text != "Open" {
				t.Errorf("blocks = %+v", d.Blocks)
			}
		}},
	})
	p := Parser{MaxSize: 8}
	loadertest.TooLarge(t, p.Parse, "big.txt", "= a =\n= b =\n")
}

func FuzzParse(f *testing.F) {
	p := Parser{Lang: loadertest.NoLang}
	loadertest.FuzzParse(f, p.Parse, ".txt", []string{"= T =\n- K: v\n| a | b |\n|--|--|\n"}, func(t *testing.T, d *loaders.Document) {
		for _, b := range d.Blocks {
			if b.Kind == loaders.Table && len(b.Rows) == 0 {
				t.Fatal("empty table block")
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	loadertest.BenchParse(b, Parse, "testdata/dialogue_series.txt")
}

func TestChineseExport(t *testing.T) {
	d := loadertest.ParseFile(t, Parse, "testdata/summit_zh.txt")
	if d.Lang != "zh-Hans" || d.Title != "东岸政党领导人峰会" {
		t.Errorf("lang, title = %q, %q", d.Lang, d.Title)
	}
	f := loadertest.Block(t, d, loaders.Fact, "视频")
	if f.Key != "形式" || f.Text != "视频连线" {
		t.Errorf("full-width colon fact = %q: %q", f.Key, f.Text)
	}
	p := loadertest.Block(t, d, loaders.Paragraph, "主办")
	if !strings.Contains(p.Text, "会议，来自") {
		t.Errorf("lines of a Chinese paragraph joined with a space: %q", p.Text)
	}
	it := loadertest.Block(t, d, loaders.ListItem, "南洋政党论坛")
	if it.Section[len(it.Section)-1] != "参见" {
		t.Errorf("see-also item section = %q", it.Section)
	}
}

func TestSeedAssertions(t *testing.T) {
	d := loadertest.ParseSeed(t, Parse, "002_abc125928182cd8d.txt")
	if d.Title != "CPC in Dialogue with World Political Parties High-level Meeting" {
		t.Errorf("title = %q", d.Title)
	}
	if f := loadertest.Block(t, d, loaders.Fact, "Since"); f.Key != "Date" || f.Text != "Since 2017" {
		t.Errorf("fact = %q: %q", f.Key, f.Text)
	}
	tb := loadertest.Block(t, d, loaders.Table, "Videoconference")
	if len(tb.Rows) != 3 || tb.Rows[0][1] != "Venue" || tb.Rows[2][2] != "March 15, 2023" {
		t.Errorf("rows = %q", tb.Rows)
	}
	if c := loadertest.Block(t, d, loaders.Caption, "previous dialogues"); c.Text != "Basic information of previous dialogues" {
		t.Errorf("caption = %q", c.Text)
	}
	y := loadertest.Block(t, d, loaders.Paragraph, "via video link")
	if y.Section[len(y.Section)-1] != "2023" {
		t.Errorf("year section = %q", y.Section)
	}
	if it := loadertest.Block(t, d, loaders.ListItem, "Summit"); it.Text != "CPC and World Political Parties Summit" {
		t.Errorf("see-also item = %q", it.Text)
	}
}

func TestBoldCaption(t *testing.T) {
	d, err := Parse("cap.txt", strings.NewReader("= T =\n\n**Meetings of the forum:**\n\n| Year | City |\n| 2019 | Kessel |\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c := loadertest.Block(t, d, loaders.Caption, "Meetings"); c.Text != "Meetings of the forum" {
		t.Errorf("caption = %q", c.Text)
	}
}
