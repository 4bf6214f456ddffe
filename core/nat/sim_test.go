package nat_test

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/netground/netground/core/nat"
)

// TestTimeouts checks the idle timers: UDP at least 2 minutes (RFC 4787
// REQ-5), established TCP at least 2 hours 4 minutes and transitory TCP
// 4 minutes (RFC 5382 REQ-5), ICMP 60 seconds (RFC 5508 REQ-1), settable,
// and refreshed by outbound traffic (RFC 4787 REQ-6).
func TestTimeouts(t *testing.T) {
	const m = time.Minute
	tests := []struct {
		name  string
		b     nat.Behavior
		steps []nat.Step // after the laptop's first packet to s1
		alive bool       // s1's reply still reaches the laptop
	}{
		{"udp 2m", nat.Behavior{}, []nat.Step{advance(2 * m)}, true},
		{"udp default", nat.Behavior{}, []nat.Step{advance(nat.DefaultUDPTimeout - 1)}, true},
		{"udp default expired", nat.Behavior{}, []nat.Step{advance(nat.DefaultUDPTimeout)}, false},
		{"udp 30s set", nat.Behavior{UDPTimeout: 30 * time.Second}, []nat.Step{advance(29 * time.Second)}, true},
		{"udp 30s set expired", nat.Behavior{UDPTimeout: 30 * time.Second}, []nat.Step{advance(30 * time.Second)}, false},
		{"udp refreshed", nat.Behavior{}, []nat.Step{advance(4 * m), send("laptop", nat.UDP, 5000, "93.184.216.34:80"), advance(4 * m)}, true},
		{"udp inbound does not refresh", nat.Behavior{}, []nat.Step{advance(4 * m), reply("s1"), advance(4 * m)}, false},
		{"tcp transitory", nat.Behavior{}, []nat.Step{advance(4*m - 1)}, true},
		{"tcp transitory expired", nat.Behavior{}, []nat.Step{advance(4 * m)}, false},
		{"tcp established", nat.Behavior{}, []nat.Step{reply("s1"), advance(2*time.Hour + 4*m - 1)}, true},
		{"tcp established expired", nat.Behavior{}, []nat.Step{reply("s1"), advance(2*time.Hour + 4*m)}, false},
		{"tcp 1h set", nat.Behavior{TCPTimeout: time.Hour}, []nat.Step{reply("s1"), advance(time.Hour)}, false},
		{"icmp", nat.Behavior{}, []nat.Step{advance(59 * time.Second)}, true},
		{"icmp expired", nat.Behavior{}, []nat.Step{advance(time.Minute)}, false},
	}
	for _, tt := range tests {
		proto := nat.UDP
		switch {
		case strings.HasPrefix(tt.name, "tcp"):
			proto = nat.TCP
		case strings.HasPrefix(tt.name, "icmp"):
			proto = nat.ICMP
		}
		first := send("laptop", proto, 5000, "93.184.216.34:80")
		if proto == nat.ICMP {
			first.To = ap("93.184.216.34:0")
		}
		for i := range tt.steps {
			if tt.steps[i].Kind == nat.StepSend {
				tt.steps[i] = first
			}
		}
		sim := newSim(t, home(tt.b))
		apply(t, sim, first)
		for _, st := range tt.steps {
			apply(t, sim, st)
		}
		// The server answers the laptop's first packet.
		tr := apply(t, sim, nat.Step{Kind: nat.StepSend, From: "s1", Proto: proto, SrcPort: first.To.Port(), To: netip.AddrPortFrom(public, 5000)})
		to, _ := tr.Delivered()
		if got := to == "laptop"; got != tt.alive {
			t.Errorf("%s: reply delivered = %v (%v); want %v", tt.name, got, tr.Outcome(), tt.alive)
		}
	}
}

