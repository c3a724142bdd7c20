package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// findChromium returns the path of a Chromium or Chrome binary, or skips
// the test saying why.
func findChromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped in -short mode: drives a real browser")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("skipped: no chromium on PATH (Debian: apt-get install chromium)")
	return ""
}

// browser starts a headless Chromium with the flags a closed network needs
// and returns a context for chromedp actions, and the page errors seen so
// far (exceptions, console errors, CSP violations).
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	path := findChromium(t)
	profile, err := os.MkdirTemp("", "partygraph-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		chromedp.Cancel(ctx) // closes the browser and waits for it
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
	})

	var mu sync.Mutex
	var problems []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value))
				}
				problems = append(problems, "console.error: "+strings.Join(args, " "))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				problems = append(problems, "log: "+ev.Entry.Text)
			}
		}
	})
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable()); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

// screenshot saves a PNG of the page in the test's temporary directory, or
// in $PARTYGRAPH_SCREENSHOTS when it is set (to look at them afterwards).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("PARTYGRAPH_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s (%d bytes)", p, len(png))
}

// poll evaluates a JavaScript expression until it is true.
func poll(expr string) chromedp.Action {
	return chromedp.Poll(expr, nil, chromedp.WithPollingTimeout(15*time.Second))
}

// clickNode clicks the node with the given id on the graph's canvas, where
// a user would click it.
func clickNode(id string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var xy []float64
		js := fmt.Sprintf(`(() => {
			const cy = window.partygraph.cy();
			const n = cy.getElementById(%q);
			if (n.empty()) return [];
			const p = n.renderedPosition(), r = cy.container().getBoundingClientRect();
			return [r.left + p.x, r.top + p.y];
		})()`, id)
		if err := chromedp.Evaluate(js, &xy).Do(ctx); err != nil {
			return err
		}
		if len(xy) != 2 {
			return fmt.Errorf("no node %s in the graph", id)
		}
		return chromedp.MouseClickXY(xy[0], xy[1]).Do(ctx)
	})
}

// nodeLabels returns the labels of the nodes shown in the graph.
func nodeLabels(ctx context.Context) ([]string, error) {
	var labels []string
	err := chromedp.Run(ctx, chromedp.Evaluate(`window.partygraph.cy().nodes(':visible').map(n => n.data('label'))`, &labels))
	return labels, err
}

// TestBrowser drives the explorer in Chromium: search in Chinese, expand
// the 2023 meeting by clicking it on the graph, check its speakers appear,
// look at the timeline, run a SPARQL query in the query tab and read the
// table.
func TestBrowser(t *testing.T) {
	ctx, problems := browser(t)
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
		poll(fmt.Sprintf(`window.partygraph.cy().getElementById(%q).hasClass('expanded')`, xi)),
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
		poll(`window.partygraph.cy().nodes().length >= 3`),
		chromedp.Sleep(200*time.Millisecond), // let the layout settle
		clickNode(m2023),
		poll(fmt.Sprintf(`window.partygraph.cy().getElementById(%q).hasClass('expanded')`, m2023)),
		poll(`document.querySelector('#panel h2').textContent === '2023 High-level Meeting'`),
	)
	if err != nil {
		t.Fatalf("expand the 2023 meeting: %v (page problems: %v)", err, problems())
	}
	labels, err := nodeLabels(ctx)
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
	screenshot(t, ctx, "explorer.png")

	// Filter by source: only the article's facts.
	err = chromedp.Run(ctx,
		chromedp.SetValue(`#sourcefilter`, srcArt),
		chromedp.Evaluate(`document.querySelector('#sourcefilter').dispatchEvent(new Event('change'))`, nil),
		poll(`window.partygraph.state.source !== ''`),
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
	labels, _ = nodeLabels(ctx)
	shown = strings.Join(labels, "|")
	if !strings.Contains(shown, "Sheikh Hasina") || strings.Contains(shown, "Cyril Ramaphosa") {
		var dbg string
		chromedp.Run(ctx, chromedp.Evaluate(`JSON.stringify({source: window.partygraph.state.source, value: document.querySelector('#sourcefilter').value, expanded: [...window.partygraph.state.expanded], cyril: window.partygraph.cy().getElementById('https://w3id.org/partygraph/id/person/cyril-ramaphosa').classes(), edges: window.partygraph.cy().edges().map(e => [e.id(), e.hasClass('filtered')])})`, &dbg))
		t.Errorf("with the article's facts only, the graph shows %s\n%s", shown, dbg)
	}
	chromedp.Run(ctx, chromedp.SetValue(`#sourcefilter`, ""), chromedp.Evaluate(`document.querySelector('#sourcefilter').dispatchEvent(new Event('change'))`, nil))

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
	screenshot(t, ctx, "timeline.png")

	// The query tab: run a SPARQL query and read the table.
	query := `SELECT ?name WHERE { <` + m2023 + `> pg:speaker ?p . ?p rdfs:label ?name FILTER(lang(?name) = "en") } ORDER BY ?name`
	var cells []string
	var message string
	err = chromedp.Run(ctx,
		chromedp.Click(`#tab-query`),
		chromedp.WaitVisible(`#query-text`),
		poll(`document.querySelectorAll('#examples button').length > 0`),
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
		poll(`document.querySelector('#query-message').classList.contains('error')`),
		chromedp.Text(`#query-message`, &message),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(message, "malformed query: 1:") {
		t.Errorf("error message %q", message)
	}
	screenshot(t, ctx, "query.png")
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
	ctx, problems := browser(t)
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
		poll(fmt.Sprintf(`window.partygraph.cy().getElementById(%q).hasClass('expanded')`, xssParty)),
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
	labels, _ := nodeLabels(ctx)
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
	screenshot(t, ctx, "xss.png")
	for _, p := range problems() {
		t.Errorf("page problem: %s", p)
	}
}
