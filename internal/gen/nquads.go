package gen

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// WriteNQuads writes the generated graph as N-Quads to w, every quad labelled
// with the source document that states it. It stops after exactly cfg.Quads
// quads, or after cfg.Meetings meetings, whichever comes first, and returns
// how many quads it wrote. Memory does not grow with the output.
func WriteNQuads(w io.Writer, cfg Config) (int, error) {
	cfg, err := cfg.check()
	if err != nil {
		return 0, err
	}
	if cfg.Meetings == 0 && cfg.Quads == 0 {
		return 0, errors.New("gen: set Meetings or Quads")
	}
	e := &emitter{w: bufio.NewWriterSize(w, 256<<10), limit: cfg.Quads}
	wd := newWorld(cfg)
	wd.walk(&quadVisitor{w: wd, e: e})
	if e.err == nil {
		e.err = e.w.Flush()
	}
	if e.err != nil {
		return e.n, fmt.Errorf("gen: write n-quads: %w", e.err)
	}
	return e.n, nil
}

// emitter writes quads until its limit.
type emitter struct {
	w     *bufio.Writer
	buf   []byte
	n     int
	limit int // 0 means none
	err   error
}

func (e *emitter) done() bool { return e.err != nil || (e.limit > 0 && e.n >= e.limit) }

func (e *emitter) quad(s quad.IRI, p quad.IRI, o quad.Value, g quad.IRI) {
	if e.done() {
		return
	}
	e.buf = graph.AppendNQuad(e.buf[:0], quad.Quad{Subject: s, Predicate: p, Object: o, Label: g})
	if _, err := e.w.Write(e.buf); err != nil {
		e.err = err
		return
	}
	e.n++
}

// docWriter writes the quads of one source document, describing each entity
// the first time the document names it.
type docWriter struct {
	e     *emitter
	w     *world
	src   *source
	label quad.IRI
	langs []string
	seen  map[quad.IRI]bool
}

func (d *docWriter) fact(s, p quad.IRI, o quad.Value) { d.e.quad(s, p, o, d.label) }

// mention reports whether this is the first time the document names x, and
// says that it does.
func (d *docWriter) mention(x quad.IRI) bool {
	if d.seen[x] {
		return false
	}
	d.seen[x] = true
	d.fact(d.label, graph.Mentions, x)
	return true
}

func (d *docWriter) labels(x quad.IRI, name syllable) {
	for _, l := range d.langs {
		v := name.en
		if l != "en" {
			v = name.zh
		}
		d.fact(x, graph.Label, quad.LangString{Value: quad.String(v), Lang: l})
	}
}

func (d *docWriter) entity(x, class quad.IRI, name syllable) bool {
	if !d.mention(x) {
		return false
	}
	d.fact(x, graph.Type, class)
	d.labels(x, name)
	return true
}

func typed(v string, t quad.IRI) quad.TypedString {
	return quad.TypedString{Value: quad.String(v), Type: t}
}

func year(y int) quad.TypedString { return typed(strconv.Itoa(y), graph.XSDGYear) }
func day(d date) quad.TypedString { return typed(d.iso(), graph.XSDDate) }
func integer(n int) quad.TypedString {
	return typed(strconv.Itoa(n), graph.XSDInteger)
}

func countryIRI(c country) quad.IRI   { return graph.EntityIRI(graph.KindCountry, c.slug) }
func cityIRI(c syllable) quad.IRI     { return graph.EntityIRI(graph.KindCity, slugify(c.en)) }
func partyIRI(p party) quad.IRI       { return graph.EntityIRI(graph.KindParty, p.slug) }
func personIRI(p person) quad.IRI     { return graph.EntityIRI(graph.KindPerson, p.slug) }
func seriesIRI(s *series) quad.IRI    { return graph.EntityIRI(graph.KindSeries, s.slug) }
func meetingIRI(slug string) quad.IRI { return graph.EntityIRI(graph.KindMeeting, slug) }
func themeIRI(t syllable) quad.IRI    { return graph.EntityIRI(graph.KindTheme, slugify(t.en)) }
func topicIRI(t syllable) quad.IRI    { return graph.EntityIRI(graph.KindTopic, slugify(t.en)) }
func sourceIRI(name string) quad.IRI  { return quad.IRI(graph.SourceNS + name) }

