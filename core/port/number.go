package port

import (
	"fmt"
	"unicode/utf8"
)

// ParsePort parses a port number: decimal digits from "0" to "65535".
//
// It rejects a sign, spaces, and leading zeros ("080"). Leading zeros are
// rejected for the reason net/netip rejects them in IPv4 fields: some tools
// read "080" as octal (or fail on the 8) while others read 80, so the text is
// ambiguous; and with one spelling per port, a port prints back exactly as it
// was parsed. The error says which spelling to use instead.
func ParsePort(s string) (uint16, error) {
	if s == "" {
		return 0, fmt.Errorf("port %q: empty; a port is a number from 0 to 65535", s)
	}
	var n uint32
	for i := 0; i < len(s); {
		c := s[i]
		if c < '0' || c > '9' {
			r, _ := utf8.DecodeRuneInString(s[i:])
			switch {
			case i == 0 && c == '-':
				return 0, fmt.Errorf("port %q: negative; a port is a number from 0 to 65535", s)
			case i == 0 && c == '+':
				if _, err := ParsePort(s[1:]); err == nil {
					return 0, fmt.Errorf("port %q: write the number without a sign: %q", s, s[1:])
				}
			}
			return 0, fmt.Errorf("port %q: %q at offset %d is not a digit", s, r, i)
		}
		if n <= 65535 {
			n = n*10 + uint32(c-'0')
		}
		i++
	}
	if n > 65535 {
		if len(s) > 5 {
			return 0, fmt.Errorf("port %q: out of range; a port is a number from 0 to 65535", s)
		}
		return 0, fmt.Errorf("port %q: %d is out of range; a port is a number from 0 to 65535", s, n)
	}
	if s[0] == '0' && len(s) > 1 {
		return 0, fmt.Errorf("port %q: leading zero; write %q", s, fmt.Sprint(n))
	}
	return uint16(n), nil
}

// MustParsePort calls ParsePort and panics on error. It is for tests and
// constants in code, not for user input.
func MustParsePort(s string) uint16 {
	p, err := ParsePort(s)
	if err != nil {
		panic(err)
	}
	return p
}

// Range is one of the port ranges of RFC 6335, section 6. The zero Range is
// ZeroPort, which holds port 0 alone.
type Range uint8

// The RFC 6335 port ranges, in port order.
const (
	ZeroPort     Range = iota // port 0: reserved; binding it asks the OS for an ephemeral port
	SystemPorts               // 1-1023: well-known (system) ports
	UserPorts                 // 1024-49151: registered (user) ports
	DynamicPorts              // 49152-65535: dynamic (private, ephemeral) ports, never assigned
)

// RangeOf returns the RFC 6335 range that p belongs to.
func RangeOf(p uint16) Range {
	switch {
	case p == 0:
		return ZeroPort
	case p <= 1023:
		return SystemPorts
	case p <= 49151:
		return UserPorts
	}
	return DynamicPorts
}

// First returns the lowest port of the range.
func (r Range) First() uint16 {
	switch r {
	case SystemPorts:
		return 1
	case UserPorts:
		return 1024
	case DynamicPorts:
		return 49152
	}
	return 0
}

// Last returns the highest port of the range.
func (r Range) Last() uint16 {
	switch r {
	case SystemPorts:
		return 1023
	case UserPorts:
		return 49151
	case DynamicPorts:
		return 65535
	}
	return 0
}

// Contains reports whether p is in the range.
func (r Range) Contains(p uint16) bool { return RangeOf(p) == r }

// String returns a short identifier: "zero", "system", "user" or "dynamic".
func (r Range) String() string {
	switch r {
	case ZeroPort:
		return "zero"
	case SystemPorts:
		return "system"
	case UserPorts:
		return "user"
	case DynamicPorts:
		return "dynamic"
	}
	return fmt.Sprintf("Range(%d)", uint8(r))
}

// Name returns the range's name for people, with the RFC 6335 name and the
// older one people still use.
func (r Range) Name() string {
	switch r {
	case ZeroPort:
		return "port 0 (reserved)"
	case SystemPorts:
		return "well-known ports (system ports)"
	case UserPorts:
		return "registered ports (user ports)"
	case DynamicPorts:
		return "dynamic ports (private, ephemeral)"
	}
	return r.String()
}

// Explain says in plain words what the range means when you pick a port.
func (r Range) Explain() string {
	switch r {
	case ZeroPort:
		return "Port 0 is reserved and never used on the wire. Binding port 0 asks the " +
			"operating system to pick a free ephemeral port; you cannot connect to port 0."
	case SystemPorts:
		return "Ports 1-1023 are the well-known (system) ports, assigned by IANA through " +
			"IETF review (RFC 6335). On Linux, binding one needs root or the " +
			"CAP_NET_BIND_SERVICE capability; the limit is the sysctl " +
			"net.ipv4.ip_unprivileged_port_start (default 1024, and Docker sets it to 0 " +
			"inside containers). Windows has no such rule, and macOS dropped it in 10.14."
	case UserPorts:
		return "Ports 1024-49151 are the registered (user) ports: IANA assigns them to " +
			"services on request, but nothing stops another program from using them. " +
			"Any user may bind them. Part of this range is also handed out as ephemeral " +
			"ports by some systems (Linux uses 32768-60999), so a client connection can " +
			"occupy a registered port a server later wants."
	case DynamicPorts:
		return "Ports 49152-65535 are the dynamic (private, ephemeral) ports: IANA never " +
			"assigns them. Operating systems pick the source ports of outgoing " +
			"connections here (Windows, macOS), and they suit temporary private services."
	}
	return ""
}

// OS names an operating system whose ephemeral port range Ephemeral knows.
// The zero OS is unknown.
type OS uint8

// Operating systems with a known default ephemeral port range.
const (
	Linux   OS = iota + 1 // Linux: 32768-60999
	Windows               // Windows Vista, Server 2008 and later: 49152-65535
	MacOS                 // macOS: 49152-65535
	FreeBSD               // FreeBSD: 10000-65535
)

// OSes returns every OS with a known ephemeral range.
func OSes() []OS { return []OS{Linux, Windows, MacOS, FreeBSD} }

// String returns the OS name: "Linux", "Windows", "macOS" or "FreeBSD".
func (o OS) String() string {
	switch o {
	case Linux:
		return "Linux"
	case Windows:
		return "Windows"
	case MacOS:
		return "macOS"
	case FreeBSD:
		return "FreeBSD"
	}
	return fmt.Sprintf("OS(%d)", uint8(o))
}

// EphemeralSetting returns where the OS keeps its ephemeral range, or "" for
// an unknown OS.
func (o OS) EphemeralSetting() string {
	switch o {
	case Linux:
		return "sysctl net.ipv4.ip_local_port_range"
	case Windows:
		return "netsh int ipv4 show dynamicport tcp"
	case MacOS:
		return "sysctl net.inet.ip.portrange.first and net.inet.ip.portrange.last"
	case FreeBSD:
		return "sysctl net.inet.ip.portrange.first and net.inet.ip.portrange.last"
	}
	return ""
}

// Ephemeral returns the default range the OS picks source ports of outgoing
// connections (and ports for a bind to port 0) from. For an unknown OS it
// returns 0, 0.
func Ephemeral(o OS) (first, last uint16) {
	switch o {
	case Linux:
		return 32768, 60999
	case Windows, MacOS:
		return 49152, 65535
	case FreeBSD:
		return 10000, 65535
	}
	return 0, 0
}
