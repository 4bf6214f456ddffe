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
	"github.com/chromedp/cdproto/network"
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
	build := exec.Command("go", "build", "-o", serverBin, "../server")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building the server:", err)
		os.Exit(2)
	}
	code := m.Run()
	if chromium.cancel != nil {
		chromium.cancel()
	}
	os.RemoveAll(tmp)
	os.Exit(code)
}

// server is the real Netground server, started as a process on an
// ephemeral loopback port.
type server struct {
	URL string // with the base, ending in "/"
	cmd *exec.Cmd
}

var listening = regexp.MustCompile(`Netground is at (http://127\.0\.0\.1:\d+/\S*)`)

func startServer(t *testing.T, dir, base string) *server {
	t.Helper()
	cmd := exec.Command(serverBin, "-addr", "127.0.0.1:0", "-dir", dir, "-base", base)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd}
	t.Cleanup(s.stop)
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if m := listening.FindStringSubmatch(lines.Text()); m != nil {
			s.URL = m[1]
			break
		}
	}
	if s.URL == "" {
		t.Fatalf("the server did not say where it listens")
	}
	go func() {
		for lines.Scan() {
		}
	}()
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

func newBrowser(t *testing.T) *browser {
	t.Helper()
	ctx, cancel := chromedp.NewContext(sharedChromium(t), chromedp.WithNewBrowserContext())
	b := &browser{t: t, ctx: ctx}
	t.Cleanup(func() {
		cancel()
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, p := range b.problems {
			t.Errorf("browser console: %s", p)
		}
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	quietNetwork(t, ctx)
	b.watchConsole(ctx)
	return b
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

// watchConsole records the console errors and exceptions of the tab of ctx.
func (b *browser) watchConsole(ctx context.Context) {
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.problems = append(b.problems, fmt.Sprintf("%s (%s:%d)", m.String(), m.URL, m.Line+1))
				b.mu.Unlock()
			}
		}
	}()
}

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
	return eval[string](b, fmt.Sprintf(`(document.querySelector('[data-field=%q]') || {textContent: ""}).textContent`, name))
}

// waitField waits until data-field=name holds want, which is how a test
// knows the wasm has computed: the pre-rendered page holds another value.
func (b *browser) waitField(name, want string) {
	b.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		if got = b.field(name); got == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("data-field %q = %q; want %q", name, got, want)
}

// waitFieldPrefix waits until data-field=name starts with prefix.
func (b *browser) waitFieldPrefix(name, prefix string) string {
	b.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		if got = b.field(name); strings.HasPrefix(got, prefix) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("data-field %q = %q; want it to start with %q", name, got, prefix)
	return ""
}

// waitFieldContains waits until data-field=name contains substr.
func (b *browser) waitFieldContains(name, substr string) string {
	b.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		if got = b.field(name); strings.Contains(got, substr) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("data-field %q = %q; want it to contain %q", name, got, substr)
	return ""
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
	b.do(chromedp.WaitReady(chromedp.CSS(`[data-live="true"]`)))
}

// typeInto replaces the value of the input named name, key by key.
func (b *browser) typeInto(name, text string) {
	b.t.Helper()
	b.waitLive()
	sel := chromedp.CSS(fmt.Sprintf(`input[name=%q]`, name))
	b.do(
		chromedp.WaitVisible(sel),
		chromedp.Focus(sel),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('input[name=%q]').select()`, name)),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(sel, text),
	)
}

// waitOfflineReady waits until a service worker controls the page and has
// cached the bundle.
func (b *browser) waitOfflineReady() {
	b.t.Helper()
	ok := eval[bool](b, `(async () => {
		const reg = await navigator.serviceWorker.ready;
		for (let i = 0; i < 600 && !navigator.serviceWorker.controller; i++) {
			await new Promise(r => setTimeout(r, 50));
		}
		return !!navigator.serviceWorker.controller && reg.active.state === "activated";
	})()`)
	if !ok {
		b.t.Fatal("no service worker controls the page")
	}
}
