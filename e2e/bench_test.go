//go:build browser

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

var (
	reportFile = flag.String("report", "", "write the bench report to this file (make bench)")
	benchRuns  = flag.Int("runs", 5, "runs per figure; the report gives the median")
	lighthouse = flag.String("lighthouse", "", "Lighthouse CLI (cli/index.js); empty skips the Lighthouse scores")
)

// benchRoute is a link as people open it, and the data-field whose text
// is its first answer: a field whose value differs from the pre-rendered
// default's, so that a stale default never counts as the answer.
type benchRoute struct {
	path, field string
	goal        float64 // first visit on the mobile profile, ms
}

var benchRoutes = []benchRoute{
	{"addr?ip=8.8.8.8", "canonical", 8000},
	{"subnet?net=10.0.0.0/8", "network", 8000},
	{"ports?q=53", "port", 8000},
	{"plan?net=172.16.0.0/12&len=16", "summary", 12000},
	{"nat?preset=cgnat", "scenario-name", 12000},
	{"bind?preset=address-in-use", "lesson", 12000},
	{"k8s?preset=nodeport", "lesson", 12000},
	{"practice?seed=7&topics=subnet", "question", 12000},
}

// benchFigures are the measures of one bundle.
type benchFigures struct {
	wasmRaw, wasmBrotli   int64
	throttle              string
	loopFirst, loopRepeat float64 // /addr, ms
	bytesToAnswer         float64 // /addr, first visit
	bytesOffline          float64 // first visit, service worker install included
	mobileFirst           map[string]float64
	mobileRepeat          map[string]float64
	lighthouse            map[string]string
}

