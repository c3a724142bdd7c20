package extract

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
)

func TestFindQuotes(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`The theme was "Working Together." Then`, []string{"Working Together."}},
		{`以“构建‘一带一路’:政党”为主题`, []string{"构建‘一带一路’:政党"}},
		{`「甲」和「乙」`, []string{"甲", "乙"}},
		{`发表了《北京倡议》`, []string{"北京倡议"}},
		{`no quotes here`, nil},
		{`an "unclosed quote`, nil},
		{`«Dialogue» and “Top Level”`, []string{"Dialogue", "Top Level"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var got []string
			for _, q := range findQuotes(tc.in) {
				got = append(got, q.Inner.text(tc.in))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("findQuotes(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLooksLikeName(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Cyril Ramaphosa", true},
		{"Nicolás Maduro", true},
		{"Oyun-Erdene", true},
		{"At the opening ceremony", false},
		{"During the plenary session", false},
		{"spoke", false},
		{"Delegates From Many Lands And Seas", false},
		{"Marape", true},
		{"2023", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := looksLikeName(tc.in); got != tc.want {
				t.Errorf("looksLikeName(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestTitleAt(t *testing.T) {
	r := &run{x: New(nil)}
	tests := []struct {
		in   string
		word string
		role Role
	}{
		{"President of the X Party", "president", RoleLeader},
		{"the Secretary-General of the Y Front", "secretary-general", RoleLeader},
		{"and the Chairman of Z", "chairman", RoleLeader},
		{"Prime Minister of Grenada", "prime minister", RoleHeadOfGovernment},
		{"Deputy Minister of the Department", "deputy minister", RoleMember},
		{"Vice President of the Party", "vice president", RoleMember},
		{"Presidential elections", "", 0},
		{"Cyril Ramaphosa", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, _, _ := r.titleAt(tc.in)
			if got.Word != tc.word || got.Role != tc.role {
				t.Errorf("titleAt(%q) = %q/%v, want %q/%v", tc.in, got.Word, got.Role, tc.word, tc.role)
			}
		})
	}
}

func TestSeriesNameFromTitle(t *testing.T) {
	r := &run{x: New(nil)}
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"The 14th General Assembly of the International Conference of Asian Political Parties", "General Assembly of the International Conference of Asian Political Parties", true},
		{"Example Parties Forum 2029", "Example Parties Forum", true},
		{"第五届示例政党论坛", "示例政党论坛", true},
		{"Delegation of a Party Visits China", "", false},
		{"Third Assembly of the Coastal Parties Forum", "Coastal Parties Forum", true},
		{"The 2nd Session of the Lakeside Dialogue", "Lakeside Dialogue", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := r.seriesNameFromTitle(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("seriesNameFromTitle(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

const testLabel = quad.IRI("https://w3id.org/partygraph/source/test")

// doc builds a document of paragraphs; a paragraph starting with "== " is a
// level-2 heading that opens a section.
func doc(title string, paras ...string) *loaders.Document {
	d := &loaders.Document{Name: "test", Title: title}
	var sec []string
	for _, p := range paras {
		if h, ok := strings.CutPrefix(p, "== "); ok {
			d.Blocks = append(d.Blocks, loaders.Block{Kind: loaders.Heading, Level: 2, Text: h})
			sec = []string{h}
			continue
		}
		d.Blocks = append(d.Blocks, loaders.Block{Kind: loaders.Paragraph, Text: p, Section: sec})
	}
	return d
}

// linked adds a wiki link to each of the names in the document's first
// block, as a wikitext parser would.
func linked(d *loaders.Document, names ...string) *loaders.Document {
	for _, n := range names {
		d.Blocks[0].Links = append(d.Blocks[0].Links, loaders.Link{Target: n, Text: n})
	}
	return d
}

func extractT(t *testing.T, d *loaders.Document) []quad.Quad {
	t.Helper()
	qs, err := Extract(d, nil, testLabel)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.Label != quad.Value(testLabel) {
			t.Fatalf("quad without the label: %s", q.NQuad())
		}
	}
	return qs
}

func holds(qs []quad.Quad, s quad.IRI, p quad.IRI, o quad.Value) bool {
	for _, q := range qs {
		if q.Subject == quad.Value(s) && q.Predicate == quad.Value(p) && q.Object == o {
			return true
		}
	}
	return false
}

func ent(kind, slug string) quad.IRI { return graph.EntityIRI(kind, slug) }

func en(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "en"} }

func zh(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "zh-Hans"} }

func typed(s string, ty quad.IRI) quad.Value {
	return quad.TypedString{Value: quad.String(s), Type: ty}
}

type triple struct {
	s, p quad.IRI
	o    quad.Value
}

// TestRules runs each rule on a small document and checks what it states
// and what it must not.
func TestRules(t *testing.T) {
	meeting := ent(graph.KindMeeting, "example-parties-forum-2029")
	tests := []struct {
		name string
		doc  *loaders.Document
		want []triple
		not  []triple
	}{
		{
			name: "apposition after the name",
			doc:  doc("Notes", "Ana Ruiz, President of the Popular Unity Party, visited the city."),
			want: []triple{
				{ent("person", "ana-ruiz"), graph.LeaderOf, ent("party", "popular-unity-party")},
				{ent("person", "ana-ruiz"), graph.JobTitle, en("President of the Popular Unity Party")},
				{ent("party", "popular-unity-party"), graph.Type, graph.PoliticalParty},
			},
		},
		{
			name: "apposition before the name",
			doc:  doc("Notes", "Later, the Secretary-General of the Farmers Party, Tomas Varga, arrived."),
			want: []triple{{ent("person", "tomas-varga"), graph.LeaderOf, ent("party", "farmers-party")}},
		},
		{
			name: "member title",
			doc:  doc("Notes", "Mei Lin, Treasurer of the Harbour Workers Party, arrived."),
			want: []triple{{ent("person", "mei-lin"), graph.MemberOf, ent("party", "harbour-workers-party")}},
			not:  []triple{{ent("person", "mei-lin"), graph.LeaderOf, ent("party", "harbour-workers-party")}},
		},
		{
			name: "no person from a title alone",
			doc:  doc("Notes", "The Chairman of the Farmers Party said the talks went well."),
			not:  []triple{{ent("person", "chairman"), graph.Type, graph.Person}, {ent("person", "the-chairman"), graph.Type, graph.Person}},
		},
		{
			name: "a name without a title is no person",
			doc:  doc("Notes", "Contact Us"),
			not:  []triple{{ent("person", "contact-us"), graph.Type, graph.Person}},
		},
		{
			name: "meeting, theme, topics, outcome, counts",
			doc: doc("Example Parties Forum 2029",
				"The Example Parties Forum 2029 was held in Port Averly from May 8 to 10, 2029.",
				`The theme of the forum was "Parties and the Green Transition". Topics included "Clean Energy and Party Policy" and "Jobs in a Changing Economy".`,
				"Delegates of more than 60 political parties from 25 countries attended. The forum adopted the Port Averly Declaration."),
			want: []triple{
				{meeting, graph.SuperEvent, ent("series", "example-parties-forum")},
				{meeting, graph.StartDate, typed("2029-05-08", graph.XSDDate)},
				{meeting, graph.EndDate, typed("2029-05-10", graph.XSDDate)},
				{meeting, graph.Location, ent("city", "port-averly")},
				{meeting, graph.AttendMode, graph.OfflineEvent},
				{meeting, graph.ThemeProp, ent("theme", "example-parties-forum-2029")},
				{ent("theme", "example-parties-forum-2029"), graph.Label, en("Parties and the Green Transition")},
				{meeting, graph.TopicProp, ent("topic", "clean-energy-and-party-policy")},
				{meeting, graph.TopicProp, ent("topic", "jobs-in-a-changing-economy")},
				{meeting, graph.Outcome, ent("outcome", "port-averly-declaration")},
				{meeting, graph.PartyMin, typed("60", graph.XSDInteger)},
				{meeting, graph.CountryCount, typed("25", graph.XSDInteger)},
				{testLabel, graph.Mentions, meeting},
			},
		},
		{
			name: "online meeting, time zone is no venue",
			doc:  doc("Example Parties Forum 2029", "On May 8, 2029, the forum was held via video link in Port Averly time."),
			want: []triple{{meeting, graph.AttendMode, graph.OnlineEvent}},
			not:  []triple{{meeting, graph.Location, ent("city", "port-averly")}},
		},
		{
			name: "Chinese: theme before 为主题, topics before 议题, book-title outcome, counts",
			doc: doc("第五届示例政党论坛",
				"第五届示例政党论坛于2029年5月8日至10日举行。来自30多个国家的60多个政党代表出席,以“政党与绿色发展”为主题,就“清洁能源”“青年就业”等议题进行了交流。论坛发表了《示例宣言》。"),
			want: []triple{
				{ent("meeting", "示例政党论坛-2029"), graph.StartDate, typed("2029-05-08", graph.XSDDate)},
				{ent("meeting", "示例政党论坛-2029"), graph.EndDate, typed("2029-05-10", graph.XSDDate)},
				{ent("theme", "示例政党论坛-2029"), graph.Label, zh("政党与绿色发展")},
				{ent("meeting", "示例政党论坛-2029"), graph.TopicProp, ent("topic", "清洁能源")},
				{ent("meeting", "示例政党论坛-2029"), graph.TopicProp, ent("topic", "青年就业")},
				{ent("meeting", "示例政党论坛-2029"), graph.Outcome, ent("outcome", "示例宣言")},
				{ent("meeting", "示例政党论坛-2029"), graph.PartyMin, typed("60", graph.XSDInteger)},
				{ent("meeting", "示例政党论坛-2029"), graph.CountryMin, typed("30", graph.XSDInteger)},
			},
		},
		{
			name: "Chinese title before a bare name",
			doc:  doc("会见", "示例党主席王小明会见了代表团。"),
			want: []triple{
				{ent("person", "wang-xiaoming"), graph.JobTitle, zh("示例党主席")},
				{ent("person", "wang-xiaoming"), graph.LeaderOf, ent("party", "示例党")},
			},
		},
		{
			name: "series named with an ordinal in a headline's story, ordinals are no counts",
			doc:  doc("论坛在海湾市开幕", "第三届南洋政党论坛于2031年4月1日至2日在海湾市举行，来自18个国家的40多个政党代表出席。"),
			want: []triple{
				{ent("meeting", "南洋政党论坛-2031"), graph.SuperEvent, ent("series", "南洋政党论坛")},
				{ent("meeting", "南洋政党论坛-2031"), graph.Location, ent("city", "haiwan")},
				{ent("meeting", "南洋政党论坛-2031"), graph.PartyMin, typed("40", graph.XSDInteger)},
			},
			not: []triple{{ent("meeting", "南洋政党论坛-2031"), graph.PartyCount, typed("3", graph.XSDInteger)}},
		},
		{
			name: "English ordinal series, inline title after its",
			doc: doc("Parties meet by the lake",
				"The 3rd Lakeside Parties Forum was held in Velmo on May 5, 2029. A delegation of the Harbour Party led by its Deputy Leader Ola Brant attended."),
			want: []triple{
				{ent("meeting", "lakeside-parties-forum-2029"), graph.SuperEvent, ent("series", "lakeside-parties-forum")},
				{ent("person", "ola-brant"), graph.MemberOf, ent("party", "harbour-party")},
				{ent("person", "ola-brant"), graph.JobTitle, en("Deputy Leader")},
			},
		},
		{
			name: "parties that took part, not the host",
			doc: doc("Example Parties Forum 2029",
				"The forum was held in Port Averly on May 8, 2029.",
				"Hosted by the Lake Party, it was attended by delegations of the Hill Party and the River Party."),
			want: []triple{
				{meeting, graph.Attendee, ent("party", "hill-party")},
				{meeting, graph.Attendee, ent("party", "river-party")},
				{meeting, graph.Organizer, ent("party", "lake-party")},
			},
			not: []triple{{meeting, graph.Attendee, ent("party", "lake-party")}},
		},
		{
			name: "a meeting named by series and year alone",
			doc: linked(doc("Networks after the assembly",
				"The article studies the Example Parties Forum held in Port Averly in October 2031 and its outcomes."),
				"Example Parties Forum"),
			want: []triple{
				{ent("meeting", "example-parties-forum-2031"), graph.SuperEvent, ent("series", "example-parties-forum")},
				{ent("meeting", "example-parties-forum-2031"), graph.Location, ent("city", "port-averly")},
			},
		},
		{
			name: "the date of another event is no meeting of the series",
			doc: doc("Example Parties Forum",
				"The 19th National Congress of the Harbour Party was held on October 18, 2027."),
			not: []triple{{ent("meeting", "example-parties-forum-2027"), graph.Type, graph.Meeting}},
		},
		{
			name: "succeeded by is the other direction",
			doc:  linked(doc("Lakeside Forum", "The Lakeside Forum was succeeded by the Lakeside Summit."), "Lakeside Summit"),
			want: []triple{
				{ent("series", "lakeside-forum"), graph.ReplacedBy, ent("series", "lakeside-summit")},
				{ent("series", "lakeside-summit"), graph.Replaces, ent("series", "lakeside-forum")},
			},
			not: []triple{{ent("series", "lakeside-forum"), graph.Replaces, ent("series", "lakeside-summit")}},
		},
		{
			name: "per-year sections are meetings in date order",
			doc: doc("Example Parties Forum",
				"== 2027", "The forum was held in Port Averly on June 2, 2027.",
				"== 2029", "The forum was held online on May 8, 2029."),
			want: []triple{
				{meeting, graph.Follows, ent("meeting", "example-parties-forum-2027")},
				{ent("meeting", "example-parties-forum-2027"), graph.FollowedBy, meeting},
				{meeting, graph.AttendMode, graph.OnlineEvent},
				{ent("meeting", "example-parties-forum-2027"), graph.AttendMode, graph.OfflineEvent},
			},
		},
		{
			name: "a month without a day is a gYearMonth date",
			doc: doc("Example Parties Forum",
				"== 2027", "The forum was held in Port Averly in September 2027.",
				"== 2029", "第三届示例政党论坛于2029年11月在海湾市举行。"),
			want: []triple{
				{ent("meeting", "example-parties-forum-2027"), graph.StartDate, typed("2027-09", graph.XSDNS+"gYearMonth")},
				{ent("meeting", "example-parties-forum-2029"), graph.StartDate, typed("2029-11", graph.XSDNS+"gYearMonth")},
			},
			not: []triple{{ent("meeting", "example-parties-forum-2027"), graph.StartDate, typed("2027", graph.XSDGYear)}},
		},
		{
			name: "the most precise date wins",
			doc: doc("Example Parties Forum 2029",
				"The Example Parties Forum was held in Port Averly in May 2029.",
				"The forum was held from May 8 to 10, 2029."),
			want: []triple{{meeting, graph.StartDate, typed("2029-05-08", graph.XSDDate)}},
			not:  []triple{{meeting, graph.StartDate, typed("2029-05", graph.XSDNS+"gYearMonth")}},
		},
		{
			name: "table rows with a bare year are meetings",
			doc: &loaders.Document{Name: "test", Title: "Example Parties Forum", Blocks: []loaders.Block{
				{Kind: loaders.Table, Rows: [][]string{{"", "Venue", "Date"}, {"1", "Port Averly", "2025"}, {"2", "Velmo", "2027年"}}},
			}},
			want: []triple{
				{ent("meeting", "example-parties-forum-2025"), graph.StartDate, typed("2025", graph.XSDGYear)},
				{ent("meeting", "example-parties-forum-2025"), graph.Location, ent("city", "port-averly")},
				{ent("meeting", "example-parties-forum-2027"), graph.StartDate, typed("2027", graph.XSDGYear)},
				{ent("meeting", "example-parties-forum-2027"), graph.Follows, ent("meeting", "example-parties-forum-2025")},
			},
		},
		{
			name: "an online meeting has no venue city",
			doc: doc("Example Parties Forum 2029",
				"The Example Parties Forum was held in Port Averly via video link on May 8, 2029."),
			want: []triple{
				{meeting, graph.AttendMode, graph.OnlineEvent},
				{ent("city", "port-averly"), graph.Type, graph.City}, // named, but no venue
			},
			not: []triple{
				{meeting, graph.Location, ent("city", "port-averly")},
				{meeting, graph.AttendMode, graph.OfflineEvent},
			},
		},
		{
			name: "a meeting held online and in person keeps its venue",
			doc: doc("Example Parties Forum 2029",
				"The Example Parties Forum was held in Port Averly on May 8, 2029, online and in person."),
			want: []triple{
				{meeting, graph.AttendMode, graph.OnlineEvent},
				{meeting, graph.AttendMode, graph.OfflineEvent},
				{meeting, graph.Location, ent("city", "port-averly")},
			},
		},
		{
			name: "a surname and a title name the person named in full before",
			doc: doc("南洋政党论坛第三届会议",
				"南洋政党论坛第三届会议于2031年4月1日在海湾市举行。东海人民党主席林海生会见了代表团。林主席在闭幕式上发表讲话。"),
			want: []triple{{ent("meeting", "南洋政党论坛-2031"), graph.Speaker, ent("person", "lin-haisheng")}},
			not:  []triple{{ent("person", "lin-zhuxi"), graph.Type, graph.Person}},
		},
		{
			name: "a surname two persons share names neither",
			doc: doc("南洋政党论坛第三届会议",
				"南洋政党论坛第三届会议于2031年4月1日在海湾市举行。东海人民党主席林海生和北岸社会党主席林月会见了代表团。林主席在闭幕式上发表讲话。"),
			not: []triple{
				{ent("meeting", "南洋政党论坛-2031"), graph.Speaker, ent("person", "lin-haisheng")},
				{ent("meeting", "南洋政党论坛-2031"), graph.Speaker, ent("person", "lin-yue")},
			},
		},
		{
			name: "a sentence without a date goes on about the meeting before it",
			doc: doc("南洋政党论坛",
				"第一届南洋政党论坛于2028年5月在海湾市举行。东海人民党主席林海生出席并讲话。第二届论坛于2030年11月以视频方式举行。"),
			want: []triple{{ent("meeting", "南洋政党论坛-2028"), graph.Speaker, ent("person", "lin-haisheng")}},
			not:  []triple{{ent("meeting", "南洋政党论坛-2030"), graph.Speaker, ent("person", "lin-haisheng")}},
		},
		{
			name: "Chinese titles listed with 、 are all the person's",
			doc:  doc("会见", "东海人民党主席、政府总理林海生会见了代表团。"),
			want: []triple{
				{ent("person", "lin-haisheng"), graph.JobTitle, zh("东海人民党主席")},
				{ent("person", "lin-haisheng"), graph.JobTitle, zh("政府总理")},
				{ent("person", "lin-haisheng"), graph.LeaderOf, ent("party", "东海人民党")},
			},
		},
		{
			name: "a meeting named in passing is an aside, not what the next sentence is about",
			doc: linked(doc("Parties online",
				"The Example Parties Forum, held online on May 8, 2029, gathered 300 parties. It followed the Lakeside Summit held in Velmo in 2027. Ana Ruiz, President of the Unity Party, delivered the keynote speech."),
				"Example Parties Forum", "Lakeside Summit"),
			want: []triple{
				{ent("meeting", "lakeside-summit-2027"), graph.Location, ent("city", "velmo")},
				{meeting, graph.Keynote, ent("speech", "example-parties-forum-2029-keynote-ana-ruiz")},
			},
			not: []triple{{ent("meeting", "lakeside-summit-2027"), graph.Speaker, ent("person", "ana-ruiz")}},
		},
		{
			name: "the head of a party's central committee leads it, the head of another body is a member",
			doc: doc("Notes",
				"Ola Brant, Chairman of the Supreme Council of the Harbour Party, and Mei Lin, General Secretary of the Central Committee of the Hill Party, arrived."),
			want: []triple{
				{ent("person", "ola-brant"), graph.MemberOf, ent("party", "harbour-party")},
				{ent("person", "mei-lin"), graph.LeaderOf, ent("party", "hill-party")},
			},
			not: []triple{{ent("person", "ola-brant"), graph.LeaderOf, ent("party", "harbour-party")}},
		},
		{
			name: "video conference in Hong Kong and Taiwan wording",
			doc:  doc("南洋政党论坛", "第三届南洋政党论坛于2031年4月1日以視像會議形式舉行。", "第四届南洋政党论坛于2032年4月1日以視訊方式舉行。"),
			want: []triple{
				{ent("meeting", "南洋政党论坛-2031"), graph.AttendMode, graph.OnlineEvent},
				{ent("meeting", "南洋政党论坛-2032"), graph.AttendMode, graph.OnlineEvent},
			},
		},
		{
			name: "the month of a party congress is not the meeting's",
			doc: doc("第三届南洋政党论坛",
				"第三届南洋政党论坛于2027年11月在海湾市举行。这是2027年10月召开的东海人民党十九大后的首场多边活动。",
				"In October 2027, the Harbour Party held its 19th National Congress."),
			want: []triple{{ent("meeting", "南洋政党论坛-2027"), graph.StartDate, typed("2027-11", graph.XSDNS+"gYearMonth")}},
			not:  []triple{{ent("meeting", "南洋政党论坛-2027"), graph.StartDate, typed("2027-10", graph.XSDNS+"gYearMonth")}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := extractT(t, tc.doc)
			for _, w := range tc.want {
				if !holds(qs, w.s, w.p, w.o) {
					t.Errorf("missing %s", quad.Quad{Subject: w.s, Predicate: w.p, Object: w.o}.NQuad())
				}
			}
			for _, w := range tc.not {
				if holds(qs, w.s, w.p, w.o) {
					t.Errorf("unexpected %s", quad.Quad{Subject: w.s, Predicate: w.p, Object: w.o}.NQuad())
				}
			}
			if t.Failed() {
				for _, q := range qs {
					t.Log(q.NQuad())
				}
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	if _, err := Extract(nil, nil, testLabel); err == nil {
		t.Error("nil document: no error")
	}
	if _, err := Extract(doc("x"), nil, ""); err == nil {
		t.Error("empty label: no error")
	}
}
