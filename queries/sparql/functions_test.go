package sparql

import (
	"context"
	"regexp"
	"testing"
)

// TestFunctions evaluates expressions with BIND; "" means an error (unbound).
func TestFunctions(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`1 + 2 * 3`, `7`},
		{`7 / 2`, `3.5`},
		{`1 / 0`, ``},
		{`1.0e0 / 0`, `"INF"^^<http://www.w3.org/2001/XMLSchema#double>`},
		{`"2" + 1`, ``},
		{`-(3)`, `-3`},
		{`1 = 1.0`, `true`},
		{`"a" = "a"@en`, `false`},
		{`"a"@en = "a"@EN`, `true`},
		{`"2017-12-01"^^xsd:date < "2018-01-01"^^xsd:date`, `true`},
		{`"b" > "a"`, `true`},
		{`<http://a> < <http://b>`, ``},
		{`true && (1/0 = 1)`, ``},
		{`false && (1/0 = 1)`, `false`},
		{`true || (1/0 = 1)`, `true`},
		{`2 IN (1, 2)`, `true`},
		{`2 NOT IN (1, "x")`, `true`},
		{`STR(<http://a>)`, `"http://a"`},
		{`LANG("x"@zh-Hans)`, `"zh-Hans"`},
		{`LANGMATCHES("en-US", "en")`, `true`},
		{`LANGMATCHES("", "*")`, `false`},
		{`DATATYPE("x")`, `<http://www.w3.org/2001/XMLSchema#string>`},
		{`DATATYPE("x"@en)`, `<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>`},
		{`ISNUMERIC("1"^^xsd:integer)`, `true`},
		{`ISNUMERIC("x"^^xsd:integer)`, `false`},
		{`STRLEN("中国共产党")`, `5`},
		{`SUBSTR("Beijing", 4)`, `"jing"`},
		{`SUBSTR("Beijing"@en, 0, 3)`, `"Be"@en`},
		{`UCASE("ab"@en)`, `"AB"@en`},
		{`CONTAINS("Dialogue", "log")`, `true`},
		{`CONTAINS("x"@en, "x"@fr)`, ``},
		{`STRSTARTS("Summit"@en, "Sum")`, `true`},
		{`STRBEFORE("2017-12-01", "-")`, `"2017"`},
		{`STRAFTER("a:b"@en, ":")`, `"b"@en`},
		{`STRAFTER("abc", "z")`, `""`},
		{`CONCAT("a"@en, "b"@en)`, `"ab"@en`},
		{`CONCAT("a"@en, "b")`, `"ab"`},
		{`REPLACE("aaa", "a+", "b")`, `"b"`},
		{`REPLACE("abc", "(b)", "[$1]")`, `"a[b]c"`},
		{`REGEX("Hello", "^h", "i")`, `true`},
		{`REGEX("x", "(")`, ``},
		{`ENCODE_FOR_URI("a b/c")`, `"a%20b%2Fc"`},
		{`YEAR("2023-03-15T10:20:30+08:00"^^xsd:dateTime)`, `2023`},
		{`HOURS("2023-03-15T10:20:30+08:00"^^xsd:dateTime)`, `10`},
		{`SECONDS("2023-03-15T10:20:30.5Z"^^xsd:dateTime)`, `30.5`},
		{`TIMEZONE("2023-03-15T10:20:30-05:00"^^xsd:dateTime)`, `"-PT5H"^^<http://www.w3.org/2001/XMLSchema#dayTimeDuration>`},
		{`TZ("2023-03-15T10:20:30Z"^^xsd:dateTime)`, `"Z"`},
		{`MONTH("2017-12-01"^^xsd:date)`, `12`},
		{`ABS(-2)`, `2`},
		{`ROUND(2.5)`, `3.0`},
		{`ROUND(-2.5)`, `-2.0`},
		{`CEIL(1.2)`, `2.0`},
		{`FLOOR(-1.2)`, `-2.0`},
		{`MD5("abc")`, `"900150983cd24fb0d6963f7d28e17f72"`},
		{`SHA1("abc")`, `"a9993e364706816aba3e25717850c26c9cd0d89d"`},
		{`SHA256("")`, `"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"`},
		{`IRI("http://example.org/x")`, `<http://example.org/x>`},
		{`STRDT("5", xsd:integer)`, `5`},
		{`STRLANG("x", "en")`, `"x"@en`},
		{`STRLANG("x"@fr, "en")`, ``},
		{`SAMETERM(1, 1.0)`, `false`},
		{`COALESCE(?unbound, 1/0, "c")`, `"c"`},
		{`IF(1 > 2, "yes", "no")`, `"no"`},
		{`IF("x"^^<http://example.org/t>, 1, 2)`, ``},
		{`BOUND(?unbound)`, `false`},
		{`!BOUND(?unbound)`, `true`},
		{`ISBLANK(BNODE())`, `true`},
		{`ISIRI(UUID())`, `true`},
		{`STRLEN(STRUUID())`, `36`},
		{`DATATYPE(RAND())`, `<http://www.w3.org/2001/XMLSchema#double>`},
		{`DATATYPE(NOW())`, `<http://www.w3.org/2001/XMLSchema#dateTime>`},
		{`<http://example.org/unknownFunction>(1)`, ``},
	}
	st := NewMemStore()
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			q, err := Parse(testPrefixes + "SELECT ?v { BIND(" + tc.expr + " AS ?v) }")
			if err != nil {
				t.Fatal(err)
			}
			res, err := Exec(context.Background(), st, q, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if v := res.Rows[0][0]; v != nil {
				got = termString(v)
			}
			if got != tc.want {
				t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
			}
		})
	}
}

func TestUUIDFormat(t *testing.T) {
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for i := 0; i < 20; i++ {
		if u := newUUID(); !re.MatchString(u) {
			t.Fatalf("bad UUID %q", u)
		}
	}
}
