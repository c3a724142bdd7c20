package gazetteer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("data/*.tsv")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		if len(lines) > 6 {
			lines = lines[:6]
		}
		f.Add(strings.Join(lines, "\n"))
	}
	f.Add("country\tfoo\t\t\tFooland\t福国\t福國\tFL|Republic of Fooland\t\nperson\tjo\tfoo\t\tJo\t\t\t\tJ\n")
	f.Add("planet\tmars\n")
	f.Fuzz(func(t *testing.T, data string) {
		g, err := Load(strings.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "gazetteer") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		for _, e := range g.Entries() {
			for _, n := range e.Names() {
				if len(g.Lookup(n)) == 0 {
					t.Fatalf("Lookup(%q) finds nothing", n)
				}
				for _, m := range g.Find(n) {
					if n[m.Offset:m.Offset+m.Len] != m.Text {
						t.Fatalf("bad match %+v in %q", m, n)
					}
				}
			}
		}
		_ = g.Quads()
	})
}

func FuzzFind(f *testing.F) {
	seeds, _ := filepath.Glob("../text/testdata/fuzzseed/*.txt")
	for _, name := range seeds {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n") {
			f.Add(para)
		}
	}
	g, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, m := range g.Find(s) {
			if m.Offset < last || m.Len <= 0 || m.Offset+m.Len > len(s) || s[m.Offset:m.Offset+m.Len] != m.Text {
				t.Fatalf("bad match %+v in %q", m, s)
			}
			last = m.Offset + m.Len
		}
	})
}
