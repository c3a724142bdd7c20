package server

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCurl asks the endpoint with curl, once per Accept header, as
// analysts do from a shell.
func TestCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("skipped: no curl on PATH")
	}
	ts := httptest.NewServer(newTestServer(t, nil))
	defer ts.Close()
	sel := `SELECT ?name WHERE { <` + m2023 + `> pg:speaker ?p . ?p rdfs:label ?name FILTER(lang(?name) = "en") } ORDER BY ?name`
	con := `CONSTRUCT { ?m pg:follows ?n } WHERE { ?m pg:follows ?n }`
	follows := "<" + m2023 + "> <https://w3id.org/partygraph/ontology#follows> <" + m2017 + ">"
	tests := []struct {
		query, accept, wantType string
		want                    []string
	}{
		{sel, "application/sparql-results+json", "application/sparql-results+json", []string{`"value":"Cyril Ramaphosa"`}},
		{sel, "application/sparql-results+xml", "application/sparql-results+xml", []string{`<literal xml:lang="en">Sheikh Hasina</literal>`}},
		{sel, "text/csv", "text/csv; charset=utf-8", []string{"name\r\nCyril Ramaphosa\r\nSheikh Hasina\r\nXi Jinping\r\n"}},
		{sel, "text/tab-separated-values", "text/tab-separated-values; charset=utf-8", []string{"?name\n\"Cyril Ramaphosa\"@en\n\"Sheikh Hasina\"@en\n\"Xi Jinping\"@en\n"}},
		{con, "application/n-quads", "application/n-quads", []string{follows + " .\n"}},
		{con, "text/turtle", "text/turtle; charset=utf-8", []string{"pg:follows"}},
		{con, "application/ld+json", "application/ld+json", []string{`"https://w3id.org/partygraph/ontology#follows"`}},
	}
	for _, tc := range tests {
		t.Run(tc.accept, func(t *testing.T) {
			for _, method := range []string{"GET", "POST"} {
				args := []string{"-sS", "--fail-with-body", "-H", "Accept: " + tc.accept, "-w", "\n%{content_type}"}
				if method == "GET" {
					args = append(args, "-G")
				}
				args = append(args, "--data-urlencode", "query="+tc.query, ts.URL+"/sparql")
				out, err := exec.Command(curl, args...).CombinedOutput()
				if err != nil {
					t.Fatalf("curl %s: %v\n%s", method, err, out)
				}
				body, ctype, _ := strings.Cut(string(out), "\n"+tc.wantType)
				if ctype != "" || !strings.HasSuffix(string(out), tc.wantType) {
					t.Errorf("%s: Content-Type is not %q: %s", method, tc.wantType, out)
				}
				for _, w := range tc.want {
					if !strings.Contains(body, w) {
						t.Errorf("%s: answer lacks %q:\n%s", method, w, body)
					}
				}
			}
		})
	}
	t.Run("error", func(t *testing.T) {
		out, err := exec.Command(curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-G", "--data-urlencode", "query=SELECT WHERE", ts.URL+"/sparql").Output()
		if err != nil || string(out) != "400" {
			t.Errorf("malformed query: %s %v", out, err)
		}
	})
}

