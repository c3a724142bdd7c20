package wikitext

import (
	"fmt"
	"html"
	"io"
	"slices"
	"strings"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/langid"
	"github.com/partygraph/partygraph/loaders/internal/lines"
)

// Defaults of the Parser's limits.
const (
	// DefaultMaxDepth is how deeply templates, links and refs may nest
	// before further openers are read as text.
	DefaultMaxDepth = 40
	// DefaultMaxTokens bounds the markup tokens (brackets, pipes, quotes,
	// tags, line markers and the text runs between them) of one document,
	// and so the memory a pathological document can take. Real articles
	// have tens of thousands.
	DefaultMaxTokens = 1 << 20
	// MaxParams is the number of parameters of a template that are read;
	// the rest are ignored.
	MaxParams = 1000
)

// Parser parses wikitext. The zero value is ready to use.
type Parser struct {
	MaxSize  int64 // largest input in bytes; 0 means loaders.DefaultMaxSize
	MaxDepth int   // nesting limit; 0 means DefaultMaxDepth
	// MaxTokens limits the markup of one document; 0 means DefaultMaxTokens.
	// A document with more is an error.
	MaxTokens int
	Lang      func(string) string // language guesser; nil means a script-based stand-in
}

// Parse parses the wikitext read from r with a zero Parser. name is used in
// messages only.
func Parse(name string, r io.Reader) (*loaders.Document, error) {
	return new(Parser).Parse(name, r)
}

// Parse parses the wikitext read from r.
func (p *Parser) Parse(name string, r io.Reader) (*loaders.Document, error) {
	data, doc, err := lines.Start("wikitext", name, r, p.MaxSize)
	if err != nil {
		return nil, err
	}
	depth := p.MaxDepth
	if depth <= 0 {
		depth = DefaultMaxDepth
	}
	maxTokens := p.MaxTokens
	if maxTokens <= 0 {
		maxTokens = DefaultMaxTokens
	}
	src := string(data)
	toks, stopped := lex(src, depth, maxTokens)
	if stopped >= 0 {
		return nil, fmt.Errorf("wikitext: %w", loaders.ErrorAt(name, data, stopped, loaders.ErrTooLarge,
			"more than %d markup tokens; stopped here (raise Parser.MaxTokens for such documents)", maxTokens))
	}
	b := &builder{
		lang:     langid.Or(p.Lang),
		src:      src,
		doc:      doc,
		refNames: map[string]int{},
	}
	b.walk(parseTree(toks, depth))
	b.finish()
	for len(b.tables) > 0 {
		b.closeTable() // a table never closed still holds its rows
	}
	b.doc.Lang = b.docLang()
	return b.doc, nil
}

// inline accumulates the text of one block or table cell.
type inline struct {
	sb        strings.Builder
	links     []loaders.Link
	refs      []int
	spans     []loaders.Span
	urls      []string           // external link targets, for footnotes
	cite      *loaders.Reference // a cite template met inside a <ref>
	inRef     bool
	plain     bool // text only: footnotes and cite templates are skipped
	bold      bool
	boldStart int
}

type heading struct {
	level int
	title string
}

type table struct {
	offset   int
	rows     [][]string
	row      []string
	cell     *inline
	attrDone bool
	links    []loaders.Link
	refs     []int
	caption  *inline
}

type builder struct {
	lang     langid.Func
	src      string
	doc      *loaders.Document
	headings []heading
	tables   []*table

	cur       *inline
	curKind   loaders.BlockKind
	curLevel  int
	curOffset int
	pendingNL int

	sec         []string // section() of the open headings, nil when to be made
	refNames    map[string]int
	seenHeading bool
}

func (b *builder) walk(nodes []*node) {
	for _, n := range nodes {
		if n.kind == nMarker {
			b.marker(n)
			continue
		}
		if n.kind == nTemplate && len(b.tables) == 0 && b.infobox(n) {
			continue
		}
		st := b.target(n.tok.pos)
		if st == nil {
			continue
		}
		b.render(n, st)
	}
}

// target returns the inline that content at pos goes to, starting a
// paragraph when needed; nil drops it (table content outside any cell).
func (b *builder) target(pos int) *inline {
	if len(b.tables) > 0 {
		t := b.tables[len(b.tables)-1]
		if t.caption != nil {
			return t.caption
		}
		return t.cell
	}
	if b.cur != nil && b.curKind == loaders.Paragraph && b.pendingNL >= 2 {
		b.finish()
	}
	if b.cur == nil {
		b.start(loaders.Paragraph, 0, pos)
	} else if b.pendingNL == 1 {
		b.cur.sb.WriteByte(' ')
	}
	b.pendingNL = 0
	return b.cur
}

