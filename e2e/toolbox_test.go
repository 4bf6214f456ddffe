//go:build browser

package e2e

import (
	"net/netip"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/practice"
)

// TestToolboxAddressMAC: the Address page takes a MAC address in its three
// forms and shows the IPv6 addresses made from it, and the link-local
// address leads back to the MAC.
func TestToolboxAddressMAC(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "addr?ip=34-56-78-9a-bc-de"))
	b.waitLive() // the fields below are read one by one: not while the app replaces the page
	b.waitField("eui64-interface-id", "3656:78ff:fe9a:bcde")
	want := map[string]string{
		"mac":              "34:56:78:9a:bc:de",
		"mac-cisco":        "3456.789a.bcde",
		"eui64-link-local": "fe80::3656:78ff:fe9a:bcde",
		"eui64-slaac":      "2001:db8::3656:78ff:fe9a:bcde",
		"eui64-flip":       "34 → 36",
	}
	for f, w := range want {
		if got := b.field(f); got != w {
			t.Errorf("data-field %s = %q; want %q", f, got, w)
		}
	}
	if got := b.field("eui64-note"); !strings.Contains(got, "RFC 7217") || !strings.Contains(got, "RFC 8981") {
		t.Errorf("eui64-note = %q; want the RFC 7217 and RFC 8981 warning", got)
	}
	if got := b.field("reachable"); got != "" {
		t.Errorf("a MAC address has a reachability verdict %q", got)
	}

	b.typeInto("ip", "3456.789A.BCDE")
	b.waitField("mac", "34:56:78:9a:bc:de")
	b.waitField("eui64-link-local", "fe80::3656:78ff:fe9a:bcde")
	if got := queryParam(t, b, "ip"); got != "3456.789A.BCDE" {
		t.Errorf("URL ip = %q; want the typed MAC", got)
	}

	// The link-local address opens on its own page, which finds the MAC inside.
	b.do(chromedp.Click(chromedp.CSS(`[data-field="eui64-link-local"]`)))
	b.waitField("eui64-mac", "34:56:78:9a:bc:de")
	b.waitField("solicited-node", "ff02::1:ff9a:bcde")
	if got := b.field("solicited-node-mac"); got != "33:33:ff:9a:bc:de" {
		t.Errorf("solicited-node-mac = %q", got)
	}
	if got := b.field("eui64-note"); !strings.Contains(got, "RFC 7217") {
		t.Errorf("the MAC inside an address comes without the warning: %q", got)
	}
	if got := queryParam(t, b, "ip"); got != "fe80::3656:78ff:fe9a:bcde" {
		t.Errorf("URL ip = %q after following the link", got)
	}

	// Group MACs make no address; broken MACs say what is wrong.
	b.typeInto("ip", "33:33:00:00:00:01")
	b.waitFieldContains("mac-group", "IPv6 multicast")
	if got := b.field("eui64-link-local"); got != "" {
		t.Errorf("a multicast MAC has a link-local address %q", got)
	}
	b.typeInto("ip", "34:56:78:9a:bc")
	if got := b.waitFieldContains("error", "5 groups"); !strings.Contains(got, `MAC address "34:56:78:9a:bc"`) {
		t.Errorf("error = %q; want it to quote the MAC", got)
	}
	b.typeInto("ip", "34-56-78-ff-fe-9a-bc-de")
	b.waitFieldContains("error", "EUI-64")
}

