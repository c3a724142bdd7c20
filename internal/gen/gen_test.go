package gen

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

func generate(t testing.TB, cfg Config) []byte {
	t.Helper()
	var b bytes.Buffer
	n, err := WriteNQuads(&b, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if lines := bytes.Count(b.Bytes(), []byte("\n")); lines != n {
		t.Fatalf("WriteNQuads returned %d but wrote %d lines", n, lines)
	}
	return b.Bytes()
}

func readAll(t testing.TB, data []byte) []quad.Quad {
	t.Helper()
	r := graph.NewNQuadsReader(bytes.NewReader(data), "gen.nq")
	var out []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
}

func TestDeterministic(t *testing.T) {
	for _, cfg := range []Config{
		{Seed: 1, Quads: 20000},
		{Seed: 7, Meetings: 12},
		{Seed: 3, Quads: 5000, Countries: 20, Parties: 300},
	} {
		a, b := generate(t, cfg), generate(t, cfg)
		if !bytes.Equal(a, b) {
			t.Errorf("%+v: two runs differ", cfg)
		}
		other := cfg
		other.Seed++
		if bytes.Equal(a, generate(t, other)) {
			t.Errorf("%+v: seed %d and %d give the same output", cfg, cfg.Seed, other.Seed)
		}
	}
}

func TestCorpusDeterministic(t *testing.T) {
	cfg := Config{Seed: 5, Meetings: 15}
	read := func() map[string]string {
		dir := t.TempDir()
		if _, err := WriteCorpus(dir, cfg); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = string(b)
		}
		return out
	}
	a, b := read(), read()
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d files", len(a), len(b))
	}
	for name, text := range a {
		if b[name] != text {
			t.Errorf("%s differs between runs", name)
		}
	}
}

func TestSize(t *testing.T) {
	sizes := []int{1000, 10000, 100000}
	if !testing.Short() {
		sizes = append(sizes, 1000000)
	}
	for _, n := range sizes {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			got, err := WriteNQuads(io.Discard, Config{Seed: 11, Quads: n})
			if err != nil {
				t.Fatal(err)
			}
			if got != n {
				t.Errorf("asked for %d quads, wrote %d", n, got)
			}
		})
	}
}

// vocabulary lists every predicate and class of graph/vocab.go that
// generated data may use.
func vocabulary() (preds, classes map[quad.IRI]bool) {
	preds = map[quad.IRI]bool{}
	for _, p := range []quad.IRI{
		graph.Type, graph.Label, graph.Comment, graph.SubClassOf, graph.SeeAlso, graph.Domain, graph.Range,
		graph.AltLabel, graph.SuperEvent, graph.StartDate, graph.EndDate, graph.Location, graph.AttendMode,
		graph.Organizer, graph.ThemeProp, graph.TopicProp, graph.Follows, graph.FollowedBy, graph.Replaces,
		graph.ReplacedBy, graph.Keynote, graph.Author, graph.Outcome, graph.Speaker, graph.Attendee,
		graph.PartyCount, graph.CountryCount, graph.PartyMin, graph.CountryMin, graph.CountryProp,
		graph.MemberOf, graph.LeaderOf, graph.HeadOfState, graph.HeadOfGov, graph.JobTitle, graph.Mentions,
		graph.Name, graph.InLanguage, graph.Publisher, graph.DateModified, graph.DatePublished,
		graph.Citation, graph.URL,
	} {
		preds[p] = true
	}
	classes = map[quad.IRI]bool{}
	for _, c := range []quad.IRI{
		graph.MeetingSeries, graph.Meeting, graph.PoliticalParty, graph.Person, graph.Country, graph.City,
		graph.GovernmentOrganization, graph.Theme, graph.Topic, graph.Speech, graph.OutcomeDocument,
		graph.SourceDocument, graph.CreativeWork,
	} {
		classes[c] = true
	}
	return preds, classes
}

