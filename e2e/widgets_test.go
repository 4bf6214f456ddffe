//go:build browser

package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestSubnetShareLinkAndTyping(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "subnet?net=10.0.0.0/20&host=10.0.3.7&cloud=aws"))
	// The slider's prefix length is the app's, not the first answer's: until
	// the app runs, the pre-rendered one is hidden but still in the page.
	b.waitLive()
	b.waitField("network", "10.0.0.0")
	want := map[string]string{
		"broadcast":        "10.0.15.255",
		"first-usable":     "10.0.0.4",
		"last-usable":      "10.0.15.254",
		"total-addresses":  "4,096 (2^12)",
		"usable-addresses": "4,091",
		"mask":             "255.255.240.0",
		"wildcard":         "0.0.15.255",
		"prefix-length":    "20",
		"host":             "10.0.3.7",
	}
	for f, w := range want {
		if got := b.field(f); got != w {
			t.Errorf("data-field %s = %q; want %q", f, got, w)
		}
	}

	b.typeInto("net", "2001:db8::/127")
	b.waitField("network", "2001:db8::")
	if got := b.field("usable-addresses"); got != "2" {
		t.Errorf("/127 usable = %q; want 2 (RFC 6164)", got)
	}
	if got := b.field("broadcast-none"); !strings.Contains(got, "IPv6 has no broadcast") {
		t.Errorf("IPv6 broadcast = %q", got)
	}
	u, _ := url.Parse(b.location())
	if got := u.Query().Get("net"); got != "2001:db8::/127" {
		t.Errorf("URL net = %q", got)
	}

	b.typeInto("net", "192.168.1.0/31")
	b.waitField("network", "192.168.1.0")
	if got := b.field("usable-addresses"); got != "2" {
		t.Errorf("/31 usable = %q; want 2 (RFC 3021)", got)
	}
	b.typeInto("net", "10.0.0.0/33")
	if msg := b.waitFieldPrefix("net-error", "subnet"); !strings.Contains(msg, "33") {
		t.Errorf("/33 error = %q", msg)
	}
}

func TestSubnetNeighboursAndHistory(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "subnet?net=192.168.1.0/24&host=192.168.1.10&b=10.0.0.5&gw=192.168.1.1"))
	b.waitField("neighbours", "through the gateway")
	b.typeInto("b", "192.168.1.77")
	b.waitFieldPrefix("neighbours", "")
	if got := b.field("neighbours"); got == "through the gateway" {
		t.Errorf("two hosts in one /24 go %q", got)
	}

	// Choosing a cloud is a deliberate step: it adds a history entry that
	// back undoes.
	b.do(chromedp.SetValue(chromedp.CSS(`select[name=cloud]`), "azure")) // fires input and change
	b.waitField("first-usable", "192.168.1.4")
	if !strings.Contains(b.location(), "cloud=azure") {
		t.Errorf("URL %s lacks cloud=azure", b.location())
	}
	b.do(chromedp.NavigateBack())
	b.waitField("first-usable", "192.168.1.1")
	b.do(chromedp.NavigateForward())
	b.waitField("first-usable", "192.168.1.4")
}

func TestSubnetMalformedLink(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "subnet?net=10.0.0.0/8&cloud=mars&zzz=1"))
	b.waitField("network", "10.0.0.0")
	problems := eval[string](b, `[...document.querySelectorAll('[data-field="link-problem"]')].map(e => e.textContent).join("\n")`)
	for _, want := range []string{"cloud", "zzz"} {
		if !strings.Contains(problems, want) {
			t.Errorf("link problems %q do not mention %q", problems, want)
		}
	}
}

func TestPortsWidget(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "ports?q=postgres"))
	// The pre-rendered page answers postgres too: wait for the app, and
	// for its registry (service), which comes with the port in one render.
	b.waitLive()
	b.waitField("service", "postgresql")
	if got := b.field("port"); got != "5432" {
		t.Errorf("postgres port = %q", got)
	}
	if got := b.field("range"); !strings.Contains(got, "registered") {
		t.Errorf("5432 range = %q", got)
	}
	for _, tt := range []struct{ q, field, want string }{
		{"22", "service", "ssh"},
		{"0", "range", "port 0 (reserved)"},
		{"65535", "range", "dynamic"},
		{"[2001:db8::1]:443", "service", "https"},
		{"https://example.com/path", "port", "443"},
	} {
		b.typeInto("q", tt.q)
		b.waitFieldPrefix(tt.field, tt.want)
	}
	b.typeInto("q", "::1:80")
	// "::1:8", on the way, is an error too: wait for the whole input's.
	b.waitFieldContains("error", `"::1:80"`)
	if msg := b.field("error"); !strings.Contains(msg, "[::1]:80") {
		t.Errorf("::1:80 error = %q; want the bracketed hint", msg)
	}
	b.typeInto("q", "65536")
	b.waitFieldPrefix("error", "")
}

// portsOffline: with the server gone (TestOfflineAfterOneVisit), the Ports
// page finds its registry and the Subnet page computes.
func portsOffline(b *browser, s *server) {
	b.t.Helper()
	b.do(chromedp.Navigate(s.URL + "ports?q=mysql"))
	b.waitField("port", "3306")
	b.do(chromedp.Navigate(s.URL + "subnet?net=172.16.0.0/12"))
	b.waitField("broadcast", "172.31.255.255")
}

// TestBrokenEscapesInLinks opens links whose "%" escapes are broken, as a
// truncated or hand-edited share link can be: the page opens and works.
func TestBrokenEscapesInLinks(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	for _, link := range []string{
		"addr?ip=10.9.8.7#s=1.%%%",
		"addr?ip=10.9.8.7#%zz",
		"addr?ip=10.9.8.7&x=%zz",
	} {
		b.do(chromedp.Navigate(s.URL + link))
		b.waitField("canonical", "10.9.8.7")
		b.typeInto("ip", "10.9.8.6")
		b.waitField("canonical", "10.9.8.6")
	}
	// A broken fragment typed into the address bar later.
	eval[bool](b, `(() => { location.hash = "s=1.%%"; return true })()`)
	b.typeInto("ip", "10.9.8.5")
	b.waitField("canonical", "10.9.8.5")
}
