//go:build browser

package e2e

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"os"
	"path/filepath"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/bind"
)

// TestBindlabAttemptAtSymptom opens every Bind preset on its symptom and
// checks that the picture shows the attempt of that step: from where, to
// which address and port, the places it passes and where it stops, as
// core/bind computes them, with the stop carrying the step's verdict.
func TestBindlabAttemptAtSymptom(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	for _, p := range bind.Presets() {
		tr, err := bind.Run(p.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		stp := tr.Steps[p.Story.Symptom-1]
		a, r := stp.Action, stp.Result
		b.do(chromedp.Navigate(s.URL + "bind?preset=" + p.Name))
		b.waitLive()
		b.waitField("step", strconv.Itoa(p.Story.Symptom))
		b.waitField("attempt-stop", "✗ "+r.Verdict.String()+" — "+r.Stop)
		var from, to string
		switch a.Do {
		case bind.Connect:
			from = r.Path[0].Name
			to = a.To + ":" + strconv.Itoa(a.Port)
			if ad, err := netip.ParseAddr(a.To); err == nil {
				to = netip.AddrPortFrom(ad, uint16(a.Port)).String()
			}
		default:
			from = a.Process + " on the host"
			to = r.Path[0].Dst.String()
		}
		if got := b.field("attempt-from"); got != from {
			t.Errorf("%s: attempt-from = %q; want %q", p.Name, got, from)
		}
		if got := b.field("attempt-to"); got != to {
			t.Errorf("%s: attempt-to = %q; want %q", p.Name, got, to)
		}
		if got, want := eval[string](b, `document.querySelector('[data-field=attempt-stop]').dataset.verdict`), b.field("verdict"); got != want || got != r.Verdict.String() {
			t.Errorf("%s: the stop's verdict %q, the headline's %q; want %q", p.Name, got, want, r.Verdict)
		}
		hops := eval[[]string](b, `[...document.querySelectorAll('[data-field=attempt-hop]')].map(e => e.dataset.kind)`)
		if a.Do == bind.Connect {
			var want []string
			for _, h := range r.Path {
				want = append(want, h.Kind)
			}
			if strings.Join(hops, ">") != strings.Join(want, ">") {
				t.Errorf("%s: hops %v; want %v", p.Name, hops, want)
			}
			// The map numbers the places the connection passes.
			if n := eval[int](b, `document.querySelectorAll('.bindlab-map [data-on-path=true]').length`); n == 0 {
				t.Errorf("%s: the map marks no place of the path", p.Name)
			}
		} else if len(hops) != 0 {
			t.Errorf("%s: a bind shows hops %v", p.Name, hops)
		}
		if got := b.field("picture-summary"); !strings.Contains(got, r.Stop) || !strings.Contains(got, "from "+from+" to "+to) {
			t.Errorf("%s: the picture in words %q does not say the attempt", p.Name, got)
		}
	}
}

// textSizes is a script that returns, for every visible piece of text in
// the elements matched by a selector, its rendered font size in CSS pixels:
// the computed size for HTML, scaled by the drawing's scale for SVG text.
const textSizes = `((sel) => {
	const out = [];
	for (const root of document.querySelectorAll(sel)) {
		const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (!n.textContent.trim()) continue;
			const e = n.parentElement;
			if (!e || e.getClientRects().length === 0) continue;
			let size = parseFloat(getComputedStyle(e).fontSize);
			const svg = e.closest('svg');
			if (svg) {
				const vb = svg.viewBox.baseVal;
				if (vb && vb.width) size *= svg.getBoundingClientRect().width / vb.width;
			}
			out.push({text: n.textContent.trim().slice(0, 40), size});
		}
	}
	return out;
})`

// TestLabPicturesReadableOnPhone opens every Bind and NAT preset at
// 360×740 and checks that no text of the picture renders under 12 px, and
// that the picture does not scroll sideways. On five of them, where the
// pictures are boxes and lists, axe-core audits the page in light and dark.
func TestLabPicturesReadableOnPhone(t *testing.T) {
	t.Parallel()
	if *axePath == "" {
		t.Fatal("-axe is required: make test installs axe-core and passes it")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	audited := map[string]bool{"bind?preset=container-loopback": true, "bind?preset=nat-inbound": true,
		"bind?preset=address-in-use": true, "nat?preset=cgnat": true, "nat?preset=home": true}
	s := siteServer(t)
	b := sharedTab(t)
	b.setViewport(viewports[0])
	type page struct{ path, preset, sel string }
	var pages []page
	for _, p := range bind.Presets() {
		pages = append(pages, page{"bind?preset=" + p.Name, p.Name, ".bindlab-figure"})
	}
	for _, id := range []string{"home", "reply", "unsolicited", "port-forward", "cgnat", "hole-punch", "pool-exhausted"} {
		pages = append(pages, page{"nat?preset=" + id, id, ".natlab-picture"})
	}
	tour := b.stateTour(s.URL)
	for _, p := range pages {
		tour.openPreset(p.path, p.preset)
		var sizes []struct {
			Text string
			Size float64
		}
		// The picture may paint its text a frame after the app is live.
		for range 100 {
			if sizes = eval[[]struct {
				Text string
				Size float64
			}](b, fmt.Sprintf(`%s(%q)`, textSizes, p.sel)); len(sizes) > 0 {
				break
			}
			b.do(chromedp.Sleep(100 * time.Millisecond))
		}
		if len(sizes) == 0 {
			t.Errorf("%s: no text in %s", p.path, p.sel)
		}
		for _, x := range sizes {
			if x.Size < 12 {
				t.Errorf("%s: %q renders at %.1f px; want 12 px or more", p.path, x.Text, x.Size)
				break
			}
		}
		if got := eval[float64](b, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e.scrollWidth - e.clientWidth })()`, p.sel)); got > 1 {
			t.Errorf("%s: the picture scrolls sideways by %.0f px", p.path, got)
		}
		if audited[p.path] {
			delete(audited, p.path)
			b.auditThemes(t, axe, "/"+p.path+" at 360 px")
		}
	}
	for path := range audited {
		t.Errorf("%s is no preset's page: not audited", path)
	}
}

// labPictureScreenshots writes the Bind and NAT pictures at phone width,
// light and dark, into -screenshots, for review: TestScreenshots (make
// screenshots) calls it after the whole pages.
func labPictureScreenshots(t *testing.T, s *server) {
	b := newBrowser(t)
	b.setViewport(viewport{"phone", 360, 2400, true}) // as wide as a phone, tall enough to paint the whole picture
	for _, p := range []struct{ path, sel, name string }{
		{"bind?preset=container-loopback", ".bindlab-figure", "bind-picture-container-loopback"},
		{"bind?preset=nat-inbound", ".bindlab-figure", "bind-picture-nat-inbound"},
		{"bind?preset=address-in-use", ".bindlab-figure", "bind-picture-address-in-use"},
		{"nat?preset=cgnat&step=3", ".natlab-picture", "nat-picture-cgnat"},
	} {
		b.do(chromedp.Navigate(s.URL + p.path))
		b.waitLive()
		for _, theme := range []string{"light", "dark"} {
			b.setTheme(theme)
			shot, err := chromedp.Run(b.ctx, chromedp.Screenshot(p.sel, chromedp.NodeVisible))
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			if err := os.WriteFile(filepath.Join(*screenshotDir, p.name+"-phone-"+theme+".png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
