package extract

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/gazetteer"
	"github.com/partygraph/partygraph/loaders/text"
)

// Extractor turns documents into quads. Its fields are its settings; the
// zero value is not usable, make one with New.
type Extractor struct {
	// Gazetteer links names to the entities it knows; may be nil, in which
	// case only entities the text introduces are found.
	Gazetteer *gazetteer.Gazetteer
	// Cues are the keyword tables of the relation rules.
	Cues Cues
}

// New returns an Extractor with the default cue tables.
func New(gz *gazetteer.Gazetteer) *Extractor {
	return &Extractor{Gazetteer: gz, Cues: DefaultCues()}
}

// Extract returns the facts doc states, every quad under label, using the
// default cue tables. See Extractor.Extract.
func Extract(doc *loaders.Document, gz *gazetteer.Gazetteer, label quad.IRI) ([]quad.Quad, error) {
	return New(gz).Extract(doc, label)
}

// ErrNoLabel is returned when Extract is given an empty label.
var ErrNoLabel = errors.New("no source label")

// Extract returns the facts doc states, as quads under label, sorted by their
// N-Quads form: the source document node (the label itself), the series and
// meetings it describes with their dates, places, organisers, themes,
// topics, speeches, outcomes and counts, the people and parties it names
// with the titles it gives them, and a pg:mentions link to every entity.
func (x *Extractor) Extract(doc *loaders.Document, label quad.IRI) ([]quad.Quad, error) {
	if doc == nil {
		return nil, errors.New("extract: nil document")
	}
	if label == "" {
		return nil, fmt.Errorf("extract %s: %w", doc.Name, ErrNoLabel)
	}
	r := &run{
		x:      x,
		doc:    doc,
		label:  label,
		out:    newFacts(label),
		reg:    newRegistry(x.Gazetteer),
		ranges: map[*entity]*yearRange{},
		themes: map[*meeting]*entity{},

		cities:          map[*meeting][]*entity{},
		onlineMeetings:  map[*meeting]bool{},
		offlineMeetings: map[*meeting]bool{},
		topicList:       map[*meeting][]name{},
		outcomeList:     map[*meeting][]name{},
		merged:          map[*entity]*entity{},
	}
	r.lang = docLang(doc)
	r.units = units(doc, r.lang)
	if strings.TrimSpace(doc.Title) != "" {
		lang := r.lang
		r.title = &unit{folded: newFolded(doc.Title), Kind: loaders.Heading, Lang: langOf(doc.Title, lang), Start: -1}
		r.title.Quotes = findQuotes(doc.Title)
		r.linkMentions(r.title)
	}
	for _, u := range r.units {
		r.linkMentions(u)
		r.quotedSeries(u)
	}
	if r.title != nil {
		r.quotedSeries(r.title)
	}
	r.findSeries()
	for _, u := range r.units {
		for _, m := range u.Mentions {
			// "亚洲政党国际会议第十五届大会" names one meeting, not the series.
			if m.Ent.Kind == graph.KindSeries && !r.headline(u, m.span) && !zhOrdinalRx.MatchString(m.Text) {
				r.nameSeries(m.Ent, m.Text, u.Lang)
			}
		}
	}
	r.findMeetings()
	r.assignMeetings()
	// Parties named with their country first, so that a short name later
	// finds the same party; then the other party names; then people.
	for _, u := range r.units {
		r.freeParties(u, true)
	}
	for _, u := range r.units {
		r.freeParties(u, false)
	}
	for _, u := range r.units {
		r.people(u)
	}
	for _, u := range r.units {
		r.shortForms(u)
		r.recurringNames(u)
	}
	for _, u := range r.units {
		r.relations(u)
	}
	r.citedWorks()
	r.sequence()
	r.modes()
	for _, m := range r.meetings {
		r.listed(m, graph.KindTopic, graph.TopicProp, r.topicList[m])
		r.listed(m, graph.KindOutcome, graph.Outcome, r.outcomeList[m])
	}
	r.source()
	r.align()
	r.emitEntities()
	return r.out.sorted(), nil
}

// run is the state of one extraction.
type run struct {
	x     *Extractor
	doc   *loaders.Document
	label quad.IRI
	lang  string // the document's main language
	out   *facts
	reg   *registry

	title        *unit
	units        []*unit
	series       *entity // the series the document is about
	ranges       map[*entity]*yearRange
	meetings     []*meeting
	titleMeeting *meeting
	themes       map[*meeting]*entity

	cities          map[*meeting][]*entity
	onlineMeetings  map[*meeting]bool
	offlineMeetings map[*meeting]bool // said to be held in person too
	topicList       map[*meeting][]name
	outcomeList     map[*meeting][]name
	seriesList      []*gazetteer.Entry
	titled          []titled
	merged          map[*entity]*entity
}

// relations applies the relation rules to one unit.
func (r *run) relations(u *unit) {
	if u.Row != nil {
		return
	}
	r.replaces(u)
	r.seeAlso(u)
	if u.Kind == loaders.Heading {
		return
	}
	r.organizer(u)
	r.facts(u)
	m := u.Meeting
	if m == nil {
		return
	}
	r.location(u, m)
	r.online(u, m)
	r.themeRule(u, m)
	r.topics(u, m)
	r.keynote(u, m)
	r.speakers(u, m)
	r.outcomes(u, m)
	r.counts(u, m)
}

