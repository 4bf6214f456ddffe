//go:build browser

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/scenario"
)

// bindlabStep is a row of the lab's step table, as the browser shows it.
type bindlabStep struct{ Action, Verdict, Reasons string }

// bindlabSteps reads the step table: the starting sockets, then each action.
func bindlabSteps(b *browser) []bindlabStep {
	b.t.Helper()
	raw := eval[string](b, `JSON.stringify([...document.querySelectorAll('[data-field=step-row]')].map(r => ({
		Action: r.querySelector('[data-field=step-action]').textContent,
		Verdict: r.querySelector('[data-field=step-verdict]').textContent,
		Reasons: [...r.querySelectorAll('[data-field=step-reason]')].map(x => x.textContent).join(" | ")})))`)
	var out []bindlabStep
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		b.t.Fatal(err)
	}
	return out
}

// bindlabWaitSteps waits until the step table shows want, the verdicts of
// the setup and of every action in order.
func bindlabWaitSteps(b *browser, want []string) []bindlabStep {
	b.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var got []string
	for time.Now().Before(deadline) {
		// The pre-rendered page shows the default preset; only the app's
		// own rendering can be clicked.
		if !eval[bool](b, `!!document.querySelector('[data-live=true]')`) {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		steps := bindlabSteps(b)
		got = got[:0]
		for _, s := range steps {
			got = append(got, s.Verdict)
		}
		if strings.Join(got, ",") == strings.Join(want, ",") {
			return steps
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("step verdicts = %q; want %q", got, want)
	return nil
}

// bindlabClick clicks the element matched by a CSS selector.
func bindlabClick(b *browser, selector string) {
	b.t.Helper()
	if !eval[bool](b, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false; e.click(); return true })()`, selector)) {
		b.t.Fatalf("nothing matches %s", selector)
	}
}

// bindlabSelect chooses a value in the select named name.
func bindlabSelect(b *browser, name, value string) {
	b.t.Helper()
	if !eval[bool](b, fmt.Sprintf(`(() => { const s = document.querySelector('select[name=%q]'); if (!s) return false; s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, name, value)) {
		b.t.Fatalf("no select named %s", name)
	}
}

// bindlabWant returns the verdicts the core gives a scenario: its setup,
// then its actions.
func bindlabWant(t *testing.T, s bind.Scenario) []string {
	tr, err := bind.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range tr.Setup {
		want = append(want, r.Verdict.String())
	}
	for _, st := range tr.Steps {
		want = append(want, st.Result.Verdict.String())
	}
	return want
}

func TestBindlabEveryPresetLink(t *testing.T) {
	t.Parallel()
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	verdicts := map[string]bool{}
	for _, v := range []string{"connected", "refused", "timed out", "no route", "EADDRINUSE", "EADDRNOTAVAIL", "EACCES"} {
		verdicts[v] = true
	}
	for _, p := range bind.Presets() {
		b.do(chromedp.Navigate(s.URL + "bind?preset=" + p.Name))
		steps := bindlabWaitSteps(b, bindlabWant(t, p.Scenario))
		setup := len(p.Scenario.Sockets) + len(p.Scenario.Publish)
		latest := steps[len(steps)-1]
		if got := b.field("verdict"); got != latest.Verdict {
			t.Errorf("%s: verdict = %q; want the last step's %q", p.Name, got, latest.Verdict)
		}
		cells := eval[[]string](b, `[...document.querySelectorAll('[data-field=matrix-cell]')].map(e => e.textContent)`)
		for _, c := range cells {
			if !verdicts[c] {
				t.Errorf("%s: matrix cell %q is not a verdict in words", p.Name, c)
			}
		}
		action := func(i int) bindlabStep { return steps[setup+i-1] }
		switch p.Name {
		case "container-loopback":
			if len(cells) == 0 {
				t.Errorf("%s: no connection matrix", p.Name)
			}
			st := action(2)
			if st.Verdict != "refused" || !strings.Contains(st.Action, "8080") || !strings.Contains(st.Reasons, "127.0.0.1") || !strings.Contains(st.Reasons, "inside a container") {
				t.Errorf("%s: connecting through the published port: %+v; want refused, with 127.0.0.1 inside the container in the reasons", p.Name, st)
			}
		case "address-in-use":
			if st := action(1); st.Verdict != "EADDRINUSE" {
				t.Errorf("%s: binding 127.0.0.1:8080 beside 0.0.0.0:8080: %+v; want EADDRINUSE", p.Name, st)
			}
		case "localhost-ipv6":
			if st := action(1); st.Verdict != "refused" || !strings.Contains(st.Action, "first-only") {
				t.Errorf("%s: first-only client: %+v; want refused", p.Name, st)
			}
			if st := action(3); st.Verdict != "connected" || !strings.Contains(st.Reasons, "Happy Eyeballs") {
				t.Errorf("%s: Happy Eyeballs client: %+v; want connected", p.Name, st)
			}
		case "privileged-port":
			if st := action(1); st.Verdict != "EACCES" {
				t.Errorf("%s: port 80 without privilege: %+v; want EACCES", p.Name, st)
			}
		}
	}
}

func TestBindlabActionUpdatesTablesAndLink(t *testing.T) {
	t.Parallel()
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	p := bind.Presets()[1] // address-in-use
	b.do(chromedp.Navigate(s.URL + "bind?preset=" + p.Name))
	before := bindlabWaitSteps(b, bindlabWant(t, p.Scenario))
	sockets := len(eval[[]string](b, `[...document.querySelectorAll('[data-field=socket-row]')].map(e => e.textContent)`))

	// A connection from the LAN to the wildcard socket.
	bindlabSelect(b, "connect-from", "lan")
	b.typeInto("connect-to", "192.168.1.10")
	b.typeInto("connect-port", "8080")
	bindlabClick(b, `button[data-action="connect"]`)
	b.waitField("verdict", "connected")
	if got := b.field("latest-action"); !strings.Contains(got, "LAN") || !strings.Contains(got, "192.168.1.10") {
		t.Errorf("latest-action = %q; want the connection from the LAN", got)
	}
	if got := len(bindlabSteps(b)); got != len(before)+1 {
		t.Errorf("%d steps after connecting; want %d", got, len(before)+1)
	}
	link := b.location()
	if !strings.Contains(link, "#s=1.") || strings.Contains(link, "preset=") {
		t.Errorf("location = %q; want the scenario in the fragment", link)
	}

	// A new listening socket appears in the socket table.
	b.typeInto("listen-process", "worker")
	b.typeInto("listen-addr", "192.168.1.10")
	b.typeInto("listen-port", "9000")
	bindlabClick(b, `button[data-action="listen"]`)
	b.waitField("verdict", "ok")
	if got := len(eval[[]string](b, `[...document.querySelectorAll('[data-field=socket-row]')].map(e => e.textContent)`)); got != sockets+1 {
		t.Errorf("%d socket rows after listening; want %d", got, sockets+1)
	}

	// A validation error shows at its field and changes nothing.
	b.typeInto("listen-port", "70000")
	bindlabClick(b, `button[data-action="listen"]`)
	deadline := time.Now().Add(30 * time.Second)
	msg := ""
	for time.Now().Before(deadline) && !strings.Contains(msg, "70000") {
		msg = eval[string](b, `(document.querySelector('#listen-port-error [data-field=error]') || {textContent: ""}).textContent`)
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(msg, "70000") {
		t.Errorf("error under listen-port = %q; want it to name 70000", msg)
	}

	// The link reopens the same scenario.
	b.do(chromedp.Navigate(link))
	b.waitField("verdict", "connected")
	if got := len(bindlabSteps(b)); got != len(before)+1 {
		t.Errorf("the link reopened %d steps; want %d", got, len(before)+1)
	}
}

func TestBindlabPresetButtonPushesHistory(t *testing.T) {
	t.Parallel()
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	first := bind.Presets()[0]
	b.do(chromedp.Navigate(s.URL + "bind"))
	bindlabWaitSteps(b, bindlabWant(t, first.Scenario))
	n := eval[int](b, `history.length`)
	tw := bind.Presets()[5]
	bindlabClick(b, `button[data-preset="`+tw.Name+`"]`)
	bindlabWaitSteps(b, bindlabWant(t, tw.Scenario))
	if got := eval[int](b, `history.length`); got != n+1 {
		t.Errorf("history.length = %d; want %d", got, n+1)
	}
	if got := b.location(); !strings.HasSuffix(got, "bind?preset="+tw.Name) {
		t.Errorf("location = %q; want the preset's readable link", got)
	}
}

func TestBindlabTamperedLinks(t *testing.T) {
	t.Parallel()
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	def := bind.Presets()[0]
	invalid := bind.Scenario{V: bind.Version, Sockets: []bind.Socket{{Process: "x", Addr: bind.DefaultLAN.Addr(), Port: 70000}}}
	state, _ := json.Marshal(invalid)
	frag, err := scenario.Fragment(scenario.Document{Widget: scenario.WidgetBind, State: state})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{"bind#s=1.q1ZKy0xOtTJU0lEqS8wpTVWyUsrMyy9KLcnPz1GyUlBSSE/NS7JSMDQwMDBUMLAwMrU0NQ", "s:"},
		{"bind#s=1." + strings.Repeat("A", 40) + "!", "s:"},
		{"bind#" + frag, "sockets[0].port"},
		{"bind?preset=no-such-thing", "preset=no-such-thing"},
	} {
		b.do(chromedp.Navigate(s.URL + tc.path))
		got := b.waitFieldPrefix("link-problem", "")
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) && !strings.Contains(got, tc.want) {
			time.Sleep(50 * time.Millisecond)
			got = b.field("link-problem")
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: link-problem = %q; want it to mention %q", tc.path, got, tc.want)
		}
		bindlabWaitSteps(b, bindlabWant(t, def.Scenario))
	}
}

func TestBindlabEmbedReadonly(t *testing.T) {
	t.Parallel()
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	p := bind.Presets()[2]
	b.do(chromedp.Navigate(s.URL + "embed/bind?preset=" + p.Name + "&readonly=1"))
	bindlabWaitSteps(b, bindlabWant(t, p.Scenario))
	if eval[bool](b, `!!document.querySelector('.site-header')`) {
		t.Error("the embed page has the site header")
	}
	if !eval[bool](b, `[...document.querySelectorAll('input, select, button[data-action=connect], button[data-preset]')].every(e => e.disabled || e.closest('fieldset[disabled]'))`) {
		t.Error("readonly=1 left inputs enabled")
	}
}

// TestBindlabAccessibility runs axe-core on the lab's pages.
func TestBindlabAccessibility(t *testing.T) {
	t.Parallel()
	labAxe(t, []string{"bind?preset=container-loopback", "bind?preset=localhost-ipv6", "embed/bind?preset=address-in-use", "bind#s=1.broken"})
}

// labAxe runs axe-core on each page, in light and dark, and fails on any
// serious or critical violation.
func labAxe(t *testing.T, paths []string) {
	if *axePath == "" {
		t.Skip("-axe is not set")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	for _, theme := range []string{"light", "dark"} {
		for _, path := range paths {
			b.do(chromedp.Navigate(s.URL + path))
			deadline := time.Now().Add(60 * time.Second)
			for time.Now().Before(deadline) && !eval[bool](b, `!!document.querySelector('[data-live=true]')`) {
				time.Sleep(50 * time.Millisecond)
			}
			eval[bool](b, `(() => { document.documentElement.setAttribute("data-theme", "`+theme+`"); return true })()`)
			b.audit(t, axe, "/"+path+" ("+theme+")")
		}
	}
}
