//go:build browser

package e2e

import (
	"context"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// gate is a proxy in front of the real server that holds every request
// for a .wasm file while it is shut: the page as a slow network shows it
// before the app has started, for as long as a test needs. A gate starts
// shut; open lets the held requests and all later ones through, shut holds
// again, for the next page.
type gate struct {
	URL string

	mu       sync.Mutex
	released chan struct{}
}

func newGate(t *testing.T, upstream string) *gate {
	return newGateFor(t, upstream, ".wasm")
}

// newGateFor holds only the requests whose path contains held.
func newGateFor(t *testing.T, upstream, held string) *gate {
	t.Helper()
	target, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{released: make(chan struct{})}
	t.Cleanup(g.open)
	rp := httputil.NewSingleHostReverseProxy(target)
	srv := newLoopbackServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") && strings.Contains(r.URL.Path, held) {
			g.mu.Lock()
			released := g.released
			g.mu.Unlock()
			select {
			case <-released:
			case <-r.Context().Done():
				return
			}
		}
		rp.ServeHTTP(w, r)
	}))
	g.URL = srv + target.Path
	return g
}

// open lets every held request through, and every later one until shut.
func (g *gate) open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	select {
	case <-g.released:
	default:
		close(g.released)
	}
}

// shut holds the requests that come from now on.
func (g *gate) shut() {
	g.mu.Lock()
	defer g.mu.Unlock()
	select {
	case <-g.released:
		g.released = make(chan struct{})
	default:
	}
}

// firstVisitTab opens a tab of the shared browser context whose pages load
// as on a first visit: past the service worker and the HTTP cache, so
// that every request reaches the network (and a gate).
func firstVisitTab(t *testing.T) *browser {
	t.Helper()
	b := sharedContextTab(t)
	b.firstVisits(true)
	return b
}

// firstVisits makes every page the tab opens from now on a first visit
// (on), or lets it use the caches and the service worker again (off).
func (b *browser) firstVisits(on bool) {
	b.t.Helper()
	one := int64(1)
	b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{MaxTotalBufferSize: &one, MaxResourceBufferSize: &one}); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: on}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: on})
		return err
	}))
}

