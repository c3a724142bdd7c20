package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/detect"
	"github.com/partygraph/partygraph/loaders/extract"
)

const (
	seedWiki    = "000_6a5bb4f6170cf5a6.txt" // zh-Hant wikitext
	seedWeb     = "001_767f095815ab49b9.txt" // bilingual official web page
	seedExport  = "002_abc125928182cd8d.txt" // English wiki export
	seedArticle = "004_c11d0ee90968a7d7.txt" // journal article page
)

// TestSeedsGolden compares the quads of every seed document with its golden
// file, which was read line by line against the document.
func TestSeedsGolden(t *testing.T) {
	dir := seedsDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds in %s: %v", dir, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			qs, _ := extractFile(t, f)
			golden(t, filepath.Join("testdata", "seeds", strings.TrimSuffix(filepath.Base(f), ".txt")+".golden"), nquads(qs))
		})
	}
}

// seedQuads extracts the four seeds once per test.
func seedQuads(t *testing.T) map[string]struct {
	qs    []quad.Quad
	label quad.IRI
} {
	dir := seedsDir(t)
	out := map[string]struct {
		qs    []quad.Quad
		label quad.IRI
	}{}
	for _, name := range []string{seedWiki, seedWeb, seedExport, seedArticle} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("seed %s missing", name)
		}
		qs, label := extractFile(t, path)
		out[name] = struct {
			qs    []quad.Quad
			label quad.IRI
		}{qs, label}
	}
	return out
}