// TestToolboxAddressLink: what IP addresses are on the link.
func TestToolboxAddressLink(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "addr?ip=2001:db8::1"))
	b.waitField("solicited-node", "ff02::1:ff00:1")
	if got := b.field("eui64-mac"); got != "" {
		t.Errorf("2001:db8::1 has an EUI-64 MAC %q", got)
	}
	tests := []struct{ ip, field, want string }{
		{"::1", "solicited-node", "ff02::1:ff00:1"},
		{"ff02::1", "multicast-mac", "33:33:00:00:00:01"},
		{"224.0.0.251", "multicast-mac", "01:00:5e:00:00:fb"},
		{"4037::1:800:200e:8c6c", "solicited-node-mac", "33:33:ff:0e:8c:6c"},
	}
	for _, tt := range tests {
		b.typeInto("ip", tt.ip)
		b.waitField(tt.field, tt.want)
	}
	b.typeInto("ip", "::ffff:192.0.2.1")
	b.waitFieldContains("solicited-node-none", "IPv4-mapped")
	b.typeInto("ip", "192.168.1.42")
	b.waitField("canonical", "192.168.1.42")
	for _, f := range []string{"solicited-node", "multicast-mac", "eui64-mac", "solicited-node-none"} {
		if got := b.field(f); got != "" {
			t.Errorf("192.168.1.42 shows %s = %q", f, got)
		}
	}
	// The existing fields are all still there.
	b.typeInto("ip", "2001:db8::1")
	b.waitField("solicited-node", "ff02::1:ff00:1")
	for _, f := range []string{"canonical", "expanded", "version", "kind", "reachable", "reverse-dns", "registry-row"} {
		if got := b.field(f); got == "" {
			t.Errorf("2001:db8::1 lost data-field %s", f)
		}
	}
}

// TestToolboxSubnet: reverse zones and the nth address on the Subnet page.
func TestToolboxSubnet(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "subnet?net=192.0.2.0/25&nth=-2"))
	b.waitField("nth-address", "192.0.2.126")
	b.waitLive()
	want := map[string]string{
		"reverse-classless": "0/25.2.0.192.in-addr.arpa",
		"reverse-enclosing": "2.0.192.in-addr.arpa",
	}
	for f, w := range want {
		b.waitField(f, w)
	}
	if open := eval[bool](b, `document.querySelector('[data-field="reverse-records"]').closest('details').open`); open {
		t.Error("the CNAME records are not folded")
	}
	records := eval[string](b, `document.querySelector('[data-field="reverse-records"]').textContent`)
	if !strings.Contains(records, "1\tCNAME\t1.0/25.2.0.192.in-addr.arpa.") || strings.Count(records, "CNAME") != 32 {
		t.Errorf("records = %q; want 32 CNAMEs, 1 → 1.0/25.2.0.192.in-addr.arpa.", records)
	}

	b.typeInto("nth", "1000")
	b.waitFieldContains("nth-error", "outside 192.0.2.0/25")
	if got := queryParam(t, b, "nth"); got != "1000" {
		t.Errorf("URL nth = %q; want 1000", got)
	}
	b.typeInto("nth", "0x10")
	b.waitField("nth-address", "192.0.2.16")

	b.typeInto("net", "2001:db8::/50")
	b.waitField("reverse-zone", "0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")
	if n := eval[int](b, `document.querySelectorAll('[data-field="reverse-zone"]').length`); n != 4 {
		t.Errorf("a /50 lists %d reverse zones; want 4 /52s", n)
	}
	b.waitField("nth-address", "2001:db8::10")
	for _, tt := range []struct{ net, zone string }{
		{"0.0.0.0/0", "in-addr.arpa"},
		{"::/0", "ip6.arpa"},
		{"10.0.0.0/8", "10.in-addr.arpa"},
	} {
		b.typeInto("net", tt.net)
		b.waitField("reverse-zone", tt.zone)
	}
	b.typeInto("net", "10.0.0.7/32")
	b.waitField("reverse-classless", "7/32.0.0.10.in-addr.arpa")
	b.typeInto("net", "2001:db8::1/128")
	b.waitField("reverse-zone", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")
}

