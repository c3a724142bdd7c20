package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// cli runs partygraph in-process and returns its stdout, stderr and error.
func cli(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	out, stderr, err := cli(t, args...)
	if err != nil {
		t.Fatalf("partygraph %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return out
}

func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

const fixture = "../../graph/testdata/roundtrip.nq"

func TestLoadExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db1, db2 := filepath.Join(dir, "one.db"), filepath.Join(dir, "two.db")
	mustCLI(t, "load", "--db", db1, fixture)
	first := mustCLI(t, "export", "--db", db1)
	dump := filepath.Join(dir, "dump.nq")
	mustCLI(t, "export", "--db", db1, "-o", dump)
	mustCLI(t, "load", "--db", db2, dump)
	second := mustCLI(t, "export", "--db", db2)
	if sortedLines(first) != sortedLines(second) {
		t.Errorf("export -> load -> export changed the graph:\nfirst:\n%s\nsecond:\n%s", sortedLines(first), sortedLines(second))
	}
	// The fixture's own lines all come back, labels included.
	want, _ := os.ReadFile(fixture)
	for _, l := range strings.Split(strings.TrimSpace(string(want)), "\n") {
		if !strings.Contains(second, l+"\n") {
			t.Errorf("export lacks %s", l)
		}
	}
	// Only one source.
	one := mustCLI(t, "export", "--db", db2, "--graph", "a")
	if n := strings.Count(one, "\n"); n != 5 {
		t.Errorf("--graph a exported %d quads, want 5", n)
	}
}

func TestLoadTwiceKeepsCount(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustCLI(t, "load", "--db", db, fixture)
	before := mustCLI(t, "stats", "--db", db)
	out := mustCLI(t, "load", "--db", db, fixture)
	if !strings.Contains(out, "0 added, 0 removed") {
		t.Errorf("second load reported changes: %s", out)
	}
	if after := mustCLI(t, "stats", "--db", db); after != before {
		t.Errorf("stats changed after loading the same file again:\n%s\n%s", before, after)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustCLI(t, "load", "--db", db, fixture)
	before := mustCLI(t, "export", "--db", db)

	bad := filepath.Join(dir, "bad.nq")
	os.WriteFile(bad, []byte("<a> <b> <c> .\n<a> <b> <c>\n"), 0o644)
	good := filepath.Join(dir, "good.nq")
	os.WriteFile(good, []byte("<x:a> <x:b> <x:c> .\n"), 0o644)
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, []byte("= A meeting =\n\n"+strings.Repeat("A long paragraph about a meeting. ", 100)), 0o644)

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"malformed line", []string{"load", "--db", db, good, bad}, bad + ":2:12: expected '.'"},
		{"missing file", []string{"load", "--db", db, filepath.Join(dir, "nope.nq")}, "nope.nq: no such file or directory"},
		{"unknown scheme", []string{"load", "--db", "oracle://x", good}, `unknown store scheme "oracle"`},
		{"document over the size limit", []string{"load", "--db", db, "--max-doc-size", "1000", big}, big + ": file is 3415 bytes, over the limit of 1000 bytes"},
		{"unknown format", []string{"export", "--db", db, "--format", "xlsx"}, `unknown format "xlsx"`},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := cli(t, c.args...)
			if err == nil {
				t.Fatal("succeeded")
			}
			if msg := err.Error(); !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line containing %q", msg, c.want)
			}
		})
	}
	if after := mustCLI(t, "export", "--db", db); after != before {
		t.Errorf("a failed load changed the store")
	}
}

func TestHelpShowsExamplesFirst(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := cli(t, "help", c.name)
			if err != nil && !strings.Contains(err.Error(), "help") {
				t.Fatalf("help %s: %v", c.name, err)
			}
			ex := strings.Index(out, "Examples:")
			fl := strings.Index(out, "Flags:")
			if ex < 0 || fl < 0 || ex > fl {
				t.Errorf("help %s: want Examples before Flags:\n%s", c.name, out)
			}
			if c.name != "gen" && !strings.Contains(out, "--db") {
				t.Errorf("help %s does not list --db", c.name)
			}
		})
	}
	out := mustCLI(t, "help")
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("partygraph help does not list %s", c.name)
		}
	}
}