// TestSeedFacts asserts the facts an analyst writes down from each seed,
// each under the label of the document that states it.
func TestSeedFacts(t *testing.T) {
	seeds := seedQuads(t)
	hlm := entry(t, graph.KindSeries, "CPC in Dialogue with World Political Parties High-level Meeting")
	dw := entry(t, graph.KindSeries, "CPC in Dialogue with the World")
	summit := entry(t, graph.KindSeries, "CPC and World Political Parties Summit")
	m2017, m2023 := meetingIRI(hlm, "2017"), meetingIRI(hlm, "2023")
	xi := entry(t, graph.KindPerson, "Xi Jinping")
	cpc := entry(t, graph.KindParty, "Communist Party of China")
	beijing := entry(t, graph.KindCity, "Beijing")
	anc := entry(t, graph.KindParty, "African National Congress")
	ramaphosa := entry(t, graph.KindPerson, "Cyril Ramaphosa")
	southAfrica := entry(t, graph.KindCountry, "South Africa")
	china := entry(t, graph.KindCountry, "China")

	tests := []struct {
		name  string
		seeds []string
		f     fact
	}{
		{"2017 start", []string{seedWiki, seedWeb, seedExport}, fact{m2017, graph.StartDate, xsdDate("2017-11-30")}},
		{"2017 end", []string{seedWiki, seedWeb, seedExport}, fact{m2017, graph.EndDate, xsdDate("2017-12-03")}},
		{"2017 series", []string{seedWiki, seedWeb, seedExport}, fact{m2017, graph.SuperEvent, hlm}},
		{"2017 in Beijing", []string{seedWiki, seedWeb, seedExport}, fact{m2017, graph.Location, beijing}},
		{"2017 offline", []string{seedWiki, seedWeb, seedExport}, fact{m2017, graph.AttendMode, graph.OfflineEvent}},
		{"2017 parties min", []string{seedWiki, seedWeb, seedExport}, fact{m2017, graph.PartyMin, integer("200")}},
		{"2017 countries min", []string{seedWiki, seedWeb, seedExport}, fact{m2017, graph.CountryMin, integer("120")}},
		{"2017 Xi speaks", []string{seedWiki, seedWeb, seedExport}, fact{m2017, graph.Speaker, xi}},
		{"2023 start", []string{seedExport, seedArticle}, fact{m2023, graph.StartDate, xsdDate("2023-03-15")}},
		{"2023 online", []string{seedExport, seedArticle}, fact{m2023, graph.AttendMode, graph.OnlineEvent}},
		{"2023 series", []string{seedExport, seedArticle}, fact{m2023, graph.SuperEvent, hlm}},
		{"2023 Xi speaks", []string{seedExport, seedArticle}, fact{m2023, graph.Speaker, xi}},
		{"2023 parties exact", []string{seedArticle}, fact{m2023, graph.PartyCount, integer("500")}},
		{"2023 countries exact", []string{seedArticle}, fact{m2023, graph.CountryCount, integer("150")}},
		{"2023 follows 2017", []string{seedExport}, fact{m2023, graph.Follows, m2017}},
		{"2017 followed by 2023", []string{seedExport}, fact{m2017, graph.FollowedBy, m2023}},
		{"replaces", []string{seedWiki, seedExport, seedArticle}, fact{hlm, graph.Replaces, dw}},
		{"replaced by", []string{seedWiki, seedExport, seedArticle}, fact{dw, graph.ReplacedBy, hlm}},
		{"predecessor from 2014", []string{seedExport, seedArticle}, fact{dw, graph.StartDate, gYear("2014")}},
		{"predecessor until 2017", []string{seedExport}, fact{dw, graph.EndDate, gYear("2017")}},
		{"predecessor until 2016", []string{seedArticle}, fact{dw, graph.EndDate, gYear("2016")}},
		{"series since 2017", []string{seedExport, seedArticle}, fact{hlm, graph.StartDate, gYear("2017")}},
		{"see also summit", []string{seedExport}, fact{hlm, graph.SeeAlso, summit}},
		{"see also predecessor", []string{seedWiki}, fact{hlm, graph.SeeAlso, dw}},
		{"the bilingual page is in Chinese too", []string{seedWeb}, fact{"", graph.InLanguage, quad.String("zh-Hans")}},
		{"see also ICAPP", []string{seedWiki}, fact{hlm, graph.SeeAlso, entry(t, graph.KindOrganization, "International Conference of Asian Political Parties")}},
		{"Ramaphosa leads the ANC", []string{seedExport}, fact{ramaphosa, graph.LeaderOf, anc}},
		{"ANC of South Africa", []string{seedExport}, fact{anc, graph.CountryProp, southAfrica}},
		{"Ramaphosa speaks in 2023", []string{seedExport}, fact{m2023, graph.Speaker, ramaphosa}},
		{"ANC attends 2023", []string{seedExport}, fact{m2023, graph.Attendee, anc}},
		{"Xi leads the CPC", []string{seedWiki, seedExport}, fact{xi, graph.LeaderOf, cpc}},
		{"Xi heads China", []string{seedExport}, fact{xi, graph.HeadOfState, china}},
		{"Ramaphosa's title", []string{seedExport}, fact{ramaphosa, graph.JobTitle, quad.LangString{Value: "President of the African National Congress of South Africa", Lang: "en"}}},
		{"mentions Xi", []string{seedWiki, seedWeb, seedExport, seedArticle}, fact{"", graph.Mentions, xi}},
		// From the references of the article: Xi's keynote of 2023 and the Summit's initiative.
		{"2023 keynote title from a cited speech", []string{seedArticle}, fact{meetingIRI(hlm, "2023"), graph.Keynote, id("speech", "cpc-in-dialogue-with-world-political-parties-high-level-meeting-2023-keynote-xi-jinping")}},
		{"2023 keynote named in Chinese", []string{seedArticle}, fact{id("speech", "cpc-in-dialogue-with-world-political-parties-high-level-meeting-2023-keynote-xi-jinping"), graph.Label, quad.LangString{Value: "携手同行现代化之路", Lang: "zh-Hans"}}},
		{"2021 summit initiative from a cited work", []string{seedArticle}, fact{meetingIRI(summit, "2021"), graph.Outcome, id("outcome", "中国共产党与世界政党领导人峰会共同倡议")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range tc.seeds {
				s := seeds[name]
				f := tc.f
				if f.S == "" {
					f.S = s.label
				}
				if !has(s.qs, f, s.label) {
					t.Errorf("%s does not state %s", name, f)
				}
			}
		})
	}
}

