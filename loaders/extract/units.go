package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/text"
)

// unit is the piece of a document a rule reads at once: a sentence of a
// paragraph, a list item, a fact, a heading, a caption or a table row.
type unit struct {
	folded
	Block   *loaders.Block
	Kind    loaders.BlockKind
	Lang    string
	Section []string
	Key     string   // for facts: the key
	Row     []string // for table rows: the cells
	Header  []string // for table rows: the header row
	Start   int      // offset of the unit's text in Block.Text

	Mentions []mention
	Quotes   []quote
	Meeting  *meeting  // the meeting the unit speaks of, when known
	aside    bool      // the unit names its meeting in passing, by series and year
	persons  []*person // persons named with titles

	found     bool // dates has been computed
	dateSpans []text.DateSpan
}

// dates returns the dates the unit's text states, months of a year
// included ("November 2017"), computed once.
func (u *unit) dates() []text.DateSpan {
	if !u.found {
		u.dateSpans, u.found = text.DateFinder{Months: true}.Find(u.s), true
	}
	return u.dateSpans
}

// units splits the document into units, in document order.
func units(doc *loaders.Document, docLang string) []*unit {
	var out []*unit
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		lang := b.Lang
		if lang == "" || lang == "zh" {
			lang = docLang
		}
		mk := func(s string, start int) *unit {
			u := &unit{folded: newFolded(s), Block: b, Kind: b.Kind, Lang: langOf(s, lang), Section: b.Section, Key: b.Key, Start: start}
			u.Quotes = findQuotes(s)
			return u
		}
		switch b.Kind {
		case loaders.Paragraph:
			for _, s := range text.Sentences(b.Text) {
				out = append(out, mk(s.Text, s.Offset))
			}
		case loaders.Table:
			if len(b.Rows) == 0 {
				continue
			}
			header := b.Rows[0]
			for _, row := range b.Rows[1:] {
				u := mk(strings.Join(row, " | "), -1)
				u.Row, u.Header = row, header
				out = append(out, u)
			}
		default:
			if strings.TrimSpace(b.Text) != "" {
				out = append(out, mk(b.Text, 0))
			}
		}
	}
	return out
}

// inQuote reports whether sp lies inside one of the unit's quotations.
func (u *unit) inQuote(sp span) bool {
	for _, q := range u.Quotes {
		if q.Outer.overlaps(sp) {
			return true
		}
	}
	return false
}

// mentionsOf returns the unit's mentions of entities of a kind, outside
// quotations unless quoted is set.
func (u *unit) mentionsOf(kind string, quoted bool) []mention {
	var out []mention
	for _, m := range u.Mentions {
		if m.Ent.Kind == kind && (quoted || !u.inQuote(m.span)) {
			out = append(out, m)
		}
	}
	return out
}

// mentionAt returns the mention that covers offset off, if any.
func (u *unit) mentionAt(off int) *mention {
	for i := range u.Mentions {
		if off >= u.Mentions[i].Off && off < u.Mentions[i].End() {
			return &u.Mentions[i]
		}
	}
	return nil
}

// addMention records a mention unless it overlaps one the unit has.
func (u *unit) addMention(m mention) bool {
	for _, o := range u.Mentions {
		if o.overlaps(m.span) {
			return false
		}
	}
	u.Mentions = append(u.Mentions, m)
	for i := len(u.Mentions) - 1; i > 0 && u.Mentions[i].Off < u.Mentions[i-1].Off; i-- {
		u.Mentions[i], u.Mentions[i-1] = u.Mentions[i-1], u.Mentions[i]
	}
	return true
}

// replaceMentions adds m in place of the mentions inside its span (the
// country of "the Workers' Union of Brazil", the body of
// "亚洲政党国际会议第十五届大会").
func (u *unit) replaceMentions(m mention) bool {
	kept := u.Mentions[:0]
	for _, o := range u.Mentions {
		if !m.contains(o.span) {
			kept = append(kept, o)
		}
	}
	u.Mentions = kept
	return u.addMention(m)
}

// linkMentions adds the mentions the gazetteer finds in the unit and the
// entities its wiki links point to.
func (r *run) linkMentions(u *unit) {
	if r.reg.gz != nil {
		for _, m := range r.reg.gz.Find(u.s) {
			if m.Entry == nil || m.Len <= 0 {
				continue
			}
			ent := r.reg.fromEntry(m.Entry)
			u.addMention(mention{Ent: ent, span: span{m.Offset, m.Len}, Text: u.s[m.Offset : m.Offset+m.Len]})
		}
	}
	if u.Start < 0 {
		return
	}
	for _, l := range u.Block.Links {
		if l.Text == "" || strings.HasPrefix(l.Target, "http") {
			continue
		}
		i := strings.Index(u.s, l.Text)
		if i < 0 {
			continue
		}
		ent := r.reg.lookup(l.Target, "")
		if ent == nil {
			ent = r.reg.lookup(l.Text, "")
		}
		if ent == nil {
			if name, ok := r.seriesLink(l); ok {
				ent = r.reg.introduce(graph.KindSeries, name, langOf(name, u.Lang))
			} else if r.zhPartyName(l.Text) {
				ent = r.reg.introduce(graph.KindParty, l.Text, langOf(l.Text, u.Lang))
			}
		}
		if ent == nil {
			continue
		}
		u.addMention(mention{Ent: ent, span: span{i, len(l.Text)}, Text: l.Text})
	}
}

// zhOrdinalRx matches the ordinal of one occurrence of a meeting: 第三届, 第十九次.
var zhOrdinalRx = regexp.MustCompile(`第[0-9一二三四五六七八九十百零〇]+[届屆次]`)

// seriesLink returns the series a wiki link the gazetteer does not know
// points to: a page whose name is a meeting's name ("Silk Coast Parties
// Summit", "亚洲政党论坛"), not one occurrence of it ("第十九次全国代表大会").
func (r *run) seriesLink(l loaders.Link) (string, bool) {
	name := l.Target
	if i := strings.IndexAny(name, "(（"); i > 0 {
		name = strings.TrimSpace(name[:i])
	}
	if name == "" || strings.Contains(name, ":") {
		return "", false
	}
	// A kind or a format of meeting is no series: [[视频会议|视频连线]],
	// [[Plenary session]], [[Video conference]].
	if f := newFolded(name); f.has(r.x.Cues.Online) || hasFold(r.x.Cues.MeetingKind, name) {
		return "", false
	}
	if hasHan(name) {
		if zhOrdinalRx.MatchString(name) {
			return "", false
		}
		k := text.Fold(name)
		for _, w := range r.x.Cues.MeetingWord {
			if hasHan(w) && strings.HasSuffix(k, text.Fold(w)) {
				return name, true
			}
		}
		return "", false
	}
	ws := strings.Fields(name)
	if len(ws) < 2 || ordinalRx.MatchString(name) {
		return "", false
	}
	for _, w := range ws {
		if !isCapitalized(w) && !hasFold(r.x.Cues.Connectors, w) {
			return "", false
		}
	}
	if !r.headedByMeetingWord(ws) {
		return "", false
	}
	return name, true
}

// zhPartyName reports whether a Chinese name is a party's: it ends in a
// party word (党, 阵线, 联盟).
func (r *run) zhPartyName(s string) bool {
	if !hasHan(s) || utf8.RuneCountInString(s) < 3 || utf8.RuneCountInString(s) > 16 {
		return false
	}
	k := text.Fold(s)
	for _, pw := range r.x.Cues.PartyWord {
		if hasHan(pw) && strings.HasSuffix(k, pw) {
			return true
		}
	}
	return false
}
