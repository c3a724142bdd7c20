package gen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// Config describes what to generate. The zero values of the optional fields
// give the defaults.
type Config struct {
	Seed uint64 // the same seed gives the same output

	// Meetings is how many meetings to generate; 0 means no limit, in which
	// case Quads must be set.
	Meetings int
	// Quads is how many quads WriteNQuads writes, exactly (unless Meetings
	// runs out first); 0 means no limit. WriteCorpus ignores it.
	Quads int

	Countries int // countries in the world; 0 means 200
	Parties   int // parties across the countries; 0 means 5000
}

// Defaults of Config.
const (
	DefaultCountries = 200
	DefaultParties   = 5000
)

func (c Config) check() (Config, error) {
	if c.Countries == 0 {
		c.Countries = DefaultCountries
	}
	if c.Parties == 0 {
		c.Parties = DefaultParties
	}
	switch {
	case c.Meetings < 0 || c.Quads < 0:
		return c, errors.New("gen: negative size")
	case c.Countries < 2 || c.Countries > 2000:
		return c, fmt.Errorf("gen: %d countries: want 2 to 2000", c.Countries)
	case c.Parties < c.Countries || c.Parties > 100000:
		return c, fmt.Errorf("gen: %d parties: want %d (one per country) to 100000", c.Parties, c.Countries)
	}
	return c, nil
}

// Streams of the random generator: every entity draws from its own stream,
// keyed by kind and index, so nothing depends on generation order.
const (
	streamCountry = iota + 1
	streamParty
	streamSeries
	streamMeeting
	streamSource
	streamChain
)

func newRand(seed uint64, kind, index int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(kind)<<48^uint64(index)*0x9E3779B97F4A7C15))
}

type country struct {
	slug   string
	name   syllable
	cities []syllable
}

type party struct {
	index   int
	slug    string
	name    syllable
	abbr    string
	country int
	leader  person
}

type person struct {
	slug  string
	name  syllable
	title syllable // party title
	head  int      // 0, headOfState or headOfGov
	party int
}

const (
	headOfState = 1
	headOfGov   = 2
)

// world is the fixed cast: countries with their cities, and parties (made on
// demand from their index, so memory does not grow with the party count).
type world struct {
	cfg       Config
	countries []country
}

func newWorld(cfg Config) *world {
	w := &world{cfg: cfg}
	used := map[string]bool{}
	const space = uint64(len(syllables) * len(syllables) * len(syllables))
	for i := range cfg.Countries {
		r := newRand(cfg.Seed, streamCountry, i)
		var c country
		for {
			n := 2 + r.IntN(2)
			base := word(r.Uint64N(space), n)
			suf := countrySuffixes[r.IntN(len(countrySuffixes))]
			c.name = syllable{base.en + suf.en, base.zh + suf.zh}
			if !used[c.name.en] {
				break
			}
		}
		used[c.name.en] = true
		c.slug = slugify(c.name.en)
		for k := range 3 {
			for {
				city := word(r.Uint64N(space), 2+r.IntN(2))
				if k == 0 {
					city = syllable{city.en + " City", city.zh + "城"}
				}
				if !used[city.en] {
					used[city.en] = true
					c.cities = append(c.cities, city)
					break
				}
			}
		}
		w.countries = append(w.countries, c)
	}
	return w
}

// party returns party i: parties are spread round-robin over the countries;
// party i < Countries is its country's ruling party.
func (w *world) party(i int) party {
	nc := len(w.countries)
	ci := i % nc
	round := i / nc
	kind := partyKinds[(round+ci*7)%len(partyKinds)]
	q := round / len(partyKinds)
	qual := partyQualifiers[q%len(partyQualifiers)]
	c := w.countries[ci]
	en := kind.en + " of " + c.name.en
	zh := c.name.zh + kind.zh
	if qual.en != "" {
		en = qual.en + " " + en
		zh = c.name.zh + qual.zh + kind.zh
	}
	if extra := q / len(partyQualifiers); extra > 0 {
		en += " " + strconv.Itoa(extra+1)
		zh += strconv.Itoa(extra + 1)
	}
	p := party{index: i, name: syllable{en, zh}, slug: slugify(en), abbr: initials(en), country: ci}

	r := newRand(w.cfg.Seed, streamParty, i)
	given := word(r.Uint64N(uint64(len(syllables)*len(syllables))), 2)
	const famSpace = 48 * 48 * 48
	fam := word((uint64(i)*7919+w.cfg.Seed)%famSpace, 3)
	p.leader = person{
		name:  syllable{given.en + " " + fam.en, given.zh + "·" + fam.zh},
		title: leaderTitles[r.IntN(len(leaderTitles))],
		party: i,
	}
	p.leader.slug = slugify(p.leader.name.en)
	if i < nc {
		p.leader.head = headOfState + r.IntN(2)
	}
	return p
}