// emitEntities writes the type, labels and mention of every entity the
// document names, and the facts of its meetings.
func (r *run) emitEntities() {
	for _, m := range r.meetings {
		id := m.Ent.IRI
		r.out.add(id, graph.SuperEvent, m.Series.IRI)
		for _, d := range precise(m.Start) {
			r.out.add(id, graph.StartDate, date(d))
		}
		for _, d := range precise(m.End) {
			r.out.add(id, graph.EndDate, date(d))
		}
		if m.First {
			r.out.add(m.Series.IRI, graph.StartDate, date(m.Year))
		}
		for _, lang := range r.langs() {
			if l := m.Series.label(lang); l != "" {
				if strings.HasPrefix(lang, "zh") {
					m.Ent.addName(m.Year+"年"+l, lang)
				} else {
					m.Ent.addName(l+" "+m.Year, lang)
				}
			}
		}
	}
	for _, e := range r.reg.order {
		if r.merged[e] != nil {
			continue
		}
		c := classOf(e.Kind)
		if e.Entry != nil {
			c = e.Entry.Class()
		}
		if c != "" {
			r.out.add(e.IRI, graph.Type, c)
		}
		seen := map[string]bool{}
		for _, n := range e.names {
			p := graph.Label
			// One label per language: a second name, or a name other than
			// the one the gazetteer gives, is another name.
			if seen[n.Lang] || e.Entry != nil && e.label(n.Lang) != "" && text.Fold(e.label(n.Lang)) != text.Fold(n.Text) {
				p = graph.AltLabel
			}
			seen[n.Lang] = true
			r.out.add(e.IRI, p, lit(n.Text, n.Lang))
		}
		if e.country != nil {
			r.out.add(e.IRI, graph.CountryProp, e.country.IRI)
		}
		switch e.Kind {
		case graph.KindTheme, graph.KindTopic, graph.KindSpeech, graph.KindOutcome, graph.KindCitation:
		default:
			r.out.add(r.label, graph.Mentions, e.IRI)
		}
	}
}

// docLang returns the document's main language: the one its parser gave,
// made precise from its text where the parser gave only "zh" or nothing.
func docLang(doc *loaders.Document) string {
	if doc.Lang != "" && doc.Lang != "zh" {
		return doc.Lang
	}
	sample := doc.Title
	for _, b := range doc.Blocks {
		if len(sample) > 2000 {
			break
		}
		if b.Kind == loaders.Paragraph {
			sample += "\n" + b.Text
		}
	}
	if l := text.Lang(sample); l != "" {
		return l
	}
	return doc.Lang
}

// langs returns the languages of the document's text, the main one first.
func (r *run) langs() []string {
	var out []string
	add := func(l string) {
		if l != "" && !containsStr(out, l) {
			out = append(out, l)
		}
	}
	add(r.lang)
	for _, u := range r.units {
		if u.Kind == loaders.Paragraph {
			add(u.Lang)
		}
	}
	return out
}

// source writes the facts about the document itself and the works it cites.
func (r *run) source() {
	d, id := r.doc, r.label
	r.out.add(id, graph.Type, graph.SourceDocument)
	if t := strings.TrimSpace(d.Title); t != "" {
		r.out.add(id, graph.Name, lit(t, langOf(t, r.lang)))
	}
	// The document's languages: its main one, and those of its paragraphs
	// (a page with the same text in English and Chinese is in both).
	for _, l := range r.langs() {
		r.out.add(id, graph.InLanguage, quad.String(l))
	}
	for k, v := range d.Meta {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		switch strings.ToLower(k) {
		case "by", "publisher", "source", "journal name", "journal":
			r.out.add(id, graph.Publisher, quad.String(v))
		case "updated", "modified", "last modified", "date modified":
			if dt, err := text.ParseDate(v); err == nil {
				r.out.add(id, graph.DateModified, date(dt))
			}
		case "publication date", "published", "date published", "date":
			if dt, err := text.ParseDate(v); err == nil {
				r.out.add(id, graph.DatePublished, date(dt))
			}
		}
	}
	for _, ref := range d.References {
		r.citation(ref)
	}
}

// citation writes one cited work: a schema:CreativeWork named by its URL,
// else by its title, else by its whole text.
func (r *run) citation(ref loaders.Reference) {
	key := ref.URL
	if key == "" {
		key = ref.Title
	}
	if key == "" {
		key = ref.Text
	}
	slug := text.Slug(key)
	if slug == "" {
		return
	}
	id := graph.EntityIRI(graph.KindCitation, slug)
	r.out.add(r.label, graph.Citation, id)
	r.out.add(id, graph.Type, graph.CreativeWork)
	if ref.URL != "" {
		if u, err := url.Parse(ref.URL); err == nil && u.Scheme != "" && u.Host != "" && !strings.ContainsAny(ref.URL, " <>\"{}|\\^`") {
			r.out.add(id, graph.URL, quad.IRI(ref.URL))
		} else {
			r.out.add(id, graph.URL, quad.String(ref.URL))
		}
	}
	name := strings.TrimSpace(ref.Title)
	if name == "" {
		name = strings.TrimSpace(ref.Text)
	}
	if name != "" {
		lang := ref.Lang
		if lang == "" || lang == "zh" {
			lang = langOf(name, r.lang)
		}
		r.out.add(id, graph.Name, lit(name, lang))
	}
	if p := strings.TrimSpace(ref.Publisher); p != "" {
		r.out.add(id, graph.Publisher, quad.String(p))
	}
	if ref.Date != "" {
		if dt, err := text.ParseDate(ref.Date); err == nil {
			r.out.add(id, graph.DatePublished, date(dt))
		}
	}
}
