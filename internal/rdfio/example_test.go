package rdfio_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/internal/rdfio"
)

func ExampleParseTurtle() {
	doc := `@prefix ex: <http://example.org/> .
ex:m1 a ex:Meeting ; ex:parties 500 ; ex:name "Summit"@EN .`
	qs, err := rdfio.ParseTurtle(strings.NewReader(doc), rdfio.Options{Name: "doc.ttl", Label: quad.IRI("http://example.org/src")})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range qs {
		fmt.Println(rdfio.FormatTerm(q.Predicate), rdfio.FormatTerm(q.Object))
	}
	_, err = rdfio.ParseTurtle(strings.NewReader("ex:a ex:b ex:c ."), rdfio.Options{Name: "bad.ttl"})
	fmt.Println(err)
	// Output:
	// <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Meeting>
	// <http://example.org/parties> "500"^^<http://www.w3.org/2001/XMLSchema#integer>
	// <http://example.org/name> "Summit"@EN
	// bad.ttl:1:1: undefined prefix "ex:"
}

func ExampleWriteTurtle() {
	qs := []quad.Quad{
		{Subject: quad.IRI("http://example.org/m1"), Predicate: rdfio.RDFType, Object: quad.IRI("http://example.org/Meeting")},
		{Subject: quad.IRI("http://example.org/m1"), Predicate: quad.IRI("http://example.org/parties"), Object: quad.TypedString{Value: "500", Type: rdfio.XSDInteger}},
	}
	rdfio.WriteTurtle(os.Stdout, qs, []rdfio.Prefix{{Name: "ex", IRI: "http://example.org/"}})
	// Output:
	// @prefix ex: <http://example.org/> .
	//
	// ex:m1 a ex:Meeting ;
	//     ex:parties 500 .
}

func ExampleWriteJSONLD() {
	qs := []quad.Quad{
		{Subject: quad.BNode("b1"), Predicate: quad.IRI("http://example.org/parties"), Object: quad.TypedString{Value: "500", Type: rdfio.XSDInteger}},
	}
	rdfio.WriteJSONLD(os.Stdout, qs)
	// Output:
	// [
	//  {
	//   "@id": "_:b1",
	//   "http://example.org/parties": [
	//    {
	//     "@type": "http://www.w3.org/2001/XMLSchema#integer",
	//     "@value": "500"
	//    }
	//   ]
	//  }
	// ]
}