func TestVocabulary(t *testing.T) {
	preds, classes := vocabulary()
	quads := readAll(t, generate(t, Config{Seed: 2, Quads: 50000}))
	used := map[quad.IRI]bool{}
	for _, q := range quads {
		p := q.Predicate.(quad.IRI)
		used[p] = true
		if !preds[p] {
			t.Fatalf("predicate %s is not in graph/vocab.go: %v", p, q)
		}
		if p == graph.Type && !classes[q.Object.(quad.IRI)] {
			t.Fatalf("class %s is not in graph/vocab.go: %v", q.Object, q)
		}
		if !strings.HasPrefix(string(q.Label.(quad.IRI)), graph.SourceNS+"gen-") {
			t.Fatalf("label %s is not a gen- source", q.Label)
		}
		if s, ok := q.Subject.(quad.IRI); !ok || !(strings.HasPrefix(string(s), graph.IDNS) || graph.IsSource(s)) {
			t.Fatalf("subject %s is not an entity or a source", q.Subject)
		}
		if p == graph.AttendMode && q.Object != graph.OnlineEvent && q.Object != graph.OfflineEvent {
			t.Fatalf("attendance mode %s", q.Object)
		}
	}
	// The data set exercises the whole meeting vocabulary.
	for _, p := range []quad.IRI{graph.Follows, graph.FollowedBy, graph.Replaces, graph.ReplacedBy, graph.SeeAlso,
		graph.Speaker, graph.Attendee, graph.PartyCount, graph.PartyMin, graph.CountryMin, graph.Keynote,
		graph.Outcome, graph.TopicProp, graph.HeadOfState, graph.HeadOfGov, graph.Location, graph.Citation} {
		if !used[p] {
			t.Errorf("50000 quads never use %s", p)
		}
	}
}

func TestNoDuplicateQuads(t *testing.T) {
	for seed := range uint64(4) {
		seen := map[string]bool{}
		for _, line := range strings.SplitAfter(string(generate(t, Config{Seed: seed, Quads: 30000})), "\n") {
			if line == "" {
				continue
			}
			if seen[line] {
				t.Fatalf("seed %d: quad written twice: %s", seed, line)
			}
			seen[line] = true
		}
	}
}

func TestMeetingsLimit(t *testing.T) {
	for _, n := range []int{1, 5, 40} {
		quads := readAll(t, generate(t, Config{Seed: 9, Meetings: n}))
		meetings := map[quad.Value]bool{}
		for _, q := range quads {
			if q.Predicate == graph.SuperEvent {
				meetings[q.Subject] = true
			}
		}
		if len(meetings) != n {
			t.Errorf("Meetings %d: %d meetings", n, len(meetings))
		}
	}
}

// TestSourcesDisagree checks that sources state some facts differently, and
// several sources state most meetings.
func TestSourcesDisagree(t *testing.T) {
	quads := readAll(t, generate(t, Config{Seed: 6, Meetings: 120}))
	values := map[[2]quad.Value]map[string]bool{} // (subject, predicate) -> objects
	sources := map[quad.Value]map[quad.Value]bool{}
	for _, q := range quads {
		k := [2]quad.Value{q.Subject, q.Predicate}
		if values[k] == nil {
			values[k] = map[string]bool{}
		}
		values[k][graph.FormatTerm(q.Object)] = true
		if q.Predicate == graph.SuperEvent {
			if sources[q.Subject] == nil {
				sources[q.Subject] = map[quad.Value]bool{}
			}
			sources[q.Subject][q.Label] = true
		}
	}
	disagree := map[quad.Value]int{}
	for k, objs := range values {
		if len(objs) > 1 {
			disagree[k[1]]++
		}
	}
	for _, p := range []quad.IRI{graph.PartyCount, graph.EndDate} {
		if disagree[p] == 0 {
			t.Errorf("no two sources disagree on %s", p)
		}
	}
	multi := 0
	for _, s := range sources {
		if len(s) >= 2 {
			multi++
		}
	}
	if multi < len(sources)*3/4 {
		t.Errorf("only %d of %d meetings have two sources or more", multi, len(sources))
	}
}

