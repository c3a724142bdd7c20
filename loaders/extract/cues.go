package extract

// Role says what link a job title implies between its holder and the body
// the title names.
type Role int

const (
	RoleMember           Role = iota // schema:memberOf the party or organisation
	RoleLeader                       // pg:leaderOf a party; pg:headOfStateOf a country
	RoleHeadOfGovernment             // pg:headOfGovernmentOf a country
)

// Title is one job-title word of a keyword table.
type Title struct {
	Word string
	Role Role
}

// Cues are the multilingual keyword tables the relation rules are keyed on.
// They are data: general words of the field, never names of meetings or
// people. Matching is on folded text (lower case, Simplified Chinese), so
// the tables hold folded forms.
type Cues struct {
	Titles       []Title  // job titles, longest first is not required
	TitleFillers []string // words a title may start with that do not change it ("the", "and the")

	Held        []string // a meeting took place: held, convened, 举行
	HeldIn      []string // a venue follows: held in, opened in
	Hosted      []string // an organiser follows: hosted by, organized by
	HostedAfter []string // an organiser precedes: 主办 (由 X 主办)
	Online      []string // the meeting was online: video link, videoconference, 视频
	Offline     []string // the meeting was (also) held in person: in person, offline, 线下
	Theme       []string // a theme follows: theme, 主题为
	ThemeAfter  []string // a theme precedes: 为主题
	Topics      []string // topics follow: topics, topic
	TopicsAfter []string // topics precede: 议题
	Keynote     []string // a keynote speech: keynote speech, 主旨讲话
	Entitled    []string // a speech title follows: entitled, titled, 题为
	Spoke       []string // the persons of the unit spoke: spoke, addressed, 致辞
	Attended    []string // the persons of the unit took part: attended, 出席
	Counted     []string // a count is an attendance figure: attended, representatives, 来自
	Outcome     []string // an outcome was adopted: adopted, concluded with, 发表
	OutcomeWord []string // heads of outcome documents: initiative, declaration, 倡议
	Replaces    []string // the subject replaced the series that follows: formerly known as, 前身为
	Replaced    []string // the subject was replaced by the series that follows: replaced by, succeeded by
	Since       []string // a series start year follows: since, 自
	First       []string // the first meeting of a series: first, inaugural, 首届
	SeeAlso     []string // headings of see-also lists
	MeetingWord []string // nouns naming a meeting or series: meeting, dialogue, 对话会
	MeetingKind []string // names of kinds of meetings, no series: plenary session, 国际会议
	EventWord   []string // meeting words that name events, not bodies: forum, dialogue (not conference, congress)
	PartyWord   []string // heads of party names: party, front, movement
	OrgWord     []string // heads of organisation names: department, ministry, committee
	BodyWord    []string // bodies inside a party: central committee, supreme council
	LeadingBody []string // the bodies whose head leads the party: central committee, 中央委员会
	Definition  []string // a sentence defines its subject: " is an ", " is a ", 是
	Venue       []string // table columns: venue, place, location, 地点
	DateCol     []string // table columns: date, time, 时间
	ThemeCol    []string // table columns: theme, 主题
	YearFact    []string // fact keys giving a series' years: date, years, founded
	NotPlace    []string // words after a city name that make it no venue: time, initiative
	ZhNameEnd   []string // words that end a Chinese name a title introduces: 表示, 率领, 会见
	Organizer   []string // fact keys naming the organiser: organiser, host, 主办
	Attendees   []string // headings of sections that list participants: participants, 与会者
	Connectors  []string // lower-case words inside names: of, the, and
	Building    []string // words of venue names that are no city: centre, hall, 会堂
	TopicList   []string // headings of sections that list topics: topics, agenda, 议题
	Reported    []string // what follows is what someone said: said, 表示
	PartyHead   []string // words that end a party's name anywhere in running text: Party
	// PartyHeadOfCountry end a party's name in running text when "of" and a
	// country follow: "the Labour Front of Ghana" (not "the Arab League").
	PartyHeadOfCountry []string
}

