package webpage

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/loadertest"
)

func TestSeedGolden(t *testing.T) {
	data := loadertest.Seed(t, "001_767f095815ab49b9.txt")
	d, err := Parse("001_767f095815ab49b9.txt", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	loadertest.Golden(t, "testdata/seed_001.golden", d)
}

func TestOwnGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txt documents")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(filepath.Base(f), bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			loadertest.Golden(t, strings.TrimSuffix(f, ".txt")+".golden", d)
		})
	}
}

func TestAssertions(t *testing.T) {
	data, err := os.ReadFile("testdata/delegation_visit.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse("delegation_visit.txt", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Delegation of the Northland Labour Party Visits Qinghe Province" || d.Lang != "en" {
		t.Errorf("title, lang = %q, %q", d.Title, d.Lang)
	}
	for k, v := range map[string]string{"source": "Qinghe Daily", "updated": "2029-05-12 09:30", "editor": "Mara Lind", "breadcrumb": "Home > News > Party Exchanges"} {
		if d.Meta[k] != v {
			t.Errorf("meta %s = %q, want %q", k, d.Meta[k], v)
		}
	}
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
	for _, tc := range []struct {
		name, in string
		err      error
	}{
		{"empty", "", loaders.ErrEmpty},
		{"binary", "GIF89a\x00\x00", loaders.ErrBinary},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("bad.html.txt", strings.NewReader(tc.in))
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), "bad.html.txt") {
				t.Fatalf("err = %v, want %v naming the file", err, tc.err)
			}
		})
	}
	p := Parser{MaxSize: 4}
	if _, err := p.Parse("big", strings.NewReader("hello")); !errors.Is(err, loaders.ErrTooLarge) {
		t.Errorf("too large: err = %v", err)
	}
	d, err := Parse("footer-only", strings.NewReader("Contact Us\n"))
	if err != nil || len(d.Blocks) != 0 {
		t.Errorf("footer-only page: %v, %+v", err, d)
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	fz, _ := filepath.Glob("testdata/fuzz/seed/*")
	for _, name := range append(files, fz...) {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(string(data))
		}
	}
	// Language guessing (loaders/text, fuzzed there) is stubbed out so that
	// the fuzzer spends its time in the parser.
	p := Parser{Lang: func(string) string { return "" }}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := p.Parse("fuzz.txt", strings.NewReader(s))
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.txt") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, b := range d.Blocks {
			if b.Text == "" {
				t.Fatal("block without text")
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/delegation_visit.txt")
	if err != nil {
		b.Fatal(err)
	}
	big := bytes.Repeat(append(data, '\n'), 200)
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench", bytes.NewReader(big)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTraditionalPage(t *testing.T) {
	data, err := os.ReadFile("testdata/party_forum_hant.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse("party_forum_hant.txt", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if d.Lang != "zh-Hant" || d.Title != "南洋政黨論壇第三屆會議在海灣市開幕" {
		t.Errorf("lang, title = %q, %q", d.Lang, d.Title)
	}
	for k, v := range map[string]string{"source": "海灣日報", "published": "2031-04-02", "editor": "陳思遠", "breadcrumb": "首頁 > 政黨交流 > 新聞"} {
		if d.Meta[k] != v {
			t.Errorf("meta %s = %q, want %q", k, d.Meta[k], v)
		}
	}
	if n := len(d.Blocks); n != 4 {
		t.Errorf("%d blocks, want the title and 3 paragraphs: %+v", n, d.Blocks)
	}
}

func TestSeedAssertions(t *testing.T) {
	data := loadertest.Seed(t, "001_767f095815ab49b9.txt")
	d, err := Parse("001.txt", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
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