func TestQuery(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustCLI(t, "load", "--db", db, fixture)
	out := mustCLI(t, "query", "--db", db, "--format", "csv",
		"SELECT ?d ?g WHERE { GRAPH ?g { ?m schema:startDate ?d } } ORDER BY ?d ?g")
	want := "d,g\r\n2014,https://w3id.org/partygraph/source/a\r\n2017-11-30,https://w3id.org/partygraph/source/a\r\n2017-11-30,https://w3id.org/partygraph/source/b\r\n"
	if out != want {
		t.Errorf("GRAPH query:\n%q\nwant\n%q", out, want)
	}
	// Outside GRAPH, a fact stated by two sources is one row.
	out = mustCLI(t, "query", "--db", db, "--format", "tsv", "SELECT ?d WHERE { ?m schema:startDate ?d } ORDER BY ?d")
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("default graph: %d lines, want header + 2 rows:\n%s", n, out)
	}
	_, _, err := cli(t, "query", "--db", db, "SELECT ?s WHERE {\n  ?s ?p ")
	if err == nil || !strings.Contains(err.Error(), "<query>:2:") || strings.Contains(err.Error(), "\n") {
		t.Errorf("syntax error = %v, want one line with line 2 and a column", err)
	}
	out = mustCLI(t, "query", "--db", db, "--example", "conflicts", "--format", "csv")
	if !strings.HasPrefix(out, "subject,property,value1,source1,value2,source2") {
		t.Errorf("--example conflicts: %q", out)
	}
	out = mustCLI(t, "query", "--db", db, "--lang", "gizmo", `g.V("<https://w3id.org/partygraph/id/person/xi-jinping>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`)
	if !strings.Contains(out, "習近平") {
		t.Errorf("gizmo: %s", out)
	}
	_, _, err = cli(t, "query", "--db", db, "--timeout", "1ns", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
	if err == nil || !strings.Contains(err.Error(), "time limit") {
		t.Errorf("timeout: err = %v", err)
	}
}

func TestStatsConflicts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustCLI(t, "load", "--db", db, "../../queries/examples/testdata/fixture.nq")
	out := mustCLI(t, "stats", "--db", db, "--conflicts")
	want := `id:meeting/hlm-2017 schema:startDate
  source:doc-a	says "2017-11-30"^^xsd:date
  source:doc-b	says "2017-12-01"^^xsd:date
1 disagreements
`
	if out != want {
		t.Errorf("stats --conflicts:\n%s\nwant:\n%s", out, want)
	}
}

// seeds returns ../shared/seeds, or skips the test when it is not there.
func seeds(t *testing.T) string {
	t.Helper()
	dir := "../../../shared/seeds"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no seed documents at %s (CI puts shared/ beside the clone): %v", dir, err)
	}
	return dir
}

// TestSeedsRoundTrip: load the seed documents, export, load the export into
// a new store, export again: the same set of quads, labels included.
func TestSeedsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db1, db2 := filepath.Join(dir, "one.db"), filepath.Join(dir, "two.db")
	out := mustCLI(t, "load", "--db", db1, seeds(t))
	if strings.Contains(out, "skipped") {
		t.Errorf("a seed was skipped:\n%s", out)
	}
	dump := filepath.Join(dir, "dump.nq")
	mustCLI(t, "export", "--db", db1, "-o", dump)
	mustCLI(t, "load", "--db", db2, dump)
	first, _ := os.ReadFile(dump)
	second := mustCLI(t, "export", "--db", db2)
	if sortedLines(string(first)) != sortedLines(second) {
		t.Errorf("seeds: export -> load -> export changed the graph")
	}
	for _, src := range []string{"000_6a5bb4f6170cf5a6", "001_767f095815ab49b9", "002_abc125928182cd8d", "004_c11d0ee90968a7d7", "gazetteer", "ontology"} {
		if !strings.Contains(second, "<https://w3id.org/partygraph/source/"+src+"> .") {
			t.Errorf("the export has no facts from %s", src)
		}
	}
	// Loading the seeds again changes nothing.
	out = mustCLI(t, "load", "--db", db1, seeds(t))
	if !strings.Contains(out, " 0 added, 0 removed") {
		t.Errorf("reloading the seeds changed the store:\n%s", out)
	}
}
