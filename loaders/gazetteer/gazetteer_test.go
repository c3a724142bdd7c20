package gazetteer

import (
	"errors"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders/text"
)

var defaultOnce = sync.OnceValues(Default)

func mustDefault(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := defaultOnce()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return g
}

func TestDefaultLoads(t *testing.T) {
	g := mustDefault(t)
	min := map[string]int{
		graph.KindCountry: 190, graph.KindCity: 200, graph.KindParty: 150,
		graph.KindPerson: 60, graph.KindOrganization: 20, graph.KindSeries: 8,
	}
	counts := g.Count()
	for kind, n := range min {
		if counts[kind] < n {
			t.Errorf("%d %s entries, want at least %d", counts[kind], kind, n)
		}
	}
	for _, e := range g.Entries() {
		if e.Labels["en"] == "" {
			t.Errorf("%s:%d: %s/%s has no English name", e.File, e.Line, e.Kind, e.Slug)
		}
		if e.Kind == graph.KindCountry || e.Kind == graph.KindSeries {
			for _, l := range []string{"zh-Hans", "zh-Hant"} {
				if e.Labels[l] == "" {
					t.Errorf("%s:%d: %s/%s has no %s name", e.File, e.Line, e.Kind, e.Slug, l)
				}
			}
		}
		if hans, hant := e.Labels["zh-Hans"], e.Labels["zh-Hant"]; hans != "" && text.Fold(hans) != text.Fold(hant) {
			t.Errorf("%s:%d: %s: %q and %q do not fold alike", e.File, e.Line, e.Slug, hans, hant)
		}
		if hans := e.Labels["zh-Hans"]; hans != "" && text.Lang(hans) == "zh-Hant" {
			t.Errorf("%s:%d: %s: zh-Hans name %q looks Traditional", e.File, e.Line, e.Slug, hans)
		}
		if e.Kind == graph.KindCity && e.Country == "" {
			t.Errorf("%s:%d: city %s has no country", e.File, e.Line, e.Slug)
		}
	}
}

// Names shared by several entries must be deliberate: a new collision is
// usually a mistake in the data (a generic name as an alternative name).
func TestAmbiguousNames(t *testing.T) {
	allowed := map[string]bool{
		"monaco": true, "singapore": true, "新加坡": true, "vatican city": true, // city-states
		"national democratic congress": true, "ndc": true, // Grenada and Ghana
		"slpp": true, // Sri Lanka and Sierra Leone
	}
	g := mustDefault(t)
	var got []string
	for k, list := range g.byName {
		if len(list) > 1 && !allowed[k] {
			got = append(got, k)
		}
	}
	sort.Strings(got)
	if len(got) > 0 {
		t.Errorf("names shared by several entries: %q", got)
	}
}

