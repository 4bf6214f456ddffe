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

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

var (
	reportFile = flag.String("report", "", "write the bench report to this file (make bench)")
	benchRuns  = flag.Int("runs", 5, "runs per figure; the report gives the median")
	lighthouse = flag.String("lighthouse", "", "Lighthouse CLI (cli/index.js); empty skips the Lighthouse scores")
)

// TestBenchReport measures what a visitor gets: bytes, transfer and time to
// the first answer. It only runs from make bench, which passes -report.
func TestBenchReport(t *testing.T) {
	if *reportFile == "" {
		t.Skip("a measurement, not a test: make bench runs it")
	}
	var r bytes.Buffer
	fmt.Fprintf(&r, "Netground bench, %s, median of %d runs\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), *benchRuns)

	wasm, _ := filepath.Glob(filepath.Join(*distDir, "web", "app.*.wasm"))
	if len(wasm) != 1 {
		t.Fatalf("no single app.*.wasm in %s", *distDir)
	}
	size := func(p string) int64 {
		st, err := os.Stat(p)
		if err != nil {
			return 0
		}
		return st.Size()
	}
	fmt.Fprintf(&r, "app.wasm: %s raw, %s gzip, %s brotli\n", kb(size(wasm[0])), kb(size(wasm[0]+".gz")), kb(size(wasm[0]+".br")))

	s := startServer(t, *distDir, "/")
	const target = "addr?ip=10.1.2.3"

	var firstBytes, firstMs, repeatMs, slowFirstMs, slowRepeatMs []float64
	// Each run is a subtest, so that its browsers are closed before the
	// next starts and do not share the machine with it.
	for i := 0; i < *benchRuns; i++ {
		t.Run(fmt.Sprintf("visit-%d", i+1), func(t *testing.T) {
			proxy := countingProxy(t, strings.TrimPrefix(strings.TrimSuffix(s.URL, "/"), "http://"))
			b := newBrowser(t)
			ms := timeToAnswer(b, "http://"+proxy.addr+"/"+target, "10.1.2.3")
			b.waitOfflineReady()
			waitQuiet(proxy)
			firstBytes = append(firstBytes, float64(proxy.bytes.Load()))
			firstMs = append(firstMs, ms)
			repeatMs = append(repeatMs, timeToAnswer(b, "http://"+proxy.addr+"/"+target, "10.1.2.3"))
		})
		t.Run(fmt.Sprintf("mobile-%d", i+1), func(t *testing.T) {
			slow := newBrowser(t)
			throttle(slow)
			slowFirstMs = append(slowFirstMs, timeToAnswer(slow, s.URL+target, "10.1.2.3"))
			slow.waitOfflineReady()
			slowRepeatMs = append(slowRepeatMs, timeToAnswer(slow, s.URL+target, "10.1.2.3"))
		})
	}
	if t.Failed() {
		t.FailNow()
	}
	fmt.Fprintf(&r, "first visit transfers: %s (every byte on the wire, the service worker's install included)\n\n", kb(int64(median(firstBytes))))
	fmt.Fprintf(&r, "time from navigation to the widget answering (/%s):\n", target)
	fmt.Fprintf(&r, "  loopback        first visit %6.0f ms   repeat visit %6.0f ms\n", median(firstMs), median(repeatMs))
	fmt.Fprintf(&r, "  mobile profile  first visit %6.0f ms   repeat visit %6.0f ms   (562.5 ms RTT, 1.47 Mbit/s, 4x CPU)\n\n", median(slowFirstMs), median(slowRepeatMs))

	t.Run("nat-steps", func(t *testing.T) {
		fmt.Fprintf(&r, "%s\n", natStepTimings(t, newBrowser(t), s.URL))
	})

	if *lighthouse != "" {
		fmt.Fprintf(&r, "Lighthouse 12.2.3 (performance / accessibility / best practices / SEO):\n")
		for _, page := range []string{"", "addr"} {
			for _, preset := range []string{"mobile", "desktop"} {
				scores := lighthouseScores(t, s.URL+page, preset)
				fmt.Fprintf(&r, "  /%-5s %-7s %s\n", page, preset, scores)
			}
		}
	}

	t.Log("\n" + r.String())
	if err := os.WriteFile(*reportFile, r.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fmt.Print(r.String())
}

// timeToAnswer navigates and returns the milliseconds from the start of
// navigation until data-field=canonical shows want, as the page's own clock
// measures it.
func timeToAnswer(b *browser, url, want string) float64 {
	b.t.Helper()
	b.do(chromedp.Navigate(url))
	return eval[float64](b, fmt.Sprintf(`new Promise((resolve) => {
		const done = () => {
			const el = document.querySelector('[data-field="canonical"]');
			return el && el.textContent === %q;
		};
		if (done()) { resolve(performance.now()); return; }
		const obs = new MutationObserver(() => {
			if (done()) { obs.disconnect(); resolve(performance.now()); }
		});
		obs.observe(document.body, {subtree: true, childList: true, characterData: true});
	})`, want))
}

// throttle applies Lighthouse's mobile profile through the DevTools protocol.
func throttle(b *browser) {
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{
				Latency:            562.5,
				DownloadThroughput: 1474.56 * 1024 / 8,
				UploadThroughput:   675 * 1024 / 8,
			}},
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
