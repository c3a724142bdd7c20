package gazetteer

import (
	"os"
	"path/filepath"
	"testing"
)

// The names the seed documents use for the entities of their field are all
// in the gazetteer, in whichever script the document writes them.
func TestSeedNames(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		file string
		want []string
	}{
		{"000_6a5bb4f6170cf5a6.txt", []string{ // zh-Hant wikitext
			"series/cpc-in-dialogue-with-world-political-parties-high-level-meeting", "series/cpc-in-dialogue-with-the-world",
			"org/cpc-international-department", "country/china", "city/beijing", "person/xi-jinping", "person/guo-yezhou",
			"party/cpc", "series/imcwp", "series/international-communist-seminar", "org/icapp",
		}},
		{"001_767f095815ab49b9.txt", []string{ // en + zh-Hans web page
			"series/cpc-in-dialogue-with-world-political-parties-high-level-meeting", "org/cpc-international-department",
			"city/beijing", "party/cpc", "person/xi-jinping",
		}},
		{"002_abc125928182cd8d.txt", []string{ // en wiki export
			"series/cpc-in-dialogue-with-world-political-parties-high-level-meeting", "series/cpc-in-dialogue-with-the-world",
			"series/cpc-and-world-political-parties-summit", "org/cpc-international-department", "party/cpc", "country/china",
			"person/xi-jinping", "person/guo-yezhou", "person/cyril-ramaphosa", "party/anc", "person/nicolas-maduro", "party/psuv",
			"person/aleksandar-vucic", "party/sns", "person/luvsannamsrain-oyun-erdene", "party/mpp", "party/pangu-party",
			"person/james-marape", "country/papua-new-guinea", "party/splm", "country/south-sudan", "party/fsln",
			"country/nicaragua", "party/united-russia", "person/boris-gryzlov", "party/ndc-grenada", "party/unir",
			"person/yawa-tsegan", "party/amanat", "person/yerlan-koshanov", "party/plp", "person/taur-matan-ruak",
		}},
		{"004_c11d0ee90968a7d7.txt", []string{ // en journal article with Chinese and Russian references
			"series/cpc-in-dialogue-with-world-political-parties-high-level-meeting", "series/cpc-in-dialogue-with-the-world",
			"series/cpc-and-world-political-parties-summit", "party/cpc", "person/xi-jinping", "country/russia",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "text", "testdata", "fuzzseed", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			found := map[string]bool{}
			for _, m := range g.Find(string(b)) {
				found[m.Entry.Kind+"/"+m.Entry.Slug] = true
			}
			for _, w := range tc.want {
				if !found[w] {
					t.Errorf("%s not found", w)
				}
			}
		})
	}
}
