//go:build browser

package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/practice"
)

// choiceFirst returns a seed whose set on topics at level 1 opens on a
// multiple-choice question.
func choiceFirst(t *testing.T, topics []practice.Topic) (uint64, practice.Set) {
	t.Helper()
	for seed := uint64(1); seed < 500; seed++ {
		set := practiceSet(seed, topics, 1)
		if set.Questions[0].Kind == practice.Choice {
			return seed, set
		}
	}
	t.Fatalf("no set on %v opens on a multiple-choice question", topics)
	return 0, practice.Set{}
}

// TestPracticeNotAChoiceAsksAgain: text that names no choice is not scored;
// the page says why, and a real choice is scored afterwards.
func TestPracticeNotAChoiceAsksAgain(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	topics := []practice.Topic{practice.TopicBind}
	seed, set := choiceFirst(t, topics)
	b.do(chromedp.Navigate(s.URL + fmt.Sprintf("practice?topics=bind&level=1&seed=%d", seed)))
	b.waitLive()
	answerCurrent(t, b, set, 1, "10.0.0.1")
	b.waitFieldPrefix("not-counted", `not counted: "10.0.0.1" is not one of the choices`)
	b.waitField("answered", "0")
	b.waitField("streak", "0")
	if n := eval[int](b, `document.querySelectorAll('[data-field=feedback]').length`); n != 0 {
		t.Errorf("text naming no choice got a verdict")
	}
	answerCurrent(t, b, set, 1, "")
	b.waitFieldPrefix("feedback", "correct")
	b.waitField("answered", "1")
	if n := eval[int](b, `document.querySelectorAll('[data-field=not-counted]').length`); n != 0 {
		t.Errorf("the not-counted note stays after a real choice")
	}
}

// TestPracticeSaveAndReopen: a practice set saves into the library under its
// own name and reopens as the same set.
func TestPracticeSaveAndReopen(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	b.do(chromedp.Navigate(s.URL + "practice?topics=nat,subnet&level=2&seed=4242"))
	b.waitLive()
	b.waitField("total", "10")
	name := "Practice set 4242, level 2: Subnet facts, NAT"
	if got := eval[string](b, `document.querySelector('input[name=save-name]').placeholder`); got != name {
		t.Errorf("default name = %q; want %q", got, name)
	}
	b.do(chromedp.Click(chromedp.CSS(`button[name=save]`)))
	b.waitFieldPrefix("save-status", `Saved "`+name+`"`)

	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(1)
	b.do(chromedp.Click(chromedp.CSS(`a[data-field=scenario-name]`)))
	b.waitLive()
	waitInputValue(b, "seed", "4242")
	if loc := b.location(); !strings.Contains(loc, "/practice") || !strings.Contains(loc, "lib=") {
		t.Errorf("open went to %s", loc)
	}
	if got := eval[string](b, `[...document.querySelectorAll('input[name=topics]:checked')].map(e => e.value).join(',')`); got != "subnet,nat" {
		t.Errorf("reopened topics = %q; want subnet,nat", got)
	}
	if got := eval[string](b, `document.querySelector('select[name=level]').value`); got != "2" {
		t.Errorf("reopened level = %q; want 2", got)
	}
	set := practiceSet(4242, []practice.Topic{practice.TopicSubnet, practice.TopicNAT}, 2)
	b.waitField("question", set.Questions[0].Text)
	waitInputValue(b, "save-name", name)
}

