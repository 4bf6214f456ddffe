package port

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"
)

// hostKind says what a Socket's host is.
type hostKind uint8

const (
	hostNone hostKind = iota // the zero Socket
	hostAddr                 // an IP address
	hostName                 // a DNS name such as localhost or example.com
	hostAny                  // empty: every interface when listening
)

// Socket is a transport endpoint as people write it: a host and a port, such
// as 1.2.3.4:80, [2001:db8::1]:443, localhost:5432 or :8080. The host is an IP
// address (an IPv6 one may carry a zone), a DNS name kept as written, or
// empty, which means every interface when listening.
//
// Socket is a comparable value. The zero Socket is not valid.
type Socket struct {
	addr netip.Addr
	name string
	port uint16
	kind hostKind
}

// SocketFrom returns a Socket for an IP address and port. It returns the zero
// Socket if addr is not valid, or if its zone holds a ']', which could not be
// written inside the brackets of [addr%zone]:port.
func SocketFrom(addr netip.Addr, port uint16) Socket {
	if !addr.IsValid() || strings.IndexByte(addr.Zone(), ']') >= 0 {
		return Socket{}
	}
	return Socket{addr: addr, port: port, kind: hostAddr}
}

// ParseSocket parses host:port. IPv6 addresses go in brackets,
// [2001:db8::1]:443, so that the port cannot be mistaken for the address's
// last group; an empty host (":8080") means every interface. Host names are
// kept as written and not resolved.
func ParseSocket(s string) (Socket, error) {
	if s == "" {
		return Socket{}, fmt.Errorf("socket %q: empty; write host:port, for example 127.0.0.1:8080", s)
	}
	var host, portText string
	if s[0] == '[' {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return Socket{}, fmt.Errorf("socket %q: missing ] after the IPv6 address", s)
		}
		host, portText = s[1:end], s[end+1:]
		if portText == "" {
			return Socket{}, fmt.Errorf("socket %q: missing port; write %s:PORT", s, s)
		}
		if portText[0] != ':' {
			return Socket{}, fmt.Errorf("socket %q: expected : and a port after ], found %q", s, portText)
		}
		portText = portText[1:]
		addr, err := netip.ParseAddr(host)
		switch {
		case err != nil:
			return Socket{}, fmt.Errorf("socket %q: brackets hold an IPv6 address: %w", s, err)
		case addr.Is4():
			return Socket{}, fmt.Errorf("socket %q: brackets are only for IPv6 addresses; write %s:%s", s, host, portText)
		}
		port, err := parseSocketPort(s, portText)
		if err != nil {
			return Socket{}, err
		}
		return Socket{addr: addr, port: port, kind: hostAddr}, nil
	}

	colon := strings.LastIndexByte(s, ':')
	if colon < 0 {
		return Socket{}, fmt.Errorf("socket %q: missing port; write %s:PORT", s, s)
	}
	host, portText = s[:colon], s[colon+1:]
	if strings.IndexByte(host, ':') >= 0 {
		return Socket{}, unbracketedIPv6(s, host, portText)
	}
	port, err := parseSocketPort(s, portText)
	if err != nil {
		return Socket{}, err
	}
	if host == "" {
		return Socket{port: port, kind: hostAny}, nil
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		return Socket{addr: addr, port: port, kind: hostAddr}, nil
	} else if looksNumeric(host) {
		return Socket{}, fmt.Errorf("socket %q: %w", s, err)
	}
	if err := checkHostName(host); err != nil {
		return Socket{}, fmt.Errorf("socket %q: %w", s, err)
	}
	return Socket{name: host, port: port, kind: hostName}, nil
}

// MustParseSocket calls ParseSocket and panics on error. It is for tests and
// constants in code, not for user input.
func MustParseSocket(s string) Socket {
	sock, err := ParseSocket(s)
	if err != nil {
		panic(err)
	}
	return sock
}

