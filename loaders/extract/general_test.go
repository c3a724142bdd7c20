package extract_test

import (
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders/text"
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
				{lakeSummit, graph.StartDate, gYear("2023")}, // "succeeded by the Lakeside Parties Summit in 2023"
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
				{z2030, graph.Location, id("city", "qingshui")},
				{z2030, graph.Organizer, donghai},
				{z2030, graph.PartyMin, integer("50")},
				{z2030, graph.CountryMin, integer("20")},
				{z2030, graph.Outcome, id("outcome", "清水宣言")},
				{id("theme", "亚洲政党绿色发展论坛-2030"), graph.Label, quad.LangString{Value: "綠色轉型與政黨責任", Lang: "zh-Hant"}},
				{id("person", "lin-haisheng"), graph.LeaderOf, donghai},
				{z2030, graph.Attendee, id("person", "lin-haisheng")},
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
	gMonth := func(s string) quad.Value {
		return quad.TypedString{Value: quad.String(s), Type: graph.XSDNS + "gYearMonth"}
	}
	a2033, a2035, a2037 := meetingIRI(icappGA, "2033"), meetingIRI(icappGA, "2035"), meetingIRI(icappGA, "2037")
	d2016 := meetingIRI(dw, "2016")
	song, linchuan := id("person", "song-wenbin"), id("city", "linchuan")
	tests = append(tests, []struct {
		file string
		want []fact
		not  []fact
	}{
		{
			file: "assemblies-table.txt", // wiki export: a table with bare years, months in the text
			want: []fact{
				{a2033, graph.SuperEvent, icappGA},
				{a2033, graph.StartDate, gYear("2033")},
				{a2033, graph.Location, id("city", "dorvast")},
				{a2035, graph.StartDate, gMonth("2035-11")},
				{a2035, graph.AttendMode, graph.OnlineEvent},
				{a2035, graph.Speaker, id("person", "arun-velappan")},
				{a2037, graph.StartDate, gMonth("2037-03")},
				{a2037, graph.Location, id("city", "pelinor")},
				{a2037, graph.Outcome, id("outcome", "pelinor-declaration")},
				{a2035, graph.Follows, a2033},
				{a2037, graph.Follows, a2035},
				{icappGA, graph.AltLabel, en("General Assembly of the International Conference of Asian Political Parties")},
			},
			not: []fact{
				{a2035, graph.Location, id("city", "pelinor")}, // an online assembly has no venue
				{a2037, graph.StartDate, gYear("2037")},        // the month is more precise
				{icappGA, graph.Label, en("General Assembly of the International Conference of Asian Political Parties")},
			},
		},
		{
			file: "visit-zh.txt", // Chinese web page of a party: a delegation's visit
			want: []fact{
				{id("person", "liu-wenqing"), graph.Label, zhHans("刘文清")}, // the node delegation-visit.txt names in English
				{id("person", "liu-wenqing"), graph.MemberOf, idcpc},
				{"", graph.DateModified, xsdDate("2029-09-03")},
			},
			not: []fact{{id("person", "刘文清"), graph.Type, graph.Person}},
		},
		{
			file: "dialogue-2016.wiki", // Traditional Chinese wikitext, a month without a day
			want: []fact{
				{d2016, graph.SuperEvent, dw},
				{d2016, graph.StartDate, gMonth("2016-10")},
				{d2016, graph.Location, linchuan},
				{d2016, graph.Organizer, idcpc},
				{d2016, graph.AttendMode, graph.OnlineEvent},
				{d2016, graph.AttendMode, graph.OfflineEvent},
				{d2016, graph.Attendee, song},
				{d2016, graph.Speaker, song}, // 宋部長 is 宋文彬
				{song, graph.MemberOf, idcpc},
				{d2016, graph.PartyMin, integer("70")},
				{d2016, graph.CountryMin, integer("40")},
				{dw, graph.SeeAlso, hlm},
			},
			not: []fact{{id("series", "视频会议"), graph.Type, graph.MeetingSeries}}, // a format, no series
		},
		{
			file: "dialogue-article.txt", // journal article: a keynote and an outcome known from its references
			want: []fact{
				{d2016, graph.SuperEvent, dw},
				{d2016, graph.Keynote, id("speech", "cpc-in-dialogue-with-the-world-2016-keynote-song-wenbin")},
				{id("speech", "cpc-in-dialogue-with-the-world-2016-keynote-song-wenbin"), graph.Author, song},
				{id("speech", "cpc-in-dialogue-with-the-world-2016-keynote-song-wenbin"), graph.Label, zhHans("共建绿色家园")},
				{id("speech", "cpc-in-dialogue-with-the-world-2016-keynote-song-wenbin"), graph.Label, en("Building a Green Home Together")},
				{d2016, graph.Outcome, id("outcome", "中国共产党与世界对话会临川共识")},
				{d2016, graph.Location, linchuan}, // the node dialogue-2016.wiki names 臨川
				{d2016, graph.StartDate, gMonth("2016-10")},
				{song, graph.MemberOf, idcpc},
			},
			// A cited author the document does not name is nobody's keynote.
			not: []fact{{id("person", "petrova-a"), graph.Type, graph.Person}},
		},
		{
			file: "coastal-assembly.wiki", // English wikitext: "Third Assembly of the X", a surname after a title
			want: []fact{
				{id("meeting", "coastal-parties-forum-2032"), graph.SuperEvent, id("series", "coastal-parties-forum")},
				{id("meeting", "coastal-parties-forum-2032"), graph.StartDate, xsdDate("2032-09-12")},
				{id("meeting", "coastal-parties-forum-2032"), graph.Location, id("city", "porto-verde")},
				{id("meeting", "coastal-parties-forum-2032"), graph.Organizer, id("party", "green-harbour-party")},
				{id("meeting", "coastal-parties-forum-2032"), graph.Organizer, id("party", "workers-union-of-brazil")}, // "and the Workers' Union of Brazil"
				{id("meeting", "coastal-parties-forum-2032"), graph.Keynote, id("speech", "coastal-parties-forum-2032-keynote-joao-amaral")},
				{id("person", "joao-amaral"), graph.LeaderOf, id("party", "green-harbour-party")},
				{id("series", "coastal-parties-forum"), graph.SeeAlso, entry(t, graph.KindSeries, "São Paulo Forum")},
			},
			not: []fact{
				{id("series", "third-assembly-of-the-coastal-parties-forum"), graph.Type, graph.MeetingSeries},
				{id("person", "amaral"), graph.Type, graph.Person}, // President Amaral is João Amaral
			},
		},
		{
			file: "party-page-visit.txt", // a party's English page: a CPC delegation's visit, a month date
			want: []fact{
				{id("person", "han-lizhou"), graph.MemberOf, idcpc},
				{id("person", "rosa-quispe"), graph.LeaderOf, id("party", "andes-workers-party-of-peru")},
				{meetingIRI(dw, "2030"), graph.StartDate, gMonth("2030-10")},
				{meetingIRI(dw, "2030"), graph.Location, entry(t, graph.KindCity, "Xiamen")},
				{meetingIRI(dw, "2030"), graph.Attendee, id("person", "rosa-quispe")}, // named in full again, without a title
				{meetingIRI(dw, "2030"), graph.Speaker, id("person", "rosa-quispe")},
			},
			// A visit is no meeting of a series.
			not: []fact{{meetingIRI(dw, "2031"), graph.Type, graph.Meeting}},
		},
		{
			file: "dialogue-infobox.wiki", // English wikitext with an infobox
			want: []fact{
				{meetingIRI(dw, "2032"), graph.StartDate, xsdDate("2032-05-26")},
				{meetingIRI(dw, "2032"), graph.EndDate, xsdDate("2032-05-28")},
				{meetingIRI(dw, "2032"), graph.Location, id("city", "linhai")},
				{meetingIRI(dw, "2032"), graph.Organizer, idcpc},
				{meetingIRI(dw, "2032"), graph.ThemeProp, id("theme", "cpc-in-dialogue-with-the-world-2032")},
				{id("theme", "cpc-in-dialogue-with-the-world-2032"), graph.Label, en("Open Ports and Shared Growth")},
				{meetingIRI(dw, "2032"), graph.Speaker, id("person", "marta-solis")},
				{id("person", "kenji-arai"), graph.LeaderOf, id("party", "harbour-democratic-party-of-japan")},
			},
			not: []fact{{meetingIRI(dw, "2032"), graph.Location, id("city", "linhai-convention-centre")}},
		},
		{
			file: "icapp-assembly-zh.txt", // Chinese news page: a body's numbered assembly
			want: []fact{
				{meetingIRI(icappGA, "2031"), graph.SuperEvent, icappGA},
				{meetingIRI(icappGA, "2031"), graph.StartDate, xsdDate("2031-11-01")},
				{meetingIRI(icappGA, "2031"), graph.EndDate, xsdDate("2031-11-03")},
				{meetingIRI(icappGA, "2031"), graph.Location, entry(t, graph.KindCity, "Manila")},
				{meetingIRI(icappGA, "2031"), graph.ThemeProp, id("theme", "icapp-general-assembly-2031")},
				{id("theme", "icapp-general-assembly-2031"), graph.Label, zhHans("亚洲的绿色转型与政党责任")},
				{meetingIRI(icappGA, "2031"), graph.PartyMin, integer("90")},
				{meetingIRI(icappGA, "2031"), graph.Outcome, id("outcome", "马尼拉宣言")},
				{meetingIRI(icappGA, "2031"), graph.Speaker, song},
			},
			not: []fact{{icappGA, graph.AltLabel, zhHans("亚洲政党国际会议第十五届大会")}}, // one meeting's name
		},
		{
			file: "forum-opens.txt", // English news page: this year's forum, and the next one announced
			want: []fact{
				{id("meeting", "silk-coast-parties-forum-2030"), graph.StartDate, xsdDate("2030-06-01")},
				{id("meeting", "silk-coast-parties-forum-2030"), graph.Location, id("city", "velmo")}, // "opened in Velmo"
				{id("meeting", "silk-coast-parties-forum-2030"), graph.Speaker, id("person", "wang-ming")},
				{id("meeting", "silk-coast-parties-forum-2032"), graph.Location, id("city", "port-ilse")}, // "the 5th forum will be held in Port Ilse in 2032"
			},
			not: []fact{
				{id("meeting", "silk-coast-parties-forum-2030"), graph.Location, id("city", "port-ilse")},
				{id("meeting", "silk-coast-parties-forum-2030"), graph.Speaker, xi}, // a letter is no speech at the forum
				{id("meeting", "silk-coast-parties-forum-2030"), graph.Attendee, xi},
			},
		},
		{
			file: "dialogue-zh-next.wiki", // Simplified wikitext: a month, a short form, the next meeting announced
			want: []fact{
				{id("meeting", "南洋政党对话会-2031"), graph.SuperEvent, id("series", "南洋政党对话会")},
				{id("meeting", "南洋政党对话会-2031"), graph.StartDate, gMonth("2031-10")},
				{id("meeting", "南洋政党对话会-2031"), graph.Location, id("city", "haiwan")},
				{id("meeting", "南洋政党对话会-2031"), graph.Organizer, donghai},
				{id("meeting", "南洋政党对话会-2031"), graph.Keynote, id("speech", "南洋政党对话会-2031-keynote-lin-haisheng")}, // 林主席
				{id("meeting", "南洋政党对话会-2031"), graph.Attendee, id("person", "安娜-韦斯特")},                           // the node zh-forum.txt names 安娜·韋斯特
				{id("meeting", "南洋政党对话会-2033"), graph.Location, id("city", "baisha")},                             // 下一届对话会将于2033年在白沙市举行
			},
			not: []fact{{id("meeting", "南洋政党对话会-2031"), graph.Location, id("city", "baisha")}},
		},
		{
			file: "forum-notes.txt", // journal article: a series named only as the subject of "was held"
			want: []fact{
				{id("meeting", "coastal-parties-forum-2032"), graph.SuperEvent, id("series", "coastal-parties-forum")}, // the node coastal-assembly.wiki names
				{id("meeting", "coastal-parties-forum-2032"), graph.Location, id("city", "porto-verde")},
				{id("meeting", "coastal-parties-forum-2032"), graph.Organizer, id("party", "workers-union-of-brazil")},
				{id("party", "workers-union-of-brazil"), graph.CountryProp, entry(t, graph.KindCountry, "Brazil")},
				{id("meeting", "coastal-parties-forum-2032"), graph.Attendee, id("party", "labour-front-of-ghana")},
				{id("party", "labour-front-of-ghana"), graph.CountryProp, entry(t, graph.KindCountry, "Ghana")},
			},
			not: []fact{{id("meeting", "coastal-parties-forum-2032"), graph.Attendee, id("party", "green-harbour-party")}}, // a host
		},
	}...)
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

// TestGeneralTogether extracts the whole general corpus into one graph and
// checks that the documents meet on shared nodes: no two persons, parties or
// series with the same name, whatever script or spelling each document
// uses (刘文清 in one, Liu Wenqing with 刘文清 in another).
func TestGeneralTogether(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "general", "*"))
	var all []quad.Quad
	n := 0
	for _, p := range paths {
		if filepath.Ext(p) == ".golden" {
			continue
		}
		qs, _ := extractFile(t, p)
		all = append(all, qs...)
		n++
	}
	if n < 10 {
		t.Fatalf("only %d documents in testdata/general", n)
	}
	oneNodePerName(t, all)
}

// oneNodePerName checks that quads extracted from several documents name
// no two persons, parties or series alike (labels and other names, folded).
func oneNodePerName(t *testing.T, all []quad.Quad) {
	t.Helper()
	typeOf := map[quad.Value]quad.Value{}
	for _, q := range all {
		if q.Predicate == quad.Value(graph.Type) {
			typeOf[q.Subject] = q.Object
		}
	}
	byName := map[string]quad.Value{}
	for _, q := range all {
		ls, ok := q.Object.(quad.LangString)
		if !ok || q.Predicate != quad.Value(graph.Label) && q.Predicate != quad.Value(graph.AltLabel) {
			continue
		}
		ty := typeOf[q.Subject]
		if ty != quad.Value(graph.Person) && ty != quad.Value(graph.PoliticalParty) && ty != quad.Value(graph.MeetingSeries) {
			continue
		}
		key := ty.String() + " " + text.Fold(string(ls.Value))
		if prev, ok := byName[key]; ok && prev != q.Subject {
			t.Errorf("two nodes named %q across the documents: %v and %v", ls.Value, prev, q.Subject)
		}
		byName[key] = q.Subject
	}
}
