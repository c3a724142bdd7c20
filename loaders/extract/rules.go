package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/text"
)

// mentionAfter returns the first mention of one of kinds that starts within
// gap bytes after offset off (skipping an article), or nil.
func (u *unit) mentionAfter(off, gap int, kinds ...string) *mention {
	for i := range u.Mentions {
		m := &u.Mentions[i]
		if m.Off < off || m.Off-off > gap {
			continue
		}
		for _, k := range kinds {
			if m.Ent.Kind == k {
				return m
			}
		}
	}
	return nil
}

// mentionBefore returns the last mention of one of kinds that ends within
// gap bytes before offset off, or nil.
func (u *unit) mentionBefore(off, gap int, kinds ...string) *mention {
	var out *mention
	for i := range u.Mentions {
		m := &u.Mentions[i]
		if m.End() > off || off-m.End() > gap {
			continue
		}
		for _, k := range kinds {
			if m.Ent.Kind == k {
				out = m
			}
		}
	}
	return out
}

// organizer: "hosted by X", "organised by X", "由X主办", "X主办". The
// organiser is a party or an organisation; it organises the series when the
// clause of the cue defines the series ("X is an international meeting
// hosted by Y", "X是由Y主办的…"), else the meeting the unit speaks of.
func (r *run) organizer(u *unit) {
	type hosted struct {
		org *entity
		cue span
	}
	var found []hosted
	for _, c := range u.find(r.x.Cues.Hosted) {
		// "co-hosted by X and Y", "hosted by X, Y and Z".
		for m := u.mentionAfter(c.End(), 6, graph.KindOrganization, graph.KindParty); m != nil; {
			found = append(found, hosted{m.Ent, c})
			next := u.mentionAfter(m.End(), 10, graph.KindOrganization, graph.KindParty)
			if next == nil {
				next = r.hostNamed(u, m.End())
			}
			if next == nil || strings.Trim(u.s[m.End():next.Off], " ,") != "and" && strings.Trim(u.s[m.End():next.Off], " ,") != "and the" && strings.Trim(u.s[m.End():next.Off], " ,") != "" && strings.Trim(u.s[m.End():next.Off], " ,") != "the" {
				break
			}
			m = next
		}
	}
	for _, c := range u.find(r.x.Cues.HostedAfter) {
		if m := u.mentionBefore(c.Off, 3, graph.KindOrganization, graph.KindParty); m != nil {
			found = append(found, hosted{m.Ent, c})
		} else if e := r.zhHost(u, c); e != nil {
			found = append(found, hosted{e, c})
		}
	}
	for _, h := range found {
		target := r.definition(u, h.cue)
		if target == nil && u.Meeting != nil {
			target = u.Meeting.Ent
		}
		if target == nil && u.Kind != loaders.Heading {
			target = r.series
		}
		if target != nil {
			r.out.add(target.IRI, graph.Organizer, h.org.IRI)
		}
	}
}

// hostNamed introduces the party a host list names after "and the" when the
// gazetteer does not know it: a capitalised name whose head is a party word
// ("… and the Reef Labour Front").
func (r *run) hostNamed(u *unit, off int) *mention {
	rest := u.s[off:]
	for _, p := range []string{" and the ", ", the ", " and "} {
		if strings.HasPrefix(rest, p) {
			start := off + len(p)
			name := capitalRun(u.s[start:], 6)
			ws := strings.Fields(name)
			if len(ws) < 2 || !hasFold(r.x.Cues.PartyWord, ws[len(ws)-1]) || u.mentionAt(start) != nil {
				return nil
			}
			// "the Workers' Union of Brazil": the country ends the name.
			var country *entity
			if c := u.mentionAfter(start+len(name), 5, graph.KindCountry); c != nil && strings.HasPrefix(strings.TrimLeft(u.s[start+len(name):c.Off], " "), "of") {
				country, name = c.Ent, u.s[start:c.End()]
			}
			e := r.reg.introduce(graph.KindParty, name, u.Lang)
			if e == nil {
				return nil
			}
			if country != nil && e.Entry == nil {
				e.country = country
			}
			u.replaceMentions(mention{Ent: e, span: span{start, len(name)}, Text: name})
			return u.mentionAt(start)
		}
	}
	return nil
}

