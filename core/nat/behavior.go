package nat

import (
	"net/netip"
	"strconv"
	"time"
)

// Protocol is the transport protocol of a packet. The zero value is UDP.
type Protocol uint8

const (
	// UDP is the User Datagram Protocol; NAT behaviour per RFC 4787.
	UDP Protocol = iota
	// TCP is the Transmission Control Protocol; NAT behaviour per RFC 5382.
	TCP
	// ICMP is an ICMP echo request or reply; NAT behaviour per RFC 5508.
	// The port of the inside endpoint carries the echo identifier and the
	// port of the remote endpoint is 0.
	ICMP
)

// protocolName returns the name of the i-th value, or "" past the last one.
func protocolName(i int) string {
	switch i {
	case 0:
		return "udp"
	case 1:
		return "tcp"
	case 2:
		return "icmp"
	}
	return ""
}

// String returns "udp", "tcp" or "icmp".
func (p Protocol) String() string {
	if n := protocolName(int(p)); n != "" {
		return n
	}
	return "protocol(" + strconv.Itoa(int(p)) + ")"
}

// IsValid reports whether p is one of UDP, TCP and ICMP.
func (p Protocol) IsValid() bool { return p <= ICMP }

// ParseProtocol parses "udp", "tcp" or "icmp".
func ParseProtocol(s string) (Protocol, error) {
	for i := 0; protocolName(i) != ""; i++ {
		n := protocolName(i)
		if s == n {
			return Protocol(i), nil
		}
	}
	return 0, errorf(quote(s) + ` is not a protocol; want "udp", "tcp" or "icmp"`)
}

// MappingBehavior says when a NAT reuses a public IP:port for packets from
// one inside IP:port (RFC 4787 section 4.1). The zero value is
// EndpointIndependentMapping, which RFC 4787 REQ-1 requires.
type MappingBehavior uint8

const (
	// EndpointIndependentMapping reuses one public IP:port for every
	// destination of an inside IP:port.
	EndpointIndependentMapping MappingBehavior = iota
	// AddressDependentMapping gives an inside IP:port a new public IP:port
	// for every destination IP address.
	AddressDependentMapping
	// AddressAndPortDependentMapping gives an inside IP:port a new public
	// IP:port for every destination IP:port (a "symmetric" NAT).
	AddressAndPortDependentMapping
)

// behaviorNameAt returns the name of the i-th value, or "" past the last one.
func behaviorNameAt(i int) string {
	switch i {
	case 0:
		return "endpoint-independent"
	case 1:
		return "address-dependent"
	case 2:
		return "address-and-port-dependent"
	}
	return ""
}

// String returns "endpoint-independent", "address-dependent" or
// "address-and-port-dependent".
func (m MappingBehavior) String() string { return behaviorName(uint8(m)) }

// IsValid reports whether m is one of the three RFC 4787 mapping behaviours.
func (m MappingBehavior) IsValid() bool { return m <= AddressAndPortDependentMapping }

// ParseMappingBehavior parses the form String returns.
func ParseMappingBehavior(s string) (MappingBehavior, error) {
	i, err := parseBehavior(s, "mapping")
	return MappingBehavior(i), err
}

// mapKey identifies a mapping from the inside: which outbound packets share
// one public IP:port.
type mapKey struct {
	proto    Protocol
	src, dst netip.AddrPort
}

// key is the whole difference between the mapping behaviours: the part of
// the destination that selects a mapping.
func (m MappingBehavior) key(proto Protocol, src, dst netip.AddrPort) mapKey {
	k := mapKey{proto: proto, src: src}
	switch m {
	case AddressDependentMapping:
		k.dst = netip.AddrPortFrom(dst.Addr(), 0)
	case AddressAndPortDependentMapping:
		k.dst = dst
	}
	return k
}

// FilteringBehavior says which inbound packets a mapping lets in (RFC 4787
// section 5). The zero value is EndpointIndependentFiltering.
type FilteringBehavior uint8

const (
	// EndpointIndependentFiltering lets in packets from anyone once a
	// mapping exists.
	EndpointIndependentFiltering FilteringBehavior = iota
	// AddressDependentFiltering lets in packets only from IP addresses the
	// inside host has sent to through the mapping.
	AddressDependentFiltering
	// AddressAndPortDependentFiltering lets in packets only from IP:ports
	// the inside host has sent to through the mapping.
	AddressAndPortDependentFiltering
)

// String returns "endpoint-independent", "address-dependent" or
// "address-and-port-dependent".
func (f FilteringBehavior) String() string { return behaviorName(uint8(f)) }

// IsValid reports whether f is one of the three RFC 4787 filtering behaviours.
func (f FilteringBehavior) IsValid() bool { return f <= AddressAndPortDependentFiltering }

// ParseFilteringBehavior parses the form String returns.
func ParseFilteringBehavior(s string) (FilteringBehavior, error) {
	i, err := parseBehavior(s, "filtering")
	return FilteringBehavior(i), err
}

// key is the whole difference between the filtering behaviours: the part of
// a remote endpoint that must match one the inside host has sent to.
func (f FilteringBehavior) key(remote netip.AddrPort) netip.AddrPort {
	switch f {
	case AddressDependentFiltering:
		return netip.AddrPortFrom(remote.Addr(), 0)
	case AddressAndPortDependentFiltering:
		return remote
	}
	return netip.AddrPort{}
}

func behaviorName(i uint8) string {
	if n := behaviorNameAt(int(i)); n != "" {
		return n
	}
	return "behavior(" + strconv.Itoa(int(i)) + ")"
}

