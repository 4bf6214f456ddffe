package practice

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"time"

	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/subnet"
)

var (
	natLAN    = netip.MustParsePrefix("192.168.1.0/24")
	natPublic = netip.MustParseAddr("203.0.113.7")
	natWeb    = netip.MustParseAddr("198.51.100.20")
	natOther  = netip.MustParseAddr("198.51.100.66")
)

// natScenario is a home router with a laptop and a phone, a web server
// and another server on the internet.
func natScenario(b nat.Behavior, steps ...nat.Step) nat.Scenario {
	return nat.Scenario{
		Name: "practice",
		Seed: 1,
		NATs: []nat.NAT{{Name: "router", LAN: natLAN, WAN: []netip.Addr{natPublic}, Behavior: b}},
		Devices: []nat.Device{
			{Name: "laptop", Behind: "router", Addr: netip.MustParseAddr("192.168.1.10")},
			{Name: "phone", Behind: "router", Addr: netip.MustParseAddr("192.168.1.11")},
			{Name: "web", Addr: natWeb},
			{Name: "other", Addr: natOther},
		},
		Steps: steps,
	}
}

func natSend(from string, p nat.Protocol, src uint16, to netip.Addr, port uint16) nat.Step {
	return nat.Step{Kind: nat.StepSend, From: from, Proto: p, SrcPort: src, To: netip.AddrPortFrom(to, port)}
}

// runNAT replays every step and returns the traces and the table after the
// last one.
func runNAT(s nat.Scenario) ([]nat.Trace, []nat.Row) {
	sim, err := nat.New(s)
	if err != nil {
		panic("practice: nat scenario: " + err.Error())
	}
	var traces []nat.Trace
	for {
		tr, ok := sim.Next()
		if !ok {
			break
		}
		traces = append(traces, tr)
	}
	return traces, sim.Table()
}

func natTable(rows []nat.Row) Table {
	t := Table{Caption: "The router's translation table", Head: []string{"Protocol", "Inside", "Outside", "Keyed on", "Lets in"}}
	for _, r := range rows {
		keyed := "any destination"
		if r.Remote.IsValid() {
			keyed = endpoint(r.Remote)
		}
		var peers []string
		for _, p := range r.Peers {
			if !p.IsValid() {
				peers = append(peers, "anyone")
			} else {
				peers = append(peers, endpoint(p))
			}
		}
		if r.Static {
			keyed, peers = "port forward", []string{"anyone"}
		}
		t.Rows = append(t.Rows, []string{r.Proto.String(), r.Inside.String(), r.Outside.String(), keyed, strings.Join(peers, ", ")})
	}
	return t
}

// endpoint writes a filter or mapping key: an address with port 0 means the
// whole address.
func endpoint(ap netip.AddrPort) string {
	if ap.Port() == 0 {
		return ap.Addr().String() + " (any port)"
	}
	return ap.String()
}

func behaviorText(b nat.Behavior) string {
	return fmt.Sprintf("%s mapping, %s filtering, %s ports", b.Mapping, b.Filtering, b.Ports)
}

