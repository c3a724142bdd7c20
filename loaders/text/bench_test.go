package text

import (
	"fmt"
	"os"
	"strings"
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

func ExampleSlug() {
	fmt.Println(Slug("Nicolás Maduro"))
	fmt.Println(Slug("People’s Liberation Party"))
	fmt.Println(Slug("習近平"))
	// Output:
	// nicolas-maduro
	// peoples-liberation-party
	// 习近平
}

func ExampleLang() {
	fmt.Println(Lang("中國共產黨"), Lang("中国共产党"), Lang("Единая Россия"), Lang("United Russia"))
	// Output: zh-Hant zh-Hans ru en
}

func ExampleToTraditional() {
	fmt.Println(ToTraditional("中国共产党与世界政党高层对话会"))
	fmt.Println(ToSimplified("中國共產黨與世界政黨高層對話會"))
	// Output:
	// 中國共產黨與世界政黨高層對話會
	// 中国共产党与世界政党高层对话会
}

func ExampleParseDate() {
	fmt.Println(ParseDate("Publication date01.09.2023"))
	_, err := ParseDate("2017")
	fmt.Println(err)
	// Output:
	// 2023-09-01 <nil>
	// parse date "2017": only a year
}

func ExampleSentences() {
	for _, s := range Sentences("Mr. Xi spoke on Nov. 30. 会议在北京举行。Delegates came!") {
		fmt.Printf("%d %q\n", s.Offset, s.Text)
	}
	// Output:
	// 0 "Mr. Xi spoke on Nov. 30."
	// 25 "会议在北京举行。"
	// 49 "Delegates came!"
}

func ExampleFoldMap() {
	s := "總書記習近平出席"
	key, pos := FoldMap(s)
	i := strings.Index(key, "习近平")
	fmt.Println(s[pos[i]:pos[i+len("习近平")]])
	// Output: 習近平
}
