//go:build browser

package e2e

import (
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hostPage serves a course page from a second origin (another loopback
// port) that frames Netground widgets and loads embed.js.
func hostPage(t *testing.T, body string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}),
		ReadHeaderTimeout: 5 * time.Second,
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

func TestEmbedResizesInHostPage(t *testing.T) {
	s := startServer(t, *distDir, "/")
	page := hostPage(t, `<!DOCTYPE html><html lang="en"><head><title>Course</title></head><body>
<h1>Lesson 1</h1>
<iframe id="one" src="`+s.URL+`embed/addr?ip=192.0.2.1" title="Address" data-netground style="width:100%;border:0;height:50px"></iframe>
<iframe id="two" src="`+s.URL+`embed/addr?ip=2001:db8::1" title="Address" data-netground style="width:100%;border:0;height:50px"></iframe>
<script>window.events = []; document.addEventListener("netground:resize", e => window.events.push([e.target.id, e.detail.height]));</script>
<script src="`+s.URL+`web/embed.js"></script>
</body></html>`)
	b := newBrowser(t)
	b.do(chromedp.Navigate(page))
	for _, id := range []string{"one", "two"} {
		deadline := time.Now().Add(60 * time.Second)
		var h float64
		for time.Now().Before(deadline) {
			h = eval[float64](b, fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().height`, id))
			if h > 150 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if h <= 150 {
			t.Errorf("iframe %s is %.0f px tall; want it resized to its content", id, h)
		}
	}
	if n := eval[int](b, `window.events.length`); n == 0 {
		t.Errorf("the host page received no netground:resize events")
	}
}