func traceSteps(tr nat.Trace) []string {
	var out []string
	for _, e := range tr.Events {
		if s := e.Reason(); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func genNAT(r *rand.Rand, level int) Question {
	switch level {
	case 1:
		return natFirst(r, nat.Behavior{Filtering: nat.AddressAndPortDependentFiltering})
	case 2:
		b := nat.Behavior{Filtering: pick(r, []nat.FilteringBehavior{nat.EndpointIndependentFiltering, nat.AddressDependentFiltering, nat.AddressAndPortDependentFiltering})}
		switch r.IntN(3) {
		case 0:
			return natSecond(r, b)
		}
		return natInbound(r, b, false)
	}
	b := nat.Behavior{
		Mapping:   pick(r, []nat.MappingBehavior{nat.EndpointIndependentMapping, nat.AddressDependentMapping, nat.AddressAndPortDependentMapping}),
		Filtering: pick(r, []nat.FilteringBehavior{nat.EndpointIndependentFiltering, nat.AddressDependentFiltering, nat.AddressAndPortDependentFiltering}),
		Ports:     pick(r, []nat.PortAssignment{nat.PortPreserve, nat.PortSequential}),
	}
	switch r.IntN(4) {
	case 0:
		return natPunch(r)
	case 1:
		return natMappings(r, b)
	case 2:
		return natSecond(r, b)
	}
	return natInbound(r, b, true)
}

func natFirst(r *rand.Rand, b nat.Behavior) Question {
	proto := pick(r, []nat.Protocol{nat.TCP, nat.UDP})
	src := uint16(octet(r, 40000, 60000))
	dport := uint16(443)
	if proto == nat.UDP {
		dport = pick(r, []uint16{53, 443, 123})
	}
	s := natScenario(b, natSend("laptop", proto, src, natWeb, dport))
	traces, table := runNAT(s)
	_, pkt := traces[0].Delivered()
	q := Question{
		Kind: FreeText,
		Text: fmt.Sprintf("The laptop 192.168.1.10 sends a %s packet from port %d to %s. Its home router has the public address %s and keeps source ports when it can. Which source address and port does the server see?",
			proto, src, netip.AddrPortFrom(natWeb, dport), natPublic),
		Format: "an address and port, like 192.0.2.1:50000",
		Answer: pkt.Src.String(),
		check: checkAddrPort(pkt.Src, func(ap netip.AddrPort) string {
			if ap.Addr() == netip.MustParseAddr("192.168.1.10") {
				return "that is the laptop's private address: the router rewrites it to its public address, or the reply could never come back"
			}
			return ""
		}),
		Steps: traceSteps(traces[0]),
		Table: natTable(table),
	}
	q.verify = natVerify(s, 0, pkt.Src)
	return q
}

// natVerify replays the scenario and checks the source the destination saw
// at step i.
func natVerify(s nat.Scenario, i int, want netip.AddrPort) func() error {
	return func() error {
		traces, _ := runNAT(s)
		_, p := traces[i].Delivered()
		if p.Src != want {
			return fmt.Errorf("replay: %s, first %s", p.Src, want)
		}
		return nil
	}
}

func natSecond(r *rand.Rand, b nat.Behavior) Question {
	src := uint16(octet(r, 40000, 60000))
	s := natScenario(b,
		natSend("laptop", nat.TCP, src, natWeb, 443),
		natSend("phone", nat.TCP, src, natWeb, 443))
	traces, table := runNAT(s)
	_, first := traces[0].Delivered()
	_, pkt := traces[1].Delivered()
	q := Question{
		Kind: FreeText,
		Text: fmt.Sprintf("Behind a router with the public address %s (%s), the laptop 192.168.1.10 opens a TCP connection from port %d to %s. Then the phone 192.168.1.11 does the same, from the same port %d. Which source address and port does the server see for the phone?",
			natPublic, behaviorText(b), src, netip.AddrPortFrom(natWeb, 443), src),
		Format: "an address and port, like 192.0.2.1:50000",
		Answer: pkt.Src.String(),
		check: checkAddrPort(pkt.Src, func(ap netip.AddrPort) string {
			if ap == first.Src {
				return "that public endpoint is already the laptop's; the router must give the phone another one, or replies would reach the wrong device"
			}
			return ""
		}),
		Steps: append(traceSteps(traces[0]), traceSteps(traces[1])...),
		Table: natTable(table),
	}
	q.verify = natVerify(s, 1, pkt.Src)
	return q
}

func natInbound(r *rand.Rand, b nat.Behavior, timing bool) Question {
	proto := nat.UDP
	src := uint16(octet(r, 40000, 60000))
	steps := []nat.Step{natSend("laptop", proto, src, natWeb, 3478)}
	type sender struct {
		name string
		addr netip.Addr
		port uint16
	}
	from := pick(r, []sender{{"web", natWeb, 3478}, {"web", natWeb, 3479}, {"other", natOther, 3478}})
	wait := time.Duration(0)
	if timing && r.IntN(2) == 0 {
		wait = pick(r, []time.Duration{90 * time.Second, 4 * time.Minute, 6 * time.Minute})
		steps = append(steps, nat.Step{Kind: nat.StepAdvance, By: wait})
	}
	traces0, _ := runNAT(natScenario(b, steps...))
	_, out := traces0[0].Delivered()
	steps = append(steps, natSend(from.name, proto, from.port, out.Src.Addr(), out.Src.Port()))
	s := natScenario(b, steps...)
	traces, table := runNAT(s)
	last := traces[len(traces)-1]
	delivered := last.Outcome() == nat.Delivered
	choices := []string{"yes, the laptop gets it", "no, the router drops it"}
	right := 1
	if delivered {
		right = 0
	}
	why := []string{"the router drops it: " + lastEvent(last), "the router lets it in: " + lastEvent(last)}
	text := fmt.Sprintf("Behind a router with the public address %s (%s), the laptop 192.168.1.10 sends a UDP packet from port %d to %s; the router maps it to %s.",
		natPublic, behaviorText(b), src, netip.AddrPortFrom(natWeb, 3478), out.Src)
	if wait > 0 {
		text += fmt.Sprintf(" %s pass with no traffic (UDP mappings last %s).", wait, nat.DefaultUDPTimeout)
	}
	text += fmt.Sprintf(" Then %s sends a UDP packet to %s. Does it reach the laptop?", netip.AddrPortFrom(from.addr, from.port), out.Src)
	q := choiceQ(text, choices, right, why)
	q.Steps = append(traceSteps(traces[0]), traceSteps(last)...)
	q.Table = natTable(table)
	q.verify = func() error {
		tr, _ := runNAT(s)
		if (tr[len(tr)-1].Outcome() == nat.Delivered) != delivered {
			return fmt.Errorf("replay disagrees")
		}
		return nil
	}
	return q
}

func lastEvent(tr nat.Trace) string {
	if len(tr.Events) == 0 {
		return ""
	}
	return strings.TrimSuffix(tr.Events[len(tr.Events)-1].Reason(), ".")
}

func natMappings(r *rand.Rand, b nat.Behavior) Question {
	src := uint16(octet(r, 40000, 60000))
	steps := []nat.Step{
		natSend("laptop", nat.UDP, src, natWeb, 3478),
		natSend("laptop", nat.UDP, src, natWeb, 3479),
		natSend("laptop", nat.UDP, src, natOther, 3478),
	}
	s := natScenario(b, steps...)
	traces, table := runNAT(s)
	n := 0
	for _, row := range table {
		if !row.Static {
			n++
		}
	}
	var given []string
	for _, st := range steps {
		given = append(given, fmt.Sprintf("udp 192.168.1.10:%d → %s", st.SrcPort, st.To))
	}
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("A router with %s mapping translates these three packets from the laptop, one after the other. How many mappings does its translation table hold afterwards?", b.Mapping),
		Given:  given,
		Format: "a number, like 2",
		Answer: fmt.Sprint(n),
		check: checkCount(subnet.CountOf(uint64(n)), func(c subnet.Count) string {
			return "each packet from the same inside endpoint reuses a mapping when the mapping behaviour keys it the same way: " + map[nat.MappingBehavior]string{
				nat.EndpointIndependentMapping:     "endpoint-independent mapping keys only on the inside endpoint",
				nat.AddressDependentMapping:        "address-dependent mapping keys on the inside endpoint and the destination address",
				nat.AddressAndPortDependentMapping: "address-and-port-dependent mapping keys on the inside endpoint and the destination address and port",
			}[b.Mapping]
		}),
		Table: natTable(table),
	}
	for _, tr := range traces {
		q.Steps = append(q.Steps, traceSteps(tr)...)
	}
	q.verify = func() error {
		want := map[nat.MappingBehavior]int{nat.EndpointIndependentMapping: 1, nat.AddressDependentMapping: 2, nat.AddressAndPortDependentMapping: 3}[b.Mapping]
		if want != n {
			return fmt.Errorf("model %d mappings, engine %d", want, n)
		}
		return nil
	}
	return q
}

func natPunch(r *rand.Rand) Question {
	types := nat.NATTypes()
	a, b := pick(r, types[:]), pick(r, types[:])
	p := nat.HolePunch(nat.Behavior{Mapping: a.Mapping, Filtering: a.Filtering}, nat.Behavior{Mapping: b.Mapping, Filtering: b.Filtering})
	choices := []string{"yes, in both directions", "only in one direction", "no, in neither direction"}
	right := 2
	switch {
	case p.AToB && p.BToA:
		right = 0
	case p.AToB || p.BToA:
		right = 1
	}
	dir := func(ok bool) string {
		if ok {
			return "gets through"
		}
		return "does not get through"
	}
	summary := fmt.Sprintf("Alice → Bob %s; Bob → Alice %s", dir(p.AToB), dir(p.BToA))
	why := []string{summary, summary, summary}
	q := choiceQ(fmt.Sprintf("Alice is behind a NAT with %s mapping and %s filtering (%s); Bob behind one with %s mapping and %s filtering (%s). Each learns its public endpoint from a STUN server, then both send to each other at the same time. Does UDP hole punching work?",
		a.Mapping, a.Filtering, a, b.Mapping, b.Filtering, b), choices, right, why)
	q.Steps = []string{
		"Hole punching needs each peer's packets to leave from the public endpoint the STUN server saw: endpoint-independent mapping keeps it; address-dependent or address-and-port-dependent mapping gives a new one for the peer.",
		"A packet from the peer gets in when the receiver's NAT has a mapping that admits it: the receiver must already have sent to that peer's address (and port, for address-and-port-dependent filtering).",
		summary + ".",
	}
	for _, tr := range p.Traces {
		if len(q.Steps) > 14 {
			break
		}
		for _, e := range tr.Events {
			if e.Decision.IsDrop() {
				q.Steps = append(q.Steps, e.Node+": "+e.Reason())
			}
		}
	}
	q.verify = func() error {
		again := nat.HolePunch(nat.Behavior{Mapping: a.Mapping, Filtering: a.Filtering}, nat.Behavior{Mapping: b.Mapping, Filtering: b.Filtering})
		if again.AToB != p.AToB || again.BToA != p.BToA {
			return fmt.Errorf("matrix disagrees for %s/%s", a, b)
		}
		return nil
	}
	return q
}