// clauseOf returns the clause of the unit around sp: the text between the
// commas, semicolons and full stops around it.
func clauseOf(u *unit, sp span) span {
	const marks = ",;，；。"
	start := strings.LastIndexAny(u.s[:sp.Off], marks)
	if start < 0 {
		start = 0
	} else {
		_, n := utf8.DecodeRuneInString(u.s[start:])
		start += n
	}
	end := strings.IndexAny(u.s[sp.End():], marks)
	if end < 0 {
		end = len(u.s)
	} else {
		end += sp.End()
	}
	return span{start, end - start}
}

// definition returns the series a clause defines ("X is an international
// meeting hosted by Y", "X是由Y主办的…"): the clause around cue says "is a"
// or "是" after naming the series, and states no date.
func (r *run) definition(u *unit, cue span) *entity {
	cl := clauseOf(u, cue)
	for _, d := range u.dates() {
		if cl.overlaps(span{d.Offset, d.Len}) {
			return nil
		}
	}
	for _, d := range u.find(r.x.Cues.Definition) {
		if !cl.contains(d) || d.Off > cue.Off {
			continue
		}
		if m := u.mentionBefore(d.Off, 200, graph.KindSeries); m != nil {
			return m.Ent
		}
	}
	return nil
}

// zhHost reads "由X主办" where the gazetteer does not know X: a party when
// X ends in a party word, an organisation when it ends in an organisation
// word.
func (r *run) zhHost(u *unit, cue span) *entity {
	i := strings.LastIndex(u.s[:cue.Off], "由")
	if i < 0 {
		return nil
	}
	x := span{i + len("由"), cue.Off - i - len("由")}
	name := x.text(u.s)
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 16 || strings.ContainsAny(name, "，,。、；;") || u.mentionAt(x.Off) != nil {
		return nil
	}
	kind := ""
	if r.zhPartyName(name) {
		kind = graph.KindParty
	} else {
		k := text.Fold(name)
		for _, w := range r.x.Cues.OrgWord {
			if hasHan(w) && strings.HasSuffix(k, w) {
				kind = graph.KindOrganization
			}
		}
	}
	if kind == "" {
		return nil
	}
	e := r.reg.introduce(kind, name, u.Lang)
	if e != nil {
		u.addMention(mention{Ent: e, span: x, Text: name})
	}
	return e
}

// location: a city named right after "in"/"at" or after "在"/"于" in the
// same clause, in a unit that says the meeting was held; "Velmo time" and
// "Velmo Initiative" are not venues.
func (r *run) location(u *unit, m *meeting) {
	if !u.has(r.x.Cues.Held) {
		return
	}
	for _, c := range u.mentionsOf(graph.KindCity, false) {
		if r.venueCity(u, c.span) {
			r.located(m, c.Ent)
		}
	}
	// "在X举行" where the gazetteer does not know X.
	for _, mt := range zhVenueRx.FindAllStringSubmatchIndex(u.s, -1) {
		x := span{mt[2], mt[3] - mt[2]}
		name := x.text(u.s)
		if strings.ContainsAny(name, "线線网網视視") || u.inQuote(x) {
			continue
		}
		overlap := false
		for _, m := range u.Mentions {
			if m.overlaps(x) {
				overlap = true
			}
		}
		if overlap {
			continue
		}
		if e := r.reg.introduce(graph.KindCity, name, u.Lang); e != nil {
			u.addMention(mention{Ent: e, span: x, Text: name})
			r.located(m, e)
		}
	}
	// "held in X" where the gazetteer does not know X.
	for _, h := range u.find(r.x.Cues.HeldIn) {
		rest := u.s[h.End():]
		t := strings.TrimLeft(rest, " ")
		off := h.End() + len(rest) - len(t)
		if u.mentionAt(off) != nil || !isCapitalized(t) {
			continue
		}
		name := capitalRun(t, 3)
		if name == "" || !looksLikeName(name) || hasFold(r.x.Cues.NotPlace, firstWord(t[len(name):])) {
			continue
		}
		if e := r.reg.introduce(graph.KindCity, name, u.Lang); e != nil {
			u.addMention(mention{Ent: e, span: span{off, len(name)}, Text: name})
			r.located(m, e)
		}
	}
}

