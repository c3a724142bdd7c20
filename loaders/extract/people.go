package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/text"
)

// holding is one title a person is given: the title as written and the
// body it names.
type holding struct {
	Title  string
	Lang   string
	Role   Role
	Target *entity // the party, organisation or country of the title, if named
}

// person is a person a unit names, with the titles it gives them.
type person struct {
	Ent      *entity
	Name     string // the name of a person the gazetteer does not know
	Lang     string
	At       span
	Holdings []holding
}

// seg is a piece of a sentence between commas.
type seg struct {
	span
	Text string
}

// splitSegs splits s at commas and semicolons outside quotations.
func splitSegs(u *unit) []seg {
	var out []seg
	start := 0
	emit := func(end int) {
		t := u.s[start:end]
		lt := strings.TrimLeft(t, " ")
		off := start + len(t) - len(lt)
		lt = strings.TrimRight(lt, " .")
		if lt != "" {
			out = append(out, seg{span{off, len(lt)}, lt})
		}
	}
	for i := 0; i < len(u.s); {
		r, n := utf8.DecodeRuneInString(u.s[i:])
		if (r == ',' || r == ';' || r == '，' || r == '；' || r == '、') && !u.inQuote(span{i, n}) {
			emit(i)
			start = i + n
		}
		i += n
	}
	emit(len(u.s))
	return out
}

// titleAt returns the title word at the start of s (after fillers such as
// "the" and "and"), the length of the prefix it ends, and whether a filler
// "the" preceded it.
func (r *run) titleAt(s string) (Title, int, bool) {
	the := false
	rest := s
	for changed := true; changed; {
		changed = false
		for _, f := range r.x.Cues.TitleFillers {
			if len(rest) >= len(f) && strings.EqualFold(rest[:len(f)], f) {
				if strings.Contains(strings.ToLower(f), "the") {
					the = true
				}
				rest = rest[len(f):]
				changed = true
			}
		}
	}
	var best Title
	n := 0
	for _, t := range r.x.Cues.Titles {
		if len(t.Word) <= n || len(rest) < len(t.Word) || !strings.EqualFold(rest[:len(t.Word)], t.Word) {
			continue
		}
		if len(rest) > len(t.Word) {
			c, _ := utf8.DecodeRuneInString(rest[len(t.Word):])
			if unicode.IsLetter(c) || c == '-' {
				continue
			}
		}
		best, n = t, len(t.Word)
	}
	if n == 0 {
		return Title{}, 0, false
	}
	return best, len(s) - len(rest) + n, the
}

// nameSeg returns the person a segment names on its own: a person the
// gazetteer knows, or one to four capitalised words that name nothing else.
// An unknown name is only returned as text: it becomes a person when a
// title is attached to it.
func (r *run) nameSeg(u *unit, sg seg) (*person, bool) {
	t := sg.Text
	off := sg.Off
	for _, f := range []string{"and ", "And "} {
		if strings.HasPrefix(t, f) {
			t, off = t[len(f):], off+len(f)
		}
	}
	if t == "" {
		return nil, false
	}
	if m := u.mentionAt(off); m != nil {
		if m.Ent.Kind == graph.KindPerson && m.End() >= off+len(strings.TrimRight(t, " ")) {
			return &person{Ent: m.Ent, At: m.span}, true
		}
		return nil, false
	}
	for _, m := range u.Mentions {
		if m.overlaps(span{off, len(t)}) {
			return nil, false
		}
	}
	if !looksLikeName(t) {
		return nil, false
	}
	if tt, _, _ := r.titleAt(t); tt.Word != "" {
		return nil, false
	}
	return &person{Name: t, Lang: u.Lang, At: span{off, len(t)}}, true
}

// possessives before a title refer to the body named before them.
var possessives = map[string]bool{"its": true, "their": true, "the party's": true}