// TestHairpin checks RFC 4787 section 6: with hairpinning a LAN host
// reaches another through the router's public address and sees the
// sender's public endpoint as source (REQ-9); the filter still applies.
func TestHairpin(t *testing.T) {
	tests := []struct {
		hairpin bool
		f       nat.FilteringBehavior
		want    nat.Decision
	}{
		{false, eif, nat.HairpinOff},
		{true, eif, nat.Delivered},
		{true, adf, nat.Delivered},
		{true, apdf, nat.Filtered},
	}
	for _, tt := range tests {
		sim := newSim(t, home(nat.Behavior{Hairpin: tt.hairpin, Filtering: tt.f}))
		phone := outside(t, apply(t, sim, send("phone", nat.UDP, 6000, "93.184.216.34:80")))
		if tt.f == adf {
			// Under address-dependent filtering the phone must have sent to
			// the router's public address for anything from it to come in.
			apply(t, sim, send("phone", nat.UDP, 6000, "203.0.113.7:9"))
		}
		tr := apply(t, sim, send("laptop", nat.UDP, 5000, phone.String()))
		if got := tr.Outcome(); got != tt.want {
			t.Errorf("hairpin=%v %v: outcome %v; want %v", tt.hairpin, tt.f, got, tt.want)
			continue
		}
		if to, p := tr.Delivered(); to != "" && (to != "phone" || p.Src != ap("203.0.113.7:5000") || p.Dst != ap("192.168.1.11:6000")) {
			t.Errorf("hairpin=%v %v: delivered %v to %s; want udp 203.0.113.7:5000 → 192.168.1.11:6000 to phone", tt.hairpin, tt.f, p, to)
		}
	}
}

func TestForwarding(t *testing.T) {
	rule := func(port uint16, to string) nat.Forward { return nat.Forward{Proto: nat.TCP, Port: port, To: ap(to)} }
	fwd := func(r nat.Forward) nat.Step { return nat.Step{Kind: nat.StepForward, NAT: "router", Forward: r} }
	tests := []struct {
		name  string
		steps []nat.Step
		want  nat.Decision // of the last step
	}{
		{"rule added", []nat.Step{fwd(rule(443, "192.168.1.20:443"))}, nat.RuleAdded},
		{"inbound forwarded", []nat.Step{fwd(rule(443, "192.168.1.20:443")), send("stranger", nat.TCP, 40000, "203.0.113.7:443")}, nat.Delivered},
		{"reply leaves from the rule's port", []nat.Step{fwd(rule(443, "192.168.1.20:443")), send("stranger", nat.TCP, 40000, "203.0.113.7:443"), reply("files")}, nat.Delivered},
		{"two rules on one port", []nat.Step{fwd(rule(443, "192.168.1.20:443")), fwd(rule(443, "192.168.1.10:443"))}, nat.RuleConflict},
		{"rule on a port a mapping holds", []nat.Step{send("laptop", nat.TCP, 50000, "93.184.216.34:443"), fwd(rule(50000, "192.168.1.20:22"))}, nat.RuleConflict},
		{"udp rule beside a tcp mapping", []nat.Step{send("laptop", nat.TCP, 50000, "93.184.216.34:443"), fwd(nat.Forward{Proto: nat.UDP, Port: 50000, To: ap("192.168.1.20:22")})}, nat.RuleAdded},
		{"no rule", []nat.Step{send("stranger", nat.TCP, 40000, "203.0.113.7:443")}, nat.NoMapping},
	}
	for _, tt := range tests {
		sim := newSim(t, home(nat.Behavior{Filtering: apdf}))
		var tr nat.Trace
		for _, st := range tt.steps {
			tr = apply(t, sim, st)
		}
		if got := tr.Outcome(); got != tt.want {
			t.Errorf("%s: outcome %v; want %v", tt.name, got, tt.want)
		}
		if tt.want == nat.RuleConflict && !strings.Contains(tr.Events[0].Reason(), "already") {
			t.Errorf("%s: reason %q does not say the port is taken", tt.name, tr.Events[0].Reason())
		}
		if strings.HasPrefix(tt.name, "reply") {
			if _, p := tr.Delivered(); p.Src != ap("203.0.113.7:443") {
				t.Errorf("%s: reply from %v; want 203.0.113.7:443", tt.name, p.Src)
			}
		}
	}

	// A dynamic mapping never takes a forwarded port.
	s := home(nat.Behavior{})
	s.NATs[0].Forwards = []nat.Forward{rule(50000, "192.168.1.20:22")}
	sim := newSim(t, s)
	if got := outside(t, apply(t, sim, send("laptop", nat.TCP, 50000, "93.184.216.34:443"))); got.Port() == 50000 {
		t.Errorf("mapping took the forwarded port %v", got)
	}

	// Two rules on one port in the scenario itself are refused by Validate.
	s.NATs[0].Forwards = append(s.NATs[0].Forwards, rule(50000, "192.168.1.10:22"))
	const want = "nats[0].forwards[1]: tcp port 50000 on 203.0.113.7 is already forwarded to 192.168.1.20:22 by forwards[0]; one public port can lead to one inside endpoint only"
	if err := s.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v; want %s", err, want)
	}
}