// capitalRun returns the run of up to max capitalised words at the start of
// s, without trailing punctuation.
func capitalRun(s string, max int) string {
	end := 0
	for i, w := range strings.Fields(s) {
		if i >= max || !isCapitalized(w) {
			break
		}
		j := strings.Index(s[end:], w) + end
		end = j + len(w)
		if strings.ContainsAny(w, ",.;:") {
			end = j + len(strings.TrimRight(w, ",.;:"))
			break
		}
	}
	return s[:end]
}

// zhVenueRx matches "在X举行": a place of two to eight characters before a
// verb of holding.
var zhVenueRx = regexp.MustCompile(`在([\p{Han}·]{2,8}?)(?:举行|舉行|召开|召開|举办|舉辦)`)

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[0], ".,;:")
}

// venueCity reports whether the city at sp is where something was held.
func (r *run) venueCity(u *unit, sp span) bool {
	after := u.s[sp.End():]
	if hasFold(r.x.Cues.NotPlace, firstWord(after)) {
		return false
	}
	for _, np := range r.x.Cues.NotPlace {
		if hasHan(np) && strings.HasPrefix(text.Fold(after), text.Fold(np)) {
			return false
		}
	}
	before := u.s[:sp.Off]
	if hasHan(u.s[sp.Off:sp.End()]) {
		for i := len(before); i > 0; {
			c, n := utf8.DecodeLastRuneInString(before[:i])
			if strings.ContainsRune("，,。；;：:", c) || len(before)-i > 40 {
				return false
			}
			if c == '在' || c == '于' || c == '於' {
				return true
			}
			i -= n
		}
		return false
	}
	// The next word must not continue a name ("Velmo Initiative").
	if w := firstWord(after); w != "" && isCapitalized(w) && !strings.HasPrefix(after, ",") {
		return false
	}
	t := strings.ToLower(strings.TrimRight(before, " "))
	t = strings.TrimSuffix(t, " the")
	return strings.HasSuffix(t, " in") || strings.HasSuffix(t, " at") || t == "in" || t == "at"
}

// venue reads a span that names where a meeting was held (a venue column or
// fact): the city it names, or a city the gazetteer does not know, written
// first ("Porto Salva, Varnland").
func (r *run) venue(u *unit, m *meeting, sp span) {
	cell := sp.text(u.s)
	if newFolded(cell).has(r.x.Cues.Online) {
		r.onlineMeetings[m] = true
		return
	}
	for _, mt := range u.Mentions {
		if sp.contains(mt.span) && mt.Ent.Kind == graph.KindCity && !newFolded(mt.Text).has(r.x.Cues.Building) {
			r.located(m, mt.Ent)
			return
		}
	}
	// The first part that names no building: "Harbour Convention Centre,
	// Marenport" is held in Marenport.
	var first string
	for _, part := range strings.Split(cell, ",") {
		part = strings.Trim(strings.TrimSpace(part), "[]")
		if part != "" && !newFolded(part).has(r.x.Cues.Building) {
			first = part
			break
		}
	}
	off := sp.Off + strings.Index(cell, first)
	if first == "" || u.mentionAt(off) != nil || !(looksLikeName(first) || hasHan(first) && utf8.RuneCountInString(first) <= 8) {
		return
	}
	if e := r.reg.introduce(graph.KindCity, first, u.Lang); e != nil {
		u.addMention(mention{Ent: e, span: span{off, len(first)}, Text: first})
		r.located(m, e)
	}
}

