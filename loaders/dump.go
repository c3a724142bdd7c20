package loaders

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

var kindNames = [...]string{
	Heading:   "heading",
	Paragraph: "paragraph",
	ListItem:  "item",
	Fact:      "fact",
	Table:     "table",
	Caption:   "caption",
}

func (k BlockKind) String() string {
	if int(k) >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Dump writes d as stable, line-oriented text for golden files and review:
// one header line per field, one indented line per block attribute, every
// string quoted so that spaces and empty values show.
func (d *Document) Dump(w io.Writer) error {
	bw := bufio.NewWriter(w)
	q := strconv.Quote
	fmt.Fprintf(bw, "name %s\ngenre %s\ntitle %s\nlang %s\n", q(d.Name), q(d.Genre), q(d.Title), q(d.Lang))
	keys := make([]string, 0, len(d.Meta))
	for k := range d.Meta {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(bw, "meta %s = %s\n", q(k), q(d.Meta[k]))
	}
	for _, k := range d.Keywords {
		fmt.Fprintf(bw, "keyword %s\n", q(k))
	}
	for _, c := range d.Categories {
		fmt.Fprintf(bw, "category %s\n", q(c))
	}
	for i, b := range d.Blocks {
		fmt.Fprintf(bw, "\nblock %d %s level=%d lang=%s offset=%d\n", i, b.Kind, b.Level, q(b.Lang), b.Offset)
		if len(b.Section) > 0 {
			qs := make([]string, len(b.Section))
			for j, s := range b.Section {
				qs[j] = q(s)
			}
			fmt.Fprintf(bw, "  section %s\n", strings.Join(qs, " / "))
		}
		if b.Key != "" {
			fmt.Fprintf(bw, "  key %s\n", q(b.Key))
		}
		if b.Text != "" {
			fmt.Fprintf(bw, "  text %s\n", q(b.Text))
		}
		for _, l := range b.Links {
			fmt.Fprintf(bw, "  link %s -> %s\n", q(l.Text), q(l.Target))
		}
		for _, s := range b.Spans {
			fmt.Fprintf(bw, "  span %s %s\n", s.Lang, q(s.Text))
		}
		if len(b.Refs) > 0 {
			fmt.Fprintf(bw, "  refs %v\n", b.Refs)
		}
		for _, row := range b.Rows {
			qs := make([]string, len(row))
			for j, c := range row {
				qs[j] = q(c)
			}
			fmt.Fprintf(bw, "  row %s\n", strings.Join(qs, " | "))
		}
	}
	for i, r := range d.References {
		fmt.Fprintf(bw, "\nreference %d lang=%s\n", i, q(r.Lang))
		for _, f := range [...]struct{ k, v string }{
			{"url", r.URL}, {"title", r.Title}, {"author", r.Author}, {"publisher", r.Publisher},
			{"date", r.Date}, {"doi", r.DOI}, {"text", r.Text},
		} {
			if f.v != "" {
				fmt.Fprintf(bw, "  %s %s\n", f.k, q(f.v))
			}
		}
	}
	return bw.Flush()
}
