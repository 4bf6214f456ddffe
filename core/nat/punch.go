package nat

import "net/netip"

// NATType is a mapping and filtering behaviour pair, the two properties
// that decide whether hole punching works (RFC 5128 section 3.3).
type NATType struct {
	Mapping   MappingBehavior
	Filtering FilteringBehavior
}

// String returns a short form such as "EIM/APDF", the abbreviations of
// RFC 4787 behaviours used in the literature.
func (t NATType) String() string {
	short := func(i uint8) string {
		switch i {
		case 0:
			return "EI"
		case 1:
			return "AD"
		}
		return "APD"
	}
	return short(uint8(t.Mapping)) + "M/" + short(uint8(t.Filtering)) + "F"
}

// NATTypes returns the nine NAT types in matrix order: mapping major,
// filtering minor, each from endpoint-independent to
// address-and-port-dependent.
func NATTypes() [9]NATType {
	var out [9]NATType
	for i := range out {
		out[i] = NATType{Mapping: MappingBehavior(i / 3), Filtering: FilteringBehavior(i % 3)}
	}
	return out
}

// Punch is the outcome of one hole-punching attempt.
type Punch struct {
	// A and B are the NAT types of Alice's and Bob's routers.
	A, B NATType
	// AToB and BToA report whether a packet from each peer reached the other.
	AToB, BToA bool
	// Traces are the steps of the attempt.
	Traces []Trace
}

// Success reports whether packets got through in both directions.
func (p Punch) Success() bool { return p.AToB && p.BToA }

// punchRounds is how many times each peer sends to the other.
const punchRounds = 3

// HolePunch simulates simultaneous UDP hole punching (RFC 5128 section 3.3)
// between Alice behind a NAT with behaviour a and Bob behind one with
// behaviour b. Each peer sends from port 4000 to a STUN-like server, which
// replies, so each learns the public endpoint its NAT gave it. Then, in
// rounds, each peer sends to the other's learned endpoint, Alice first; a
// peer that has received a packet from the other answers it instead, from
// where it arrived to where it came from, as ICE does with peer-reflexive
// candidates (RFC 8445 section 7.3.1.3).
func HolePunch(a, b Behavior) Punch {
	stun := netip.AddrPortFrom(ip(192, 0, 2, 1), 3478)
	sc := Scenario{
		Name: "hole punching",
		Seed: 1,
		NATs: []NAT{
			{Name: "alice-router", LAN: homeLAN(), WAN: []netip.Addr{ip(203, 0, 113, 7)}, Behavior: a},
			{Name: "bob-router", LAN: netip.PrefixFrom(ip(10, 0, 0, 0), 24), WAN: []netip.Addr{ip(198, 51, 100, 9)}, Behavior: b},
		},
		Devices: []Device{
			{Name: "alice", Behind: "alice-router", Addr: ip(192, 168, 1, 10)},
			{Name: "bob", Behind: "bob-router", Addr: ip(10, 0, 0, 20)},
			{Name: "stun", Addr: stun.Addr()},
		},
	}
	sim, err := New(sc)
	if err != nil {
		panic("nat: hole-punching scenario: " + err.Error())
	}
	out := Punch{A: NATType{a.Mapping, a.Filtering}, B: NATType{b.Mapping, b.Filtering}}
	apply := func(st Step) Trace {
		tr, err := sim.Apply(st)
		if err != nil {
			panic("nat: hole-punching step: " + err.Error())
		}
		out.Traces = append(out.Traces, tr)
		return tr
	}
	learn := func(peer string) netip.AddrPort {
		tr := apply(Step{Kind: StepSend, From: peer, Proto: UDP, SrcPort: 4000, To: stun})
		_, p := tr.Delivered()
		apply(Step{Kind: StepReply, From: "stun"})
		return p.Src
	}
	peers := [2]struct {
		name    string
		learned netip.AddrPort
		got     bool
	}{{name: "alice"}, {name: "bob"}}
	peers[0].learned, peers[1].learned = learn("alice"), learn("bob")
	for range punchRounds {
		for i := range peers {
			me, other := &peers[i], &peers[1-i]
			st := Step{Kind: StepSend, From: me.name, Proto: UDP, SrcPort: 4000, To: other.learned}
			if me.got {
				st = Step{Kind: StepReply, From: me.name}
			}
			if to, _ := apply(st).Delivered(); to == other.name {
				other.got = true
			}
		}
	}
	out.AToB, out.BToA = peers[1].got, peers[0].got
	return out
}

// HolePunchMatrix runs HolePunch for every pair of NAT types, indexed as
// NATTypes orders them: [alice][bob]. Behaviours other than mapping and
// filtering are the defaults.
func HolePunchMatrix() [9][9]Punch {
	var m [9][9]Punch
	types := NATTypes()
	for i, a := range types {
		for j, b := range types {
			p := HolePunch(Behavior{Mapping: a.Mapping, Filtering: a.Filtering}, Behavior{Mapping: b.Mapping, Filtering: b.Filtering})
			p.Traces = nil
			m[i][j] = p
		}
	}
	return m
}