func TestPoolExhausted(t *testing.T) {
	res, err := nat.Run(nat.PresetPoolExhausted())
	if err != nil {
		t.Fatal(err)
	}
	want := []nat.Decision{nat.Delivered, nat.Delivered, nat.PoolExhausted, nat.MappingExpired, nat.Delivered}
	for i, r := range res {
		if got := r.Trace.Outcome(); got != want[i] {
			t.Errorf("step %d: outcome %v; want %v", i, got, want[i])
		}
	}
	if reason := res[2].Trace.Events[1].Reason(); !strings.Contains(reason, "every public udp port in its pool") {
		t.Errorf("pool-exhausted reason %q does not say the pool is used up", reason)
	}
	// Pools are per protocol: TCP still has room.
	s := nat.PresetPoolExhausted()
	s.Steps = append(s.Steps[:3], send("tv", nat.TCP, 50000, "93.184.216.34:443"))
	res, _ = nat.Run(s)
	if got := res[3].Trace.Outcome(); got != nat.Delivered {
		t.Errorf("tcp after udp exhaustion: outcome %v; want delivered", got)
	}
}

func TestCGNAT(t *testing.T) {
	res, err := nat.Run(nat.PresetCGNAT())
	if err != nil {
		t.Fatal(err)
	}
	var created []string
	for _, e := range res[0].Trace.Events {
		if e.Decision == nat.MappingCreated {
			created = append(created, e.Node+" "+e.After.Src.Addr().String())
		}
	}
	if got, want := strings.Join(created, ", "), "router 100.64.12.34, carrier 203.0.113.100"; got != want {
		t.Errorf("outbound mappings %q; want %q", got, want)
	}
	if to, p := res[1].Trace.Delivered(); to != "laptop" || p.Dst != ap("192.168.1.10:50000") {
		t.Errorf("reply delivered to %q at %v; want laptop at 192.168.1.10:50000", to, p.Dst)
	}
	for i, want := range []nat.Decision{2: nat.NoMapping, 3: nat.NoHost} {
		if i >= 2 {
			if got := res[i].Trace.Outcome(); got != want {
				t.Errorf("step %d: outcome %v; want %v", i, got, want)
			}
		}
	}
	if !netip.MustParsePrefix("100.64.0.0/10").Contains(nat.PresetCGNAT().NATs[1].WAN[0]) {
		t.Errorf("home router WAN is not in the shared address space")
	}
}

// TestICMP checks RFC 5508 REQ-1: two hosts pinging with the same echo
// identifier get distinct public identifiers, and each reply comes back
// with the original identifier.
func TestICMP(t *testing.T) {
	sim := newSim(t, home(nat.Behavior{}))
	ping := func(from string) nat.Step {
		return nat.Step{Kind: nat.StepSend, From: from, Proto: nat.ICMP, SrcPort: 7, To: ap("93.184.216.34:0")}
	}
	a := outside(t, apply(t, sim, ping("laptop")))
	b := outside(t, apply(t, sim, ping("phone")))
	if a == b {
		t.Fatalf("both pings use public identifier %v", a)
	}
	for _, c := range []struct {
		out  netip.AddrPort
		to   string
		dest netip.AddrPort
	}{{a, "laptop", ap("192.168.1.10:7")}, {b, "phone", ap("192.168.1.11:7")}} {
		tr := apply(t, sim, nat.Step{Kind: nat.StepSend, From: "s1", Proto: nat.ICMP, To: c.out})
		if to, p := tr.Delivered(); to != c.to || p.Dst != c.dest {
			t.Errorf("echo reply to %v delivered to %q at %v; want %s at %v", c.out, to, p.Dst, c.to, c.dest)
		}
	}
}

