package nat

import (
	"net/netip"
	"strconv"
	"time"
)

// Packet is the part of an IP packet a NAT reads and rewrites. For ICMP the
// port of the inside endpoint is the echo identifier and the port of the
// remote endpoint is 0. The zero value is no packet: a dropped one.
type Packet struct {
	// Proto is the protocol.
	Proto Protocol
	// Src and Dst are the source and destination endpoints.
	Src, Dst netip.AddrPort
}

// IsValid reports whether p is a packet rather than the zero value.
func (p Packet) IsValid() bool { return p.Src.IsValid() }

// String returns a form such as "tcp 192.168.1.10:50000 → 93.184.216.34:443".
func (p Packet) String() string {
	if !p.IsValid() {
		return "no packet"
	}
	return p.Proto.String() + " " + p.Src.String() + " → " + p.Dst.String()
}

// reply is the packet that answers p.
func (p Packet) reply() Packet { return Packet{Proto: p.Proto, Src: p.Dst, Dst: p.Src} }

// Field is a set of header fields, used to mark what a rewrite changed.
type Field uint8

const (
	// FieldSrcAddr is the source address.
	FieldSrcAddr Field = 1 << iota
	// FieldSrcPort is the source port (for ICMP, the echo identifier).
	FieldSrcPort
	// FieldDstAddr is the destination address.
	FieldDstAddr
	// FieldDstPort is the destination port (for ICMP, the echo identifier).
	FieldDstPort
)

// Has reports whether f includes all of g.
func (f Field) Has(g Field) bool { return f&g == g }

// String lists the fields, as in "src-addr src-port", or "" for none.
func (f Field) String() string {
	var b []byte
	for i, n := range [...]string{"src-addr", "src-port", "dst-addr", "dst-port"} {
		if f&(1<<i) != 0 {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			b = append(b, n...)
		}
	}
	return string(b)
}

// Changed returns the fields that differ between a and b, or none if
// either is the zero Packet.
func Changed(a, b Packet) Field {
	var f Field
	if !a.IsValid() || !b.IsValid() {
		return 0
	}
	if a.Src.Addr() != b.Src.Addr() {
		f |= FieldSrcAddr
	}
	if a.Src.Port() != b.Src.Port() {
		f |= FieldSrcPort
	}
	if a.Dst.Addr() != b.Dst.Addr() {
		f |= FieldDstAddr
	}
	if a.Dst.Port() != b.Dst.Port() {
		f |= FieldDstPort
	}
	return f
}

// Decision is what happened at one point of a packet's path or of a step.
type Decision uint8

const (
	// Sent: a device put the packet on its network.
	Sent Decision = iota + 1
	// MappingCreated: a NAT made a new mapping and rewrote the source.
	MappingCreated
	// MappingReused: a NAT rewrote the source with an existing mapping.
	MappingReused
	// MappingExpired: a mapping was idle for its timeout and was removed.
	MappingExpired
	// Accepted: an inbound packet matched a mapping, passed the filter and
	// had its destination rewritten to the inside endpoint.
	Accepted
	// Forwarded: a port-forwarding rule rewrote an inbound destination, or
	// the source of a packet leaving from the rule's inside endpoint.
	Forwarded
	// Hairpinned: a NAT looped a packet from its LAN to its own public
	// address back into the LAN (RFC 4787 section 6).
	Hairpinned
	// Delivered: the packet reached the device at its destination.
	Delivered
	// ClockAdvanced: simulated time moved on.
	ClockAdvanced
	// RuleAdded: a port-forwarding rule was installed.
	RuleAdded

	// Filtered: a NAT dropped an inbound packet its filter did not admit.
	Filtered
	// NoMapping: a NAT dropped an inbound packet to a public port no
	// mapping or rule holds.
	NoMapping
	// PoolExhausted: a NAT had no free public port for a new mapping and
	// dropped the packet.
	PoolExhausted
	// HairpinOff: a NAT without hairpinning dropped a packet from its LAN to
	// its own public address.
	HairpinOff
	// NoHost: no device or router has the destination address.
	NoHost
	// TooManyHops: the packet went round more routers than any real path has.
	TooManyHops
	// NothingToReply: a reply step's device has received nothing yet.
	NothingToReply
	// RuleConflict: a port-forwarding rule was refused because its public
	// port is taken by another rule or by a live mapping.
	RuleConflict
)