// inlineTitles finds a capitalised title followed by a name inside running
// text ("led by its Deputy Leader Arvid Holm", "Vice President Ana Ruiz of
// the X Party"). After "its" the body is the party or organisation named
// last before the title.
func (r *run) inlineTitles(u *unit, sg seg) {
	for i := 1; i < len(sg.Text); i++ {
		if sg.Text[i-1] != ' ' || !isCapitalized(sg.Text[i:]) {
			continue
		}
		t, n, _ := r.titleAt(sg.Text[i:])
		if t.Word == "" || n == 0 || !isCapitalized(sg.Text[i:]) {
			continue
		}
		titleText := sg.Text[i : i+n]
		if !isCapitalized(titleText) {
			continue
		}
		rest := strings.TrimLeft(sg.Text[i+n:], " ")
		restOff := sg.Off + len(sg.Text) - len(rest)
		name := capitalRun(rest, 3)
		if name == "" || !looksLikeName(name) {
			continue
		}
		if tt, _, _ := r.titleAt(name); tt.Word != "" {
			continue // "Prime Minister" inside a longer title
		}
		var ent *entity
		if m := u.mentionAt(restOff); m != nil {
			if m.Ent.Kind != graph.KindPerson {
				continue
			}
			ent, name = m.Ent, m.Text
		}
		h := holding{Title: titleText, Lang: u.Lang, Role: t.Role}
		before := strings.Fields(strings.ToLower(sg.Text[:i]))
		after := strings.TrimLeft(rest[len(name):], " ")
		switch {
		case len(before) > 0 && possessives[before[len(before)-1]]:
			if m := u.mentionBefore(sg.Off+i, sg.Off+i, graph.KindParty, graph.KindOrganization); m != nil {
				h.Target = m.Ent
			}
		case strings.HasPrefix(after, "of "):
			objOff := restOff + len(rest) - len(after) + 3
			obj := trimTail(seg{span{objOff, sg.End() - objOff}, u.s[objOff:sg.End()]})
			h.Target = r.titleTarget(u, obj)
			h.Title = titleText + " " + strings.TrimRight("of "+obj.Text, " ")
		}
		r.addPerson(u, &person{Ent: ent, Name: name, Lang: u.Lang, At: span{restOff, len(name)}, Holdings: []holding{h}})
		i += n
	}
}

// trailingName returns the person a segment ends with, after a lower-case
// word ("... led by Bolor Tsendee"), as a candidate for a title that follows.
func (r *run) trailingName(u *unit, sg seg) *person {
	ws := strings.Fields(sg.Text)
	k := len(ws)
	for k > 0 && len(ws)-k < 4 && isCapitalized(ws[k-1]) {
		k--
	}
	if k == len(ws) || k == 0 || isCapitalized(ws[k-1]) {
		return nil
	}
	name := strings.Join(ws[k:], " ")
	off := sg.End() - len(name)
	if !strings.HasSuffix(sg.Text, name) {
		return nil
	}
	p, ok := r.nameSeg(u, seg{span{off, len(name)}, name})
	if !ok {
		return nil
	}
	return p
}

// nameStop are capitalised words that begin phrases other than names.
var nameStop = map[string]bool{
	"at": true, "on": true, "in": true, "during": true, "the": true, "after": true, "before": true,
	"he": true, "she": true, "it": true, "they": true, "this": true, "these": true, "that": true,
	"leaders": true, "delegates": true, "representatives": true, "mr": true, "mrs": true, "ms": true,
	"meanwhile": true, "also": true, "however": true, "then": true, "when": true, "while": true,
}

// looksLikeName reports whether s is one to four capitalised words of
// letters (a personal name as news text writes it).
func looksLikeName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		if !isCapitalized(w) || nameStop[strings.ToLower(strings.Trim(w, "."))] {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '.' && c != '’' {
				return false
			}
		}
	}
	return true
}

// people finds the persons a unit names with titles, in English appositions
// ("X, Chairman of the Y Party of Z", "the Chairman of Y, X", "President X
// of Z") and in Chinese ("Y总书记X"), and writes their titles and the links
// the titles imply.
func (r *run) people(u *unit) {
	if u.Kind != loaders.Paragraph && u.Kind != loaders.ListItem {
		return
	}
	if hasHan(u.s) {
		r.peopleZh(u)
		return
	}
	segs := splitSegs(u)
	var last *person // a name just before
	var pend []holding
	for i, sg := range segs {
		if r.inQuoteSeg(u, sg) {
			last, pend = nil, nil
			continue
		}
		if t, _, _ := r.titleAt(sg.Text); t.Word != "" {
			hs, embedded, at := r.titlePhrase(u, sg)
			switch {
			case embedded != nil:
				r.addPerson(u, &person{Ent: embedded, At: at, Holdings: hs})
				last, pend = nil, nil
			case last != nil && !(startsWithThe(sg.Text) && r.nextIsName(u, segs, i)):
				last.Holdings = append(last.Holdings, hs...)
				r.addPerson(u, last)
				last = nil
			default:
				pend = hs
			}
			continue
		}
		if p, ok := r.nameSeg(u, sg); ok {
			if pend != nil {
				p.Holdings = pend
				r.addPerson(u, p)
				pend, last = nil, nil
				continue
			}
			last = p
			continue
		}
		// A title inside the segment: "led by its Deputy Leader Arvid Holm".
		r.inlineTitles(u, sg)
		// A segment that ends in a name: "a delegation led by X, Chairman of Y".
		last, pend = r.trailingName(u, sg), nil
	}
}

