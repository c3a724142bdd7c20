package rdfio

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRDFXML(t *testing.T) {
	const head = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/" xml:base="http://b/doc">`
	tests := []struct{ name, in, want string }{
		{"about resource and typed node", head + `<ex:C rdf:about="#a"><ex:p rdf:resource="x"/></ex:C></rdf:RDF>`,
			"<http://b/doc#a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C> .\n<http://b/doc#a> <http://ex/p> <http://b/x> .\n"},
		{"literals", head + `<rdf:Description rdf:about="s" xml:lang="en"><ex:p>hi</ex:p><ex:q rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">1</ex:q><ex:r xml:lang="">x</ex:r></rdf:Description></rdf:RDF>`,
			"<http://b/s> <http://ex/p> \"hi\"@en .\n<http://b/s> <http://ex/q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n<http://b/s> <http://ex/r> \"x\" .\n"},
		{"parseType Resource and nodeID", head + `<rdf:Description rdf:nodeID="n"><ex:p rdf:parseType="Resource"><ex:q rdf:nodeID="n"/></ex:p></rdf:Description></rdf:RDF>`,
			"_:x1 <http://ex/p> _:x2 .\n_:x2 <http://ex/q> _:x1 .\n"},
		{"property attributes and li", head + `<rdf:Seq rdf:about="s" ex:name="n"><rdf:li>a</rdf:li><rdf:li>b</rdf:li></rdf:Seq></rdf:RDF>`,
			"<http://b/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Seq> .\n" +
				"<http://b/s> <http://ex/name> \"n\" .\n<http://b/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_1> \"a\" .\n<http://b/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_2> \"b\" .\n"},
		{"collection", head + `<rdf:Description rdf:about="s"><ex:p rdf:parseType="Collection"><rdf:Description rdf:about="a"/></ex:p></rdf:Description></rdf:RDF>`,
			"_:x1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <http://b/a> .\n_:x1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n<http://b/s> <http://ex/p> _:x1 .\n"},
		{"nested node", head + `<rdf:Description rdf:about="s"><ex:p><ex:C/></ex:p></rdf:Description></rdf:RDF>`,
			"_:x1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C> .\n<http://b/s> <http://ex/p> _:x1 .\n"},
		{"xml literal", head + `<rdf:Description rdf:about="s"><ex:p rdf:parseType="Literal"><b>bold</b></ex:p></rdf:Description></rdf:RDF>`,
			"<http://b/s> <http://ex/p> \"<b>bold</b>\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral> .\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs, err := ParseRDFXML(strings.NewReader(tc.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := ntLines(qs); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestParseRDFXMLErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"unclosed", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<rdf:Description>", 2, "unexpected end"},
		{"no namespace", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<x/></rdf:RDF>", 2, "no namespace"},
		{"two nodes", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:e=\"e:\"><rdf:Description><e:p>\n<e:a/><e:b/></e:p></rdf:Description></rdf:RDF>", 2, "more than one node"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseRDFXML(strings.NewReader(tc.in), Options{Name: "x.rdf"})
			var e *Error
			if !errors.As(err, &e) || e.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %v, want x.rdf:%d:...%s", err, tc.line, tc.msg)
			}
		})
	}
}