func parseSocketPort(s, portText string) (uint16, error) {
	if portText == "" {
		return 0, fmt.Errorf("socket %q: missing port after the colon", s)
	}
	port, err := ParsePort(portText)
	if err != nil {
		return 0, fmt.Errorf("socket %q: %w", s, err)
	}
	return port, nil
}

// unbracketedIPv6 explains what to write for an IPv6 address without brackets.
func unbracketedIPv6(s, host, portText string) error {
	_, hostErr := netip.ParseAddr(host)
	_, portErr := ParsePort(portText)
	_, wholeErr := netip.ParseAddr(s)
	switch {
	case hostErr == nil && portErr == nil && wholeErr == nil:
		return fmt.Errorf("socket %q: ambiguous: an IPv6 address with a port needs brackets; "+
			"write [%s]:%s, or [%s]:PORT if all of %s is the address", s, host, portText, s, s)
	case hostErr == nil && portErr == nil:
		return fmt.Errorf("socket %q: an IPv6 address with a port needs brackets; write [%s]:%s", s, host, portText)
	case wholeErr == nil:
		return fmt.Errorf("socket %q: missing port; an IPv6 address with a port is written [%s]:PORT", s, s)
	}
	return fmt.Errorf("socket %q: too many colons; write host:port, with an IPv6 address in brackets: [2001:db8::1]:443", s)
}

// looksNumeric reports whether host's last label is all digits, as in an
// IPv4 address. Such a host is never a DNS name (RFC 1123, section 2.1).
func looksNumeric(host string) bool {
	last := host[strings.LastIndexByte(strings.TrimSuffix(host, "."), '.')+1:]
	last = strings.TrimSuffix(last, ".")
	if last == "" {
		return false
	}
	for i := range len(last) {
		if last[i] < '0' || last[i] > '9' {
			return false
		}
	}
	return true
}

// checkHostName checks DNS name syntax: labels of letters, digits, '-' and
// '_' (seen in real names), 1 to 63 bytes, not starting or ending with '-';
// at most 253 bytes; an optional final dot.
func checkHostName(host string) error {
	name := strings.TrimSuffix(host, ".")
	if len(name) > 253 {
		return fmt.Errorf("host name %q: longer than 253 bytes", host)
	}
	for label := range strings.SplitSeq(name, ".") {
		switch {
		case label == "":
			return fmt.Errorf("host name %q: empty label (two dots in a row, or a leading dot)", host)
		case len(label) > 63:
			return fmt.Errorf("host name %q: label %q is longer than 63 bytes", host, label)
		case label[0] == '-' || label[len(label)-1] == '-':
			return fmt.Errorf("host name %q: label %q starts or ends with '-'", host, label)
		}
		for i := 0; i < len(label); {
			c := label[i]
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' {
				i++
				continue
			}
			r, _ := utf8.DecodeRuneInString(label[i:])
			if r >= utf8.RuneSelf {
				return fmt.Errorf("host name %q: %q is not allowed; write an internationalized name in its xn-- (punycode) form", host, r)
			}
			return fmt.Errorf("host name %q: %q is not allowed in a host name (letters, digits, '-', '_' and '.')", host, r)
		}
	}
	return nil
}

// IsValid reports whether s is a parsed or constructed socket, not the zero
// Socket.
func (s Socket) IsValid() bool { return s.kind != hostNone }

// Port returns the port.
func (s Socket) Port() uint16 { return s.port }

// Addr returns the host's IP address, or the zero Addr if the host is a name
// or empty.
func (s Socket) Addr() netip.Addr { return s.addr }

// AddrPort returns the socket as a netip.AddrPort, and false if the host is a
// name or empty.
func (s Socket) AddrPort() (netip.AddrPort, bool) {
	if s.kind != hostAddr {
		return netip.AddrPort{}, false
	}
	return netip.AddrPortFrom(s.addr, s.port), true
}

// Host returns the host as written in String, without brackets: the address,
// the name, or "" for every interface.
func (s Socket) Host() string {
	switch s.kind {
	case hostAddr:
		return s.addr.String()
	case hostName:
		return s.name
	}
	return ""
}