// date is a calendar day.
type date struct{ t time.Time }

func mkdate(y, m, d int) date     { return date{time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)} }
func (d date) addDays(n int) date { return date{d.t.AddDate(0, 0, n)} }
func (d date) iso() string        { return d.t.Format("2006-01-02") }
func (d date) year() int          { return d.t.Year() }
func (d date) en() string {
	return fmt.Sprintf("%s %d, %d", months[d.t.Month()-1], d.t.Day(), d.t.Year())
}
func (d date) zh() string     { return fmt.Sprintf("%d年%d月%d日", d.t.Year(), d.t.Month(), d.t.Day()) }
func (d date) dotted() string { return d.t.Format("02.01.2006") }

// rangeEn writes "November 30 to December 3, 2017" or "March 15, 2023".
func rangeEn(a, b date) string {
	switch {
	case a.t.Equal(b.t):
		return a.en()
	case a.t.Year() != b.t.Year():
		return a.en() + " to " + b.en()
	case a.t.Month() == b.t.Month():
		return fmt.Sprintf("%s %d to %d, %d", months[a.t.Month()-1], a.t.Day(), b.t.Day(), a.t.Year())
	}
	return fmt.Sprintf("%s %d to %s %d, %d", months[a.t.Month()-1], a.t.Day(), months[b.t.Month()-1], b.t.Day(), a.t.Year())
}

// rangeZh writes "2017年11月30日至12月3日".
func rangeZh(a, b date) string {
	switch {
	case a.t.Equal(b.t):
		return a.zh()
	case a.t.Year() != b.t.Year():
		return a.zh() + "至" + b.zh()
	}
	return fmt.Sprintf("%s至%d月%d日", a.zh(), b.t.Month(), b.t.Day())
}

type series struct {
	index    int
	slug     string
	name     syllable
	host     int // party
	form     int
	first    int // year of the first meeting
	interval int // years between meetings
	meetings int
	replaces *series // the series this one took over from (its own replaces is nil)
	chain    int     // how many series this one continues
	seeAlso  []int   // earlier series a document points to
}

func (s *series) lastYear() int { return s.first + (s.meetings-1)*s.interval }

// meetingName returns the name of the series' meeting of the given ordinal.
func (s *series) meetingName(ordinal int) syllable {
	y := s.first + ordinal*s.interval
	return syllable{fmt.Sprintf("%s %d", s.name.en, y), fmt.Sprintf("%d年%s", y, s.name.zh)}
}

// chained reports whether series j takes over from series j-1. Chains
// never cross a multiple of four, so they are at most four series long.
func (w *world) chained(j int) bool {
	return j%4 != 0 && newRand(w.cfg.Seed, streamChain, j).IntN(10) < 3
}

// seriesAt returns series j, replaying its chain from the start.
func (w *world) seriesAt(j int) *series {
	root := j
	for w.chained(root) {
		root--
	}
	var s *series
	for k := root; k <= j; k++ {
		s = w.newSeries(k, s)
	}
	return s
}

// newSeries returns series j; prev is series j-1 (nil for the first, and
// allowed to be nil when series j starts a chain).
func (w *world) newSeries(j int, prev *series) *series {
	r := newRand(w.cfg.Seed, streamSeries, j)
	s := &series{index: j, meetings: 2 + r.IntN(9), interval: 1 + r.IntN(2)}
	if w.chained(j) {
		s.host, s.form, s.chain = prev.host, (prev.form+1)%len(seriesForms), prev.chain+1
		s.first = prev.lastYear() + 1
		p := *prev
		p.replaces, p.seeAlso = nil, nil
		s.replaces = &p
	} else {
		// A bijection of j onto the parties gives each series its own host.
		s.host = int((uint64(j)*104729 + w.cfg.Seed) % uint64(w.cfg.Parties))
		s.form = r.IntN(len(seriesForms))
		// Most series end by 2025; those that others continue may run on.
		s.first = 1975 + r.IntN(max(1, 2025-1975-(s.meetings-1)*s.interval))
	}
	if j > 0 {
		for range r.IntN(3) {
			if k := r.IntN(j); !slices.Contains(s.seeAlso, k) {
				s.seeAlso = append(s.seeAlso, k)
			}
		}
	}
	host := w.party(s.host)
	f := seriesForms[s.form]
	s.name = syllable{fmt.Sprintf(f.en, host.name.en), fmt.Sprintf(f.zh, host.name.zh)}
	if j >= w.cfg.Parties {
		s.name.en += " " + strconv.Itoa(j/w.cfg.Parties+1)
		s.name.zh += strconv.Itoa(j/w.cfg.Parties + 1)
	}
	s.slug = slugify(s.name.en)
	return s
}