// clientScript uses SPARQLWrapper and rdflib's SPARQLStore, the clients of
// analysts' notebooks, against the endpoint given as argv[1].
const clientScript = `
import sys
from SPARQLWrapper import SPARQLWrapper, JSON, XML, CSV, TURTLE
from rdflib import Graph, URIRef, Literal
from rdflib.plugins.stores.sparqlstore import SPARQLStore

url = sys.argv[1]
M2023 = "https://w3id.org/partygraph/id/meeting/hlm-2023"
M2017 = "https://w3id.org/partygraph/id/meeting/hlm-2017"
PREFIX = "PREFIX pg: <https://w3id.org/partygraph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
SEL = PREFIX + 'SELECT ?name WHERE { <%s> pg:speaker ?p . ?p rdfs:label ?name FILTER(lang(?name) = "en") } ORDER BY ?name' % M2023
WANT = ["Cyril Ramaphosa", "Sheikh Hasina", "Xi Jinping"]

def check(what, got, want):
    if got != want:
        print("FAIL %s: got %r, want %r" % (what, got, want))
        sys.exit(1)
    print("ok   %s" % what)

for method in ("GET", "POST"):
    w = SPARQLWrapper(url)
    w.setMethod(method)
    w.setQuery(SEL)
    w.setReturnFormat(JSON)
    r = w.query().convert()
    check("SPARQLWrapper %s JSON" % method, [b["name"]["value"] for b in r["results"]["bindings"]], WANT)

    w.setReturnFormat(XML)
    doc = w.query().convert()
    names = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    check("SPARQLWrapper %s XML" % method, names, WANT)

    w.setReturnFormat(CSV)
    csv = w.query().convert().decode("utf-8")
    check("SPARQLWrapper %s CSV" % method, csv.split("\r\n")[1:4], WANT)

    w.setQuery(PREFIX + "ASK { <%s> pg:follows <%s> }" % (M2023, M2017))
    w.setReturnFormat(JSON)
    check("SPARQLWrapper %s ASK" % method, w.query().convert()["boolean"], True)

    w.setQuery(PREFIX + "CONSTRUCT { ?m pg:follows ?n } WHERE { ?m pg:follows ?n }")
    w.setReturnFormat(TURTLE)
    g = Graph()
    g.parse(data=w.query().convert(), format="turtle")
    check("SPARQLWrapper %s CONSTRUCT as Turtle" % method, sorted((str(s), str(o)) for s, p, o in g), [(M2023, M2017)])

    w.setReturnFormat(JSON)
    r = w.query().convert()
    check("SPARQLWrapper %s CONSTRUCT as JSON-LD" % method, len(r["@graph"]) if isinstance(r, dict) else len(r), 1)

for method in ("GET", "POST", "POST_FORM"):
    store = SPARQLStore(url, method=method)
    g = Graph(store=store)
    rows = [str(r.name) for r in g.query(SEL)]
    check("rdflib SPARQLStore %s SELECT" % method, rows, WANT)
    check("rdflib SPARQLStore %s ASK" % method, g.query(PREFIX + "ASK { <%s> pg:follows <%s> }" % (M2023, M2017)).askAnswer, True)
    check("rdflib SPARQLStore %s triples" % method,
          sorted(str(o) for o in g.objects(URIRef(M2023), URIRef("https://w3id.org/partygraph/ontology#speaker"))),
          ["https://w3id.org/partygraph/id/person/cyril-ramaphosa", "https://w3id.org/partygraph/id/person/sheikh-hasina",
           "https://w3id.org/partygraph/id/person/xi-jinping"])
print("all clients ok")
`

// TestPythonClients runs SPARQLWrapper and rdflib (Debian's
// python3-sparqlwrapper and python3-rdflib) against the endpoint.
func TestPythonClients(t *testing.T) {
	py := "/usr/bin/python3" // the system Python, which has Debian's packages; a pyenv python3 on PATH may not
	if _, err := os.Stat(py); err != nil {
		t.Skip("skipped: no /usr/bin/python3")
	}
	if out, err := exec.Command(py, "-c", "import SPARQLWrapper, rdflib").CombinedOutput(); err != nil {
		t.Skipf("skipped: SPARQLWrapper or rdflib missing (apt-get install python3-sparqlwrapper python3-rdflib): %s", strings.TrimSpace(string(out)))
	}
	ts := httptest.NewServer(newTestServer(t, nil))
	defer ts.Close()
	script := filepath.Join(t.TempDir(), "clients.py")
	if err := os.WriteFile(script, []byte(clientScript), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, ts.URL+"/sparql").CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("clients failed: %v", err)
	}
	if !strings.Contains(string(out), "all clients ok") {
		t.Errorf("the script did not finish")
	}
}