func (b *builder) start(kind loaders.BlockKind, level, pos int) {
	b.cur = &inline{boldStart: -1}
	b.curKind, b.curLevel, b.curOffset = kind, level, pos
	b.pendingNL = 0
}

func (b *builder) marker(n *node) {
	t := n.tok
	switch t.kind {
	case tNewline:
		if len(b.tables) > 0 {
			if st := b.target(t.pos); st != nil {
				st.sb.WriteByte(' ')
			}
			return
		}
		if b.cur != nil {
			b.cur.bold = false
			if b.curKind != loaders.Paragraph {
				b.finish()
				return
			}
			b.pendingNL++
		}
		return
	case tHeading:
		if len(b.tables) == 0 {
			b.finish()
			b.start(loaders.Heading, int(t.n), t.pos)
			b.seenHeading = true
			return
		}
	case tHeadingEnd:
		if b.cur != nil && b.curKind == loaders.Heading {
			b.finish()
		}
		return
	case tList:
		if len(b.tables) == 0 {
			b.finish()
			kind := loaders.ListItem
			if strings.Trim(t.val, ":") == "" {
				kind = loaders.Paragraph // ':' only indents
			}
			b.start(kind, len(t.val), t.pos)
			return
		}
	case tTableOpen:
		b.finish()
		b.tables = append(b.tables, &table{offset: t.pos})
		return
	case tTableClose, tRow, tCell, tHeaderCell, tCaption:
		if len(b.tables) > 0 {
			b.tableMarker(t)
			return
		}
	case tPipe:
		if len(b.tables) > 0 {
			tb := b.tables[len(b.tables)-1]
			if tb.cell != nil && !tb.attrDone {
				// What came before the first pipe of a cell were attributes.
				tb.attrDone = true
				tb.cell = &inline{boldStart: -1}
				return
			}
		}
	}
	if st := b.target(t.pos); st != nil {
		b.render(n, st)
	}
}

func (b *builder) tableMarker(t *token) {
	tb := b.tables[len(b.tables)-1]
	tb.endCell(b)
	switch t.kind {
	case tTableClose:
		b.closeTable()
	case tRow:
		if len(tb.row) > 0 {
			tb.rows = append(tb.rows, tb.row)
		}
		tb.row = nil
	case tCaption:
		tb.caption = &inline{boldStart: -1}
	default:
		tb.cell = &inline{boldStart: -1}
		tb.attrDone = false
	}
}

func (tb *table) endCell(b *builder) {
	if tb.caption != nil {
		text := lines.Clean(tb.caption.sb.String())
		if text != "" {
			b.doc.Blocks = append(b.doc.Blocks, loaders.Block{
				Kind: loaders.Caption, Section: b.section(), Text: text, Lang: b.lang(text),
				Links: cleanLinks(tb.caption.links), Refs: tb.caption.refs, Offset: tb.offset,
			})
		}
		tb.caption = nil
	}
	if tb.cell != nil {
		tb.row = append(tb.row, lines.Clean(tb.cell.sb.String()))
		tb.links = append(tb.links, cleanLinks(tb.cell.links)...)
		tb.refs = append(tb.refs, tb.cell.refs...)
		tb.cell = nil
	}
}

func (b *builder) closeTable() {
	tb := b.tables[len(b.tables)-1]
	tb.endCell(b)
	b.tables = b.tables[:len(b.tables)-1]
	if len(tb.row) > 0 {
		tb.rows = append(tb.rows, tb.row)
	}
	if len(tb.rows) == 0 {
		return
	}
	var all strings.Builder
	for _, r := range tb.rows {
		all.WriteString(strings.Join(r, " "))
		all.WriteByte(' ')
	}
	b.doc.Blocks = append(b.doc.Blocks, loaders.Block{
		Kind: loaders.Table, Section: b.section(), Lang: b.lang(all.String()),
		Rows: tb.rows, Links: tb.links, Refs: uniq(tb.refs), Offset: tb.offset,
	})
}

// section returns the titles of the open headings. Blocks under the same
// headings share one slice, capped so that an append copies it.
func (b *builder) section() []string {
	if b.sec == nil && len(b.headings) > 0 {
		b.sec = make([]string, len(b.headings))
		for i, h := range b.headings {
			b.sec[i] = h.title
		}
	}
	return b.sec
}

