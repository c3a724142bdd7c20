package graph_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// readAll reads r to its end: the quads as sorted N-Quads lines, and the
// error that ended it (nil at io.EOF).
func readAll(r quad.Reader) ([]string, error) {
	var lines []string
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			sort.Strings(lines)
			return lines, nil
		} else if err != nil {
			return lines, err
		}
		lines = append(lines, string(graph.AppendNQuad(nil, q)))
	}
}

// compareSplit reads data as a file with QuadFile and with SplitQuadFile in
// n sections, and fails unless both read the same quads, labels and count,
// or fail with the same error.
func compareSplit(t *testing.T, data []byte, n int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.nq")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qf, err := graph.NewQuadFile(f, path, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	want, wantErr := readAll(qf)
	sf, err := graph.OpenSplitQuadFile(path, nil, false, n, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sf.Close()
	got, gotErr := readAll(sf)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("%d sections: error %v, want %v", n, gotErr, wantErr)
	}
	if wantErr != nil {
		var se *graph.SyntaxError
		if errors.As(wantErr, &se) && !errors.As(gotErr, &se) {
			t.Fatalf("%d sections: error %T, want a *SyntaxError", n, gotErr)
		}
		return
	}
	if strings.Join(got, "") != strings.Join(want, "") {
		t.Fatalf("%d sections: %d quads differ from QuadFile's %d", n, len(got), len(want))
	}
	if fmt.Sprint(sf.Labels()) != fmt.Sprint(qf.Labels()) || sf.Count() != qf.Count() {
		t.Fatalf("%d sections: labels %v, count %d; want %v, %d", n, sf.Labels(), sf.Count(), qf.Labels(), qf.Count())
	}
}

// splitInput is an N-Quads file of the shapes a split can cut through:
// a byte order mark, comments, blank lines, CR LF, triples and quads of
// several graphs, and no line feed at the end.
func splitInput(lines int, bad map[int]string) []byte {
	var b strings.Builder
	b.WriteString("\ufeff# a comment\n")
	for i := range lines {
		if s, ok := bad[i]; ok {
			b.WriteString(s + "\n")
			continue
		}
		switch i % 7 {
		case 0:
			fmt.Fprintf(&b, "<x:s%d> <x:p> \"v%d\"@en .\n", i%13, i)
		case 1:
			fmt.Fprintf(&b, "_:b%d <x:p> <x:o%d> <x:g%d> .\r\n", i%5, i, i%3)
		case 2:
			b.WriteString("\n")
		case 3:
			fmt.Fprintf(&b, "  # comment %d\n", i)
		default:
			fmt.Fprintf(&b, "<x:s%d> <x:q> \"%d\"^^<http://www.w3.org/2001/XMLSchema#integer> <x:g%d> .\n", i, i, i%4)
		}
	}
	b.WriteString("<x:last> <x:p> <x:o>")
	b.WriteString(" .")
	return []byte(b.String())
}

// TestSplitQuadFile compares SplitQuadFile with QuadFile on the same files,
// cut into 1 to 5 sections: the same quads, labels in the same order, and
// the same errors, with the line in the whole file, also when several
// sections have one.
func TestSplitQuadFile(t *testing.T) {
	t.Cleanup(graph.SetMinSection(1))
	tests := []struct {
		name string
		bad  map[int]string
	}{
		{"valid", nil},
		{"error late", map[int]string{900: "<x:s> <x:p> broken ."}},
		{"error early", map[int]string{3: "<x:s> <x:p>"}},
		{"two errors", map[int]string{150: "<x:s> \"p\" <x:o> .", 800: "<x:s> <x:p> <x:o> <x:g> <x:h> ."}},
		{"byte order mark inside", map[int]string{500: "\ufeff<x:s> <x:p> <x:o> ."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := splitInput(1000, tt.bad)
			for n := 1; n <= 5; n++ {
				compareSplit(t, data, n)
			}
		})
	}
}

func FuzzSplitQuadFile(f *testing.F) {
	f.Add(splitInput(20, nil), 3)
	f.Add(splitInput(20, map[int]string{12: "<x:s> <x:p> \"unterminated ."}), 2)
	f.Add([]byte("<a> <b> <c> .\n\n<a> <b> \"x\\n\" <g> .\r\n"), 4)
	f.Fuzz(func(t *testing.T, data []byte, n int) {
		restore := graph.SetMinSection(1)
		defer restore()
		compareSplit(t, data, 1+(n&7))
	})
}

// TestSplitQuadFilePipe reads a named pipe, whose size is 0, as a stream.
func TestSplitQuadFilePipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.nq")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString("<x:s> <x:p> <x:o> .\n<x:s> <x:p> \"v\" <x:g> .\n")
		f.Close()
	}()
	sf, err := graph.OpenSplitQuadFile(path, nil, false, 4, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sf.Close()
	got, err := readAll(sf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("read %d quads from the pipe, want 2: %q", len(got), got)
	}
}
