//go:build browser

package e2e

import (
	"context"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/scenario"
)

// natA11yPages are the NAT lab's entries for the accessibility audit.
func natA11yPages() []struct{ path, field, want string } {
	return []struct{ path, field, want string }{
		{"nat?preset=home&step=2", "step", "2"},
		{"nat?preset=port-forward&step=1", "delivered-to", "server"},
		{"nat?preset=hole-punch&step=5", "outcome", "filtered"},
		{"embed/nat?preset=cgnat&step=3&readonly=1", "outcome", "no-mapping"},
	}
}

// natOpen opens a lab link and waits until the app shows step.
func natOpen(t *testing.T, b *browser, base, path, step string) {
	t.Helper()
	b.do(chromedp.Navigate(base + path))
	b.waitField("step", step)
}

// natClick clicks the element matched by a CSS selector.
func natClick(b *browser, selector string) {
	b.t.Helper()
	if !eval[bool](b, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false; e.click(); return true })()`, selector)) {
		b.t.Fatalf("nothing matches %s", selector)
	}
}

// natFields returns the texts of every element with data-field=name.
func natFields(b *browser, name string) []string {
	b.t.Helper()
	return eval[[]string](b, fmt.Sprintf(`[...document.querySelectorAll('[data-field=%q]')].map(e => e.textContent)`, name))
}

func TestNatPresetsStepThrough(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	ids := []string{"home", "reply", "unsolicited", "port-forward", "cgnat", "hole-punch", "pool-exhausted"}
	for i, id := range ids {
		total := len(nat.Presets()[i].Scenario.Steps)
		natOpen(t, b, s.URL, "nat?preset="+id+"&step=0", "0")
		if got := b.field("scenario-name"); got != nat.Presets()[i].Scenario.Name {
			t.Errorf("%s: scenario-name = %q; want %q", id, got, nat.Presets()[i].Scenario.Name)
		}
		if got := b.field("outcome"); got != "start" {
			t.Errorf("%s step 0: outcome = %q; want start", id, got)
		}
		for n := 1; n <= total; n++ {
			natClick(b, `button[data-action="next"]`)
			b.waitField("step", strconv.Itoa(n))
			if got := b.field("outcome"); got == "" || got == "start" {
				t.Errorf("%s step %d: outcome = %q", id, n, got)
			}
			if len(natFields(b, "trace-event")) == 0 {
				t.Errorf("%s step %d: no trace events", id, n)
			}
		}
		u, _ := url.Parse(b.location())
		if u.Query().Get("step") != strconv.Itoa(total) || u.Query().Get("preset") != id {
			t.Errorf("%s: URL %s; want preset=%s&step=%d", id, u, id, total)
		}
		natClick(b, `button[data-action="prev"]`)
		b.waitField("step", strconv.Itoa(total-1))
	}
	if got := len(natFields(b, "punch-cell")); got != 81 {
		t.Errorf("%d punch cells; want 81", got)
	}
}

func TestNatUnsolicitedAndForwarding(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)

	natOpen(t, b, s.URL, "nat?preset=unsolicited&step=2", "2")
	natClick(b, `button[data-action="prev"]`)
	b.waitField("step", "1")
	if got, to := b.field("outcome"), b.field("delivered-to"); got != "no-mapping" || to != "none" {
		t.Errorf("unsolicited step 1: outcome %q delivered to %q; want a drop (no-mapping, none)", got, to)
	}
	if got := b.field("nat-empty"); got == "" {
		t.Errorf("unsolicited step 1: the table is not empty")
	}
	// The keyboard steps too: → from the step controls.
	eval[bool](b, `(() => { document.querySelector('button[data-action="next"]').focus(); return true })()`)
	b.do(chromedp.KeyEvent("\u0303")) // ArrowRight, as chromedp/kb spells it
	b.waitField("step", "2")
	natClick(b, `button[data-action="next"]`)
	b.waitField("step", "3")
	if got := b.field("outcome"); got != "filtered" {
		t.Errorf("unsolicited step 3: outcome %q; want filtered", got)
	}
	if rows := natFields(b, "nat-row"); len(rows) != 1 {
		t.Errorf("unsolicited step 3: %d table rows; want 1", len(rows))
	}
	if got := b.field("nat-inside"); got != "192.168.1.10:50000" {
		t.Errorf("nat-inside = %q", got)
	}
	if got := b.field("nat-proto"); got != "udp" {
		t.Errorf("nat-proto = %q", got)
	}

	natOpen(t, b, s.URL, "nat?preset=port-forward&step=1", "1")
	b.waitField("delivered-to", "server")
	if got := b.field("outcome"); got != "delivered" {
		t.Errorf("port forwarding step 1: outcome %q", got)
	}
	if got, exp := b.field("nat-outside"), b.field("nat-expires"); got != "203.0.113.7:443" || exp != "never (rule)" {
		t.Errorf("port forwarding rule row: outside %q expires %q", got, exp)
	}
	if got := natFields(b, "rewritten"); len(got) == 0 {
		t.Errorf("port forwarding step 1: no rewritten header field marked")
	}
}

func TestNatEditAndActions(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	natOpen(t, b, s.URL, "nat?preset=home&step=2", "2")

	errorAt := func(name string) string {
		return eval[string](b, fmt.Sprintf(`(() => { const i = document.querySelector('[name=%q]'); const m = i && document.getElementById(i.getAttribute('aria-describedby')); return m ? m.textContent : "no field" })()`, name))
	}
	waitErrorAt := func(name, want string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		got := ""
		for time.Now().Before(deadline) {
			if got = errorAt(name); strings.Contains(got, want) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("message at %s = %q; want %q", name, got, want)
	}
	b.typeInto("devices[0].addr", "10.0.0.300")
	waitErrorAt("devices[0].addr", `"10.0.0.300" is not an IPv4 address`)
	if got := eval[string](b, `document.querySelector('[name="devices[0].addr"]').getAttribute('aria-invalid')`); got != "true" {
		t.Errorf("aria-invalid = %q", got)
	}
	b.typeInto("devices[0].addr", "10.9.9.9")
	waitErrorAt("devices[0].addr", `not in "router"'s LAN`)
	b.typeInto("devices[0].addr", "192.168.1.50")
	waitErrorAt("devices[0].addr", "")
	deadline := time.Now().Add(30 * time.Second)
	for errorAt("devices[0].addr") != "" && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if got := b.field("nat-inside"); got != "192.168.1.50:50000" {
		t.Errorf("after readdressing, nat-inside = %q", got)
	}
	loc := b.location()
	if !strings.Contains(loc, "#s=1.") || strings.Contains(loc, "preset=") {
		t.Errorf("an edited scenario's link is %s; want the scenario in the fragment", loc)
	}

	// An action appends a step: someone on the internet connects in.
	natOpen(t, b, s.URL, "nat?preset=unsolicited&step=4", "4")
	natClick(b, `form:has([name="in-to"]) button[type="submit"]`)
	b.waitField("step", "5")
	if got := b.field("outcome"); got != "no-mapping" {
		t.Errorf("connect in: outcome %q", got)
	}
	// The reloaded link carries the new step.
	b.do(chromedp.Reload())
	b.waitField("steps", "5")
	if got := b.field("outcome"); got != "no-mapping" {
		t.Errorf("after reload: outcome %q", got)
	}

	// A tampered link opens the home preset with its explanation.
	frag := loc[strings.Index(loc, "#"):]
	for _, bad := range []string{frag[:len(frag)/2], "#s=1.AAAA" + frag[12:], "#s=9.abc"} {
		natOpen(t, b, s.URL, "nat?step=2"+bad, "2")
		deadline := time.Now().Add(30 * time.Second)
		for b.field("link-problem") == "" && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if got := b.field("link-problem"); !strings.HasPrefix(got, "s") {
			t.Errorf("link %s: link-problem = %q", bad, got)
		}
		if got := b.field("scenario-name"); got != nat.PresetHome().Name {
			t.Errorf("link %s: scenario %q; want the home preset", bad, got)
		}
	}
}