// newLoopbackServer serves h on an ephemeral loopback port for the test's
// duration and returns its URL, without a trailing slash.
func newLoopbackServer(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// recordVisible makes every page the browser opens record, at every frame
// and every change, the text of each visible element data-field=name, in
// window.__seen[name] (a test may empty window.__seen to start afresh).
func recordVisible(b *browser, names ...string) {
	b.t.Helper()
	script := fmt.Sprintf(`(() => {
		const names = %s;
		window.__seen = {};
		const look = () => {
			const seen = window.__seen;
			for (const n of names) {
				for (const el of document.querySelectorAll('[data-field="' + n + '"]')) {
					if (!el.checkVisibility()) continue;
					(seen[n] = seen[n] || new Set()).add(el.textContent);
				}
			}
		};
		const frame = () => { look(); requestAnimationFrame(frame); };
		requestAnimationFrame(frame);
		new MutationObserver(look).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
	})()`, jsStrings(names))
	b.onEveryPage(script)
}

// seen returns what recordVisible saw of data-field=name, sorted.
func seen(b *browser, name string) []string {
	b.t.Helper()
	got := eval[[]string](b, fmt.Sprintf(`[...((window.__seen || {})[%q] || [])]`, name))
	slices.Sort(got)
	return got
}

func jsStrings(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(q, ",") + "]"
}

// pendingState describes the page before the app has started: whether it
// says it is computing, which data-fields are visible, and the values of
// the inputs bound to the link.
type pendingState struct {
	Pending bool              `json:"pending"`
	Note    bool              `json:"note"`
	Visible []string          `json:"visible"`
	Inputs  map[string]string `json:"inputs"`
}

func readPending(b *browser) pendingState {
	b.t.Helper()
	b.do(chromedp.WaitReady(chromedp.CSS(`body`)))
	eval[bool](b, `new Promise(r => document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", () => r(true)) : r(true))`)
	return eval[pendingState](b, `(() => {
		const note = document.querySelector('.ng-pending-note');
		const inputs = {};
		for (const el of document.querySelectorAll('[data-link]')) {
			if (el.checkVisibility()) inputs[el.dataset.link] = el.value;
		}
		return {
			pending: document.documentElement.classList.contains('ng-pending'),
			note: !!note && note.checkVisibility(),
			visible: [...document.querySelectorAll('main [data-field]')].filter(el => el.checkVisibility()).map(el => el.dataset.field),
			inputs,
		};
	})()`)
}

// TestNoStaleAnswerWhileLoading opens links whose state is not the
// pre-rendered default while the wasm is held back: the page shows the
// link's own input and "computing", and no answer at all, until the app
// answers for the link itself.
func TestNoStaleAnswerWhileLoading(t *testing.T) {
	t.Parallel()
	g := newGate(t, siteServer(t).URL)
	tab := firstVisitTab(t) // every link's page a first visit, in one tab
	for _, tt := range []struct {
		path   string
		inputs map[string]string
	}{
		{"addr?ip=8.8.8.8", map[string]string{"ip": "8.8.8.8"}},
		{"embed/addr?ip=8.8.8.8", map[string]string{"ip": "8.8.8.8"}},
		{"subnet?net=10.0.0.0/8&host=10.1.2.3", map[string]string{"net": "10.0.0.0/8", "host": "10.1.2.3", "b": "", "gw": ""}},
		{"ports?q=53", map[string]string{"q": "53"}},
		{"plan?net=172.16.0.0/12&len=16", map[string]string{}},
		// A link of a preset alone shows the pre-rendered preset at once
		// (TestPresetLinksAnswerBeforeTheApp); at another step it waits.
		{"nat?preset=cgnat&step=2", map[string]string{}},
		{"bind?preset=address-in-use&step=3", map[string]string{}},
		{"k8s#s=1.x", map[string]string{}},
		{"practice?seed=7", map[string]string{}},
	} {
		t.Run(strings.ReplaceAll(tt.path, "/", "_"), func(t *testing.T) {
			g.shut()
			b := tab.in(t)
			b.do(chromedp.Navigate(g.URL + tt.path))
			got := readPending(b)
			if !got.Pending || !got.Note {
				t.Errorf("before the app runs: pending %v, note shown %v; want both", got.Pending, got.Note)
			}
			if len(got.Visible) != 0 {
				t.Errorf("before the app runs, answers are visible: %v", got.Visible)
			}
			for k, want := range tt.inputs {
				if got.Inputs[k] != want {
					t.Errorf("input %s = %q; want the link's %q", k, got.Inputs[k], want)
				}
			}
			g.open()
			b.waitLive()
			if note := eval[bool](b, `!!document.querySelector('.ng-pending-note')?.checkVisibility()`); note {
				t.Errorf("the app runs, yet the page still says it is computing")
			}
			if n := eval[int](b, `[...document.querySelectorAll('main [data-field]')].filter(el => el.checkVisibility()).length`); n == 0 {
				t.Errorf("the app runs, yet no answer is visible")
			}
		})
	}
}

// TestNeverTheDefaultsAnswer records every frame of opening a link: the
// pre-rendered default's answer is never visible, on a slow start or not.
func TestNeverTheDefaultsAnswer(t *testing.T) {
	t.Parallel()
	g := newGate(t, siteServer(t).URL)
	for _, tt := range []struct {
		path, field string
		want        string // the only value the field may ever show
	}{
		{"addr?ip=8.8.8.8", "canonical", "8.8.8.8"},
		{"addr?ip=8.8.8.8", "kind", "public"},
		{"subnet?net=10.0.0.0/8", "network", "10.0.0.0"},
		{"ports?q=53", "port", "53"},
		{"plan?net=172.16.0.0/12&len=16", "summary", "172.16.0.0/12 splits into 16 subnets of /16, each with 65536 addresses."},
	} {
		t.Run(tt.field+"_"+strings.ReplaceAll(tt.path, "/", "_"), func(t *testing.T) {
			g.shut()
			b := firstVisitTab(t)
			recordVisible(b, tt.field)
			b.do(chromedp.Navigate(g.URL + tt.path))
			readPending(b)
			g.open()
			b.waitField(tt.field, tt.want)
			b.waitLive()
			if got := seen(b, tt.field); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("data-field %s was shown as %q; want only %q", tt.field, got, tt.want)
			}
		})
	}

	// The NAT lab's presets: the default scenario's name is never shown.
	g.shut()
	b := firstVisitTab(t)
	recordVisible(b, "scenario-name")
	b.do(chromedp.Navigate(g.URL + "nat?preset=cgnat"))
	readPending(b)
	g.open()
	b.waitLive()
	final := b.waitFieldContains("scenario-name", "")
	if got := seen(b, "scenario-name"); len(got) != 1 || got[0] != final {
		t.Errorf("/nat?preset=cgnat showed scenario names %q; want only %q", got, final)
	}
	if strings.Contains(final, "home behind one public address") {
		t.Errorf("/nat?preset=cgnat names the default scenario: %q", final)
	}
}

