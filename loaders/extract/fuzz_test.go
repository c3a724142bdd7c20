package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
)

// fuzzDoc makes a document of any text: the first line is the title, blank
// lines separate paragraphs, lines with "|" make a table, "== " a heading.
func fuzzDoc(s string) *loaders.Document {
	d := &loaders.Document{Name: "fuzz", Lang: "en"}
	lines := strings.Split(s, "\n")
	d.Title = lines[0]
	var sec []string
	var rows [][]string
	for _, l := range lines[1:] {
		switch {
		case strings.HasPrefix(l, "== "):
			sec = []string{strings.TrimPrefix(l, "== ")}
			d.Blocks = append(d.Blocks, loaders.Block{Kind: loaders.Heading, Level: 2, Text: sec[0]})
		case strings.Contains(l, "|"):
			rows = append(rows, strings.Split(l, "|"))
		case strings.HasPrefix(l, "- "):
			d.Blocks = append(d.Blocks, loaders.Block{Kind: loaders.ListItem, Text: l[2:], Section: sec,
				Links: []loaders.Link{{Target: l[2:], Text: l[2:]}}})
		default:
			d.Blocks = append(d.Blocks, loaders.Block{Kind: loaders.Paragraph, Text: l, Section: sec})
		}
	}
	if len(rows) > 0 {
		d.Blocks = append(d.Blocks, loaders.Block{Kind: loaders.Table, Rows: rows, Section: sec})
	}
	d.References = append(d.References, loaders.Reference{Title: d.Title, Text: s, Date: d.Title})
	d.Meta = map[string]string{"updated": d.Title, "by": d.Title}
	return d
}

// FuzzExtract: any document gives quads, each valid and under the label,
// without a panic.
func FuzzExtract(f *testing.F) {
	f.Add("Forum 2029\nThe forum was held in Port Averly on May 8, 2029.\nAna Ruiz, President of the Unity Party, spoke.")
	f.Add("第五届论坛\n论坛于2029年5月8日至10日在北京举行。以“绿色”为主题,就“甲”“乙”等议题。")
	f.Add("T\n| | Venue | Date | Theme |\n| 1 | Videoconference | March 15, 2023 | \"x y z\" |")
	f.Add("Series\n== 2017\nThe first dialogue was held in X on 1 May 2017.\n== See also\n- Other Meeting")
	f.Add("携手同行—在示例论坛上的主旨讲话 2029年5月8日\n第二届示例论坛于2029年5月以视频方式举行。林主席出席。\n| No. | Venue | Date |\n| 1 | Velmo | 2027 |")
	files, _ := filepath.Glob(filepath.Join("testdata", "general", "*.txt"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		qs, err := Extract(fuzzDoc(s), nil, testLabel)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			if q.Label != testLabel || !q.IsValid() {
				t.Fatalf("bad quad %s", q.NQuad())
			}
		}
	})
}
