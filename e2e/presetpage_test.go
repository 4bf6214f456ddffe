//go:build browser

package e2e

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/wasm/site"
)

// mainFields returns every visible data-field in the page's main element
// with its text, in document order. White space is left out: the
// pre-rendered page is indented, the app's is not.
func mainFields(b *browser) []string {
	b.t.Helper()
	return eval[[]string](b, `[...document.querySelectorAll('#main [data-field]')].filter(e => e.checkVisibility()).map(e => e.dataset.field + "=" + e.textContent.replace(/\s+/g, ""))`)
}

// TestPresetLinksAnswerBeforeTheApp: every lab preset is pre-rendered, with
// its verdict; the first preset of each lab, plain and embedded, opened with
// the app held back, shows its own state at once (boot.js), never
// "computing"; when the app takes over, it shows the same fields.
func TestPresetLinksAnswerBeforeTheApp(t *testing.T) {
	s := siteServer(t)
	var links []string
	n := 0
	for _, r := range site.Routes() {
		for i, name := range r.Page.Presets {
			n++
			resp, err := http.Get(s.URL + "web/presets" + r.Path + "/" + name + ".html")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `data-field="verdict"`) && !strings.Contains(string(body), `data-field="outcome"`) {
				t.Errorf("%s?preset=%s: pre-rendered page %d, %d bytes, without a verdict", r.Path, name, resp.StatusCode, len(body))
			}
			if i == 0 {
				links = append(links, strings.TrimPrefix(r.Path, "/")+"?preset="+name)
			}
		}
	}
	if n < 20 || len(links) != 6 {
		t.Fatalf("%d presets in %d pages; the three labs have more, plain and embedded", n, len(links))
	}
	g := newGateFor(t, s.URL, "/web/app.")
	for _, link := range links {
		g.shut()
		b := firstVisitTab(t)
		b.do(chromedp.Navigate(g.URL + link))
		if !eval[bool](b, `new Promise(r => { const t0 = Date.now(); const f = () => document.querySelector('#main[data-answered]') ? r(true) : Date.now() - t0 > 30000 ? r(false) : setTimeout(f, 20); f(); })`) {
			t.Errorf("%s: the pre-rendered preset is not shown", link)
			continue
		}
		if eval[bool](b, `document.documentElement.classList.contains("ng-pending")`) {
			t.Errorf("%s: the page still says it is computing", link)
		}
		first := mainFields(b)
		g.open()
		b.waitLive()
		if app := mainFields(b); !slices.Equal(first, app) {
			t.Errorf("%s: the pre-rendered preset and the app differ:\n%s", link, diffLines(first, app))
		}
	}
}

// diffLines lists the lines only in a (-) or only in b (+).
func diffLines(a, b []string) string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, "- "+x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, "+ "+x)
		}
	}
	if len(out) == 0 {
		return fmt.Sprintf("(the same lines in another order: %d and %d)", len(a), len(b))
	}
	return strings.Join(out, "\n")
}

// TestPresetShownBeforeTheAppStarts: on a repeat visit, when the worker
// hands the app's binary over at once, a preset link still shows the
// pre-rendered preset first and starts the app only once it is painted:
// the app's start holds the main thread, and would otherwise come first.
func TestPresetShownBeforeTheAppStarts(t *testing.T) {
	s := siteServer(t)
	b := sharedContextTab(t)
	b.do(chromedp.Navigate(s.URL + "bind"))
	b.waitLive()
	b.waitOfflineReady()
	b.onEveryPage(`(() => {
			window.__order = [];
			new MutationObserver(() => {
				const o = window.__order;
				if (!o.includes("answered") && document.querySelector('#main[data-answered]')) o.push("answered");
				if (!o.includes("live") && document.querySelector('[data-live="true"]')) o.push("live");
			}).observe(document, {subtree: true, childList: true, attributes: true});
		})()`)
	for _, link := range []string{"bind?preset=address-in-use", "k8s?preset=nodeport", "nat?preset=cgnat"} {
		b.do(chromedp.Navigate(s.URL + link))
		b.waitLive()
		if got := eval[[]string](b, `window.__order`); !slices.Equal(got, []string{"answered", "live"}) {
			t.Errorf("%s: in order %v; want the preset answered, then the app live", link, got)
		}
	}
}
