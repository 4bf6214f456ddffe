package addr

import "net/netip"

// LegacyClass returns the historical class of an IPv4 address, "A" to "E", and a note saying
// what the class meant and that it no longer matters: classful addressing was replaced by CIDR
// in 1993 (RFC 1519, now RFC 4632). IPv6 addresses, IPv4-mapped ones included, have no class:
// the class is "" and the note says so. The zero Addr gives "" and "".
func LegacyClass(a netip.Addr) (class, note string) {
	const history = " Classes are history: since CIDR (1993, RFC 4632) a network can have any prefix length, so the class says nothing about this address's subnet."
	if !a.Is4() {
		if a.Is6() {
			return "", "IPv6 never had address classes; its prefixes have always been classless."
		}
		return "", ""
	}
	switch first := a.As4()[0]; {
	case first < 128:
		return "A", "Class A (0.0.0.0 to 127.255.255.255): the first bit is 0, and a class A network was a /8 of 16.7 million addresses." + history
	case first < 192:
		return "B", "Class B (128.0.0.0 to 191.255.255.255): the first bits are 10, and a class B network was a /16 of 65,536 addresses." + history
	case first < 224:
		return "C", "Class C (192.0.0.0 to 223.255.255.255): the first bits are 110, and a class C network was a /24 of 256 addresses." + history
	case first < 240:
		return "D", "Class D (224.0.0.0 to 239.255.255.255): the first bits are 1110, for multicast. Unlike the other classes this one still holds: it is today's IPv4 multicast range, 224.0.0.0/4."
	}
	return "E", "Class E (240.0.0.0 to 255.255.255.255): the first bits are 1111, reserved for future use since 1989 (RFC 1112) and never opened; 255.255.255.255 is the limited broadcast address."
}
