package text

// Count is a figure of parties or countries found in a text ("more than 200
// political parties", "120多个国家").
type Count struct {
	N      int
	Min    bool   // a lower bound: "more than 200", "over 120", "200多个", "逾200"
	Approx bool   // an approximate figure: "about 200", "nearly 600", "约200"
	Noun   string // what is counted: "party" or "country"
	Offset int    // s[Offset:Offset+Len] is the phrase, cue words included
	Len    int
}

// Counted nouns (folded), and the adjectives that may stand between a
// number and its noun ("200 political parties", "60 African countries").
var (
	countNouns = map[string]string{
		"party": "party", "parties": "party",
		"country": "country", "countries": "country", "nation": "country", "nations": "country",
		// Russian (folded: й is и).
		"партии": "party", "партия": "party", "партиям": "party",
		"стран": "country", "страны": "country", "странах": "country", "страна": "country",
	}
	// Nouns that count parties only after "political" ("political organizations").
	politicalNouns  = map[string]bool{"organizations": true, "organisations": true, "organization": true, "organisation": true, "groups": true}
	countAdjectives = map[string]bool{
		"political": true, "world": true, "foreign": true, "ruling": true, "opposition": true,
		"major": true, "different": true, "other": true, "various": true, "leftist": true,
		"left-wing": true, "communist": true, "socialist": true, "mainstream": true, "national": true,
		"regional": true, "friendly": true, "developing": true, "developed": true, "member": true,
		"participating": true, "main": true, "governing": true, "leading": true, "partner": true,
		"sovereign": true, "neighbouring": true, "neighboring": true, "political-party": true,
		"and":          false,
		"политических": true, "зарубежных": true, "иностранных": true,
	}
	functionWords = map[string]bool{"the": true, "and": true, "from": true, "with": true, "for": true, "that": true, "this": true, "who": true, "which": true, "their": true}
	peopleNouns   = map[string]bool{"leaders": true, "leader": true, "representatives": true, "delegates": true, "officials": true, "members": true, "heads": true, "chiefs": true, "cadres": true, "delegations": true, "people": true}
	minWords      = map[string]bool{
		"over": true, "more than": true, "at least": true, "upwards of": true, "in excess of": true,
		"no fewer than": true, "no less than": true, "not less than": true, "not fewer than": true,
		"more then": true, "above": true, "some more than": true,
		"более": true, "свыше": true, "не менее": true, "больше": true,
	}
	approxWords = map[string]bool{
		"about": true, "around": true, "approximately": true, "nearly": true, "almost": true,
		"roughly": true, "some": true, "close to": true, "up to": true, "an estimated": true,
		"около": true, "почти": true, "примерно": true,
	}
)

// Chinese cues and measure words.
const (
	zhMinSuffix    = "多余餘"
	zhMeasureWords = "个個家"
	zhPersonWords  = "位名人"
)

var (
	zhMinPrefixes    = []string{"超过", "超過", "逾", "至少", "多达", "多達", "高达", "高達"}
	zhApproxPrefixes = []string{"大约", "大約", "约", "約", "近", "将近", "將近", "接近"}
	zhNouns          = []struct{ word, noun string }{
		{"政党", "party"}, {"政治组织", "party"}, {"政治团体", "party"}, {"党派", "party"},
		{"国家", "country"},
	}
)

// FindCounts returns the counts of parties and countries written in s, in
// order: an English, Russian or Chinese number (digits with thousands
// separators, or Chinese numerals such as 二百) followed, after a measure
// word (个, 家) and a few adjectives at most, by a counted noun (parties,
// political organizations, countries, nations; 政党, 政黨, 政治组织, 国家,
// 國家). "more than", "over", "at least", "200+", "200多个", "逾" and
// "超过" make it a minimum; "about", "nearly", "约" and "近" an
// approximation. Counts of people ("200 leaders of parties", "600多位政党
// 领导人") are not counts of parties and are not reported.
func FindCounts(s string) []Count {
	toks := scan(s)
	var out []Count
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tNum && t.kind != tCNum {
			continue
		}
		if t.kind == tNum && t.glued {
			continue
		}
		n, end := t.val, i+1
		// Thousands separators: 1,000 / 1 000 are one number.
		for t.kind == tNum && end+1 < len(toks) && toks[end].kind == tPunct && toks[end].text == "," &&
			!toks[end].space && toks[end+1].kind == tNum && toks[end+1].digits == 3 && !toks[end+1].space && n < 1e6 {
			n = n*1000 + toks[end+1].val
			end += 2
		}
		if n <= 0 {
			continue
		}
		if end < len(toks) && toks[end].kind == tWord && !toks[end].space {
			continue // 19th, 4PWk
		}
		c, last, ok := countAfter(toks, end)
		if !ok {
			continue
		}
		c.N = n
		first := i
		if toks[i].kind == tNum && end < len(toks) && toks[end].kind == tPunct && toks[end].text == "+" && !toks[end].space {
			c.Min = true
		}
		if k, kind := cueBefore(toks, i); kind != 0 {
			first = k
			if kind == 1 {
				c.Min = true
			} else if !c.Min {
				c.Approx = true
			}
		}
		c.Offset = toks[first].start
		c.Len = toks[last-1].end - c.Offset
		out = append(out, c)
		i = last - 1
	}
	return out
}

