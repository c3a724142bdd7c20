package extract_test

import (
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
)

func en(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "en"} }

func zhHans(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "zh-Hans"} }

// TestGeneral loads the documents of testdata/general — other meetings of
// the field, in the four genres, written for these tests with names nobody
// else uses — and checks the facts each states.
func TestGeneral(t *testing.T) {
	dw := entry(t, graph.KindSeries, "CPC in Dialogue with the World")
	hlm := entry(t, graph.KindSeries, "CPC in Dialogue with World Political Parties High-level Meeting")
	summit := entry(t, graph.KindSeries, "CPC and World Political Parties Summit")
	icappGA := entry(t, graph.KindSeries, "ICAPP General Assembly")
	idcpc := entry(t, graph.KindOrganization, "International Department of the CPC Central Committee")
	xi := entry(t, graph.KindPerson, "Xi Jinping")
	norway := entry(t, graph.KindCountry, "Norway")
	mongolia := entry(t, graph.KindCountry, "Mongolia")
	uzbekistan := entry(t, graph.KindCountry, "Uzbekistan")

	m2015 := meetingIRI(dw, "2015")
	brenne, coastal := id("person", "halvard-brenne"), id("party", "coastal-labour-party-of-norway")
	ga := meetingIRI(icappGA, "2029")
	koirath, unity := id("person", "rabindra-koirath"), id("party", "himalayan-unity-party")
	tolibov, renewal := id("person", "sanjar-tolibov"), id("party", "democratic-renewal-party-of-uzbekistan")
	liu, bolor, steppe := id("person", "liu-wenqing"), id("person", "bolor-tsendee"), id("party", "steppe-green-party-of-mongolia")
	s2021 := meetingIRI(summit, "2021")

	lake := id("series", "lakeside-forum-of-political-parties")
	lakeSummit := id("series", "lakeside-parties-summit")
	l2019, l2021, l2022 := meetingIRI(lake, "2019"), meetingIRI(lake, "2021"), meetingIRI(lake, "2022")
	zhSeries := id("series", "亚洲政党绿色发展论坛")
	z2030 := meetingIRI(zhSeries, "2030")
	donghai := id("party", "东海人民党")
	south := id("meeting", "southern-parties-dialogue-2029")

	tests := []struct {
		file string
		want []fact
		not  []fact
	}{
		{
			file: "dialogue-2015.txt", // wiki export
			want: []fact{
				{m2015, graph.SuperEvent, dw},
				{m2015, graph.StartDate, xsdDate("2015-10-14")},
				{m2015, graph.EndDate, xsdDate("2015-10-16")},
				{m2015, graph.Organizer, idcpc},
				{m2015, graph.AttendMode, graph.OfflineEvent},
				{m2015, graph.PartyMin, integer("80")},
				{m2015, graph.CountryCount, integer("50")},
				{m2015, graph.ThemeProp, id("theme", "cpc-in-dialogue-with-the-world-2015")},
				{id("theme", "cpc-in-dialogue-with-the-world-2015"), graph.Label, en("Green Growth and the Responsibility of Political Parties")},
				{m2015, graph.TopicProp, id("topic", "rural-revival-and-party-governance")},
				{m2015, graph.TopicProp, id("topic", "the-digital-economy-opportunities-for-parties")},
				{m2015, graph.TopicProp, id("topic", "youth-and-the-future-of-party-politics")},
				{m2015, graph.Speaker, brenne},
				{m2015, graph.Attendee, coastal},
				{brenne, graph.LeaderOf, coastal},
				{brenne, graph.JobTitle, en("Chairman of the Coastal Labour Party of Norway")},
				{coastal, graph.CountryProp, norway},
				{m2015, graph.Outcome, id("outcome", "chongqing-consensus")},
				{dw, graph.SeeAlso, hlm},
			},
			not: []fact{{m2015, graph.AttendMode, graph.OnlineEvent}},
		},
		{
			file: "icapp-assembly.txt", // wikitext
			want: []fact{
				{ga, graph.SuperEvent, icappGA},
				{ga, graph.StartDate, xsdDate("2029-06-03")},
				{ga, graph.EndDate, xsdDate("2029-06-05")},
				{ga, graph.Organizer, unity},
				{ga, graph.PartyMin, integer("90")},
				{ga, graph.CountryMin, integer("30")},
				{ga, graph.Keynote, id("speech", "icapp-general-assembly-2029-keynote-rabindra-koirath")},
				{id("speech", "icapp-general-assembly-2029-keynote-rabindra-koirath"), graph.Author, koirath},
				{id("speech", "icapp-general-assembly-2029-keynote-rabindra-koirath"), graph.Label, en("Mountains Do Not Divide Us")},
				{koirath, graph.LeaderOf, unity},
				{tolibov, graph.LeaderOf, renewal},
				{renewal, graph.CountryProp, uzbekistan},
				{ga, graph.Speaker, tolibov},
				{ga, graph.Outcome, id("outcome", "kathmandu-declaration")},
				{"", graph.Citation, id("work", "https-news-example-org-icapp-14")},
				{id("work", "https-news-example-org-icapp-14"), graph.Publisher, quad.String("Example News Agency")},
				{id("work", "https-news-example-org-icapp-14"), graph.DatePublished, xsdDate("2029-06-06")},
			},
		},
		{
			file: "delegation-visit.txt", // bilingual web page
			want: []fact{
				{"", graph.Publisher, quad.String("Example Daily")},
				{"", graph.DateModified, xsdDate("2029-05-12")},
				{bolor, graph.LeaderOf, steppe},
				{bolor, graph.Label, zhHans("博勒尔·岑德")},
				{steppe, graph.CountryProp, mongolia},
				{steppe, graph.Label, zhHans("草原绿党")},
				{liu, graph.MemberOf, idcpc},
				{liu, graph.Label, zhHans("刘文清")},
				{liu, graph.JobTitle, zhHans("中联部副部长")},
			},
			// A visit is no meeting of a series.
			not: []fact{{bolor, graph.Type, graph.Meeting}},
		},
		{
			file: "summit-article.txt", // journal article page
			want: []fact{
				{s2021, graph.SuperEvent, summit},
				{s2021, graph.StartDate, xsdDate("2021-07-06")},
				{s2021, graph.AttendMode, graph.OnlineEvent},
				{s2021, graph.PartyMin, integer("500")},
				{s2021, graph.CountryMin, integer("160")},
				{s2021, graph.Speaker, xi},
				{s2021, graph.ThemeProp, id("theme", "cpc-and-world-political-parties-summit-2021")},
				{"", graph.DatePublished, xsdDate("2024-03-15")},
			},
		},
		{
			file: "forum-series.txt", // wiki export of a whole series
			want: []fact{
				{lake, graph.StartDate, gYear("2019")},
				{lake, graph.EndDate, gYear("2022")},
				{lake, graph.Organizer, id("org", "international-liaison-bureau-of-the-eastmark-unity-party")},
				{lake, graph.ReplacedBy, lakeSummit},
				{lakeSummit, graph.Replaces, lake},
				{lake, graph.SeeAlso, lakeSummit},
				{l2019, graph.Location, id("city", "port-ilse")},
				{l2019, graph.StartDate, xsdDate("2019-04-10")},
				{l2019, graph.EndDate, xsdDate("2019-04-12")},
				{l2021, graph.AttendMode, graph.OnlineEvent},
				{l2022, graph.Location, id("city", "velmo")},
				{id("city", "velmo"), graph.Label, zhHans("韦尔莫")},
				{l2021, graph.Follows, l2019},
				{l2022, graph.Follows, l2021},
				{l2019, graph.FollowedBy, l2021},
				{l2019, graph.Speaker, id("person", "mira-odel")},
				{id("person", "mira-odel"), graph.LeaderOf, id("party", "eastmark-unity-party")},
				{id("theme", "lakeside-forum-of-political-parties-2021"), graph.Label, en("Recovery after the pandemic: the role of parties")},
			},
			not: []fact{
				{lake, graph.Replaces, lakeSummit},                     // "succeeded by" is not "succeeded"
				{l2019, graph.PartyCount, integer("40")},               // "about 40" is no exact figure
				{l2022, graph.Location, id("city", "grand-lake-hall")}, // a building is no city
			},
		},
		{
			file: "zh-forum.txt", // Traditional Chinese wikitext
			want: []fact{
				{z2030, graph.SuperEvent, zhSeries},
				{z2030, graph.StartDate, xsdDate("2030-09-18")},
				{z2030, graph.EndDate, xsdDate("2030-09-19")},
				{z2030, graph.Location, id("city", "清水")},
				{z2030, graph.Organizer, donghai},
				{z2030, graph.PartyMin, integer("50")},
				{z2030, graph.CountryMin, integer("20")},
				{z2030, graph.Outcome, id("outcome", "清水宣言")},
				{id("theme", "亚洲政党绿色发展论坛-2030"), graph.Label, quad.LangString{Value: "綠色轉型與政黨責任", Lang: "zh-Hant"}},
				{id("person", "林海生"), graph.LeaderOf, donghai},
				{z2030, graph.Attendee, id("person", "林海生")},
				{z2030, graph.Attendee, donghai},
				{id("person", "安娜-韦斯特"), graph.LeaderOf, id("party", "北岸社会党")},
			},
			not: []fact{{zhSeries, graph.Organizer, donghai}},
		},
		{
			file: "online-meeting.txt", // English web page, series named with an ordinal
			want: []fact{
				{south, graph.SuperEvent, id("series", "southern-parties-dialogue")},
				{south, graph.StartDate, xsdDate("2029-11-18")},
				{south, graph.AttendMode, graph.OnlineEvent},
				{south, graph.Organizer, id("party", "harbour-unity-party")},
				{south, graph.Organizer, id("party", "reef-labour-front")},
				{south, graph.PartyMin, integer("300")},
				{south, graph.CountryCount, integer("100")},
				{south, graph.Keynote, id("speech", "southern-parties-dialogue-2029-keynote-tala-vaimoa")},
				{id("speech", "southern-parties-dialogue-2029-keynote-tala-vaimoa"), graph.Label, en("One Ocean, Shared Futures")},
				{id("person", "tala-vaimoa"), graph.LeaderOf, id("party", "harbour-unity-party")},
				{south, graph.Outcome, id("outcome", "southern-ocean-declaration")},
			},
			// The headline is no series' name.
			not: []fact{{id("series", "southern-parties-dialogue-held-online"), graph.Type, graph.MeetingSeries}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			qs, label := extractFile(t, filepath.Join("testdata", "general", tc.file))
			for _, f := range tc.want {
				if f.S == "" {
					f.S = label
				}
				if !has(qs, f, label) {
					t.Errorf("missing %s", f)
				}
			}
			for _, f := range tc.not {
				if has(qs, f, label) {
					t.Errorf("unexpected %s", f)
				}
			}
			checkPrecision(t, qs, label)
			golden(t, filepath.Join("testdata", "general", tc.file[:len(tc.file)-len(filepath.Ext(tc.file))]+".golden"), nquads(qs))
			if t.Failed() {
				t.Log(nquads(qs))
			}
		})
	}
}