// TestSeedConflicts: documents that disagree each keep their own claim.
func TestSeedConflicts(t *testing.T) {
	seeds := seedQuads(t)
	hlm := entry(t, graph.KindSeries, "CPC in Dialogue with World Political Parties High-level Meeting")
	dw := entry(t, graph.KindSeries, "CPC in Dialogue with the World")
	m2023 := meetingIRI(hlm, "2023")
	tests := []struct {
		name   string
		seed   string
		f      fact
		absent bool
	}{
		{"article: exact 500", seedArticle, fact{m2023, graph.PartyCount, integer("500")}, false},
		{"article: no minimum", seedArticle, fact{m2023, graph.PartyMin, integer("200")}, true},
		{"export: end 2017", seedExport, fact{dw, graph.EndDate, gYear("2017")}, false},
		{"export: not 2016", seedExport, fact{dw, graph.EndDate, gYear("2016")}, true},
		{"article: end 2016", seedArticle, fact{dw, graph.EndDate, gYear("2016")}, false},
		{"article: not 2017", seedArticle, fact{dw, graph.EndDate, gYear("2017")}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := seeds[tc.seed]
			if got := has(s.qs, tc.f, s.label); got == tc.absent {
				t.Errorf("%s: stated=%v, want %v: %s", tc.seed, got, !tc.absent, tc.f)
			}
		})
	}
}

// TestSeedNot lists wrong facts earlier versions extracted from the seeds.
func TestSeedNot(t *testing.T) {
	seeds := seedQuads(t)
	hlm := entry(t, graph.KindSeries, "CPC in Dialogue with World Political Parties High-level Meeting")
	tests := []struct {
		name string
		seed string
		f    fact
	}{
		// A news page's headline describes the meeting; it is no name of the series.
		{"headline is no series label", seedWeb, fact{hlm, graph.Label, quad.LangString{Value: "A Meeting of High-Level Dialogue Between the CPC and World Political Parties", Lang: "en"}}},
		// The gazetteer's name is the label; another name a document uses is an altLabel.
		{"a document's other name is no second label", seedArticle, fact{hlm, graph.Label, quad.LangString{Value: "Top Level CCP Dialogue with the World Political Parties", Lang: "en"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := seeds[tc.seed]
			if has(s.qs, tc.f, s.label) {
				t.Errorf("%s states %s", tc.seed, tc.f)
			}
		})
	}
}

// TestSeedPrecision checks what must never be extracted.
func TestSeedPrecision(t *testing.T) {
	seeds := seedQuads(t)
	for name, s := range seeds {
		t.Run(name, func(t *testing.T) {
			checkPrecision(t, s.qs, s.label)
		})
	}
}

// TestSeedsTogether loads the four seeds into one graph and checks that they
// meet on shared nodes: one node per meeting, per theme, per keynote, and
// no two nodes of one kind with the same name across the documents.
func TestSeedsTogether(t *testing.T) {
	seeds := seedQuads(t)
	var all []quad.Quad
	for _, s := range seeds {
		all = append(all, s.qs...)
	}
	hlm := entry(t, graph.KindSeries, "CPC in Dialogue with World Political Parties High-level Meeting")
	m2017 := meetingIRI(hlm, "2017")
	labels := map[quad.Value]bool{}
	for _, q := range all {
		if q.Subject == quad.Value(m2017) && q.Predicate == quad.Value(graph.StartDate) {
			labels[q.Label] = true
		}
	}
	if len(labels) != 3 {
		t.Errorf("the 2017 meeting's start date is stated under %d labels, want 3", len(labels))
	}
	themes := objects(all, m2017, graph.ThemeProp)
	seen := map[quad.Value]bool{}
	for _, th := range themes {
		seen[th] = true
	}
	if len(seen) != 1 {
		t.Errorf("the 2017 meeting has %d theme nodes, want 1: %v", len(seen), themes)
	}
	langs := map[string]bool{}
	for th := range seen {
		for _, o := range objects(all, th.(quad.IRI), graph.Label) {
			if ls, ok := o.(quad.LangString); ok {
				langs[ls.Lang] = true
			}
		}
	}
	for _, l := range []string{"en", "zh-Hans", "zh-Hant"} {
		if !langs[l] {
			t.Errorf("the 2017 theme has no label in %s", l)
		}
	}
	oneNodePerName(t, all)
}

// BenchmarkExtractSeeds extracts the four seeds, parsed once, with the
// default gazetteer.
func BenchmarkExtractSeeds(b *testing.B) {
	dir := seedsDir(b)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var docs []*loaders.Document
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := detect.Parse(filepath.Base(f), data)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		size += len(data)
	}
	g := gz(b)
	x := extract.New(g)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if _, err := x.Extract(d, "https://w3id.org/partygraph/source/bench"); err != nil {
				b.Fatal(err)
			}
		}
	}
}
