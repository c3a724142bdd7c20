package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkExtract extracts a long document made of the generality corpus
// repeated, without a gazetteer.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "general", "*.txt"))
	var sb strings.Builder
	for range 20 {
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(data)
			sb.WriteString("\n")
		}
	}
	doc := fuzzDoc(sb.String())
	b.SetBytes(int64(sb.Len()))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Extract(doc, nil, testLabel); err != nil {
			b.Fatal(err)
		}
	}
}