func orgName(host party) syllable {
	return syllable{"International Department of the " + host.name.en, host.name.zh + "对外联络部"}
}

func (d *docWriter) country(i int) quad.IRI {
	c := d.w.countries[i]
	x := countryIRI(c)
	d.entity(x, graph.Country, c.name)
	return x
}

func (d *docWriter) party(i int) quad.IRI {
	p := d.w.party(i)
	x := partyIRI(p)
	if d.entity(x, graph.PoliticalParty, p.name) {
		d.fact(x, graph.AltLabel, quad.LangString{Value: quad.String(p.abbr), Lang: "en"})
		d.fact(x, graph.CountryProp, d.country(p.country))
	}
	return x
}

func (d *docWriter) leader(i int) quad.IRI {
	p := d.w.party(i)
	l := p.leader
	x := personIRI(l)
	if d.entity(x, graph.Person, l.name) {
		for _, lang := range d.langs {
			t := l.title.en
			if lang != "en" {
				t = l.title.zh
			}
			d.fact(x, graph.JobTitle, quad.LangString{Value: quad.String(t), Lang: lang})
		}
		px := d.party(i)
		d.fact(x, graph.LeaderOf, px)
		d.fact(x, graph.MemberOf, px)
		switch l.head {
		case headOfState:
			d.fact(x, graph.HeadOfState, d.country(p.country))
		case headOfGov:
			d.fact(x, graph.HeadOfGov, d.country(p.country))
		}
	}
	return x
}

func (d *docWriter) organizer(s *series) quad.IRI {
	host := d.w.party(s.host)
	x := graph.EntityIRI(graph.KindOrganization, "international-department-of-"+host.slug)
	if d.entity(x, graph.GovernmentOrganization, orgName(host)) {
		d.fact(x, graph.MemberOf, d.party(s.host))
	}
	return x
}

func (d *docWriter) series(s *series) quad.IRI {
	x := seriesIRI(s)
	d.entity(x, graph.MeetingSeries, s.name)
	return x
}

// header writes what the document says about itself and the series.
func (d *docWriter) header() {
	src, x := d.src, d.label
	d.fact(x, graph.Type, graph.SourceDocument)
	d.fact(x, graph.Name, quad.String(src.title))
	d.fact(x, graph.InLanguage, quad.String(src.lang))
	d.fact(x, graph.Publisher, quad.String(src.publisher))
	d.fact(x, graph.DateModified, day(src.modified))
	for _, c := range src.citations {
		cx := graph.EntityIRI(graph.KindCitation, c.slug)
		d.fact(x, graph.Citation, cx)
		d.fact(cx, graph.Type, graph.CreativeWork)
		d.fact(cx, graph.URL, quad.IRI(c.url))
		d.fact(cx, graph.Name, quad.String(c.name))
		d.fact(cx, graph.Publisher, quad.String(c.publisher))
		d.fact(cx, graph.DatePublished, day(c.date))
	}
	s := src.series
	if src.genre == GenreEnWiki {
		sx := d.series(s)
		d.fact(sx, graph.Organizer, d.organizer(s))
		d.fact(sx, graph.StartDate, year(s.first))
		for _, j := range s.seeAlso {
			d.fact(sx, graph.SeeAlso, d.series(d.w.seriesAt(j)))
		}
	}
	if src.predEnd != 0 {
		sx, px := d.series(s), d.series(s.replaces)
		if src.genre != GenreEnWiki { // which gave it above
			d.fact(sx, graph.StartDate, year(s.first))
		}
		d.fact(sx, graph.Replaces, px)
		d.fact(px, graph.ReplacedBy, sx)
		d.fact(px, graph.StartDate, year(s.replaces.first))
		d.fact(px, graph.EndDate, year(src.predEnd))
	}
}

