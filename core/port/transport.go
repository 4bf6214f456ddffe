package port

import (
	"fmt"
	"strings"
)

// Transport is a set of transport protocols: TCP, UDP, SCTP, DCCP, or any
// union of them. The zero Transport is the empty set; where a function takes
// a Transport to filter by, the empty set means "all transports".
type Transport uint8

// The transport protocols of the IANA port registry.
const (
	TCP  Transport = 1 << iota // Transmission Control Protocol, RFC 9293
	UDP                        // User Datagram Protocol, RFC 768
	SCTP                       // Stream Control Transmission Protocol, RFC 9260
	DCCP                       // Datagram Congestion Control Protocol, RFC 4340

	allTransports = TCP | UDP | SCTP | DCCP
)

var transportNames = [...]string{"tcp", "udp", "sctp", "dccp"}

// ParseTransport parses "tcp", "udp", "sctp" or "dccp" (any case), or several
// of them joined by "/", as String writes them. The empty string is the empty
// set.
func ParseTransport(s string) (Transport, error) {
	if s == "" {
		return 0, nil
	}
	var t Transport
	for part := range strings.SplitSeq(s, "/") {
		bit := Transport(0)
		for i, name := range transportNames {
			if strings.EqualFold(part, name) {
				bit = 1 << i
			}
		}
		if bit == 0 {
			return 0, fmt.Errorf("transport %q: %q is not tcp, udp, sctp or dccp", s, part)
		}
		t |= bit
	}
	return t, nil
}

// ParsePortTransport parses a port with one transport, written either way
// round as people and tools write it: "80/tcp" (as in /etc/services and a
// Dockerfile's EXPOSE) or "udp/53". The transport is "tcp", "udp", "sctp" or
// "dccp" in any case; the port follows the rules of ParsePort.
func ParsePortTransport(s string) (uint16, Transport, error) {
	num, name, ok := strings.Cut(s, "/")
	if !startsWithDigit(num) {
		num, name = name, num
	}
	if !ok || strings.Count(s, "/") > 1 || !startsWithDigit(num) {
		return 0, 0, fmt.Errorf("port %q: write a port and a transport, such as 80/tcp or udp/53", s)
	}
	p, err := ParsePort(num)
	if err != nil {
		return 0, 0, err
	}
	t, err := ParseTransport(name)
	if err != nil || t == 0 {
		return 0, 0, fmt.Errorf("port %q: %q is not tcp, udp, sctp or dccp", s, name)
	}
	return p, t, nil
}

// IsPortTransportLike reports whether s is meant as a port with a transport,
// one number and one word around a single "/" ("80/tcp", "udp/53", "80/tpc"),
// so that ParsePortTransport's error, if any, is the one to show.
func IsPortTransportLike(s string) bool {
	a, b, ok := strings.Cut(s, "/")
	if !ok || strings.Contains(b, "/") || a == "" || b == "" {
		return false
	}
	return allDigits(a) && startsWithLetter(b) || allDigits(b) && startsWithLetter(a)
}

func startsWithDigit(s string) bool { return s != "" && '0' <= s[0] && s[0] <= '9' }

func startsWithLetter(s string) bool {
	return s != "" && ('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z')
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Has reports whether t contains every transport in u.
func (t Transport) Has(u Transport) bool { return t&u == u }

// Overlaps reports whether t and u have a transport in common.
func (t Transport) Overlaps(u Transport) bool { return t&u != 0 }

// String returns the transports in the order tcp, udp, sctp, dccp joined by
// "/", for example "tcp/udp"; the empty set is "".
func (t Transport) String() string {
	var b strings.Builder
	for i, name := range transportNames {
		if t&(1<<i) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(name)
	}
	if rest := t &^ allTransports; rest != 0 {
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		fmt.Fprintf(&b, "Transport(%#x)", uint8(rest))
	}
	return b.String()
}
