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