func TestNatEmbedReadonly(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	natOpen(t, b, s.URL, "embed/nat?preset=cgnat&step=3&readonly=1", "3")
	if got := b.field("outcome"); got != "no-mapping" {
		t.Errorf("cgnat step 3 outcome %q", got)
	}
	if got := eval[bool](b, `document.querySelector('[name="send-port"]').disabled || document.querySelector('[name="send-port"]').closest('fieldset').disabled`); !got {
		t.Errorf("readonly: the action inputs are enabled")
	}
	if got := eval[bool](b, `!!document.querySelector('.share')`); got {
		t.Errorf("embed page shows the share bar")
	}
	natClick(b, `button[data-action="next"]`)
	b.waitField("step", "4")
	if !strings.Contains(b.location(), "readonly=1") {
		t.Errorf("stepping lost readonly=1: %s", b.location())
	}
}

// TestNatDeviceEditorPages edits and removes devices on the second page of
// the device editor: each row changes the device it shows, not the one at
// the same place on the first page.
func TestNatDeviceEditorPages(t *testing.T) {
	t.Parallel()
	frag := natFragment(t, natBigScenario(0))
	s := siteServer(t)
	b := sharedTab(t)
	natOpen(t, b, s.URL, "nat?step=0#"+frag, "0")
	b.waitLive()
	names := func() []string {
		return eval[[]string](b, `[...document.querySelectorAll('[data-field="device"] input[name$=".name"]')].map(e => e.name + "=" + e.value)`)
	}
	if got := names(); len(got) != 20 || got[0] != "devices[0].name=host-0" {
		t.Fatalf("first page of devices: %v", got)
	}
	natClick(b, `.natlab-pager button:last-child`)
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s: devices shown %v", what, names())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitFor("the second page", func() bool { n := names(); return len(n) == 20 && n[0] == "devices[20].name=host-20" })

	b.typeInto("devices[21].name", "printer")
	waitFor("the rename", func() bool { return slices.Contains(names(), "devices[21].name=printer") })
	loc := ""
	waitFor("the link", func() bool { loc = b.location(); return strings.Contains(loc, "#s=") })
	st := natScenarioOf(t, loc)
	if st.Devices[21].Name != "printer" || st.Devices[1].Name != "host-1" {
		t.Errorf("after renaming the second row of page 2: devices[1] %q, devices[21] %q; want host-1, printer", st.Devices[1].Name, st.Devices[21].Name)
	}

	natClick(b, `[data-field="device"]:nth-of-type(3) button[aria-label^="Remove"]`)
	waitFor("the removal", func() bool { return !slices.Contains(names(), "devices[22].name=host-22") })
	st = natScenarioOf(t, b.location())
	if len(st.Devices) != 99 || slices.ContainsFunc(st.Devices, func(d nat.Device) bool { return d.Name == "host-22" }) ||
		!slices.ContainsFunc(st.Devices, func(d nat.Device) bool { return d.Name == "host-2" }) {
		t.Errorf("removing the third row of page 2 should remove host-22 only; devices now %d", len(st.Devices))
	}
}