type meeting struct {
	index     int // over all meetings, from 0
	series    *series
	ordinal   int // in its series, from 0
	slug      string
	name      syllable
	start     date
	end       date
	country   int // venue's country
	city      int // venue's city in the country; -1 when online
	theme     syllable
	topics    []syllable
	speech    syllable
	outcome   syllable // empty when none was adopted
	attendees []int    // parties, the host first
	speakers  []int    // parties whose leaders spoke, the host first
	parties   int      // parties that took part (more than those named)
	countries int      // countries they came from
}

func (m *meeting) online() bool { return m.city < 0 }

func (w *world) newMeeting(index int, s *series, ordinal int) *meeting {
	r := newRand(w.cfg.Seed, streamMeeting, index)
	host := w.party(s.host)
	m := &meeting{index: index, series: s, ordinal: ordinal}
	y := s.first + ordinal*s.interval
	m.start = mkdate(y, 1+r.IntN(12), 1+r.IntN(28))
	m.end = m.start
	if r.IntN(4) > 0 {
		m.end = m.start.addDays(r.IntN(4))
	}
	m.name = s.meetingName(ordinal)
	m.slug = slugify(m.name.en)
	m.country, m.city = host.country, r.IntN(3)
	switch v := r.IntN(100); {
	case v < 12:
		m.city = -1
	case v < 35:
		m.country = r.IntN(len(w.countries))
	}
	th, tt := themeHeads[r.IntN(len(themeHeads))], themeTails[r.IntN(len(themeTails))]
	m.theme = syllable{th.en + ": " + tt.en, th.zh + ":" + tt.zh}
	seen := map[int]bool{}
	for range 3 + r.IntN(5) {
		k := r.IntN(len(topicHeads) * len(topicTails))
		if seen[k] {
			continue
		}
		seen[k] = true
		h, t := topicHeads[k/len(topicTails)], topicTails[k%len(topicTails)]
		m.topics = append(m.topics, syllable{h.en + ": " + t.en, h.zh + ":" + t.zh})
	}
	m.speech = speechTitles[r.IntN(len(speechTitles))]
	if r.IntN(10) < 6 {
		if m.online() {
			m.outcome = syllable{fmt.Sprintf("Joint Statement of %d", y), fmt.Sprintf("%d年联合声明", y)}
		} else {
			c := w.countries[m.country].cities[m.city]
			m.outcome = syllable{c.en + " Initiative", c.zh + "倡议"}
		}
	}
	// Attendance: popular parties (low indexes after a seeded rotation) come often.
	clear(seen)
	m.attendees = append(m.attendees, s.host)
	seen[s.host] = true
	n := 10 + r.IntN(70)
	countries := map[int]bool{host.country: true}
	for len(m.attendees) < n {
		u := r.Float64()
		p := (int(u*u*float64(w.cfg.Parties)) + int(w.cfg.Seed%uint64(w.cfg.Parties))) % w.cfg.Parties
		if seen[p] {
			continue
		}
		seen[p] = true
		m.attendees = append(m.attendees, p)
		countries[p%len(w.countries)] = true
	}
	m.speakers = append(m.speakers, s.host)
	for _, p := range m.attendees[1:] {
		if len(m.speakers) >= 3+n/10 {
			break
		}
		if r.IntN(3) == 0 {
			m.speakers = append(m.speakers, p)
		}
	}
	m.parties = len(m.attendees) + r.IntN(3*len(m.attendees))
	m.countries = min(len(w.countries), len(countries)+r.IntN(len(countries)+1))
	return m
}

// ordinalEn returns "first", "second", ... for n from 0.
func ordinalEn(n int) string {
	words := [...]string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	if n < len(words) {
		return words[n]
	}
	n++
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