// facts reads fact lists and infoboxes: a venue, a theme, an organiser.
func (r *run) facts(u *unit) {
	if u.Kind != loaders.Fact {
		return
	}
	value := span{0, len(u.s)}
	switch {
	case hasFold(r.x.Cues.Venue, u.Key) && u.Meeting != nil:
		r.venue(u, u.Meeting, value)
	case hasFold(r.x.Cues.ThemeCol, u.Key) && u.Meeting != nil:
		// An infobox's "theme = …".
		if th := cleanQuoted(u.s); th != "" {
			r.theme(u.Meeting, th, u.Lang)
		}
	case hasFold(r.x.Cues.Organizer, u.Key):
		var target *entity
		if u.Meeting != nil {
			target = u.Meeting.Ent
		} else {
			target = r.series
		}
		if target == nil {
			return
		}
		org := r.bodyIn(u, value)
		if org != nil {
			r.out.add(target.IRI, graph.Organizer, org.IRI)
		}
	}
}

// bodyIn returns the organisation or party a span names: one the gazetteer
// knows, else a capitalised name with an organisation word ("Foreign
// Liaison Bureau of the Varnland Workers' Party").
func (r *run) bodyIn(u *unit, sp span) *entity {
	name := strings.TrimSpace(sp.text(u.s))
	for _, m := range u.Mentions {
		if sp.contains(m.span) && (m.Ent.Kind == graph.KindOrganization || m.Ent.Kind == graph.KindParty) && m.Len >= len(name)-4 {
			return m.Ent
		}
	}
	f := newFolded(name)
	if isCapitalized(name) && f.has(r.x.Cues.OrgWord) {
		o := r.reg.introduce(graph.KindOrganization, name, u.Lang)
		return o
	}
	for _, m := range u.Mentions {
		if sp.contains(m.span) && (m.Ent.Kind == graph.KindOrganization || m.Ent.Kind == graph.KindParty) {
			return m.Ent
		}
	}
	return nil
}

func (r *run) located(m *meeting, city *entity) {
	if !containsEnt(r.cities[m], city) {
		r.cities[m] = append(r.cities[m], city)
	}
}

func containsEnt(list []*entity, e *entity) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

// online: "via video link", "videoconference", "online", "视频"; and
// "in person", "线下" for a meeting that was also held offline.
func (r *run) online(u *unit, m *meeting) {
	for _, c := range u.find(r.x.Cues.Online) {
		if !u.inQuote(c) {
			r.onlineMeetings[m] = true
			break
		}
	}
	for _, c := range u.find(r.x.Cues.Offline) {
		if !u.inQuote(c) {
			r.offlineMeetings[m] = true
			break
		}
	}
}

// modes writes each meeting's attendance mode and venue: online when a unit
// says so, offline when a venue city is stated, both for a meeting said to
// be held online and in person. An online meeting has no venue city: a city
// its text names ("attended the summit in Beijing", "via video link in
// Beijing") is where someone was, not where the meeting was held.
func (r *run) modes() {
	for _, m := range r.meetings {
		online := r.onlineMeetings[m]
		offline := r.offlineMeetings[m] || !online && len(r.cities[m]) > 0
		if online {
			r.out.add(m.Ent.IRI, graph.AttendMode, graph.OnlineEvent)
		}
		if offline {
			r.out.add(m.Ent.IRI, graph.AttendMode, graph.OfflineEvent)
			for _, c := range r.cities[m] {
				r.out.add(m.Ent.IRI, graph.Location, r.resolved(c).IRI)
			}
		}
	}
}

// themeRule: the quotation after "theme" ("The theme was "…"", "主题为「…」")
// or before "为主题" ("以“…”为主题").
func (r *run) themeRule(u *unit, m *meeting) {
	after := u.find(r.x.Cues.ThemeAfter)
	for _, c := range u.find(r.x.Cues.Theme) {
		if u.inQuote(c) || overlapsAny(after, c) {
			continue
		}
		for _, q := range u.Quotes {
			if q.Outer.Off >= c.End() && q.Outer.Off-c.End() <= 48 && r.longQuote(u, q) {
				r.theme(m, cleanQuoted(q.Inner.text(u.s)), u.Lang)
				break
			}
		}
	}
	for _, c := range u.find(r.x.Cues.ThemeAfter) {
		for _, q := range u.Quotes {
			if q.Outer.End() <= c.Off && c.Off-q.Outer.End() <= 3 && r.longQuote(u, q) {
				r.theme(m, cleanQuoted(q.Inner.text(u.s)), u.Lang)
			}
		}
	}
}

