package sparql

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestAlgebraGolden translates each testdata/algebra/*.rq and compares the
// algebra's S-expression with the .golden file next to it.
func TestAlgebraGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "algebra", "*.rq"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden queries: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".rq")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			q, err := Parse(string(src))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			got := q.Form.String() + "\n" + q.String() + "\n"
			golden := strings.TrimSuffix(f, ".rq") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("algebra of %s differs from %s:\ngot:\n%s\nwant:\n%s", f, golden, got, want)
			}
		})
	}
}

// TestParseErrors checks the position and message of syntax errors.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, query string
		line, col   int
		msg         string
	}{
		{"missing brace", "SELECT ?x WHERE {\n  ?x ?p ?o .\n", 3, 1, "expected '}'"},
		{"bad token", "SELECT ?x WHERE { ?x ?p ?o . ] }", 1, 30, "expected a variable, an IRI"},
		{"undefined prefix", "SELECT ?x\nWHERE { ?x a foaf:Person }", 2, 14, `undefined prefix "foaf:"`},
		{"update insert", "INSERT DATA { <a> <b> <c> }", 1, 1, "SPARQL Update (INSERT) is not supported"},
		{"update delete", "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }", 2, 1, "SPARQL Update (DELETE) is not supported"},
		{"update load", "LOAD <http://example.org/x>", 1, 1, "SPARQL Update (LOAD) is not supported"},
		{"two requests", "SELECT * {} ; SELECT * {}", 1, 13, "only one query"},
		{"missing as", "SELECT (?x + 1 ?y) {}", 1, 16, "expected AS"},
		{"unterminated string", "SELECT * { ?s ?p \"abc }", 1, 18, "unterminated string"},
		{"bad limit", "SELECT * {} LIMIT x", 1, 19, "expected an integer after LIMIT"},
		{"ungrouped", "SELECT ?s (COUNT(?o) AS ?n) { ?s ?p ?o }", 1, 8, "?s is projected but not grouped"},
		{"bind in scope", "SELECT * { ?s ?p ?o BIND(1 AS ?o) }", 1, 21, "already in scope"},
		{"aggregate in filter", "SELECT * { ?s ?p ?o FILTER(COUNT(?o) > 1) }", 1, 28, "aggregate COUNT is not allowed here"},
		{"values arity", "SELECT * { VALUES (?a ?b) { (1) } }", 1, 29, "VALUES row has 1 values but 2 variables"},
		{"unknown function", "SELECT * { FILTER(FOO(1)) }", 1, 19, "unknown function FOO"},
		{"arity", "SELECT * { FILTER(STRLEN(1, 2)) }", 1, 19, "STRLEN takes 1 arguments, got 2"},
		{"service", "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", 1, 12, "SERVICE"},
		{"bnode reuse", "SELECT * { _:a ?p ?o OPTIONAL { _:a ?q ?r } }", 1, 33, "blank node label _:a"},
		{"empty", "", 1, 1, "expected SELECT, ASK, CONSTRUCT or DESCRIBE"},
		{"column in characters", "SELECT * { \"é\" ?p ?o . ) }", 1, 24, "expected"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.query)
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, want a *Error", tc.query, err)
			}
			if se.Line != tc.line || se.Col != tc.col || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("Parse(%q) error = %d:%d %q, want %d:%d containing %q", tc.query, se.Line, se.Col, se.Msg, tc.line, tc.col, tc.msg)
			}
			if strings.Contains(se.Error(), "\n") {
				t.Errorf("error is not one line: %q", se.Error())
			}
		})
	}
}

func TestParseDeepNesting(t *testing.T) {
	for _, q := range []string{
		"SELECT * { FILTER(" + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000) + ") }",
		"SELECT * " + strings.Repeat("{", 100000) + strings.Repeat("}", 100000),
		"SELECT * { ?s " + strings.Repeat("(", 100000) + "<p>" + strings.Repeat(")", 100000) + " ?o }",
		"SELECT * { ?s <p> " + strings.Repeat("[ <p> ", 100000) + strings.Repeat("]", 100000) + " }",
		"SELECT * { FILTER(" + strings.Repeat("!", 100000) + "true) }",
	} {
		_, err := Parse(q)
		var se *Error
		if !errors.As(err, &se) || !strings.Contains(se.Msg, "nested more than") {
			t.Errorf("deeply nested query: err = %v, want a nesting error", err)
		}
	}
}