// startsWithThe reports whether a title phrase begins with an article,
// as titles placed before a name do ("the Chairman of X, Name").
func startsWithThe(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "the ") || strings.HasPrefix(l, "and the ")
}

// nextIsName reports whether the segment after segs[i] is a name.
func (r *run) nextIsName(u *unit, segs []seg, i int) bool {
	if i+1 >= len(segs) {
		return false
	}
	_, ok := r.nameSeg(u, segs[i+1])
	return ok
}

func (r *run) inQuoteSeg(u *unit, sg seg) bool {
	for _, q := range u.Quotes {
		if q.Outer.contains(sg.span) {
			return true
		}
	}
	return false
}

// titlePhrase reads a segment of titles joined by "and": each "Title of
// Body" or "Title Name of Country". It returns the holdings, and the person
// when the phrase names one inside ("President Ilyan of Varnland").
func (r *run) titlePhrase(u *unit, sg seg) ([]holding, *entity, span) {
	var hs []holding
	var named *entity
	var at span
	for _, c := range r.splitAnd(sg) {
		t, n, _ := r.titleAt(c.Text)
		if t.Word == "" {
			continue
		}
		lead := len(c.Text) - len(strings.TrimLeft(c.Text, " "))
		_ = lead
		titleStart := n - len(t.Word)
		rest := c.Text[n:]
		restOff := c.Off + n
		trimmed := strings.TrimLeft(rest, " ")
		restOff += len(rest) - len(trimmed)
		rest = trimmed
		// An embedded name: capitalised words after the title.
		if rest != "" && isCapitalized(rest) && !strings.HasPrefix(rest, "of ") {
			words := strings.Fields(rest)
			k := 0
			for k < len(words) && isCapitalized(words[k]) && words[k] != "of" && k < 4 {
				k++
			}
			nameText := strings.Join(words[:k], " ")
			nameText = strings.TrimRight(nameText, ".")
			if looksLikeName(nameText) && u.mentionAt(restOff) == nil {
				named = r.personNamed(nameText, u.Lang)
				at = span{restOff, len(nameText)}
			} else if m := u.mentionAt(restOff); m != nil && m.Ent.Kind == graph.KindPerson {
				named, at = m.Ent, m.span
				nameText = m.Text
			}
			if named != nil {
				rest = strings.TrimLeft(rest[len(nameText):], " ")
				restOff = c.End() - len(rest)
			}
		}
		var target *entity
		var titleText string
		if strings.HasPrefix(rest, "of ") {
			obj := seg{span{restOff + 3, len(rest) - 3}, rest[3:]}
			obj = trimTail(obj)
			target = r.titleTarget(u, obj)
			titleText = c.Text[titleStart:] // as written
			if named != nil {
				titleText = c.Text[titleStart:n] + " " + rest
			}
		} else {
			titleText = c.Text[titleStart:n]
		}
		titleText = strings.TrimRight(titleText, " .")
		role := t.Role
		if target != nil && target.Kind == graph.KindParty && role == RoleLeader && r.otherBody(rest) {
			role = RoleMember // the chairman of a party's supreme council is no leader of the party
		}
		hs = append(hs, holding{Title: titleText, Lang: u.Lang, Role: role, Target: target})
	}
	return hs, named, at
}

// otherBody reports whether a title's object ("of the Supreme Council of
// the X Party") begins with a body of a party other than its leading one
// (the central committee, whose head leads the party).
func (r *run) otherBody(obj string) bool {
	obj = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(obj, "of "), "the "), "The ")
	k := text.Fold(obj)
	for _, b := range r.x.Cues.BodyWord {
		if strings.HasPrefix(k, text.Fold(b)) {
			return !hasFold(r.x.Cues.LeadingBody, b)
		}
	}
	return false
}

// trimTail cuts a body phrase at the first lower-case word after its
// capitalised name ("the Harbour Party spoke" → "the Harbour Party").
func trimTail(s seg) seg {
	ws := strings.Fields(s.Text)
	end := 0
	pos := 0
	for i, w := range ws {
		j := strings.Index(s.Text[pos:], w) + pos
		pos = j + len(w)
		low := !isCapitalized(w)
		if low && i > 0 && !connector[strings.ToLower(w)] {
			break
		}
		end = pos
	}
	return seg{span{s.Off, end}, s.Text[:end]}
}

// connector are the lower-case words inside names of bodies.
var connector = map[string]bool{"of": true, "the": true, "for": true, "and": true, "de": true, "del": true, "la": true, "in": true, "on": true}

