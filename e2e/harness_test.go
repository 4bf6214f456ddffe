//go:build browser

// Package e2e drives the real bundle, behind the real server, in headless
// Chromium: the way people meet Netground.
package e2e

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

var (
	distDir    = flag.String("dist", "", "the generated bundle, served at /")
	subDistDir = flag.String("subdist", "", "the bundle generated for the sub-path /netground/")
	serverBin  string
)

func TestMain(m *testing.M) {
	flag.Parse()
	if *distDir == "" {
		fmt.Fprintln(os.Stderr, "e2e: -dist is required; run the browser tests with make test")
		os.Exit(2)
	}
	tmp, err := os.MkdirTemp("", "netground-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	serverBin = filepath.Join(tmp, "server")
	// -trimpath, as the Makefile builds: the packages make test compiled serve this build too.
	build := exec.Command("go", "build", "-trimpath", "-o", serverBin, "../server")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building the server:", err)
		os.Exit(2)
	}
	code := m.Run()
	for _, s := range sites.servers {
		s.stop()
	}
	if chromium.cancel != nil {
		chromium.cancel()
	}
	os.RemoveAll(tmp)
	os.Exit(code)
}

// server is the real Netground server, started as a process on an
// ephemeral loopback port.
type server struct {
	URL    string // with the base, ending in "/"
	origin string // http://127.0.0.1:port
	cmd    *exec.Cmd
}

var listening = regexp.MustCompile(`Netground is at ((http://127\.0\.0\.1:\d+)/\S*)`)

// startServer starts a server of the test's own, stopped when the test
// ends: for a test that stops it, or that needs an origin no other test
// has touched. The others share one with siteServer.
func startServer(t *testing.T, dir, base string) *server {
	t.Helper()
	s, err := launchServer(dir, base)
	if s != nil {
		t.Cleanup(s.stop)
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func launchServer(dir, base string) (*server, error) {
	cmd := exec.Command(serverBin, "-addr", "127.0.0.1:0", "-dir", dir, "-base", base)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if m := listening.FindStringSubmatch(lines.Text()); m != nil {
			s.URL, s.origin = m[1], m[2]
			break
		}
	}
	if s.URL == "" {
		return s, fmt.Errorf("the server of %s did not say where it listens", dir)
	}
	go func() {
		for lines.Scan() {
		}
	}()
	return s, nil
}

// sites holds the servers the package's tests share, one per bundle: one
// origin, so that the tabs of sharedTab find the service worker and the
// caches the earlier tests left.
var sites struct {
	mu      sync.Mutex
	servers map[string]*server
}

// siteServer returns the package's server of the bundle at -dist, served
// at /, starting it on first use. A test must not stop it.
func siteServer(t *testing.T) *server {
	t.Helper()
	return siteServerOf(t, *distDir, "/")
}

func siteServerOf(t *testing.T, dir, base string) *server {
	t.Helper()
	sites.mu.Lock()
	defer sites.mu.Unlock()
	key := base + " " + dir
	if s := sites.servers[key]; s != nil {
		return s
	}
	s, err := launchServer(dir, base)
	if err != nil {
		if s != nil {
			s.stop()
		}
		t.Fatal(err)
	}
	if sites.servers == nil {
		sites.servers = map[string]*server{}
	}
	sites.servers[key] = s
	return s
}

// stop ends the server the way a person does, with SIGTERM, and waits.
func (s *server) stop() {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// browser is a tab of its own browser context in the shared Chromium:
// fresh storage, cache and service workers, as a new profile has. Every
// console error and uncaught exception of its pages fails the test.
type browser struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string
}

// chromium is the one Chromium the tests share; each test gets a browser
// context of its own in it (newBrowser), which is much cheaper than a
// Chromium of its own. Tests that need a profile on disk start their own.
var chromium struct {
	once   sync.Once
	ctx    context.Context
	cancel func()
	err    error
}

// chromiumOptions are the flags Chromium runs with here: headless, and
// nothing that reaches for the network on its own.
func chromiumOptions(t *testing.T, profile string) []chromedp.ExecAllocatorOption {
	path := os.Getenv("NETGROUND_CHROMIUM")
	if path == "" {
		var err error
		if path, err = exec.LookPath("chromium"); err != nil {
			t.Fatal("no Chromium: install it (apt-get install chromium) or run make test, which does")
		}
	}
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// A test may drive two tabs at once; the one not in front must
		// not be slowed down as a hidden tab is.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.WindowSize(1280, 900),
	}
}

func sharedChromium(t *testing.T) context.Context {
	t.Helper()
	chromium.once.Do(func() {
		profile, err := os.MkdirTemp("", "netground-chromium")
		if err != nil {
			chromium.err = err
			return
		}
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(t, profile)...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		chromium.ctx = ctx
		chromium.cancel = func() {
			cancel()
			cancelAlloc()
			os.RemoveAll(profile)
		}
		chromium.err = chromedp.Do(ctx)
	})
	if chromium.err != nil {
		t.Fatalf("starting Chromium: %v", chromium.err)
	}
	return chromium.ctx
}

