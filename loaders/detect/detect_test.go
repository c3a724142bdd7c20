package detect

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/loadertest"
)

func TestSeeds(t *testing.T) {
	dir := loadertest.SeedDir(t)
	for file, want := range map[string]string{
		"000_6a5bb4f6170cf5a6.txt": Wikitext,
		"001_767f095815ab49b9.txt": Webpage,
		"002_abc125928182cd8d.txt": Wikimarkup,
		"004_c11d0ee90968a7d7.txt": Article,
	} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			g, err := Genre(file, data)
			if err != nil || g != want {
				t.Fatalf("Genre = %q, %v; want %q", g, err, want)
			}
			d, err := Parse(file, data)
			if err != nil || d.Genre != want {
				t.Fatalf("Parse: genre %q, %v", d.Genre, err)
			}
		})
	}
}

// The parsers' own test documents, detected without their extensions.
func TestOwnDocuments(t *testing.T) {
	for glob, want := range map[string]string{
		"../wikitext/testdata/*.wiki":  Wikitext,
		"../wikimarkup/testdata/*.txt": Wikimarkup,
		"../webpage/testdata/*.txt":    Webpage,
		"../article/testdata/*.txt":    Article,
	} {
		files, _ := filepath.Glob(glob)
		if len(files) == 0 {
			t.Fatalf("no files match %s", glob)
		}
		for _, f := range files {
			t.Run(f, func(t *testing.T) {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if g, err := Genre("document", data); err != nil || g != want {
					t.Errorf("Genre = %q, %v; want %q", g, err, want)
				}
			})
		}
	}
}

func TestGenre(t *testing.T) {
	prose := strings.Repeat("The delegation met party officials and discussed cooperation in trade and culture. ", 5)
	for _, tc := range []struct {
		name, file, in, want string
		err                  error
	}{
		{"nq extension", "dump.nq", "whatever", NQuads, nil},
		{"nq.gz extension", "dump.NQ.GZ", "\x1f\x8b\x00", NQuads, nil},
		{"nquads content", "quads.txt", "<http://a> <http://b> \"c\" <http://g> .\n<http://a> <http://b> <http://d> .\n", NQuads, nil},
		{"prose", "news.txt", prose, Webpage, nil},
		{"empty", "e.txt", "", "", loaders.ErrEmpty},
		{"binary", "b.png", "\x89PNG\r\n\x1a\n\x00\x00", "", loaders.ErrBinary},
		{"unrecognisable", "u.txt", "x = 1\ny = 2\n", "", loaders.ErrUnknownGenre},
		{"markup", "m.txt", "= A Series =\n\n- Country: Varnland\n- Date: 2014\n\nText.\n", Wikimarkup, nil},
		{"wikitext", "w.txt", "'''A''' is a [[meeting]].<ref>{{cite web|title=x}}</ref>\n== History ==\n", Wikitext, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Genre(tc.file, []byte(tc.in))
			if tc.err != nil {
				if !errors.Is(err, tc.err) || !errors.Is(err, loaders.ErrUnknownGenre) || !strings.Contains(err.Error(), tc.file) {
					t.Fatalf("err = %v, want %v wrapped with ErrUnknownGenre, naming %s", err, tc.err, tc.file)
				}
				return
			}
			if err != nil || g != tc.want {
				t.Fatalf("Genre = %q, %v; want %q", g, err, tc.want)
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	d := Detector{MaxSize: 10}
	_, err := d.Genre("big.txt", make([]byte, 11))
	if !errors.Is(err, loaders.ErrTooLarge) || !errors.Is(err, loaders.ErrUnknownGenre) {
		t.Fatalf("err = %v", err)
	}
}

func TestParseQuads(t *testing.T) {
	if _, err := Parse("x.nq", []byte("<a> <b> <c> .")); !errors.Is(err, ErrQuads) {
		t.Fatalf("err = %v", err)
	}
}

func FuzzGenre(f *testing.F) {
	det := Detector{Lang: loadertest.NoLang}
	globs := []string{"../*/testdata/*.txt", "../*/testdata/*.wiki", "testdata/fuzz/seed/*"}
	loadertest.Fuzz(f, globs, nil, "fuzz.txt", det.Parse, func(t *testing.T, d *loaders.Document) {
		if d.Genre == "" {
			t.Fatal("document without genre")
		}
	})
}

func BenchmarkGenre(b *testing.B) {
	data, err := os.ReadFile("../article/testdata/icapp_journal.txt")
	if err != nil {
		b.Fatal(err)
	}
	big := []byte(strings.Repeat(string(data)+"\n", 100))
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Genre("bench", big); err != nil {
			b.Fatal(err)
		}
	}
}