// splitAnd splits a title phrase before each " and " that starts another
// title.
func (r *run) splitAnd(sg seg) []seg {
	var out []seg
	start := 0
	for i := 0; i < len(sg.Text); i++ {
		if !strings.HasPrefix(sg.Text[i:], " and ") {
			continue
		}
		if t, _, _ := r.titleAt(sg.Text[i+1:]); t.Word != "" && i > start {
			out = append(out, seg{span{sg.Off + start, i - start}, sg.Text[start:i]})
			start = i + 1
		}
	}
	out = append(out, seg{span{sg.Off + start, len(sg.Text) - start}, sg.Text[start:]})
	return out
}

// titleTarget resolves the body a title names ("the African National
// Congress of Eastmark", "the Harbour Party Central Committee", "Varnland"): a party
// (with the country it is said to be of), an organisation or a country.
func (r *run) titleTarget(u *unit, obj seg) *entity {
	if obj.Len == 0 {
		return nil
	}
	var party, org, country *entity
	var partyEnd, countryAt int
	for _, m := range u.Mentions {
		if !obj.contains(m.span) {
			continue
		}
		switch m.Ent.Kind {
		case graph.KindParty:
			if party == nil {
				party, partyEnd = m.Ent, m.End()
			}
		case graph.KindOrganization:
			if org == nil {
				org = m.Ent
			}
		case graph.KindCountry:
			country, countryAt = m.Ent, m.Off
		}
	}
	// "of COUNTRY" at the end of the phrase says whose party it is.
	name := obj.Text
	if country != nil {
		before := strings.TrimRight(u.s[obj.Off:countryAt], " ")
		if strings.HasSuffix(before, " of") || strings.HasSuffix(before, " of the") {
			if party != nil && countryAt >= partyEnd && countryAt-partyEnd <= 8 {
				party.country = country
				return party
			}
		} else if party == nil && org == nil && r.onlyCountry(u, obj, countryAt) {
			return country
		}
	}
	if party != nil {
		if party.country == nil && country == nil {
			r.partyCountryInName(u, party, obj)
		}
		return party
	}
	if org != nil {
		return org
	}
	// A body the gazetteer lacks: a party or an organisation by its head word.
	name = strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The ")
	nameAt := span{obj.End() - len(name), len(name)}
	f := newFolded(name)
	if ps := f.find(r.x.Cues.PartyWord); len(ps) > 0 && isCapitalized(name) {
		// Drop a body inside the party: "Supreme Council of the Harbour Party".
		for _, b := range f.find(r.x.Cues.BodyWord) {
			if b.Off == 0 {
				if i := strings.Index(name, " of "); i >= 0 {
					name = strings.TrimPrefix(strings.TrimPrefix(name[i+4:], "the "), "The ")
				}
			}
		}
		p := r.reg.introduce(graph.KindParty, name, u.Lang)
		if p != nil {
			u.addMention(mention{Ent: p, span: span{obj.End() - len(name), len(name)}, Text: name})
		}
		if p != nil && country != nil && p.Entry == nil {
			// The name ends in "of COUNTRY": "United Socialist Party of Venezuela".
			if i := strings.LastIndex(name, " of "); i >= 0 && countryAt >= nameAt.Off+i {
				p.country = country
				r.reg.addAlias(p, name[:i])
			}
		}
		return p
	}
	if f.has(r.x.Cues.OrgWord) && isCapitalized(name) && (party != nil || country != nil || org != nil) {
		o := r.reg.introduce(graph.KindOrganization, name, u.Lang)
		if o != nil {
			u.addMention(mention{Ent: o, span: nameAt, Text: name})
		}
		return o
	}
	if country != nil && party == nil && org == nil {
		if strings.HasPrefix(text.Fold(name), "government") || strings.HasPrefix(text.Fold(name), "republic") {
			return country
		}
	}
	return nil
}

// partyCountryInName records the country a party's own name ends in, when
// the gazetteer knows the whole "X of COUNTRY" as the party's name.
func (r *run) partyCountryInName(u *unit, party *entity, obj seg) {
	if r.reg.gz == nil {
		return
	}
	m := u.mentionAt(obj.Off + len(obj.Text) - len(strings.TrimLeft(obj.Text, " ")))
	for i := range u.Mentions {
		if u.Mentions[i].Ent == party && obj.contains(u.Mentions[i].span) {
			m = &u.Mentions[i]
		}
	}
	if m == nil {
		return
	}
	i := strings.LastIndex(m.Text, " of ")
	if i < 0 {
		return
	}
	for _, c := range r.reg.gz.Lookup(m.Text[i+4:]) {
		if kindOf(c.Kind) == graph.KindCountry {
			party.country = r.reg.fromEntry(c)
			return
		}
	}
}