// newBrowser opens a tab in a browser context of its own: a first visit,
// with storage no other test sees.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	return openTab(t, sharedChromium(t), chromedp.WithNewBrowserContext())
}

// visited is the browser context that tests without storage share: its
// service worker and caches are those of a returning visitor, so a page
// opens without a first visit's downloads and installs. Only tests that
// neither read nor write storage (the library, progress) may use it. Its
// first tab is lent to one test at a time: the renderer that has run the
// app before starts it again several times faster than a new one.
var visited struct {
	once sync.Once
	ctx  context.Context // the first tab
	err  error

	mu   sync.Mutex
	lent bool
}

// sharedTab returns a tab in the shared browser context, for pages of
// siteServer: a returning visitor's browser. The first call of a test
// borrows the context's first tab, if no other test has it; the others
// open tabs of their own.
func sharedTab(t *testing.T) *browser {
	t.Helper()
	visitedContext(t)
	visited.mu.Lock()
	if visited.lent {
		visited.mu.Unlock()
		return openTab(t, visited.ctx)
	}
	visited.lent = true
	visited.mu.Unlock()

	ctx, cancel := context.WithCancel(visited.ctx)
	b := &browser{t: t, ctx: ctx}
	// A history of its own: the tests count its entries, and Chromium
	// keeps at most 50. In front of its window, where an earlier test's
	// tab may have been: a hidden tab paints no frames.
	b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, page.BringToFront, cdp.Empty{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, page.ResetNavigationHistory, cdp.Empty{})
		return err
	}))
	t.Cleanup(func() {
		cancel()
		// The next test finds the tab as a new one is: no emulated device.
		reset, cancelReset := context.WithTimeout(visited.ctx, 20*time.Second)
		defer cancelReset()
		if err := chromedp.Do(reset, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			if _, err := chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
				return err
			}
			_, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{})
			return err
		})); err != nil {
			t.Errorf("resetting the shared tab: %v", err)
		}
		visited.mu.Lock()
		visited.lent = false
		visited.mu.Unlock()
		b.report()
	})
	b.watchConsole(ctx)
	return b
}

// sharedContextTab opens a tab of its own in the shared browser context,
// in front of the context's window: a tab costs the browser far less than
// a window (about 0.7 against 2.5 s of CPU here).
func sharedContextTab(t *testing.T) *browser {
	t.Helper()
	return openTab(t, visitedContext(t), chromedp.WithNewWindow(false))
}

// visitedContext returns the shared browser context's first tab, opening
// it on first use.
func visitedContext(t *testing.T) context.Context {
	t.Helper()
	parent := sharedChromium(t) // fails every test that asks while Chromium cannot start
	visited.once.Do(func() { visited.ctx, visited.err = newContextTab(parent) })
	if visited.err != nil {
		t.Fatalf("opening the shared browser context: %v", visited.err)
	}
	return visited.ctx
}

// newContextTab opens the first tab of a new browser context in parent,
// the shared Chromium, with the Network domain off (quietNetwork).
func newContextTab(parent context.Context) (context.Context, error) {
	ctx, _ := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		return ctx, err
	}
	_, err := chromedp.Call(ctx, network.Disable, cdp.Empty{})
	return ctx, err
}

// kept is the browser context of the tests that read or write storage (the
// library, the course's and the practice's progress). Like visited, it is a
// returning visitor's: its service worker and caches stay from test to test,
// so a page opens without a first visit's downloads and installs. Its
// storage does not: storageTab empties it before each test, which then
// starts as in a new profile. One test holds it at a time.
var kept struct {
	once sync.Once
	ctx  context.Context // the first tab, kept open for the context's window
	err  error
	mu   sync.Mutex // held by the test that has the context
}

// storageTab returns a tab in the kept context, with the storage of every
// shared site emptied: no saved scenario, no progress. The test holds the
// context until it ends; tabs it opens from the returned one (chromedp.NewContext
// of b.ctx) share its storage. A test of a first visit uses newBrowser.
func storageTab(t *testing.T) *browser {
	t.Helper()
	parent := sharedChromium(t)
	kept.once.Do(func() { kept.ctx, kept.err = newContextTab(parent) })
	if kept.err != nil {
		t.Fatalf("opening the browser context of the storage tests: %v", kept.err)
	}
	kept.mu.Lock()
	t.Cleanup(kept.mu.Unlock) // registered first: runs after the tab is closed
	b := openTab(t, kept.ctx, chromedp.WithNewWindow(false))
	sites.mu.Lock()
	var origins []string
	for _, s := range sites.servers {
		origins = append(origins, s.origin)
	}
	sites.mu.Unlock()
	b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for _, origin := range origins {
			if _, err := chromedp.Call(ctx, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{
				Origin: origin, StorageTypes: "indexeddb,local_storage",
			}); err != nil {
				return fmt.Errorf("emptying the storage of %s: %w", origin, err)
			}
		}
		return nil
	}))
	return b
}

