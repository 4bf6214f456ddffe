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
	t.Parallel()
	s := siteServer(t)
	page := hostPage(t, `<!DOCTYPE html><html lang="en"><head><title>Course</title></head><body>
<h1>Lesson 1</h1>
<iframe id="one" src="`+s.URL+`embed/addr?ip=192.0.2.1" title="Address" data-netground style="width:100%;border:0;height:50px"></iframe>
<iframe id="two" src="`+s.URL+`embed/addr?ip=2001:db8::1" title="Address" data-netground style="width:100%;border:0;height:50px"></iframe>
<script>window.events = []; document.addEventListener("netground:resize", e => window.events.push([e.target.id, e.detail.height]));</script>
<script src="`+s.URL+`web/embed.js"></script>
</body></html>`)
	b := sharedTab(t)
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

// TestEmbedIgnoresForgedMessages frames a hostile page from a third origin
// beside a Netground widget: what it posts to the course page is never
// turned into Netground events, and it cannot resize the widget's iframe.
func TestEmbedIgnoresForgedMessages(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	hostile := hostPage(t, `<!DOCTYPE html><html lang="en"><head><title>Ad</title></head><body><script>
setInterval(() => {
  parent.postMessage({type: "netground:practice", answered: 10, correct: 10, total: 10, seed: 1, topics: ["subnet"], level: 1}, "*");
  parent.postMessage({type: "netground:resize", height: 99999}, "*");
}, 50);
</script></body></html>`)
	page := hostPage(t, `<!DOCTYPE html><html lang="en"><head><title>Course</title></head><body>
<iframe id="widget" src="`+s.URL+`embed/addr?ip=192.0.2.1" title="Address" data-netground style="width:100%;border:0;height:50px"></iframe>
<iframe id="ad" src="`+hostile+`" title="Ad" data-netground style="height:50px"></iframe>
<script>window.events = []; for (const type of ["netground:resize", "netground:practice"]) document.addEventListener(type, e => window.events.push([e.target.id, type, JSON.stringify(e.detail)]));</script>
<script src="`+s.URL+`web/embed.js"></script>
</body></html>`)
	b := sharedTab(t)
	b.do(chromedp.Navigate(page))
	// The widget's own resize arrives: embed.js works.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && eval[int](b, `window.events.filter(e => e[0] === "widget").length`) == 0 {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second) // the hostile page posts every 50 ms meanwhile
	if got := eval[string](b, `JSON.stringify(window.events.filter(e => e[0] !== "widget" || e[1] !== "netground:resize"))`); got != "[]" {
		t.Errorf("forged messages became events: %s", got)
	}
	if n := eval[int](b, `window.events.filter(e => e[0] === "widget").length`); n == 0 {
		t.Error("the widget's own resize never arrived")
	}
	for _, id := range []string{"widget", "ad"} {
		if h := eval[float64](b, fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().height`, id)); h > 20000 {
			t.Errorf("iframe %s is %.0f px tall: a forged resize was applied", id, h)
		}
	}
}
