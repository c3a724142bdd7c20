package gazetteer

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	g := mustDefault(b)
	data, err := os.ReadFile("../text/testdata/fuzzseed/002_abc125928182cd8d.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		g.Find(s)
	}
}

func ExampleGazetteer_Find() {
	g, err := Default()
	if err != nil {
		panic(err)
	}
	for _, m := range g.Find("Aleksandar Vučić of the Serbian Progressive Party met 習近平 in Beijing.") {
		fmt.Println(m.Entry.Kind, m.Entry.Slug, m.Text)
	}
	// Output:
	// person aleksandar-vucic Aleksandar Vučić
	// party sns Serbian Progressive Party
	// person xi-jinping 習近平
	// city beijing Beijing
}

func ExampleGazetteer_Lookup() {
	g, err := Default()
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"Vucic", "中聯部", "East Timor", "ANC"} {
		e := g.Lookup(name)[0]
		fmt.Println(e.IRI, e.Label("zh-Hant"))
	}
	// Output:
	// <https://w3id.org/partygraph/id/person/aleksandar-vucic> 亞歷山大·武契奇
	// <https://w3id.org/partygraph/id/org/cpc-international-department> 中共中央對外聯絡部
	// <https://w3id.org/partygraph/id/country/timor-leste> 東帝汶
	// <https://w3id.org/partygraph/id/party/anc> 南非非洲人國民大會
}

func ExampleLoad() {
	_, err := Load(strings.NewReader("city\tatlantis\tnowhere\t\tAtlantis\t\t\t\t\n"))
	fmt.Println(err)
	// Output: gazetteer:1:3: unknown country "nowhere"
}