// onlyCountry reports whether the body phrase obj is just the country
// mentioned at off ("China", "the Republic of Korea").
func (r *run) onlyCountry(u *unit, obj seg, off int) bool {
	m := u.mentionAt(off)
	if m == nil {
		return false
	}
	rest := strings.TrimSpace(u.s[obj.Off:m.Off])
	return (rest == "" || rest == "the") && strings.TrimSpace(u.s[m.End():obj.End()]) == ""
}

// addPerson records a titled person of a unit and writes their titles and
// the links the titles imply.
func (r *run) addPerson(u *unit, p *person) {
	if p.Ent == nil && p.Name != "" {
		p.Ent = r.personNamed(p.Name, p.Lang)
	}
	if p.Ent == nil {
		return
	}
	u.persons = append(u.persons, p)
	if !u.inQuote(p.At) && u.mentionAt(p.At.Off) == nil {
		u.addMention(mention{Ent: p.Ent, span: p.At, Text: p.At.text(u.s)})
	}
	r.titled = append(r.titled, titled{Ent: p.Ent, Lang: u.Lang, Holdings: p.Holdings})
	var partyCountry *entity
	for _, h := range p.Holdings {
		if h.Target != nil && h.Target.Kind == graph.KindParty {
			partyCountry = h.Target.country
			if partyCountry == nil && h.Target.Entry != nil && h.Target.Entry.Country != "" {
				partyCountry = r.entryRef(h.Target.Entry.Country, graph.KindCountry)
			}
		}
	}
	for _, h := range p.Holdings {
		r.out.add(p.Ent.IRI, graph.JobTitle, lit(h.Title, h.Lang))
		r.link(p.Ent, h, partyCountry)
	}
}

// entryRef resolves a gazetteer cross-reference (an IRI or a name).
func (r *run) entryRef(ref, kind string) *entity {
	if r.reg.gz == nil {
		return nil
	}
	if e := r.reg.gz.ByIRI(quad.IRI(ref)); e != nil {
		return r.reg.fromEntry(e)
	}
	if e := r.reg.gz.ByIRI(graph.EntityIRI(kind, ref)); e != nil {
		return r.reg.fromEntry(e)
	}
	return r.reg.lookup(ref, kind)
}

// link writes the relation a holding implies.
func (r *run) link(p *entity, h holding, partyCountry *entity) {
	t := h.Target
	if t == nil {
		if h.Role == RoleHeadOfGovernment && partyCountry != nil {
			r.out.add(p.IRI, graph.HeadOfGov, partyCountry.IRI)
		}
		return
	}
	switch t.Kind {
	case graph.KindParty:
		if h.Role == RoleLeader {
			r.out.add(p.IRI, graph.LeaderOf, t.IRI)
		} else {
			r.out.add(p.IRI, graph.MemberOf, t.IRI)
		}
	case graph.KindCountry:
		switch h.Role {
		case RoleLeader:
			if isPresident(h.Title) {
				r.out.add(p.IRI, graph.HeadOfState, t.IRI)
			}
		case RoleHeadOfGovernment:
			r.out.add(p.IRI, graph.HeadOfGov, t.IRI)
		}
	case graph.KindOrganization:
		// The leader of a party's central committee leads the party.
		if h.Role == RoleLeader && t.Entry != nil && r.isBody(t) {
			if party := r.bodyParty(t); party != nil {
				r.out.add(p.IRI, graph.LeaderOf, party.IRI)
				return
			}
		}
		r.out.add(p.IRI, graph.MemberOf, t.IRI)
	}
}

// bodyParty returns the party a party body belongs to: the one its gazetteer
// entry names, else the party its name contains ("Central Committee of the
// Communist Party of China").
func (r *run) bodyParty(e *entity) *entity {
	if e.Entry.Party != "" {
		return r.entryRef(e.Entry.Party, graph.KindParty)
	}
	if r.reg.gz == nil {
		return nil
	}
	// The name without the body: "Central Committee of the X" → "the X",
	// "X中央委员会" → "X".
	for _, l := range labelsOf(e.Entry) {
		rest := l
		if i := strings.Index(l, " of "); i >= 0 {
			rest = l[i+len(" of "):]
		} else {
			for _, b := range r.x.Cues.BodyWord {
				if hasHan(b) {
					rest = strings.TrimSuffix(text.ToSimplified(rest), b)
				}
			}
		}
		if rest == l {
			continue
		}
		for _, m := range r.reg.gz.Find(rest) {
			if m.Entry != nil && kindOf(m.Entry.Kind) == graph.KindParty {
				return r.reg.fromEntry(m.Entry)
			}
		}
	}
	return nil
}

