package docload_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/docload"
	"github.com/partygraph/partygraph/loaders/gazetteer"
)

func loader(t *testing.T) *docload.Loader {
	t.Helper()
	gz, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	return docload.New(gz)
}

func file(t *testing.T, path string) loaders.File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return loaders.File{Path: path, Label: graph.SourceIRI(path), Data: data}
}

// TestLoad loads every document of the extractor's test corpus: each gives
// quads, all under the file's label, and a source document node.
func TestLoad(t *testing.T) {
	l := loader(t)
	paths, _ := filepath.Glob(filepath.Join("..", "extract", "testdata", "general", "*.txt"))
	wikis, _ := filepath.Glob(filepath.Join("..", "extract", "testdata", "general", "*.wiki"))
	paths = append(paths, wikis...)
	if seeds, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt")); len(seeds) > 0 {
		paths = append(paths, seeds...)
	}
	if len(paths) == 0 {
		t.Fatal("no documents to load")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			f := file(t, p)
			qs, err := l.Load(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			source := false
			for _, q := range qs {
				if q.Label != f.Label {
					t.Fatalf("quad not under %s: %s", f.Label, q.NQuad())
				}
				if q.Subject == f.Label && q.Object == graph.SourceDocument {
					source = true
				}
			}
			if !source {
				t.Errorf("no %s node", graph.SourceDocument)
			}
		})
	}
}

// TestLoadErrors: bad input fails with an error naming the file.
func TestLoadErrors(t *testing.T) {
	l := loader(t)
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		data []byte
		is   error
	}{
		{"empty.txt", context.Background(), nil, nil},
		{"binary.txt", context.Background(), []byte("\x00\x01\x02\xff\xfe binary"), nil},
		{"canceled.txt", canceled, []byte("= Title =\n\nText."), context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := l.Load(tc.ctx, loaders.File{Path: tc.name, Label: graph.SourceIRI(tc.name), Data: tc.data})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.name) {
				t.Errorf("error does not name the file: %v", err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
		})
	}
}