// TestBenchReport measures what a visitor gets: bytes, transfer and time to
// the first answer, for the bundle of -dist and, with -before, for an
// earlier bundle beside it. It only runs from make bench, which passes
// -report.
func TestBenchReport(t *testing.T) {
	if *reportFile == "" {
		t.Skip("a measurement, not a test: make bench runs it")
	}
	var r bytes.Buffer
	fmt.Fprintf(&r, "Netground bench, %s, median of %d runs\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), *benchRuns)

	now := benchBundle(t, "this build", *distDir)
	var before *benchFigures
	if *beforeDir != "" {
		before = benchBundle(t, "before", *beforeDir)
	}
	// A failed measurement shows as 0 below; the rest of the report stands.
	col := func(f func(*benchFigures) string, goal string) string {
		b := "—"
		if before != nil {
			b = f(before)
		}
		return fmt.Sprintf("| %-14s | %-14s | %s |", f(now), b, goal)
	}
	ms := func(v float64) string { return fmt.Sprintf("%.0f ms", v) }
	mb := func(v float64) string { return fmt.Sprintf("%.2f MB", v/1e6) }
	fmt.Fprintf(&r, "throttling (mobile profile: 562.5 ms RTT, 1.47 Mbit/s down, 4x CPU): %s\n\n", now.throttle)
	fmt.Fprintf(&r, "| %-62s | %-14s | %-14s | goal |\n", "measure", "this build", "before")
	fmt.Fprintf(&r, "|%s|%s|%s|------|\n", strings.Repeat("-", 64), strings.Repeat("-", 16), strings.Repeat("-", 16))
	row := func(name string, f func(*benchFigures) string, goal string) {
		fmt.Fprintf(&r, "| %-62s %s\n", name, col(f, goal))
	}
	row("app.wasm, raw", func(f *benchFigures) string { return mb(float64(f.wasmRaw)) }, "")
	row("app.wasm, brotli", func(f *benchFigures) string { return mb(float64(f.wasmBrotli)) }, "")
	for _, rt := range benchRoutes {
		row("first answer, mobile, first visit, /"+rt.path, func(f *benchFigures) string { return ms(f.mobileFirst[rt.path]) }, fmt.Sprintf("≤ %.0f s", rt.goal/1000))
	}
	for _, rt := range benchRoutes {
		row("first answer, mobile, repeat visit, /"+rt.path, func(f *benchFigures) string { return ms(f.mobileRepeat[rt.path]) }, "≤ 1.5 s")
	}
	row("first answer, loopback, first visit, /addr?ip=8.8.8.8", func(f *benchFigures) string { return ms(f.loopFirst) }, "≤ 0.8 s")
	row("first answer, loopback, repeat visit, /addr?ip=8.8.8.8", func(f *benchFigures) string { return ms(f.loopRepeat) }, "≤ 0.4 s")
	row("bytes on the wire before the first answer, /addr", func(f *benchFigures) string { return mb(f.bytesToAnswer) }, "≤ 1.0 MB")
	row("bytes on the wire for every route offline (first visit)", func(f *benchFigures) string { return mb(f.bytesOffline) }, "≤ 3.5 MB")
	for _, page := range lighthousePages {
		row("Lighthouse mobile (perf/a11y/BP/SEO) /"+page, func(f *benchFigures) string { return f.lighthouse[page] }, "≥ 90/100/100/100")
	}
	r.WriteString("\n")

	s := startServer(t, *distDir, "/")
	t.Run("nat-steps", func(t *testing.T) {
		fmt.Fprintf(&r, "%s\n", natStepTimings(t, newBrowser(t), s.URL, 15))
	})
	t.Run("paste", func(t *testing.T) {
		fmt.Fprintf(&r, "%s\n", pasteTimings(t, newBrowser(t), s.URL))
	})

	t.Log("\n" + r.String())
	if err := os.WriteFile(*reportFile, r.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fmt.Print(r.String())
}

var (
	beforeDir       = flag.String("before", "", "an earlier bundle to measure beside -dist (make bench BEFORE=<git ref>)")
	lighthousePages = []string{"addr?ip=8.8.8.8", "nat?preset=cgnat"}
)

// benchBundle measures the bundle in dir.
func benchBundle(t *testing.T, name, dir string) *benchFigures {
	f := &benchFigures{mobileFirst: map[string]float64{}, mobileRepeat: map[string]float64{}, lighthouse: map[string]string{}}
	wasm, _ := filepath.Glob(filepath.Join(dir, "web", "app.*.wasm"))
	if len(wasm) == 0 {
		t.Fatalf("no app.*.wasm in %s", dir)
	}
	for _, w := range wasm {
		f.wasmRaw += fileSize(w)
		f.wasmBrotli += fileSize(w + ".br")
	}
	s := startServer(t, dir, "/")

	// What each route's answer says, read once from the page the app
	// rendered: the figures below wait for exactly that text.
	want := map[string]string{}
	t.Run(name+"/answers", func(t *testing.T) {
		b := newBrowser(t)
		for _, rt := range benchRoutes {
			b.do(chromedp.Navigate(s.URL + rt.path))
			b.waitLive()
			want[rt.path] = b.waitFieldContains(rt.field, "")
		}
	})

	const addr = "addr?ip=8.8.8.8"
	var loopFirst, loopRepeat, toAnswer, offline []float64
	mobileFirst, mobileRepeat := map[string][]float64{}, map[string][]float64{}
	// Each run is a subtest, so that its browsers are closed before the
	// next starts and do not share the machine with it.
	for i := 0; i < *benchRuns; i++ {
		t.Run(fmt.Sprintf("%s/loopback-%d", name, i+1), func(t *testing.T) {
			proxy := countingProxy(t, strings.TrimPrefix(strings.TrimSuffix(s.URL, "/"), "http://"))
			b := newBrowser(t)
			at := timeToAnswer(b, "http://"+proxy.addr+"/"+addr, "canonical", want[addr])
			loopFirst = append(loopFirst, at)
			// What arrived before the answer, as the page's resource timing
			// tells: on loopback the app's wasm follows within milliseconds,
			// so the proxy's count at this moment would include it.
			toAnswer = append(toAnswer, eval[float64](b, fmt.Sprintf(`performance.getEntries().filter(e => (e.entryType === "navigation" || e.entryType === "resource") && e.responseEnd <= %f).reduce((n, e) => n + e.transferSize, 0)`, at)))
			b.waitOfflineReady()
			waitQuiet(proxy)
			offline = append(offline, float64(proxy.bytes.Load()))
			loopRepeat = append(loopRepeat, timeToAnswer(b, "http://"+proxy.addr+"/"+addr, "canonical", want[addr]))
		})
		for _, rt := range benchRoutes {
			t.Run(fmt.Sprintf("%s/mobile-%d/%s", name, i+1, rt.path), func(t *testing.T) {
				slow := newBrowser(t)
				throttle(slow)
				mobileFirst[rt.path] = append(mobileFirst[rt.path], timeToAnswer(slow, s.URL+rt.path, rt.field, want[rt.path]))
				// The service worker's install is not what this measures:
				// let it download at full speed, then throttle again for
				// the repeat visit.
				unthrottle(slow)
				slow.waitOfflineReady()
				throttle(slow)
				mobileRepeat[rt.path] = append(mobileRepeat[rt.path], timeToAnswer(slow, s.URL+rt.path, rt.field, want[rt.path]))
			})
		}
	}
	t.Run(name+"/throttle-check", func(t *testing.T) {
		f.throttle = throttleCheck(t, s.URL, dir)
	})
	f.loopFirst, f.loopRepeat = median(loopFirst), median(loopRepeat)
	f.bytesToAnswer, f.bytesOffline = median(toAnswer), median(offline)
	for _, rt := range benchRoutes {
		f.mobileFirst[rt.path] = median(mobileFirst[rt.path])
		f.mobileRepeat[rt.path] = median(mobileRepeat[rt.path])
	}
	if *lighthouse != "" {
		for _, page := range lighthousePages {
			f.lighthouse[page] = lighthouseScores(t, s.URL+page, "mobile")
		}
	} else {
		for _, page := range lighthousePages {
			f.lighthouse[page] = "not run"
		}
	}
	return f
}

func fileSize(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}

// timeToAnswer navigates and returns the milliseconds from the start of
// navigation until a visible data-field=field shows want, as the page's
// own clock measures it at the frame that paints it. A hidden element (a pre-rendered answer waiting
// for the app) does not count. The watch starts with the document, before
// any script of the page runs: an answer that shows before the load event
// counts when it shows, not when the navigation returns.
func timeToAnswer(b *browser, url, field, want string) float64 {
	b.t.Helper()
	watch := fmt.Sprintf(`(() => {
		const done = () => [...document.querySelectorAll('[data-field=%q]')].some(el => el.textContent === %q && el.checkVisibility());
		const check = () => {
			if (window.netgroundAnswerAt !== undefined) return true;
			if (!done()) return false;
			// At the frame that paints it: the next animation frame's
			// callbacks run just before that frame's paint.
			window.netgroundAnswerAt = null;
			requestAnimationFrame(() => { window.netgroundAnswerAt = performance.now(); });
			return true;
		};
		const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
		obs.observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
		// What styles alone change (a stylesheet arriving) shows at a frame.
		const frame = () => { if (!check()) requestAnimationFrame(frame); else obs.disconnect(); };
		requestAnimationFrame(frame);
	})()`, field, want)
	id := b.onEveryPage(watch)
	defer b.forgetOnEveryPage(id)
	b.do(chromedp.Navigate(url))
	return eval[float64](b, `new Promise((resolve) => {
		const wait = () => typeof window.netgroundAnswerAt === "number" ? resolve(window.netgroundAnswerAt) : setTimeout(wait, 20);
		wait();
	})`)
}

// throttleCheck proves that the mobile profile is applied: a file of known
// size must take at least its transfer time at the profile's rate.
func throttleCheck(t *testing.T, base, dir string) string {
	files, _ := filepath.Glob(filepath.Join(dir, "web", "services.*.bin"))
	if len(files) != 1 {
		t.Fatalf("no services.*.bin in %s", dir)
	}
	name := filepath.Base(files[0])
	size := fileSize(files[0])
	if br := fileSize(files[0] + ".br"); br > 0 {
		size = br // what the server sends to Chromium
	}
	b := newBrowser(t)
	b.do(chromedp.Navigate(base + "library"))
	throttle(b)
	got := eval[float64](b, fmt.Sprintf(`(async () => {
		const t0 = performance.now();
		const r = await fetch(%q + "?" + Math.random(), {cache: "no-store"});
		await r.arrayBuffer();
		return performance.now() - t0;
	})()`, base+"web/"+name))
	least := float64(size) / (mobileDown / 1000)
	if got < least {
		t.Errorf("throttling is not applied: %d bytes arrived in %.0f ms; at %.0f bytes/s they take at least %.0f ms", size, got, mobileDown, least)
		return fmt.Sprintf("NOT APPLIED (%d bytes in %.0f ms, at least %.0f ms expected)", size, got, least)
	}
	return fmt.Sprintf("applied (%s in %.0f ms; the rate alone takes %.0f ms)", kb(size), got, least)
}

// The mobile profile: Lighthouse's slow 4G.
const (
	mobileRTT  = 562.5              // ms
	mobileDown = 1474.56 * 1024 / 8 // bytes/s
	mobileUp   = 675 * 1024 / 8     // bytes/s
)

type emulateNetworkConditionsParams struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

// emulateNetworkConditions is the protocol command that current Chromium
// applies (cdproto has only emulateNetworkConditionsByRule, which Chromium
// rejects with "Invalid parameters").
var emulateNetworkConditions = cdp.Command[emulateNetworkConditionsParams, struct{}]{Method: "Network.emulateNetworkConditions"}

// unthrottle lifts the mobile profile.
func unthrottle(b *browser) {
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, emulateNetworkConditions, emulateNetworkConditionsParams{DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 1})
		return err
	}))
}

