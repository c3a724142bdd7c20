package gen

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteCorpus writes the documents about cfg.Meetings meetings into dir (made
// if missing), one .txt file per source: for each meeting an official
// bilingual web page, a journal article page and a Chinese wikitext article
// (each present or not, as the N-Quads say), and for each series a
// wiki-export article listing its meetings. File names are the source names
// of WriteNQuads, so loading the corpus gives the same labels. It returns
// how many files it wrote.
func WriteCorpus(dir string, cfg Config) (int, error) {
	cfg, err := cfg.check()
	if err != nil {
		return 0, err
	}
	if cfg.Meetings == 0 {
		return 0, errors.New("gen: WriteCorpus needs Meetings")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("gen: %w", err)
	}
	v := &corpusVisitor{w: newWorld(cfg), dir: dir}
	v.w.walk(v)
	if v.err != nil {
		return v.files, fmt.Errorf("gen: write corpus: %w", v.err)
	}
	return v.files, nil
}

type corpusVisitor struct {
	w     *world
	dir   string
	files int
	err   error
}

func (v *corpusVisitor) write(src *source) {
	if v.err != nil {
		return
	}
	path := filepath.Join(v.dir, src.name+".txt")
	f, err := os.Create(path)
	if err != nil {
		v.err = err
		return
	}
	b := bufio.NewWriter(f)
	r := renderer{w: v.w, b: b, src: src}
	switch src.genre {
	case GenreWeb:
		r.web()
	case GenreJournal:
		r.journal()
	case GenreZhWiki:
		r.zhwiki()
	case GenreEnWiki:
		r.enwiki()
	}
	if err := b.Flush(); err != nil {
		f.Close()
		v.err = err
		return
	}
	if err := f.Close(); err != nil {
		v.err = err
		return
	}
	v.files++
}

func (v *corpusVisitor) series(*series, *source) bool { return v.err == nil }

func (v *corpusVisitor) meeting(_ *meeting, doc *source, sv view, docs []*source) bool {
	doc.views = append(doc.views, sv)
	for _, d := range docs {
		v.write(d)
	}
	return v.err == nil
}

func (v *corpusVisitor) endSeries(doc *source) bool {
	if len(doc.views) > 0 {
		v.write(doc)
	}
	return v.err == nil
}

// renderer writes one document's text.
type renderer struct {
	w   *world
	b   *bufio.Writer
	src *source
}

func (r *renderer) p(format string, args ...any) { fmt.Fprintf(r.b, format, args...) }

func (r *renderer) venueEn(m *meeting) string {
	if m.online() {
		return "Videoconference"
	}
	c := r.w.countries[m.country]
	return c.cities[m.city].en + ", " + c.name.en
}

// personEn is "Name, Title of the Party" as reports write it.
func (r *renderer) personEn(i int) string {
	p := r.w.party(i)
	s := fmt.Sprintf("%s, %s of the %s", p.leader.name.en, p.leader.title.en, p.name.en)
	switch p.leader.head {
	case headOfState:
		s += " and President of " + r.w.countries[p.country].name.en
	case headOfGov:
		s += " and Prime Minister of " + r.w.countries[p.country].name.en
	}
	return s
}

func (r *renderer) personZh(i int) string {
	p := r.w.party(i)
	return p.name.zh + p.leader.title.zh + p.leader.name.zh
}

func joinEn(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func countEn(c count, what string) string {
	if c.min {
		return fmt.Sprintf("more than %d %s", c.n, what)
	}
	return fmt.Sprintf("%d %s", c.n, what)
}

// countZh writes "200多" for "more than 200".
func countZh(c count) string {
	if c.min {
		return fmt.Sprintf("%d多", c.n)
	}
	return fmt.Sprint(c.n)
}

func (r *renderer) datesEn(v view) string {
	end := v.m.start
	if !v.end.t.IsZero() {
		end = v.end
	}
	if end.t.Equal(v.m.start.t) {
		return "on " + v.m.start.en()
	}
	return "from " + rangeEn(v.m.start, end)
}

// web writes an official bilingual web page, like the seed from a state news site.
func (r *renderer) web() {
	src, v := r.src, r.src.views[0]
	m := v.m
	host := r.w.party(m.series.host)
	r.p("中文|English|Français|Русский язык|Español|عربي|Deutsch\nHome > Party Diplomacy\n\n%s\n\nUpdated:%s | By:%s\n\n%s\n\n", m.name.en, src.modified.iso(), src.publisher, m.name.en)
	where := "in " + r.venueEn(m)
	if m.online() {
		where = "via video link"
	}
	r.p("The meeting was hosted by the %s %s %s. ", orgName(host).en, r.datesEn(v), where)
	if v.follows {
		prev := m.series.meetingName(m.ordinal - 1)
		r.p("It was the %s meeting of the %s and followed the %s. ", ordinalEn(m.ordinal), m.series.name.en, prev.en)
	}
	r.p("Delegates representing %s and political organizations from over %d countries attended the meeting.\n\n", countEn(v.parties, "political parties"), v.countries.n)
	r.p("The theme was \"%s.\"", m.theme.en)
	if len(v.topics) > 0 {
		var ts []string
		for i, t := range v.topics {
			switch {
			case i == len(v.topics)-1 && i > 0:
				ts = append(ts, "and \""+t.en+".\"")
			case i == len(v.topics)-1:
				ts = append(ts, "\""+t.en+".\"")
			default:
				ts = append(ts, "\""+t.en+",\"")
			}
		}
		r.p(" Extensive interactions and in-depth discussions were conducted on the following topics - %s", strings.Join(ts, " "))
	}
	r.p("\n\n%s addressed the opening session with a keynote speech entitled \"%s.\"", r.personEn(m.series.host), m.speech.en)
	if len(v.speakers) > 1 {
		var ss []string
		for _, p := range v.speakers[1:] {
			ss = append(ss, r.personEn(p))
		}
		r.p(" At the opening ceremony, %s spoke.", joinEn(ss))
	}
	if len(v.attendees) > 1 {
		var ps []string
		for _, p := range v.attendees[1:] {
			ps = append(ps, "the "+r.w.party(p).name.en)
		}
		r.p(" Parties taking part included %s.", joinEn(ps))
	}
	if v.outcome {
		r.p(" The meeting concluded with the %s.", m.outcome.en)
	}
	r.p("\n\n\n%s由%s主办,于%s", m.series.name.zh, orgName(host).zh, rangeZh(m.start, endOr(v)))
	if m.online() {
		r.p("以视频方式举行。")
	} else {
		c := r.w.countries[m.country]
		r.p("在%s%s举行。", c.name.zh, c.cities[m.city].zh)
	}
	r.p("来自%s个国家的%s个政党和政治组织领导人,以“%s”为主题", countZh(v.countries), countZh(v.parties), m.theme.zh)
	if len(v.topics) > 0 {
		r.p(",就")
		for _, t := range v.topics {
			r.p("“%s”", t.zh)
		}
		r.p("等议题进行了广泛深入的对话交流")
	}
	r.p("。%s出席开幕式并发表了题为《%s》的主旨演讲", r.personZh(m.series.host), m.speech.zh)
	if v.outcome {
		r.p(",会议发表了《%s》", m.outcome.zh)
	}
	r.p("。\n\nContact Us\n")
}

func endOr(v view) date {
	if v.end.t.IsZero() {
		return v.m.start
	}
	return v.end
}

// journal writes a journal article page, like the seed from an academic journal site.
func (r *renderer) journal() {
	src, v := r.src, r.src.views[0]
	m := v.m
	s := m.series
	r.p("%s\n\nPublication type Article\nStatus Published\nOccupation: Senior Researcher\nAffiliation: Institute of Party Studies\nJournal name%s\nEditionIssue %d\n\n",
		src.title, src.publisher, 1+m.index%6)
	r.p("The “%s” has been held since %d", s.name.en, s.first)
	if src.predEnd != 0 {
		r.p(" and replaced the less ambitious “%s” held in %d-%d", s.replaces.name.en, s.replaces.first, src.predEnd)
	}
	r.p(". The key theme of the current meeting — “%s” was chosen by the hosts. ", m.theme.en)
	r.p("%s delivered a key speech, “%s”. ", r.w.party(s.host).leader.name.en, m.speech.en)
	kind := "The meeting in " + r.venueEn(m)
	if m.online() {
		kind = "The online forum"
	}
	r.p("%s, held on %s, was attended by representatives of %s from %s.", kind, m.start.en(),
		countEn(v.parties, "political parties"), countEn(v.countries, "countries and regions"))
	if len(v.speakers) > 1 {
		var ss []string
		for _, p := range v.speakers[1:] {
			ss = append(ss, r.personEn(p))
		}
		r.p(" Among the speakers were %s.", joinEn(ss))
	}
	r.p("\n\nKeywords%s, party diplomacy\nPublication date%s\n\n", s.name.en, src.modified.dotted())
	for i, c := range src.citations {
		r.p("%d. %s. %s. %s. URL: %s (accessed: %s).\n\n", i+1, c.name, c.publisher, c.date.dotted(), c.url, c.date.addDays(30).dotted())
	}
}

// zhwiki writes a Chinese wikitext article, like the seed from Chinese Wikipedia.
func (r *renderer) zhwiki() {
	src, v := r.src, r.src.views[0]
	m := v.m
	s := m.series
	host := r.w.party(s.host)
	r.p("'''%s'''（{{lang-en|%s}}）是由[[%s|%s]]主办的国际性[[政党|政党]]间交流会，", m.name.zh, m.name.en, orgName(host).zh, orgName(host).zh)
	if m.online() {
		r.p("于%s以视频方式举行。", rangeZh(m.start, endOr(v)))
	} else {
		c := r.w.countries[m.country]
		r.p("于%s在[[%s|%s]][[%s|%s]]举行。", rangeZh(m.start, endOr(v)), c.name.zh, c.name.zh, c.cities[m.city].zh, c.cities[m.city].zh)
	}
	for i, c := range src.citations {
		if i < 2 {
			r.p("<ref>{{Cite news |url=%s |title=%s |publisher=[[%s|%s]] |date=%s}}</ref>", c.url, c.name, c.publisher, c.publisher, c.date.iso())
		}
	}
	r.p("%s[[%s|%s]]出席开幕式并发表主旨讲话。\n\n", host.leader.title.zh, host.leader.name.zh, host.leader.name.zh)
	r.p("大会的主题为「%s」。有全球%s个国家的%s个政党报名参加该次会议。", m.theme.zh, countZh(v.countries), countZh(v.parties))
	for i, c := range src.citations {
		if i >= 2 {
			r.p("<ref>{{Cite news |url=%s |title=%s |publisher=[[%s|%s]] |date=%s}}</ref>", c.url, c.name, c.publisher, c.publisher, c.date.iso())
		}
	}
	r.p("\n\n== 参考文献 ==\n{{Reflist|30em}}\n\n== 参见 ==\n* [[%s|%s]]\n", s.name.zh, s.name.zh)
	r.p("\n[[Category:%d年国际会议|Category:%d年国际会议]]\n[[Category:政党集会|Category:政党集会]]\n", m.start.year(), m.start.year())
}

// enwiki writes a wiki-export article about a series, like the seed exported from English Wikipedia.
func (r *renderer) enwiki() {
	src := r.src
	s := src.series
	host := r.w.party(s.host)
	r.p("= %s =\n\n%s,\n- Country: %s\n- Date: Since %d\n\n", s.name.en, s.name.en, r.w.countries[host.country].name.en, s.first)
	r.p("The %s is an international political party exchange meeting hosted by the %s.", s.name.en, orgName(host).en)
	if src.predEnd != 0 {
		r.p(" It was formerly known as the %s held from %d to %d.", s.replaces.name.en, s.replaces.first, src.predEnd)
	}
	r.p("\n\n== List of meetings ==\n  - Basic information of previous meetings**\n\n| | Venue | Date | Theme of the Dialogue |\n")
	for i, v := range src.views {
		r.p("| %d | %s | %s | “%s” |\n", i+1, r.venueEn(v.m), rangeEn(v.m.start, endOr(v)), v.m.theme.en)
	}
	r.p("\n== Meetings ==\n")
	for _, v := range src.views {
		m := v.m
		r.p("\n=== %d ===\n", m.start.year())
		if m.online() {
			r.p("The %s meeting was held via video link %s", ordinalEn(m.ordinal), r.datesEn(v))
		} else {
			r.p("The %s meeting was held in %s, %s", ordinalEn(m.ordinal), r.venueEn(m), r.datesEn(v))
		}
		r.p(", with the theme of \"%s\".", m.theme.en)
		if v.keynote {
			r.p(" %s attended the opening ceremony and delivered a keynote speech.", r.personEn(s.host))
		}
		if len(v.speakers) > 1 {
			var ss []string
			for _, p := range v.speakers[1:] {
				ss = append(ss, r.personEn(p))
			}
			r.p(" At the opening ceremony, %s spoke.", joinEn(ss))
		}
		r.p("\n")
	}
	if len(s.seeAlso) > 0 {
		r.p("\n== See also ==\n\n")
		for _, j := range s.seeAlso {
			r.p("- %s\n", r.w.seriesAt(j).name.en)
		}
	}
}