// natFragment encodes sc as a lab link's fragment.
func natFragment(t *testing.T, sc nat.Scenario) string {
	t.Helper()
	state, err := sc.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	frag, err := scenario.Fragment(scenario.Document{Widget: scenario.WidgetNAT, State: state})
	if err != nil {
		t.Fatal(err)
	}
	return frag
}

// natScenarioOf decodes the scenario in a lab link's fragment.
func natScenarioOf(t *testing.T, link string) nat.Scenario {
	t.Helper()
	i := strings.Index(link, "#")
	if i < 0 {
		t.Fatalf("no fragment in %s", link)
	}
	doc, err := scenario.DecodeFragment(link[i+1:])
	if err != nil {
		t.Fatalf("%s: %v", link, err)
	}
	sc, err := nat.DecodeScenario(doc.State)
	if err != nil {
		t.Fatalf("%s: %v", link, err)
	}
	return sc
}

// TestNatBigScenarioRenderTime opens a 100-device, 1,000-step scenario and
// steps through it. It reports, per step, the main thread's busy time
// (script, style and layout, from Chromium's Performance domain, counted in
// thread time) and the latency from the click to the first frame that shows
// the new step, and the same for the share link written shortly after. The
// figures are reported, not asserted: the machines are shared and noisy. What
// is asserted is what makes a big scenario cheap to step: one page of table
// rows, and a link that still follows the step.
func TestNatBigScenarioRenderTime(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	// A few steps each way: make bench measures 15.
	t.Log("\n" + natStepTimings(t, b, s.URL, 4))
	if rows := len(natFields(b, "nat-row")); rows > 20 {
		t.Errorf("%d table rows rendered; want a page of at most 20", rows)
	}
}

