package text

import (
	"fmt"
	"os"
	"testing"
)

func seedText(b *testing.B) string {
	data, err := os.ReadFile("testdata/fuzzseed/001_767f095815ab49b9.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func BenchmarkFoldName(b *testing.B) {
	Fold("")
	for b.Loop() {
		Fold("中國共產黨與世界政黨高層對話會 Aleksandar Vučić")
	}
}

func BenchmarkFoldMapDocument(b *testing.B) {
	s := seedText(b)
	b.SetBytes(int64(len(s)))
	Fold("") // build the tables outside the timed loop
	for b.Loop() {
		FoldMap(s)
	}
}

func BenchmarkFindDates(b *testing.B) {
	s := seedText(b)
	b.SetBytes(int64(len(s)))
	Fold("") // build the tables outside the timed loop
	for b.Loop() {
		FindDates(s)
	}
}

func BenchmarkFindCounts(b *testing.B) {
	s := seedText(b)
	b.SetBytes(int64(len(s)))
	Fold("") // build the tables outside the timed loop
	for b.Loop() {
		FindCounts(s)
	}
}

func ExampleFindDates() {
	s := "It was held from November 30 to December 3, 2017 (2017年11月30日至12月3日), since 2017 yearly."
	for _, d := range FindDates(s) {
		fmt.Println(d.Start, d.End, d.Year, d.Open, s[d.Offset:d.Offset+d.Len])
	}
	// Output:
	// 2017-11-30 2017-12-03 false false November 30 to December 3, 2017
	// 2017-11-30 2017-12-03 false false 2017年11月30日至12月3日
	// 2017  true true since 2017
}

func ExampleFindCounts() {
	for _, c := range FindCounts("more than 200 political parties from 120多个国家") {
		fmt.Println(c.N, c.Noun, c.Min)
	}
	// Output:
	// 200 party true
	// 120 country true
}

func ExampleFold() {
	fmt.Println(Fold("Aleksandar VUČIĆ"), Fold("習近平"), Fold("ＡＮＣ"))
	// Output: aleksandar vucic 习近平 anc
}
