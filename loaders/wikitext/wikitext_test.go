package wikitext

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/loadertest"
)

func TestGolden(t *testing.T) {
	loadertest.Goldens(t, Parse, ".wiki", "000_6a5bb4f6170cf5a6.txt", "testdata/seed_000.golden")
}

func TestAssertions(t *testing.T) {
	d := loadertest.ParseFile(t, Parse, "testdata/icapp_assembly.wiki")
	if d.Title != "13th General Assembly of the International Conference of Asian Political Parties" {
		t.Errorf("title = %q", d.Title)
	}
	p := loadertest.Block(t, d, loaders.Paragraph, "was held in Marenport")
	if len(p.Spans) != 1 || p.Spans[0].Lang != "zh-Hant" || p.Spans[0].Text != "亞洲政黨國際會議第十三屆大會" {
		t.Errorf("spans = %+v", p.Spans)
	}
	if len(p.Refs) != 1 || d.References[p.Refs[0]].Publisher != "Marenport Herald" {
		t.Errorf("named ref reused twice should be cited once: refs %v", p.Refs)
	}
	if strings.Contains(p.Text, "attendance") || strings.Contains(p.Text, "thumb") {
		t.Errorf("comment or image leaked into text: %q", p.Text)
	}
	o := loadertest.Block(t, d, loaders.Paragraph, "opened by")
	if o.Links[0] != (loaders.Link{Target: "Tomas Ilyan", Text: "Tomás Ilyan"}) {
		t.Errorf("piped link = %+v", o.Links[0])
	}
	if !strings.Contains(o.Text, "[[not a link]]") {
		t.Errorf("nowiki not kept literally: %q", o.Text)
	}
	if r := d.References[o.Refs[0]]; r.DOI != "10.1234/jps.2032.7" || r.Author != "Okonkwo, Ada" {
		t.Errorf("cite journal = %+v", r)
	}
	tb := loadertest.Block(t, d, loaders.Table, "Opening plenary")
	want := [][]string{{"Day", "Session", "Chair"}, {"14 October", "Opening plenary", "Tomas Ilyan"}, {"15 October", "Panel on green growth", "Lin Wei-ting"}}
	if !reflect.DeepEqual(tb.Rows, want) {
		t.Errorf("rows = %q", tb.Rows)
	}
	it := loadertest.Block(t, d, loaders.ListItem, "Asian Parties Forum")
	if !reflect.DeepEqual(it.Section, []string{"See also"}) {
		t.Errorf("see-also item section = %q", it.Section)
	}
	f := loadertest.Block(t, d, loaders.Fact, "Harbour")
	if f.Key != "venue" {
		t.Errorf("infobox fact key = %q", f.Key)
	}
	if !reflect.DeepEqual(d.Categories, []string{"ICAPP General Assemblies", "2031 conferences"}) {
		t.Errorf("categories = %q", d.Categories)
	}
	for _, b := range d.Blocks {
		if strings.Contains(b.Text, "Portal") || strings.Contains(b.Text, "navbox") || strings.Contains(b.Text, "Assemblée") {
			t.Errorf("navigation template or interlanguage link leaked: %q", b.Text)
		}
	}
}

