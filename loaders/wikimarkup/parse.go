package wikimarkup

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/langid"
	"github.com/partygraph/partygraph/loaders/internal/lines"
)

// Parser parses wiki markup exports. The zero value is ready to use.
type Parser struct {
	MaxSize int64               // largest input in bytes; 0 means loaders.DefaultMaxSize
	Lang    func(string) string // language guesser; nil means a script-based stand-in
}

// Parse parses the markup read from r with a zero Parser. name is used in
// messages only.
func Parse(name string, r io.Reader) (*loaders.Document, error) {
	return new(Parser).Parse(name, r)
}

// SeeAlsoHeadings are the section titles, lower-cased, whose items are
// related pages rather than facts.
var seeAlsoHeadings = map[string]bool{
	"see also": true, "related": true, "related pages": true, "related articles": true,
	"参见": true, "參見": true, "相关条目": true, "相關條目": true, "另见": true, "另見": true,
	"см. также": true, "voir aussi": true,
}

// IsSeeAlso reports whether a section title introduces a see-also list.
func IsSeeAlso(title string) bool {
	return seeAlsoHeadings[strings.ToLower(strings.TrimRight(lines.Clean(title), ":："))]
}

// Parse parses the markup read from r.
func (p *Parser) Parse(name string, r io.Reader) (*loaders.Document, error) {
	data, doc, err := lines.Start("wikimarkup", name, r, p.MaxSize)
	if err != nil {
		return nil, err
	}
	b := &builder{lang: langid.Or(p.Lang), doc: doc}
	b.build(lines.Classify(lines.Split(string(data)), classify))
	return b.doc, nil
}

type builder struct {
	lang     langid.Func
	doc      *loaders.Document
	headings []loaders.Block // open headings, outermost first
	para     *loaders.Block
	paraText []string // the lines of para
	sec      []string // section() of the open headings, nil when to be made
}

// section returns the titles of the open headings. Blocks under the same
// headings share one slice, capped so that an append copies it.
func (b *builder) section() []string {
	if b.sec == nil && len(b.headings) > 0 {
		for _, h := range b.headings {
			b.sec = append(b.sec, h.Text)
		}
		b.sec = b.sec[:len(b.sec):len(b.sec)]
	}
	return b.sec
}

func (b *builder) seeAlso() bool {
	return len(b.headings) > 0 && IsSeeAlso(b.headings[len(b.headings)-1].Text)
}

func (b *builder) add(blk loaders.Block) {
	blk.Section = b.section()
	if blk.Lang == "" {
		blk.Lang = b.lang(blk.Text + " " + rowsText(blk.Rows))
	}
	b.doc.Blocks = append(b.doc.Blocks, blk)
}

func (b *builder) endPara() {
	if b.para != nil {
		b.para.Text = lines.JoinAll(b.paraText)
		b.add(*b.para)
		b.para, b.paraText = nil, nil
	}
}

func (b *builder) build(ls []line) {
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if l.kind != lText {
			b.endPara()
		}
		switch l.kind {
		case lHeading:
			text, links := inline(l.text)
			for len(b.headings) > 0 && b.headings[len(b.headings)-1].Level >= l.level {
				b.headings = b.headings[:len(b.headings)-1]
			}
			b.sec = nil
			h := loaders.Block{Kind: loaders.Heading, Level: l.level, Text: text, Links: links, Offset: l.offset}
			b.add(h)
			b.headings = append(b.headings, h)
			b.sec = nil
			if b.doc.Title == "" && l.level == 1 {
				b.doc.Title = text
			}
		case lItem:
			text, links := inline(l.text)
			if l.indent > 0 && nextRow(ls, i+1) {
				b.add(loaders.Block{Kind: loaders.Caption, Text: strings.TrimRight(text, ":："), Links: links, Offset: l.offset})
				continue
			}
			blk := loaders.Block{Kind: loaders.ListItem, Level: 1 + l.indent/2, Text: text, Links: links, Offset: l.offset}
			if key, val, ok := fact(text); ok && !b.seeAlso() {
				blk.Kind, blk.Key, blk.Text, blk.Level = loaders.Fact, key, val, 0
				blk.Links = linksIn(links, val)
			}
			b.add(blk)
		case lRow, lRule:
			i = b.table(ls, i) - 1
		case lText:
			text, links := inline(l.text)
			if b.para == nil && nextRow(ls, i+1) && (strings.HasPrefix(l.text, "**") || strings.HasSuffix(l.text, "**")) {
				b.add(loaders.Block{Kind: loaders.Caption, Text: strings.TrimRight(text, ":："), Links: links, Offset: l.offset})
				continue
			}
			if b.para == nil {
				b.para = &loaders.Block{Kind: loaders.Paragraph, Offset: l.offset}
			}
			b.paraText = append(b.paraText, text)
			b.para.Links = append(b.para.Links, links...)
		}
	}
	b.endPara()
	if b.doc.Title == "" {
		for _, blk := range b.doc.Blocks {
			if blk.Kind == loaders.Heading {
				b.doc.Title = blk.Text
				break
			}
		}
	}
	var sb strings.Builder
	for _, blk := range b.doc.Blocks {
		if blk.Kind == loaders.Paragraph && sb.Len() < 4000 {
			sb.WriteString(blk.Text + " ")
		}
	}
	if sb.Len() == 0 {
		sb.WriteString(b.doc.Title)
	}
	b.doc.Lang = b.lang(sb.String())
}

// table gathers the rows starting at ls[i] into one Table block and returns
// the index of the first line after it.
func (b *builder) table(ls []line, i int) int {
	blk := loaders.Block{Kind: loaders.Table, Offset: ls[i].offset}
	for ; i < len(ls) && (ls[i].kind == lRow || ls[i].kind == lRule); i++ {
		if ls[i].kind == lRule {
			continue
		}
		row := make([]string, len(ls[i].cells))
		for j, c := range ls[i].cells {
			text, links := inline(c)
			row[j] = text
			blk.Links = append(blk.Links, links...)
		}
		blk.Rows = append(blk.Rows, row)
	}
	if len(blk.Rows) > 0 { // a lone separator line is no table
		b.add(blk)
	}
	return i
}

func nextRow(ls []line, i int) bool {
	for ; i < len(ls); i++ {
		if ls[i].kind != lBlank {
			return ls[i].kind == lRow
		}
	}
	return false
}

func rowsText(rows [][]string) string {
	var sb strings.Builder
	for _, r := range rows {
		sb.WriteString(strings.Join(r, " ") + " ")
	}
	return sb.String()
}

// fact splits "Key: value" when the key reads like a field name: short, no
// sentence punctuation, starting with a capital or a non-Latin letter.
func fact(s string) (key, val string, ok bool) {
	i := strings.IndexAny(s, ":：")
	if i <= 0 {
		return "", "", false
	}
	key = strings.TrimSpace(s[:i])
	_, n := utf8.DecodeRuneInString(s[i:])
	val = strings.TrimSpace(s[i+n:])
	if key == "" || val == "" || utf8.RuneCountInString(key) > 40 || lines.Words(key) > 5 ||
		strings.ContainsAny(key, ".,;!?()[]\"“”。，；") || strings.Contains(val, "://") && strings.HasPrefix(val, "//") {
		return "", "", false
	}
	if r, _ := utf8.DecodeRuneInString(key); unicode.IsLower(r) {
		return "", "", false
	}
	return key, val, true
}

func linksIn(links []loaders.Link, text string) []loaders.Link {
	var out []loaders.Link
	for _, l := range links {
		if strings.Contains(text, l.Text) {
			out = append(out, l)
		}
	}
	return out
}
