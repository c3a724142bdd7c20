package loadertest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/loaders"
)

// ParseFunc parses one document read from r; name is used in messages. The
// genre packages' Parse functions and Parser.Parse methods are ParseFuncs.
type ParseFunc func(name string, r io.Reader) (*loaders.Document, error)

// ParseFile parses the file at path under its base name, failing the test
// when it cannot be read or parsed.
func ParseFile(t testing.TB, parse ParseFunc, path string) *loaders.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := parse(filepath.Base(path), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ParseSeed parses the seed document file under its own name, skipping the
// test when seeds are absent and failing it when the seed does not parse.
func ParseSeed(t testing.TB, parse ParseFunc, file string) *loaders.Document {
	t.Helper()
	d, err := parse(file, bytes.NewReader(Seed(t, file)))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Goldens compares the dumps of a parser's documents with their golden
// files, one subtest a document: the seed document seed (skipped when seeds
// are absent) with seedGolden, and each testdata/*ext document (ext with its
// dot) with testdata/NAME.golden. It fails when there is no such document.
func Goldens(t *testing.T, parse ParseFunc, ext, seed, seedGolden string) {
	t.Helper()
	t.Run("seed/"+seed, func(t *testing.T) {
		Golden(t, seedGolden, ParseSeed(t, parse, seed))
	})
	files, _ := filepath.Glob("testdata/*" + ext)
	if len(files) == 0 {
		t.Fatalf("no testdata/*%s documents", ext)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			Golden(t, strings.TrimSuffix(f, ext)+".golden", ParseFile(t, parse, f))
		})
	}
}

// BadCase is one input of BadInput.
type BadCase struct {
	Name string
	In   string
	// Err is the error the input must give (errors.Is), in an error that
	// names the file; nil means the input must parse.
	Err error
	// Check, if set, checks the document of an input that parses.
	Check func(t *testing.T, d *loaders.Document)
}

// BadInput parses each case's input under the name file, one subtest a case.
func BadInput(t *testing.T, parse ParseFunc, file string, cases []BadCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			d, err := parse(file, strings.NewReader(tc.In))
			if tc.Err != nil {
				if !errors.Is(err, tc.Err) || !strings.Contains(err.Error(), file) {
					t.Fatalf("err = %v, want %v naming the file", err, tc.Err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.Check != nil {
				tc.Check(t, d)
			}
		})
	}
}

// FirstText returns a BadCase.Check that wants the first block's text to be
// text.
func FirstText(text string) func(*testing.T, *loaders.Document) {
	return func(t *testing.T, d *loaders.Document) {
		t.Helper()
		if len(d.Blocks) == 0 || d.Blocks[0].Text != text {
			t.Errorf("blocks = %+v, want text %q", d.Blocks, text)
		}
	}
}

// TooLarge checks that parse, a parser with a size limit below len(in),
// refuses in with loaders.ErrTooLarge in an error naming the file.
func TooLarge(t *testing.T, parse ParseFunc, name, in string) {
	t.Helper()
	_, err := parse(name, strings.NewReader(in))
	if !errors.Is(err, loaders.ErrTooLarge) || !strings.Contains(err.Error(), name) {
		t.Errorf("too large: err = %v, want %v naming %s", err, loaders.ErrTooLarge, name)
	}
}

// NoLang is a language guesser that never guesses. Fuzz targets give it to
// the parser so that the fuzzer spends its time in the parser, not in
// language guessing (loaders/text, fuzzed there).
func NoLang(string) string { return "" }

// Fuzz is the fuzz target of a parser of T: it adds the files matching globs
// and the extra inputs to the seed corpus, then wants every input either to
// parse, the document passing check (if set), or to give an error naming
// the file.
func Fuzz[T string | []byte](f *testing.F, globs []string, extra []T, file string, parse func(name string, in T) (*loaders.Document, error), check func(*testing.T, *loaders.Document)) {
	for _, glob := range globs {
		files, _ := filepath.Glob(glob)
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(T(data))
			}
		}
	}
	for _, in := range extra {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in T) {
		d, err := parse(file, in)
		if err != nil {
			if !strings.Contains(err.Error(), file) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if check != nil {
			check(t, d)
		}
	})
}

// FuzzParse is Fuzz for a ParseFunc, over the parser's own test documents
// (testdata/*ext) and testdata/fuzz/seed/*.
func FuzzParse(f *testing.F, parse ParseFunc, ext string, extra []string, check func(*testing.T, *loaders.Document)) {
	Fuzz(f, []string{"testdata/*" + ext, "testdata/fuzz/seed/*"}, extra, "fuzz"+ext,
		func(name, s string) (*loaders.Document, error) { return parse(name, strings.NewReader(s)) }, check)
}

// BenchParse measures parse on the document at path repeated 200 times.
func BenchParse(b *testing.B, parse ParseFunc, path string) {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	big := bytes.Repeat(append(data, '\n'), 200)
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse("bench", bytes.NewReader(big)); err != nil {
			b.Fatal(err)
		}
	}
}
