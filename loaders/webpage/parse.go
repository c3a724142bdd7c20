package webpage

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/langid"
	"github.com/partygraph/partygraph/loaders/internal/lines"
)

// MaxTitle is the longest line, in runes, taken for a page title or a
// section heading.
const MaxTitle = 160

// Parser parses web pages saved as text. The zero value is ready to use.
type Parser struct {
	MaxSize int64               // largest input in bytes; 0 means loaders.DefaultMaxSize
	Lang    func(string) string // language guesser; nil means a script-based stand-in
}

// Parse parses the page read from r with a zero Parser. name is used in
// messages only.
func Parse(name string, r io.Reader) (*loaders.Document, error) {
	return new(Parser).Parse(name, r)
}

// Parse parses the page read from r.
func (p *Parser) Parse(name string, r io.Reader) (*loaders.Document, error) {
	data, doc, err := lines.Start("webpage", name, r, p.MaxSize)
	if err != nil {
		return nil, err
	}
	lang := langid.Or(p.Lang)
	evs := unwrap(lines.Classify(lines.Split(string(data)), classify))
	var section []string
	for i, ev := range evs {
		switch ev.kind {
		case eNav:
			if _, ok := doc.Meta["languages"]; !ok {
				doc.Meta["languages"] = ev.text
			}
		case eBreadcrumb:
			if _, ok := doc.Meta["breadcrumb"]; !ok {
				doc.Meta["breadcrumb"] = ev.text
			}
		case eMeta:
			for _, kv := range ev.meta {
				if _, ok := doc.Meta[kv[0]]; !ok && kv[1] != "" {
					doc.Meta[kv[0]] = kv[1]
				}
			}
		case eText:
			switch {
			case doc.Title == "" && !hasParagraph(doc) && titleLike(ev.text):
				doc.Title = ev.text
				doc.Blocks = append(doc.Blocks, loaders.Block{Kind: loaders.Heading, Level: 1, Text: ev.text, Lang: lang(ev.text), Offset: ev.offset})
			case ev.text == doc.Title:
				// the title repeated above the body
			case headingLike(ev.text) && nextText(evs, i+1):
				section = []string{ev.text}
				if doc.Title != "" {
					section = []string{doc.Title, ev.text}
				}
				doc.Blocks = append(doc.Blocks, loaders.Block{Kind: loaders.Heading, Level: 2, Section: parent(doc.Title), Text: ev.text, Lang: lang(ev.text), Offset: ev.offset})
			default:
				sec := section
				if sec == nil {
					sec = parent(doc.Title)
				}
				doc.Blocks = append(doc.Blocks, loaders.Block{Kind: loaders.Paragraph, Section: sec, Text: ev.text, Lang: lang(ev.text), Offset: ev.offset})
			}
		}
	}
	doc.Lang = mainLang(doc, lang)
	return doc, nil
}

func parent(title string) []string {
	if title == "" {
		return nil
	}
	return []string{title}
}

func hasParagraph(d *loaders.Document) bool {
	for _, b := range d.Blocks {
		if b.Kind == loaders.Paragraph {
			return true
		}
	}
	return false
}

func titleLike(s string) bool {
	return utf8.RuneCountInString(s) <= MaxTitle && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "。")
}

// headingLike reports a short line without closing punctuation.
func headingLike(s string) bool {
	if utf8.RuneCountInString(s) > MaxTitle/2 || lines.Words(s) > 20 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".。!！?？:：;；,，\"”'’)）", r)
}

func nextText(evs []event, i int) bool {
	for ; i < len(evs); i++ {
		if evs[i].kind != eBlank {
			return evs[i].kind == eText
		}
	}
	return false
}

// mainLang is the language of the title, or else of most paragraph text.
func mainLang(d *loaders.Document, lang langid.Func) string {
	if d.Title != "" {
		if l := lang(d.Title); l != "" {
			return l
		}
	}
	size := map[string]int{}
	best := ""
	for _, b := range d.Blocks {
		if b.Lang == "" {
			continue
		}
		size[b.Lang] += len(b.Text)
		if size[b.Lang] > size[best] {
			best = b.Lang
		}
	}
	return best
}

// unwrap joins the lines of hard-wrapped paragraphs: a text line that does
// not end a sentence, directly followed by one that starts in lower case
// (or, in Chinese, a long line followed by more Chinese).
func unwrap(evs []event) []event {
	out := evs[:0:0]
	for i := 0; i < len(evs); i++ {
		ev := evs[i]
		if ev.kind == eText {
			parts := []string{ev.text}
			for i+1 < len(evs) && evs[i+1].kind == eText && continues(parts[len(parts)-1], evs[i+1].text) {
				i++
				parts = append(parts, evs[i].text)
			}
			ev.text = lines.JoinAll(parts)
		}
		out = append(out, ev)
	}
	return out
}

func continues(line, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".。!！?？:：;；\"”", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(first) {
		return true
	}
	return lines.IsCJK(last) && lines.IsCJK(first) && utf8.RuneCountInString(line) >= 30
}