func parseBehavior(s, what string) (uint8, error) {
	for i := 0; behaviorNameAt(i) != ""; i++ {
		n := behaviorNameAt(i)
		if s == n {
			return uint8(i), nil
		}
	}
	return 0, errorf(quote(s) + " is not a " + what + ` behavior; want "endpoint-independent", "address-dependent" or "address-and-port-dependent"`)
}

// PortAssignment says how a NAT picks the public port of a new mapping
// (RFC 4787 section 4.2.1). The zero value is PortPreserve.
type PortAssignment uint8

const (
	// PortPreserve keeps the inside port when it is free on the public
	// address and inside the port pool, and otherwise takes the next free
	// port in sequence.
	PortPreserve PortAssignment = iota
	// PortSequential takes the next free port after the last one assigned.
	PortSequential
	// PortRandom takes a free port at a random place in the pool, drawn from
	// the scenario's seeded random source.
	PortRandom
)

// portAssignmentName returns the name of the i-th value, or "" past the last one.
func portAssignmentName(i int) string {
	switch i {
	case 0:
		return "preserve"
	case 1:
		return "sequential"
	case 2:
		return "random"
	}
	return ""
}

// String returns "preserve", "sequential" or "random".
func (a PortAssignment) String() string {
	if n := portAssignmentName(int(a)); n != "" {
		return n
	}
	return "ports(" + strconv.Itoa(int(a)) + ")"
}

// IsValid reports whether a is one of PortPreserve, PortSequential and PortRandom.
func (a PortAssignment) IsValid() bool { return a <= PortRandom }

// ParsePortAssignment parses "preserve", "sequential" or "random".
func ParsePortAssignment(s string) (PortAssignment, error) {
	for i := 0; portAssignmentName(i) != ""; i++ {
		n := portAssignmentName(i)
		if s == n {
			return PortAssignment(i), nil
		}
	}
	return 0, errorf(quote(s) + ` is not a port assignment; want "preserve", "sequential" or "random"`)
}

// Defaults used where a Behavior field is zero.
const (
	// DefaultUDPTimeout is the idle time after which a UDP mapping expires.
	// RFC 4787 REQ-5 forbids less than 2 minutes and recommends 5 or more.
	DefaultUDPTimeout = 5 * time.Minute
	// DefaultTCPTimeout is the idle time after which an established TCP
	// mapping expires: the 2 hours 4 minutes RFC 5382 REQ-5 requires.
	DefaultTCPTimeout = 2*time.Hour + 4*time.Minute
	// DefaultTCPTransitoryTimeout is the idle time after which a TCP mapping
	// whose connection is not yet established expires (RFC 5382 REQ-5).
	DefaultTCPTransitoryTimeout = 4 * time.Minute
	// DefaultICMPTimeout is the idle time after which an ICMP echo mapping
	// expires (RFC 5508 REQ-1).
	DefaultICMPTimeout = time.Minute
	// DefaultPortMin is the first port of the public port pool.
	DefaultPortMin = 1024
	// DefaultPortMax is the last port of the public port pool.
	DefaultPortMax = 65535
)

// Behavior is how one NAT maps, filters, assigns ports and times out. The
// zero value is an endpoint-independent NAT with port preservation, no
// hairpinning and the default timeouts and pool.
type Behavior struct {
	// Mapping is the mapping behaviour (RFC 4787 section 4.1).
	Mapping MappingBehavior
	// Filtering is the filtering behaviour (RFC 4787 section 5).
	Filtering FilteringBehavior
	// Ports is how the public port of a new mapping is chosen.
	Ports PortAssignment
	// PortMin and PortMax bound the public port pool, per public address and
	// protocol. If PortMin is 0, DefaultPortMin is used; if PortMax is 0,
	// DefaultPortMax is used.
	PortMin, PortMax uint16
	// Hairpin reports whether a packet from the LAN to the router's own
	// public address is looped back in (RFC 4787 section 6).
	Hairpin bool
	// UDPTimeout is the UDP mapping idle timeout; if 0, DefaultUDPTimeout.
	UDPTimeout time.Duration
	// TCPTimeout is the established TCP idle timeout; if 0, DefaultTCPTimeout.
	TCPTimeout time.Duration
	// TCPTransitoryTimeout is the idle timeout of a TCP mapping no reply has
	// come through yet; if 0, DefaultTCPTransitoryTimeout.
	TCPTransitoryTimeout time.Duration
	// ICMPTimeout is the ICMP echo idle timeout; if 0, DefaultICMPTimeout.
	ICMPTimeout time.Duration
}

func (b Behavior) pool() (lo, hi uint16) {
	lo, hi = b.PortMin, b.PortMax
	if lo == 0 {
		lo = DefaultPortMin
	}
	if hi == 0 {
		hi = DefaultPortMax
	}
	return lo, hi
}

func (b Behavior) timeout(p Protocol, established bool) time.Duration {
	pick := func(d, def time.Duration) time.Duration {
		if d == 0 {
			return def
		}
		return d
	}
	switch {
	case p == TCP && established:
		return pick(b.TCPTimeout, DefaultTCPTimeout)
	case p == TCP:
		return pick(b.TCPTransitoryTimeout, DefaultTCPTransitoryTimeout)
	case p == ICMP:
		return pick(b.ICMPTimeout, DefaultICMPTimeout)
	}
	return pick(b.UDPTimeout, DefaultUDPTimeout)
}