// TestToolboxPlanNextFree: the next free subnet of a pool.
func TestToolboxPlanNextFree(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "plan?mode=free&net=10.0.0.0/22&len=24&list=10.0.0.0/24%0A10.0.2.0/25"))
	b.waitPlanLive()
	b.waitField("next-free", "10.0.1.0/24")
	if got := b.field("free-subnets"); got != "2" {
		t.Errorf("free-subnets = %q; want 2", got)
	}
	if n := eval[int](b, `document.querySelectorAll('[data-field="free-row"]').length`); n != 3 {
		t.Errorf("%d free blocks; want 3 (10.0.1.0/24, 10.0.2.128/25, 10.0.3.0/24)", n)
	}
	b.typeList("10.0.0.0/23\n10.0.2.0/25")
	b.waitField("next-free", "10.0.3.0/24")
	if got := queryParam(t, b, "list"); got != "10.0.0.0/23\n10.0.2.0/25" {
		t.Errorf("URL list = %q", got)
	}
	b.typeInto("len", "23")
	b.waitField("next-free", "none")
	b.waitFieldContains("summary", "the largest free block is a /24")
	if got := queryParam(t, b, "len"); got != "23" {
		t.Errorf("URL len = %q; want 23", got)
	}
	b.typeInto("len", "8")
	b.waitFieldContains("len-error", "larger than the pool")

	// The tab opens on its example when the link says nothing else.
	b.do(chromedp.Navigate(s.URL + "plan"))
	b.waitPlanLive()
	b.do(chromedp.Click(chromedp.CSS(`#planui-tab-free`)))
	b.waitField("next-free", "10.0.3.0/24")
}

// TestToolboxAddressArithmetic: the address ± N and the distance to a
// second address, with their errors at the input that caused them.
func TestToolboxAddressArithmetic(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "addr?ip=192.168.1.42&add=10&to=192.168.2.1"))
	b.waitField("add-result", "192.168.1.52")
	b.waitField("distance", "215")
	if got := b.field("canonical"); got != "192.168.1.42" {
		t.Errorf("canonical = %q; the address's own answer is lost", got)
	}
	b.waitLive()
	b.waitField("add-result", "192.168.1.52")

	b.typeInto("add", "-43")
	b.waitField("add-result", "192.168.0.255")
	if got := queryParam(t, b, "add"); got != "-43" {
		t.Errorf("URL add = %q; want -43", got)
	}
	b.typeInto("to", "192.168.1.2")
	b.waitField("distance", "-40")
	if got := queryParam(t, b, "to"); got != "192.168.1.2" {
		t.Errorf("URL to = %q", got)
	}
	b.typeInto("to", "192.168.1.42")
	b.waitField("distance", "0")

	// Past either end of IPv4: an error under add, no wrapping around.
	b.typeInto("ip", "255.255.255.255")
	b.typeInto("add", "1")
	b.waitFieldContains("add-error", "passes the last address 255.255.255.255 of IPv4")
	if got := b.field("add-result"); got != "" {
		t.Errorf("255.255.255.255 + 1 = %q; want an error", got)
	}
	if got := b.field("error"); got != "" {
		t.Errorf("the address shows an error %q; the step's error belongs under add", got)
	}
	if inv := eval[string](b, `document.querySelector('input[name=add]').getAttribute('aria-invalid')`); inv != "true" {
		t.Errorf("add's aria-invalid = %q; want true", inv)
	}
	b.typeInto("ip", "0.0.0.0")
	b.typeInto("add", "-1")
	b.waitFieldContains("add-error", "passes the first address 0.0.0.0 of IPv4")
	b.typeInto("add", "1e3")
	b.waitFieldContains("add-error", `number "1e3"`)
	b.typeInto("to", "255.255.255.255")
	b.waitField("distance", "4294967295")

	// IPv4 and IPv6 have no distance between them.
	b.typeInto("to", "2001:db8::1")
	b.waitFieldContains("distance-error", "one family")
	b.typeInto("to", "10.0.0.256")
	b.waitFieldContains("distance-error", "10.0.0.256")

	// IPv6, exact to the last of 2^128 addresses.
	b.typeInto("ip", "2001:db8::1")
	b.typeInto("add", "0xffff")
	b.waitField("add-result", "2001:db8::1:0")
	b.typeInto("to", "2001:db8::1:0")
	b.waitField("distance", "65535")
	b.typeInto("ip", "::")
	b.typeInto("to", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
	b.waitField("distance", "340282366920938463463374607431768211455")
	b.typeInto("add", "-1")
	b.waitFieldContains("add-error", "passes the first address :: of IPv6")

	// A MAC address has no arithmetic; the page says so under each input.
	b.typeInto("ip", "34:56:78:9a:bc:de")
	b.waitFieldContains("add-error", "MAC address")
	b.waitFieldContains("distance-error", "MAC address")
	b.waitField("eui64-link-local", "fe80::3656:78ff:fe9a:bcde")

	// The link reopens all of it.
	b.do(chromedp.Navigate(s.URL + "addr?ip=10.0.0.255&add=%2B1&to=10.0.1.0"))
	b.waitLive()
	b.waitField("add-result", "10.0.1.0")
	b.waitField("distance", "1")
	if got := eval[string](b, `document.querySelector('input[name=add]').value`); got != "+1" {
		t.Errorf("add input = %q; want the link's +1", got)
	}
}