func TestLookup(t *testing.T) {
	g := mustDefault(t)
	tests := []struct{ name, want string }{
		{"Xi Jinping", "person/xi-jinping"},
		{"习近平", "person/xi-jinping"},
		{"習近平", "person/xi-jinping"},
		{"Guo Yezhou", "person/guo-yezhou"},
		{"郭業洲", "person/guo-yezhou"},
		{"Vucic", "person/aleksandar-vucic"},
		{"Aleksandar Vučić", "person/aleksandar-vucic"},
		{"Oyun Erdene", "person/luvsannamsrain-oyun-erdene"},
		{"Kosanov", "person/yerlan-koshanov"},
		{"Kiir", "person/salva-kiir"},
		{"Ortega", "person/daniel-ortega"},
		{"Mitchell", "person/dickon-mitchell"},
		{"NICOLAS MADURO", "person/nicolas-maduro"},
		{"ANC", "party/anc"},
		{"CPC", "party/cpc"},
		{"CCP", "party/cpc"},
		{"中共", "party/cpc"},
		{"中國共產黨", "party/cpc"},
		{"中联部", "org/cpc-international-department"},
		{"中聯部", "org/cpc-international-department"},
		{"International Department of the CPC Central Committee", "org/cpc-international-department"},
		{"Progressive Party of Serbia", "party/sns"},
		{"United Russia Party", "party/united-russia"},
		{"Union for the Defence of the Republic", "party/unir"},
		{"People’s Liberation Party of East Timor", "party/plp"},
		{"Fretilin", "party/fretilin"},
		{"East Timor", "country/timor-leste"},
		{"Timor-Leste", "country/timor-leste"},
		{"People's Republic of China", "country/china"},
		{"中华人民共和国", "country/china"},
		{"紐西蘭", "country/new-zealand"},
		{"Türkiye", "country/turkey"},
		{"Côte d’Ivoire", "country/cote-divoire"},
		{"ＰＲＣ", "country/china"},
		{"北京", "city/beijing"},
		{"CPC in Dialogue with the World", "series/cpc-in-dialogue-with-the-world"},
		{"中國共產黨與世界對話會", "series/cpc-in-dialogue-with-the-world"},
		{"CPC in Dialogue with World Political Parties High-Level Meeting", "series/cpc-in-dialogue-with-world-political-parties-high-level-meeting"},
		{"CPC and World Political Parties Summit", "series/cpc-and-world-political-parties-summit"},
		{"General Assembly of the International Conference of Asian Political Parties", "series/icapp-general-assembly"},
		{"ICAPP", "org/icapp"},
		{"Singapore", "country/singapore"}, // the country before the city
		{"Atlantis", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := g.Lookup(tc.name)
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("Lookup(%q) = %s/%s, want nothing", tc.name, got[0].Kind, got[0].Slug)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("Lookup(%q) found nothing, want %s", tc.name, tc.want)
			}
			if k := got[0].Kind + "/" + got[0].Slug; k != tc.want {
				t.Errorf("Lookup(%q) = %s, want %s", tc.name, k, tc.want)
			}
		})
	}
}

func fmtMatches(ms []Match) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, m.Entry.Kind+"/"+m.Entry.Slug+"="+m.Text)
	}
	return strings.Join(parts, "; ")
}

