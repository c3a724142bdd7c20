package article

import (
	"reflect"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/loadertest"
)

func TestGolden(t *testing.T) {
	loadertest.Goldens(t, Parse, ".txt", "004_c11d0ee90968a7d7.txt", "testdata/seed_004.golden")
}

func TestAssertions(t *testing.T) {
	d := loadertest.ParseFile(t, Parse, "testdata/icapp_journal.txt")
	wantMeta := map[string]string{
		"publication type": "Статья", "authors": "Ilya Sorokin, Mei Fang", "journal name": "Review of Asian Politics",
		"volume": "12", "edition": "3", "publication date": "14.02.2032", "doi": "10.5555/rap.2032.003",
		"affiliation": "Centre for Comparative Party Studies",
		"keywords":    "party diplomacy; ICAPP; regional cooperation; 政党外交",
	}
	if !reflect.DeepEqual(d.Meta, wantMeta) {
		t.Errorf("meta = %q\nwant %q", d.Meta, wantMeta)
	}
	if !reflect.DeepEqual(d.Keywords, []string{"party diplomacy", "ICAPP", "regional cooperation", "政党外交"}) {
		t.Errorf("keywords = %q", d.Keywords)
	}
	var paras []string
	for _, b := range d.Blocks {
		if b.Kind == loaders.Paragraph {
			paras = append(paras, b.Text)
		}
	}
	if len(paras) != 2 || !strings.HasPrefix(paras[1], "Status of observers") {
		t.Errorf("abstract paragraphs = %q", paras)
	}
	if len(d.References) != 4 {
		t.Fatalf("%d references, want 4", len(d.References))
	}
	for i, want := range []loaders.Reference{
		{Title: "Parties Across Borders", Author: "Lind M.", Publisher: "Harbour University Press", Date: "2029", Lang: "en"},
		{Title: "Партийная дипломатия в Азии", Author: "Соколов П.В.", Publisher: "Вестник международных отношений", Date: "2030", DOI: "10.1111/vmo.2030.2.45", Lang: "ru"},
		{Title: "亚洲政党合作的新阶段", Author: "王立平", Publisher: "国际问题研究", Date: "2031年", Lang: "zh-Hans"},
		{Title: "Marenport Declaration of the 13th General Assembly", Publisher: "ICAPP Secretariat", Date: "16 October 2031", URL: "https://example.org/icapp/declaration-13", Lang: "en"},
	} {
		got := d.References[i]
		got.Text = ""
		if got != want {
			t.Errorf("reference %d = %+v\nwant %+v", i+1, got, want)
		}
	}
}

func TestField(t *testing.T) {
	for _, tc := range []struct {
		line, key, value string
	}{
		{"Journal nameProblemy Dalnego Vostoka", "journal name", "Problemy Dalnego Vostoka"},
		{"Publication date01.09.2023", "publication date", "01.09.2023"},
		{"KeywordsCCP dialogue, party diplomacy", "keywords", "CCP dialogue, party diplomacy"},
		{"EditionIssue 4", "edition", "Issue 4"},
		{"Status Published", "status", "Published"},
		{"Дата публикации: 01.09.2023", "publication date", "01.09.2023"},
		{"关键词：政党外交；对话会", "keywords", "政党外交；对话会"},
		{"Addressing the assembly, the chairman said", "", ""},
		{"Status of observers is discussed below.", "", ""},
		{"期间举行了会议", "", ""},
	} {
		t.Run(tc.line, func(t *testing.T) {
			k, v, ok := field(tc.line)
			if ok != (tc.key != "") || k != tc.key || v != tc.value {
				t.Errorf("field(%q) = %q, %q, %v", tc.line, k, v, ok)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	loadertest.BadInput(t, Parse, "bad.txt", []loadertest.BadCase{
		{Name: "empty", In: "", Err: loaders.ErrEmpty},
		{Name: "binary", In: "%PDF-1.7\n\x00\x00", Err: loaders.ErrBinary},
		// A truncated page: title and half a reference list.
		{Name: "truncated", In: "Title\n\nReferences\n1. Author A. Title of a wo", Check: func(t *testing.T, d *loaders.Document) {
			if len(d.References) != 1 || d.Title != "Title" {
				t.Errorf("truncated: %+v", d)
			}
		}},
	})
	p := Parser{MaxSize: 3}
	loadertest.TooLarge(t, p.Parse, "big", "abcd")
}

func FuzzParse(f *testing.F) {
	p := Parser{Lang: loadertest.NoLang}
	loadertest.FuzzParse(f, p.Parse, ".txt", nil, func(t *testing.T, d *loaders.Document) {
		for _, r := range d.References {
			if r.Text == "" {
				t.Fatal("reference without text")
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	loadertest.BenchParse(b, Parse, "testdata/icapp_journal.txt")
}

func TestSeedAssertions(t *testing.T) {
	d := loadertest.ParseSeed(t, Parse, "004_c11d0ee90968a7d7.txt")
	loadertest.Meta(t, d, map[string]string{"journal name": "Problemy Dalnego Vostoka", "publication date": "01.09.2023", "edition": "Issue 4", "publication type": "Article"})
	if len(d.Keywords) != 5 || len(d.References) != 15 {
		t.Errorf("%d keywords, %d references", len(d.Keywords), len(d.References))
	}
	for _, b := range d.Blocks {
		for _, junk := range []string{"rub.", "purchasers", "Orphus", "subscribing"} {
			if strings.Contains(b.Text, junk) {
				t.Errorf("boilerplate %q kept: %q", junk, b.Text)
			}
		}
	}
	if r := d.References[1]; r.Lang != "ru" || r.Date != "16.10.2022" {
		t.Errorf("transliterated Russian reference = %+v", r)
	}
	if r := d.References[8]; r.Author != "习近平" || r.Date != "15.03.2023" || r.Publisher != "中华人民共和国外交部" {
		t.Errorf("Chinese reference = %+v", r)
	}
}

func TestChineseJournalPage(t *testing.T) {
	d := loadertest.ParseFile(t, Parse, "testdata/cnki_style.txt")
	if d.Lang != "zh-Hans" || d.Meta["journal name"] != "国际政党研究" || d.Meta["affiliation"] != "东岸大学国际关系学院" {
		t.Errorf("lang %q, meta %q", d.Lang, d.Meta)
	}
	if len(d.Keywords) != 3 || d.Keywords[2] != "东岸政党领导人峰会" {
		t.Errorf("keywords = %q", d.Keywords)
	}
	p := loadertest.Block(t, d, loaders.Paragraph, "本文")
	if strings.HasPrefix(p.Text, "摘要") {
		t.Errorf("abstract label kept: %q", p.Text)
	}
	if len(d.References) != 3 {
		t.Fatalf("references = %+v", d.References)
	}
	if r := d.References[0]; r.Title != "亚洲政党合作的新阶段" || r.Publisher != "国际问题研究" || r.Date != "2031" {
		t.Errorf("GB/T 7714 reference = %+v", r)
	}
	if r := d.References[2]; r.Lang != "ru" || r.Publisher != "Восток" || r.Date != "2029" {
		t.Errorf("Russian book reference = %+v", r)
	}
}