// decisionName returns the name of the i-th value, or "" past the last one.
func decisionName(i int) string {
	switch i {
	case 1:
		return "sent"
	case 2:
		return "mapping-created"
	case 3:
		return "mapping-reused"
	case 4:
		return "mapping-expired"
	case 5:
		return "accepted"
	case 6:
		return "forwarded"
	case 7:
		return "hairpinned"
	case 8:
		return "delivered"
	case 9:
		return "clock-advanced"
	case 10:
		return "rule-added"
	case 11:
		return "filtered"
	case 12:
		return "no-mapping"
	case 13:
		return "pool-exhausted"
	case 14:
		return "hairpin-off"
	case 15:
		return "no-host"
	case 16:
		return "too-many-hops"
	case 17:
		return "nothing-to-reply"
	case 18:
		return "rule-conflict"
	}
	return ""
}

// String returns a kebab-case name such as "mapping-created".
func (d Decision) String() string {
	if n := decisionName(int(d)); n != "" {
		return n
	}
	return "decision(" + strconv.Itoa(int(d)) + ")"
}

// Describe says d in plain words for a sentence such as "Dropped at
// router: <Describe>.": "no mapping or port-forwarding rule holds the port it
// was sent to" for NoMapping. String stays the name for data and links.
func (d Decision) Describe() string {
	switch d {
	case Sent:
		return "the packet was sent"
	case MappingCreated:
		return "a new mapping was created"
	case MappingReused:
		return "an existing mapping was reused"
	case MappingExpired:
		return "a mapping expired"
	case Accepted:
		return "a mapping let the packet in"
	case Forwarded:
		return "a port-forwarding rule passed the packet on"
	case Hairpinned:
		return "the packet was turned round into the LAN (hairpinning)"
	case Delivered:
		return "the packet was delivered"
	case ClockAdvanced:
		return "the clock moved on"
	case RuleAdded:
		return "a port-forwarding rule was added"
	case Filtered:
		return "the filter admits no packet from that sender"
	case NoMapping:
		return "no mapping or port-forwarding rule holds the port it was sent to"
	case PoolExhausted:
		return "every public port is taken, so no new mapping can be made"
	case HairpinOff:
		return "the packet is for the NAT's own public address and hairpinning is off"
	case NoHost:
		return "no device has the destination address"
	case TooManyHops:
		return "the packet went round more routers than any real path has"
	case NothingToReply:
		return "the device has received nothing to reply to"
	case RuleConflict:
		return "the rule's public port is already taken"
	}
	return d.String()
}

// IsDrop reports whether d ends a packet's path without delivering it.
func (d Decision) IsDrop() bool { return d >= Filtered && d <= NothingToReply }

// Event is one decision of a Trace. The zero value is no event.
type Event struct {
	// Node is the device, NAT or Internet where it happened.
	Node string
	// Decision is what happened.
	Decision Decision
	// Before and After are the packet as it arrived and as it left; they
	// are equal when nothing was rewritten and zero for clock events.
	Before, After Packet
	// Entry is the mapping or rule involved, if any.
	Entry Entry
	// Mapping and Filtering are the behaviours of the NAT at Node.
	Mapping   MappingBehavior
	Filtering FilteringBehavior
	// Duration is the idle time of an expired mapping, or the clock advance.
	Duration time.Duration
}

// Changed returns the header fields the event rewrote.
func (e Event) Changed() Field { return Changed(e.Before, e.After) }