func TestFind(t *testing.T) {
	g := mustDefault(t)
	tests := []struct{ name, in, want string }{
		{"en sentence",
			"Cyril Ramaphosa, President of the African National Congress of South Africa, spoke.",
			"person/cyril-ramaphosa=Cyril Ramaphosa; party/anc=African National Congress of South Africa"},
		{"longest wins", "the Sudan People's Liberation Movement and President Kiir of South Sudan",
			"party/splm=Sudan People's Liberation Movement; country/south-sudan=South Sudan"},
		{"word boundaries", "Nigerian and Nigeria, Niger; Indiana is not India", "country/nigeria=Nigeria; country/niger=Niger; country/india=India"},
		{"abbreviations need capitals", "the ANC and the anc; a cpc or Cpc", "party/anc=ANC"},
		{"diacritics", "Mr Vucic met Aleksandar Vučić", "person/aleksandar-vucic=Vucic; person/aleksandar-vucic=Aleksandar Vučić"},
		{"traditional", "中共中央總書記習近平出席開幕式", "org/cpc-central-committee=中共中央; person/xi-jinping=習近平"},
		{"simplified", "中联部副部长郭业洲表示", "org/cpc-international-department=中联部; person/guo-yezhou=郭业洲"},
		{"zh longest", "南苏丹和苏丹", "country/south-sudan=南苏丹; country/sudan=苏丹"},
		{"series vs predecessor", "“Top Level CCP Dialogue with the World Political Parties” replaced the “CCP Dialogue with the World”",
			"series/cpc-in-dialogue-with-world-political-parties-high-level-meeting=Top Level CCP Dialogue with the World Political Parties; series/cpc-in-dialogue-with-the-world=CCP Dialogue with the World"},
		{"full-width", "ＡＮＣ（南非）", "party/anc=ＡＮＣ; country/south-africa=南非"},
		{"curly apostrophe", "the Mongolian People’s Party", "party/mpp=Mongolian People’s Party"},
		{"short forms are not found", "Ortega and Mitchell spoke", ""},
		{"nothing", "no names here", ""},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := g.Find(tc.in)
			for _, m := range ms {
				if tc.in[m.Offset:m.Offset+m.Len] != m.Text {
					t.Errorf("match %+v does not point at its text", m)
				}
			}
			if got := fmtMatches(ms); got != tc.want {
				t.Errorf("Find(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestFindAmbiguous(t *testing.T) {
	g := mustDefault(t)
	ms := g.Find("the National Democratic Congress won")
	if len(ms) != 1 || len(ms[0].All) != 2 {
		t.Fatalf("Find = %s, want one match with two entries", fmtMatches(ms))
	}
}

func TestByIRI(t *testing.T) {
	g := mustDefault(t)
	iri := graph.EntityIRI(graph.KindPerson, "xi-jinping")
	e := g.ByIRI(iri)
	if e == nil || e.Labels["zh-Hant"] != "習近平" || e.Country != "china" || e.Party != "cpc" {
		t.Fatalf("ByIRI(%s) = %+v", iri, e)
	}
	if g.ByIRI("https://example.org/x") != nil {
		t.Error("ByIRI of an unknown IRI is not nil")
	}
	if g.BySlug(graph.KindCountry, "south-africa").Label("zh-Hans") != "南非" {
		t.Error("BySlug(country, south-africa) lacks its Chinese name")
	}
}

func TestQuads(t *testing.T) {
	g := mustDefault(t)
	qs := g.Quads()
	have := map[string]bool{}
	for _, q := range qs {
		if q.Label != graph.GazetteerSource {
			t.Fatalf("quad %v is not under the gazetteer label", q)
		}
		have[q.String()] = true
	}
	xi := graph.EntityIRI(graph.KindPerson, "xi-jinping")
	cpc := graph.EntityIRI(graph.KindParty, "cpc")
	want := []quad.Quad{
		quad.Make(xi, graph.Type, graph.Person, graph.GazetteerSource),
		quad.Make(xi, graph.Label, quad.LangString{Value: "Xi Jinping", Lang: "en"}, graph.GazetteerSource),
		quad.Make(xi, graph.Label, quad.LangString{Value: "习近平", Lang: "zh-Hans"}, graph.GazetteerSource),
		quad.Make(xi, graph.Label, quad.LangString{Value: "習近平", Lang: "zh-Hant"}, graph.GazetteerSource),
		quad.Make(xi, graph.MemberOf, cpc, graph.GazetteerSource),
		quad.Make(xi, graph.CountryProp, graph.EntityIRI(graph.KindCountry, "china"), graph.GazetteerSource),
		quad.Make(cpc, graph.Type, graph.PoliticalParty, graph.GazetteerSource),
		quad.Make(cpc, graph.AltLabel, quad.LangString{Value: "CCP", Lang: "en"}, graph.GazetteerSource),
		quad.Make(cpc, graph.AltLabel, quad.LangString{Value: "中共", Lang: "zh-Hans"}, graph.GazetteerSource),
		quad.Make(cpc, graph.CountryProp, graph.EntityIRI(graph.KindCountry, "china"), graph.GazetteerSource),
		quad.Make(graph.EntityIRI(graph.KindOrganization, "cpc-international-department"), graph.Type, graph.GovernmentOrganization, graph.GazetteerSource),
		quad.Make(graph.EntityIRI(graph.KindOrganization, "icapp"), graph.Type, graph.Organization, graph.GazetteerSource),
		quad.Make(graph.EntityIRI(graph.KindSeries, "cpc-in-dialogue-with-the-world"), graph.Type, graph.MeetingSeries, graph.GazetteerSource),
		quad.Make(graph.EntityIRI(graph.KindCity, "beijing"), graph.Type, graph.City, graph.GazetteerSource),
	}
	for _, q := range want {
		if !have[q.String()] {
			t.Errorf("missing quad %s", q)
		}
	}
	seen := map[string]bool{}
	for _, q := range qs {
		if seen[q.String()] {
			t.Errorf("duplicate quad %s", q)
		}
		seen[q.String()] = true
	}
}

func TestLoadErrors(t *testing.T) {
	const country = "country\tfoo\t\t\tFooland\t福国\t福國\t\t\n"
	tests := []struct{ name, in, want string }{
		{"unknown kind", "planet\tmars\t\t\tMars\t\t\t\t\n", "gazetteer:1:1: unknown kind \"planet\""},
		{"bad slug", "country\tFoo Land\t\t\tFooland\t\t\t\t\n", "gazetteer:1:2: slug \"Foo Land\""},
		{"too few fields", "country\tfoo\tFooland\n", "gazetteer:1: 3 fields"},
		{"too many fields", "country\tfoo\t\t\ta\tb\tc\td\te\tf\n", "gazetteer:1: 10 fields"},
		{"duplicate slug", country + "# comment\n" + country, "gazetteer:3:2: duplicate country slug \"foo\" (first at gazetteer:1)"},
		{"unknown country", country + "city\tfoo-city\tbarland\t\tFoo City\t\t\t\t\n", "gazetteer:2:3: unknown country \"barland\""},
		{"unknown party", country + "person\tjoe\tfoo\tnone\tJoe\t\t\t\t\n", "gazetteer:2:4: unknown party \"none\""},
		{"party on a city", country + "city\tx\tfoo\tfoo\tX\t\t\t\t\n", "gazetteer:2:4: only people have a party"},
		{"country of a country", country + "country\tbar\tfoo\t\tBar\t\t\t\t\n", "gazetteer:2:3: a country has no country"},
		{"no name", "country\tfoo\t\t\t\t\t\t\t\n", "gazetteer:1:5: no name"},
		{"name without letters", "country\tfoo\t\t\t!!!\t\t\t\t\n", "gazetteer:1:5: name \"!!!\" has no letters"},
		{"bad alt", "country\tfoo\t\t\tFoo\t\t\t-- |x\t\n", "gazetteer:1:8: name \"--\" has no letters"},
		{"invalid utf-8", "country\tfoo\t\t\tF\xffoo\t\t\t\t\n", "gazetteer:1: invalid UTF-8"},
		{"control character", "country\tfoo\t\t\tF\x01oo\t\t\t\t\n", "gazetteer:1:5: control character U+0001"},
		{"long line", "country\tfoo\t\t\t" + strings.Repeat("x", MaxLine) + "\n", "gazetteer:1: line longer than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("Load succeeded, want error %q", tc.want)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Load error %q, want prefix %q", err, tc.want)
			}
		})
	}
	var e *Error
	_, err := LoadNamed("x.tsv", strings.NewReader("planet\tmars\t\t\tMars\t\t\t\t\n"))
	if !errors.As(err, &e) || e.File != "x.tsv" || e.Line != 1 || e.Col != 1 {
		t.Errorf("error %v is not an *Error at x.tsv:1:1", err)
	}
}