func overlapsAny(list []span, s span) bool {
	for _, x := range list {
		if x.overlaps(s) {
			return true
		}
	}
	return false
}

// longQuote reports whether a quotation is long enough to be a theme or a
// topic rather than a quoted word ("the current “Dialogue”").
func (r *run) longQuote(u *unit, q quote) bool {
	s := q.Inner.text(u.s)
	if hasHan(s) {
		return utf8.RuneCountInString(s) >= 4
	}
	return len(strings.Fields(s)) >= 3
}

// theme records the theme of a meeting: one node per meeting, whose labels
// are the theme in each language the documents give it.
func (r *run) theme(m *meeting, s, lang string) {
	if s == "" {
		return
	}
	t := r.themes[m]
	if t == nil {
		t = r.reg.node(graph.KindTheme, m.Ent.slug())
		r.themes[m] = t
		r.out.add(m.Ent.IRI, graph.ThemeProp, t.IRI)
	}
	t.addName(s, langOf(s, lang))
}

// topics: the quotations after "topics" ("on the following topics - "…,"
// "…"") or right before "议题" ("就“…”“…”等议题").
func (r *run) topics(u *unit, m *meeting) {
	var qs []quote
	for _, c := range u.find(r.x.Cues.Topics) {
		if u.inQuote(c) {
			continue
		}
		for _, q := range u.Quotes {
			if q.Outer.Off >= c.End() && r.longQuote(u, q) && !r.isThemeQuote(u, q) {
				qs = append(qs, q)
			}
		}
		break
	}
	for _, c := range u.find(r.x.Cues.TopicsAfter) {
		// The run of quotations that ends right before the cue.
		end := c.Off
		var run []quote
		for i := len(u.Quotes) - 1; i >= 0; i-- {
			q := u.Quotes[i]
			if q.Outer.End() > end {
				continue
			}
			gap := strings.Trim(u.s[q.Outer.End():end], " 、,，和及与")
			if gap != "" {
				break
			}
			run = append([]quote{q}, run...)
			end = q.Outer.Off
		}
		qs = append(qs, run...)
	}
	for _, q := range qs {
		s := cleanQuoted(q.Inner.text(u.s))
		if s == "" {
			continue
		}
		r.topicList[m] = append(r.topicList[m], name{s, langOf(s, u.Lang)})
	}
	// An item of a list of topics.
	if u.Kind == loaders.ListItem && r.inSection(u, r.x.Cues.TopicList) {
		if s := cleanQuoted(u.s); s != "" {
			r.topicList[m] = append(r.topicList[m], name{s, langOf(s, u.Lang)})
		}
	}
}

// isThemeQuote reports whether a quotation is the theme a cue introduces.
func (r *run) isThemeQuote(u *unit, q quote) bool {
	after := u.find(r.x.Cues.ThemeAfter)
	for _, c := range u.find(r.x.Cues.Theme) {
		if !overlapsAny(after, c) && q.Outer.Off >= c.End() && q.Outer.Off-c.End() <= 48 && r.longQuote(u, q) {
			return true
		}
	}
	return false
}

// keynote: "delivered a keynote speech (entitled "…")", "发表题为《…》的主旨
// 讲话". The author is a person the unit names before the cue.
func (r *run) keynote(u *unit, m *meeting) {
	cues := u.find(r.x.Cues.Keynote)
	if len(cues) == 0 {
		return
	}
	c := cues[0]
	var author *entity
	for _, p := range r.personsOf(u) {
		if p.at.Off < c.Off {
			author = p.ent
		}
	}
	var title string
	for _, e := range u.find(r.x.Cues.Entitled) {
		for _, q := range u.Quotes {
			if q.Outer.Off >= e.End() && q.Outer.Off-e.End() <= 6 {
				title = cleanQuoted(q.Inner.text(u.s))
				break
			}
		}
	}
	if author == nil && title == "" {
		return
	}
	sp := r.addKeynote(m, author)
	if title != "" {
		sp.addName(title, langOf(title, u.Lang))
	}
}

