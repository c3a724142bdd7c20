package sparql

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

const testPrefixes = `PREFIX : <http://example.org/>
PREFIX ex: <http://example.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
`

// loadTurtle adds Turtle-like triples (with the test prefixes) to st under label,
// using the engine's own CONSTRUCT to read them.
func loadTurtle(t testing.TB, st *MemStore, label quad.Value, text string) {
	t.Helper()
	q, err := Parse(testPrefixes + "CONSTRUCT {" + text + "} WHERE {}")
	if err != nil {
		t.Fatalf("load data: %v", err)
	}
	res, err := Exec(context.Background(), NewMemStore(), q, Options{})
	if err != nil {
		t.Fatalf("load data: %v", err)
	}
	for _, qd := range res.Quads {
		if b, ok := qd.Subject.(quad.BNode); ok {
			qd.Subject = quad.BNode(quad.StringOf(label) + "-" + string(b))
		}
		if b, ok := qd.Object.(quad.BNode); ok {
			qd.Object = quad.BNode(quad.StringOf(label) + "-" + string(b))
		}
		qd.Label = label
		st.Add(qd)
	}
}

// formatResult prints a result as sorted lines, for comparison in tests.
func formatResult(res *Result) string {
	switch res.Form {
	case FormAsk:
		if res.Bool {
			return "true"
		}
		return "false"
	case FormConstruct, FormDescribe:
		var lines []string
		for _, q := range res.Quads {
			lines = append(lines, termString(q.Subject)+" "+termString(q.Predicate)+" "+termString(q.Object))
		}
		sort.Strings(lines)
		return strings.Join(lines, "\n")
	}
	var lines []string
	for _, r := range res.Rows {
		var parts []string
		for i, v := range r {
			if v != nil {
				parts = append(parts, res.Vars[i]+"="+termString(v))
			}
		}
		lines = append(lines, strings.Join(parts, " "))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// formatOrdered prints a SELECT result in order.
func formatOrdered(res *Result) string {
	var lines []string
	for _, r := range res.Rows {
		var parts []string
		for i, v := range r {
			if v != nil {
				parts = append(parts, res.Vars[i]+"="+termString(v))
			}
		}
		lines = append(lines, strings.Join(parts, " "))
	}
	return strings.Join(lines, "\n")
}