// finish ends the current block, dropping it when it has no text.
func (b *builder) finish() {
	st := b.cur
	b.cur = nil
	b.pendingNL = 0
	if st == nil {
		return
	}
	text := lines.Clean(st.sb.String())
	if text == "" {
		return
	}
	if b.curKind == loaders.Heading {
		for len(b.headings) > 0 && b.headings[len(b.headings)-1].level >= b.curLevel {
			b.headings = b.headings[:len(b.headings)-1]
		}
		b.sec = nil
	}
	blk := loaders.Block{
		Kind: b.curKind, Level: b.curLevel, Section: b.section(), Text: text,
		Lang: b.lang(withoutSpans(text, st.spans)), Links: cleanLinks(st.links), Refs: uniq(st.refs),
		Offset: b.curOffset,
	}
	for _, s := range st.spans {
		if s.Text = lines.Clean(s.Text); s.Text != "" {
			blk.Spans = append(blk.Spans, s)
		}
	}
	b.doc.Blocks = append(b.doc.Blocks, blk)
	if b.curKind == loaders.Heading {
		b.headings = append(b.headings, heading{b.curLevel, text})
		b.sec = nil
	}
}

func (b *builder) docLang() string {
	var sb strings.Builder
	for _, blk := range b.doc.Blocks {
		if blk.Kind == loaders.Paragraph && sb.Len() < 4000 {
			sb.WriteString(withoutSpans(blk.Text, blk.Spans))
			sb.WriteByte(' ')
		}
	}
	if sb.Len() == 0 {
		sb.WriteString(b.doc.Title)
		for _, blk := range b.doc.Blocks {
			if sb.Len() < 4000 {
				sb.WriteString(" " + blk.Text)
			}
		}
	}
	return b.lang(sb.String())
}

func withoutSpans(text string, spans []loaders.Span) string {
	for _, s := range spans {
		if s.Text != "" {
			text = strings.Replace(text, s.Text, " ", 1)
		}
	}
	return text
}

// render writes the text of n into st, recording links, refs and spans.
func (b *builder) render(n *node, st *inline) {
	switch n.kind {
	case nText:
		st.sb.WriteString(html.UnescapeString(n.text))
	case nLink:
		b.link(n, st)
	case nExtLink:
		b.extLink(n, st)
	case nTemplate:
		b.template(n, st)
	case nRef:
		b.ref(n, st)
	case nMarker:
		switch n.tok.kind {
		case tPipe, tEquals:
			st.sb.WriteString(n.tok.val)
		case tQuote:
			if n.tok.n == 2 {
				return
			}
			st.bold = !st.bold
			if st.bold {
				st.boldStart = st.sb.Len()
			} else if st == b.cur && st.boldStart >= 0 && !b.seenHeading && b.doc.Title == "" && len(b.tables) == 0 {
				b.doc.Title = lines.Clean(st.sb.String()[st.boldStart:])
			}
		case tTag:
			if n.tok.val == "br" {
				st.sb.WriteByte(' ')
			}
		case tNewline, tHeading, tHeadingEnd, tList:
			st.sb.WriteByte(' ')
		case tCell, tHeaderCell, tRow, tCaption, tTableClose:
			st.sb.WriteString(" " + n.tok.val + " ")
		}
	}
}

func (b *builder) renderAll(nodes []*node, st *inline) {
	for _, n := range nodes {
		b.render(n, st)
	}
}

// plain renders nodes to text on the side, without recording anything.
func (b *builder) plain(nodes []*node) string {
	st := &inline{boldStart: -1, inRef: true, plain: true}
	b.renderAll(nodes, st)
	return lines.Clean(st.sb.String())
}

var (
	fileNS     = map[string]bool{"file": true, "image": true, "media": true, "文件": true, "檔案": true, "档案": true, "图像": true, "圖像": true, "媒体": true, "媒體": true, "файл": true}
	categoryNS = map[string]bool{"category": true, "分类": true, "分類": true, "категория": true}
)