// isBody reports whether an organisation is a leading body of a party (its
// central committee): an English name that begins with a body word, or a
// Chinese name that ends with one.
func (r *run) isBody(e *entity) bool {
	for lang, l := range e.Entry.Labels {
		k := text.Fold(l)
		for _, b := range r.x.Cues.BodyWord {
			b = text.Fold(b)
			if hasHan(b) && strings.HasPrefix(lang, "zh") && strings.HasSuffix(k, b) ||
				!hasHan(b) && lang == "en" && strings.HasPrefix(k, b) {
				return true
			}
		}
	}
	return false
}

// isPresident reports whether a title makes its holder the head of the
// state it names.
func isPresident(title string) bool {
	k := text.Fold(title)
	return strings.HasPrefix(k, "president") || strings.Contains(k, "总统") || strings.Contains(k, "国家主席") ||
		strings.HasPrefix(k, "head of state")
}

// zhClause are the marks that end a Chinese clause.
const zhClause = "，,、。：:；;（）()「」“”《》 \n"

// peopleZh finds titled persons in Chinese text: a title right before a
// name ("示例党中央总书记王明", "示例部副部长李华").
func (r *run) peopleZh(u *unit) {
	var cands []cand
	for _, m := range u.Mentions {
		if m.Ent.Kind == graph.KindPerson && !u.inQuote(m.span) {
			cands = append(cands, cand{ent: m.Ent, at: m.span})
		}
	}
	// Linked names the gazetteer lacks, and bare names right after a title.
	if u.Block != nil && u.Start >= 0 {
		for _, l := range u.Block.Links {
			i := strings.Index(u.s, l.Text)
			if i < 0 || l.Text == "" || u.mentionAt(i) != nil || !hasHan(l.Text) || utf8.RuneCountInString(l.Text) > 4 {
				continue
			}
			cands = append(cands, cand{name: l.Text, at: span{i, len(l.Text)}})
		}
	}
	cands = append(cands, r.zhBareNames(u)...)
	for _, c := range cands {
		title, ok := r.zhTitleBefore(u, c.at.Off)
		if !ok {
			continue
		}
		hs := []holding{r.zhHolding(u, title)}
		// "中共中央总书记、国家主席习近平": each title of the list is the person's.
		for strings.HasSuffix(u.s[:title.Off], "、") {
			prev, ok := r.zhTitleBefore(u, title.Off-len("、"))
			if !ok {
				break
			}
			hs = append([]holding{r.zhHolding(u, prev)}, hs...)
			title = prev
		}
		r.addPerson(u, &person{Ent: c.ent, Name: c.name, Lang: u.Lang, At: c.at, Holdings: hs})
	}
	r.zhAppositions(u)
}

// zhHolding reads a Chinese title ("示例部副部长", "某国草原绿党主席"): the
// title word, and the party, organisation or country it names; a party the
// gazetteer lacks is the text between the country and the title word when
// it ends in a party word.
func (r *run) zhHolding(u *unit, title span) holding {
	var target, country *entity
	countryEnd := title.Off
	for _, m := range u.Mentions {
		if title.contains(m.span) {
			switch m.Ent.Kind {
			case graph.KindParty, graph.KindOrganization:
				target = m.Ent
			case graph.KindCountry:
				target, country, countryEnd = m.Ent, m.Ent, m.End()
			}
		}
	}
	t := r.zhTitleWord(title.text(u.s))
	if target == nil || target == country {
		body := u.s[countryEnd : title.End()-len(r.zhTitleTail(u, title, t))]
		if country != nil && (strings.HasPrefix(body, "国") || strings.HasPrefix(body, "國")) {
			body = body[len("国"):] // 蒙古国 when the gazetteer says 蒙古
			countryEnd += len("国")
		}
		k := text.Fold(body)
		for _, pw := range r.x.Cues.PartyWord {
			if hasHan(pw) && strings.HasSuffix(k, pw) && utf8.RuneCountInString(body) >= 2 && u.mentionAt(countryEnd) == nil {
				if p := r.reg.introduce(graph.KindParty, body, u.Lang); p != nil {
					u.addMention(mention{Ent: p, span: span{countryEnd, len(body)}, Text: body})
					if country != nil && p.Entry == nil {
						p.country = country
					}
					target = p
				}
				break
			}
		}
	}
	return holding{Title: title.text(u.s), Lang: u.Lang, Role: t.Role, Target: target}
}

