package nat

import (
	"net/netip"
	"time"

	"github.com/netground/netground/core/story"
)

// Addresses used by the presets: private ranges from RFC 1918, shared
// address space from RFC 6598 and documentation ranges from RFC 5737.
func homeLAN() netip.Prefix         { return netip.PrefixFrom(ip(192, 168, 1, 0), 24) }
func homePublic() netip.Addr        { return ip(203, 0, 113, 7) }
func webServer() netip.Addr         { return ip(93, 184, 216, 34) }
func videoServer() netip.Addr       { return ip(198, 51, 100, 80) }
func stranger() netip.Addr          { return ip(198, 51, 100, 66) }
func ip(a, b, c, d byte) netip.Addr { return netip.AddrFrom4([4]byte{a, b, c, d}) }

func homeRouter(b Behavior) NAT {
	return NAT{Name: "router", LAN: homeLAN(), WAN: []netip.Addr{homePublic()}, Behavior: b}
}

func lan(name string, last byte) Device {
	return Device{Name: name, Behind: "router", Addr: netip.AddrFrom4([4]byte{192, 168, 1, last})}
}

func send(from string, p Protocol, srcPort uint16, to netip.Addr, port uint16) Step {
	return Step{Kind: StepSend, From: from, Proto: p, SrcPort: srcPort, To: netip.AddrPortFrom(to, port)}
}

func reply(from string) Step { return Step{Kind: StepReply, From: from} }

func advance(d time.Duration) Step { return Step{Kind: StepAdvance, By: d} }

// typicalHome() is how most home routers behave: endpoint-independent mapping
// as RFC 4787 REQ-1 asks, strict filtering, port preservation.
func typicalHome() Behavior {
	return Behavior{Mapping: EndpointIndependentMapping, Filtering: AddressAndPortDependentFiltering}
}

// PresetHome returns a home with a laptop, a phone and a TV behind one
// public address, each opening a connection. The phone uses the same source
// port as the laptop, so the router has to pick another public port for it.
func PresetHome() Scenario {
	return Scenario{
		Name: "A home behind one public address",
		Seed: 1,
		NATs: []NAT{homeRouter(typicalHome())},
		Devices: []Device{lan("laptop", 10), lan("phone", 11), lan("tv", 12),
			{Name: "web", Addr: webServer()}, {Name: "video", Addr: videoServer()}},
		Steps: []Step{
			send("laptop", TCP, 50000, webServer(), 443),
			send("phone", TCP, 50000, webServer(), 443),
			send("tv", UDP, 40000, videoServer(), 443),
			send("laptop", ICMP, 7, webServer(), 0),
		},
	}
}

// PresetReply returns the reply that comes back: the laptop opens a
// connection, the server answers, and the router translates the answer back
// to the laptop using the mapping the first packet created.
func PresetReply() Scenario {
	return Scenario{
		Name:    "The reply that comes back",
		Seed:    1,
		NATs:    []NAT{homeRouter(typicalHome())},
		Devices: []Device{lan("laptop", 10), {Name: "web", Addr: webServer()}},
		Steps: []Step{
			send("laptop", TCP, 50000, webServer(), 443),
			reply("web"),
			reply("laptop"),
			advance(3 * time.Hour),
			reply("web"),
		},
	}
}

// PresetUnsolicited returns "why can't anyone reach my laptop": a stranger()
// on the internet tries to connect in and is dropped because no mapping
// exists; then, even while the laptop talks to a server, the stranger() is
// filtered because the laptop never talked to it.
func PresetUnsolicited() Scenario {
	return Scenario{
		Name:    "Why can't anyone reach my laptop?",
		Seed:    1,
		NATs:    []NAT{homeRouter(typicalHome())},
		Devices: []Device{lan("laptop", 10), {Name: "web", Addr: webServer()}, {Name: "stranger", Addr: stranger()}},
		Steps: []Step{
			send("stranger", TCP, 40000, homePublic(), 22),
			send("laptop", UDP, 50000, webServer(), 443),
			send("stranger", UDP, 40000, homePublic(), 50000),
			reply("web"),
		},
	}
}

// PresetPortForward returns port forwarding 443 to a home server: a client
// on the internet connects to the public address, the router forwards it,
// the server's reply leaves from port 443, and the laptop reaches the same
// server through the public address thanks to hairpinning.
func PresetPortForward() Scenario {
	b := typicalHome()
	b.Hairpin = true
	r := homeRouter(b)
	r.Forwards = []Forward{{Proto: TCP, Port: 443, To: netip.AddrPortFrom(netip.AddrFrom4([4]byte{192, 168, 1, 20}), 443)}}
	return Scenario{
		Name:    "Port forwarding 443 to a home server",
		Seed:    1,
		NATs:    []NAT{r},
		Devices: []Device{lan("server", 20), lan("laptop", 10), {Name: "client", Addr: stranger()}},
		Steps: []Step{
			send("client", TCP, 51000, homePublic(), 443),
			reply("server"),
			send("client", TCP, 51000, homePublic(), 8443),
			send("laptop", TCP, 50000, homePublic(), 443),
			reply("server"),
		},
	}
}

