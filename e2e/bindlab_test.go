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
	keys "github.com/chromedp/chromedp/kb"
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
	s := siteServer(t)
	b := sharedTab(t)
	verdicts := map[string]bool{}
	for _, v := range []string{"connected", "refused", "reset", "timed out", "no route", "EADDRINUSE", "EADDRNOTAVAIL", "EACCES"} {
		verdicts[v] = true
	}
	for _, p := range bind.Presets() {
		b.do(chromedp.Navigate(s.URL + "bind?preset=" + p.Name))
		steps := bindlabWaitSteps(b, bindlabWant(t, p.Scenario))
		setup := len(p.Scenario.Sockets) + len(p.Scenario.Publish)
		// A preset opens on its symptom: the failing step is the headline.
		symptom := steps[setup+p.Story.Symptom-1]
		if got, at := b.field("verdict"), b.field("step"); got != symptom.Verdict || at != fmt.Sprint(p.Story.Symptom) {
			t.Errorf("%s: step %s, verdict %q; want the symptom, step %d, %q", p.Name, at, got, p.Story.Symptom, symptom.Verdict)
		}
		if got := b.field("story-problem"); got != p.Story.Problem {
			t.Errorf("%s: story-problem = %q; want %q", p.Name, got, p.Story.Problem)
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
			if st.Verdict != "reset" || !strings.Contains(st.Action, "8080") || !strings.Contains(st.Reasons, "empty reply from server") || !strings.Contains(st.Reasons, "inside a container") {
				t.Errorf("%s: connecting through docker-proxy: %+v; want reset (an empty reply), with 127.0.0.1 inside the container in the reasons", p.Name, st)
			}
			if st := action(3); st.Verdict != "refused" || !strings.Contains(st.Reasons, "127.0.0.1") {
				t.Errorf("%s: connecting from the LAN through DNAT: %+v; want refused", p.Name, st)
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
	s := siteServer(t)
	b := sharedTab(t)
	p := bind.Presets()[1] // address-in-use
	b.do(chromedp.Navigate(s.URL + "bind?preset=" + p.Name))
	before := bindlabWaitSteps(b, bindlabWant(t, p.Scenario))

	// A connection from the LAN to the wildcard socket, taken at the
	// symptom step, is added after the last step and shown there.
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
	if got := b.field("step"); got != fmt.Sprint(len(p.Scenario.Actions)+1) {
		t.Errorf("step %s after connecting; want the new last step, %d", got, len(p.Scenario.Actions)+1)
	}
	sockets := len(eval[[]string](b, `[...document.querySelectorAll('[data-field=socket-row]')].map(e => e.textContent)`))
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
	s := siteServer(t)
	b := sharedTab(t)
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
	if got := b.location(); !strings.HasSuffix(got, fmt.Sprintf("bind?preset=%s&step=%d", tw.Name, tw.Story.Symptom)) {
		t.Errorf("location = %q; want the preset's readable link", got)
	}
}

func TestBindlabTamperedLinks(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
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
	s := siteServer(t)
	b := sharedTab(t)
	p := bind.Presets()[2]
	b.do(chromedp.Navigate(s.URL + "embed/bind?preset=" + p.Name + "&readonly=1"))
	bindlabWaitSteps(b, bindlabWant(t, p.Scenario))
	if eval[bool](b, `!!document.querySelector('.site-header')`) {
		t.Error("the embed page has the site header")
	}
	if !eval[bool](b, `[...document.querySelectorAll('input, select, button[data-action=connect], button[data-preset]')].every(e => e.disabled || e.closest('fieldset[disabled]') || e.closest('.lab-step-controls'))`) {
		t.Error("readonly=1 left inputs enabled")
	}
	// Stepping still works in a fixed example.
	at := b.field("step")
	bindlabClick(b, `button[data-action="first"]`)
	b.waitField("step", "0")
	if at == "0" {
		t.Errorf("the embed opened at step 0; want the symptom, %d", p.Story.Symptom)
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
	s := siteServer(t)
	b := sharedTab(t)
	for _, path := range paths {
		b.do(chromedp.Navigate(s.URL + path))
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) && !eval[bool](b, `!!document.querySelector('[data-live=true]')`) {
			time.Sleep(50 * time.Millisecond)
		}
		b.auditThemes(t, axe, "/"+path)
	}
}

// TestBindlabOpensOnTheProblem opens the presets the way a shared link
// does: address-in-use headlines EADDRINUSE, the default preset the reset
// behind docker-proxy, not the fixed ending.
func TestBindlabOpensOnTheProblem(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "bind?preset=address-in-use"))
	b.waitLive()
	b.waitField("verdict", "EADDRINUSE")
	if got := b.field("latest-action"); !strings.Contains(got, "127.0.0.1:8080") {
		t.Errorf("address-in-use headline action = %q; want the bind of 127.0.0.1:8080", got)
	}
	if got := b.field("step"); got != "1" {
		t.Errorf("address-in-use opens on step %s; want 1", got)
	}
	b.do(chromedp.Navigate(s.URL + "bind"))
	b.waitLive()
	b.waitField("verdict", "reset")
	if got := b.field("latest-action"); !strings.Contains(got, "127.0.0.1 port 8080") {
		t.Errorf("default preset headline action = %q; want the host connecting to 127.0.0.1 port 8080", got)
	}
	if got := b.field("reason"); got == "" {
		t.Errorf("no reasons under the headline")
	}
	if reasons := eval[string](b, `[...document.querySelectorAll('[data-field=reason]')].map(e => e.textContent).join(" ")`); !strings.Contains(reasons, "empty reply from server") {
		t.Errorf("reasons %q do not say what the client sees", reasons)
	}
}

