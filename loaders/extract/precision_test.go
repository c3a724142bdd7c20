package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders/detect"
	"github.com/partygraph/partygraph/loaders/extract"
	"github.com/partygraph/partygraph/loaders/text"
)

// titleWords may not be a person's whole name.
var titleWords = []string{"president", "chairman", "secretary", "general secretary", "prime minister",
	"leader", "minister", "speaker", "主席", "总书记", "总统", "总理", "部长"}

// checkPrecision asserts the rules every extraction keeps: every quad under
// the label, no person named by a title, no party named after a person or
// a country, one node per name and kind, valid dates and counts.
func checkPrecision(t *testing.T, qs []quad.Quad, label quad.IRI) {
	t.Helper()
	typeOf := map[quad.Value][]quad.Value{}
	for _, q := range qs {
		if q.Label != quad.Value(label) {
			t.Errorf("quad not under %s: %s", label, q.NQuad())
		}
		if !q.IsValid() {
			t.Errorf("invalid quad: %s", q.NQuad())
		}
		if q.Predicate == quad.Value(graph.Type) {
			typeOf[q.Subject] = append(typeOf[q.Subject], q.Object)
		}
	}
	// Labels of the kinds, folded, per language: two nodes of one kind with
	// the same name are one entity made twice.
	byName := map[string]quad.Value{}
	personNames := map[string]bool{}
	countryNames := map[string]bool{}
	labelIn := map[string]quad.Value{} // one rdfs:label per node and language
	for _, q := range qs {
		if q.Predicate != quad.Value(graph.Label) {
			continue
		}
		ls, ok := q.Object.(quad.LangString)
		if !ok {
			continue
		}
		if prev, ok := labelIn[q.Subject.String()+" "+ls.Lang]; ok {
			t.Errorf("%v has two labels in %s: %v and %v", q.Subject, ls.Lang, prev, q.Object)
		}
		labelIn[q.Subject.String()+" "+ls.Lang] = q.Object
		name := text.Fold(string(ls.Value))
		for _, ty := range typeOf[q.Subject] {
			key := ty.String() + " " + name
			if prev, ok := byName[key]; ok && prev != q.Subject {
				t.Errorf("two %v nodes named %q: %v and %v", ty, ls.Value, prev, q.Subject)
			}
			byName[key] = q.Subject
			switch ty {
			case quad.Value(graph.Person):
				personNames[name] = true
				for _, w := range titleWords {
					if name == text.Fold(w) || strings.HasPrefix(name, "the ") {
						t.Errorf("person named by a title: %s", q.NQuad())
					}
				}
			case quad.Value(graph.Country):
				countryNames[name] = true
			}
		}
	}
	for _, q := range qs {
		if q.Predicate != quad.Value(graph.Label) {
			continue
		}
		for _, ty := range typeOf[q.Subject] {
			if ty != quad.Value(graph.PoliticalParty) {
				continue
			}
			ls, _ := q.Object.(quad.LangString)
			name := text.Fold(string(ls.Value))
			if personNames[name] || countryNames[name] {
				t.Errorf("party named by a person or a country: %s", q.NQuad())
			}
		}
		// Subjects with a type must be one kind only.
		if len(typeOf[q.Subject]) > 1 {
			t.Errorf("%v has several types: %v", q.Subject, typeOf[q.Subject])
		}
	}
	for _, q := range qs {
		switch q.Predicate {
		case quad.Value(graph.StartDate), quad.Value(graph.EndDate):
			ts, ok := q.Object.(quad.TypedString)
			if !ok || ts.Type != graph.XSDDate && ts.Type != graph.XSDGYear && ts.Type != graph.XSDNS+"gYearMonth" {
				t.Errorf("date not typed xsd:date, xsd:gYearMonth or xsd:gYear: %s", q.NQuad())
			}
		case quad.Value(graph.PartyCount), quad.Value(graph.PartyMin), quad.Value(graph.CountryCount), quad.Value(graph.CountryMin):
			ts, ok := q.Object.(quad.TypedString)
			if !ok || ts.Type != graph.XSDInteger {
				t.Errorf("count not an xsd:integer: %s", q.NQuad())
			}
		case quad.Value(graph.LeaderOf):
			if !hasType(typeOf, q.Object, graph.PoliticalParty) {
				t.Errorf("leaderOf something not a party: %s", q.NQuad())
			}
		case quad.Value(graph.HeadOfState), quad.Value(graph.HeadOfGov), quad.Value(graph.CountryProp):
			if !hasType(typeOf, q.Object, graph.Country) {
				t.Errorf("%v of something not a country: %s", q.Predicate, q.NQuad())
			}
		case quad.Value(graph.SuperEvent):
			if !hasType(typeOf, q.Object, graph.MeetingSeries) {
				t.Errorf("superEvent not a series: %s", q.NQuad())
			}
		}
	}
}

func hasType(typeOf map[quad.Value][]quad.Value, v quad.Value, ty quad.IRI) bool {
	for _, x := range typeOf[v] {
		if x == quad.Value(ty) {
			return true
		}
	}
	return false
}

// TestCorpusPrecision runs the extractor over every test document of the
// genre parsers (loaders/*/testdata) and checks the precision rules on each:
// documents written by others, which this package's rules were not tuned on.
func TestCorpusPrecision(t *testing.T) {
	var paths []string
	for _, pat := range []string{"*.txt", "*.wiki", "*.html"} {
		ps, _ := filepath.Glob(filepath.Join("..", "*", "testdata", pat))
		paths = append(paths, ps...)
	}
	if len(paths) == 0 {
		t.Skip("no parser test documents found")
	}
	for _, p := range paths {
		if strings.Contains(p, string(filepath.Separator)+"extract"+string(filepath.Separator)) {
			continue
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := detect.Parse(filepath.Base(p), data)
			if err != nil {
				t.Skipf("not a document the parsers accept: %v", err)
			}
			label := graph.SourceIRI(p)
			qs, err := extract.Extract(doc, gz(t), label)
			if err != nil {
				t.Fatal(err)
			}
			checkPrecision(t, qs, label)
		})
	}
}