// addKeynote writes the keynote speech of a meeting, by author when known
// (one node per meeting and author, whichever document or sentence names it).
func (r *run) addKeynote(m *meeting, author *entity) *entity {
	key := m.Ent.slug() + "-keynote"
	if author != nil {
		key += "-" + author.slug()
	}
	sp := r.reg.node(graph.KindSpeech, key)
	r.out.add(m.Ent.IRI, graph.Keynote, sp.IRI)
	if author != nil {
		r.out.add(sp.IRI, graph.Author, author.IRI)
		r.out.add(m.Ent.IRI, graph.Speaker, author.IRI)
	}
	return sp
}

type personAt struct {
	ent *entity
	at  span
}

// personsOf returns the persons a unit names outside quotations, in order.
func (r *run) personsOf(u *unit) []personAt {
	var out []personAt
	for _, m := range u.Mentions {
		if m.Ent.Kind == graph.KindPerson && !u.inQuote(m.span) {
			out = append(out, personAt{m.Ent, m.span})
		}
	}
	return out
}

// speakers: the persons of a unit that says they spoke or took part, and
// the parties their titles name.
func (r *run) speakers(u *unit, m *meeting) {
	limit := len(u.s)
	// What follows "said that" is what the persons said, not what they did.
	if rc := u.find(r.x.Cues.Reported); len(rc) > 0 {
		limit = rc[0].Off
	}
	spoke, attended := false, false
	for _, c := range u.find(r.x.Cues.Spoke) {
		if c.Off >= limit || u.inQuote(c) {
			continue
		}
		spoke = true
	}
	for _, c := range u.find(r.x.Cues.Attended) {
		if c.Off < limit && !u.inQuote(c) {
			attended = true
		}
	}
	// A list of participants: every titled person in it took part.
	if u.Kind == loaders.ListItem && r.inSection(u, r.x.Cues.Attendees) {
		attended = true
	}
	if !spoke && !attended {
		return
	}
	// Parties named in a sentence that says they took part.
	if attended {
		hosts := map[*entity]bool{}
		for _, c := range u.find(r.x.Cues.Hosted) {
			if m := u.mentionAfter(c.End(), 6, graph.KindParty); m != nil {
				hosts[m.Ent] = true
			}
		}
		for _, c := range u.find(r.x.Cues.HostedAfter) {
			if m := u.mentionBefore(c.Off, 3, graph.KindParty); m != nil {
				hosts[m.Ent] = true
			}
		}
		for _, pm := range u.mentionsOf(graph.KindParty, false) {
			if pm.Off < limit && !hosts[pm.Ent] {
				r.out.add(m.Ent.IRI, graph.Attendee, pm.Ent.IRI)
			}
		}
	}
	for _, p := range r.personsOf(u) {
		if p.at.Off >= limit {
			continue
		}
		if spoke {
			r.out.add(m.Ent.IRI, graph.Speaker, p.ent.IRI)
		}
		r.out.add(m.Ent.IRI, graph.Attendee, p.ent.IRI)
		for _, tp := range u.persons {
			if tp.Ent != p.ent {
				continue
			}
			for _, h := range tp.Holdings {
				if h.Target != nil && h.Target.Kind == graph.KindParty {
					r.out.add(m.Ent.IRI, graph.Attendee, h.Target.IRI)
				}
			}
		}
	}
}

// outcomes: an initiative, declaration or consensus the meeting adopted
// ("concluded with the Velmo Initiative", "发表了《清水倡议》").
func (r *run) outcomes(u *unit, m *meeting) {
	if !u.has(r.x.Cues.Outcome) {
		return
	}
	seen := map[string]bool{}
	add := func(s string) {
		s = cleanQuoted(s)
		if s != "" && !seen[s] {
			seen[s] = true
			r.outcomeList[m] = append(r.outcomeList[m], name{s, langOf(s, u.Lang)})
		}
	}
	for _, q := range u.Quotes {
		inner := q.Inner.text(u.s)
		if newFolded(inner).has(r.x.Cues.OutcomeWord) && (q.Book || !hasHan(inner)) {
			add(inner)
		}
	}
	for _, w := range u.find(r.x.Cues.OutcomeWord) {
		if u.inQuote(w) || hasHan(w.text(u.s)) || !isCapitalized(w.text(u.s)) {
			continue
		}
		// Extend left over the capitalised words of the name.
		start := w.Off
		words := strings.Fields(u.s[:w.Off])
		for i := len(words) - 1; i >= 0; i-- {
			if !isCapitalized(words[i]) || strings.ContainsAny(words[i], ",.;:") {
				break
			}
			start = strings.LastIndex(u.s[:start], words[i])
		}
		if start < w.Off {
			add(u.s[start:w.End()])
		}
	}
}

