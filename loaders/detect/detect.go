package detect

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/article"
	"github.com/partygraph/partygraph/loaders/internal/lines"
	"github.com/partygraph/partygraph/loaders/webpage"
	"github.com/partygraph/partygraph/loaders/wikimarkup"
	"github.com/partygraph/partygraph/loaders/wikitext"
)

// The genres Genre reports.
const (
	Wikitext   = "wikitext"
	Wikimarkup = "wikimarkup"
	Webpage    = "webpage"
	Article    = "article"
	NQuads     = "nquads"
)

// ErrQuads is returned (wrapped) by Parse for an N-Quads file, which holds
// quads to load as they are, not a document to parse.
var ErrQuads = errors.New("n-quads file, not a document")

// Detector detects genres and parses documents. The zero value is ready to
// use.
type Detector struct {
	MaxSize int64               // largest document in bytes; 0 means loaders.DefaultMaxSize
	Lang    func(string) string // language guesser passed to the parsers; nil means their default
}

// Genre reports the genre of data with a zero Detector.
func Genre(name string, data []byte) (string, error) {
	var d Detector
	return d.Genre(name, data)
}

// Parse detects the genre of data with a zero Detector and parses it.
func Parse(name string, data []byte) (*loaders.Document, error) {
	var d Detector
	return d.Parse(name, data)
}

// Genre reports the genre of data: "wikitext", "wikimarkup", "webpage",
// "article" or "nquads". name is used for messages and for the .nq and
// .nq.gz extensions only.
func (d *Detector) Genre(name string, data []byte) (string, error) {
	low := strings.ToLower(name)
	if strings.HasSuffix(low, ".nq") || strings.HasSuffix(low, ".nq.gz") {
		return NQuads, nil
	}
	max := d.MaxSize
	if max <= 0 {
		max = loaders.DefaultMaxSize
	}
	if int64(len(data)) > max {
		return "", fmt.Errorf("%w (%w)", &loaders.Error{Name: name, Msg: fmt.Sprintf("document larger than the limit of %d bytes", max), Err: loaders.ErrTooLarge}, loaders.ErrUnknownGenre)
	}
	text, err := loaders.CheckText(name, data)
	if err != nil {
		return "", fmt.Errorf("%w (%w)", err, loaders.ErrUnknownGenre)
	}
	s := scores(string(text))
	best, bestScore := "", 0
	for _, g := range [...]string{Wikitext, Wikimarkup, Article, Webpage, NQuads} {
		if s[g] > bestScore {
			best, bestScore = g, s[g]
		}
	}
	if best == "" {
		return "", fmt.Errorf("%s: no feature of wikitext, wiki markup, web page, article or n-quads found: %w", name, loaders.ErrUnknownGenre)
	}
	return best, nil
}

// Parse detects the genre of data and parses it with that genre's parser.
func (d *Detector) Parse(name string, data []byte) (*loaders.Document, error) {
	g, err := d.Genre(name, data)
	if err != nil {
		return nil, err
	}
	r := bytes.NewReader(data)
	switch g {
	case Wikitext:
		return (&wikitext.Parser{MaxSize: d.MaxSize, Lang: d.Lang}).Parse(name, r)
	case Wikimarkup:
		return (&wikimarkup.Parser{MaxSize: d.MaxSize, Lang: d.Lang}).Parse(name, r)
	case Webpage:
		return (&webpage.Parser{MaxSize: d.MaxSize, Lang: d.Lang}).Parse(name, r)
	case Article:
		return (&article.Parser{MaxSize: d.MaxSize, Lang: d.Lang}).Parse(name, r)
	}
	return nil, fmt.Errorf("%s: %w", name, ErrQuads)
}

// sampleSize bounds the text the line features are counted on.
const sampleSize = 1 << 20

// scores counts the features of each genre in s.
func scores(s string) map[string]int {
	sc := map[string]int{}
	sample := s
	if len(sample) > sampleSize {
		sample = sample[:sampleSize]
	}
	capped := func(sub string, each, limit int) int {
		return min(strings.Count(sample, sub), limit) * each
	}
	// Wikitext markup.
	sc[Wikitext] += capped("[[", 2, 20) + capped("{{", 2, 20) + capped("'''", 2, 5) +
		capped("<ref", 3, 10) + capped("[[Category:", 5, 4) + capped("\n{|", 5, 2)

	var quads, nonBlank, levelOne, keyValues, rows, headings int
	for i, l := range lines.Split(sample) {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			continue
		}
		nonBlank++
		if (strings.HasPrefix(t, "<") || strings.HasPrefix(t, "_:")) && strings.HasSuffix(t, ".") && strings.Count(t, " ") >= 3 {
			quads++
		}
		if strings.HasPrefix(t, "=") && strings.HasSuffix(t, "=") && len(t) > 2 {
			headings++
			if !strings.HasPrefix(t, "==") && !strings.HasSuffix(t, "==") && i < 5 {
				levelOne++
			}
		}
		if strings.HasPrefix(t, "- ") && strings.Contains(t, ": ") {
			keyValues++
		}
		if strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && strings.Count(t, "|") >= 3 {
			rows++
		}
	}
	sc[Wikitext] += min(headings, 5)
	sc[Wikimarkup] += 8*levelOne + 2*min(keyValues, 5) + min(rows, 5) + min(headings, 5)
	if sc[Wikitext] > 10 {
		sc[Wikimarkup] /= 2 // a wiki page's source, not its export
	}
	if nonBlank > 0 && quads*2 > nonBlank {
		sc[NQuads] = 100
	}

	// What the line-oriented parsers make of it.
	ap := article.Parser{Lang: noLang}
	if d, err := ap.Parse("", strings.NewReader(sample)); err == nil {
		sc[Article] += 3*len(d.Meta) + 2*min(len(d.References), 10)
		if len(d.Keywords) > 0 {
			sc[Article] += 2
		}
	}
	wp := webpage.Parser{Lang: noLang}
	if d, err := wp.Parse("", strings.NewReader(sample)); err == nil {
		for k := range d.Meta {
			sc[Webpage] += 4
			if k == "languages" {
				sc[Webpage] += 4
			}
		}
		if sc[Webpage] == 0 && sc[Wikitext] == 0 && sc[Wikimarkup] == 0 {
			for _, b := range d.Blocks {
				if lines.Words(b.Text) >= 40 {
					sc[Webpage] = 1 // prose with no markup: a page saved as text
					break
				}
			}
		}
	}
	return sc
}

// noLang skips language guessing where only structure matters.
func noLang(string) string { return "" }