func openTab(t *testing.T, parent context.Context, opts ...chromedp.ContextOption) *browser {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, opts...)
	b := &browser{t: t, ctx: ctx}
	t.Cleanup(func() {
		cancel()
		b.report()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	quietNetwork(t, ctx)
	b.watchConsole(ctx)
	return b
}

// onEveryPage runs script in every page the tab opens from now on, before
// the page's own scripts, and returns its identifier, which
// Page.removeScriptToEvaluateOnNewDocument takes.
func (b *browser) onEveryPage(script string) page.ScriptIdentifier {
	b.t.Helper()
	var id page.ScriptIdentifier
	b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		res, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		if err == nil {
			id = res.Identifier
		}
		return err
	}))
	return id
}

// forgetOnEveryPage stops running the script of onEveryPage with the given
// identifier in the pages the tab opens next.
func (b *browser) forgetOnEveryPage(id page.ScriptIdentifier) {
	b.t.Helper()
	b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: id})
		return err
	}))
}

// quietNetwork turns off the protocol's Network domain, which chromedp turns
// on for every tab: no test reads its events, and with it on the renderer
// keeps a copy of every response body for the inspector, 14 MB of app.wasm
// on each load. A test that wants network events (bench) enables it again.
func quietNetwork(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.Disable, cdp.Empty{}); err != nil {
		t.Fatalf("turning off network events: %v", err)
	}
}

// report fails the test with the console errors its pages logged.
func (b *browser) report() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("browser console: %s", p)
	}
}

// watchConsole records the console errors and exceptions of the tab of ctx.
func (b *browser) watchConsole(ctx context.Context) {
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				if staleFavicon(m.URL, m.String()) {
					continue
				}
				b.mu.Lock()
				b.problems = append(b.problems, fmt.Sprintf("%s (%s:%d)", m.String(), m.URL, m.Line+1))
				b.mu.Unlock()
			}
		}
	}()
}

// staleFavicon reports whether a console error is Chromium's late request
// for /favicon.ico of a page an earlier test opened in a shared tab, on a
// server of that test which has stopped since. No page of the site asks
// for /favicon.ico (they name their icons), and a request that reaches a
// server is still reported: a 404 is no refused connection.
func staleFavicon(url, text string) bool {
	return strings.HasSuffix(url, "/favicon.ico") && strings.Contains(text, "net::ERR_CONNECTION_REFUSED")
}

// in returns the tab for a subtest of the test that opened it: what fails
// in it fails the subtest; its console errors fail the test.
func (b *browser) in(t *testing.T) *browser { return &browser{t: t, ctx: b.ctx} }

// do runs actions with a deadline, failing the test on error.
func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// eval evaluates a JavaScript expression.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// field returns the text of the element with data-field=name, or "" when
// there is none.
func (b *browser) field(name string) string {
	b.t.Helper()
	return eval[string](b, fieldJS(name))
}

// fieldJS is a JavaScript expression for the text of the element with
// data-field=name, or "" when there is none.
func fieldJS(name string) string {
	return fmt.Sprintf(`(document.querySelector('[data-field=%q]') || {textContent: ""}).textContent`, name)
}

// waitField waits until data-field=name holds want, which is how a test
// knows the wasm has computed: the pre-rendered page holds another value.
func (b *browser) waitField(name, want string) {
	b.t.Helper()
	if got, ok := b.waitFieldText(name, want, `got === want`); !ok {
		b.t.Fatalf("data-field %q = %q; want %q", name, got, want)
	}
}

// waitFieldPrefix waits until data-field=name starts with prefix.
func (b *browser) waitFieldPrefix(name, prefix string) string {
	b.t.Helper()
	got, ok := b.waitFieldText(name, prefix, `got.startsWith(want)`)
	if !ok {
		b.t.Fatalf("data-field %q = %q; want it to start with %q", name, got, prefix)
	}
	return got
}

// waitFieldContains waits until data-field=name contains substr.
func (b *browser) waitFieldContains(name, substr string) string {
	b.t.Helper()
	got, ok := b.waitFieldText(name, substr, `got.includes(want)`)
	if !ok {
		b.t.Fatalf("data-field %q = %q; want it to contain %q", name, got, substr)
	}
	return got
}