// throttle applies Lighthouse's mobile profile through the DevTools protocol.
func throttle(b *browser) {
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulateNetworkConditions, emulateNetworkConditionsParams{
			Latency:            mobileRTT,
			DownloadThroughput: mobileDown,
			UploadThroughput:   mobileUp,
		})
		if err != nil {
			return err
		}
		_, err = chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 4})
		return err
	}))
}

// proxy forwards loopback TCP to the server and counts every byte that
// crosses it in either direction.
type proxy struct {
	addr  string
	bytes atomic.Int64
	last  atomic.Int64 // unix nanoseconds of the last byte
}

func countingProxy(t *testing.T, upstream string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{addr: ln.Addr().String()}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				u, err := net.Dial("tcp", upstream)
				if err != nil {
					c.Close()
					return
				}
				go p.pipe(u, c)
				p.pipe(c, u)
			}()
		}
	}()
	return p
}

func (p *proxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.bytes.Add(int64(n))
			p.last.Store(time.Now().UnixNano())
			dst.Write(buf[:n])
		}
		if err != nil {
			if err != io.EOF {
				return
			}
			return
		}
	}
}

// waitQuiet waits until nothing has crossed the proxy for a second.
func waitQuiet(p *proxy) {
	for time.Since(time.Unix(0, p.last.Load())) < time.Second {
		time.Sleep(100 * time.Millisecond)
	}
}

