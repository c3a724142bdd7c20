package sparql_test

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/queries/sparql"
)

func exampleStore() *sparql.MemStore {
	ex := func(s string) quad.IRI { return quad.IRI("http://example.org/" + s) }
	return sparql.NewMemStore(
		quad.Quad{Subject: ex("m2017"), Predicate: ex("date"), Object: quad.TypedString{Value: "2017-12-01", Type: "http://www.w3.org/2001/XMLSchema#date"}, Label: ex("doc1")},
		quad.Quad{Subject: ex("m2017"), Predicate: ex("venue"), Object: quad.LangString{Value: "Beijing", Lang: "en"}, Label: ex("doc1")},
		quad.Quad{Subject: ex("m2017"), Predicate: ex("venue"), Object: quad.LangString{Value: "Beijing", Lang: "en"}, Label: ex("doc2")},
		quad.Quad{Subject: ex("m2023"), Predicate: ex("date"), Object: quad.TypedString{Value: "2023-03-15", Type: "http://www.w3.org/2001/XMLSchema#date"}, Label: ex("doc2")},
	)
}

func ExampleExec() {
	q, err := sparql.Parse(`PREFIX ex: <http://example.org/>
		SELECT ?m ?d WHERE { ?m ex:date ?d FILTER(?d > "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date>) }`)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sparql.Exec(context.Background(), exampleStore(), q, sparql.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Rows {
		fmt.Println(res.Vars[0], r[0], res.Vars[1], r[1])
	}
	// Output:
	// m <http://example.org/m2023> d "2023-03-15"^^<http://www.w3.org/2001/XMLSchema#date>
}

// The default graph merges the sources as a set; GRAPH ?g gives one row per source.
func ExampleExec_graph() {
	for _, text := range []string{
		`SELECT ?v WHERE { ?m <http://example.org/venue> ?v }`,
		`SELECT ?g WHERE { GRAPH ?g { ?m <http://example.org/venue> ?v } } ORDER BY ?g`,
	} {
		q, err := sparql.Parse(text)
		if err != nil {
			fmt.Println(err)
			return
		}
		res, err := sparql.Exec(context.Background(), exampleStore(), q, sparql.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(len(res.Rows), res.Rows)
	}
	// Output:
	// 1 [["Beijing"@en]]
	// 2 [[<http://example.org/doc1>] [<http://example.org/doc2>]]
}

func ExampleParse_error() {
	_, err := sparql.Parse("SELECT ?x WHERE {\n  ?x ?p ?o\n  FILTER(?x = )\n}")
	fmt.Println(err)
	// Output:
	// 3:15: expected an expression, found ')'
}

func ExampleQuery_Iterate() {
	q, err := sparql.Parse(`ASK { <http://example.org/m2017> ?p ?o }`)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sparql.Exec(context.Background(), exampleStore(), q, sparql.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Bool)

	q, _ = sparql.Parse(`SELECT ?m WHERE { ?m <http://example.org/date> ?d } ORDER BY DESC(?d)`)
	it, err := q.Iterate(context.Background(), exampleStore(), sparql.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer it.Close()
	for it.Next() {
		fmt.Println(it.Row()[0])
	}
	if err := it.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// true
	// <http://example.org/m2023>
	// <http://example.org/m2017>
}