// natStepTimings opens a 100-device, 1,000-step scenario at step 500,
// steps n times forward and n back, and reports the figures per step.
// Between steps it waits for the link to catch up, and fails if it never
// does.
func natStepTimings(t *testing.T, b *browser, base string, n int) string {
	t.Helper()
	frag := natFragment(t, natBigScenario(1000))
	natOpen(t, b, base, "nat?step=500#"+frag, "500")
	// Where a learner stepping through looks: the step controls at the top
	// of the window, the trace below them.
	eval[bool](b, `(() => { document.querySelector('button[data-action="next"]').scrollIntoView({block: "start"}); return true })()`)
	b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{TimeDomain: performance.EnableTimeDomainThreadTicks})
		return err
	}))
	metrics := func() map[string]float64 {
		m := map[string]float64{}
		b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			res, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
			if err != nil {
				return err
			}
			for _, x := range res.Metrics {
				m[x.Name] = x.Value
			}
			return nil
		}))
		return m
	}
	busy := func(before, after map[string]float64) (task, script, layout float64) {
		d := func(k string) float64 { return (after[k] - before[k]) * 1000 }
		return d("TaskDuration"), d("ScriptDuration"), d("RecalcStyleDuration") + d("LayoutDuration")
	}
	type sample struct{ latency, task, script, layout, linkTask float64 }
	step := func(action, want string) sample {
		m0 := metrics()
		latency := eval[float64](b, fmt.Sprintf(`new Promise(resolve => {
			const t0 = performance.now();
			const el = () => document.querySelector('[data-field="step"]');
			const obs = new MutationObserver(() => {
				if (el().textContent !== %q) return;
				obs.disconnect();
				requestAnimationFrame(() => resolve(performance.now() - t0));
			});
			obs.observe(document.body, {subtree: true, childList: true, characterData: true});
			document.querySelector('button[data-action=%q]').click();
		})`, want, action))
		m1 := metrics()
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(b.location(), "step="+want+"#") {
			if time.Now().After(deadline) {
				t.Fatalf("the link never reached step %s: %.80s", want, b.location())
			}
			time.Sleep(20 * time.Millisecond)
		}
		m2 := metrics()
		var s sample
		s.latency = latency
		s.task, s.script, s.layout = busy(m0, m1)
		s.linkTask, _, _ = busy(m1, m2)
		return s
	}
	// The same measurement around no click at all: what the measuring
	// itself costs the main thread.
	idle := func() float64 {
		m0 := metrics()
		eval[float64](b, `new Promise(resolve => requestAnimationFrame(() => resolve(0)))`)
		for range 3 {
			b.location()
		}
		task, _, _ := busy(m0, metrics())
		return task
	}
	var calib []float64
	for range 5 {
		calib = append(calib, idle())
	}
	slices.Sort(calib)
	// n steps forward, then n back: going back restarts the simulator
	// from a checkpoint.
	var samples []sample
	for i := range n {
		samples = append(samples, step("next", strconv.Itoa(501+i)))
	}
	for i := range n {
		samples = append(samples, step("prev", strconv.Itoa(500+n-1-i)))
	}
	// The first step also pays for the browser compiling the hot code
	// paths again; it is reported apart.
	first := samples[0]
	samples = samples[1:]
	col := func(f func(sample) float64) string {
		var v []float64
		for _, s := range samples {
			v = append(v, f(s))
		}
		slices.Sort(v)
		q := func(p float64) float64 { return v[int(p*float64(len(v)-1)+0.5)] }
		return fmt.Sprintf("median %5.1f  p90 %5.1f  max %5.1f", q(0.5), q(0.9), v[len(v)-1])
	}
	var r strings.Builder
	fmt.Fprintf(&r, "NAT lab, 100 devices and 1,000 steps, one step (%d steps at step 500, ms; a first step, %.1f ms busy, not counted):\n", len(samples), first.task)
	fmt.Fprintf(&r, "  main thread busy         %s   (measuring alone: %.1f)\n", col(func(s sample) float64 { return s.task }), calib[len(calib)/2])
	fmt.Fprintf(&r, "    of which script        %s\n", col(func(s sample) float64 { return s.script }))
	fmt.Fprintf(&r, "    of which style+layout  %s\n", col(func(s sample) float64 { return s.layout }))
	fmt.Fprintf(&r, "  click to next frame      %s\n", col(func(s sample) float64 { return s.latency }))
	fmt.Fprintf(&r, "  writing the link after   %s\n", col(func(s sample) float64 { return s.linkTask }))
	return r.String()
}