func TestLoadGood(t *testing.T) {
	in := "\uFEFFkind\tslug\tcountry\tparty\ten\tzh-Hans\tzh-Hant\talt\tshort\n" +
		"# a comment\r\n" +
		"country\tfooland\t\t\tFooland\t福国\t福國\tRepublic of Fooland|FL\r\n" +
		"party\tfpp\tfooland\t\tFoo People's Party\t福国人民党\t\tFPP\t\n" +
		"person\tjo-bar\tfooland\tfpp\tJo Bar\t\t\t\tBar\n"
	g, err := Load(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Count(); got["country"] != 1 || got["party"] != 1 || got["person"] != 1 {
		t.Fatalf("Count = %v", got)
	}
	if ms := g.Find("Jo Bar of the FPP (福國人民黨) met Bar"); fmtMatches(ms) != "person/jo-bar=Jo Bar; party/fpp=FPP; party/fpp=福國人民黨" {
		t.Errorf("Find = %s", fmtMatches(ms))
	}
	if l := g.Lookup("bar"); len(l) != 1 || l[0].Slug != "jo-bar" {
		t.Errorf("Lookup(bar) = %v", l)
	}
	if n := len(g.Quads()); n != 6+5+5 { // type, labels, alt names, country, party
		t.Errorf("%d quads", n)
	}
}