// view writes what the document says about one meeting.
func (d *docWriter) view(v view) {
	m := v.m
	x := meetingIRI(m.slug)
	d.entity(x, graph.Meeting, m.name)
	d.fact(x, graph.SuperEvent, d.series(m.series))
	if v.dates {
		d.fact(x, graph.StartDate, day(m.start))
		if !v.end.t.IsZero() {
			d.fact(x, graph.EndDate, day(v.end))
		}
	}
	if v.venue {
		if m.online() {
			d.fact(x, graph.AttendMode, graph.OnlineEvent)
		} else {
			city := d.w.countries[m.country].cities[m.city]
			cx := cityIRI(city)
			d.entity(cx, graph.City, city)
			d.country(m.country)
			d.fact(x, graph.Location, cx)
			d.fact(x, graph.AttendMode, graph.OfflineEvent)
		}
	}
	if v.organizer {
		d.fact(x, graph.Organizer, d.organizer(m.series))
	}
	if v.theme {
		tx := themeIRI(m.theme)
		d.entity(tx, graph.Theme, m.theme)
		d.fact(x, graph.ThemeProp, tx)
	}
	for _, t := range v.topics {
		tx := topicIRI(t)
		d.entity(tx, graph.Topic, t)
		d.fact(x, graph.TopicProp, tx)
	}
	if v.keynote {
		sx := graph.EntityIRI(graph.KindSpeech, m.slug+"-keynote")
		if d.entity(sx, graph.Speech, m.speech) {
			d.fact(sx, graph.Author, d.leader(m.series.host))
		}
		d.fact(x, graph.Keynote, sx)
	}
	if v.outcome {
		ox := graph.EntityIRI(graph.KindOutcome, slugify(m.outcome.en)+"-"+strconv.Itoa(m.start.year()))
		d.entity(ox, graph.OutcomeDocument, m.outcome)
		d.fact(x, graph.Outcome, ox)
	}
	for _, p := range v.speakers {
		d.fact(x, graph.Speaker, d.leader(p))
	}
	for _, p := range v.attendees {
		d.fact(x, graph.Attendee, d.party(p))
	}
	d.count(x, v.parties, graph.PartyCount, graph.PartyMin)
	d.count(x, v.countries, graph.CountryCount, graph.CountryMin)
	if v.follows {
		prev := m.series.meetingName(m.ordinal - 1)
		px := meetingIRI(slugify(prev.en))
		d.entity(px, graph.Meeting, prev)
		d.fact(x, graph.Follows, px)
		d.fact(px, graph.FollowedBy, x)
	}
}

func (d *docWriter) count(x quad.IRI, c count, exact, atLeast quad.IRI) {
	switch {
	case c.n == 0:
	case c.min:
		d.fact(x, atLeast, integer(c.n))
	default:
		d.fact(x, exact, integer(c.n))
	}
}

type quadVisitor struct {
	w   *world
	e   *emitter
	doc *docWriter // the series article
}

func (v *quadVisitor) newDoc(src *source) *docWriter {
	d := &docWriter{e: v.e, w: v.w, src: src, label: sourceIRI(src.name), langs: src.labelLangs(), seen: map[quad.IRI]bool{}}
	d.header()
	return d
}

func (v *quadVisitor) series(s *series, doc *source) bool {
	v.doc = v.newDoc(doc)
	return !v.e.done()
}

func (v *quadVisitor) meeting(m *meeting, _ *source, sv view, docs []*source) bool {
	v.doc.view(sv)
	for _, src := range docs {
		d := v.newDoc(src)
		for _, vw := range src.views {
			d.view(vw)
		}
	}
	return !v.e.done()
}

func (v *quadVisitor) endSeries(*source) bool { return !v.e.done() }
