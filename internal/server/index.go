package server

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders/text"
)

// index is what the explorer looks up on every request, built in memory
// from the store by Reindex: every node's labels and classes, the search
// keys, and the sources.
type index struct {
	nodes   map[quad.Value]*nodeInfo
	entries []entry // search keys, sorted by key
	sources []quad.Value

	// The answers of /api/timeline and /api/sources, built on first use:
	// they depend only on the index and the store, and are large (MBs on a
	// graph of 10^6 quads), so the index keeps them.
	timelineAnswer, sourcesAnswer cachedAnswer
}

// cachedAnswer is a JSON answer built once per index.
type cachedAnswer struct {
	mu   sync.Mutex
	body []byte
}

// nodeInfo is what the index knows of one node.
type nodeInfo struct {
	term      quad.Value
	labels    []quad.Value // rdfs:label and schema:name values
	altLabels []quad.Value // skos:altLabel values
	classes   []quad.IRI
	display   string // the label shown for the node
	class     quad.IRI
	source    bool           // a source document
	votes     map[string]int // label -> how many sources state it; only while building
}

// entry is one search key: a suffix of the folded form of one label of a
// node, starting at the beginning of the label, at the beginning of a word,
// or at a Han character (Chinese is written without spaces). A search is a
// binary search for the entries that start with the folded query.
type entry struct {
	key   string // the suffix of the folded label
	off   int    // where key starts in the folded label: 0 is the whole label
	word  bool   // key starts a word
	label string // the label as stored
	lang  string
	node  *nodeInfo
}

// Reindex rebuilds the search index and the node labels from the store.
// Call it after the store changes (for example after loading documents).
func (s *Server) Reindex(ctx context.Context) error {
	idx, err := buildIndex(ctx, s.Store)
	if err != nil {
		return err
	}
	s.idx.Store(idx)
	return nil
}

// index returns the current index, building it on first use.
func (s *Server) index(ctx context.Context) (*index, error) {
	if idx := s.idx.Load(); idx != nil {
		return idx, nil
	}
	if err := s.Reindex(ctx); err != nil {
		return nil, err
	}
	return s.idx.Load(), nil
}

func buildIndex(ctx context.Context, st *graph.Store) (*index, error) {
	idx := &index{nodes: map[quad.Value]*nodeInfo{}}
	labels := map[quad.Value]bool{}
	node := func(v quad.Value) *nodeInfo {
		n := idx.nodes[v]
		if n == nil {
			n = &nodeInfo{term: v}
			idx.nodes[v] = n
		}
		return n
	}
	scan := func(pred quad.IRI, fn func(q quad.Quad)) error {
		err := st.Match(ctx, nil, pred, nil, nil, func(q quad.Quad) bool {
			labels[q.Label] = true
			fn(q)
			return true
		})
		if err != nil {
			return fmt.Errorf("index %s: %w", pred, err)
		}
		return nil
	}
	addUnique := func(list []quad.Value, v quad.Value) []quad.Value {
		for _, x := range list {
			if x == v {
				return list
			}
		}
		return append(list, v)
	}
	for _, p := range []quad.IRI{graph.Label, graph.Name} {
		if err := scan(p, func(q quad.Quad) {
			if isLiteral(q.Object) {
				n := node(q.Subject)
				n.labels = addUnique(n.labels, q.Object)
				if n.votes == nil {
					n.votes = map[string]int{}
				}
				n.votes[q.Object.String()]++
			}
		}); err != nil {
			return nil, err
		}
	}
	if err := scan(graph.AltLabel, func(q quad.Quad) {
		if isLiteral(q.Object) {
			n := node(q.Subject)
			n.altLabels = addUnique(n.altLabels, q.Object)
		}
	}); err != nil {
		return nil, err
	}
	if err := scan(graph.Type, func(q quad.Quad) {
		c, ok := q.Object.(quad.IRI)
		if !ok {
			return
		}
		n := node(q.Subject)
		for _, x := range n.classes {
			if x == c {
				return
			}
		}
		n.classes = append(n.classes, c)
		if c == graph.SourceDocument {
			labels[q.Subject] = true
		}
	}); err != nil {
		return nil, err
	}
	for l := range labels {
		if l != nil {
			idx.sources = append(idx.sources, l)
		}
	}
	sort.Slice(idx.sources, func(i, j int) bool { return idx.sources[i].String() < idx.sources[j].String() })

	for _, n := range idx.nodes {
		n.display = displayLabel(n)
		n.votes = nil
		n.class = mainClass(n.classes)
		n.source = hasClass(n, graph.SourceDocument)
		for _, group := range [][]quad.Value{n.labels, n.altLabels} {
			for _, l := range group {
				txt, lang := literalText(l)
				key := text.Fold(txt)
				if key == "" {
					continue
				}
				idx.entries = append(idx.entries, entry{key: key, word: true, label: txt, lang: lang, node: n})
				prev := rune(0)
				for i, r := range key {
					if i > 0 && (isHan(r) || wordStart(prev, r)) {
						idx.entries = append(idx.entries, entry{key: key[i:], off: i, word: wordStart(prev, r), label: txt, lang: lang, node: n})
					}
					prev = r
				}
			}
		}
	}
	sort.Slice(idx.entries, func(i, j int) bool { return idx.entries[i].key < idx.entries[j].key })
	return idx, nil
}

// langOrder is the order in which a node's labels are preferred for display.
var langOrder = []string{"en", "zh-hans", "zh", "zh-hant", ""}

