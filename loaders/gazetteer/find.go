package gazetteer

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/partygraph/partygraph/loaders/text"
)

// Match is a gazetteer name found in a text: s[Offset:Offset+Len] is Text.
type Match struct {
	Entry  *Entry
	All    []*Entry // every entry with this name, Entry first; more than one when the name is ambiguous
	Offset int
	Len    int
	Text   string
}

// pattern is one folded name the matcher looks for.
type pattern struct {
	key     string
	entries []*Entry
	caps    bool // an all-capitals abbreviation (ANC): the text must be in capitals too
	wordL   bool // the name starts with a letter or digit that needs a word boundary
	wordR   bool // likewise at its end
}

// matcher is an Aho-Corasick automaton over the bytes of folded names.
type matcher struct {
	patterns  []pattern
	nodes     []node
	terminals map[int32][]int32 // node → patterns ending there
}

type node struct {
	edges []edge
	fail  int32
	out   int32 // pattern ending here, or -1
	dict  int32 // nearest node on the fail chain with out >= 0, or -1
	depth int32
}

type edge struct {
	b    byte
	next int32
}

func (n *node) child(b byte) int32 {
	for _, e := range n.edges {
		if e.b == b {
			return e.next
		}
	}
	return -1
}

func newMatcher(g *Gazetteer) *matcher {
	m := &matcher{nodes: []node{{out: -1, dict: -1}}}
	index := map[string]int{}
	for _, e := range g.entries {
		for _, name := range e.Names() {
			key := text.Fold(name)
			if key == "" {
				continue
			}
			caps := isAbbreviation(name)
			id := key
			if caps {
				id = "\x00" + key
			}
			if i, ok := index[id]; ok {
				if !contains(m.patterns[i].entries, e) {
					m.patterns[i].entries = append(m.patterns[i].entries, e)
				}
				continue
			}
			first, _ := utf8.DecodeRuneInString(key)
			last, _ := utf8.DecodeLastRuneInString(key)
			index[id] = len(m.patterns)
			m.patterns = append(m.patterns, pattern{key: key, entries: []*Entry{e}, caps: caps, wordL: wordRune(first), wordR: wordRune(last)})
		}
	}
	for _, p := range m.patterns {
		sort.SliceStable(p.entries, func(i, j int) bool { return kindRank[p.entries[i].Kind] < kindRank[p.entries[j].Kind] })
	}
	// Abbreviations and names may share a key ("anc"); give each key one
	// terminal node holding a list of patterns.
	terminal := map[int32][]int32{}
	for pi, p := range m.patterns {
		cur := int32(0)
		for i := 0; i < len(p.key); i++ {
			nx := m.nodes[cur].child(p.key[i])
			if nx < 0 {
				nx = int32(len(m.nodes))
				m.nodes = append(m.nodes, node{out: -1, dict: -1, depth: m.nodes[cur].depth + 1})
				m.nodes[cur].edges = append(m.nodes[cur].edges, edge{p.key[i], nx})
			}
			cur = nx
		}
		terminal[cur] = append(terminal[cur], int32(pi))
		m.nodes[cur].out = cur
	}
	m.terminals = terminal
	// Fail links, breadth first.
	queue := []int32{}
	for _, e := range m.nodes[0].edges {
		m.nodes[e.next].fail = 0
		queue = append(queue, e.next)
	}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, e := range m.nodes[cur].edges {
			f := m.nodes[cur].fail
			for {
				if nx := m.nodes[f].child(e.b); nx >= 0 && nx != e.next {
					m.nodes[e.next].fail = nx
					break
				}
				if f == 0 {
					m.nodes[e.next].fail = 0
					break
				}
				f = m.nodes[f].fail
			}
			fl := m.nodes[e.next].fail
			if m.nodes[fl].out >= 0 {
				m.nodes[e.next].dict = fl
			} else {
				m.nodes[e.next].dict = m.nodes[fl].dict
			}
			queue = append(queue, e.next)
		}
	}
	return m
}

func contains(list []*Entry, e *Entry) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

// isAbbreviation reports whether name is an all-capitals abbreviation of
// at most six letters (ANC, CPC, SPLM, FSLN, UNIR), which Find matches only
// where the text writes it in capitals too.
func isAbbreviation(name string) bool {
	letters := 0
	for _, r := range name {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= 'a' && r <= 'z':
			return false
		case r == '-' || r == '.' || r == '&' || r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 6
}

// wordRune reports whether r needs a word boundary: a letter or digit of an
// alphabetic script (Han characters do not).
func wordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unicode.Is(unicode.Han, r)
}

// Find returns the gazetteer names (labels and alternative names, not short
// forms) occurring in s, matched on text.Fold keys, with word boundaries
// around names that begin or end with a letter of an alphabetic script, and
// all-capital abbreviations matched only in capitals. Where matches overlap
// the longest wins (then the leftmost); the result is in text order.
func (g *Gazetteer) Find(s string) []Match {
	m := g.matcher
	key, pos := text.FoldMap(s)
	type cand struct {
		start, end int // in key
		pat        int32
	}
	var cands []cand
	cur := int32(0)
	for i := 0; i < len(key); i++ {
		b := key[i]
		for {
			if nx := m.nodes[cur].child(b); nx >= 0 {
				cur = nx
				break
			}
			if cur == 0 {
				break
			}
			cur = m.nodes[cur].fail
		}
		for n := cur; n > 0; n = m.nodes[n].dict {
			if m.nodes[n].out < 0 {
				continue
			}
			depth := int(m.nodes[n].depth)
			for _, pi := range m.terminals[n] {
				p := &m.patterns[pi]
				start, end := i+1-depth, i+1
				if !g.accept(p, key, pos, s, start, end) {
					continue
				}
				cands = append(cands, cand{start, end, pi})
			}
			if m.nodes[n].dict < 0 {
				break
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	sort.SliceStable(cands, func(i, j int) bool {
		li, lj := cands[i].end-cands[i].start, cands[j].end-cands[j].start
		if li != lj {
			return li > lj
		}
		if cands[i].start != cands[j].start {
			return cands[i].start < cands[j].start
		}
		// The same span: a name before an abbreviation reading of it.
		return !m.patterns[cands[i].pat].caps && m.patterns[cands[j].pat].caps
	})
	taken := make([]bool, len(key))
	var out []Match
	for _, c := range cands {
		free := true
		for i := c.start; i < c.end; i++ {
			if taken[i] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for i := c.start; i < c.end; i++ {
			taken[i] = true
		}
		p := &m.patterns[c.pat]
		off, end := pos[c.start], pos[c.end]
		out = append(out, Match{Entry: p.entries[0], All: p.entries, Offset: off, Len: end - off, Text: s[off:end]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}

// accept checks word boundaries and capitals for a candidate key[start:end].
func (g *Gazetteer) accept(p *pattern, key string, pos []int, s string, start, end int) bool {
	if p.wordL && start > 0 {
		r, _ := utf8.DecodeLastRuneInString(key[:start])
		if wordRune(r) || unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	if p.wordR && end < len(key) {
		r, _ := utf8.DecodeRuneInString(key[end:])
		if wordRune(r) || unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	if p.caps {
		for _, r := range s[pos[start]:pos[end]] {
			if unicode.IsLower(r) {
				return false
			}
		}
	}
	return true
}
