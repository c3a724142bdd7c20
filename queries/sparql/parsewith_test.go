package sparql

import (
	"errors"
	"testing"
)

func TestParseWithPrefixes(t *testing.T) {
	pre := map[string]string{"pg": "https://w3id.org/partygraph/ontology#", "ex": "http://example.org/a#"}
	q, err := ParseWith("PREFIX ex: <http://example.org/b#>\nSELECT ?m WHERE { ?m a pg:Meeting ; ex:p ?o }", ParseOptions{Prefixes: pre})
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Prefixes["pg"]; got != pre["pg"] {
		t.Errorf("pg: = %q, want the predeclared namespace", got)
	}
	if got := q.Prefixes["ex"]; got != "http://example.org/b#" {
		t.Errorf("ex: = %q, want the query's own declaration to win", got)
	}
	if pre["ex"] != "http://example.org/a#" {
		t.Errorf("ParseWith changed the caller's map")
	}
	// Without predeclared prefixes, pg: is unknown; the error position refers to the text as given.
	_, err = Parse("SELECT ?m\nWHERE { ?m a pg:Meeting }")
	var se *Error
	if !errors.As(err, &se) || se.Line != 2 {
		t.Errorf("undeclared prefix: err = %v, want a *Error on line 2", err)
	}
}
