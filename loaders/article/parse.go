package article

import (
	"io"
	"strings"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/langid"
	"github.com/partygraph/partygraph/loaders/internal/lines"
)

// Parser parses journal article pages. The zero value is ready to use.
type Parser struct {
	MaxSize int64               // largest input in bytes; 0 means loaders.DefaultMaxSize
	Lang    func(string) string // language guesser; nil means loaders/text.Lang
}

// Parse parses the article page read from r with a zero Parser. name is
// used in messages only.
func Parse(name string, r io.Reader) (*loaders.Document, error) {
	return new(Parser).Parse(name, r)
}

// Parse parses the article page read from r.
func (p *Parser) Parse(name string, r io.Reader) (*loaders.Document, error) {
	data, doc, err := lines.Start("article", name, r, p.MaxSize)
	if err != nil {
		return nil, err
	}
	lang := langid.Or(p.Lang)
	evs := lines.Classify(lines.Split(string(data)), classify)
	var (
		inRefs   bool
		refTexts [][]string // the lines of each reference
		section  []string
	)
	addPara := func(text string, offset int) {
		doc.Blocks = append(doc.Blocks, loaders.Block{Kind: loaders.Paragraph, Section: section, Text: text, Lang: lang(text), Offset: offset})
	}
	for i := 0; i < len(evs); i++ {
		ev := evs[i]
		if doc.Title == "" && ev.kind != eBlank {
			doc.Title = ev.text
			doc.Blocks = append(doc.Blocks, loaders.Block{Kind: loaders.Heading, Level: 1, Text: ev.text, Lang: lang(ev.text), Offset: ev.offset})
			continue
		}
		switch ev.kind {
		case eBoilerplate, eBlank:
		case eRefHeading:
			inRefs = true
			section = []string{ev.text}
			doc.Blocks = append(doc.Blocks, loaders.Block{Kind: loaders.Heading, Level: 2, Text: ev.text, Lang: lang(ev.text), Offset: ev.offset})
		case eNumbered:
			if inRefs || ev.n == 1 && len([]rune(ev.text)) >= 30 {
				inRefs = true
				refTexts = append(refTexts, []string{ev.text})
				continue
			}
			addPara(ev.text, ev.offset)
		case eField:
			if inRefs {
				refTexts = appendContinuation(refTexts, ev.text)
				continue
			}
			v := ev.value
			if v == "" && i+1 < len(evs) && evs[i+1].kind == eText {
				i++
				v = evs[i].text // the value on the next line
			}
			if ev.key == abstractKey {
				if v != "" {
					addPara(v, ev.offset)
				}
				continue
			}
			if _, dup := doc.Meta[ev.key]; !dup && v != "" {
				doc.Meta[ev.key] = v
			}
			if ev.key == "keywords" {
				doc.Keywords = append(doc.Keywords, splitList(v)...)
			}
		case eText:
			if inRefs {
				refTexts = appendContinuation(refTexts, ev.text)
				continue
			}
			addPara(ev.text, ev.offset)
		}
	}
	for _, t := range refTexts {
		doc.References = append(doc.References, parseRef(lines.JoinAll(t), lang))
	}
	var sb strings.Builder
	sb.WriteString(doc.Title)
	for _, b := range doc.Blocks {
		if b.Kind == loaders.Paragraph && sb.Len() < 4000 {
			sb.WriteString(" " + b.Text)
		}
	}
	doc.Lang = lang(sb.String())
	return doc, nil
}

func appendContinuation(refs [][]string, s string) [][]string {
	if len(refs) == 0 {
		return refs
	}
	refs[len(refs)-1] = append(refs[len(refs)-1], s)
	return refs
}

// splitList splits a keyword list at commas and semicolons, ASCII or
// full-width, and the Chinese enumeration comma.
func splitList(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",;，；、", r) }) {
		if k = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(k), ".")); k != "" {
			out = append(out, k)
		}
	}
	return out
}
