package server

import (
	"context"
	"testing"
)

// FuzzNegotiate feeds Accept headers and format parameters to the content
// negotiation: it must pick one of the offered types or none, never panic.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{
		"", "*/*", "text/csv;q=0.5, application/sparql-results+xml", "text/*;q=0.3, */*;q=0.1",
		"application/sparql-results+json,application/json,text/javascript,application/javascript",
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/csv;q=abc", ";;,,;q=",
	} {
		f.Add(s, "")
	}
	f.Add("", "json")
	f.Add("", "application/n-quads")
	f.Fuzz(func(t *testing.T, accept, format string) {
		for _, offered := range [][]string{selectTypes, graphTypes} {
			got, ok := negotiate(accept, format, offered)
			if ok != (got != "") {
				t.Fatalf("negotiate(%q, %q) = %q, %v", accept, format, got, ok)
			}
			if !ok {
				continue
			}
			found := false
			for _, o := range offered {
				found = found || o == got
			}
			if !found && got != ctJSONLD {
				t.Fatalf("negotiate(%q, %q) = %q, which is not offered", accept, format, got)
			}
		}
	})
}

// FuzzSearch searches the fixture's index with any text: no panic, no more
// results than asked for, no node twice.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"习近平", "習近平", "xi jin", "ＸＩ", "近平", "a", "", " ", "\xff\xfe", "<script>", "中國共產黨與世界政黨高層對話會 2017"} {
		f.Add(s)
	}
	idx, err := buildIndex(context.Background(), loadFixture(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		hits := idx.search(q, "", 5)
		if len(hits) > 5 {
			t.Fatalf("%d hits for limit 5", len(hits))
		}
		seen := map[*nodeInfo]bool{}
		for _, h := range hits {
			if seen[h.node] {
				t.Fatalf("node %s twice for %q", h.node.term, q)
			}
			seen[h.node] = true
		}
	})
}