func TestPortAssignment(t *testing.T) {
	tests := []struct {
		ports nat.PortAssignment
		want  []uint16 // public ports of laptop:5000, phone:5000, laptop:7000
	}{
		{nat.PortPreserve, []uint16{5000, 5001, 7000}},
		{nat.PortSequential, []uint16{1024, 1025, 1026}},
	}
	for _, tt := range tests {
		sim := newSim(t, home(nat.Behavior{Ports: tt.ports}))
		for i, st := range []nat.Step{send("laptop", nat.UDP, 5000, "93.184.216.34:80"), send("phone", nat.UDP, 5000, "93.184.216.34:80"), send("laptop", nat.UDP, 7000, "93.184.216.34:80")} {
			if got := outside(t, apply(t, sim, st)).Port(); got != tt.want[i] {
				t.Errorf("%v: packet %d public port %d; want %d", tt.ports, i, got, tt.want[i])
			}
		}
	}
	// Random assignment depends on the seed only.
	ports := func(seed uint64) uint16 {
		s := home(nat.Behavior{Ports: nat.PortRandom})
		s.Seed = seed
		return outside(t, apply(t, newSim(t, s), send("laptop", nat.UDP, 5000, "93.184.216.34:80"))).Port()
	}
	if ports(1) != ports(1) || ports(1) == ports(2) && ports(2) == ports(3) {
		t.Errorf("random ports: seed 1 → %d, %d; seed 2 → %d; seed 3 → %d", ports(1), ports(1), ports(2), ports(3))
	}
}

func TestPresets(t *testing.T) {
	want := map[string][]nat.Decision{
		"A home behind one public address":      {nat.Delivered, nat.Delivered, nat.Delivered, nat.Delivered},
		"The reply that comes back":             {nat.Delivered, nat.Delivered, nat.Delivered, nat.MappingExpired, nat.NoMapping},
		"Why can't anyone reach my laptop?":     {nat.NoMapping, nat.Delivered, nat.Filtered, nat.Delivered},
		"Port forwarding 443 to a home server":  {nat.Delivered, nat.Delivered, nat.NoMapping, nat.Delivered, nat.Delivered},
		"Double NAT behind a carrier-grade NAT": {nat.Delivered, nat.Delivered, nat.NoMapping, nat.NoHost},
		"Two peers punching holes":              {nat.Delivered, nat.Delivered, nat.Delivered, nat.Delivered, nat.Filtered, nat.Delivered, nat.Delivered},
		"Out of public ports":                   {nat.Delivered, nat.Delivered, nat.PoolExhausted, nat.MappingExpired, nat.Delivered},
	}
	for _, p := range nat.Presets() {
		s := p.Scenario
		res, err := nat.Run(s)
		if err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		w, ok := want[s.Name]
		if !ok || len(w) != len(res) {
			t.Errorf("%s: %d steps; want %d", s.Name, len(res), len(w))
			continue
		}
		for i, r := range res {
			if got := r.Trace.Outcome(); got != w[i] {
				t.Errorf("%s: step %d outcome %v; want %v", s.Name, i, got, w[i])
			}
			for _, e := range r.Trace.Events {
				if e.Reason() == "" {
					t.Errorf("%s: step %d: %v has no reason", s.Name, i, e.Decision)
				}
			}
		}
		data, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := nat.DecodeScenario(data); err != nil {
			t.Errorf("%s: its JSON does not decode: %v", s.Name, err)
		}
	}
}