// Entry is a translation: an inside endpoint, the public endpoint that
// stands for it and, where the mapping behaviour keys on it, the remote.
// The zero value is no entry.
type Entry struct {
	// Proto is the protocol the entry translates.
	Proto Protocol
	// Inside is the private endpoint on the LAN.
	Inside netip.AddrPort
	// Outside is the public endpoint that stands for it.
	Outside netip.AddrPort
	// Remote is the destination part the mapping is keyed on: the zero
	// AddrPort for endpoint-independent mapping, the address with port 0
	// for address-dependent, the full endpoint for address-and-port-dependent.
	Remote netip.AddrPort
	// Static reports whether the entry is a port-forwarding rule.
	Static bool
}

// Trace is what one step did.
type Trace struct {
	// Step is the index of the step in the scenario, or -1 for a step
	// given to Sim.Apply.
	Step int
	// Kind is the step's kind.
	Kind StepKind
	// At is the simulated time after the step.
	At time.Duration
	// Events are the decisions in order.
	Events []Event
}

// Outcome returns the last decision, which says how the step ended, or 0
// for a trace without events.
func (t Trace) Outcome() Decision {
	if len(t.Events) == 0 {
		return 0
	}
	return t.Events[len(t.Events)-1].Decision
}

// Delivered returns the device a packet reached and the packet as it
// arrived, or "" and the zero Packet if none did.
func (t Trace) Delivered() (string, Packet) {
	if e := t.lastEvent(); e.Decision == Delivered {
		return e.Node, e.After
	}
	return "", Packet{}
}

func (t Trace) lastEvent() Event {
	if len(t.Events) == 0 {
		return Event{}
	}
	return t.Events[len(t.Events)-1]
}