// TestToolboxSubnetRandom: a random address of the subnet, kept in the
// link, for every size of subnet.
func TestToolboxSubnetRandom(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "subnet?net=10.0.0.0/8"))
	b.waitLive()
	historyLength := eval[int](b, `history.length`)
	pick := func() string {
		t.Helper()
		before := b.field("random-addr")
		b.do(chromedp.Click(chromedp.CSS(`button[data-action="random-addr"]`)))
		got := queryParam(t, b, "pick")
		for i := 0; i < 400 && (got == "" || got == before); i++ {
			eval[bool](b, `new Promise(r => setTimeout(() => r(true), 50))`)
			got = queryParam(t, b, "pick")
		}
		b.waitField("random-addr", got)
		return got
	}
	first := pick()
	if !strings.HasPrefix(first, "10.") || len(strings.Split(first, ".")) != 4 {
		t.Fatalf("a random address of 10.0.0.0/8 = %q", first)
	}
	second := pick()
	if second == first {
		t.Errorf("two picks from 16,777,216 addresses gave %s twice", first)
	}
	if got := eval[int](b, `history.length`); got != historyLength+2 {
		t.Errorf("two picks made the history %d entries long; want %d", got, historyLength+2)
	}
	b.do(chromedp.NavigateBack())
	b.waitField("random-addr", first)
	b.do(chromedp.Reload())
	b.waitLive()
	b.waitField("random-addr", first)

	// A new subnet drops the pick made from the old one.
	b.typeInto("net", "10.0.0.7/32")
	b.waitField("network", "10.0.0.7")
	if got := b.field("random-addr"); got != "" {
		t.Errorf("the pick %q stays after the subnet changed", got)
	}
	if got := queryParam(t, b, "pick"); got != "" {
		t.Errorf("URL pick = %q after the subnet changed", got)
	}
	if got := pick(); got != "10.0.0.7" {
		t.Errorf("a random address of a /32 = %q", got)
	}
	b.typeInto("net", "10.0.0.6/31")
	b.waitField("network", "10.0.0.6")
	if got := pick(); got != "10.0.0.6" && got != "10.0.0.7" {
		t.Errorf("a random address of 10.0.0.6/31 = %q", got)
	}
	b.typeInto("net", "0.0.0.0/0")
	b.waitField("network", "0.0.0.0")
	if got := pick(); !ipv4Form.MatchString(got) {
		t.Errorf("a random address of 0.0.0.0/0 = %q", got)
	}
	b.typeInto("net", "2001:db8::/64")
	b.waitField("network", "2001:db8::")
	if got := pick(); !strings.HasPrefix(got, "2001:db8::") {
		t.Errorf("a random address of 2001:db8::/64 = %q", got)
	}
	b.typeInto("net", "::/0")
	b.waitField("network", "::")
	if got := pick(); !strings.Contains(got, ":") {
		t.Errorf("a random address of ::/0 = %q", got)
	}

	// A link whose pick is not in its subnet says so.
	b.do(chromedp.Navigate(s.URL + "subnet?net=192.168.1.0/24&pick=10.0.0.1"))
	b.waitFieldContains("random-addr-error", "10.0.0.1 is not in 192.168.1.0/24")
}