func (b *builder) link(n *node, st *inline) {
	ps := parts(n, MaxParams)
	target := strings.TrimSpace(strings.ReplaceAll(b.plain(ps[0]), "_", " "))
	colon := strings.HasPrefix(target, ":")
	target = strings.TrimSpace(strings.TrimPrefix(target, ":"))
	if ns, rest, ok := strings.Cut(target, ":"); ok && !colon {
		ns = strings.ToLower(strings.TrimSpace(ns))
		switch {
		case fileNS[ns]:
			return
		case categoryNS[ns]:
			b.addCategory(strings.TrimSpace(rest))
			return
		case len(ps) == 1 && isLangCode(ns):
			return // an interlanguage link
		}
	}
	start := st.sb.Len()
	for i, p := range ps[1:] {
		if i > 0 {
			st.sb.WriteByte('|')
		}
		b.renderAll(p, st)
	}
	if strings.TrimSpace(st.sb.String()[start:]) == "" {
		st.sb.WriteString(target)
	}
	if target != "" {
		st.links = append(st.links, loaders.Link{Target: target, Text: st.sb.String()[start:]})
	}
}

func (b *builder) addCategory(c string) {
	if c == "" {
		return
	}
	for _, x := range b.doc.Categories {
		if x == c {
			return
		}
	}
	b.doc.Categories = append(b.doc.Categories, c)
}

func isLangCode(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'a' && s[i] <= 'z' || s[i] == '-') {
			return false
		}
	}
	return len(s) <= 3 || s[2] == '-' || s[3] == '-'
}

func (b *builder) extLink(n *node, st *inline) {
	inner := &inline{boldStart: -1, inRef: st.inRef, plain: st.plain}
	b.renderAll(n.children, inner)
	s := strings.TrimSpace(inner.sb.String())
	url, label, _ := strings.Cut(s, " ")
	label = strings.TrimSpace(label)
	st.urls = append(st.urls, url)
	if label == "" {
		return
	}
	st.links = append(st.links, loaders.Link{Target: url, Text: label})
	st.sb.WriteString(label)
}

// ref handles a <ref> footnote: it becomes (or points at) a Reference.
func (b *builder) ref(n *node, st *inline) {
	if st.plain {
		return
	}
	name := attr(n.tok.tag.attrs, "name")
	if n.tok.tag.selfClosing {
		if name != "" {
			st.refs = append(st.refs, b.refIndex(name))
		}
		return
	}
	body := &inline{boldStart: -1, inRef: true}
	b.renderAll(n.children, body)
	raw := ""
	if n.closePos > n.tok.end {
		raw = strings.TrimSpace(b.src[n.tok.end:n.closePos])
	}
	var r loaders.Reference
	if body.cite != nil {
		r = *body.cite
	} else {
		text := lines.Clean(body.sb.String())
		r.Title = text
		if len(body.urls) > 0 {
			r.URL = body.urls[0]
		} else if f := strings.Fields(text); len(f) > 0 && isURLStart(f[0]) {
			r.URL = f[0]
		}
		r.Lang = b.lang(text)
	}
	r.Text = raw
	if r.Text == "" && r.Title == "" && r.URL == "" {
		return
	}
	var idx int
	if name != "" {
		idx = b.refIndex(name)
		b.doc.References[idx] = r
	} else {
		idx = len(b.doc.References)
		b.doc.References = append(b.doc.References, r)
	}
	st.refs = append(st.refs, idx)
}

// refIndex returns the index of the named footnote, reserving one for a
// name used before it is defined.
func (b *builder) refIndex(name string) int {
	if i, ok := b.refNames[name]; ok {
		return i
	}
	b.doc.References = append(b.doc.References, loaders.Reference{})
	i := len(b.doc.References) - 1
	b.refNames[name] = i
	return i
}

// attr returns the value of an attribute in a tag's attribute text.
func attr(attrs, key string) string {
	s := attrs
	for s != "" {
		s = strings.TrimLeft(s, " \t")
		k, rest, ok := strings.Cut(s, "=")
		if !ok {
			return ""
		}
		k = strings.TrimSpace(k)
		rest = strings.TrimLeft(rest, " \t")
		var v string
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			end := strings.IndexByte(rest[1:], rest[0])
			if end < 0 {
				v, s = rest[1:], ""
			} else {
				v, s = rest[1:1+end], rest[2+end:]
			}
		} else {
			end := strings.IndexAny(rest, " \t")
			if end < 0 {
				end = len(rest)
			}
			v, s = rest[:end], rest[end:]
		}
		if strings.EqualFold(k, key) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func cleanLinks(ls []loaders.Link) []loaders.Link {
	out := ls[:0:0]
	for _, l := range ls {
		l.Text = lines.Clean(l.Text)
		if l.Text != "" {
			out = append(out, l)
		}
	}
	return out
}

// uniq drops repeated indexes, keeping the first of each.
func uniq(refs []int) []int {
	var out []int
	for _, r := range refs {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
