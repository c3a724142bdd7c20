package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/text"
)

// Cited speeches: "携手同行现代化之路—在中国共产党与世界政党高层对话会上的主旨讲话",
// "Strengthening Cooperation … . Keynote speech at the CPC and World
// Political Parties Summit", "(Xi Jinping. Walking the Road … — Keynote
// Speech at the High-level Dialogue …)".
var (
	zhCitedKeynoteRx = regexp.MustCompile(`^(.+?)\s*[—–-]+\s*在(.+?)上的主旨(?:讲话|講話|演讲|演講|发言|發言)$`)
	enCitedKeynoteRx = regexp.MustCompile(`(?i)\bkeynote (?:speech|address) at (?:the )?([^.()]+)`)
	enCitedTitleRx   = regexp.MustCompile(`\(([^().]+)\.\s*([^()]+?)\s*[—–-]+\s*(?i:keynote (?:speech|address) at)`)
)

// citedWorks reads what the works a document cites say about meetings: a
// keynote speech given at a meeting of a series ("TITLE—在X上的主旨讲话",
// "TITLE. Keynote speech at X."), and an outcome document named after a
// series ("X共同倡议"). The meeting is the series' meeting of the year of the
// work's date; the speech's author must be a person the gazetteer or the
// document knows.
func (r *run) citedWorks() {
	for _, ref := range r.doc.References {
		year := refYear(ref)
		if year == "" {
			continue
		}
		r.citedKeynote(ref, year)
		r.citedOutcome(ref, year)
	}
}

func refYear(ref loaders.Reference) string {
	if ds := text.FindDates(ref.Date); len(ds) > 0 && len(ds[0].Start) >= 4 {
		return ds[0].Start[:4]
	}
	if m := yearRx.FindStringSubmatch(ref.Date); m != nil {
		return m[1]
	}
	return ""
}

func (r *run) citedKeynote(ref loaders.Reference, year string) {
	t := strings.TrimSpace(ref.Title)
	var title, seriesName, enTitle string
	if m := zhCitedKeynoteRx.FindStringSubmatch(t); m != nil {
		title, seriesName = strings.TrimSpace(m[1]), m[2]
	} else if m := enCitedKeynoteRx.FindStringSubmatch(ref.Text); m != nil && !enCitedKeynoteRx.MatchString(t) {
		title, seriesName = t, strings.TrimSpace(m[1])
	}
	if seriesName == "" {
		return
	}
	if m := enCitedTitleRx.FindStringSubmatch(ref.Text); m != nil {
		enTitle = strings.TrimSpace(m[2])
	}
	series := r.knownSeries(seriesName)
	author := r.knownPerson(ref.Author)
	if series == nil || author == nil {
		return
	}
	sp := r.addKeynote(r.meetingOf(series, year), author)
	for _, n := range []string{title, enTitle} {
		if n != "" {
			sp.addName(n, langOf(n, r.lang))
		}
	}
}

// citedOutcome: a cited work whose title is a series' name followed by an
// outcome word ("X共同倡议", "X宣言") is that meeting's outcome document.
func (r *run) citedOutcome(ref loaders.Reference, year string) {
	t := strings.TrimSpace(ref.Title)
	if !hasHan(t) {
		return
	}
	k := text.Fold(t)
	var series *entity
	r.eachSeriesName(func(name string, get func() *entity) bool {
		n := text.Fold(name)
		if !hasHan(n) || !strings.HasPrefix(k, n) {
			return false
		}
		rest := k[len(n):]
		if rest == "" || utf8.RuneCountInString(rest) > 6 {
			return false
		}
		for _, w := range r.x.Cues.OutcomeWord {
			if hasHan(w) && strings.HasSuffix(rest, w) {
				series = get()
				return true
			}
		}
		return false
	})
	if series != nil {
		m := r.meetingOf(series, year)
		r.outcomeList[m] = append(r.outcomeList[m], name{t, langOf(t, r.lang)})
	}
}

// eachSeriesName calls f with each name of the series of the document and
// of the gazetteer, and a function that returns the series as an entity of
// the document; it stops when f returns true.
func (r *run) eachSeriesName(f func(name string, get func() *entity) bool) {
	for _, e := range r.reg.order {
		if e.Kind != graph.KindSeries {
			continue
		}
		get := func() *entity { return e }
		for _, l := range []string{"zh-Hans", "zh-Hant", "en"} {
			if n := e.label(l); n != "" && f(n, get) {
				return
			}
		}
	}
	if r.reg.gz == nil {
		return
	}
	for _, en := range r.reg.gz.Entries() {
		if kindOf(en.Kind) != graph.KindSeries {
			continue
		}
		get := func() *entity { return r.reg.fromEntry(en) }
		for _, n := range en.Names() {
			if f(n, get) {
				return
			}
		}
	}
}

// knownSeries returns the series named s the gazetteer or the document
// knows, or nil.
func (r *run) knownSeries(s string) *entity {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "the "))
	if e := r.reg.lookup(s, graph.KindSeries); e != nil {
		return e
	}
	return r.named(s, graph.KindSeries)
}

// knownPerson returns the person named s the gazetteer or the document
// knows, or nil: a cited author is not introduced ("Ivanov I.I.").
func (r *run) knownPerson(s string) *entity {
	s = strings.Trim(strings.TrimSpace(s), ".")
	if s == "" {
		return nil
	}
	if e := r.reg.lookup(s, graph.KindPerson); e != nil {
		return e
	}
	// 宋文彬 is the Song Wenbin the text introduced.
	if py := text.NameSlug(s); py != "" {
		if e := r.reg.byIRI[graph.EntityIRI(graph.KindPerson, py)]; e != nil {
			return e
		}
	}
	return r.named(s, graph.KindPerson)
}

// named returns the entity of kind the document has introduced under the
// name s, or nil.
func (r *run) named(s, kind string) *entity {
	k := text.Fold(s)
	for _, e := range r.reg.order {
		if e.Kind != kind || r.merged[e] != nil {
			continue
		}
		for _, n := range e.names {
			if text.Fold(n.Text) == k {
				return e
			}
		}
	}
	return nil
}
