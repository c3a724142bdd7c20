package gazetteer

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders/text"
)

//go:embed data/*.tsv
var embedded embed.FS

// columns of a data line, in order. Alt and Short are optional and hold
// several names separated by "|".
var columns = []string{"kind", "slug", "country", "party", "en", "zh-Hans", "zh-Hant", "alt", "short"}

// Languages of the name columns, in column order.
var nameLangs = []string{"en", "zh-Hans", "zh-Hant"}

// classes maps the kinds the gazetteer holds to their rdf:type.
var classes = map[string]quad.IRI{
	graph.KindCountry:      graph.Country,
	graph.KindCity:         graph.City,
	graph.KindParty:        graph.PoliticalParty,
	graph.KindPerson:       graph.Person,
	graph.KindOrganization: graph.GovernmentOrganization,
	graph.KindSeries:       graph.MeetingSeries,
}

// kindRank orders the entries that share a name: the first is the one Find
// reports.
var kindRank = map[string]int{
	graph.KindCountry: 0, graph.KindParty: 1, graph.KindOrganization: 2,
	graph.KindSeries: 3, graph.KindPerson: 4, graph.KindCity: 5,
}

// Entry is one entity of the gazetteer.
type Entry struct {
	Kind, Slug string
	IRI        quad.IRI
	Labels     map[string]string // language tag → name
	Alt        []string          // other names and abbreviations; Find matches them
	Short      []string          // short forms such as a surname; only Lookup matches them
	Country    string            // slug of the country the entity belongs to
	Party      string            // people only: slug of their party (or organisation)

	File string // where the entry was read from, for messages
	Line int
}

// Class returns the entry's rdf:type: the class of its kind, except that an
// organisation without a country (an international one such as ICAPP) is a
// schema:Organization rather than a schema:GovernmentOrganization.
func (e *Entry) Class() quad.IRI {
	if e.Kind == graph.KindOrganization && e.Country == "" {
		return graph.Organization
	}
	return classes[e.Kind]
}

// Names returns the entry's labels (in language order) and other names.
func (e *Entry) Names() []string {
	var out []string
	for _, l := range nameLangs {
		if n := e.Labels[l]; n != "" {
			out = append(out, n)
		}
	}
	return append(out, e.Alt...)
}

// Label returns the entry's name in lang, or in English, or any name.
func (e *Entry) Label(lang string) string {
	if n := e.Labels[lang]; n != "" {
		return n
	}
	for _, l := range nameLangs {
		if n := e.Labels[l]; n != "" {
			return n
		}
	}
	return e.Slug
}

// Error is a problem in the gazetteer data at a position.
type Error struct {
	File      string
	Line, Col int // 1-based; Col is the column (field) number, 0 if none
	Msg       string
}

func (e *Error) Error() string {
	if e.Col > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Gazetteer is a loaded, validated gazetteer. It is safe for concurrent use.
type Gazetteer struct {
	entries []*Entry
	byIRI   map[quad.IRI]*Entry
	byName  map[string][]*Entry // folded name → entries, best first
	matcher *matcher
}

// Default returns the gazetteer shipped with partygraph (data/*.tsv,
// embedded). Each call reads and validates the data anew (tens of
// milliseconds): load it once and share it, it is safe for concurrent use.
func Default() (*Gazetteer, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return LoadFS(sub)
}

// Load reads a gazetteer from one tab-separated stream.
func Load(r io.Reader) (*Gazetteer, error) {
	return LoadNamed("gazetteer", r)
}

// LoadNamed is Load with the name errors give for the stream.
func LoadNamed(name string, r io.Reader) (*Gazetteer, error) {
	b := newBuilder()
	if err := b.read(name, r); err != nil {
		return nil, err
	}
	return b.build()
}

// LoadFS reads every *.tsv file at the root of fsys, in name order, as one
// gazetteer.
func LoadFS(fsys fs.FS) (*Gazetteer, error) {
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("gazetteer: no *.tsv files")
	}
	sort.Strings(names)
	b := newBuilder()
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		err = b.read(name, f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return b.build()
}

type builder struct {
	entries []*Entry
	bySlug  map[string]*Entry // kind/slug
}

func newBuilder() *builder { return &builder{bySlug: map[string]*Entry{}} }

// MaxLine is the longest data line read, in bytes.
const MaxLine = 64 << 10

func (b *builder) read(name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), MaxLine)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "kind\t") {
			continue
		}
		if err := b.add(name, line, s); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return &Error{File: name, Line: line + 1, Msg: fmt.Sprintf("line longer than %d bytes", MaxLine)}
		}
		return fmt.Errorf("gazetteer: read %s: %w", name, err)
	}
	return nil
}

