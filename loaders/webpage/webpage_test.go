package webpage

import (
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/loadertest"
)

func TestGolden(t *testing.T) {
	loadertest.Goldens(t, Parse, ".txt", "001_767f095815ab49b9.txt", "testdata/seed_001.golden")
}

func TestAssertions(t *testing.T) {
	d := loadertest.ParseFile(t, Parse, "testdata/delegation_visit.txt")
	if d.Title != "Delegation of the Northland Labour Party Visits Qinghe Province" || d.Lang != "en" {
		t.Errorf("title, lang = %q, %q", d.Title, d.Lang)
	}
	loadertest.Meta(t, d, map[string]string{"source": "Qinghe Daily", "updated": "2029-05-12 09:30", "editor": "Mara Lind", "breadcrumb": "Home > News > Party Exchanges"})
	var en, zh, headings int
	for _, b := range d.Blocks {
		switch {
		case b.Kind == loaders.Heading:
			headings++
		case b.Lang == "en":
			en++
		case strings.HasPrefix(b.Lang, "zh"):
			zh++
		}
		for _, junk := range []string{"Français", "Copyright", "E-mail", "Home >"} {
			if strings.Contains(b.Text, junk) {
				t.Errorf("boilerplate %q kept in block %q", junk, b.Text)
			}
		}
	}
	if en != 2 || zh != 2 || headings != 2 {
		t.Errorf("en=%d zh=%d headings=%d paragraphs, want 2, 2, 2", en, zh, headings)
	}
	h := loadertest.Block(t, d, loaders.Heading, "北国工党代表团")
	if h.Level != 2 {
		t.Errorf("Chinese title heading level = %d", h.Level)
	}
	p := loadertest.Block(t, d, loaders.Paragraph, "应省委邀请")
	if len(p.Section) != 2 || p.Section[1] != h.Text {
		t.Errorf("Chinese paragraph section = %q", p.Section)
	}
}

func TestBadInput(t *testing.T) {
	loadertest.BadInput(t, Parse, "bad.html.txt", []loadertest.BadCase{
		{Name: "empty", In: "", Err: loaders.ErrEmpty},
		{Name: "binary", In: "GIF89a\x00\x00", Err: loaders.ErrBinary},
		{Name: "footer-only", In: "Contact Us\n", Check: func(t *testing.T, d *loaders.Document) {
			if len(d.Blocks) != 0 {
				t.Errorf("footer-only page: %+v", d)
			}
		}},
	})
	p := Parser{MaxSize: 4}
	loadertest.TooLarge(t, p.Parse, "big", "hello")
}

func FuzzParse(f *testing.F) {
	p := Parser{Lang: loadertest.NoLang}
	loadertest.FuzzParse(f, p.Parse, ".txt", nil, func(t *testing.T, d *loaders.Document) {
		for _, b := range d.Blocks {
			if b.Text == "" {
				t.Fatal("block without text")
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	loadertest.BenchParse(b, Parse, "testdata/delegation_visit.txt")
}

func TestTraditionalPage(t *testing.T) {
	d := loadertest.ParseFile(t, Parse, "testdata/party_forum_hant.txt")
	if d.Lang != "zh-Hant" || d.Title != "南洋政黨論壇第三屆會議在海灣市開幕" {
		t.Errorf("lang, title = %q, %q", d.Lang, d.Title)
	}
	loadertest.Meta(t, d, map[string]string{"source": "海灣日報", "published": "2031-04-02", "editor": "陳思遠", "breadcrumb": "首頁 > 政黨交流 > 新聞"})
	if n := len(d.Blocks); n != 4 {
		t.Errorf("%d blocks, want the title and 3 paragraphs: %+v", n, d.Blocks)
	}
}

func TestSeedAssertions(t *testing.T) {
	d := loadertest.ParseSeed(t, Parse, "001_767f095815ab49b9.txt")
	if d.Meta["updated"] != "2020-01-19" || d.Meta["by"] != "China.org.cn" || d.Lang != "en" {
		t.Errorf("meta = %q, lang %q", d.Meta, d.Lang)
	}
	var langs []string
	for _, b := range d.Blocks {
		if b.Kind == loaders.Paragraph {
			langs = append(langs, b.Lang)
		}
		if strings.Contains(b.Text, "Contact Us") || strings.Contains(b.Text, "Français") {
			t.Errorf("boilerplate kept: %q", b.Text)
		}
	}
	if strings.Join(langs, " ") != "en en en en zh-Hans" {
		t.Errorf("paragraph languages = %q", langs)
	}
}

func TestHardWrapped(t *testing.T) {
	page := "Party Delegation Ends Visit\n\nThe delegation of the Coastal Renewal Party ended its visit\n" +
		"on Friday after talks with officials of the host party and\nlocal governments.\n\nShort closing line\nNext paragraph starts here.\n"
	d, err := Parse("wrapped.txt", strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	p := loadertest.Block(t, d, loaders.Paragraph, "ended its visit")
	if p.Text != "The delegation of the Coastal Renewal Party ended its visit on Friday after talks with officials of the host party and local governments." {
		t.Errorf("wrapped paragraph = %q", p.Text)
	}
	for _, b := range d.Blocks {
		if b.Kind == loaders.Heading && strings.Contains(b.Text, "ended its visit") {
			t.Errorf("wrapped line read as a heading: %q", b.Text)
		}
	}
}
