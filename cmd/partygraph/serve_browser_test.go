package main

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/partygraph/partygraph/internal/server/browsertest"
)

// sparqlCSV asks the running server a SELECT query and returns the rows
// of its CSV answer without the header.
func sparqlCSV(t *testing.T, base, query string) [][]string {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/sparql?query="+url.QueryEscape(query), nil)
	req.Header.Set("Accept", "text/csv")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	rows, err := csv.NewReader(res.Body).ReadAll()
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("query: %d %v", res.StatusCode, err)
	}
	return rows[1:]
}

// TestServeSeedsInBrowser is the acceptance test: serve the seed
// documents, open the explorer, search "习近平", expand the 2023 meeting by
// clicking it, check that the graph shows the 2023 speakers, and run a
// SPARQL query in the query tab.
func TestServeSeedsInBrowser(t *testing.T) {
	dir := seeds(t)
	ctx, problems := browsertest.Start(t)
	base, _, stop := startServe(t, "--db", "mem:", "--quiet", "--load", dir)
	defer stop()

	// What the graph says, to compare the page with.
	meetings := sparqlCSV(t, base, `SELECT ?m WHERE { ?m a pg:Meeting ; schema:startDate ?d FILTER(STRSTARTS(STR(?d), "2023")) }`)
	if len(meetings) != 1 {
		t.Fatalf("the seeds give %d meetings in 2023, want 1: %v", len(meetings), meetings)
	}
	m2023 := meetings[0][0]
	var speakers []string
	for _, r := range sparqlCSV(t, base, `SELECT DISTINCT ?p WHERE { <`+m2023+`> pg:speaker ?p }`) {
		speakers = append(speakers, r[0])
	}
	if len(speakers) < 2 {
		t.Fatalf("the seeds give %d speakers of the 2023 meeting", len(speakers))
	}

	var xi string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`body[data-ready="true"]`),
		chromedp.SendKeys(`#search`, "习近平"),
		chromedp.WaitVisible(`#suggestions[data-query="习近平"] li[data-iri]`),
		chromedp.AttributeValue(`#suggestions li[data-iri]`, "data-iri", &xi, nil),
		chromedp.Click(`#suggestions li[data-iri]`),
		browsertest.Poll(`window.partygraph.state.expanded.size === 1`),
		browsertest.Poll(fmt.Sprintf(`!window.partygraph.cy().getElementById(%q).empty()`, m2023)),
	)
	if err != nil {
		t.Fatalf("search: %v (page problems: %v)", err, problems())
	}
	if !strings.HasSuffix(xi, "/person/xi-jinping") {
		t.Errorf("the first suggestion for 习近平 is %s", xi)
	}
	err = chromedp.Run(ctx,
		chromedp.Sleep(300e6),
		browsertest.ClickNode(m2023),
		browsertest.Poll(fmt.Sprintf(`window.partygraph.cy().getElementById(%q).hasClass('expanded')`, m2023)),
	)
	if err != nil {
		t.Fatalf("expand the 2023 meeting: %v (page problems: %v)", err, problems())
	}
	var missing []string
	js := fmt.Sprintf(`%q.split(" ").filter(id => window.partygraph.cy().getElementById(id).empty())`, strings.Join(speakers, " "))
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, &missing)); err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("the graph lacks %d of the %d speakers of 2023: %v", len(missing), len(speakers), missing)
	}
	browsertest.Screenshot(t, ctx, "seeds-explorer.png")

	var cells []string
	err = chromedp.Run(ctx,
		chromedp.Click(`#tab-query`),
		chromedp.SetValue(`#query-text`, "SELECT ?meeting ?date WHERE { ?meeting a pg:Meeting ; schema:startDate ?date } ORDER BY ?date"),
		chromedp.Click(`#run-query`),
		chromedp.WaitVisible(`#results table tbody tr`),
		chromedp.Evaluate(`[...document.querySelectorAll('#results tbody td')].map(td => td.textContent)`, &cells),
	)
	if err != nil {
		t.Fatalf("query tab: %v (page problems: %v)", err, problems())
	}
	if !strings.Contains(strings.Join(cells, "|"), "2023-03-15") {
		t.Errorf("query table %q lacks the 2023 meeting", cells)
	}
	browsertest.Screenshot(t, ctx, "seeds-query.png")
	for _, p := range problems() {
		t.Errorf("page problem: %s", p)
	}
}
