package results_test

import (
	"os"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/queries/results"
)

func ExampleNewWriter() {
	w, _ := results.NewWriter(os.Stdout, results.TSV, []string{"n", "party"})
	w.WriteRow([]quad.Value{quad.TypedString{Value: "3", Type: "http://www.w3.org/2001/XMLSchema#integer"}, quad.IRI("http://example.org/p1")})
	w.WriteRow([]quad.Value{nil, quad.LangString{Value: "政党", Lang: "zh"}})
	w.Close()
	// Output:
	// ?n	?party
	// 3	<http://example.org/p1>
	// 	"政党"@zh
}

func ExampleWriteBool() {
	results.WriteBool(os.Stdout, results.JSON, true)
	// Output:
	// {"head":{},"boolean":true}
}
