//go:build browser

package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/practice"
)

func TestAddressShareLink(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "addr?ip=10.1.2.3"))
	b.waitField("canonical", "10.1.2.3")
	if got := b.field("version"); got != "IPv4" {
		t.Errorf("version = %q; want IPv4", got)
	}
	if got := b.field("reachable"); !strings.HasPrefix(got, "no") {
		t.Errorf("reachable = %q; want it to begin with no", got)
	}
	if got := b.field("expanded"); got != "10.1.2.3" {
		t.Errorf("expanded = %q; want 10.1.2.3", got)
	}
	if got := eval[string](b, `document.title`); !strings.Contains(got, "Address") {
		t.Errorf("title = %q; want it to name the widget", got)
	}
}

func TestAddressTypingUpdatesURLAndReloadRestores(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "addr?ip=10.1.2.3"))
	b.waitField("canonical", "10.1.2.3")
	historyLength := eval[int](b, `history.length`)

	b.typeInto("ip", "2001:DB8:0:0:0:0:0:1")
	b.waitField("canonical", "2001:db8::1")
	if got := b.field("expanded"); got != "2001:0db8:0000:0000:0000:0000:0000:0001" {
		t.Errorf("expanded = %q", got)
	}
	if got := b.field("version"); got != "IPv6" {
		t.Errorf("version = %q; want IPv6", got)
	}
	u, err := url.Parse(b.location())
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Query().Get("ip"); got != "2001:DB8:0:0:0:0:0:1" {
		t.Errorf("URL ip = %q; want the typed text", got)
	}
	if got := eval[int](b, `history.length`); got != historyLength {
		t.Errorf("typing grew the history from %d to %d entries; want replaceState", historyLength, got)
	}

	b.do(chromedp.Reload())
	b.waitField("canonical", "2001:db8::1")
	if got := eval[string](b, `document.querySelector('input[name=ip]').value`); got != "2001:DB8:0:0:0:0:0:1" {
		t.Errorf("after reload the input holds %q", got)
	}
}

func TestAddressInvalidInput(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "addr?ip=10.1.2.3"))
	b.waitField("canonical", "10.1.2.3")
	for _, bad := range []string{"300.1.2.3", "hello", "1.2.3", "::1::2"} {
		b.typeInto("ip", bad)
		b.waitFieldContains("error", `"`+bad+`"`) // quotes the whole input
		if got := b.field("canonical"); got != "" {
			t.Errorf("typing %q: canonical = %q; want no result", bad, got)
		}
		if got := eval[string](b, `document.querySelector('input[name=ip]').getAttribute('aria-invalid')`); got != "true" {
			t.Errorf("typing %q: aria-invalid = %q; want true", bad, got)
		}
	}
	// The page is still alive: a good address computes again.
	b.typeInto("ip", "8.8.8.8")
	b.waitField("canonical", "8.8.8.8")
	if got := b.field("reachable"); !strings.HasPrefix(got, "yes") {
		t.Errorf("8.8.8.8 reachable = %q; want yes", got)
	}

	// A malformed link opens with its message, not a dead page.
	b.do(chromedp.Navigate(s.URL + "addr?ip=%E2%80%AE%00zz"))
	b.waitFieldPrefix("error", "")
}

// TestOfflineAfterOneVisit: after one visit to the home page, with the
// server gone, every page opens and computes, the Ports page's registry, the
// library and the course's chapters with their widgets included. One first
// visit serves every check: it is the costly part (a new browser context's
// downloads, the worker's install and precache).
func TestOfflineAfterOneVisit(t *testing.T) {
	t.Parallel()
	b, s := testOffline(t, *distDir, "/")
	t.Run("ports", func(t *testing.T) { portsOffline(b.in(t), s) })
	t.Run("library", func(t *testing.T) { libraryOffline(b.in(t), s) })
	t.Run("learn", func(t *testing.T) { learnOffline(b.in(t), s) })
}

func TestOfflineUnderSubPath(t *testing.T) {
	t.Parallel()
	if *subDistDir == "" {
		t.Fatal("-subdist is required")
	}
	testOffline(t, *subDistDir, "/netground/")
}

// testOffline visits the home page once, stops the server and checks that
// the pages open and compute; it returns the tab and the stopped server.
func testOffline(t *testing.T, dir, base string) (*browser, *server) {
	s := startServer(t, dir, base)
	if !strings.HasSuffix(s.URL, base) {
		t.Fatalf("server URL %s is not under %s", s.URL, base)
	}
	b := newBrowser(t)
	b.do(chromedp.Navigate(s.URL))
	b.waitOfflineReady()
	b.do(chromedp.Navigate(s.URL + "addr?ip=10.1.2.3"))
	b.waitField("canonical", "10.1.2.3")

	s.stop()

	// Every page opens, with any query, and still computes.
	b.do(chromedp.Reload())
	b.waitField("canonical", "10.1.2.3")
	b.typeInto("ip", "fe80::1%eth0")
	b.waitField("version", "IPv6")

	b.do(chromedp.Navigate(s.URL + "addr?ip=172.16.5.4"))
	b.waitField("canonical", "172.16.5.4")
	b.do(chromedp.Navigate(s.URL + "embed/addr?ip=1.1.1.1"))
	b.waitField("canonical", "1.1.1.1")
	// The Practice page's own first-answer binary was never fetched, so
	// the worker does not keep it: the app answers.
	b.do(chromedp.Navigate(s.URL + "practice?seed=5&topics=subnet"))
	b.waitLive()
	b.waitField("question", practiceSet(5, []practice.Topic{practice.TopicSubnet}, 1).Questions[0].Text)
	b.do(chromedp.Navigate(s.URL))
	if got := eval[string](b, `document.querySelector('h1').textContent`); got != "Netground" {
		t.Errorf("offline home page h1 = %q", got)
	}
	return b, s
}
