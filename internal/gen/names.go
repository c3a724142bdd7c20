package gen

import (
	"strings"
	"unicode"
)

// syllable is one made-up syllable with the Chinese characters that
// transliterate it, so every name has an English and a Chinese form.
type syllable struct{ en, zh string }

var syllables = [...]syllable{
	{"ba", "巴"}, {"ra", "拉"}, {"to", "托"}, {"mi", "米"}, {"ka", "卡"}, {"lo", "洛"},
	{"sa", "萨"}, {"ve", "韦"}, {"ne", "内"}, {"di", "迪"}, {"ru", "鲁"}, {"zo", "佐"},
	{"ta", "塔"}, {"li", "利"}, {"mo", "莫"}, {"na", "纳"}, {"go", "戈"}, {"le", "莱"},
	{"ri", "里"}, {"so", "索"}, {"da", "达"}, {"ke", "凯"}, {"ma", "马"}, {"no", "诺"},
	{"pe", "佩"}, {"si", "西"}, {"tu", "图"}, {"ya", "亚"}, {"bo", "博"}, {"fa", "法"},
	{"gu", "古"}, {"ho", "霍"}, {"ja", "贾"}, {"ku", "库"}, {"lu", "卢"}, {"me", "梅"},
	{"ni", "尼"}, {"pa", "帕"}, {"se", "塞"}, {"te", "特"}, {"vi", "维"}, {"wa", "瓦"},
	{"do", "多"}, {"ga", "加"}, {"ze", "泽"}, {"an", "安"}, {"el", "埃尔"}, {"or", "奥尔"},
}

// countrySuffixes end country names.
var countrySuffixes = [...]syllable{{"", ""}, {"ia", "亚"}, {"land", "兰"}, {"stan", "斯坦"}, {"ora", "奥拉"}}

// partyKinds are the kinds of party names; "%s" is the country.
var partyKinds = [...]struct{ en, zh, abbr string }{
	{"Progressive Party", "进步党", "PP"},
	{"People's Party", "人民党", "PP"},
	{"Socialist Party", "社会党", "SP"},
	{"Labour Party", "工党", "LP"},
	{"Liberal Party", "自由党", "LP"},
	{"National Democratic Congress", "全国民主大会党", "NDC"},
	{"Party of Progress", "发展党", "PoP"},
	{"Popular Front", "人民阵线", "PF"},
	{"Workers' Party", "劳动党", "WP"},
	{"Green Movement", "绿色运动", "GM"},
	{"Conservative Union", "保守联盟", "CU"},
	{"Revolutionary Party", "革命党", "RP"},
	{"Social Democratic Party", "社会民主党", "SDP"},
	{"Communist Party", "共产党", "CP"},
	{"Liberation Movement", "解放运动", "LM"},
	{"Union for the Republic", "共和联盟", "UR"},
}

// partyQualifiers tell apart parties of the same kind in one country.
var partyQualifiers = [...]syllable{
	{"", ""}, {"United", "联合"}, {"New", "新"}, {"Democratic", "民主"}, {"National", "国家"},
	{"Patriotic", "爱国"}, {"Independent", "独立"}, {"Renewed", "革新"},
}

// leaderTitles are the party titles a leader holds.
var leaderTitles = [...]syllable{
	{"President", "主席"}, {"Chairman", "主席"}, {"Secretary-General", "总书记"},
	{"Leader", "领导人"}, {"General Secretary", "总书记"}, {"Chairwoman", "主席"},
}

var themeHeads = [...]syllable{
	{"The Path to Modernization", "现代化之路"},
	{"Building a Better World Together", "共同建设美好世界"},
	{"Development and Shared Prosperity", "发展与共同繁荣"},
	{"Green Growth and a Common Future", "绿色增长与共同未来"},
	{"Peace, Dialogue and Cooperation", "和平、对话与合作"},
	{"Governance in a Changing World", "变革世界中的治理"},
	{"People First", "以人民为中心"},
	{"Openness and Innovation", "开放与创新"},
	{"Poverty Reduction and Development", "减贫与发展"},
	{"Civilizations in Dialogue", "文明对话"},
}

var themeTails = [...]syllable{
	{"The Responsibility of Political Parties", "政党的责任"},
	{"The Role of Political Parties", "政党的作用"},
	{"Political Parties in Action", "政党在行动"},
	{"The Mission of Political Parties", "政党的使命"},
	{"What Political Parties Can Do", "政党的担当"},
}

var topicHeads = [...]syllable{
	{"Building Stronger Political Parties", "加强政党建设"},
	{"Jointly Pursuing Connectivity", "共同推进互联互通"},
	{"Promoting Innovation Across the World", "创新世界"},
	{"Striving for Better Development of Countries", "建设美好国家"},
	{"Youth and the Future", "青年与未来"},
	{"Digital Economy", "数字经济"},
	{"Climate and Energy", "气候与能源"},
	{"Food Security", "粮食安全"},
	{"Public Health Cooperation", "公共卫生合作"},
	{"Exchanges Between Civilizations", "文明交流互鉴"},
	{"Fighting Corruption", "反腐败"},
	{"Rural Revitalization", "乡村振兴"},
}

var topicTails = [...]syllable{
	{"Role of Political Parties", "政党的参与和贡献"},
	{"Challenges and Prospects", "挑战和未来"},
	{"National Practice and Experience", "实践和经验"},
	{"Role and Responsibilities", "角色和责任"},
}

var speechTitles = [...]syllable{
	{"Joining Hands to Build a Better World", "携手建设更加美好的世界"},
	{"Walking the Road of Modernization Hand in Hand", "携手同行现代化之路"},
	{"Working Together for Common Development", "共同促进发展"},
	{"Opening a New Chapter of Cooperation", "开启合作新篇章"},
	{"Shaping the Future Together", "共创未来"},
	{"Keeping to the Right Path", "坚持正确道路"},
}

var seriesForms = [...]struct{ en, zh string }{
	{"%s in Dialogue with World Political Parties High-level Meeting", "%s与世界政党高层对话会"},
	{"%s in Dialogue with the World", "%s与世界对话会"},
	{"%s and World Political Parties Summit", "%s与世界政党领导人峰会"},
	{"%s Forum of Political Parties", "%s政党论坛"},
	{"%s International Conference of Political Parties", "%s政党国际会议"},
}

var months = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// word builds a name of n syllables from the digits of x in base
// len(syllables); the same x and n give the same name.
func word(x uint64, n int) syllable {
	var en, zh strings.Builder
	for range n {
		s := syllables[x%uint64(len(syllables))]
		x /= uint64(len(syllables))
		en.WriteString(s.en)
		zh.WriteString(s.zh)
	}
	return syllable{capitalize(en.String()), zh.String()}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// slugify lowercases s and joins its words with hyphens.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else if r != '\'' {
			dash = true
		}
	}
	return b.String()
}

// initials returns the capital initials of the words of s ("Progressive
// Party of Velmora" gives "PPV").
func initials(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if unicode.IsUpper(r[0]) {
			b.WriteRune(r[0])
		}
	}
	return b.String()
}