// TestCorpusMatchesNQuads checks that the corpus has one file per source of
// the N-Quads of the same meetings, and that the documents name what the
// quads say.
func TestCorpusMatchesNQuads(t *testing.T) {
	cfg := Config{Seed: 8, Meetings: 25}
	dir := t.TempDir()
	files, err := WriteCorpus(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, string(graph.SourceIRI(e.Name())))
	}
	if len(names) != files {
		t.Errorf("WriteCorpus says %d files, the folder has %d", files, len(names))
	}
	labels := map[string]bool{}
	quads := readAll(t, generate(t, cfg))
	for _, q := range quads {
		labels[string(q.Label.(quad.IRI))] = true
	}
	var want []string
	for l := range labels {
		want = append(want, l)
	}
	sort.Strings(want)
	sort.Strings(names)
	if strings.Join(want, "\n") != strings.Join(names, "\n") {
		t.Fatalf("corpus files %v\nN-Quads labels %v", names, want)
	}
	// Every English label of a party a web page attends is written in it.
	texts := map[string]string{}
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		texts[string(graph.SourceIRI(e.Name()))] = string(b)
	}
	labelOf := map[[2]quad.Value]string{} // (source, entity) -> its first label there
	for _, q := range quads {
		k := [2]quad.Value{q.Label, q.Subject}
		if l, ok := q.Object.(quad.LangString); ok && q.Predicate == graph.Label && labelOf[k] == "" {
			labelOf[k] = string(l.Value)
		}
	}
	checked := 0
	for _, q := range quads {
		if q.Predicate != graph.Attendee && q.Predicate != graph.Speaker && q.Predicate != graph.ThemeProp {
			continue
		}
		text, name := texts[string(q.Label.(quad.IRI))], labelOf[[2]quad.Value{q.Label, q.Object}]
		if name == "" || !strings.Contains(text, name) {
			t.Errorf("%s states %s %s, but its text does not name %q", q.Label, q.Predicate, q.Object, name)
			continue
		}
		checked++
	}
	if checked == 0 {
		t.Error("no fact checked against the text")
	}
}

func TestConfigErrors(t *testing.T) {
	for _, cfg := range []Config{{}, {Meetings: -1}, {Quads: 10, Countries: 1}, {Quads: 10, Countries: 50, Parties: 10}} {
		if _, err := WriteNQuads(io.Discard, cfg); err == nil {
			t.Errorf("%+v: no error", cfg)
		}
	}
	if _, err := WriteCorpus(t.TempDir(), Config{Quads: 100}); err == nil {
		t.Error("WriteCorpus without Meetings: no error")
	}
}

func BenchmarkWriteNQuads(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := WriteNQuads(io.Discard, Config{Seed: 1, Quads: n}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// heapWatcher is a writer that records the largest heap it sees.
type heapWatcher struct {
	calls   int
	maxHeap uint64
}

func (h *heapWatcher) Write(p []byte) (int, error) {
	h.calls++
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.maxHeap = max(h.maxHeap, ms.HeapAlloc)
	return len(p), nil
}

// TestMemoryFlat checks that WriteNQuads streams: the heap stays small
// however many quads it writes.
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10^6 quads")
	}
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	h := &heapWatcher{}
	if _, err := WriteNQuads(h, Config{Seed: 1, Quads: 1000000}); err != nil {
		t.Fatal(err)
	}
	const limit = 64 << 20 // the output alone is ~210 MB
	if grew := h.maxHeap - min(h.maxHeap, base.HeapAlloc); grew > limit {
		t.Errorf("heap grew by %d MiB while writing 10^6 quads; want under %d MiB", grew>>20, limit>>20)
	}
	t.Logf("largest heap while writing: %d MiB (%d writes)", h.maxHeap>>20, h.calls)
}

// TestStableOutput pins the output of one configuration, so that a change
// of the generator, of Go's PCG or of math/rand/v2's algorithms, which would
// silently change every benchmark's data, is noticed. When the generator is
// changed on purpose, put the new digest here and say so in the commit.
func TestStableOutput(t *testing.T) {
	const want = "e431f4f7d8eafac7"
	sum := sha256.Sum256(generate(t, Config{Seed: 1, Quads: 5000}))
	if got := hex.EncodeToString(sum[:8]); got != want {
		t.Errorf("the N-Quads of seed 1 changed: digest %s, want %s", got, want)
	}
}
