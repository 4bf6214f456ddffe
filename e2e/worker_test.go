//go:build browser

package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWorkerKeepsOtherAppsCaches: on an origin it shares with other apps
// (GitHub Pages, say), the service worker's activation deletes only its own
// older caches: those of its scope and the names earlier versions used,
// never another app's, nor those of a Netground bundle under another path.
func TestWorkerKeepsOtherAppsCaches(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := newBrowser(t)
	b.do(chromedp.Navigate(s.URL + "addr"))
	b.waitOfflineReady()
	// Caches of other apps and of this one's older versions, then a worker
	// that installs and activates anew.
	others := []string{"other-app-v1", "netground-/netground/-0123456789abcdef", "workbox-precache-v2"}
	old := []string{"netground-/-0123456789abcdef", "netground-0123456789abcdef0123"}
	eval[bool](b, `(async (names) => {
		for (const n of names) {
			const c = await caches.open(n);
			await c.put("/cached-by-" + encodeURIComponent(n), new Response(n));
		}
		return (await navigator.serviceWorker.ready).unregister();
	})(`+jsStrings(append(slices.Clone(others), old...))+`)`)
	b.do(chromedp.Navigate(s.URL + "addr"))
	b.waitOfflineReady()
	keys := eval[[]string](b, `caches.keys()`)
	for _, n := range others {
		if !slices.Contains(keys, n) {
			t.Errorf("cache %q of another app was deleted; caches now: %q", n, keys)
		}
	}
	for _, n := range old {
		if slices.Contains(keys, n) {
			t.Errorf("the worker's own old cache %q was kept; caches now: %q", n, keys)
		}
	}
	own := 0
	for _, k := range keys {
		if strings.HasPrefix(k, "netground-/-") {
			own++
		}
	}
	if own != 1 {
		t.Errorf("%d caches of this bundle; want its one: %q", own, keys)
	}
}