// TestBindlabStepping steps through a preset with the buttons and the
// keyboard, and checks that the link follows, back and forward restore the
// step, and a reload keeps it.
func TestBindlabStepping(t *testing.T) {
	t.Parallel()
	labStepTour(t, "bind", bind.Presets()[1].Name, len(bind.Presets()[1].Scenario.Actions), bind.Presets()[1].Story.Symptom,
		bind.Presets()[5].Name, bind.Presets()[5].Story.Symptom)
}

// labStepTour opens lab?preset=first (a preset of total steps that opens on
// step symptom) and steps through it with the buttons and the keys, then
// opens the preset second (opening on step second Symptom) with its
// button, and goes back and forward.
func labStepTour(t *testing.T, lab, first string, total, symptom int, second string, secondSymptom int) {
	s := siteServer(t)
	b := sharedTab(t)
	at := func(n int) {
		t.Helper()
		b.waitField("step", fmt.Sprint(n))
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) && !strings.Contains(b.location(), fmt.Sprintf("step=%d", n)) {
			time.Sleep(50 * time.Millisecond)
		}
		if got := b.location(); !strings.Contains(got, fmt.Sprintf("step=%d", n)) {
			t.Fatalf("at step %d the location is %q", n, got)
		}
		if got := eval[int](b, `[...document.querySelectorAll('[data-field=step-row][aria-current=step]')].length`); got == 0 {
			t.Errorf("at step %d no row of the step table is marked current", n)
		}
	}
	b.do(chromedp.Navigate(s.URL + lab + "?preset=" + first))
	b.waitLive()
	b.waitField("step", fmt.Sprint(symptom))
	if got := b.field("steps"); got != fmt.Sprint(total) {
		t.Errorf("steps = %s; want %d", got, total)
	}
	// The buttons.
	bindlabClick(b, `button[data-action="next"]`)
	at(symptom + 1)
	bindlabClick(b, `button[data-action="prev"]`)
	at(symptom)
	// The keyboard, with the focus on the step controls.
	eval[bool](b, `(() => { document.querySelector('button[data-action="next"]').focus(); return true })()`)
	b.do(chromedp.KeyEvent(keys.ArrowRight))
	at(symptom + 1)
	b.do(chromedp.KeyEvent(keys.ArrowLeft))
	at(symptom)
	b.do(chromedp.KeyEvent(keys.End))
	at(total)
	eval[bool](b, `(() => { document.querySelector('button[data-action="prev"]').focus(); return true })()`)
	b.do(chromedp.KeyEvent(keys.Home))
	at(0)
	// The icons are inline SVG, hidden from assistive technology; the words
	// label the buttons.
	if got := eval[string](b, `[...document.querySelectorAll('.lab-step-controls button')].map(e => e.textContent.trim()).join(",")`); got != "Start,Previous,Next,End" {
		t.Errorf("step buttons read %q", got)
	}
	if !eval[bool](b, `[...document.querySelectorAll('.lab-step-controls button')].every(e => { const i = e.querySelector('svg'); return i && i.getAttribute('aria-hidden') === 'true' })`) {
		t.Errorf("a step button lacks its hidden SVG icon")
	}
	// A reload keeps the step.
	bindlabClick(b, `button[data-action="next"]`)
	at(1)
	b.do(chromedp.Reload())
	b.waitLive()
	at(1)
	// Another preset is a new history entry; back and forward follow the
	// link, each preset at its step.
	bindlabClick(b, `button[data-preset="`+second+`"]`)
	at(secondSymptom)
	b.do(chromedp.NavigateBack())
	at(1)
	if !strings.Contains(b.location(), "preset="+first) {
		t.Errorf("back: location %q; want the first preset", b.location())
	}
	b.do(chromedp.NavigateForward())
	at(secondSymptom)
	if !strings.Contains(b.location(), "preset="+second) {
		t.Errorf("forward: location %q; want the second preset", b.location())
	}
}