// IsName reports whether the host is a DNS name such as localhost, which has
// to be resolved before connecting.
func (s Socket) IsName() bool { return s.kind == hostName }

// IsAllInterfaces reports whether the host is empty or the unspecified
// address 0.0.0.0 or ::, which mean every interface when listening.
func (s Socket) IsAllInterfaces() bool {
	return s.kind == hostAny || s.kind == hostAddr && s.addr.IsUnspecified()
}

// String returns the socket as host:port, with an IPv6 address in brackets;
// ParseSocket parses it back to s. The zero Socket is "invalid Socket".
func (s Socket) String() string {
	port := strconv.Itoa(int(s.port))
	switch s.kind {
	case hostAddr:
		return netip.AddrPortFrom(s.addr, s.port).String()
	case hostName:
		return s.name + ":" + port
	case hostAny:
		return ":" + port
	}
	return "invalid Socket"
}

// Notes explains what is special about the socket's host and port: loopback
// and localhost never leave the machine, the empty host and the unspecified
// address mean every interface, port 0 asks for an ephemeral port, and so on.
// It returns nil when there is nothing to add.
func (s Socket) Notes() []string {
	var notes []string
	switch {
	case s.kind == hostAny:
		notes = append(notes, "No host: when listening this means every interface "+
			"(0.0.0.0 for IPv4, and :: for IPv6 too on a dual-stack socket). "+
			"It is not a destination; some tools connect to the local machine instead.")
	case s.kind == hostName && isLocalhostName(s.name):
		notes = append(notes, "localhost resolves to a loopback address (127.0.0.1 and usually ::1, "+
			"in an order set by the resolver), so traffic never leaves this machine; "+
			"inside a container it means the container itself, not the host.")
	case s.kind == hostAddr:
		notes = append(notes, addrNotes(s.addr)...)
	}
	switch r := RangeOf(s.port); r {
	case ZeroPort:
		notes = append(notes, "Port 0: when listening, the operating system picks a free ephemeral port; "+
			"you cannot connect to port 0.")
	case SystemPorts:
		notes = append(notes, fmt.Sprintf("Port %d is a well-known port (below 1024): on Linux, listening on it "+
			"needs root or CAP_NET_BIND_SERVICE unless net.ipv4.ip_unprivileged_port_start is lowered.", s.port))
	}
	return notes
}

func isLocalhostName(name string) bool {
	name = strings.TrimSuffix(asciiLower(name), ".")
	// RFC 6761, section 6.3: localhost and every name under it is loopback.
	return name == "localhost" || strings.HasSuffix(name, ".localhost")
}

func addrNotes(a netip.Addr) []string {
	a4 := a.Unmap()
	switch {
	case a.IsUnspecified() && a.Is4():
		return []string{"0.0.0.0 means every IPv4 interface when listening. It is not a destination you " +
			"can connect to portably: Linux and macOS treat it as the local machine, Windows refuses."}
	case a.IsUnspecified():
		return []string{":: means every interface when listening (IPv6, and IPv4 as well on a dual-stack " +
			"socket unless IPV6_V6ONLY is set). It is not a destination you can connect to portably."}
	case a4.IsLoopback() && a4.Is4():
		return []string{a.String() + " is a loopback address (127.0.0.0/8): traffic never leaves this machine, " +
			"and inside a container it means the container itself."}
	case a.IsLoopback():
		return []string{"::1 is the IPv6 loopback address: traffic never leaves this machine."}
	case a.Is6() && a.IsLinkLocalUnicast() && a.Zone() == "":
		return []string{a.String() + " is link-local (fe80::/10): valid only on one link, so it needs a zone " +
			"naming the interface, such as %eth0."}
	case a.IsLinkLocalUnicast():
		return []string{a.String() + " is link-local: it reaches only hosts on the same link and is never routed."}
	}
	return nil
}