// countAfter reads what follows a number at toks[j:]: a Chinese 多 and
// measure word and noun, or English adjectives and a noun. It returns the
// count (without N) and the index after the noun.
func countAfter(toks []token, j int) (Count, int, bool) {
	var c Count
	if j >= len(toks) {
		return c, 0, false
	}
	if toks[j].kind == tPunct && toks[j].text == "+" && !toks[j].space {
		j++
	}
	if j < len(toks) && (toks[j].kind == tHan || toks[j].kind == tCNum) {
		return zhCountAfter(toks, j)
	}
	political := false
	for k := j; k < len(toks) && k < j+4; k++ {
		t := toks[k]
		if t.kind != tWord {
			if t.kind == tPunct && t.text == "-" && !t.space {
				continue // left-wing
			}
			return c, 0, false
		}
		if noun, ok := countNouns[t.text]; ok {
			if (t.text == "party" || t.text == "country") && k+1 < len(toks) && toks[k+1].kind == tWord && peopleNouns[toks[k+1].text] {
				return c, 0, false // 200 party leaders
			}
			c.Noun = noun
			return c, k + 1, true
		}
		if politicalNouns[t.text] && political {
			c.Noun = "party"
			return c, k + 1, true
		}
		if t.text == "political" {
			political = true
		}
		if !countAdjectives[t.text] && !properAdjective(t) {
			return c, 0, false
		}
	}
	return c, 0, false
}

// properAdjective reports whether t looks like "African" or "Latin": a
// capitalised word that is not a function word.
func properAdjective(t token) bool {
	return t.upper && len(t.text) > 2 && !functionWords[t.text]
}

func zhCountAfter(toks []token, j int) (Count, int, bool) {
	var c Count
	if j < len(toks) && toks[j].kind == tHan && containsRune(zhMinSuffix, toks[j].r) {
		c.Min = true
		j++
	}
	if j < len(toks) && toks[j].kind == tHan && containsRune(zhPersonWords, toks[j].r) {
		return c, 0, false // 600多位: people
	}
	measure := false
	if j < len(toks) && toks[j].kind == tHan && containsRune(zhMeasureWords, toks[j].r) {
		measure = true
		j++
	}
	// 120国, 20国政党: a bare 国 right after the number.
	if !measure && j < len(toks) && toks[j].kind == tHan && (toks[j].r == '国' || toks[j].r == '國') {
		c.Noun = "country"
		if end, ok := hanWord(toks, j, "国家"); ok {
			return c, end, true
		}
		return c, j + 1, true
	}
	// A two-or-more-character noun within three characters of modifiers.
	for k := j; k < len(toks) && k <= j+3; k++ {
		if toks[k].kind != tHan {
			break
		}
		for _, n := range zhNouns {
			if end, ok := hanWord(toks, k, n.word); ok {
				c.Noun = n.noun
				return c, end, true
			}
		}
	}
	return c, 0, false
}

// hanWord reports whether the Han tokens at toks[k:] spell word (folded).
func hanWord(toks []token, k int, word string) (int, bool) {
	for _, w := range word {
		if k >= len(toks) || toks[k].kind != tHan {
			return 0, false
		}
		f := loadTables().foldRune(toks[k].r)
		if f != string(w) {
			return 0, false
		}
		k++
	}
	return k, true
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

// cueBefore looks for a minimum or approximation cue right before toks[i]:
// it returns the index of the cue's first token and 1 for a minimum, 2 for
// an approximation, 0 for none.
func cueBefore(toks []token, i int) (int, int) {
	// Chinese prefixes: up to two Han characters.
	for _, n := range []int{2, 1, 3} {
		k := i - n
		if k < 0 {
			continue
		}
		word := ""
		okAll := true
		for x := k; x < i; x++ {
			if toks[x].kind != tHan {
				okAll = false
				break
			}
			word += toks[x].text
		}
		if !okAll {
			continue
		}
		for _, p := range zhMinPrefixes {
			if Fold(word) == Fold(p) {
				return k, 1
			}
		}
		for _, p := range zhApproxPrefixes {
			if Fold(word) == Fold(p) {
				return k, 2
			}
		}
	}
	// English and Russian: up to three words.
	for _, n := range []int{3, 2, 1} {
		k := i - n
		if k < 0 {
			continue
		}
		phrase := ""
		okAll := true
		for x := k; x < i; x++ {
			if toks[x].kind != tWord {
				okAll = false
				break
			}
			if phrase != "" {
				phrase += " "
			}
			phrase += toks[x].text
		}
		if !okAll {
			continue
		}
		if minWords[phrase] {
			return k, 1
		}
		if approxWords[phrase] {
			return k, 2
		}
	}
	return 0, 0
}
