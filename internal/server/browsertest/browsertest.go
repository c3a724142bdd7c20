// Package browsertest drives the explorer in a headless Chromium for tests
// (with chromedp): it starts the browser with the flags a closed network
// needs, collects the page's errors, and clicks graph nodes where a user
// would. Only tests import it.
package browsertest

import (
	"context"
	"fmt"
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
func findChromium(t testing.TB) string {
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

// Start starts a headless Chromium with the flags a closed network needs
// and returns a context for chromedp actions, and the page errors seen so
// far (exceptions, console errors, CSP violations).
func Start(t testing.TB) (context.Context, func() []string) {
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

// Screenshot saves a PNG of the page in the test's temporary directory, or
// in $PARTYGRAPH_SCREENSHOTS when it is set (to look at them afterwards).
func Screenshot(t testing.TB, ctx context.Context, name string) {
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

// Poll evaluates a JavaScript expression until it is true.
func Poll(expr string) chromedp.Action {
	return chromedp.Poll(expr, nil, chromedp.WithPollingTimeout(15*time.Second))
}

// ClickNode clicks the node with the given id on the graph's canvas, where
// a user would click it.
func ClickNode(id string) chromedp.Action {
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

// NodeLabels returns the labels of the nodes shown in the graph.
func NodeLabels(ctx context.Context) ([]string, error) {
	var labels []string
	err := chromedp.Run(ctx, chromedp.Evaluate(`window.partygraph.cy().nodes(':visible').map(n => n.data('label'))`, &labels))
	return labels, err
}