// displayLabel picks the label shown for a node: in the first language of
// langOrder it has, the label most sources state, then the shortest; else an
// alternative label; else the end of its IRI.
func displayLabel(n *nodeInfo) string {
	for _, group := range [][]quad.Value{n.labels, n.altLabels} {
		best, bestRank, bestVotes := "", len(langOrder)+1, 0
		for _, l := range group {
			txt, lang := literalText(l)
			rank := len(langOrder)
			for i, want := range langOrder {
				if strings.EqualFold(lang, want) {
					rank = i
					break
				}
			}
			votes := n.votes[l.String()]
			better := rank < bestRank
			if rank == bestRank {
				switch {
				case votes != bestVotes:
					better = votes > bestVotes
				case len(txt) != len(best):
					better = len(txt) < len(best)
				default:
					better = txt < best
				}
			}
			if better {
				best, bestRank, bestVotes = txt, rank, votes
			}
		}
		if best != "" {
			return best
		}
	}
	return localName(n.term)
}

// classOrder ranks classes for choosing the one that colours a node: the
// vocabulary's own classes before the schema.org ones they refine.
func classRank(c quad.IRI) int {
	switch {
	case strings.HasPrefix(string(c), graph.NS):
		return 0
	case strings.HasPrefix(string(c), graph.SchemaNS):
		return 1
	}
	return 2
}

func mainClass(cs []quad.IRI) quad.IRI {
	var best quad.IRI
	for _, c := range cs {
		if best == "" || classRank(c) < classRank(best) || classRank(c) == classRank(best) && c < best {
			best = c
		}
	}
	return best
}

// localName is the last segment of an IRI, or the text of another term.
func localName(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		s := string(v)
		if i := strings.LastIndexAny(s, "/#"); i >= 0 && i+1 < len(s) {
			return s[i+1:]
		}
		return s
	case quad.BNode:
		return "_:" + string(v)
	case nil:
		return ""
	}
	txt, _ := literalText(v)
	return txt
}

func isLiteral(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode, nil:
		return false
	}
	return true
}

// literalText returns the lexical form and language of a literal.
func literalText(v quad.Value) (txt, lang string) {
	switch v := graph.NativeToTerm(v).(type) {
	case quad.String:
		return string(v), ""
	case quad.LangString:
		return string(v.Value), v.Lang
	case quad.TypedString:
		return string(v.Value), ""
	case quad.IRI:
		return string(v), ""
	case quad.BNode:
		return "_:" + string(v), ""
	case nil:
		return "", ""
	}
	return v.String(), ""
}

// info returns what the index knows of v, or a bare record.
func (idx *index) info(v quad.Value) *nodeInfo {
	if n := idx.nodes[v]; n != nil {
		return n
	}
	return &nodeInfo{term: v, display: localName(v)}
}

// hit is one search result.
type hit struct {
	node  *nodeInfo
	label string
	lang  string
	rank  int
	runes int // length of label in characters
}

// Match ranks, best first.
const (
	rankExact = iota
	rankPrefix
	rankWordPrefix
	rankSubstring
)

// maxScan bounds the keys one search looks at: a query of one or two
// letters matches much of the graph, and the first keys in alphabetical
// order (the shortest extensions first) are what autocomplete needs.
const maxScan = 2000

// wordStart reports whether r starts a word after prev.
func wordStart(prev, r rune) bool {
	return isWordRune(r) && !isWordRune(prev)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

// search returns up to limit nodes with a label matching q, in any language
// or script: q and the labels are compared by their text.Fold keys, so
// case, diacritics, full-width forms and Traditional/Simplified Chinese do
// not matter. A query matches a label that it starts, a word of it
// ("jinping" finds "Xi Jinping"), or any part of it from a Chinese character
// on ("近平" finds "习近平"). Exact matches come first, then prefixes, then
// word prefixes, then the rest; shorter labels first within each.
func (idx *index) search(q string, class quad.IRI, limit int) []hit {
	key := text.Fold(q)
	if key == "" || limit <= 0 {
		return nil
	}
	best := map[*nodeInfo]hit{}
	consider := func(e *entry, rank int) {
		if class != "" && !hasClass(e.node, class) {
			return
		}
		cand := hit{node: e.node, label: e.label, lang: e.lang, rank: rank, runes: utf8.RuneCountInString(e.label)}
		if h, ok := best[e.node]; !ok || betterMatch(cand, h, q) {
			best[e.node] = cand
		}
	}
	lo := sort.Search(len(idx.entries), func(i int) bool { return idx.entries[i].key >= key })
	for i, n := lo, 0; i < len(idx.entries) && n < maxScan && strings.HasPrefix(idx.entries[i].key, key); i, n = i+1, n+1 {
		e := &idx.entries[i]
		switch {
		case e.off == 0 && len(e.key) == len(key):
			consider(e, rankExact)
		case e.off == 0:
			consider(e, rankPrefix)
		case e.word:
			consider(e, rankWordPrefix)
		default:
			consider(e, rankSubstring)
		}
	}
	hits := make([]hit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.node.source != b.node.source {
			return b.node.source // entities before the documents that name them
		}
		if a.runes != b.runes {
			return a.runes < b.runes
		}
		if a.label != b.label {
			return a.label < b.label
		}
		return a.node.term.String() < b.node.term.String()
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// betterMatch reports whether a is a better label of a node to show as the
// match of q than b: a better rank, then the label typed exactly (習近平
// rather than 习近平), then the shorter label, then the smaller.
func betterMatch(a, b hit, q string) bool {
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if (a.label == q) != (b.label == q) {
		return a.label == q
	}
	if a.runes != b.runes {
		return a.runes < b.runes
	}
	return a.label < b.label
}

func hasClass(n *nodeInfo, c quad.IRI) bool {
	for _, x := range n.classes {
		if x == c {
			return true
		}
	}
	return false
}
