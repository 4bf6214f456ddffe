package subnet

import "net/netip"

// Reach is how a host sends a packet to another address.
type Reach uint8

const (
	// ReachNone is the zero Reach: not computed.
	ReachNone Reach = iota
	// ReachSelf: the destination is the host itself; the packet never leaves it.
	ReachSelf
	// ReachDirect: the destination is on-link; the host finds its MAC
	// address with ARP (IPv4) or Neighbor Discovery (IPv6) and sends to it.
	ReachDirect
	// ReachGateway: the destination is off-link; the host sends the packet
	// to its gateway's MAC address and the router forwards it.
	ReachGateway
)

// String returns "self", "direct" or "gateway", or "none" for the zero Reach.
func (r Reach) String() string {
	switch r {
	case ReachSelf:
		return "self"
	case ReachDirect:
		return "direct"
	case ReachGateway:
		return "gateway"
	}
	return "none"
}

// Verdict summarises whether two hosts are neighbours.
type Verdict uint8

const (
	// VerdictNone is the zero Verdict: not computed.
	VerdictNone Verdict = iota
	// VerdictSameHost: both are the same address.
	VerdictSameHost
	// VerdictSameSubnet: both hosts are in the same subnet and reach each
	// other directly.
	VerdictSameSubnet
	// VerdictDirect: A reaches B directly, but their subnets differ (the
	// prefix lengths disagree), so the way back may not be direct.
	VerdictDirect
	// VerdictGateway: B is outside A's subnet; A's packet goes through the
	// gateway.
	VerdictGateway
)

// String returns "same host", "same subnet", "direct" or "through the
// gateway", or "none" for the zero Verdict.
func (v Verdict) String() string {
	switch v {
	case VerdictSameHost:
		return "same host"
	case VerdictSameSubnet:
		return "same subnet"
	case VerdictDirect:
		return "direct"
	case VerdictGateway:
		return "through the gateway"
	}
	return "none"
}

// Neighbourhood is the answer of Neighbours.
type Neighbourhood struct {
	Verdict     Verdict
	AToB, BToA  Reach      // how each host sends to the other, by its own subnet
	Gateway     netip.Addr // A's gateway as given; may be the zero Addr
	Explanation string     // plain words for the UI
}

// Neighbours reports how host a sends a packet to host b, and how b replies,
// each judged by its own subnet: a destination inside the sender's subnet is
// reached directly, anything else through the gateway. To check two addresses
// against one prefix, give both Subnets the same length.
//
// The gateway is a's default gateway; the zero Addr means none was given.
// Mixing IPv4 and IPv6, or a gateway that is outside a's subnet (a host can
// only reach its gateway directly) or is a's network or broadcast address,
// is an error. An IPv6 link-local gateway (fe80::/10, often with a zone) is
// on-link whatever a's prefix.
func Neighbours(a, b Subnet, gateway netip.Addr) (Neighbourhood, error) {
	input := a.String() + " and " + b.String()
	if !a.IsValid() || !b.IsValid() {
		return Neighbourhood{}, &Error{Input: input, Reason: "two subnets are needed"}
	}
	if a.host.Is4() != b.host.Is4() {
		return Neighbourhood{}, &Error{Input: input, Reason: "cannot compare " + family(a.host) + " with " + family(b.host), Hint: "an IPv4 host and an IPv6 host never share a link-layer subnet; compare addresses of the same family"}
	}
	if gateway.IsValid() {
		in, _ := a.Info(CloudNone)
		switch {
		case gateway.Is4() != a.host.Is4():
			return Neighbourhood{}, &Error{Input: gateway.String(), Reason: "the gateway is " + family(gateway) + " but the host is " + family(a.host)}
		case gateway.Is6() && gateway.IsLinkLocalUnicast():
			// IPv6 routers advertise their link-local address (RFC 4861
			// section 4.2), so a gateway in fe80::/10 is always on-link.
		case !a.prefix.Contains(gateway.WithZone("")):
			return Neighbourhood{}, &Error{Input: gateway.String(), Reason: "the gateway is outside " + a.prefix.String() + ", so the host cannot reach it", Hint: "a gateway must be inside the host's own subnet, such as " + in.FirstUsable.String()}
		case in.Broadcast.IsValid() && (gateway == in.Network || gateway == in.Broadcast):
			return Neighbourhood{}, &Error{Input: gateway.String(), Reason: "the gateway is the network or broadcast address of " + a.prefix.String(), Hint: "use a usable address such as " + in.FirstUsable.String()}
		}
	}
	n := Neighbourhood{Gateway: gateway, AToB: reach(a, b.host), BToA: reach(b, a.host)}
	A, B := a.host.String(), b.host.String()
	switch {
	case n.AToB == ReachSelf:
		n.Verdict = VerdictSameHost
		n.Explanation = A + " and " + B + " are the same address: the packet stays on the host (it never reaches the network)."
	case n.AToB == ReachDirect && a.prefix == b.prefix:
		n.Verdict = VerdictSameSubnet
		n.Explanation = A + " and " + B + " are both in " + a.prefix.String() + ": they are neighbours. " + A + " asks for " + B + "'s MAC address (" + resolver(a) + ") and sends the packet straight to it, with no router in between."
	case n.AToB == ReachDirect:
		n.Verdict = VerdictDirect
		n.Explanation = B + " is inside " + A + "'s subnet " + a.prefix.String() + ", so " + A + " sends to it directly (" + resolver(a) + "). But " + B + " believes its subnet is " + b.prefix.String() + "; the prefix lengths disagree."
		if n.BToA == ReachGateway {
			n.Explanation += " " + A + " is outside that, so " + B + " sends its replies to its own gateway: the path is asymmetric and often breaks. Give both hosts the same prefix length."
		} else {
			n.Explanation += " It still reaches " + A + " directly, so traffic flows, but fix the mismatch before it bites."
		}
	default:
		n.Verdict = VerdictGateway
		via := "its default gateway"
		if gateway.IsValid() {
			via = "its default gateway " + gateway.String()
		}
		n.Explanation = B + " is outside " + A + "'s subnet " + a.prefix.String() + ", so " + A + " sends the packet to " + via + ", which routes it on."
		if !gateway.IsValid() {
			n.Explanation += " Without a gateway, " + A + " cannot reach " + B + " at all."
		}
		if n.BToA == ReachDirect {
			n.Explanation += " " + B + " thinks " + A + " is on its link (" + b.prefix.String() + "), so its replies skip the router: the prefix lengths disagree."
		}
	}
	return n, nil
}

func reach(from Subnet, to netip.Addr) Reach {
	switch {
	case from.host == to:
		return ReachSelf
	case from.prefix.Contains(to):
		return ReachDirect
	}
	return ReachGateway
}

func resolver(s Subnet) string {
	if s.host.Is4() {
		return "ARP"
	}
	return "Neighbor Discovery"
}
