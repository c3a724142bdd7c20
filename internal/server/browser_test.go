package server

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/partygraph/partygraph/internal/server/browsertest"
)

// TestBrowser drives the explorer in Chromium: search in Chinese, expand
// the 2023 meeting by clicking it on the graph, check its speakers appear,
// look at the timeline, run a SPARQL query in the query tab and read the
// table.
func TestBrowser(t *testing.T) {
	ctx, problems := browsertest.Start(t)
	ts := httptest.NewServer(newTestServer(t, nil))
	defer ts.Close()

	var suggestion string
	err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(`body[data-ready="true"]`),
		chromedp.SendKeys(`#search`, "习近平"),
		chromedp.WaitVisible(`#suggestions[data-query="习近平"] li[data-iri]`),
		chromedp.Text(`#suggestions li[data-iri]`, &suggestion),
		chromedp.Click(`#suggestions li[data-iri]`),
		browsertest.Poll(fmt.Sprintf(`window.partygraph.cy().getElementById(%q).hasClass('expanded')`, xi)),
		chromedp.WaitVisible(`#panel h2`),
	)
	if err != nil {
		t.Fatalf("search: %v (page problems: %v)", err, problems())
	}
	if !strings.Contains(suggestion, "Xi Jinping") || !strings.Contains(suggestion, "习近平") {
		t.Errorf("suggestion %q, want Xi Jinping matched by 习近平", suggestion)
	}
	var panelTitle, facts string
	if err := chromedp.Run(ctx, chromedp.Text(`#panel h2`, &panelTitle), chromedp.Text(`#panel .labels`, &facts)); err != nil {
		t.Fatal(err)
	}
	if panelTitle != "Xi Jinping" || !strings.Contains(facts, "習近平") || !strings.Contains(facts, "zh-Hant") {
		t.Errorf("panel %q, labels %q", panelTitle, facts)
	}

	// Expand the 2023 meeting by clicking its node.
	err = chromedp.Run(ctx,
		browsertest.Poll(`window.partygraph.cy().nodes().length >= 3`),
		chromedp.Sleep(200*time.Millisecond), // let the layout settle
		browsertest.ClickNode(m2023),
		browsertest.Poll(fmt.Sprintf(`window.partygraph.cy().getElementById(%q).hasClass('expanded')`, m2023)),
		browsertest.Poll(`document.querySelector('#panel h2').textContent === '2023 High-level Meeting'`),
	)
	if err != nil {
		t.Fatalf("expand the 2023 meeting: %v (page problems: %v)", err, problems())
	}
	labels, err := browsertest.NodeLabels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shown := strings.Join(labels, "|")
	for _, want := range []string{"Cyril Ramaphosa", "Sheikh Hasina", "Xi Jinping", "African National Congress"} {
		if !strings.Contains(shown, want) {
			t.Errorf("graph lacks %q after expanding the 2023 meeting: %s", want, shown)
		}
	}
	var speakers string
	if err := chromedp.Run(ctx, chromedp.Text(`#facts`, &speakers)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(speakers, "speaker") || !strings.Contains(speakers, "Sheikh Hasina") || !strings.Contains(speakers, "Party diplomacy in the new era") {
		t.Errorf("side panel facts lack the speakers with their sources:\n%s", speakers)
	}
	browsertest.Screenshot(t, ctx, "explorer.png")

	// Export the view: the downloads are caught where the page makes them.
	var svg, nq string
	var pngType string
	var pngSize int
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`window.__blobs = []; URL.createObjectURL = (b) => { window.__blobs.push(b); return 'about:blank'; }; HTMLAnchorElement.prototype.click = function () { window.__clicked = this.getAttribute('href'); }`, nil),
		chromedp.Click(`#export-svg`),
		chromedp.Evaluate(`window.__blobs[0].text()`, &svg, await),
		chromedp.Click(`#export-png`),
		chromedp.Evaluate(`window.__blobs[1].type`, &pngType),
		chromedp.Evaluate(`window.__blobs[1].size`, &pngSize),
		chromedp.Click(`#export-nquads`),
		chromedp.Evaluate(`fetch(window.__clicked).then(r => r.text())`, &nq, await),
	)
	if err != nil {
		t.Fatalf("export: %v (page problems: %v)", err, problems())
	}
	if !strings.HasPrefix(svg, "<?xml") || !strings.Contains(svg, "<svg") || !strings.Contains(svg, ">Sheikh Hasina</text>") ||
		!strings.Contains(svg, "&lt;script&gt;alert(1)&lt;/script&gt; Party") {
		t.Errorf("SVG export:\n%.2000s", svg)
	}
	if pngType != "image/png" || pngSize < 1000 {
		t.Errorf("PNG export: %s of %d bytes", pngType, pngSize)
	}
	if !strings.Contains(nq, "<"+m2023+"> <https://w3id.org/partygraph/ontology#speaker> <https://w3id.org/partygraph/id/person/sheikh-hasina> <"+srcArt+"> .") {
		t.Errorf("N-Quads export of the view:\n%s", nq)
	}

	// Filter by source: only the article's facts.
	err = chromedp.Run(ctx,
		chromedp.SetValue(`#sourcefilter`, srcArt),
		chromedp.Evaluate(`document.querySelector('#sourcefilter').dispatchEvent(new Event('change'))`, nil),
		browsertest.Poll(`window.partygraph.state.source !== ''`),
	)
	if err == nil {
		// cytoscape applies the style of changed classes on its next frame.
		err = chromedp.Run(ctx, chromedp.Poll(`window.partygraph.cy().nodes(':visible').length < window.partygraph.cy().nodes().length`, nil, chromedp.WithPollingTimeout(3*time.Second)))
		if err != nil {
			t.Errorf("the source filter hides nothing: %v", err)
			err = nil
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	labels, _ = browsertest.NodeLabels(ctx)
	shown = strings.Join(labels, "|")
	if !strings.Contains(shown, "Sheikh Hasina") || strings.Contains(shown, "Cyril Ramaphosa") {
		var dbg string
		chromedp.Run(ctx, chromedp.Evaluate(`JSON.stringify({source: window.partygraph.state.source, value: document.querySelector('#sourcefilter').value, expanded: [...window.partygraph.state.expanded], cyril: window.partygraph.cy().getElementById('https://w3id.org/partygraph/id/person/cyril-ramaphosa').classes(), edges: window.partygraph.cy().edges().map(e => [e.id(), e.hasClass('filtered')])})`, &dbg))
		t.Errorf("with the article's facts only, the graph shows %s\n%s", shown, dbg)
	}
	chromedp.Run(ctx, chromedp.SetValue(`#sourcefilter`, ""), chromedp.Evaluate(`document.querySelector('#sourcefilter').dispatchEvent(new Event('change'))`, nil))

	// Filter by class: hide the people.
	var people int
	err = chromedp.Run(ctx,
		chromedp.Click(`#classfilter summary`),
		chromedp.WaitVisible(`#classes input[data-class="http://schema.org/Person"]`),
		chromedp.Click(`#classes input[data-class="http://schema.org/Person"]`),
		chromedp.Poll(`window.partygraph.cy().nodes(':visible').filter(n => n.data('cls') === 'http://schema.org/Person').length === 0`, nil, chromedp.WithPollingTimeout(3*time.Second)),
		chromedp.Click(`#classes input[data-class="http://schema.org/Person"]`),
		chromedp.Poll(`window.partygraph.cy().nodes(':visible').filter(n => n.data('cls') === 'http://schema.org/Person').length > 0`, nil, chromedp.WithPollingTimeout(3*time.Second)),
		chromedp.Evaluate(`window.partygraph.cy().nodes(':visible').filter(n => n.data('cls') === 'http://schema.org/Person').length`, &people),
		chromedp.Click(`#classfilter summary`),
	)
	if err != nil || people != 3 {
		t.Errorf("class filter: %v, %d people shown again, want 3", err, people)
	}

	// The timeline: two meetings of the series in order, linked.
	var cards []string
	var arrows int
	err = chromedp.Run(ctx,
		chromedp.Click(`#tab-timeline`),
		chromedp.WaitVisible(`.meeting`),
		chromedp.Evaluate(`[...document.querySelectorAll('.series')[0].querySelectorAll('.meeting .date')].map(e => e.textContent)`, &cards),
		chromedp.Evaluate(`document.querySelectorAll('.series')[0].querySelectorAll('.arrow:not(.nolink)').length`, &arrows),
	)
	if err != nil {
		t.Fatalf("timeline: %v", err)
	}
	if len(cards) != 2 || !strings.HasPrefix(cards[0], "2017-11-30") || cards[1] != "2023-03-15" || arrows != 1 {
		t.Errorf("timeline cards %q with %d follows arrows", cards, arrows)
	}
	browsertest.Screenshot(t, ctx, "timeline.png")

	// The query tab: run a SPARQL query and read the table.
	query := `SELECT ?name WHERE { <` + m2023 + `> pg:speaker ?p . ?p rdfs:label ?name FILTER(lang(?name) = "en") } ORDER BY ?name`
	var cells []string
	var message string
	err = chromedp.Run(ctx,
		chromedp.Click(`#tab-query`),
		chromedp.WaitVisible(`#query-text`),
		browsertest.Poll(`document.querySelectorAll('#examples button').length > 0`),
		chromedp.SetValue(`#query-text`, query),
		chromedp.Click(`#run-query`),
		chromedp.WaitVisible(`#results table tbody tr`),
		chromedp.Evaluate(`[...document.querySelectorAll('#results tbody td')].map(td => td.textContent)`, &cells),
		chromedp.Text(`#query-message`, &message),
	)
	if err != nil {
		t.Fatalf("query tab: %v (page problems: %v)", err, problems())
	}
	if strings.Join(cells, "|") != "Cyril Ramaphosa@en|Sheikh Hasina@en|Xi Jinping@en" {
		t.Errorf("result table %q", cells)
	}
	if !strings.HasPrefix(message, "3 rows") {
		t.Errorf("message %q", message)
	}
	browsertest.Screenshot(t, ctx, "query.png")

	// The same speakers as a graph of the result.
	var resultNodes int
	err = chromedp.Run(ctx,
		chromedp.SetValue(`#query-text`, `SELECT ?m ?p WHERE { ?m pg:speaker ?p }`),
		chromedp.Click(`#run-query`),
		browsertest.Poll(`document.querySelector('#query-message').textContent.startsWith('4 rows')`),
		chromedp.Click(`#show-graph`),
		browsertest.Poll(`window.partygraph.resultsCy() && window.partygraph.resultsCy().edges().length === 4`),
		chromedp.Evaluate(`window.partygraph.resultsCy().nodes().length`, &resultNodes),
	)
	if err != nil {
		t.Fatalf("result graph: %v (page problems: %v)", err, problems())
	}
	if resultNodes != 5 { // 2 meetings, 3 people
		t.Errorf("result graph has %d nodes, want 5", resultNodes)
	}

	// A CONSTRUCT query: its triples as a table and as a graph.
	var triples []string
	err = chromedp.Run(ctx,
		chromedp.Click(`#show-table`),
		chromedp.SetValue(`#query-text`, `CONSTRUCT { ?m pg:follows ?n } WHERE { ?m pg:follows ?n }`),
		chromedp.Click(`#run-query`),
		browsertest.Poll(`document.querySelector('#query-message').textContent.startsWith('1 row')`),
		chromedp.Evaluate(`[...document.querySelectorAll('#results tbody td')].map(td => td.textContent)`, &triples),
		chromedp.Click(`#show-graph`),
		browsertest.Poll(`window.partygraph.resultsCy().edges().length === 1 && window.partygraph.resultsCy().edges()[0].data('label') === 'pg:follows'`),
	)
	if err != nil {
		t.Fatalf("construct: %v (page problems: %v)", err, problems())
	}
	if strings.Join(triples, " ") != m2023+" pg:follows "+m2017 {
		t.Errorf("construct table %q", triples)
	}

	// Gizmo in the same tab.
	var gizmoCells []string
	err = chromedp.Run(ctx,
		chromedp.Click(`#show-table`),
		chromedp.SetValue(`#query-lang`, "gizmo"),
		chromedp.SetValue(`#query-text`, `g.V("<`+m2023+`>").Out("<https://w3id.org/partygraph/ontology#speaker>").All()`),
		chromedp.Click(`#run-query`),
		browsertest.Poll(`document.querySelector('#query-message').textContent.startsWith('3 rows')`),
		chromedp.Evaluate(`[...document.querySelectorAll('#results tbody td')].map(td => td.textContent).sort()`, &gizmoCells),
		chromedp.SetValue(`#query-lang`, "sparql"),
	)
	if err != nil {
		t.Fatalf("gizmo: %v (page problems: %v)", err, problems())
	}
	if len(gizmoCells) != 3 || !strings.HasSuffix(gizmoCells[0], "cyril-ramaphosa") {
		t.Errorf("gizmo table %q", gizmoCells)
	}
	var prefilled bool
	if err := chromedp.Run(ctx, chromedp.Click(`#examples button`), chromedp.Evaluate(`document.querySelector('#query-text').value.startsWith('PREFIX pg: <https://w3id.org/partygraph/ontology#>')`, &prefilled)); err != nil {
		t.Fatal(err)
	}
	if !prefilled {
		t.Errorf("an example query does not come with the prefixes")
	}
	// A malformed query shows the parser's message.
	err = chromedp.Run(ctx,
		chromedp.SetValue(`#query-text`, "SELECT ?x WHERE { ?x"),
		chromedp.Click(`#run-query`),
		browsertest.Poll(`document.querySelector('#query-message').classList.contains('error')`),
		chromedp.Text(`#query-message`, &message),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(message, "malformed query: 1:") {
		t.Errorf("error message %q", message)
	}
	browsertest.Screenshot(t, ctx, "query-error.png")
	// The failed request above logs a console error by design; everything
	// before it must have run cleanly.
	for _, p := range problems() {
		if !strings.Contains(p, "400 (Bad Request)") {
			t.Errorf("page problem: %s", p)
		}
	}
}

// TestBrowserXSS checks that labels made of HTML are shown as text: in the
// suggestions, the graph, the side panel and the query table, with no
// element created and no script run.
func TestBrowserXSS(t *testing.T) {
	ctx, problems := browsertest.Start(t)
	ts := httptest.NewServer(newTestServer(t, nil))
	defer ts.Close()

	var suggestion, title, alt string
	var imgs int
	var alerted bool
	err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(`body[data-ready="true"]`),
		chromedp.Evaluate(`window.__alerted = false; window.alert = () => { window.__alerted = true; }`, nil),
		chromedp.SendKeys(`#search`, "<img"),
		chromedp.WaitVisible(`#suggestions[data-query="<img"] li[data-iri]`),
		chromedp.Text(`#suggestions li[data-iri]`, &suggestion),
		chromedp.Click(`#suggestions li[data-iri]`),
		browsertest.Poll(fmt.Sprintf(`window.partygraph.cy().getElementById(%q).hasClass('expanded')`, xssParty)),
		chromedp.Text(`#panel h2`, &title),
		chromedp.Text(`#panel .labels`, &alt),
		chromedp.Evaluate(`document.querySelectorAll('img').length`, &imgs),
		chromedp.Evaluate(`window.__alerted`, &alerted),
	)
	if err != nil {
		t.Fatalf("%v (page problems: %v)", err, problems())
	}
	if !strings.Contains(suggestion, "<script>alert(1)</script> Party") || !strings.Contains(suggestion, "<img src=x onerror=alert(1)>") {
		t.Errorf("suggestion %q, want the labels as text", suggestion)
	}
	if title != "<script>alert(1)</script> Party" {
		t.Errorf("panel title %q", title)
	}
	if imgs != 0 || alerted {
		t.Errorf("the page created %d img elements (alert called: %v)", imgs, alerted)
	}
	var scripts int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll('script')].filter(s => !s.src).length`, &scripts)); err != nil {
		t.Fatal(err)
	}
	if scripts != 0 {
		t.Errorf("%d inline script elements in the page", scripts)
	}
	labels, _ := browsertest.NodeLabels(ctx)
	if !strings.Contains(strings.Join(labels, "|"), "<script>alert(1)</script> Party") {
		t.Errorf("graph labels %q", labels)
	}
	// The same label in the query tab's table.
	var cells []string
	err = chromedp.Run(ctx,
		chromedp.Click(`#tab-query`),
		chromedp.SetValue(`#query-text`, `SELECT ?l WHERE { <`+xssParty+`> ?p ?l FILTER(isLiteral(?l)) } ORDER BY ?l`),
		chromedp.Click(`#run-query`),
		chromedp.WaitVisible(`#results table tbody tr`),
		chromedp.Evaluate(`[...document.querySelectorAll('#results tbody td')].map(td => td.textContent)`, &cells),
		chromedp.Evaluate(`document.querySelectorAll('img').length`, &imgs),
		chromedp.Evaluate(`window.__alerted`, &alerted),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(cells, "|"), "<img src=x onerror=alert(1)>") || imgs != 0 || alerted {
		t.Errorf("query table %q, %d img elements, alert called %v", cells, imgs, alerted)
	}
	browsertest.Screenshot(t, ctx, "xss.png")
	for _, p := range problems() {
		t.Errorf("page problem: %s", p)
	}
}
