package natlab

import (
	"math/rand/v2"
	"net/netip"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/scenario"
)

// stepsOf runs a preset link to the end and returns the view of every step.
func stepsOf(t *testing.T, id string) ([]stepView, *lab) {
	t.Helper()
	st, problems := readLink(url.Values{"preset": {id}}, "", nil)
	if len(problems) > 0 || st.Preset != id {
		t.Fatalf("preset=%s: problems %v, preset %q", id, problems, st.Preset)
	}
	l, err := newLab(st.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	var out []stepView
	for n := 1; n <= l.total(); n++ {
		if err := l.seek(n); err != nil {
			t.Fatal(err)
		}
		out = append(out, computeStep(l.sc, l.at, l.trace))
	}
	return out, l
}

func TestPresetOutcomes(t *testing.T) {
	tests := []struct {
		preset      string
		step        int // 1-based
		outcome     string
		deliveredTo string
	}{
		{"home", 1, "delivered", "web"},
		{"home", 4, "delivered", "web"},
		{"reply", 2, "delivered", "laptop"},
		{"reply", 5, "no-mapping", "none"},
		{"unsolicited", 1, "no-mapping", "none"},
		{"unsolicited", 3, "filtered", "none"},
		{"unsolicited", 4, "delivered", "laptop"},
		{"port-forward", 1, "delivered", "server"},
		{"port-forward", 2, "delivered", "client"},
		{"port-forward", 3, "no-mapping", "none"},
		{"cgnat", 2, "delivered", "laptop"},
		{"cgnat", 3, "no-mapping", "none"},
		{"hole-punch", 5, "filtered", "none"},
		{"hole-punch", 6, "delivered", "alice"},
		{"hole-punch", 7, "delivered", "bob"},
		{"pool-exhausted", 3, "pool-exhausted", "none"},
		{"pool-exhausted", 5, "delivered", "web"},
	}
	for _, tt := range tests {
		views, _ := stepsOf(t, tt.preset)
		v := views[tt.step-1]
		if v.Outcome != tt.outcome || v.DeliveredTo != tt.deliveredTo {
			t.Errorf("%s step %d: outcome %q, delivered to %q; want %q, %q", tt.preset, tt.step, v.Outcome, v.DeliveredTo, tt.outcome, tt.deliveredTo)
		}
		if v.Step != tt.step || v.Describe == "" || v.Summary == "" {
			t.Errorf("%s step %d: view %+v lacks its step, action or summary", tt.preset, tt.step, v)
		}
		for _, e := range v.Events {
			if e.Reason == "" {
				t.Errorf("%s step %d: event %s at %s has no reason", tt.preset, tt.step, e.Decision, e.Node)
			}
		}
	}
}

func TestDropSummaryInWords(t *testing.T) {
	tests := []struct {
		preset  string
		step    int // 1-based
		summary string
	}{
		{"unsolicited", 1, "Dropped at router: no mapping or port-forwarding rule holds the port it was sent to."},
		{"unsolicited", 3, "Dropped at router: the filter admits no packet from that sender."},
		{"pool-exhausted", 3, "every public port is taken, so no new mapping can be made."},
		{"home", 1, "Delivered to web."},
	}
	for _, tt := range tests {
		views, _ := stepsOf(t, tt.preset)
		got := views[tt.step-1].Summary
		if !strings.Contains(got, tt.summary) {
			t.Errorf("%s step %d: summary %q; want %q", tt.preset, tt.step, got, tt.summary)
		}
		for _, code := range []string{"no-mapping", "pool-exhausted", "filtered."} {
			if strings.Contains(got, code) {
				t.Errorf("%s step %d: summary %q names the decision %q instead of saying it", tt.preset, tt.step, got, code)
			}
		}
	}
}

func TestIntroCountsDevices(t *testing.T) {
	tests := []struct {
		sc   nat.Scenario
		want string
	}{
		{nat.PresetHome(), "Three devices with private addresses reach the internet through one public address."},
		{nat.PresetCGNAT(), "Two devices with private addresses reach the internet through one public address."},
		{nat.PresetHolePunch(), "Two devices with private addresses reach the internet through two public addresses."},
		{nat.PresetHome().RemoveDevice(0).RemoveDevice(0), "One device with a private address reaches the internet through one public address."},
		{nat.Scenario{}, "Devices with private addresses reach the internet through a router's public address."},
	}
	for _, tt := range tests {
		got := introOf(tt.sc)
		if got != tt.want {
			t.Errorf("introOf(%q) = %q; want %q", tt.sc.Name, got, tt.want)
		}
		if strings.Contains(got, "Ten devices") {
			t.Errorf("introOf(%q) = %q; counts devices the scenario does not have", tt.sc.Name, got)
		}
	}
}

func TestTopologyCounts(t *testing.T) {
	for _, tt := range []struct {
		sc   nat.Scenario
		want string
	}{
		{nat.PresetHolePunch(), "with 1 device behind it"},
		{nat.PresetHome(), "with 3 devices behind it"},
	} {
		got := topoLabel(tt.sc, nil)
		if !strings.Contains(got, tt.want) || strings.Contains(got, "1 devices") || strings.Contains(got, " 1 hosts") {
			t.Errorf("topology of %q = %q; want %q", tt.sc.Name, got, tt.want)
		}
	}
}

func TestRewrittenFieldsMarked(t *testing.T) {
	views, _ := stepsOf(t, "home")
	// The phone reuses the laptop's source port: the router rewrites the
	// source address and port.
	v := views[1]
	var router eventView
	for _, e := range v.Events {
		if e.Node == "router" {
			router = e
		}
	}
	got := []string{}
	for _, f := range router.After.Fields {
		if f.Changed {
			got = append(got, f.Name)
		}
	}
	if strings.Join(got, " ") != "src-addr src-port" || !router.Rewrote {
		t.Errorf("router rewrote %v; want src-addr src-port", got)
	}
	for _, f := range router.Before.Fields {
		if f.Changed {
			t.Errorf("before header marks %s as changed", f.Name)
		}
	}
}

func TestTableRows(t *testing.T) {
	_, l := stepsOf(t, "home")
	tv := computeTable(l.table(), 0)
	if tv.Total != 4 || len(tv.Rows) != 4 || tv.Pages != 1 {
		t.Fatalf("home table: %d rows (%d shown, %d pages); want 4", tv.Total, len(tv.Rows), tv.Pages)
	}
	r := tv.Rows[1]
	if r.Inside != "192.168.1.11:50000" || r.Proto != "tcp" || r.Outside == "203.0.113.7:50000" || !strings.HasPrefix(r.Outside, "203.0.113.7:") {
		t.Errorf("phone row = %+v; want its own public port", r)
	}
	if r.Remote != "any (endpoint-independent)" || r.Expires != "in 4m" || r.State != "opening (transitory)" {
		t.Errorf("phone row = %+v", r)
	}
	_, pf := stepsOf(t, "port-forward")
	rows := computeTable(pf.table(), 0).Rows
	if len(rows) == 0 || !rows[0].Static || rows[0].Expires != "never (rule)" || rows[0].Outside != "203.0.113.7:443" {
		t.Errorf("port-forward first row = %+v; want the rule", rows)
	}
}

func TestTablePaging(t *testing.T) {
	rows := make([]nat.Row, 45)
	for i := range rows {
		rows[i] = nat.Row{NAT: "r", Entry: nat.Entry{Inside: netip.AddrPortFrom(netip.MustParseAddr("10.0.0.1"), uint16(i+1))}}
	}
	tests := []struct{ page, wantPage, first, last, n int }{
		{0, 0, 1, 20, 20}, {1, 1, 21, 40, 20}, {2, 2, 41, 45, 5}, {99, 2, 41, 45, 5}, {-3, 0, 1, 20, 20},
	}
	for _, tt := range tests {
		v := computeTable(rows, tt.page)
		if v.Page != tt.wantPage || v.First != tt.first || v.Last != tt.last || len(v.Rows) != tt.n || v.Pages != 3 {
			t.Errorf("computeTable(45 rows, %d) = page %d rows %d–%d (%d); want %d %d–%d (%d)", tt.page, v.Page, v.First, v.Last, len(v.Rows), tt.wantPage, tt.first, tt.last, tt.n)
		}
	}
}

func TestReadLink(t *testing.T) {
	custom := nat.PresetUnsolicited()
	custom.Name = "custom"
	doc, err := document(custom)
	if err != nil {
		t.Fatal(err)
	}
	frag, err := scenario.Fragment(doc)
	if err != nil {
		t.Fatal(err)
	}
	tampered := frag[:len(frag)-9] + "AAAAAAAAA"
	wrong := nat.PresetHome()
	wrong.Devices[0].Addr = netip.MustParseAddr("10.9.9.9") // not in the LAN
	wdoc, _ := document(wrong)
	invalid, _ := scenario.Fragment(wdoc)
	tests := []struct {
		query, fragment string
		name            string
		preset          string
		step            int
		problem         string // a substring of the problems, "" for none
	}{
		{"", "", nat.PresetHome().Name, "home", 1, ""},
		{"preset=cgnat&step=3", "", nat.PresetCGNAT().Name, "cgnat", 3, ""},
		{"preset=nope", "", nat.PresetHome().Name, "home", 1, "preset=nope"},
		{"preset=home&step=99", "", nat.PresetHome().Name, "home", 4, "has 4 steps"},
		{"preset=home&step=-1", "", nat.PresetHome().Name, "home", 1, "step=-1"},
		{"step=2", frag, "custom", "", 2, ""},
		{"preset=home&step=2", frag, "custom", "", 2, ""},
		{"step=2", tampered, nat.PresetHome().Name, "home", 2, "s: "},
		{"", "s=1.", nat.PresetHome().Name, "home", 1, "s: "},
		{"", invalid, nat.PresetHome().Name, "home", 1, "devices[0].addr"},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		st, problems := readLink(q, tt.fragment, nil)
		var texts []string
		for _, p := range problems {
			texts = append(texts, p.String())
		}
		all := strings.Join(texts, "; ")
		if st.Scenario.Name != tt.name || st.Preset != tt.preset || st.Step != tt.step {
			t.Errorf("readLink(%q, %.20q) = %q preset %q step %d; want %q %q %d", tt.query, tt.fragment, st.Scenario.Name, st.Preset, st.Step, tt.name, tt.preset, tt.step)
		}
		if (tt.problem == "") != (all == "") || !strings.Contains(all, tt.problem) {
			t.Errorf("readLink(%q, %.20q) problems %q; want %q", tt.query, tt.fragment, all, tt.problem)
		}
	}
	// The envelope's problem, already reported by the page, is not repeated.
	if _, problems := readLink(url.Values{}, tampered, []scenario.Problem{{Param: "s", Reason: "x"}}); len(problems) != 0 {
		t.Errorf("problems %v repeat the reported one", problems)
	}
}

func TestLinkParts(t *testing.T) {
	tests := []struct {
		preset, frag string
		step         int
		readonly     bool
		want         string
	}{
		{"home", "s=1.abc", 3, false, "/nat?preset=home&step=3"},
		{"", "s=1.abc", 0, false, "/nat?step=0#s=1.abc"},
		{"", "s=1.abc", 2, true, "/nat?step=2&readonly=1#s=1.abc"},
	}
	for _, tt := range tests {
		q, f := linkParts(tt.preset, tt.frag, tt.step, tt.readonly)
		if got := linkPath("/nat", q, f); got != tt.want {
			t.Errorf("link = %q; want %q", got, tt.want)
		}
	}
}

func TestEditDevice(t *testing.T) {
	base := nat.PresetHome()
	tests := []struct {
		field, value string
		parseErr     string // substring
		fieldErr     string // the FieldError's field after Validate, "" for valid
	}{
		{"addr", "192.168.1.50", "", ""},
		{"addr", "10.0.0.300", `"10.0.0.300" is not an IPv4 address`, ""},
		{"addr", "10.0.0.3", "", "devices[0].addr"},
		{"addr", "192.168.1.11", "", "devices[1].addr"}, // the phone's: reported at the second claimant
		{"name", "phone", "", "devices[1].name"},
		{"name", "", "", "devices[0].name"},
		{"name", "notebook", "", ""},
		{"behind", "", "", ""},
	}
	for _, tt := range tests {
		sc, msg := edited(base.EditDevice(0, tt.field, tt.value))
		if tt.parseErr != "" {
			if !strings.Contains(msg, tt.parseErr) {
				t.Errorf("edit %s=%q: message %q; want %q", tt.field, tt.value, msg, tt.parseErr)
			}
			continue
		}
		l, _ := newLab(base)
		err := l.replace(sc)
		got := ""
		if err != nil {
			got = fieldError(err).Field
		}
		if got != tt.fieldErr {
			t.Errorf("edit %s=%q: error at %q (%v); want %q", tt.field, tt.value, got, err, tt.fieldErr)
		}
		if err != nil && l.sc.Devices[0] != base.Devices[0] {
			t.Errorf("edit %s=%q: an invalid edit changed the scenario", tt.field, tt.value)
		}
	}
	// A rename follows into the steps.
	sc, _ := base.EditDevice(0, "name", "notebook")
	if sc.Steps[0].From != "notebook" || base.Steps[0].From != "laptop" {
		t.Errorf("rename: steps say %q (base %q)", sc.Steps[0].From, base.Steps[0].From)
	}
	// Removing a device removes its steps; adding gives a free address.
	if sc := base.RemoveDevice(0); len(sc.Devices) != 4 || len(sc.Steps) != 2 || sc.Validate() != nil {
		t.Errorf("remove laptop: %d devices, %d steps, %v", len(sc.Devices), len(sc.Steps), sc.Validate())
	}
	for _, behind := range []string{"router", ""} {
		sc, msg := edited(base.AddDevice(behind))
		if msg != "" || len(sc.Devices) != 6 || sc.Validate() != nil {
			t.Errorf("add behind %q: %q, %v", behind, msg, sc.Validate())
		}
	}
}

func TestEditBehavior(t *testing.T) {
	base := nat.PresetHome()
	tests := []struct {
		field, value, msg, fieldErr string
	}{
		{"mapping", "address-and-port-dependent", "", ""},
		{"filtering", "sideways", "not a filtering behavior", ""},
		{"udpTimeout", "10m", "", ""},
		{"udpTimeout", "soon", "not a duration", ""},
		{"udpTimeout", "800h", "", "nats[0].behavior.udpTimeout"},
		{"portMin", "2000", "", ""},
		{"portMax", "900", "", "nats[0].behavior.portMax"},
		{"hairpin", "true", "", ""},
	}
	for _, tt := range tests {
		sc, msg := edited(base.EditBehavior(0, tt.field, tt.value))
		if tt.msg != "" || msg != "" {
			if tt.msg == "" || !strings.Contains(msg, tt.msg) {
				t.Errorf("edit %s=%q: message %q; want %q", tt.field, tt.value, msg, tt.msg)
			}
			continue
		}
		got := ""
		if err := sc.Validate(); err != nil {
			got = fieldError(err).Field
		}
		if got != tt.fieldErr {
			t.Errorf("edit %s=%q: error at %q; want %q", tt.field, tt.value, got, tt.fieldErr)
		}
		if tt.fieldErr != "" && !editorInput(got) {
			t.Errorf("field %q has no editor input", got)
		}
	}
}

func TestActionEndpointMessages(t *testing.T) {
	f := defaultForm(nat.PresetHome())
	tests := []struct{ action, input, value, want string }{
		{"send", "send-to", "1.2.3.4", `"1.2.3.4" has no port; write it with one, such as 1.2.3.4:80`},
		{"fwd", "fwd-to", "192.168.1.20", `"192.168.1.20" has no port; write it with one, such as 192.168.1.20:80`},
		{"send", "send-to", "nowhere", `"nowhere" is not an IPv4 address and port such as "93.184.216.34:443"`},
	}
	for _, tt := range tests {
		form := map[string]string{}
		for k, v := range f {
			form[k] = v
		}
		form[tt.input] = tt.value
		_, errs := buildStep(tt.action, form)
		if errs[tt.input] != tt.want {
			t.Errorf("%s with %s=%q: message %q; want %q", tt.action, tt.input, tt.value, errs[tt.input], tt.want)
		}
	}
}

func TestActions(t *testing.T) {
	sc := nat.PresetHome()
	f := defaultForm(sc)
	tests := []struct {
		action  string
		set     map[string]string
		parse   string // input with a parse error
		applyAt string // the action input the simulator's error maps to
	}{
		{"send", nil, "", ""},
		{"send", map[string]string{"send-port": "0"}, "send-port", ""},
		{"send", map[string]string{"send-to": "nowhere"}, "send-to", ""},
		{"send", map[string]string{"send-proto": "icmp", "send-to": "93.184.216.34"}, "", ""},
		{"send", map[string]string{"send-from": "ghost"}, "", "send-from"},
		{"reply", nil, "", ""},
		{"in", nil, "", ""},
		{"advance", map[string]string{"advance-by": "-5m"}, "advance-by", ""},
		{"advance", nil, "", ""},
		{"fwd", nil, "", ""},
		{"fwd", map[string]string{"fwd-to": "10.0.0.1:443"}, "", "fwd-to"},
	}
	for _, tt := range tests {
		form := map[string]string{}
		for k, v := range f {
			form[k] = v
		}
		for k, v := range tt.set {
			form[k] = v
		}
		st, errs := buildStep(tt.action, form)
		if tt.parse != "" {
			if errs[tt.parse] == "" {
				t.Errorf("%s %v: no message at %s (%v)", tt.action, tt.set, tt.parse, errs)
			}
			continue
		}
		if len(errs) > 0 {
			t.Errorf("%s %v: messages %v", tt.action, tt.set, errs)
			continue
		}
		l, _ := newLab(sc)
		l.seek(1)
		err := l.add(st)
		got := ""
		if err != nil {
			got = actionFields[tt.action][fieldError(err).Field]
		}
		if got != tt.applyAt {
			t.Errorf("%s %v: error %v at %q; want %q", tt.action, tt.set, err, got, tt.applyAt)
		}
		if err == nil && (l.total() != 5 || l.at != 5 || l.trace.Step != 4) {
			t.Errorf("%s: lab at %d of %d, trace step %d; want the new last step", tt.action, l.at, l.total(), l.trace.Step)
		}
	}
}

func TestTopologyPath(t *testing.T) {
	views := map[string]topoView{}
	for _, id := range []string{"unsolicited", "cgnat", "hole-punch"} {
		_, l := stepsOf(t, id)
		l.seek(1)
		views[id] = computeTopo(l.sc, l.trace)
	}
	on := func(v topoView) []string {
		var out []string
		for _, n := range v.Nodes {
			if n.OnPath {
				out = append(out, n.Name+"#"+n.Order)
			}
		}
		return out
	}
	tests := map[string]string{
		"unsolicited": "router#2 stranger#1",
		"cgnat":       "carrier#3 router#2 laptop#1 web#4",
		"hole-punch":  "alice-router#2 alice#1 stun#3",
	}
	for id, want := range tests {
		if got := strings.Join(on(views[id]), " "); got != want {
			t.Errorf("%s path nodes = %q; want %q", id, got, want)
		}
		edges := 0
		for _, e := range views[id].Edges {
			if e.OnPath {
				edges++
			}
		}
		// Every path here crosses the internet once, which adds an edge.
		if want := len(strings.Fields(tests[id])); edges != want {
			t.Errorf("%s: %d edges on the path; want %d", id, edges, want)
		}
	}
}

func TestPunchMatrix(t *testing.T) {
	m := computePunch()
	if len(m.Types) != 9 || m.Types[0] != "EIM/EIF" || m.Types[8] != "APDM/APDF" {
		t.Fatalf("types = %v", m.Types)
	}
	if m.Cells[0][0].Result != "works" || m.Cells[8][8].Result != "fails" || m.Cells[2][8].Result != "fails" {
		t.Errorf("EIM/APDF×APDM/APDF = %v, APDM×APDM = %v; want fails", m.Cells[2][8], m.Cells[8][8])
	}
	for i := range m.Cells {
		for j := range m.Cells {
			if m.Cells[i][j].Result == "works" && m.Cells[j][i].Result != "works" {
				t.Errorf("matrix not symmetric at %d,%d", i, j)
			}
		}
	}
}

// bigScenario is 90 LAN devices and 10 servers with steps that send, reply
// and let time pass.
func bigScenario(steps int) nat.Scenario {
	sc := nat.Scenario{Name: "big", Seed: 7, NATs: []nat.NAT{{Name: "router", LAN: netip.MustParsePrefix("10.0.0.0/16"),
		WAN:      []netip.Addr{netip.MustParseAddr("203.0.113.7")},
		Behavior: nat.Behavior{Mapping: nat.AddressAndPortDependentMapping, Filtering: nat.AddressAndPortDependentFiltering, Ports: nat.PortRandom}}}}
	for i := range 90 {
		sc.Devices = append(sc.Devices, nat.Device{Name: "host-" + strconv.Itoa(i), Behind: "router", Addr: netip.AddrFrom4([4]byte{10, 0, byte(i / 200), byte(10 + i%200)})})
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

// TestBigScenarioStaysFast checks the work of one step of a 100-device,
// 1,000-step scenario: forward, back, and the views. The browser adds the
// render and a slower runtime; the figures are logged for that comparison.
func TestBigScenarioStaysFast(t *testing.T) {
	sc := bigScenario(1000)
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	l, err := newLab(sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.seek(999); err != nil {
		t.Fatal(err)
	}
	measure := func(fn func()) time.Duration {
		best := time.Hour
		for range 5 {
			start := time.Now()
			fn()
			best = min(best, time.Since(start))
		}
		return best
	}
	var v pageView
	views := func() {
		v = pageView{Step: computeStep(l.sc, l.at, l.trace), Table: computeTable(l.table(), 0), Topo: computeTopo(l.sc, l.trace)}
	}
	forward := measure(func() { l.seek(999); l.seek(1000); views() })
	back := measure(func() { l.seek(1000); l.seek(999); views() })
	t.Logf("100 devices, 1000 steps: next step + views %v, previous step (replay) + views %v; table %d rows, %d nodes drawn",
		forward, back, v.Table.Total, len(v.Topo.Nodes))
	if len(v.Table.Rows) > tablePageSize || len(v.Topo.Nodes) > 2*maxPictureDevices+5 {
		t.Errorf("views are not bounded: %d rows, %d nodes", len(v.Table.Rows), len(v.Topo.Nodes))
	}
	if got := len(l.checkpoints); got != 1000/l.every+1 {
		t.Errorf("%d checkpoints every %d steps after running 1000; want %d", got, l.every, 1000/l.every+1)
	}
}

// Seeking anywhere, in any order, shows what a fresh replay shows: the
// checkpoints the lab restarts from are exact copies.
func TestSeekMatchesReplay(t *testing.T) {
	lengths := []int{0, 1, 31, 32, 33, 700, 5000}
	if testing.Short() {
		lengths = lengths[:6] // the 5000-step scenario replays in seconds
	}
	for _, steps := range lengths {
		sc := bigScenario(steps)
		l, err := newLab(sc)
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(uint64(steps), 1))
		targets := []int{steps, 0, steps - 1, 1, l.every, l.every - 1, l.every + 1, 2 * l.every, steps / 2, steps + 5, -3}
		for range 20 {
			targets = append(targets, r.IntN(steps+1))
		}
		for _, n := range targets {
			if err := l.seek(n); err != nil {
				t.Fatal(err)
			}
			fresh, _ := newLab(sc)
			fresh.checkpoints = fresh.checkpoints[:1]
			fresh.every = steps + 1 // no checkpoints: run from the start
			if err := fresh.seek(n); err != nil {
				t.Fatal(err)
			}
			if l.at != fresh.at || !reflect.DeepEqual(l.trace, fresh.trace) || !reflect.DeepEqual(l.table(), fresh.table()) {
				t.Fatalf("%d steps, seek(%d): at %d, trace %+v; a fresh replay gives at %d, trace %+v", steps, n, l.at, l.trace, fresh.at, fresh.trace)
			}
		}
		if max := 64 + 1; len(l.checkpoints) > max {
			t.Errorf("%d steps: %d checkpoints; want at most %d", steps, len(l.checkpoints), max)
		}
	}
}

// TestTopologyFit checks the width below which the page lists the network
// instead of drawing it: where the drawing, scaled to fit, would shrink its
// 13 px text under 12 px.
func TestTopologyFit(t *testing.T) {
	for _, tt := range []struct {
		width int
		want  string
	}{
		{286, "20"},  // two leaves: 274 px needed, 17.1 rem
		{736, "45"},  // five leaves: 689 px, 43.1 rem
		{1036, "65"}, // seven leaves: 966 px, 60.4 rem, so the next multiple of 5
		{2086, "max"},
	} {
		need := float64(tt.width)*12/13 + 10
		got := fitOf(tt.width)
		if got != tt.want {
			t.Errorf("fitOf(%d) = %s; want %s (%.0f px needed)", tt.width, got, tt.want, need)
		}
	}
	for _, sc := range []nat.Scenario{nat.PresetHome(), nat.PresetHolePunch()} {
		if v := computeTopo(sc, nat.Trace{}); v.Fit != fitOf(v.Width) || v.Fit == "" {
			t.Errorf("%s: fit %q for width %d", sc.Name, v.Fit, v.Width)
		}
	}
}
