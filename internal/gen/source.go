package gen

import (
	"fmt"
	"math/rand/v2"
)

// Genres of the generated documents, one per genre of the seeds.
const (
	GenreWeb     = "web"     // an official bilingual web page about one meeting
	GenreJournal = "journal" // a journal article page about one meeting
	GenreZhWiki  = "zhwiki"  // a Chinese wikitext article about one meeting
	GenreEnWiki  = "enwiki"  // a wiki-export article about one series and its meetings
)

// count is a figure as a source states it.
type count struct {
	n   int
	min bool // "more than n"
}

// view is what one source says about one meeting.
type view struct {
	m         *meeting
	dates     bool
	end       date // the end date the source gives (may disagree); zero when none
	venue     bool
	organizer bool
	theme     bool
	topics    []syllable
	keynote   bool
	outcome   bool
	speakers  []int
	attendees []int
	parties   count
	countries count
	follows   bool // states the previous meeting of the series
}

type citation struct {
	slug      string
	name      string
	publisher string
	date      date
	url       string
}

// source is one generated document.
type source struct {
	name      string // file name without extension; the label is SourceNS + name
	genre     string
	lang      string // BCP 47 of the document
	title     string
	publisher string
	modified  date
	citations []citation
	series    *series
	// predEnd is the last year of the series' predecessor as this source
	// gives it (sources disagree); 0 when it says nothing of it.
	predEnd int
	views   []view
}

func (s *source) labelLangs() []string {
	switch s.genre {
	case GenreWeb:
		return []string{"en", "zh-Hans"}
	case GenreZhWiki:
		return []string{"zh-Hans"}
	}
	return []string{"en"}
}

// seriesSource returns the wiki-export article about s; its views are
// added as the meetings are generated.
func (w *world) seriesSource(s *series) *source {
	r := newRand(w.cfg.Seed, streamSource, -1-s.index)
	src := &source{
		name:      fmt.Sprintf("gen-s%05d-%s", s.index, GenreEnWiki),
		genre:     GenreEnWiki,
		lang:      "en",
		title:     s.name.en,
		publisher: "Wikipedia",
		modified:  mkdate(s.lastYear()+1+r.IntN(3), 1+r.IntN(12), 1+r.IntN(28)),
		series:    s,
	}
	if s.replaces != nil {
		src.predEnd = s.replaces.lastYear()
	}
	return src
}

// seriesView returns what the series article says about meeting m.
func (w *world) seriesView(m *meeting) view {
	r := newRand(w.cfg.Seed, streamSource, 1<<30+m.index)
	v := view{m: m, dates: true, venue: true, theme: true, follows: m.ordinal > 0}
	if m.end != m.start {
		v.end = m.end
	}
	if r.IntN(3) == 0 {
		v.keynote = true
		v.speakers = pick(r, m.speakers, 0.8)
	}
	return v
}

// meetingSources returns the documents about meeting m (at least one).
func (w *world) meetingSources(m *meeting) []*source {
	r := newRand(w.cfg.Seed, streamSource, m.index)
	var out []*source
	for _, g := range [...]struct {
		genre   string
		percent int
	}{{GenreWeb, 70}, {GenreJournal, 40}, {GenreZhWiki, 50}} {
		if r.IntN(100) >= g.percent && !(g.genre == GenreZhWiki && len(out) == 0) {
			continue
		}
		out = append(out, w.meetingSource(r, m, g.genre))
	}
	return out
}

func (w *world) meetingSource(r *rand.Rand, m *meeting, genre string) *source {
	s := m.series
	host := w.party(s.host)
	hc := w.countries[host.country]
	src := &source{
		name:     fmt.Sprintf("gen-m%06d-%s", m.index, genre),
		genre:    genre,
		modified: m.end.addDays(1 + r.IntN(900)),
		series:   s,
	}
	v := view{m: m, dates: true}
	switch genre {
	case GenreWeb:
		src.lang, src.title = "en", m.name.en
		src.publisher = hc.name.en + " Net"
		v.venue, v.organizer, v.theme, v.keynote = true, true, true, true
		v.outcome = m.outcome.en != ""
		v.topics = m.topics
		v.speakers = m.speakers
		v.attendees = pick(r, m.attendees, 0.5+r.Float64()/2)
		v.parties, v.countries = atLeast(m.parties), atLeast(m.countries)
		if r.IntN(5) < 2 {
			v.parties = count{n: m.parties}
		}
		v.follows = m.ordinal > 0
		if m.end != m.start {
			v.end = m.end
		}
	case GenreJournal:
		src.lang = "en"
		src.title = fmt.Sprintf("Party Diplomacy in %s's Foreign Policy: “%s”", hc.name.en, m.name.en)
		src.publisher = "Journal of " + w.countries[r.IntN(len(w.countries))].name.en + " Studies"
		v.theme, v.keynote = true, true
		v.speakers = pick(r, m.speakers, 0.5)
		v.parties, v.countries = count{n: m.parties}, count{n: m.countries}
		if r.IntN(5) == 0 { // disagrees with the other sources
			v.parties.n += 1 + r.IntN(1+m.parties/10)
		}
		if s.replaces != nil {
			src.predEnd = s.replaces.lastYear()
			if r.IntN(2) == 0 { // "held in 2014-2016" against "2014 to 2017"
				src.predEnd--
			}
		}
		for i := range 2 + r.IntN(6) {
			src.citations = append(src.citations, w.newCitation(r, m, i))
		}
	case GenreZhWiki:
		src.lang, src.title = "zh-Hans", m.name.zh
		src.publisher = "维基百科"
		v.venue, v.organizer, v.theme, v.keynote = true, true, true, true
		v.speakers = m.speakers[:1]
		v.parties, v.countries = atLeast(m.parties), atLeast(m.countries)
		if m.end != m.start {
			v.end = m.end
			if r.IntN(7) == 0 { // one day off
				v.end = m.end.addDays(1)
			}
		}
		for i := range 1 + r.IntN(4) {
			src.citations = append(src.citations, w.newCitation(r, m, i))
		}
	}
	src.views = []view{v}
	return src
}

func (w *world) newCitation(r *rand.Rand, m *meeting, i int) citation {
	c := w.countries[r.IntN(len(w.countries))]
	d := m.start.addDays(-10 + r.IntN(40))
	return citation{
		slug:      fmt.Sprintf("gen-m%06d-ref-%d", m.index, i+1),
		name:      fmt.Sprintf("%s: %s", m.name.en, topicHeads[r.IntN(len(topicHeads))].en),
		publisher: c.name.en + " Daily",
		date:      d,
		url:       fmt.Sprintf("https://news.%s.example/%s/%06d-%d.html", c.slug, d.iso(), m.index, i+1),
	}
}

// atLeast rounds n down to "more than" a round figure, as reports do.
func atLeast(n int) count {
	if n < 20 {
		return count{n: n}
	}
	return count{n: (n - 1) / 10 * 10, min: true}
}

// pick returns a share of xs, keeping their order and always the first.
func pick(r *rand.Rand, xs []int, share float64) []int {
	out := make([]int, 0, len(xs))
	for i, x := range xs {
		if i == 0 || r.Float64() < share {
			out = append(out, x)
		}
	}
	return out
}