func lighthouseScores(t *testing.T, url, preset string) string {
	cats := []string{"performance", "accessibility", "best-practices", "seo"}
	runs := make(map[string][]float64)
	failed := 0
	for i := 0; i < *benchRuns; i++ {
		dir := t.TempDir()
		out := filepath.Join(dir, "lh.json")
		profile := filepath.Join(dir, "chromium")
		args := []string{*lighthouse, url, "--output=json", "--output-path=" + out, "--quiet",
			"--only-categories=" + strings.Join(cats, ","),
			"--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --disable-quic --no-first-run --user-data-dir=" + profile}
		if preset == "desktop" {
			args = append(args, "--preset=desktop")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, "node", args...)
		cmd.Env = append(os.Environ(), "CHROME_PATH="+chromiumPath(t))
		// Lighthouse may leave its Chromium running, in a process group of
		// its own, holding the output pipe open: the run ends when node
		// does, and the Chromium that used this run's profile is stopped.
		cmd.WaitDelay = 10 * time.Second
		output, err := cmd.CombinedOutput()
		cancel()
		exec.Command("pkill", "-KILL", "-f", profile).Run()
		// A failed run is left out of the median and counted, so the rest
		// of the report survives it.
		if err != nil {
			t.Logf("lighthouse %s (%s): %v\n%s", url, preset, err, output)
			failed++
			continue
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Logf("lighthouse %s (%s): %v", url, preset, err)
			failed++
			continue
		}
		var report struct {
			Categories map[string]struct {
				Score *float64 `json:"score"`
			} `json:"categories"`
		}
		if err := json.Unmarshal(b, &report); err != nil {
			t.Fatal(err)
		}
		for _, c := range cats {
			if s := report.Categories[c].Score; s != nil {
				runs[c] = append(runs[c], *s*100)
			}
		}
	}
	if failed == *benchRuns {
		return "every run failed (see the test log)"
	}
	var parts []string
	for _, c := range cats {
		parts = append(parts, fmt.Sprintf("%3.0f", median(runs[c])))
	}
	if failed > 0 {
		return strings.Join(parts, " / ") + fmt.Sprintf("   (%d of %d runs failed)", failed, *benchRuns)
	}
	return strings.Join(parts, " / ")
}

func chromiumPath(t *testing.T) string {
	if p := os.Getenv("NETGROUND_CHROMIUM"); p != "" {
		return p
	}
	p, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("no Chromium")
	}
	return p
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	sort.Float64s(s)
	return s[len(s)/2]
}

func kb(n int64) string {
	return fmt.Sprintf("%.1f KiB", float64(n)/1024)
}

// pasteTimings reports, for each 10,000-line listing, the time from its
// paste into the home page's box to the painted answer: the first paste
// into a fresh browser, whose engine compiles the code it runs, and the
// median of benchRuns pastes after it.
func pasteTimings(t *testing.T, b *browser, base string) string {
	var r strings.Builder
	fmt.Fprintf(&r, "10,000-line paste to the painted answer (ms; goal 100 ms): the first paste into a fresh browser, then the median of %d:\n", *benchRuns)
	for _, p := range bigPastes {
		text := p.text()
		first := pasteToAnswer(newBrowser(t), base, text, p.kind)
		pasteToAnswer(b, base, text, p.kind) // b's engine compiles this listing's code
		var runs []float64
		for range *benchRuns {
			runs = append(runs, pasteToAnswer(b, base, text, p.kind))
		}
		fmt.Fprintf(&r, "  %-28s first %6.0f   then %6.0f   (%s)\n", p.name, first, median(runs), strings.Trim(fmt.Sprintf("%.0f", runs), "[]"))
	}
	return r.String()
}