func TestCitationNeededIsNotAReference(t *testing.T) {
	d, err := Parse("x", strings.NewReader("Claim.{{Citation needed|date=2016}} Other.{{cite web|title=T|url=http://x.example}}"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.References) != 1 || d.References[0].Title != "T" {
		t.Errorf("references = %+v", d.References)
	}
}

func TestBadInput(t *testing.T) {
	text := loadertest.FirstText
	loadertest.BadInput(t, Parse, "bad.wiki", []loadertest.BadCase{
		{Name: "empty", In: "", Err: loaders.ErrEmpty},
		{Name: "blank", In: " \n\t\n", Err: loaders.ErrEmpty},
		{Name: "binary", In: "abc\x00def", Err: loaders.ErrBinary},
		{Name: "unclosed template", In: "Before {{cite web|title=x and after", Check: text("Before {{cite web|title=x and after")},
		{Name: "unclosed link", In: "A [[link|text\nnext line", Check: text("A [[link|text next line")},
		{Name: "stray closers", In: "a }} b ]] c |} d", Check: text("a }} b ]] c |} d")},
		{Name: "unclosed ref", In: "a<ref>note", Check: text("anote")},
		{Name: "unclosed comment", In: "kept <!-- hidden", Check: text("kept")},
		{Name: "unclosed nowiki", In: "x <nowiki>y", Check: text("x <nowiki>y")},
		{Name: "deep nesting", In: strings.Repeat("{{", 5000) + "x" + strings.Repeat("}}", 10)},
		{Name: "unclosed table", In: "{|\n| a || b\n|-\n| c"},
		{Name: "ref in link target", In: "[[a<ref name=x/>|b]] <ref name=x>note</ref> <ref name=x/>", Check: text("b")},
		{Name: "cite in template name", In: "{{x{{cite web|title=t}}|y}} z", Check: text("z")},
	})
}

func TestTooLarge(t *testing.T) {
	p := Parser{MaxSize: 10}
	loadertest.TooLarge(t, p.Parse, "big.wiki", strings.Repeat("a", 11))
}

func FuzzParse(f *testing.F) {
	p := Parser{Lang: loadertest.NoLang}
	extra := []string{"{{", "[[", "{|\n|", "'''x''", "<ref name=a/>", "== x", "{{a|[[b|{{c}}]]}}"}
	loadertest.FuzzParse(f, p.Parse, ".wiki", extra, func(t *testing.T, d *loaders.Document) {
		for _, b := range d.Blocks {
			for _, r := range b.Refs {
				if r < 0 || r >= len(d.References) {
					t.Fatalf("block ref %d out of range (%d references)", r, len(d.References))
				}
			}
			for _, l := range b.Links {
				if !strings.Contains(b.Text, l.Text) && b.Kind != loaders.Table {
					t.Fatalf("link text %q not in block text %q", l.Text, b.Text)
				}
			}
		}
	})
}

func TestInline(t *testing.T) {
	for _, tc := range []struct{ in, text string }{
		{"A&nbsp;B &amp; C", "A B & C"},
		{"== Head <!-- runs ==\npast the heading -->\nbody", "body"},
		{"x {{lang|en|Party Summit}} y", "x Party Summit y"},
		{"{{nowrap|kept}} {{Navbox|dropped}}", "kept"},
		{"[https://example.org Official site] and [https://bare.example]", "Official site and"},
		{"[[:Category:Meetings|meetings category]]", "meetings category"},
		{"''italic'' and '''bold'''", "italic and bold"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			d, err := Parse("inline", strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range d.Blocks {
				if b.Kind == loaders.Paragraph {
					got = append(got, b.Text)
				}
			}
			if len(got) != 1 || got[0] != tc.text {
				t.Errorf("paragraphs = %q, want [%q]", got, tc.text)
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	loadertest.BenchParse(b, Parse, "testdata/icapp_assembly.wiki")
}

func TestFootnotes(t *testing.T) {
	src := "First.<ref name=\"later\"/> Second.<ref>[https://example.org/a Article A]</ref>\n\n" +
		"Third.<ref name=\"later\"/>\n\n== Notes ==\n<references>\n<ref name=\"later\">{{cite book|title=Book B|author=Ana Rey|year=2030}}</ref>\n</references>\n"
	d, err := Parse("notes.wiki", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.References) != 2 {
		t.Fatalf("references = %+v", d.References)
	}
	first := loadertest.Block(t, d, loaders.Paragraph, "First.")
	third := loadertest.Block(t, d, loaders.Paragraph, "Third.")
	if len(first.Refs) != 2 || len(third.Refs) != 1 || first.Refs[0] != third.Refs[0] {
		t.Fatalf("refs: first %v, third %v", first.Refs, third.Refs)
	}
	if r := d.References[first.Refs[0]]; r.Title != "Book B" || r.Author != "Ana Rey" || r.Date != "2030" {
		t.Errorf("forward named reference = %+v", r)
	}
	if r := d.References[first.Refs[1]]; r.URL != "https://example.org/a" || r.Title != "Article A" {
		t.Errorf("plain footnote = %+v", r)
	}
}

func TestMaxTokens(t *testing.T) {
	p := Parser{MaxTokens: 100}
	_, err := p.Parse("dense.wiki", strings.NewReader("intro\n"+strings.Repeat("[[a]] ", 100)))
	if !errors.Is(err, loaders.ErrTooLarge) || !strings.Contains(err.Error(), "dense.wiki:2:") {
		t.Fatalf("err = %v, want a too-large error with a position on line 2", err)
	}
	if _, err := p.Parse("light.wiki", strings.NewReader(strings.Repeat("plain words ", 1000))); err != nil {
		t.Fatalf("plain text counts as one token: %v", err)
	}
}

func TestSeedAssertions(t *testing.T) {
	d := loadertest.ParseSeed(t, Parse, "000_6a5bb4f6170cf5a6.txt")
	if d.Title != "中國共產黨與世界政黨高層對話會" || d.Lang != "zh-Hant" {
		t.Errorf("title, lang = %q, %q", d.Title, d.Lang)
	}
	lead := d.Blocks[0]
	if len(lead.Spans) != 1 || lead.Spans[0] != (loaders.Span{Text: "CPC in Dialogue with World Political Parties High-level Meeting", Lang: "en"}) {
		t.Errorf("lang-en span = %+v", lead.Spans)
	}
	if len(d.References) != 4 || d.References[0].Publisher != "央视网" || d.References[3].Date != "2017-11-25" {
		t.Errorf("references = %+v", d.References)
	}
	if len(d.Categories) != 11 || d.Categories[0] != "中华人民共和国官方会议" {
		t.Errorf("categories = %q", d.Categories)
	}
	var seeAlso []string
	for _, b := range d.Blocks {
		if b.Kind == loaders.ListItem && len(b.Section) == 1 && b.Section[0] == "参见" {
			seeAlso = append(seeAlso, b.Links[0].Target)
		}
		if strings.Contains(b.Text, "Portal") || strings.Contains(b.Text, "缩略图") || strings.Contains(b.Text, "Reflist") {
			t.Errorf("dropped markup kept: %q", b.Text)
		}
	}
	if len(seeAlso) != 4 || seeAlso[0] != "中国共产党与世界对话会" {
		t.Errorf("see-also targets = %q", seeAlso)
	}
}