func natBigScenario(steps int) nat.Scenario {
	sc := nat.Scenario{Name: "big", Seed: 7, NATs: []nat.NAT{{Name: "router", LAN: netip.MustParsePrefix("10.0.0.0/16"),
		WAN:      []netip.Addr{netip.MustParseAddr("203.0.113.7")},
		Behavior: nat.Behavior{Mapping: nat.AddressAndPortDependentMapping, Filtering: nat.AddressAndPortDependentFiltering, Ports: nat.PortRandom}}}}
	for i := range 90 {
		sc.Devices = append(sc.Devices, nat.Device{Name: "host-" + strconv.Itoa(i), Behind: "router", Addr: netip.AddrFrom4([4]byte{10, 0, 0, byte(10 + i)})})
	}
	for i := range 10 {
		sc.Devices = append(sc.Devices, nat.Device{Name: "server-" + strconv.Itoa(i), Addr: netip.AddrFrom4([4]byte{198, 51, 100, byte(10 + i)})})
	}
	for i := range steps {
		switch {
		case i%50 == 49:
			sc.Steps = append(sc.Steps, nat.Step{Kind: nat.StepAdvance, By: 30 * time.Second})
		case i%3 == 2:
			sc.Steps = append(sc.Steps, nat.Step{Kind: nat.StepReply, From: "server-" + strconv.Itoa(i%10)})
		default:
			sc.Steps = append(sc.Steps, nat.Step{Kind: nat.StepSend, From: "host-" + strconv.Itoa(i%90), Proto: nat.Protocol(i % 2),
				SrcPort: uint16(40000 + i), To: netip.AddrPortFrom(netip.AddrFrom4([4]byte{198, 51, 100, byte(10 + i%10)}), 443)})
		}
	}
	return sc
}

// TestNatAccessibility runs axe-core on the lab's audit entries.
func TestNatAccessibility(t *testing.T) {
	t.Parallel()
	if *axePath == "" {
		t.Skip("-axe not given")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := siteServer(t)
	b := sharedTab(t)
	tour := b.stateTour(s.URL)
	for _, p := range natA11yPages() {
		tour.open(p.path, p.field, p.want)
		b.auditThemes(t, axe, "/"+p.path)
	}
}