// waitFieldText waits, for up to a minute, until match (a JavaScript
// expression of got, the text of data-field=name, and want) holds, and
// returns the text it last read.
func (b *browser) waitFieldText(name, want, match string) (string, bool) {
	b.t.Helper()
	r := b.waitUntil(fmt.Sprintf(`() => { const got = %s, want = %q; return {got, ok: %s}; }`, fieldJS(name), want, match))
	return r.Got, r.OK
}

// waitUntilJS calls read, a JavaScript function of no arguments that
// returns {ok, got}, in the page at once and again after each change to the
// document (and every 20 ms, for what changes no node, as an input's
// value), until it returns ok or max milliseconds have passed; it returns
// read's last result. The waiting is the page's own: no round trip to the
// test per look, no sleep between looks.
const waitUntilJS = `((read, max) => new Promise(resolve => {
	let last;
	const look = () => { try { last = read(); } catch (e) { last = {ok: false, got: String(e)}; } return last.ok; };
	if (look()) return resolve(last);
	const done = () => { observer.disconnect(); clearInterval(every); clearTimeout(stop); resolve(last); };
	const observer = new MutationObserver(() => { if (look()) done(); });
	observer.observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
	const every = setInterval(() => { if (look()) done(); }, 20);
	const stop = setTimeout(() => { look(); done(); }, max);
}))`

// pageWait is what a read of waitUntilJS returns: whether the wait is
// over, and what it last saw.
type pageWait struct {
	OK  bool   `json:"ok"`
	Got string `json:"got"`
}

// waitUntil evaluates read (see waitUntilJS) until it returns ok, for up
// to a minute, and returns its last result. A page that goes away
// meanwhile (a navigation) is waited on again in its successor.
func (b *browser) waitUntil(read string) pageWait {
	b.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var r pageWait
	var err error
	for time.Now().Before(deadline) && b.ctx.Err() == nil {
		ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		r, err = chromedp.Run(ctx, chromedp.Evaluate[pageWait](waitUntilJS+`(`+read+`, 1000)`, chromedp.EvalAwaitPromise))
		cancel()
		if err == nil && r.OK {
			return r
		}
		if err != nil {
			time.Sleep(20 * time.Millisecond) // the next page is on its way
		}
	}
	if err != nil {
		b.t.Fatalf("waiting in the page: %v", err)
	}
	return r
}

// location returns the page's current URL.
func (b *browser) location() string {
	b.t.Helper()
	return eval[string](b, `location.href`)
}

// waitLive waits until the app has started and rendered the page: the
// pre-rendered page is readable before, and only its link-bound inputs
// (data-link) take typing.
func (b *browser) waitLive() {
	b.t.Helper()
	if !b.waitUntil(`() => ({ok: !!document.querySelector('[data-live="true"]')})`).OK {
		b.t.Fatal("the app did not start within a minute")
	}
}

// typeInto replaces the value of the input named name with text, as a
// paste does: one edit, one input event.
func (b *browser) typeInto(name, text string) {
	b.t.Helper()
	b.selectInput(name)
	if text == "" {
		b.do(chromedp.KeyEvent("\b"))
		return
	}
	b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text})
		return err
	}))
}

// typeKeys replaces the value of the input named name, key by key, as a
// person types: an input event for every character.
func (b *browser) typeKeys(name, text string) {
	b.t.Helper()
	sel := b.selectInput(name)
	b.do(chromedp.KeyEvent("\b"), chromedp.SendKeys(sel, text))
}

// appendKeys types text key by key at the end of the input named name.
func (b *browser) appendKeys(name, text string) {
	b.t.Helper()
	sel := fmt.Sprintf(`input[name=%q]`, name)
	eval[bool](b, fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.focus(); el.setSelectionRange(el.value.length, el.value.length); return true })()`, sel))
	b.do(chromedp.SendKeys(chromedp.CSS(sel), text))
}

// selectInput waits until the app runs, then focuses the input named name
// and selects its text, which the next edit replaces.
func (b *browser) selectInput(name string) chromedp.CSS {
	b.t.Helper()
	b.waitLive()
	sel := chromedp.CSS(fmt.Sprintf(`input[name=%q]`, name))
	b.do(
		chromedp.WaitVisible(sel),
		chromedp.Focus(sel),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('input[name=%q]').select()`, name)),
	)
	return sel
}

// waitOfflineReady waits until a service worker controls the page and has
// cached the bundle.
func (b *browser) waitOfflineReady() {
	b.t.Helper()
	ok := eval[bool](b, `(async () => {
		const reg = await navigator.serviceWorker.ready;
		// The worker claims the page while it activates: the page has a
		// controller a moment before the worker's state says activated.
		const ready = () => !!navigator.serviceWorker.controller && !!reg.active && reg.active.state === "activated";
		for (let i = 0; i < 600 && !ready(); i++) {
			await new Promise(r => setTimeout(r, 50));
		}
		return ready();
	})()`)
	if !ok {
		b.t.Fatal("no service worker controls the page")
	}
}