// zhAppositions finds "名字，某党主席": a name, then after a comma a title
// that ends the clause, as lists of participants write them.
func (r *run) zhAppositions(u *unit) {
	segs := splitSegs(u)
	for i := 0; i+1 < len(segs); i++ {
		name, title := segs[i], segs[i+1]
		t := r.zhTitleWord(title.Text)
		if t.Word == "" || utf8.RuneCountInString(title.Text) > 16 || !strings.HasSuffix(text.Fold(title.Text), t.Word) {
			continue
		}
		var c cand
		if m := u.mentionAt(name.Off); m != nil {
			if m.Ent.Kind != graph.KindPerson || m.Len != name.Len {
				continue
			}
			c = cand{ent: m.Ent, at: m.span}
		} else {
			n := utf8.RuneCountInString(name.Text)
			dot := strings.ContainsAny(name.Text, "·‧・")
			if !hasHan(name.Text) || n < 2 || n > 10 || !dot && n > 4 || strings.ContainsAny(name.Text, zhNotName) {
				continue
			}
			for _, c := range name.Text {
				if !isHan(c) && !strings.ContainsRune("·‧・", c) {
					n = -1
				}
			}
			if n < 0 {
				continue
			}
			c = cand{name: name.Text, at: name.span}
		}
		r.addPerson(u, &person{Ent: c.ent, Name: c.name, Lang: u.Lang, At: c.at, Holdings: []holding{r.zhHolding(u, title.span)}})
	}
}

// cand is a person a Chinese clause may name after a title: a known entity,
// or a name to introduce once the title is confirmed.
type cand struct {
	ent  *entity
	name string
	at   span
}

