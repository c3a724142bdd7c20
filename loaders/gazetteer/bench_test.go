package gazetteer

import (
	"fmt"
	"os"
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
