//go:build browser

package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/course"
	"github.com/netground/netground/wasm/site"
	"github.com/netground/netground/wasm/ui"
)

var axePath = flag.String("axe", "", "axe-core's axe.min.js, injected into every page for the accessibility audit")

// a11yPages are the routes audited, with the field that shows the wasm
// has rendered them.
var a11yPages = []struct{ path, field, want string }{
	{"", "", ""},
	{"addr?ip=2001:db8::1", "canonical", "2001:db8::1"},
	{"addr?ip=not-an-address", "", ""},
	{"embed/addr?ip=10.0.0.1", "canonical", "10.0.0.1"},
	{"subnet?net=10.0.0.0/20&host=10.0.3.7&b=10.0.99.1&gw=10.0.0.1&cloud=aws", "network", "10.0.0.0"},
	{"subnet?net=2001:db8::/64", "network", "2001:db8::"},
	{"ports?q=postgres", "service", "postgresql"},
	{"ports?q=[::1]:8080", "port", "8080"},
}

// TestAccessibility runs axe-core on every route, in light and dark, and
// fails on any serious or critical violation.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	if *axePath == "" {
		t.Fatal("-axe is required: make test installs axe-core and passes it")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := siteServer(t)
	b := sharedTab(t)
	tour := b.stateTour(s.URL)
	for i, p := range a11yPages {
		tour.open(p.path, p.field, p.want)
		if i == 0 {
			checkThemes(t, b)
		}
		b.auditThemes(t, axe, "/"+p.path)
	}
}

// stateTour opens the states an audit loop visits, one after another, on
// the site at base.
type stateTour struct {
	b    *browser
	base string
	// linked: the app that runs can open the next state from a link. It
	// can once a state is open, unless that state is an embed route, whose
	// layout is chosen when the app starts.
	linked bool
}

func (b *browser) stateTour(base string) *stateTour { return &stateTour{b: b, base: base} }

// open opens path and returns once the app is live and the field shows
// want. A state after the first opens in the app that runs, as a click on
// a link does (go-app's navigation, the one back and forward use): no new
// page load, which costs Chromium far more than the app's rendering. A new
// load opens the first state, a state whose rendering no field proves, and
// an embed route or a state after one (an embed's layout is chosen when the
// app starts).
func (v *stateTour) open(path, field, want string) {
	v.b.t.Helper()
	v.visit(path, field != "", func() {
		if field != "" {
			v.b.waitField(field, want)
		}
	})
}

// openPreset opens path, a lab's link to preset, as open does: the lab's
// button of that preset, pressed, proves the state rendered.
func (v *stateTour) openPreset(path, preset string) {
	v.b.t.Helper()
	v.visit(path, true, func() {
		if !v.b.waitUntil(`() => ({ok: !!document.querySelector('[data-preset=` + strconv.Quote(preset) + `][aria-pressed="true"]')})`).OK {
			v.b.t.Fatalf("/%s: the button of preset %s is not pressed", path, preset)
		}
	})
}

// visit opens path, in the app when proved (wait proves the state it
// waits for), and waits.
func (v *stateTour) visit(path string, proved bool, wait func()) {
	b := v.b
	b.t.Helper()
	embed := strings.HasPrefix(path, "embed/")
	inApp := v.linked && proved && !embed
	if inApp {
		eval[bool](b, `(() => {
			window.netgroundTourPage = true;
			const a = document.createElement("a");
			a.href = `+strconv.Quote(v.base+path)+`;
			document.body.append(a);
			a.click();
			a.remove();
			return true;
		})()`)
	} else {
		b.do(chromedp.Navigate(v.base + path))
	}
	v.linked = !embed
	wait()
	b.waitLive()
	if inApp && !eval[bool](b, `window.netgroundTourPage === true`) {
		b.t.Errorf("/%s: following a link to it loaded the page again; want the app to render it", path)
	}
}

// checkThemes checks that the page's colours follow the system's scheme
// unless the page chose one (data-theme, which the theme button sets): the
// audits of both themes would pass as well if a theme never took effect.
func checkThemes(t *testing.T, b *browser) {
	t.Helper()
	const light, dark = "rgb(255, 255, 255)", "rgb(15, 23, 32)"
	for _, c := range []struct{ system, chosen, want string }{
		{"light", "", light},
		{"dark", "", dark},
		{"light", "dark", dark},
		{"dark", "light", light},
	} {
		b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: c.system}},
			})
			return err
		}))
		got := eval[string](b, `(() => {
			const root = document.documentElement;
			if (`+strconv.Quote(c.chosen)+`) root.setAttribute("data-theme", `+strconv.Quote(c.chosen)+`); else root.removeAttribute("data-theme");
			return getComputedStyle(document.body).backgroundColor;
		})()`)
		if got != c.want {
			t.Errorf("system %s, page theme %q: background %s; want %s", c.system, c.chosen, got, c.want)
		}
	}
	b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	}))
}

