//go:build browser

package e2e

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/wasm/site"
)

var (
	screenshotDir    = flag.String("screenshots", "", "write a screenshot of every route at each size, light and dark, into this directory")
	screenshotRoutes = flag.String("screenshot-routes", "", "with -screenshots, only the routes whose path contains this text")
)

// viewport is a window size the layout is checked at.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{
	{"phone", 360, 740, true},
	{"desktop", 1280, 800, false},
}

// foldPages are the pages whose input and key answer must be visible without scrolling.
var foldPages = []struct {
	link   string
	input  string   // the input's name
	fields []string // the key answer's data-fields
}{
	{"addr?ip=8.8.8.8", "ip", []string{"reachable"}},
	{"subnet?net=10.0.0.0/24", "net", []string{"network", "broadcast", "first-usable", "last-usable", "usable-addresses"}},
	{"subnet?net=2001:db8:abcd:12::/64", "net", []string{"network", "first-usable", "last-usable", "usable-addresses"}},
	{"ports?q=443", "q", []string{"port", "service"}},
	{"plan?mode=split&net=10.0.0.0/16&parts=4", "net", []string{"summary"}},
}

// setViewport sizes the tab as a phone or a desktop window.
func (b *browser) setViewport(v viewport) {
	b.t.Helper()
	var opts []chromedp.EmulateViewportOption
	if v.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	b.do(chromedp.EmulateViewport(v.width, v.height, opts...))
}

// waitFieldPresent waits until an element with data-field=name is on the page.
func (b *browser) waitFieldPresent(name string) {
	b.t.Helper()
	b.do(chromedp.WaitReady(chromedp.CSS(fmt.Sprintf("[data-field=%q]", name))))
}

// bottom returns the bottom edge of the element matched by sel, in CSS pixels from the
// top of the page, or -1 when there is none or it is not shown.
func (b *browser) bottom(sel string) float64 {
	b.t.Helper()
	return eval[float64](b, fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		if (!e || !e.getClientRects().length) return -1;
		const r = e.getBoundingClientRect();
		return r.bottom + window.scrollY;
	})()`, sel))
}

// TestAnswerAboveTheFold: on a phone and on a desktop window, the input and the key answer
// of the Address, Subnet, Ports and Plan pages are visible without scrolling.
func TestAnswerAboveTheFold(t *testing.T) {
	s := siteServer(t)
	b := sharedTab(t)
	// One load of a page serves every size: its layout is CSS alone, and
	// a window resized (or a phone turned) lays the same page out again.
	for _, p := range foldPages {
		b.do(chromedp.Navigate(s.URL + p.link))
		b.waitLive()
		sels := []string{fmt.Sprintf("input[name=%q]", p.input)}
		for _, f := range p.fields {
			b.waitFieldPresent(f)
			sels = append(sels, fmt.Sprintf("[data-field=%q]", f))
		}
		for _, v := range viewports {
			b.setViewport(v)
			var report []string
			for _, sel := range sels {
				y := b.bottom(sel)
				report = append(report, fmt.Sprintf("%s %.0f", sel, y))
				if y < 0 {
					t.Errorf("%s at %dx%d: %s is not on the page", p.link, v.width, v.height, sel)
				} else if y > float64(v.height) {
					t.Errorf("%s at %dx%d: %s ends at y=%.0f, below the fold at %d", p.link, v.width, v.height, sel, y, v.height)
				}
			}
			t.Logf("%s at %s: %s", p.link, v.name, strings.Join(report, ", "))
		}
	}
}

// TestScreenshots writes a screenshot of every route at each size, light and dark, for
// review (make screenshots). It checks only that every page renders.
func TestScreenshots(t *testing.T) {
	if *screenshotDir == "" {
		t.Skip("-screenshots is not set; make screenshots sets it")
	}
	if err := os.MkdirAll(*screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := siteServer(t)
	b := sharedTab(t)
	for _, v := range viewports {
		b.setViewport(v)
		for _, r := range site.Routes() {
			if !strings.Contains(r.Path, *screenshotRoutes) {
				continue
			}
			for _, theme := range []string{"light", "dark"} {
				b.do(chromedp.Navigate(s.URL + strings.TrimPrefix(r.Path, "/")))
				b.waitLive()
				b.setTheme(theme)
				shot, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatalf("%s: %v", r.Path, err)
				}
				name := strings.Trim(strings.ReplaceAll(r.Path, "/", "_"), "_")
				if name == "" {
					name = "home"
				}
				file := filepath.Join(*screenshotDir, fmt.Sprintf("%s-%s-%s.png", name, v.name, theme))
				if err := os.WriteFile(file, shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if *screenshotRoutes == "" {
		labPictureScreenshots(t, s)
	}
}
