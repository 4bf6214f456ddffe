//go:build browser

package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestPlanDebugPreset(t *testing.T) {
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	b.do(chromedp.Navigate(s.URL + "plan?mode=overlap"))
	b.waitPlanLive()
	b.waitField("overlaps-ipv4", "4")
	t.Log(eval[string](b, `[...document.querySelectorAll('button[data-preset]')].map(e => e.outerHTML).join("\n")`))
	b.do(chromedp.Click(chromedp.CSS(`button[data-preset="1"]`)))
	time.Sleep(3 * time.Second)
	t.Log(b.location())
	t.Log(eval[string](b, `document.querySelector('main').innerText.slice(0, 1500)`))
}
