package detect_test

import (
	"fmt"

	"github.com/partygraph/partygraph/loaders/detect"
)

func ExampleParse() {
	page := "= Forum of Coastal Parties =\n\n- Country: Varnland\n- Date: Since 2019\n\n== See also ==\n\n- Coastal Parties Summit\n"
	d, err := detect.Parse("forum.txt", []byte(page))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Genre, d.Title)
	for _, b := range d.Blocks {
		fmt.Printf("%s %q %q\n", b.Kind, b.Key, b.Text)
	}
	// Output:
	// wikimarkup Forum of Coastal Parties
	// heading "" "Forum of Coastal Parties"
	// fact "Country" "Varnland"
	// fact "Date" "Since 2019"
	// heading "" "See also"
	// item "" "Coastal Parties Summit"
}