var ipv4Form = regexp.MustCompile(`^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$`)

// TestToolboxPractice: the toolbox topic on the practice page, answered.
func TestToolboxPractice(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	set := practiceSet(7, []practice.Topic{practice.TopicToolbox}, 3)
	b.do(chromedp.Navigate(s.URL + "practice?topics=toolbox&level=3&seed=7"))
	b.waitLive()
	b.waitField("total", "10")
	if on := eval[bool](b, `document.querySelector('input[type=checkbox][value="toolbox"]')?.checked ?? false`); !on {
		t.Errorf("the toolbox checkbox is not checked")
	}
	for n := 1; n <= 3; n++ {
		answerCurrent(t, b, set, n, "")
		b.waitFieldPrefix("feedback", "correct")
		if sol := b.field("solution"); !strings.Contains(sol, set.Questions[n-1].Answer) {
			t.Errorf("question %d: the solution %q does not show the answer", n, sol)
		}
		b.do(chromedp.KeyEvent("\r"))
	}
	q := answerCurrent(t, b, set, 4, "10.255.255.254")
	if got, want := b.waitFieldPrefix("feedback", "wrong"), q.Check("10.255.255.254").Message; got != want {
		t.Errorf("feedback = %q; want %q", got, want)
	}
}

var globalIDForm = regexp.MustCompile(`^[0-9a-f]{10}$`)

// TestToolboxPlanULA: a random unique local /48 that the link keeps, and
// one from a typed Global ID.
func TestToolboxPlanULA(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "plan?mode=ula"))
	b.waitPlanLive()
	prefix := b.waitFieldPrefix("ula-prefix", "fd")
	gid := queryParam(t, b, "gid")
	if !globalIDForm.MatchString(gid) || b.field("ula-global-id") != gid {
		t.Fatalf("URL gid = %q, ula-global-id = %q; want the same 10 hex digits", gid, b.field("ula-global-id"))
	}
	if !strings.HasSuffix(prefix, "::/48") {
		t.Errorf("ula-prefix = %q; want a /48", prefix)
	}
	historyLength := eval[int](b, `history.length`)

	// The link reopens the same /48.
	b.do(chromedp.Reload())
	b.waitPlanLive()
	b.waitField("ula-prefix", prefix)

	// A new ID is a deliberate step: back returns to the first one.
	b.do(chromedp.Click(chromedp.CSS(`button[data-action="new-gid"]`)))
	deadline := 0
	for queryParam(t, b, "gid") == gid && deadline < 200 {
		eval[bool](b, `new Promise(r => setTimeout(() => r(true), 50))`)
		deadline++
	}
	other := queryParam(t, b, "gid")
	if other == gid || !globalIDForm.MatchString(other) {
		t.Fatalf("a new Global ID %q; want another 10 hex digits than %q", other, gid)
	}
	// The /48 of fdXX:XXXX:XXXX::, as IPv6 writes it (a group's leading zeros go).
	b.waitField("ula-prefix", netip.MustParseAddr("fd"+other[:2]+":"+other[2:6]+":"+other[6:]+"::").String()+"/48")
	if got := eval[int](b, `history.length`); got != historyLength+1 {
		t.Errorf("a new ID made the history %d entries long; want %d", got, historyLength+1)
	}
	b.do(chromedp.NavigateBack())
	b.waitField("ula-prefix", prefix)

	b.do(chromedp.Navigate(s.URL + "plan?mode=ula&gid=123456789a&page=2"))
	b.waitPlanLive()
	b.waitField("ula-prefix", "fd12:3456:789a::/48")
	b.waitField("ula-first-subnet", "fd12:3456:789a::/64")
	b.waitFieldPrefix("page-info", "Page 2 of 1024")
	if got := eval[string](b, `document.querySelector('[data-field="ula-subnet"] [data-field="prefix"]').textContent`); got != "fd12:3456:789a:40::/64" {
		t.Errorf("first row of page 2 = %q; want fd12:3456:789a:40::/64", got)
	}
	b.typeInto("gid", "fd123456789a")
	b.waitFieldContains("gid-error", "10 digits after fd")
	b.typeInto("gid", "ab:cdef:0123")
	b.waitField("ula-prefix", "fdab:cdef:123::/48")
}

