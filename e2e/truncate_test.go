//go:build browser

package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// cuttingProxy stands for an HTTP/1.0 or de-chunking proxy on a bad day:
// the first response for each .wasm file loses its Content-Length and ends
// after cut bytes, so that it looks complete. Later responses pass whole.
func cuttingProxy(t *testing.T, upstream string, cut int) string {
	t.Helper()
	target, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(target)
	var mu sync.Mutex
	seen := map[string]bool{}
	return newLoopbackServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := strings.HasSuffix(r.URL.Path, ".wasm") && !seen[r.URL.Path]
		seen[r.URL.Path] = true
		mu.Unlock()
		if !first {
			rp.ServeHTTP(w, r)
			return
		}
		req, _ := http.NewRequest("GET", upstream+strings.TrimPrefix(r.URL.Path, "/"), nil)
		req.Header.Set("Accept-Encoding", r.Header.Get("Accept-Encoding"))
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.0 200 OK\r\n")
		for k, vs := range resp.Header {
			if k == "Content-Length" || k == "Connection" {
				continue
			}
			for _, v := range vs {
				fmt.Fprintf(buf, "%s: %s\r\n", k, v)
			}
		}
		fmt.Fprintf(buf, "Connection: close\r\n\r\n")
		io.CopyN(buf, resp.Body, int64(cut))
		buf.Flush()
	})) + target.Path
}

// TestCutWasmHeals opens pages through a proxy that cuts each binary at
// 1 MB the first time: the page recovers on its own (a fresh copy, once),
// the service worker caches only whole files, and the next visit works
// offline without clearing anything.
func TestCutWasmHeals(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	for _, tt := range []struct{ path, field, want string }{
		{"addr?ip=8.8.8.8", "canonical", "8.8.8.8"},
		{"nat?preset=cgnat", "", ""},
	} {
		t.Run(strings.SplitN(tt.path, "?", 2)[0], func(t *testing.T) {
			proxy := cuttingProxy(t, s.URL, 1<<20)
			b := newBrowser(t)
			b.do(chromedp.Navigate(proxy + tt.path))
			if tt.field != "" {
				b.waitField(tt.field, tt.want)
			}
			b.waitLive()
			b.waitOfflineReady()
			ok := eval[bool](b, `(async () => {
				for (const k of await caches.keys()) {
					const c = await caches.open(k);
					for (const req of await c.keys()) {
						if (!req.url.endsWith(".wasm")) continue;
						const body = await (await c.match(req)).arrayBuffer();
						try { await WebAssembly.compile(body); } catch (e) { return false; }
					}
				}
				return true;
			})()`)
			if !ok {
				t.Error("the service worker cached a binary that does not compile")
			}
			b.do(chromedp.Reload())
			if tt.field != "" {
				b.waitField(tt.field, tt.want)
			}
			b.waitLive()
		})
	}
}