// zhTitleTail returns the text of the title word at the end of the title
// span, as written.
func (r *run) zhTitleTail(u *unit, title span, t Title) string {
	s := title.text(u.s)
	n := utf8.RuneCountInString(t.Word)
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// zhNotName are characters of pronouns and determiners, never in a name.
const zhNotName = "其他们这那各该此本我你您"

// zhBareNames finds names nobody linked right after a Chinese title word:
// two to four Han characters (or a transliterated name with a middle dot)
// followed by a verb such as 表示, 率领 or 会见.
func (r *run) zhBareNames(u *unit) []cand {
	var out []cand
	isVerb := func(keyOff int) bool {
		for _, v := range r.x.Cues.ZhNameEnd {
			if hasHan(v) && strings.HasPrefix(u.key[keyOff:], v) {
				return true
			}
		}
		return false
	}
	for _, t := range r.x.Cues.Titles {
		w := text.Fold(t.Word)
		if !hasHan(w) {
			continue
		}
		for from := 0; ; {
			i := strings.Index(u.key[from:], w)
			if i < 0 {
				break
			}
			ks := from + i + len(w)
			from = ks
			start := u.pos[ks]
			if u.mentionAt(start) != nil {
				continue
			}
			ke, runes, dot := ks, 0, false
			for ke < len(u.key) {
				c, n := utf8.DecodeRuneInString(u.key[ke:])
				if c == '·' {
					dot = true
				} else if !isHan(c) || (runes == 0 || runes >= 2) && isVerb(ke) || strings.ContainsRune(zhNotName, c) {
					break
				}
				ke += n
				runes++
			}
			if runes < 2 || runes > 10 || !dot && runes > 4 || ke == len(u.key) || !isVerb(ke) {
				continue
			}
			end := u.pos[ke]
			out = append(out, cand{name: u.s[start:end], at: span{start, end - start}})
		}
	}
	return out
}

// zhTitleBefore returns the title written right before offset off: the text
// from the start of the clause, when it ends in a title word.
func (r *run) zhTitleBefore(u *unit, off int) (span, bool) {
	start := off
	for start > 0 {
		c, n := utf8.DecodeLastRuneInString(u.s[:start])
		if strings.ContainsRune(zhClause, c) {
			break
		}
		start -= n
	}
	pre := u.s[start:off]
	if t := r.zhTitleWord(pre); t.Word == "" || !strings.HasSuffix(text.Fold(pre), text.Fold(t.Word)) {
		return span{}, false
	}
	// Keep the title from the first entity named in it, or a short clause whole.
	if utf8.RuneCountInString(pre) > 12 {
		first := -1
		for _, m := range u.Mentions {
			if m.Off >= start && m.End() <= off {
				first = m.Off
			}
		}
		if first < 0 {
			return span{}, false
		}
		start = first
	}
	return span{start, off - start}, true
}

// zhTitleWord returns the longest Chinese title word that ends s.
func (r *run) zhTitleWord(s string) Title {
	k := text.Fold(s)
	var best Title
	for _, t := range r.x.Cues.Titles {
		w := text.Fold(t.Word)
		if hasHan(w) && strings.HasSuffix(k, w) && len(w) > len(best.Word) {
			best = Title{Word: w, Role: t.Role}
		}
	}
	return best
}

// zhLinkBefore are the characters that may stand right before a short form
// ("会见了习主席", "与林主席"): particles and prepositions, not part of a name.
const zhLinkBefore = "了的与與和及同向对對在由是为為被请請"

// shortForms links the short forms Chinese text uses for a person it has
// named in full: the surname and a title ("习总书记", "習總書記", "林主席")
// name the one person of the document whose Chinese name begins with that
// surname. Two such persons, or none, make no link.
func (r *run) shortForms(u *unit) {
	if !hasHan(u.s) {
		return
	}
	var words []string
	for _, t := range r.x.Cues.Titles {
		if hasHan(t.Word) {
			words = append(words, t.Word)
		}
	}
	for _, c := range u.find(words) {
		sur, n := utf8.DecodeLastRuneInString(u.s[:c.Off])
		if !isHan(sur) || u.inQuote(c) {
			continue
		}
		if b, _ := utf8.DecodeLastRuneInString(u.s[:c.Off-n]); isHan(b) && !strings.ContainsRune(zhLinkBefore, b) {
			continue // inside a longer word: 国家主席, 党主席
		}
		sp := span{c.Off - n, c.End() - c.Off + n}
		if p := r.bySurname(sur); p != nil {
			u.addMention(mention{Ent: p, span: sp, Text: sp.text(u.s)})
		}
	}
}

// bySurname returns the one person of the document whose Chinese name
// begins with the character sur, or nil.
func (r *run) bySurname(sur rune) *entity {
	key := text.Fold(string(sur))
	return r.onePerson(func(e *entity) bool {
		for _, l := range []string{"zh-Hans", "zh-Hant"} {
			if n := e.label(l); utf8.RuneCountInString(n) >= 2 && strings.HasPrefix(text.Fold(n), key) && !strings.ContainsAny(n, "·‧・") {
				return true
			}
		}
		return false
	})
}

// onePerson returns the one person of the document that match accepts, or
// nil when none or several do.
func (r *run) onePerson(match func(*entity) bool) *entity {
	var found *entity
	for _, e := range r.reg.order {
		if e.Kind != graph.KindPerson || r.merged[e] != nil || !match(e) {
			continue
		}
		if found != nil && found != e {
			return nil
		}
		found = e
	}
	return found
}

// personNamed returns the person a title introduces by name: for one word
// in Latin letters ("President Amaral" after "João Amaral"), the one person
// of the document with that name, else a person of that name.
func (r *run) personNamed(name, lang string) *entity {
	if n := strings.TrimSpace(name); !strings.Contains(n, " ") && !hasHan(n) {
		if e := r.byNameWord(n); e != nil {
			return e
		}
	}
	return r.reg.introduce(graph.KindPerson, name, lang)
}

// byNameWord returns the one person the document has introduced whose name
// in Latin letters begins or ends with the word w (a surname, or a family
// name written first), or nil.
func (r *run) byNameWord(w string) *entity {
	k := text.Fold(w)
	return r.onePerson(func(e *entity) bool {
		if e.Entry != nil {
			return false
		}
		for _, n := range e.names {
			ws := strings.Fields(text.Fold(n.Text))
			if len(ws) >= 2 && (ws[0] == k || ws[len(ws)-1] == k) {
				return true
			}
		}
		return false
	})
}

// recurringNames links the later mentions of a person the text introduced
// with a title ("Rosa Quispe, Secretary-General of …" and then "Rosa Quispe
// attended …"): the full name, wherever it recurs outside a quotation.
func (r *run) recurringNames(u *unit) {
	for _, e := range r.reg.order {
		if e.Kind != graph.KindPerson || e.Entry != nil || r.merged[e] != nil {
			continue
		}
		for _, n := range e.names {
			// Two words, or three Chinese characters: shorter names occur
			// inside other words.
			if !strings.Contains(n.Text, " ") && !hasHan(n.Text) || hasHan(n.Text) && utf8.RuneCountInString(n.Text) < 3 {
				continue
			}
			for _, sp := range u.find([]string{n.Text}) {
				if !u.inQuote(sp) {
					u.addMention(mention{Ent: e, span: sp, Text: sp.text(u.s)})
				}
			}
		}
	}
}