// auditThemes runs axe-core on the page as it is, in the light theme with
// every rule and then in the dark one with the rules a theme can change (it
// changes colours only): one load of the page serves both.
func (b *browser) auditThemes(t *testing.T, axe []byte, where string) {
	t.Helper()
	b.setTheme("light")
	b.audit(t, axe, where+" (light)")
	b.setTheme("dark")
	b.auditRules(t, axe, where+" (dark)", colourRules)
}

// colourRules are the axe rules whose outcome depends on colours alone.
var colourRules = []string{"color-contrast", "link-in-text-block"}

func (b *browser) setTheme(theme string) {
	eval[bool](b, `(() => { document.documentElement.setAttribute("data-theme", "`+theme+`"); return true })()`)
}

// audit runs axe-core on the page: serious and critical violations fail
// the test, the rest are logged. where names the page in messages.
func (b *browser) audit(t *testing.T, axe []byte, where string) {
	t.Helper()
	b.auditRules(t, axe, where, nil)
}

// auditRules runs axe-core with the given rules only, or all of them if
// rules is nil.
func (b *browser) auditRules(t *testing.T, axe []byte, where string, rules []string) {
	t.Helper()
	if !eval[bool](b, `typeof axe !== "undefined"`) {
		eval[bool](b, string(axe)+";true")
	}
	// Not inside iframes: each frame a page embeds is an embed route of
	// its own, audited on its own, and axe, which is not loaded in them,
	// would wait for every one of them to answer.
	opts := `{resultTypes: ["violations"], iframes: false}`
	if rules != nil {
		list, _ := json.Marshal(rules)
		opts = `{resultTypes: ["violations"], iframes: false, runOnly: {type: "rule", values: ` + string(list) + `}}`
	}
	raw := eval[string](b, `axe.run(document, `+opts+`).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}))))`)
	var violations []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	if err := json.Unmarshal([]byte(raw), &violations); err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		msg := where + ": " + v.Impact + " " + v.ID + ": " + v.Help + " at " + strings.Join(v.Nodes, ", ")
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}

// TestEveryRoute opens every route of the page registry as it is
// pre-rendered and as the app renders it: the app starts, the title is the
// page's own, a chapter's page holds the whole chapter (checkChapter), and
// axe finds no serious violation.
func TestEveryRoute(t *testing.T) {
	t.Parallel()
	if *axePath == "" {
		t.Fatal("-axe is required: make test installs axe-core and passes it")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := siteServer(t)
	b := sharedTab(t)
	// A chapter's embed page shows the same frames as its page, whose
	// answers are checked there (and offline in TestOfflineAfterOneVisit).
	b.withoutWidgetFrames("/embed/learn/")
	chapter := map[string]course.Chapter{}
	for _, c := range chapters(t) {
		chapter["/learn/"+c.Slug] = c
		chapter["/embed/learn/"+c.Slug] = c
	}
	for _, r := range site.Routes() {
		b.do(chromedp.Navigate(s.URL + strings.TrimPrefix(r.Path, "/")))
		if got := eval[string](b, `document.title`); got != ui.PageTitle(r.Path) {
			t.Errorf("%s: pre-rendered title %q; want %q", r.Path, got, ui.PageTitle(r.Path))
		}
		b.waitLive()
		if got := eval[string](b, `document.title`); got != ui.PageTitle(r.Path) {
			t.Errorf("%s: title %q; want %q", r.Path, got, ui.PageTitle(r.Path))
		}
		if c, ok := chapter[r.Path]; ok {
			// A chapter's page is whole when its prose, widgets and
			// questions are: the one load of it serves both checks.
			t.Run(strings.ReplaceAll(strings.TrimPrefix(r.Path, "/"), "/", "_"), func(t *testing.T) {
				b.in(t).checkChapter(c, "/")
			})
		}
		b.audit(t, axe, r.Path)
	}
	if len(chapter) == 0 {
		t.Error("the course has no chapters")
	}
}