// TestToolboxFirstAnswerMatchesTheApp: the first-answer binary and the app
// show the toolbox's answers alike.
func TestToolboxFirstAnswerMatchesTheApp(t *testing.T) {
	t.Parallel()
	links := []string{
		"addr?ip=34-56-78-9a-bc-de",
		"addr?ip=33:33:ff:0e:8c:6c",
		"addr?ip=34:56:78:9a:bc",
		"addr?ip=fe80::3656:78ff:fe9a:bcde",
		"addr?ip=::1",
		"embed/addr?ip=3456.789a.bcde",
		"subnet?net=192.0.2.64/26&nth=-1",
		"subnet?net=2001:db8::/50&nth=0x10",
		"subnet?net=10.0.0.0/17&nth=99999",
		"addr?ip=192.168.1.42&add=-1&to=192.168.2.1",
		"addr?ip=255.255.255.255&add=1&to=::1",
		"addr?ip=2001:db8::1&add=0xffff&to=2001:db8::",
		"addr?ip=34:56:78:9a:bc:de&add=1",
		"subnet?net=2001:db8::/64&pick=2001:db8::8f2c:4e91:d07a:1b3c",
		"subnet?net=192.168.1.0/24&pick=10.0.0.1",
	}
	firstAnswerMatchesTheApp(t, links)
}

// TestToolboxAccessibility runs axe-core on the toolbox's answers, in light
// and dark.
func TestToolboxAccessibility(t *testing.T) {
	t.Parallel()
	if *axePath == "" {
		t.Skip("-axe not given")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	pages := []struct{ path, field, want string }{
		{"addr?ip=34:56:78:9a:bc:de", "eui64-link-local", "fe80::3656:78ff:fe9a:bcde"},
		{"addr?ip=33:33:ff:0e:8c:6c", "mac", "33:33:ff:0e:8c:6c"},
		{"addr?ip=fe80::3656:78ff:fe9a:bcde", "eui64-mac", "34:56:78:9a:bc:de"},
		{"addr?ip=224.0.0.251", "multicast-mac", "01:00:5e:00:00:fb"},
		{"subnet?net=192.0.2.0/25&nth=-2", "nth-address", "192.0.2.126"},
		{"subnet?net=2001:db8::/50&nth=x", "reverse-zone", "0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"addr?ip=192.168.1.42&add=10&to=192.168.2.1", "distance", "215"},
		{"addr?ip=255.255.255.255&add=1&to=::1", "add-error", `address "255.255.255.255": adding 1 passes the last address 255.255.255.255 of IPv4`},
		{"subnet?net=10.0.0.0/8&pick=10.1.2.3", "random-addr", "10.1.2.3"},
		{"plan?mode=free", "next-free", "10.0.3.0/24"},
		{"plan?mode=ula&gid=123456789a", "ula-prefix", "fd12:3456:789a::/48"},
	}
	s := siteServer(t)
	b := sharedTab(t)
	tour := b.stateTour(s.URL)
	for _, p := range pages {
		tour.open(p.path, p.field, p.want)
		b.auditThemes(t, axe, "/"+p.path)
	}
}