// counts: "more than 200 political parties from over 120 countries", "120多
// 个国家的200多个政党", "500 political parties from 150 countries" in a unit
// about attendance.
func (r *run) counts(u *unit, m *meeting) {
	if !u.has(r.x.Cues.Counted) {
		return
	}
	for _, c := range text.FindCounts(u.s) {
		if c.Approx {
			continue // "about 60 parties": no exact figure, no minimum
		}
		if strings.HasSuffix(u.s[:c.Offset], "第") || strings.HasPrefix(u.s[c.Offset:], "第") {
			continue // an ordinal, "第三届…政党论坛", is no count
		}
		switch {
		case c.Noun == "party" && c.Min:
			r.out.add(m.Ent.IRI, graph.PartyMin, integer(c.N))
		case c.Noun == "party":
			r.out.add(m.Ent.IRI, graph.PartyCount, integer(c.N))
		case c.Noun == "country" && c.Min:
			r.out.add(m.Ent.IRI, graph.CountryMin, integer(c.N))
		case c.Noun == "country":
			r.out.add(m.Ent.IRI, graph.CountryCount, integer(c.N))
		}
	}
}

// replaces: "formerly known as X", "replaced X", "took over from X", "前身为
// X" make the series the unit is about replace X; "replaced by X" the other
// way round.
func (r *run) replaces(u *unit) {
	replaced := u.find(r.x.Cues.Replaced)
	do := func(cues []string, forward bool) {
		for _, c := range u.find(cues) {
			if forward && overlapsAny(replaced, c) {
				continue // "succeeded by" is not "succeeded"
			}
			obj := u.mentionAfter(c.End(), 40, graph.KindSeries)
			if obj == nil {
				continue
			}
			var subj *entity
			if m := u.mentionBefore(c.Off, 400, graph.KindSeries); m != nil {
				subj = m.Ent
			} else if r.series != nil {
				subj = r.series
			}
			if subj == nil || subj == obj.Ent {
				continue
			}
			newer, older := subj, obj.Ent
			if !forward {
				newer, older = older, newer
			}
			r.out.add(newer.IRI, graph.Replaces, older.IRI)
			r.out.add(older.IRI, graph.ReplacedBy, newer.IRI)
		}
	}
	do(r.x.Cues.Replaced, false)
	do(r.x.Cues.Replaces, true)
}

// seeAlso: the series of a see-also list.
func (r *run) seeAlso(u *unit) {
	if r.series == nil || !r.inSeeAlso(u) || u.Kind == loaders.Heading {
		return
	}
	var target *entity
	for _, m := range u.Mentions {
		if m.Ent.Kind == graph.KindSeries {
			target = m.Ent
			break
		}
	}
	if target == nil && len(u.Mentions) == 0 && u.has(r.x.Cues.MeetingWord) && utf8.RuneCountInString(u.s) <= 80 {
		target = r.reg.introduce(graph.KindSeries, strings.TrimSpace(u.s), u.Lang)
	}
	// An item that is the name of an organisation ("International Conference
	// of Asian Political Parties", 亚洲政党国际会议) points to it.
	if target == nil && len(u.Mentions) == 1 && u.Mentions[0].Ent.Kind == graph.KindOrganization &&
		len(strings.TrimSpace(u.s))-u.Mentions[0].Len <= 4 {
		target = u.Mentions[0].Ent
	}
	if target != nil && target != r.series {
		r.out.add(r.series.IRI, graph.SeeAlso, target.IRI)
	}
}