func TestTable(t *testing.T) {
	s := home(nat.Behavior{Mapping: adm, Filtering: apdf})
	s.NATs[0].Forwards = []nat.Forward{{Proto: nat.TCP, Port: 443, To: ap("192.168.1.20:443")}}
	s.Steps = []nat.Step{send("laptop", nat.UDP, 5000, "93.184.216.34:80"), advance(time.Minute), send("laptop", nat.UDP, 5000, "93.184.216.34:81")}
	res, err := nat.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	rows := res[2].Table
	if len(rows) != 2 {
		t.Fatalf("%d rows; want 2: %+v", len(rows), rows)
	}
	if r := rows[0]; !r.Static || r.Outside != ap("203.0.113.7:443") || r.Inside != ap("192.168.1.20:443") {
		t.Errorf("rule row %+v", r)
	}
	r := rows[1]
	if r.Inside != ap("192.168.1.10:5000") || r.Outside != ap("203.0.113.7:5000") || r.Remote != ap("93.184.216.34:0") ||
		r.Age != time.Minute || r.Expires != nat.DefaultUDPTimeout || len(r.Peers) != 2 || r.Peers[1] != ap("93.184.216.34:81") {
		t.Errorf("mapping row %+v", r)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		json string
		want string
	}{
		{`{"devices":[{"name":"a","addr":"10.0.0.300"}]}`, `devices[0].addr: "10.0.0.300" is not an IPv4 address`},
		{`{"devices":[{"name":"a","addr":"1.2.3.4"},{"name":"a","addr":"1.2.3.5"}]}`, `devices[1].name: "a" is already the name of devices[0].name`},
		{`{"devices":[{"name":"a","addr":"1.2.3.4"},{"name":"b","addr":"1.2.3.4"}]}`, `devices[1].addr: 1.2.3.4 is already used by devices[0].addr on the same network`},
		{`{"devices":[{"name":"a","behind":"r","addr":"1.2.3.4"}]}`, `devices[0].behind: "r" is not the name of a NAT`},
		{`{"nats":[{"name":"r","lan":"192.168.1.1/24","wan":["1.2.3.4"]}]}`, `nats[0].lan: "192.168.1.1/24" has host bits set; did you mean "192.168.1.0/24"?`},
		{`{"nats":[{"name":"r","lan":"192.168.1.0/24","wan":[]}]}`, `nats[0].wan: a NAT needs at least one WAN address`},
		{`{"nats":[{"name":"r","lan":"192.168.1.0/24","wan":["1.2.3.4"],"behavior":{"mapping":"symmetric"}}]}`, `nats[0].behavior.mapping: "symmetric" is not a mapping behavior; want "endpoint-independent", "address-dependent" or "address-and-port-dependent"`},
		{`{"nats":[{"name":"r","lan":"192.168.1.0/24","wan":["1.2.3.4"],"behavior":{"udpTimeout":"soon"}}]}`, `nats[0].behavior.udpTimeout: "soon" is not a duration such as "2m" or "2h4m"`},
		{`{"nats":[{"name":"r","lan":"192.168.1.0/24","wan":["1.2.3.4"],"behavior":{"portMin":2000,"portMax":1000}}]}`, `nats[0].behavior.portMax: the pool ends at 1000, before it starts at 2000`},
		{`{"nats":[{"name":"a","behind":"b","lan":"10.0.0.0/8","wan":["100.64.0.1"]},{"name":"b","behind":"a","lan":"100.64.0.0/10","wan":["10.0.0.1"]}]}`, `nats[0].behind: "b" is behind "a" already; NATs cannot be behind each other in a loop`},
		{`{"nats":[{"name":"r","lan":"192.168.1.0/24","wan":["1.2.3.4"],"forwards":[{"proto":"icmp","port":1,"to":"192.168.1.2:1"}]}]}`, `nats[0].forwards[0].proto: only tcp and udp ports can be forwarded, not icmp`},
		{`{"nats":[{"name":"r","lan":"192.168.1.0/24","wan":["1.2.3.4"],"forwards":[{"proto":"tcp","port":443,"to":"10.0.0.2:443"}]}]}`, `nats[0].forwards[0].to: 10.0.0.2 is not in "r"'s LAN 192.168.1.0/24`},
		{`{"devices":[{"name":"a","addr":"1.2.3.4"}],"steps":[{"kind":"send","from":"b","to":"1.2.3.4:80","srcPort":1}]}`, `steps[0].from: "b" is not the name of a device`},
		{`{"devices":[{"name":"a","addr":"1.2.3.4"}],"steps":[{"kind":"send","from":"a","proto":"udp","to":"1.2.3.4:80"}]}`, `steps[0].srcPort: port 0 cannot be used; pick 1 to 65535`},
		{`{"devices":[{"name":"a","addr":"1.2.3.4"}],"steps":[{"kind":"send","from":"a","proto":"tcp","srcPort":1,"to":"1.2.3.4"}]}`, `steps[0].to: port 0 cannot be used; add a port such as "1.2.3.4:443"`},
		{`{"steps":[{"kind":"advance","by":"48h"}]}`, `steps[0].by: "48h0m0s" is not between 1ns and 24h0m0s`},
		{`{"steps":[{"kind":"jump"}]}`, `steps[0].kind: "jump" is not a step kind; want "send", "reply", "advance" or "forward"`},
		{`{"steps":[{"kind":"advance","by":5}]}`, `steps.by: want a string, not a JSON number`},
		{`{"devices":[{"name":"internet","addr":"1.2.3.4"}]}`, `devices[0].name: "internet" is reserved for the internet itself`},
		{`{"nats":[`, `not valid JSON: unexpected EOF`},
		{`{} {}`, `not valid JSON: text after the scenario`},
		{`{"steps":[` + strings.Repeat(`{"kind":"advance","by":"1s"},`, nat.MaxSteps) + `{"kind":"advance","by":"1s"}]}`, `steps: 10001 steps is more than the limit of 10000`},
	}
	for _, tt := range tests {
		_, err := nat.DecodeScenario([]byte(tt.json))
		var fe *nat.FieldError
		if err == nil || err.Error() != tt.want || !errors.As(err, &fe) {
			in := tt.json
			if len(in) > 60 {
				in = in[:60] + "…"
			}
			t.Errorf("DecodeScenario(%s) = %v; want %s", in, err, tt.want)
		}
	}
}