// DefaultCues returns the keyword tables for English and Chinese.
func DefaultCues() Cues {
	return Cues{
		Titles: []Title{
			{"general secretary", RoleLeader}, {"secretary-general", RoleLeader},
			{"secretary general", RoleLeader}, {"first secretary", RoleLeader},
			{"president", RoleLeader}, {"chairman", RoleLeader}, {"chairwoman", RoleLeader},
			{"chairperson", RoleLeader}, {"chair", RoleLeader}, {"leaders", RoleLeader},
			{"leader", RoleLeader}, {"head", RoleLeader},
			{"prime minister", RoleHeadOfGovernment}, {"premier", RoleHeadOfGovernment},
			{"vice president", RoleMember}, {"vice-president", RoleMember},
			{"vice chairman", RoleMember}, {"vice-chairman", RoleMember},
			{"deputy secretary-general", RoleMember}, {"deputy head", RoleMember},
			{"deputy minister", RoleMember}, {"vice minister", RoleMember}, {"minister", RoleMember},
			{"treasurer general", RoleMember}, {"treasurer", RoleMember},
			{"secretary", RoleMember}, {"speaker", RoleMember}, {"member", RoleMember},
			{"spokesperson", RoleMember}, {"spokesman", RoleMember}, {"director", RoleMember},
			{"ambassador", RoleMember}, {"envoy", RoleMember}, {"deputy", RoleMember},
			// Chinese (folded to Simplified).
			{"总书记", RoleLeader}, {"主席", RoleLeader}, {"党首", RoleLeader},
			{"领导人", RoleLeader}, {"总统", RoleLeader}, {"国家主席", RoleLeader},
			{"总理", RoleHeadOfGovernment}, {"首相", RoleHeadOfGovernment},
			{"领袖", RoleLeader}, {"副领袖", RoleMember}, {"deputy leader", RoleMember},
			{"副主席", RoleMember}, {"副总书记", RoleMember}, {"副部长", RoleMember},
			{"部长", RoleMember}, {"书记", RoleMember}, {"委员", RoleMember},
			{"秘书长", RoleLeader}, {"副秘书长", RoleMember}, {"议长", RoleMember},
			{"大使", RoleMember}, {"主任", RoleMember}, {"副主任", RoleMember},
		},
		TitleFillers: []string{"and the ", "and ", "the ", "its ", "former "},
		Held: []string{"held", "convened", "took place", "take place", "hosted", "organized",
			"organised", "opened", "met", "forum", "举行", "召开", "举办", "开幕", "主办"},
		HeldIn: []string{"held in", "took place in", "takes place in", "convened in", "held at", "opened in", "opens in",
			"met in", "meets in", "hosted in"},
		Hosted:      []string{"hosted by", "organized by", "organised by", "convened by", "sponsored by", "co-hosted by"},
		HostedAfter: []string{"主办", "承办", "举办"},
		Online: []string{"video link", "videoconference", "video conference", "video-conference",
			"online", "virtual", "via video", "视频", "视像", "视讯", "线上", "云端", "网络会议"},
		Offline:     []string{"in person", "in-person", "offline", "on-site", "线下", "现场"},
		Theme:       []string{"theme of", "theme was", "theme is", "theme:", "theme", "主题为", "主题是", "主题:", "主题"},
		ThemeAfter:  []string{"为主题"},
		Topics:      []string{"topics", "topic", "sessions on", "issues"},
		TopicsAfter: []string{"等议题", "议题", "等话题", "话题"},
		Keynote: []string{"keynote speech", "keynote address", "keynote", "key speech", "main speech",
			"主旨讲话", "主旨演讲", "主旨发言"},
		Entitled: []string{"entitled", "titled", "题为", "题目为"},
		Spoke: []string{"spoke", "speak", "addressed", "address", "delivered", "deliver", "speech",
			"remarks", "opened by", "opened the", "致辞", "讲话", "发言", "演讲"},
		Attended: []string{"attended", "attend", "took part", "take part", "participated",
			"participate", "joined", "出席", "参加", "与会"},
		Counted: []string{"attended", "attend", "participat", "registered", "representatives",
			"delegates", "delegations", "gathered", "took part", "from", "出席", "参加", "来自", "与会"},
		Outcome: []string{"concluded with", "closed with", "ended with", "adopted", "adoption of", "issued", "released", "published",
			"approved", "signed", "发表", "通过", "发布", "签署"},
		OutcomeWord: []string{"initiative", "declaration", "consensus", "communique", "communiqué",
			"statement", "appeal", "resolution", "倡议", "宣言", "共识", "声明", "公报", "决议"},
		Replaces: []string{"formerly known as", "formerly called", "previously known as",
			"replaced", "took over from", "successor to", "successor of", "succeeded",
			"前身为", "前身是", "取代", "接替"},
		Replaced: []string{"replaced by", "succeeded by", "superseded by", "renamed", "改称", "更名为"},
		Since:    []string{"since", "from", "自", "始于", "起"},
		First:    []string{"first", "inaugural", "1st", "首届", "第一届"},
		SeeAlso:  []string{"see also", "related", "参见", "参看", "相关条目", "另见"},
		MeetingWord: []string{"meeting", "dialogue", "summit", "conference", "forum", "seminar",
			"assembly", "congress", "symposium", "session", "对话会", "会议", "峰会", "论坛",
			"研讨会", "大会", "对话"},
		EventWord: []string{"forum", "dialogue", "summit", "seminar", "symposium", "meeting", "论坛", "对话会", "峰会", "研讨会"},
		MeetingKind: []string{"plenary session", "plenary meeting", "round table", "roundtable", "press conference",
			"summit meeting", "international conference", "opening ceremony", "closing ceremony",
			"国际会议", "全体会议", "圆桌会议", "记者会", "新闻发布会", "首脑会议", "开幕式", "闭幕式", "双边会谈", "多边会议"},
		PartyWord: []string{"party", "parties", "front", "movement", "congress", "union", "league",
			"alliance", "rally", "党", "阵线", "运动", "联盟"},
		OrgWord: []string{"department", "ministry", "commission", "office", "committee", "council",
			"institute", "bureau", "secretariat", "agency", "部", "委员会", "办公室"},
		BodyWord:           []string{"central committee", "supreme council", "political council", "politburo", "presidium", "secretariat", "executive committee", "national council", "中央委员会", "中央"},
		LeadingBody:        []string{"central committee", "executive committee", "national executive committee", "中央委员会", "中央"},
		Definition:         []string{" is an ", " is a ", " was an ", " was a ", "是"},
		Venue:              []string{"venue", "place", "location", "city", "host city", "地点", "举办地", "城市"},
		DateCol:            []string{"date", "dates", "time", "year", "日期", "时间", "年份"},
		ThemeCol:           []string{"theme", "主题"},
		YearFact:           []string{"date", "dates", "years", "year", "held", "founded", "established", "active", "时间", "日期"},
		NotPlace:           []string{"time", "initiative", "declaration", "consensus", "statement", "时间", "倡议", "宣言"},
		Organizer:          []string{"organiser", "organisers", "organizer", "organizers", "host", "hosts", "hosted by", "organised by", "organized by", "主办", "主办方", "主办单位"},
		Attendees:          []string{"participants", "attendees", "delegates", "speakers", "与会者", "出席者", "参会者", "与会代表", "出席人员"},
		Reported:           []string{"said", "says", "stated", "noted", "told", "announced", "表示", "说", "指出", "介绍"},
		PartyHead:          []string{"Party"},
		PartyHeadOfCountry: []string{"Front", "Movement", "Union", "League", "Alliance", "Rally"},
		TopicList:          []string{"topics", "agenda", "themes of the sessions", "sessions", "discussion topics", "议题", "议程", "分议题", "专题"},
		Building: []string{"centre", "center", "hall", "hotel", "palace", "house", "stadium", "building",
			"auditorium", "complex", "guesthouse", "中心", "大厦", "饭店", "宾馆", "会堂", "礼堂", "酒店", "国宾馆"},
		Connectors: []string{"of", "the", "and", "for", "on", "in", "with", "de", "del", "la", "des", "du"},
		ZhNameEnd:  []string{"表示", "率领", "率", "会见", "出席", "发表", "致辞", "讲话", "说", "指出", "在", "的", "和", "与", "等", "also"},
	}
}
