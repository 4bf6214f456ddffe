package nat_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/netground/netground/core/nat"
)

var (
	public   = netip.MustParseAddr("203.0.113.7")
	server1  = netip.MustParseAddr("93.184.216.34")
	server2  = netip.MustParseAddr("198.51.100.80")
	stranger = netip.MustParseAddr("198.51.100.66")
)

func ap(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

// home is one router with a laptop, a phone and a file server on its LAN
// and two servers and a stranger on the internet.
func home(b nat.Behavior) nat.Scenario {
	return nat.Scenario{
		Seed: 7,
		NATs: []nat.NAT{{Name: "router", LAN: netip.MustParsePrefix("192.168.1.0/24"), WAN: []netip.Addr{public}, Behavior: b}},
		Devices: []nat.Device{
			{Name: "laptop", Behind: "router", Addr: netip.MustParseAddr("192.168.1.10")},
			{Name: "phone", Behind: "router", Addr: netip.MustParseAddr("192.168.1.11")},
			{Name: "files", Behind: "router", Addr: netip.MustParseAddr("192.168.1.20")},
			{Name: "s1", Addr: server1},
			{Name: "s2", Addr: server2},
			{Name: "stranger", Addr: stranger},
		},
	}
}

func send(from string, p nat.Protocol, srcPort uint16, to string) nat.Step {
	return nat.Step{Kind: nat.StepSend, From: from, Proto: p, SrcPort: srcPort, To: ap(to)}
}

func reply(from string) nat.Step { return nat.Step{Kind: nat.StepReply, From: from} }

func advance(d time.Duration) nat.Step { return nat.Step{Kind: nat.StepAdvance, By: d} }

func newSim(t testing.TB, s nat.Scenario) *nat.Sim {
	t.Helper()
	sim, err := nat.New(s)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return sim
}

func apply(t testing.TB, sim *nat.Sim, st nat.Step) nat.Trace {
	t.Helper()
	tr, err := sim.Apply(st)
	if err != nil {
		t.Fatalf("Apply(%+v): %v", st, err)
	}
	return tr
}

// outside returns the source a packet had when it was delivered.
func outside(t testing.TB, tr nat.Trace) netip.AddrPort {
	t.Helper()
	to, p := tr.Delivered()
	if to == "" {
		t.Fatalf("packet not delivered: %v", tr.Outcome())
	}
	return p.Src
}