// Reason explains the event in plain words for a learner.
func (e Event) Reason() string {
	var b text
	switch e.Decision {
	case Sent:
		b.s(e.Node).s(" sends ").s(article(e.Before.Proto)).s(" from ").ap(e.Before.Src).s(" to ").ap(e.Before.Dst).s(".")
	case MappingCreated:
		b.s(e.Node).s(" has no mapping for ").ap(e.Before.Src)
		switch e.Mapping {
		case AddressDependentMapping:
			b.s(" towards ").addr(e.Before.Dst.Addr())
		case AddressAndPortDependentMapping:
			b.s(" towards ").ap(e.Before.Dst)
		}
		b.s(", so it creates one: the source becomes its public ").ap(e.After.Src).s(" and it remembers the pair so replies can find their way back. ")
		b.s(mappingExplain(e.Mapping))
	case MappingReused:
		b.s(e.Node).s(" already maps ").ap(e.Before.Src).s(" to ").ap(e.After.Src).s(", so it reuses that mapping, rewrites the source and restarts its timer. ")
		b.s(mappingExplain(e.Mapping))
	case MappingExpired:
		b.s(e.Node).s(" forgets the mapping ").ap(e.Entry.Inside).s(" ↔ ").ap(e.Entry.Outside).s(" (").s(e.Entry.Proto.String()).s("): nothing went out through it for ").dur(e.Duration).s(". Replies to ").ap(e.Entry.Outside).s(" will now be dropped.")
	case Accepted:
		b.s(e.Node).s(" finds that ").ap(e.Before.Dst).s(" is the public side of ").ap(e.After.Dst).s(" and ")
		switch e.Filtering {
		case EndpointIndependentFiltering:
			b.s("its endpoint-independent filter lets anyone in, ")
		case AddressDependentFiltering:
			b.s("the inside host has sent to ").addr(e.Before.Src.Addr()).s(" before, ")
		default:
			b.s("the inside host has sent to ").ap(e.Before.Src).s(" before, ")
		}
		b.s("so it rewrites the destination and passes the packet in.")
	case Forwarded:
		if e.Entry.Outside == e.Before.Dst {
			b.s(e.Node).s(" has a port-forwarding rule: ").s(e.Entry.Proto.String()).s(" ").ap(e.Entry.Outside).s(" goes to ").ap(e.Entry.Inside).s(", so it rewrites the destination and lets the packet in, whoever sent it.")
		} else {
			b.s(e.Node).s(" sees a packet from ").ap(e.Entry.Inside).s(", the target of a port-forwarding rule, so it leaves from the rule's public ").ap(e.Entry.Outside).s(".")
		}
	case Hairpinned:
		b.s(e.Node).s(" sees that ").addr(e.Before.Dst.Addr()).s(" is its own public address and, with hairpinning on, turns the packet round into its LAN as if it had arrived from outside.")
	case Delivered:
		b.s(e.Node).s(" receives the packet from ").ap(e.After.Src).s(" on ").ap(e.After.Dst).s(".")
	case ClockAdvanced:
		b.s("Time moves on by ").dur(e.Duration).s(".")
	case RuleAdded:
		b.s(e.Node).s(" now forwards ").s(e.Entry.Proto.String()).s(" ").ap(e.Entry.Outside).s(" to ").ap(e.Entry.Inside).s(".")
	case Filtered:
		b.s(e.Node).s(" has a mapping on ").ap(e.Before.Dst).s(" but drops the packet: ")
		if e.Filtering == AddressDependentFiltering {
			b.s("the inside host never sent anything to ").addr(e.Before.Src.Addr()).s(" through it (address-dependent filtering).")
		} else {
			b.s("the inside host never sent anything to ").ap(e.Before.Src).s(" through it (address-and-port-dependent filtering).")
		}
	case NoMapping:
		b.s(e.Node).s(" drops the packet: no device inside has started a conversation that uses ").ap(e.Before.Dst).s(", and no port-forwarding rule opens it, so the router cannot know which device it is for.")
	case PoolExhausted:
		b.s(e.Node).s(" drops the packet: every public ").s(e.Before.Proto.String()).s(" port in its pool is held by a mapping, so it cannot make a new one until one expires.")
	case HairpinOff:
		b.s(e.Node).s(" drops the packet: ").addr(e.Before.Dst.Addr()).s(" is its own public address and hairpinning is off, so it will not loop the packet back into its LAN.")
	case NoHost:
		if e.Node == Internet {
			b.s("Nobody on the internet")
		} else {
			b.s("Nobody on ").s(e.Node).s("'s LAN")
		}
		b.s(" has the address ").addr(e.Before.Dst.Addr()).s(", so the packet is dropped.")
	case TooManyHops:
		b.s("The packet went round too many routers and is dropped.")
	case NothingToReply:
		b.s(e.Node).s(" has not received anything yet, so it has nothing to reply to.")
	case RuleConflict:
		b.s(e.Node).s(" refuses to forward ").s(e.Entry.Proto.String()).s(" ").ap(e.Entry.Outside).s(" to ").ap(e.Entry.Inside).s(": the port is already ")
		if e.Before.IsValid() {
			b.s("held by the mapping of ").ap(e.Before.Src).s(" until it expires.")
		} else {
			b.s("forwarded by another rule.")
		}
	}
	return string(b)
}

func mappingExplain(m MappingBehavior) string {
	switch m {
	case AddressDependentMapping:
		return "(Address-dependent mapping: each destination address gets its own public port.)"
	case AddressAndPortDependentMapping:
		return "(Address-and-port-dependent mapping: each destination address and port gets its own public port.)"
	}
	return "(Endpoint-independent mapping: the same public port is used whatever the destination.)"
}

func article(p Protocol) string {
	switch p {
	case TCP:
		return "a TCP segment"
	case ICMP:
		return "an ICMP echo"
	}
	return "a UDP datagram"
}

type text []byte

func (t *text) s(s string) *text { *t = append(*t, s...); return t }

func (t *text) ap(a netip.AddrPort) *text { *t = a.AppendTo(*t); return t }

func (t *text) addr(a netip.Addr) *text { *t = a.AppendTo(*t); return t }

func (t *text) dur(d time.Duration) *text { return t.s(d.String()) }
