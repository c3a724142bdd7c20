package wikitext_test

import (
	"fmt"
	"strings"

	"github.com/partygraph/partygraph/loaders/wikitext"
)

func ExampleParse() {
	src := "'''Coastal Forum''' ({{lang-zh|沿海論壇}}) met in [[Marenport|the port city]].<ref>{{cite news|title=Forum opens|publisher=Harbour Daily|date=2030-05-01}}</ref>\n[[Category:Forums]]"
	d, err := wikitext.Parse("forum.wiki", strings.NewReader(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	b := d.Blocks[0]
	fmt.Println(d.Title)
	fmt.Println(b.Text)
	fmt.Println(b.Links[0].Target, "|", b.Links[0].Text)
	fmt.Println(b.Spans[0].Lang, b.Spans[0].Text)
	r := d.References[b.Refs[0]]
	fmt.Println(r.Title, "|", r.Publisher, "|", r.Date)
	fmt.Println(d.Categories)
	// Output:
	// Coastal Forum
	// Coastal Forum (沿海論壇) met in the port city.
	// Marenport | the port city
	// zh-Hant 沿海論壇
	// Forum opens | Harbour Daily | 2030-05-01
	// [Forums]
}