func TestApplyErrors(t *testing.T) {
	sim := newSim(t, home(nat.Behavior{}))
	tests := []struct {
		st   nat.Step
		want string
	}{
		{send("nobody", nat.UDP, 1, "93.184.216.34:80"), `step.from: "nobody" is not the name of a device`},
		{nat.Step{Kind: nat.StepForward, NAT: "router", Forward: nat.Forward{Proto: nat.TCP, Port: 80, To: ap("10.0.0.1:80")}}, `step.forward.to: 10.0.0.1 is not in "router"'s LAN 192.168.1.0/24`},
		{nat.Step{Kind: nat.StepAdvance}, `step.by: "0s" is not between 1ns and 24h0m0s`},
		{nat.Step{Kind: 9}, `step.kind: unknown step kind step(9)`},
	}
	for _, tt := range tests {
		if _, err := sim.Apply(tt.st); err == nil || err.Error() != tt.want {
			t.Errorf("Apply(%+v) = %v; want %s", tt.st, err, tt.want)
		}
	}
	if tr := apply(t, sim, reply("s1")); tr.Outcome() != nat.NothingToReply {
		t.Errorf("reply with nothing received: outcome %v; want nothing-to-reply", tr.Outcome())
	}
	if tr := apply(t, sim, send("laptop", nat.UDP, 1, "192.168.1.99:80")); tr.Outcome() != nat.NoHost {
		t.Errorf("send to an empty LAN address: outcome %v; want no-host", tr.Outcome())
	}
}

// TestLimitsFit checks that a scenario at the limits still fits in a share
// link and decodes.
func TestLimitsFit(t *testing.T) {
	s := bigScenario(nat.MaxDevices, nat.MaxSteps)
	data, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > nat.MaxScenarioBytes {
		t.Fatalf("%d devices and %d steps take %d bytes, more than MaxScenarioBytes %d", nat.MaxDevices, nat.MaxSteps, len(data), nat.MaxScenarioBytes)
	}
	if _, err := nat.DecodeScenario(data); err != nil {
		t.Fatal(err)
	}
}