// PresetCGNAT returns double NAT behind a carrier-grade NAT: the home
// router's WAN address is in the shared address space 100.64.0.0/10
// (RFC 6598), the carrier's NAT holds the public address. Outbound
// connections work through both; the home router's port forwarding does
// not help, because the carrier's NAT has no rule — a service that needs a
// public address cannot run here.
func PresetCGNAT() Scenario {
	home := homeRouter(typicalHome())
	home.Behind = "carrier"
	home.WAN = []netip.Addr{netip.MustParseAddr("100.64.12.34")}
	home.Forwards = []Forward{{Proto: TCP, Port: 443, To: netip.AddrPortFrom(netip.AddrFrom4([4]byte{192, 168, 1, 20}), 443)}}
	carrier := NAT{Name: "carrier", LAN: netip.MustParsePrefix("100.64.0.0/10"), WAN: []netip.Addr{netip.MustParseAddr("203.0.113.100")},
		Behavior: Behavior{Mapping: EndpointIndependentMapping, Filtering: AddressAndPortDependentFiltering, Ports: PortRandom}}
	return Scenario{
		Name:    "Double NAT behind a carrier-grade NAT",
		Seed:    1,
		NATs:    []NAT{carrier, home},
		Devices: []Device{lan("laptop", 10), lan("server", 20), {Name: "web", Addr: webServer()}, {Name: "client", Addr: stranger()}},
		Steps: []Step{
			send("laptop", TCP, 50000, webServer(), 443),
			reply("web"),
			send("client", TCP, 51000, netip.MustParseAddr("203.0.113.100"), 443),
			send("client", TCP, 51000, netip.MustParseAddr("100.64.12.34"), 443),
		},
	}
}

// PresetHolePunch returns two peers punching holes: Alice and Bob, each
// behind a typical home router, learn their public endpoints from a
// STUN-like server (RFC 5389), then send to each other at the same time
// (RFC 5128 section 3.3). Alice's first packet is filtered by Bob's router,
// but it opens Alice's router for Bob, whose packet gets through; Alice's
// answer then finds Bob's router open too.
func PresetHolePunch() Scenario {
	alicePublic, bobPublic := netip.MustParseAddr("203.0.113.7"), netip.MustParseAddr("198.51.100.9")
	stun := netip.MustParseAddr("192.0.2.1")
	return Scenario{
		Name: "Two peers punching holes",
		Seed: 1,
		NATs: []NAT{
			{Name: "alice-router", LAN: homeLAN(), WAN: []netip.Addr{alicePublic}, Behavior: typicalHome()},
			{Name: "bob-router", LAN: netip.MustParsePrefix("10.0.0.0/24"), WAN: []netip.Addr{bobPublic}, Behavior: typicalHome()},
		},
		Devices: []Device{
			{Name: "alice", Behind: "alice-router", Addr: netip.MustParseAddr("192.168.1.10")},
			{Name: "bob", Behind: "bob-router", Addr: netip.MustParseAddr("10.0.0.20")},
			{Name: "stun", Addr: stun},
		},
		Steps: []Step{
			send("alice", UDP, 4000, stun, 3478),
			reply("stun"),
			send("bob", UDP, 4000, stun, 3478),
			reply("stun"),
			send("alice", UDP, 4000, bobPublic, 4000),
			send("bob", UDP, 4000, alicePublic, 4000),
			reply("alice"),
		},
	}
}

// PresetPoolExhausted returns a router whose public port pool has two
// ports: the third device's connection fails until a mapping expires.
func PresetPoolExhausted() Scenario {
	b := typicalHome()
	b.PortMin, b.PortMax = 61000, 61001
	return Scenario{
		Name:    "Out of public ports",
		Seed:    1,
		NATs:    []NAT{homeRouter(b)},
		Devices: []Device{lan("laptop", 10), lan("phone", 11), lan("tv", 12), {Name: "web", Addr: webServer()}},
		Steps: []Step{
			send("laptop", UDP, 50000, webServer(), 443),
			send("phone", UDP, 50000, webServer(), 443),
			send("tv", UDP, 50000, webServer(), 443),
			advance(DefaultUDPTimeout),
			send("tv", UDP, 50000, webServer(), 443),
		},
	}
}

// Preset is a ready-made scenario for one question people ask about
// NAT: Title names it, Lesson is the question it answers.
type Preset = story.Preset[Scenario]

// Presets returns every preset, in the order the lab lists them.
func Presets() []Preset {
	return []Preset{
		{Name: "home", Title: "Home: laptop, phone and TV", Lesson: "How do three devices share one public address?", Scenario: PresetHome()},
		{Name: "reply", Title: "The reply that comes back", Lesson: "How does the answer find the laptop?", Scenario: PresetReply()},
		{Name: "unsolicited", Title: "Why can't anyone reach my laptop?", Lesson: "What happens to a connection nobody asked for?", Scenario: PresetUnsolicited()},
		{Name: "port-forward", Title: "Port forwarding 443 to a home server", Lesson: "How do I run a server at home?", Scenario: PresetPortForward()},
		{Name: "cgnat", Title: "Double NAT behind a carrier-grade NAT", Lesson: "Why does a service that needs a public address fail here?", Scenario: PresetCGNAT()},
		{Name: "hole-punch", Title: "Two peers punching holes", Lesson: "How do two peers behind NATs talk directly?", Scenario: PresetHolePunch()},
		{Name: "pool-exhausted", Title: "Out of public ports", Lesson: "What happens when every public port is taken?", Scenario: PresetPoolExhausted()},
	}
}
