package results_test

import (
	"os"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/queries/results"
)

func ExampleNewWriter() {
	w, _ := results.NewWriter(os.Stdout, results.TSV, []string{"party", "n"})
	w.WriteRow([]quad.Value{quad.IRI("http://example.org/p1"), quad.TypedString{Value: "3", Type: "http://www.w3.org/2001/XMLSchema#integer"}})
	w.WriteRow([]quad.Value{quad.LangString{Value: "政党", Lang: "zh"}, nil})
	w.Close()
	// Output:
	// ?party	?n
	// <http://example.org/p1>	3
	// "政党"@zh	
}

func ExampleWriteBool() {
	results.WriteBool(os.Stdout, results.JSON, true)
	// Output:
	// {"head":{},"boolean":true}
}
