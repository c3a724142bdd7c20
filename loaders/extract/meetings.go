package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/text"
)

// meeting is one occurrence of a series the document speaks of.
type meeting struct {
	Series *entity
	Year   string
	// Start and End are the dates stated for the start and the end, in
	// order: "2017-11-30", or "2017-11" and "2017" where the document gives
	// no more; only the most precise are written.
	Start  []string
	End    []string
	Ent    *entity
	Listed bool // from a table of meetings or a per-year section
	First  bool // the document calls it the first of its series
}

// yearRange is what a document states about the years of a series.
type yearRange struct{ Start, End string }

func (yr *yearRange) contains(year string) bool {
	if yr == nil || year == "" {
		return true
	}
	if yr.Start != "" && year < yr.Start[:4] {
		return false
	}
	if yr.End != "" && year > yr.End[:4] {
		return false
	}
	return true
}

// yearRx matches a heading or a cell that names a year.
var yearRx = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)`)

// findSeries decides the series the document is about and reads what it
// states about the years of each series.
func (r *run) findSeries() {
	// The title names the series, or a meeting of it.
	if t := r.title; t != nil {
		best := mention{}
		for _, m := range t.Mentions {
			if m.Ent.Kind == graph.KindSeries && m.Len > best.Len {
				best = m
			}
		}
		if best.Ent != nil {
			r.series = best.Ent
			if !r.headline(t, best.span) {
				r.nameSeries(best.Ent, best.Text, t.Lang)
			}
		} else if name, ok := r.seriesNameFromTitle(t.s); ok {
			r.series = r.reg.introduce(graph.KindSeries, name, t.Lang)
		}
	}
	if r.series == nil {
		for _, u := range r.units {
			if r.inSeeAlso(u) {
				continue
			}
			if ms := u.mentionsOf(graph.KindSeries, true); len(ms) > 0 {
				r.series = ms[0].Ent
				break
			}
		}
	}
	if r.series == nil {
		// "第三届南洋政党论坛", "南洋政党论坛第三届会议", "the 3rd Asian Parties Forum".
		for _, u := range append([]*unit{r.title}, r.units...) {
			if u == nil || r.inSeeAlso(u) {
				continue
			}
			if name, ok := r.ordinalSeries(u.s); ok {
				r.series = r.reg.introduce(graph.KindSeries, name, langOf(name, u.Lang))
				break
			}
		}
		if r.series != nil {
			r.mentionOrdinals()
		}
	}
	if r.series == nil {
		// "The Coastal Parties Forum 2032 was held in …": a forum's or a
		// dialogue's name as the subject of "was held".
		for _, u := range r.units {
			if r.inSeeAlso(u) {
				continue
			}
			if m := enHeldSeriesRx.FindStringSubmatch(u.s); m != nil {
				if ws := strings.Fields(m[1]); len(ws) >= 2 && r.headedBy(ws, r.x.Cues.EventWord) {
					r.series = r.reg.introduce(graph.KindSeries, m[1], langOf(m[1], u.Lang))
					r.mentionSeries(r.series)
					break
				}
			}
		}
	}
	if r.series != nil && r.series.Entry == nil {
		r.mentionSeries(r.series)
	}
	for _, u := range r.units {
		r.seriesYears(u)
	}
}

// zhOrdinalSeriesRx finds a series named with the ordinal of one of its
// meetings: 第三届南洋政党论坛, 南洋政党论坛第三届会议.
var (
	zhOrdinalBeforeRx = regexp.MustCompile(`第[0-9一二三四五六七八九十百零〇]+[届屆]([\p{Han}]{2,20}?(?:论坛|論壇|大会|大會|峰会|峰會|对话会|對話會|研讨会|研討會|会议|會議))`)
	zhOrdinalAfterRx  = regexp.MustCompile(`([\p{Han}]{2,20}?(?:论坛|論壇|峰会|峰會|对话会|對話會|研讨会|研討會))第[0-9一二三四五六七八九十百零〇]+[届屆次]`)
	enOrdinalRx       = regexp.MustCompile(`\b(?:[0-9]+(?:st|nd|rd|th)|[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Ss]ixth|[Ss]eventh|[Ee]ighth|[Nn]inth|[Tt]enth) ((?:(?:[A-Z][\w'’-]*|of|the|and|for|on) ?)+)`)
)

// enOrdinalOfRx matches "[The] Third Assembly of [the] X", "14th Session of X".
var enOrdinalOfRx = regexp.MustCompile(`^(?:[Tt]he )?(?:[0-9]+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth) (?:[A-Z][\w-]* ){0,2}?(?:Meeting|Session|Assembly|General Assembly|Conference|Congress|Summit|Forum|Dialogue) of (?:the )?([A-Z].*)$`)

// ordinalSeries returns the series a text names with an ordinal: the name
// after "第三届" or before "第三届会议", or the capitalised name after "the
// 3rd" whose head is a meeting word.
func (r *run) ordinalSeries(s string) (string, bool) {
	for _, m := range zhBodyOrdinalRx.FindAllStringSubmatch(s, -1) {
		if name := r.bodySeries(m[1], m[2]); name != "" {
			return name, true
		}
	}
	for _, rx := range []*regexp.Regexp{zhOrdinalAfterRx, zhOrdinalBeforeRx} {
		if m := rx.FindStringSubmatch(s); m != nil {
			name := strings.TrimLeft(m[1], "的在于於")
			if utf8.RuneCountInString(name) >= 3 {
				return name, true
			}
		}
	}
	for _, m := range enOrdinalRx.FindAllStringSubmatchIndex(s, -1) {
		name := strings.TrimSpace(s[m[2]:m[1]])
		name = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(name, " of"), " the"))
		ws := strings.Fields(name)
		if len(ws) < 2 {
			continue
		}
		head := ws[len(ws)-1]
		for i, w := range ws {
			if w == "of" && i > 0 {
				head = ws[i-1]
				break
			}
		}
		if hasFold(r.x.Cues.MeetingWord, head) {
			return name, true
		}
	}
	return "", false
}

// enHeldSeriesRx matches a capitalised name, perhaps with a year, that a
// sentence says was held: "The Coastal Parties Forum 2032 was held".
var enHeldSeriesRx = regexp.MustCompile(`\b[Tt]he ((?:[A-Z][\w'’-]*)(?: (?:[A-Z][\w'’-]*|of|the|and|for|on|in|with))*) (?:(?:19|20)[0-9]{2} )?(?:was|were|will be) (?:held|convened|opened)\b`)

// zhBodyOrdinalRx matches a body's numbered assembly: 亚洲政党国际会议第十五届大会.
var zhBodyOrdinalRx = regexp.MustCompile(`([\p{Han}]{2,20}?)第[0-9一二三四五六七八九十百零〇]+[届屆次](大会|大會|全体大会|全體大會|代表大会|代表大會)`)

// bodySeries returns the series of the assemblies of the body named body
// ("亚洲政党国际会议" + "大会"): the series the gazetteer knows as the body's
// assembly or general assembly, else, for a body the gazetteer knows, a
// series named after it; or "".
func (r *run) bodySeries(body, word string) string {
	if r.reg.gz == nil {
		return ""
	}
	w := strings.TrimPrefix(strings.TrimPrefix(word, "全体"), "全體")
	for _, name := range []string{body + word, body + "全体" + w, body + "全體" + w} {
		for _, e := range r.reg.gz.Lookup(name) {
			if kindOf(e.Kind) == graph.KindSeries {
				return name
			}
		}
	}
	for _, e := range r.reg.gz.Lookup(body) {
		if k := kindOf(e.Kind); k == graph.KindOrganization || k == graph.KindParty {
			return body + word
		}
	}
	return ""
}

// mentionOrdinals records where the units name the document's series by a
// numbered meeting of it ("亚洲政党国际会议第十五届大会"), so that the dates
// there are its meeting's.
func (r *run) mentionOrdinals() {
	for _, u := range r.units {
		for _, m := range zhBodyOrdinalRx.FindAllStringSubmatchIndex(u.s, -1) {
			name := r.bodySeries(u.s[m[2]:m[3]], u.s[m[4]:m[5]])
			if name == "" || r.reg.introduce(graph.KindSeries, name, u.Lang) != r.series {
				continue
			}
			// The series' mention takes the place of the body's inside it.
			sp := span{m[0], m[1] - m[0]}
			u.replaceMentions(mention{Ent: r.series, span: sp, Text: sp.text(u.s)})
		}
	}
}

// mentionSeries records where the units name a series the document
// introduced, so that rules about "X is …" and "X replaced …" see it.
func (r *run) mentionSeries(e *entity) {
	for _, n := range e.names {
		k := text.Fold(n.Text)
		if len(k) < 4 {
			continue
		}
		for _, u := range r.units {
			for from := 0; ; {
				i := strings.Index(u.key[from:], k)
				if i < 0 {
					break
				}
				i += from
				from = i + len(k)
				if !wordBoundary(u.key, i, i+len(k)) {
					continue
				}
				sp := u.orig(i, i+len(k))
				u.addMention(mention{Ent: e, span: sp, Text: sp.text(u.s)})
			}
		}
	}
}

// headline reports whether the span of unit u is in the headline of a news
// page or an article (its title, or a heading that repeats it) outside
// quotation marks: a headline describes what happened ("A Meeting of
// High-Level Dialogue Between …", "Parties Meet Online at the Summit"), it
// does not name a series, unless it quotes the name.
func (r *run) headline(u *unit, sp span) bool {
	switch r.doc.Genre {
	case "webpage", "article":
	default:
		return false
	}
	if u != r.title && (u.Kind != loaders.Heading || text.Fold(u.s) != text.Fold(r.doc.Title)) {
		return false
	}
	for _, q := range u.Quotes {
		if q.Inner.contains(sp) {
			return false
		}
	}
	return true
}

// nameSeries records the name a document gives a series as its label.
func (r *run) nameSeries(s *entity, name, lang string) {
	name = cleanQuoted(name)
	for _, the := range []string{"the ", "The "} {
		name = strings.TrimPrefix(name, the)
	}
	if name == "" {
		return
	}
	s.addName(name, langOf(name, lang))
}

// ordinalRx matches ordinals and years that make a title the name of one
// meeting of a series ("10th", "第十届", "2029", "-2029").
var ordinalRx = regexp.MustCompile(`(?i)(^|\s)(the\s+)?[0-9]+(st|nd|rd|th)\s+|第[0-9一二三四五六七八九十百]+[届屆次]|[\s\-–—:]*(19|20)[0-9]{2}\s*$|^\s*(19|20)[0-9]{2}年?\s*`)

// seriesNameFromTitle returns the series a title names when the gazetteer
// does not know it: a title with a meeting word, without the ordinal or year
// of one meeting.
func (r *run) seriesNameFromTitle(title string) (string, bool) {
	f := newFolded(title)
	if !f.has(r.x.Cues.MeetingWord) {
		return "", false
	}
	// "南洋政党论坛第三届会议": the series before the ordinal of its meeting.
	if m := zhOrdinalAfterRx.FindStringSubmatch(title); m != nil && strings.HasPrefix(title, m[1]) {
		return m[1], true
	}
	// "Third Assembly of the Coastal Parties Forum": one meeting, by its
	// ordinal, of the series named after "of" when that is an event's name
	// (a forum, a dialogue), not a body's ("the 14th General Assembly of the
	// International Conference of …": the assemblies are the series).
	if m := enOrdinalOfRx.FindStringSubmatch(title); m != nil {
		if ws := strings.Fields(m[1]); len(ws) >= 2 && r.headedBy(ws, r.x.Cues.EventWord) {
			return m[1], true
		}
	}
	name := strings.TrimSpace(ordinalRx.ReplaceAllString(title, " "))
	name = strings.Trim(name, " -–—:,")
	if name == "" || len(strings.Fields(name)) > 14 {
		return "", false
	}
	// A name, not a sentence about one: Chinese ends in its meeting word,
	// English has no lower-case word but connectors ("Regional Networks
	// after the Assembly" is the title of an article about a meeting).
	if hasHan(name) {
		k := text.Fold(name)
		for _, w := range r.x.Cues.MeetingWord {
			if hasHan(w) && strings.HasSuffix(k, text.Fold(w)) {
				return name, true
			}
		}
		return "", false
	}
	ws := strings.Fields(name)
	for _, w := range ws {
		if !isCapitalized(w) && !hasFold(r.x.Cues.Connectors, w) {
			return "", false
		}
	}
	if !r.headedByMeetingWord(ws) {
		return "", false // a headline: "Southern Parties Dialogue Held Online"
	}
	return name, true
}

// headedByMeetingWord reports whether a name's head is a meeting word: a
// meeting word that ends the name or is followed by a connector ("Asian
// Parties Forum", "General Assembly of X", "X in Dialogue with the World").
func (r *run) headedByMeetingWord(ws []string) bool {
	return r.headedBy(ws, r.x.Cues.MeetingWord)
}

// headedBy reports whether a name's head is one of words.
func (r *run) headedBy(ws, words []string) bool {
	for i, w := range ws {
		if !hasFold(words, strings.Trim(w, ",.:;")) {
			continue
		}
		if i == len(ws)-1 || hasFold(r.x.Cues.Connectors, ws[i+1]) || hasFold([]string{"between"}, ws[i+1]) {
			return true
		}
	}
	return false
}

// inSeeAlso reports whether the unit is in a see-also section.
func (r *run) inSeeAlso(u *unit) bool { return r.inSection(u, r.x.Cues.SeeAlso) }

// inSection reports whether one of the unit's section headings is one of
// the cues.
func (r *run) inSection(u *unit, cues []string) bool {
	for _, s := range u.Section {
		if hasFold(cues, s) {
			return true
		}
	}
	return false
}

// seriesYears reads the years a unit states for a series: ranges ("held from
// 2019 to 2022", "2019-2022"), open ranges ("since 2019") and year facts
// ("Date: Since 2019").
func (r *run) seriesYears(u *unit) {
	for _, d := range u.dates() {
		if !d.Year {
			continue
		}
		var s *entity
		if u.Kind == loaders.Fact {
			if hasFold(r.x.Cues.YearFact, u.Key) {
				s = r.series
			}
		} else {
			// The nearest series named before the years, in the same clause.
			for _, m := range u.Mentions {
				if m.Ent.Kind == graph.KindSeries && m.End() <= d.Offset && d.Offset-m.End() < 60 {
					s = m.Ent
				}
			}
			if s == nil && u.Meeting == nil && r.series != nil && d.Open && strings.Contains(u.key, "held") {
				s = r.series
			}
		}
		if s == nil {
			continue
		}
		if !d.Open && d.End == d.Start {
			// One year: a meeting's, not a range of the series; but "was
			// succeeded by the X in 2023" is the year X began.
			if u.Kind != loaders.Fact && r.successorNamed(u, s) {
				r.out.add(s.IRI, graph.StartDate, date(d.Start))
			}
			continue
		}
		yr := r.rangeOf(s)
		if yr.Start == "" {
			yr.Start = d.Start
		}
		r.out.add(s.IRI, graph.StartDate, date(d.Start))
		if !d.Open && d.End != "" {
			if yr.End == "" {
				yr.End = d.End
			}
			r.out.add(s.IRI, graph.EndDate, date(d.End))
		}
	}
}

// successorNamed reports whether the unit names series s right after "was
// succeeded by" or "was replaced by" (the series that took over).
func (r *run) successorNamed(u *unit, s *entity) bool {
	for _, c := range u.find(r.x.Cues.Replaced) {
		if m := u.mentionAfter(c.End(), 6, graph.KindSeries); m != nil && m.Ent == s {
			return true
		}
	}
	return false
}

func (r *run) rangeOf(s *entity) *yearRange {
	yr := r.ranges[s]
	if yr == nil {
		yr = &yearRange{}
		r.ranges[s] = yr
	}
	return yr
}

// seriesFor returns the series a meeting of the year belongs to: the one the
// unit names, else the document's, unless the years the document states for
// it exclude the year and another series' years include it.
func (r *run) seriesFor(year string, u *unit) *entity {
	var named []*entity
	if u != nil {
		for _, m := range u.Mentions {
			if m.Ent.Kind == graph.KindSeries && !r.inSeeAlso(u) {
				named = append(named, m.Ent)
			}
		}
	}
	if len(named) == 1 && r.ranges[named[0]].contains(year) {
		return named[0]
	}
	if r.series != nil && r.ranges[r.series].contains(year) {
		return r.series
	}
	for _, s := range r.reg.order {
		if s.Kind == graph.KindSeries && r.ranges[s] != nil && r.ranges[s].contains(year) {
			return s
		}
	}
	return r.series
}

// meetingOf returns the meeting of series s in a year, creating it.
func (r *run) meetingOf(s *entity, year string) *meeting {
	if s == nil || year == "" {
		return nil
	}
	for _, m := range r.meetings {
		if m.Series == s && m.Year == year {
			return m
		}
	}
	m := &meeting{Series: s, Year: year}
	m.Ent = r.reg.node(graph.KindMeeting, s.slug()+"-"+year)
	r.meetings = append(r.meetings, m)
	return m
}

func (m *meeting) addDates(d text.DateSpan) {
	if d.Year || d.Open && d.Month {
		return
	}
	if !containsStr(m.Start, d.Start) {
		m.Start = append(m.Start, d.Start)
	}
	if d.End != "" && d.End != d.Start && !containsStr(m.End, d.End) {
		m.End = append(m.End, d.End)
	}
}

// addYear records a year the document gives as the meeting's date (a date
// cell "2004", "held in 2006").
func (m *meeting) addYear(y string) {
	if !containsStr(m.Start, y) {
		m.Start = append(m.Start, y)
	}
}

// precise returns the most precise of dates: the full dates if any, else
// the months, else the years.
func precise(dates []string) []string {
	best := 0
	for _, d := range dates {
		best = max(best, len(d))
	}
	var out []string
	for _, d := range dates {
		if len(d) == best {
			out = append(out, d)
		}
	}
	return out
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// findMeetings finds the meetings of the document: rows of a table of
// meetings, per-year sections, sentences that say a meeting was held on a
// date, and a title that names one meeting by its year.
func (r *run) findMeetings() {
	for _, u := range r.units {
		if u.Row != nil {
			r.tableRow(u)
		}
	}
	for _, u := range r.units {
		if u.Row != nil {
			continue
		}
		if y := r.sectionYear(u); y != "" {
			m := r.meetingOf(r.seriesFor(y, nil), y)
			if m == nil {
				continue
			}
			m.Listed = true
			u.Meeting = m
		}
	}
	for _, u := range r.units {
		if u.Row != nil || r.inSeeAlso(u) || u.Kind == loaders.Heading {
			continue
		}
		held := u.has(r.x.Cues.Held) || u.Kind == loaders.Fact && hasFold(r.x.Cues.DateCol, u.Key)
		for _, d := range u.dates() {
			if d.Year {
				// "held in Seoul in 2006" in the section of the 2006 meeting.
				if held && !d.Open && d.Start == d.End && u.Meeting != nil && u.Meeting.Year == d.Start {
					u.Meeting.addYear(d.Start)
				}
				continue
			}
			y := d.Start[:4]
			if u.Meeting != nil && u.Meeting.Year == y {
				u.Meeting.addDates(d)
				continue
			}
			if !held || r.otherEvent(u) {
				continue
			}
			m := r.meetingOf(r.seriesFor(y, u), y)
			if m == nil {
				continue
			}
			m.addDates(d)
			if u.Meeting == nil {
				u.Meeting = m
			}
		}
	}
	// "the General Assembly of X held in Marenport in October 2031": a
	// sentence that names a series and says it was held in a year, without a
	// full date, names that year's meeting.
	for _, u := range r.units {
		if u.Row != nil || r.inSeeAlso(u) || u.Kind == loaders.Heading || !u.has(r.x.Cues.Held) || !yearsOnly(u.dates()) {
			continue
		}
		var named *entity
		for _, m := range u.Mentions {
			if m.Ent.Kind == graph.KindSeries {
				named = m.Ent
				break
			}
		}
		// "The 5th forum will be held in Port Ilse in 2032", "第五届论坛":
		// a numbered meeting of the document's series.
		if named == nil && r.series != nil && ordinalMeetingRx.MatchString(u.s) && r.refersToSeries(u) {
			named = r.series
		}
		years := map[string]bool{}
		for _, m := range yearRx.FindAllStringSubmatch(u.s, -1) {
			years[m[1]] = true
		}
		if named == nil || len(years) != 1 {
			continue
		}
		for y := range years {
			if m := r.meetingOf(r.seriesFor(y, u), y); m != nil && u.Meeting == nil {
				u.Meeting, u.aside = m, true
			}
		}
	}
	if r.title != nil && r.series != nil {
		if m := yearRx.FindStringSubmatch(r.title.s); m != nil && len(r.meetings) <= 1 {
			y := m[1]
			if mt := r.meetingOf(r.seriesFor(y, nil), y); mt != nil {
				r.titleMeeting = mt
			}
		}
	}
	// A unit that speaks of the first meeting of a series.
	for _, u := range r.units {
		if u.Meeting == nil {
			continue
		}
		for _, sp := range u.find(r.x.Cues.First) {
			rest := u.key[u.keyAt(sp.End()):]
			if len(rest) > 24 {
				rest = rest[:24]
			}
			if newFolded(rest).has(r.x.Cues.MeetingWord) || hasHan(sp.text(u.s)) {
				u.Meeting.First = true
			}
		}
	}
}

// ordinalMeetingRx matches a numbered meeting named by its kind alone: "the
// 5th forum", "the next assembly", "第五届论坛", "下一届对话会".
var ordinalMeetingRx = regexp.MustCompile(`(?i)\bthe (?:[0-9]+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next) ([a-z]+)\b|(?:第[0-9一二三四五六七八九十百零〇]+|下一|下)[届屆次]([\p{Han}]{1,4})`)

// refersToSeries reports whether the meeting word after the ordinal is one
// the document's series is named by ("forum" for the Silk Coast Parties
// Forum, 对话会 for 南洋政党对话会).
func (r *run) refersToSeries(u *unit) bool {
	m := ordinalMeetingRx.FindStringSubmatch(u.s)
	if m == nil {
		return false
	}
	after := text.Fold(m[1] + m[2])
	for _, w := range r.x.Cues.MeetingWord {
		w = text.Fold(w)
		if hasHan(w) != hasHan(after) || !strings.HasPrefix(after, w) || !hasHan(w) && after != w {
			continue
		}
		for _, l := range []string{"en", "zh-Hans", "zh-Hant"} {
			if n := r.series.label(l); n != "" && strings.Contains(text.Fold(n), w) {
				return true
			}
		}
	}
	return false
}

// otherYear reports whether a unit states a date of another year than
// year: "The 5th forum will be held in Port Ilse in 2032" is not about the
// forum of 2030.
func (r *run) otherYear(u *unit, year string) bool {
	for _, d := range u.dates() {
		if d.Start[:4] != year && (d.End == "" || d.End[:4] != year) {
			return true
		}
	}
	return false
}

// yearsOnly reports whether every date of ds is a year ("in 2017") or a
// range of years: a sentence with a full date or a month names its meeting
// by that date.
func yearsOnly(ds []text.DateSpan) bool {
	for _, d := range ds {
		if !d.Year {
			return false
		}
	}
	return true
}

// otherEventRx match the names of events that are no meeting of a series
// the document names: "the 19th National Congress", "第十九次全国代表大会",
// "中共十九大", "十九届三中全会".
var (
	enEventRx = regexp.MustCompile(`(?:[0-9]+(?:st|nd|rd|th) )?(?:[A-Z][\w'’-]* ){1,6}(?:Congress|Conference|Plenum|Plenary Session|Session|Summit|Forum|Meeting|Assembly|Dialogue)\b`)
	zhEventRx = regexp.MustCompile(`第[0-9一二三四五六七八九十百零〇]+[次届屆][\p{Han}]{0,12}?(?:大会|大會|全会|全會|会议|會議)|[共的党黨][一二三四五六七八九十]{2,3}大|[一二三四五六七八九十]+[届屆][一二三四五六七]中全[会會]`)
)

// otherEvent reports whether a unit that names no series names another
// event: a date there is that event's, not a meeting's of the document's
// series.
func (r *run) otherEvent(u *unit) bool {
	for _, m := range u.Mentions {
		if m.Ent.Kind == graph.KindSeries {
			return false
		}
	}
	return enEventRx.MatchString(u.s) || zhEventRx.MatchString(u.s)
}

// sectionYear returns the year the innermost section heading of the unit
// names when that heading is a year ("2029", "2029年", "The 2029 meeting").
func (r *run) sectionYear(u *unit) string {
	for i := len(u.Section) - 1; i >= 0; i-- {
		h := strings.TrimSpace(u.Section[i])
		if m := yearRx.FindStringSubmatch(h); m != nil && len(h) <= 40 {
			return m[1]
		}
	}
	return ""
}

// column returns the index of the header cell matching one of cues, or -1.
func column(header []string, cues []string) int {
	for i, h := range header {
		k := text.Fold(strings.Trim(h, " *"))
		for _, c := range cues {
			if k == text.Fold(c) {
				return i
			}
		}
	}
	for i, h := range header {
		if newFolded(h).has(cues) {
			return i
		}
	}
	return -1
}

// tableRow reads one row of a table of meetings: the date column makes a
// meeting; the venue and theme columns say where and about what.
func (r *run) tableRow(u *unit) {
	dc := column(u.Header, r.x.Cues.DateCol)
	if dc < 0 || dc >= len(u.Row) {
		return
	}
	cell := strings.TrimSpace(u.Row[dc])
	ds := text.DateFinder{Months: true}.Find(cell)
	if len(ds) == 0 {
		// A date column gives a bare year: the year is the meeting's date.
		if y := strings.TrimSuffix(cell, "年"); len(y) == 4 && yearRx.MatchString(y) {
			ds = []text.DateSpan{{Start: y, End: y, Year: true}}
		}
	}
	if len(ds) == 0 {
		return
	}
	d := ds[0]
	y := d.Start[:4]
	m := r.meetingOf(r.seriesFor(y, nil), y)
	if m == nil {
		return
	}
	m.Listed = true
	if d.Year && d.Start == d.End {
		m.addYear(y)
	}
	m.addDates(d)
	u.Meeting = m
	off := 0 // offset of the cell in u.s
	for i, cell := range u.Row {
		if i > 0 {
			off += len(" | ")
		}
		cellSpan := span{off, len(cell)}
		off += len(cell)
		switch i {
		case column(u.Header, r.x.Cues.Venue):
			cf := newFolded(cell)
			if cf.has(r.x.Cues.Online) {
				r.out.add(m.Ent.IRI, graph.AttendMode, graph.OnlineEvent)
				continue
			}
			r.venue(u, m, cellSpan)
		case column(u.Header, r.x.Cues.ThemeCol):
			r.theme(m, cleanQuoted(cell), u.Lang)
		}
	}
}

// assignMeetings gives every unit without a meeting the one it speaks of: a
// meeting whose date it states, else the document's only meeting.
func (r *run) assignMeetings() {
	for _, u := range r.units {
		if u.Meeting != nil || r.inSeeAlso(u) {
			continue
		}
		for _, d := range u.dates() {
			for _, m := range r.meetings {
				if m.Year == d.Start[:4] && !d.Year {
					u.Meeting = m
				}
			}
		}
		if u.Meeting == nil && len(r.meetings) == 1 && r.sectionYear(u) == "" && !r.otherYear(u, r.meetings[0].Year) {
			u.Meeting = r.meetings[0]
		}
	}
	// A sentence that names no date goes on about the meeting of the
	// sentence before it in the same paragraph; a sentence that only
	// mentions a meeting in passing ("It followed the X held in 2017") is
	// an aside the next one does not go on about.
	for i := 1; i < len(r.units); i++ {
		u := r.units[i]
		if u.Meeting != nil || u.Kind != loaders.Paragraph || len(u.dates()) > 0 || r.inSeeAlso(u) {
			continue
		}
		for j := i - 1; j >= 0 && r.units[j].Block == u.Block; j-- {
			if prev := r.units[j]; prev.Meeting != nil && !prev.aside {
				u.Meeting = prev.Meeting
				break
			}
		}
	}
}

// sequence links the listed meetings of each series in date order: each
// follows the one before it.
func (r *run) sequence() {
	bySeries := map[*entity][]*meeting{}
	var order []*entity
	for _, m := range r.meetings {
		if !m.Listed {
			continue
		}
		if bySeries[m.Series] == nil {
			order = append(order, m.Series)
		}
		bySeries[m.Series] = append(bySeries[m.Series], m)
	}
	for _, s := range order {
		ms := bySeries[s]
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].sortKey() < ms[j].sortKey() })
		for i := 1; i < len(ms); i++ {
			r.out.add(ms[i].Ent.IRI, graph.Follows, ms[i-1].Ent.IRI)
			r.out.add(ms[i-1].Ent.IRI, graph.FollowedBy, ms[i].Ent.IRI)
		}
	}
}

func (m *meeting) sortKey() string {
	if len(m.Start) > 0 {
		return m.Start[0]
	}
	return m.Year
}