// TestTypingBeforeTheAppStarts types into the pre-rendered page while the
// wasm is held back: the text goes into the link, and the app, once
// started, answers it with the caret still in the input.
func TestTypingBeforeTheAppStarts(t *testing.T) {
	t.Parallel()
	g := newGate(t, siteServer(t).URL)
	for _, tt := range []struct {
		path, input, text, field, want string
	}{
		{"addr", "ip", "1.1.1.1", "canonical", "1.1.1.1"},
		{"addr?ip=8.8.8.8", "ip", "2001:DB8::1", "canonical", "2001:db8::1"},
		{"subnet?net=10.0.0.0/8", "net", "172.16.5.4/12", "network", "172.16.0.0"},
		{"ports", "q", "443", "port", "443"},
		{"plan", "net", "172.16.0.0/12", "summary", "172.16.0.0/12 splits into 4096 subnets of /24, each with 256 addresses."},
	} {
		t.Run(tt.input+"_"+strings.ReplaceAll(tt.path, "?", "_"), func(t *testing.T) {
			g.shut()
			b := firstVisitTab(t)
			recordVisible(b, tt.field)
			b.do(chromedp.Navigate(g.URL + tt.path))
			readPending(b)
			sel := chromedp.CSS(fmt.Sprintf(`input[name=%q]`, tt.input))
			b.do(
				chromedp.Focus(sel),
				chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('input[name=%q]').select()`, tt.input)),
				chromedp.KeyEvent("\b"),
				chromedp.SendKeys(sel, tt.text),
			)
			u, err := url.Parse(b.location())
			if err != nil {
				t.Fatal(err)
			}
			if got := u.Query().Get(tt.input); got != tt.text {
				t.Errorf("before the app runs, the link's %s = %q; want the typed %q", tt.input, got, tt.text)
			}
			if st := readPending(b); len(st.Visible) != 0 {
				t.Errorf("after typing, before the app runs, answers are visible: %v", st.Visible)
			}
			eval[bool](b, `(window.__seen = {}, true)`) // from here on, only the typed value's answer
			g.open()
			b.waitField(tt.field, tt.want)
			b.waitLive()
			if got := eval[string](b, fmt.Sprintf(`document.querySelector('input[name=%q]').value`, tt.input)); got != tt.text {
				t.Errorf("the app's input holds %q; want the typed %q", got, tt.text)
			}
			if got := eval[string](b, `document.activeElement && document.activeElement.name || ""`); got != tt.input {
				t.Errorf("focus is on %q after the app started; want the input %q", got, tt.input)
			}
			if got := seen(b, tt.field); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("data-field %s was shown as %q; want only %q", tt.field, got, tt.want)
			}
		})
	}
}

// TestPlanFirstAnswerInputs: the Plan page's first answer shows the link's
// inputs when they belong to the pre-rendered tab, with what the link left
// out filled as the app fills it, and no other tab's inputs; what is typed
// then is answered at once and kept when the app takes over.
func TestPlanFirstAnswerInputs(t *testing.T) {
	t.Parallel()
	g := newGateFor(t, siteServer(t).URL, "/web/app.")
	for _, tt := range []struct {
		link   string
		inputs map[string]string // the visible inputs, by data-link key
	}{
		{"plan?net=172.16.0.0/12&len=16", map[string]string{"net": "172.16.0.0/12", "len": "16", "parts": ""}},
		{"plan?net=10.0.0.0/8&parts=3", map[string]string{"net": "10.0.0.0/8", "len": "", "parts": "3"}},
		{"plan?net=10.0.0.0/8", map[string]string{"net": "10.0.0.0/8", "len": "24", "parts": ""}},
		{"plan?mode=summarize&list=10.0.0.0/24%0A10.0.1.0/24", map[string]string{}},
	} {
		t.Run(strings.NewReplacer("/", "_", "?", "_").Replace(tt.link), func(t *testing.T) {
			g.shut()
			b := firstVisitTab(t)
			b.do(chromedp.Navigate(g.URL + tt.link))
			b.do(chromedp.WaitReady(chromedp.CSS(`html.ng-answered`)))
			if got := readPending(b).Inputs; !maps.Equal(got, tt.inputs) {
				t.Errorf("the first answer shows the inputs %v; want %v", got, tt.inputs)
			}
			g.open()
			b.waitLive()
			for k, want := range tt.inputs {
				if got := eval[string](b, fmt.Sprintf(`document.querySelector('[data-link=%q]').value`, k)); got != want {
					t.Errorf("the app's input %s = %q; want %q as the first answer showed", k, got, want)
				}
			}
		})
	}

	// Typed while only the first answer runs: answered by it, then by the app.
	g.shut()
	b := firstVisitTab(t)
	recordVisible(b, "summary")
	b.do(chromedp.Navigate(g.URL + "plan?net=10.0.0.0/8&len=16"))
	b.do(chromedp.WaitReady(chromedp.CSS(`html.ng-answered`)))
	b.waitField("summary", "10.0.0.0/8 splits into 256 subnets of /16, each with 65536 addresses.")
	sel := chromedp.CSS(`input[name="len"]`)
	b.do(
		chromedp.Focus(sel),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name="len"]').select()`),
		chromedp.SendKeys(sel, "12"),
	)
	want := "10.0.0.0/8 splits into 16 subnets of /12, each with 1048576 addresses."
	b.waitField("summary", want)
	g.open()
	b.waitLive()
	b.waitField("summary", want)
	if got := eval[string](b, `document.querySelector('input[name="len"]').value`); got != "12" {
		t.Errorf("the app's length input holds %q; want the typed 12", got)
	}
}

// regionFields returns, for each answer region of the page (ids), its
// data-fields in order and its HTML.
func regionFields(b *browser, ids []string) map[string]string {
	b.t.Helper()
	return eval[map[string]string](b, fmt.Sprintf(`(() => {
		const out = {};
		for (const id of %s) {
			const el = document.getElementById(id);
			if (!el) { out[id] = "\n---\n"; continue; } // no region: no answer, as an empty one
			const fields = [...el.querySelectorAll('[data-field]')].map(f => f.dataset.field + "=" + f.textContent);
			out[id] = fields.join("\n") + "\n---\n" + el.innerHTML;
		}
		return out;
	})()`, jsStrings(ids)))
}

// TestFirstAnswerMatchesTheApp: the first-answer binary and the app answer
// links of the simple widgets alike.
func TestFirstAnswerMatchesTheApp(t *testing.T) {
	t.Parallel()
	links := []string{
		"addr?ip=8.8.8.8",
		"addr?ip=::ffff:192.0.2.1",
		"addr?ip=2001:0:4136:e378:8000:63bf:3fff:fdd2",
		"addr?ip=fe80::1%25eth0",
		"addr?ip=224.0.0.251",
		"addr?ip=not-an-address",
		"addr?ip=0.0.0.0&zzz=1",
		"embed/addr?ip=127.0.0.1",
		"subnet?net=10.0.0.0/31",
		"subnet?net=10.0.0.7/32",
		"subnet?net=0.0.0.0/0",
		"subnet?net=2001:db8::/64",
		"subnet?net=10.0.0.0/8&host=10.1.2.3&b=10.200.0.1&gw=10.0.0.1&cloud=aws",
		"subnet?net=192.168.1.10%20255.255.255.0",
		"subnet?net=300.1.1.1/24",
		"ports?q=0",
		"ports?q=65535",
		"ports?q=postgres",
		"ports?q=[::1]:8080",
		"ports?q=https://example.com/x",
		"ports?q=65536",
		"embed/ports?q=53",
		"plan?net=172.16.0.0/12&len=16",
		"plan?net=10.0.0.7/32&len=32",
		"plan?net=0.0.0.0/0&len=1",
		"plan?net=2001:db8::/32&len=64&page=3",
		"plan?mode=summarize&list=10.0.0.0/24%0A10.0.1.0/24%0A2001:db8::/33%0A2001:db8:8000::/33",
		"plan?mode=vlsm&net=10.0.0.0/24&list=office%3D50%0Alab%3D20",
		"plan?mode=overlap&list=a%3D10.0.0.0/8%0Ab%3D10.1.0.0/16",
		"plan?mode=tree&net=10.0.0.0/24&tree=25x2&names=web,db",
		"plan?mode=ula&gid=8f2c4e91d0",
		"plan?net=300.0.0.0/8",
		"plan?net=10.0.0.0/8&len=zz",
		"embed/plan?net=10.0.0.0/8&parts=4",
	}
	firstAnswerMatchesTheApp(t, links)
}

// firstAnswerMatchesTheApp opens each link with the app held back, so the
// first-answer binary answers it, then lets the app take over: every region
// the first answer filled holds the same fields and the same HTML on both
// paths.
func firstAnswerMatchesTheApp(t *testing.T, links []string) {
	t.Helper()
	s := siteServer(t)
	waitRegistry := `new Promise(r => { const f = () => document.querySelector('[data-field="registry-loading"]') ? setTimeout(f, 20) : r(true); f(); })`
	// One tab opens every link: a new tab would cost more than the page.
	tab := heldAppTab(t)
	for _, link := range links {
		t.Run(strings.NewReplacer("/", "_", "?", "_").Replace(link), func(t *testing.T) {
			b := tab.in(t)
			b.do(chromedp.Navigate(s.URL + link))
			b.do(chromedp.WaitReady(chromedp.CSS(`html.ng-answered`)))
			if strings.HasPrefix(link, "ports") || strings.HasPrefix(link, "embed/ports") {
				// The first answer comes before the service registry; wait for it.
				eval[bool](b, waitRegistry)
			}
			b.checkAppHeld()
			ids := eval[[]string](b, `[...document.querySelectorAll('[data-answered]')].map(el => el.id)`)
			if len(ids) == 0 {
				t.Fatal("the first-answer binary answered no region")
			}
			if st := readPending(b); len(st.Visible) == 0 && !strings.Contains(link, "not-an") && !strings.Contains(link, "300.") && !strings.Contains(link, "65536") {
				t.Errorf("the first answer shows no field")
			}
			first := regionFields(b, ids)
			b.releaseApp()
			b.waitLive()
			eval[bool](b, waitRegistry)
			app := regionFields(b, ids)
			for _, id := range ids {
				if first[id] != app[id] {
					t.Errorf("region %s differs:\nfirst answer:\n%s\n\napp:\n%s", id, first[id], app[id])
				}
			}
		})
	}
}

// holdAppJS holds the app of every page back until the test calls
// releaseApp, where the page itself holds it: app.js starts the app once
// window.netgroundFirstAnswer, which boot.js sets, settles.
const holdAppJS = `(() => {
	let release;
	const hold = new Promise(r => { release = r; });
	window.__netgroundReleaseApp = () => release();
	let answer;
	Object.defineProperty(window, "netgroundFirstAnswer", {
		configurable: true,
		get() { return answer; },
		set(p) { answer = Promise.all([p, hold]).then(() => undefined); },
	});
})()`

// heldAppTab returns a tab of a returning visitor (the shared browser
// context, with its service worker and caches) whose pages start the app
// only when the test calls releaseApp: until then the first answer alone
// is on the page, as while a slow network brings the app. Its pages cost a
// fraction of a first visit's; the tests of the first visit itself (the
// downloads' order, typing before the app) use firstVisitTab and a gate.
func heldAppTab(t *testing.T) *browser {
	t.Helper()
	b := sharedContextTab(t)
	b.onEveryPage(holdAppJS)
	return b
}

// checkAppHeld fails the test if the page's app has started: a first
// answer compared with the app's would then be the app's own.
func (b *browser) checkAppHeld() {
	b.t.Helper()
	if eval[bool](b, `!!document.querySelector('[data-live="true"]') || typeof window.__netgroundReleaseApp !== "function"`) {
		b.t.Fatal("the app started although it was held back")
	}
}

// releaseApp lets the page's held app start (see heldAppTab).
func (b *browser) releaseApp() {
	b.t.Helper()
	eval[bool](b, `(window.__netgroundReleaseApp(), true)`)
}

// TestTakeoverKeepsTheAnswer watches every change to the page while the app
// takes over from the first answer: each region the first answer filled
// only ever holds the first answer or the app's (which differ only where
// the app has more, such as the service registry), never anything else,
// not even for the frame between go-app mounting its page and drawing what
// it computed.
func TestTakeoverKeepsTheAnswer(t *testing.T) {
	t.Parallel()
	g := newGateFor(t, siteServer(t).URL, "/web/app.")
	tab := firstVisitTab(t)
	for _, link := range []string{
		"addr?ip=8.8.8.8",
		"subnet?net=10.0.0.0/8",
		"ports?q=53",
		"plan?net=172.16.0.0/12&len=16",
		"embed/subnet?net=2001:db8::/48",
		"practice?seed=7&topics=subnet",
	} {
		t.Run(strings.NewReplacer("/", "_", "?", "_").Replace(link), func(t *testing.T) {
			g.shut()
			b := tab.in(t)
			b.do(chromedp.Navigate(g.URL + link))
			b.do(chromedp.WaitReady(chromedp.CSS(`html.ng-answered`)))
			ids := eval[[]string](b, `(() => {
				const ids = [...document.querySelectorAll('[data-answered]')].map(el => el.id);
				const html = id => document.getElementById(id)?.innerHTML ?? "(no region)";
				window.__first = Object.fromEntries(ids.map(id => [id, html(id)]));
				window.__held = Object.fromEntries(ids.map(id => [id, new Set()]));
				const look = () => { for (const id of ids) window.__held[id].add(html(id)); };
				new MutationObserver(look).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
				const frame = () => { look(); requestAnimationFrame(frame); };
				requestAnimationFrame(frame);
				return ids;
			})()`)
			if len(ids) == 0 {
				t.Fatal("the first-answer binary answered no region")
			}
			g.open()
			b.waitLive()
			// The frames after the app's first render, where what OnNav
			// computed is drawn.
			eval[bool](b, `new Promise(r => { let n = 0; const f = () => ++n >= 10 ? r(true) : requestAnimationFrame(f); requestAnimationFrame(f); })`)
			others := eval[map[string][]string](b, `(() => {
				const out = {};
				for (const [id, held] of Object.entries(window.__held)) {
					const now = document.getElementById(id)?.innerHTML ?? "(no region)";
					const other = [...held].filter(v => v !== window.__first[id] && v !== now);
					if (other.length) out[id] = other.map(v => v === "" ? "(empty)" : v.slice(0, 200));
				}
				return out;
			})()`)
			for id, held := range others {
				t.Errorf("region %s held, between the first answer and the app's, %q", id, held)
			}
		})
	}
}

// TestFirstAnswerAnswersTyping types while only the first-answer binary
// runs (the app is held back): every keystroke is answered at once, and
// the app, once started, answers the same.
func TestFirstAnswerAnswersTyping(t *testing.T) {
	t.Parallel()
	g := newGateFor(t, siteServer(t).URL, "/web/app.")
	b := firstVisitTab(t)
	b.do(chromedp.Navigate(g.URL + "subnet?net=10.0.0.0/8"))
	b.do(chromedp.WaitReady(chromedp.CSS(`html.ng-answered`)))
	sel := chromedp.CSS(`input[name="net"]`)
	b.do(
		chromedp.Focus(sel),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name="net"]').select()`),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(sel, "172.16.5.4/12"),
	)
	b.waitField("network", "172.16.0.0")
	if live := eval[bool](b, `!!document.querySelector('[data-live="true"]')`); live {
		t.Fatal("the app started although it was held back")
	}
	if vis := eval[bool](b, `document.querySelector('[data-field="network"]').checkVisibility()`); !vis {
		t.Error("the first answer to typing is not visible")
	}
	if got := eval[string](b, `new URL(location.href).searchParams.get("net")`); got != "172.16.5.4/12" {
		t.Errorf("link net = %q; want the typed text", got)
	}
	b.typeIntoPrerendered("net", "2001:db8::/48")
	b.waitField("total-addresses", "1,208,925,819,614,629,174,706,176 (2^80)")
	g.open()
	b.waitLive()
	b.waitField("network", "2001:db8::")
	if got := eval[string](b, `document.activeElement && document.activeElement.name || ""`); got != "net" {
		t.Errorf("focus is on %q after the app started; want the input net", got)
	}
}

// typeIntoPrerendered replaces the value of the input named name, key by
// key, without waiting for the app.
func (b *browser) typeIntoPrerendered(name, text string) {
	b.t.Helper()
	sel := chromedp.CSS(fmt.Sprintf(`input[name=%q]`, name))
	b.do(
		chromedp.Focus(sel),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('input[name=%q]').select()`, name)),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(sel, text),
	)
}