// TestLibraryKeepsLabStep: a lab saved at a step reopens at that step, under
// its scenario's own name.
func TestLibraryKeepsLabStep(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	natOpen(t, b, s.URL, "nat?preset=cgnat&step=3", "3")
	name := "Double NAT behind a carrier-grade NAT"
	if got := eval[string](b, `document.querySelector('input[name=save-name]').placeholder`); got != name {
		t.Errorf("NAT default name = %q; want %q", got, name)
	}
	b.do(chromedp.Click(chromedp.CSS(`button[name=save]`)))
	b.waitFieldPrefix("save-status", `Saved "`+name+`"`)

	var bp bind.Preset
	for _, p := range bind.Presets() {
		if len(p.Scenario.Actions) >= 2 {
			bp = p
			break
		}
	}
	b.do(chromedp.Navigate(s.URL + "bind?preset=" + bp.Name + "&step=1"))
	b.waitLive()
	if got := eval[string](b, `document.querySelector('input[name=save-name]').placeholder`); got != bp.Title {
		t.Errorf("Bind default name = %q; want %q", got, bp.Title)
	}
	b.do(chromedp.Click(chromedp.CSS(`button[name=save]`)))
	b.waitFieldPrefix("save-status", `Saved "`+bp.Title+`"`)

	for _, tc := range []struct{ name, path, step string }{{name, "/nat", "3"}, {bp.Title, "/bind", "1"}} {
		b.do(chromedp.Navigate(s.URL + "library"))
		b.waitRows(2)
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-field=scenario-row] a[data-field=scenario-name][href^=%q]`, tc.path))))
		b.waitLive()
		waitInputValue(b, "save-name", tc.name)
		if tc.path == "/nat" {
			b.waitField("step", tc.step)
		}
		u, err := url.Parse(b.location())
		if err != nil || u.Path != tc.path || u.Query().Get("step") != tc.step {
			t.Errorf("%s reopened at %s; want step=%s", tc.name, b.location(), tc.step)
		}
	}
}

// overflowJS lists the elements of the main landmark whose right edge passes
// the viewport's, or their scroll container's, and which no scroll container
// inside the viewport holds: what a reader cannot see or reach.
const overflowJS = `(() => {
	const W = document.documentElement.clientWidth, out = [];
	for (const e of document.querySelectorAll('main *')) {
		const r = e.getBoundingClientRect();
		if (!r.width || !r.height) continue;
		let p = e.parentElement, held = false;
		for (; p && p.tagName !== 'MAIN'; p = p.parentElement) {
			const s = getComputedStyle(p);
			if (s.overflowX === 'auto' || s.overflowX === 'scroll') { held = p.getBoundingClientRect().right <= W + 1; break; }
			if (s.overflowX === 'hidden' || s.overflowX === 'clip' || s.contentVisibility === 'auto') {
				const pr = p.getBoundingClientRect();
				// A 1 px box holds text for screen readers alone.
				if (pr.width > 1 && r.right > pr.right + 1) { out.push('clipped ' + e.tagName + '.' + e.className + ' ' + Math.round(r.right)); }
			}
		}
		if (!held && r.right > W + 1) out.push(e.tagName + '.' + (e.getAttribute('class') || '') + '[' + (e.dataset.field || '') + '] ' + Math.round(r.right) + ' > ' + W);
	}
	return [...new Set(out)].slice(0, 12);
})()`

// breaksJS returns, for each element matched by sel, the text of each line
// it is rendered on.
const breaksJS = `(sel) => [...document.querySelectorAll(sel)].map(e => {
	const lines = [], range = document.createRange();
	const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
	let top = null, line = '';
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		for (let i = 0; i < n.length; i++) {
			range.setStart(n, i); range.setEnd(n, i + 1);
			const r = range.getClientRects()[0];
			if (!r) continue;
			if (top !== null && r.top > top + 2) { lines.push(line); line = ''; }
			if (top === null || r.top > top + 2) top = r.top;
			line += n.data[i];
		}
	}
	lines.push(line);
	return lines;
})`

// TestNarrowLayout: on a phone and a desktop window nothing on the Ports,
// NAT and Practice pages reaches past the window or is clipped, except
// inside a scroll container, and sysctl names break only after "." or "_".
func TestNarrowLayout(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	pages := []struct {
		link, field string
		unscrolled  string // an element that must not scroll sideways on a phone, or ""
	}{
		{"ports?q=postgres", "row-service", ""},
		{"ports?q=443", "ephemeral-row", ""},
		{"ports?q=50000", "ephemeral-row", ""},
		{"nat?preset=cgnat&step=3", "step", ".natlab-topo"},
		{"nat?preset=hole-punch&step=5", "punch-cell", ""},
		{"practice?topics=subnet,nat&level=2&seed=42", "score", ""},
	}
	// One load of a page serves both sizes: its layout is CSS alone.
	for _, p := range pages {
		b.do(chromedp.Navigate(s.URL + p.link))
		b.waitLive()
		b.waitFieldPresent(p.field)
		for _, v := range viewports {
			b.setViewport(v)
			if bad := eval[[]string](b, overflowJS); len(bad) > 0 {
				t.Errorf("%s at %s: out of reach: %q", p.link, v.name, bad)
			}
			if p.unscrolled != "" && v.name == "phone" {
				if got := eval[float64](b, fmt.Sprintf(`(() => { const c = document.querySelector(%q); return c.scrollWidth - c.clientWidth; })()`, p.unscrolled)); got > 1 {
					t.Errorf("%s at %s: %s scrolls sideways by %.0f px", p.link, v.name, p.unscrolled, got)
				}
			}
			if !strings.HasPrefix(p.link, "ports") {
				continue
			}
			lines := eval[[][]string](b, `(`+breaksJS+`)('[data-field=ephemeral-row] code')`)
			if len(lines) == 0 {
				t.Errorf("%s at %s: no setting in the ephemeral table", p.link, v.name)
			}
			for _, l := range lines {
				for i := range len(l) - 1 {
					// A line may end after ".", "_" or a space (which takes no
					// place at the end of a line), not between two letters.
					if last, next := l[i][len(l[i])-1], l[i+1][0]; isAlnum(last) && isAlnum(next) {
						t.Errorf("%s at %s: a setting breaks as %q", p.link, v.name, l)
						break
					}
				}
			}
		}
	}
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// embedHeights are the embed pages whose height TestEmbedCompact reports
// and bounds, at 1280 px wide.
var embedHeights = []struct {
	link, field string
	max         float64
}{
	{"embed/subnet?net=10.0.0.0/24", "broadcast", 900},
	{"embed/addr?ip=8.8.8.8", "reachable", 900},
	{"embed/ports?q=443", "service", 900},
}

// TestEmbedCompact: an embed shows the input and the answer compactly, its
// details folded; the snippet names the widget and holds whole URLs even
// before the app starts.
func TestEmbedCompact(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.setViewport(viewports[1])
	for _, e := range embedHeights {
		b.do(chromedp.Navigate(s.URL + e.link))
		b.waitLive()
		b.waitFieldPresent(e.field)
		h := eval[float64](b, `Math.ceil(document.documentElement.getBoundingClientRect().height)`)
		t.Logf("%s is %.0f px tall at 1280 px wide", e.link, h)
		if h > e.max {
			t.Errorf("%s is %.0f px tall; want at most %.0f", e.link, h, e.max)
		}
	}

	// The pre-rendered page, in a tab where the app never starts.
	pre := sharedContextTab(t)
	pre.onEveryPage(`WebAssembly.instantiateStreaming = WebAssembly.instantiate = () => new Promise(() => {})`)
	pre.do(chromedp.Navigate(s.URL + "subnet"))
	pre.do(chromedp.WaitReady(chromedp.CSS(`#subnet-embed`)))
	b = pre
	snippet := eval[string](b, `document.getElementById('subnet-embed').textContent`)
	if !strings.Contains(snippet, `src="`+s.URL+`embed/subnet`) || !strings.Contains(snippet, `src="`+s.URL+`web/embed.js"`) {
		t.Errorf("pre-rendered snippet = %q; want whole URLs", snippet)
	}
	if !strings.Contains(snippet, `title="Subnet calculator — Netground"`) {
		t.Errorf("snippet = %q; want the widget's title", snippet)
	}
}