func (b *builder) add(file string, line int, s string) error {
	fail := func(col int, format string, args ...any) error {
		return &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	}
	if !utf8.ValidString(s) {
		return fail(0, "invalid UTF-8")
	}
	f := strings.Split(s, "\t")
	if len(f) < 7 || len(f) > len(columns) {
		return fail(0, "%d fields, want 7 to %d (%s)", len(f), len(columns), strings.Join(columns, ", "))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
		for _, r := range f[i] {
			if unicode.IsControl(r) {
				return fail(i+1, "control character %U in %s", r, columns[i])
			}
		}
	}
	e := &Entry{Kind: f[0], Slug: f[1], Country: f[2], Party: f[3], Labels: map[string]string{}, File: file, Line: line}
	if _, ok := classes[e.Kind]; !ok {
		return fail(1, "unknown kind %q (want country, city, party, person, org or series)", e.Kind)
	}
	if !validSlug(e.Slug) {
		return fail(2, "slug %q: want lower-case ASCII letters, digits and single hyphens", e.Slug)
	}
	if e.Kind == graph.KindCountry && e.Country != "" {
		return fail(3, "a country has no country")
	}
	if e.Party != "" && e.Kind != graph.KindPerson {
		return fail(4, "only people have a party")
	}
	for i, l := range nameLangs {
		if f[4+i] != "" {
			if !hasLetter(f[4+i]) {
				return fail(5+i, "name %q has no letters", f[4+i])
			}
			e.Labels[l] = f[4+i]
		}
	}
	if len(e.Labels) == 0 {
		return fail(5, "no name")
	}
	for _, c := range []struct {
		col  int
		list *[]string
	}{{8, &e.Alt}, {9, &e.Short}} {
		col, list := c.col, c.list
		if len(f) < col {
			continue
		}
		for _, n := range strings.Split(f[col-1], "|") {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			if !hasLetter(n) {
				return fail(col, "name %q has no letters", n)
			}
			*list = append(*list, n)
		}
	}
	key := e.Kind + "/" + e.Slug
	if prev, ok := b.bySlug[key]; ok {
		return fail(2, "duplicate %s slug %q (first at %s:%d)", e.Kind, e.Slug, prev.File, prev.Line)
	}
	e.IRI = graph.EntityIRI(e.Kind, e.Slug)
	b.bySlug[key] = e
	b.entries = append(b.entries, e)
	return nil
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// build checks the references between entries and indexes the names.
func (b *builder) build() (*Gazetteer, error) {
	g := &Gazetteer{entries: b.entries, byIRI: map[quad.IRI]*Entry{}, byName: map[string][]*Entry{}}
	for _, e := range b.entries {
		if e.Country != "" {
			if _, ok := b.bySlug[graph.KindCountry+"/"+e.Country]; !ok {
				return nil, &Error{File: e.File, Line: e.Line, Col: 3, Msg: fmt.Sprintf("unknown country %q", e.Country)}
			}
		}
		if e.Party != "" {
			_, party := b.bySlug[graph.KindParty+"/"+e.Party]
			_, org := b.bySlug[graph.KindOrganization+"/"+e.Party]
			if !party && !org {
				return nil, &Error{File: e.File, Line: e.Line, Col: 4, Msg: fmt.Sprintf("unknown party %q", e.Party)}
			}
		}
		g.byIRI[e.IRI] = e
		seen := map[string]bool{}
		for _, n := range append(e.Names(), e.Short...) {
			k := text.Fold(n)
			if seen[k] {
				continue
			}
			seen[k] = true
			g.byName[k] = append(g.byName[k], e)
		}
	}
	for _, list := range g.byName {
		sort.SliceStable(list, func(i, j int) bool { return kindRank[list[i].Kind] < kindRank[list[j].Kind] })
	}
	g.matcher = newMatcher(g)
	return g, nil
}

// Entries returns every entry, in the order of the data.
func (g *Gazetteer) Entries() []*Entry { return g.entries }

// Lookup returns the entries one of whose names, abbreviations or short
// forms folds (text.Fold) to the same key as name, most specific kind first
// (country, party, organisation, series, person, city).
func (g *Gazetteer) Lookup(name string) []*Entry {
	return g.byName[text.Fold(name)]
}

// ByIRI returns the entry with the IRI, or nil.
func (g *Gazetteer) ByIRI(iri quad.IRI) *Entry { return g.byIRI[iri] }

// BySlug returns the entry of the kind with the slug, or nil.
func (g *Gazetteer) BySlug(kind, slug string) *Entry {
	return g.byIRI[graph.EntityIRI(kind, slug)]
}

// Quads returns the gazetteer as quads under graph.GazetteerSource: each
// entry's rdf:type, its rdfs:label per language (language-tagged), its
// skos:altLabel names (tagged with text.Lang where the script tells), its
// pg:country and, for people, schema:memberOf their party.
func (g *Gazetteer) Quads() []quad.Quad {
	var out []quad.Quad
	add := func(s quad.IRI, p quad.IRI, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o, Label: graph.GazetteerSource})
	}
	for _, e := range g.entries {
		add(e.IRI, graph.Type, e.Class())
		for _, l := range nameLangs {
			if n := e.Labels[l]; n != "" {
				add(e.IRI, graph.Label, quad.LangString{Value: quad.String(n), Lang: l})
			}
		}
		for _, n := range append(append([]string(nil), e.Alt...), e.Short...) {
			if l := text.Lang(n); l != "" {
				add(e.IRI, graph.AltLabel, quad.LangString{Value: quad.String(n), Lang: l})
			} else {
				add(e.IRI, graph.AltLabel, quad.String(n))
			}
		}
		if e.Country != "" {
			add(e.IRI, graph.CountryProp, graph.EntityIRI(graph.KindCountry, e.Country))
		}
		if e.Party != "" {
			kind := graph.KindParty
			if g.byIRI[graph.EntityIRI(kind, e.Party)] == nil {
				kind = graph.KindOrganization
			}
			add(e.IRI, graph.MemberOf, graph.EntityIRI(kind, e.Party))
		}
	}
	return out
}

// Count returns how many entries there are of each kind.
func (g *Gazetteer) Count() map[string]int {
	m := map[string]int{}
	for _, e := range g.entries {
		m[e.Kind]++
	}
	return m
}
