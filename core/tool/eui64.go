package tool

import (
	"fmt"
	"net/netip"
	"strconv"
)

// InterfaceID is the 64-bit interface identifier of an IPv6 address: its
// last 64 bits (RFC 4291 Section 2.5.1). The zero InterfaceID is all zeros.
// InterfaceID is comparable.
type InterfaceID struct{ b [8]byte }

// InterfaceIDFrom8 returns the interface identifier whose octets are b.
func InterfaceIDFrom8(b [8]byte) InterfaceID { return InterfaceID{b} }

// InterfaceIDOf returns the last 64 bits of the IPv6 address a and reports
// whether a is an IPv6 address. IPv4 and IPv4-mapped addresses have none and
// give the zero InterfaceID and false.
func InterfaceIDOf(a netip.Addr) (InterfaceID, bool) {
	if !a.Is6() || a.Is4In6() {
		return InterfaceID{}, false
	}
	b := a.As16()
	return InterfaceID{[8]byte(b[8:])}, true
}

// As8 returns the eight octets of id.
func (id InterfaceID) As8() [8]byte { return id.b }

// String returns id as four groups of up to four lowercase hex digits, as
// they appear in the last half of an IPv6 address: "3656:78ff:fe9a:bcde".
func (id InterfaceID) String() string {
	b := make([]byte, 0, 19)
	for i := 0; i < 8; i += 2 {
		if i > 0 {
			b = append(b, ':')
		}
		b = strconv.AppendUint(b, uint64(id.b[i])<<8|uint64(id.b[i+1]), 16)
	}
	return string(b)
}

// InterfaceID returns the modified EUI-64 interface identifier of m (RFC
// 4291 Appendix A): 0xff, 0xfe inserted between the company ID and the
// vendor part, and the U/L bit inverted, so that 34:56:78:9a:bc:de gives
// 3656:78ff:fe9a:bcde (the example of RFC 2464 Section 4). The zero MAC gives
// the zero InterfaceID.
func (m MAC) InterfaceID() InterfaceID {
	if !m.ok {
		return InterfaceID{}
	}
	b := m.b
	return InterfaceID{[8]byte{b[0] ^ 0x02, b[1], b[2], 0xff, 0xfe, b[3], b[4], b[5]}}
}

// IsEUI64 reports whether id looks made from a 48-bit MAC address: its
// middle octets are 0xff, 0xfe (RFC 4291 Appendix A). A random identifier has
// them by chance once in 65536.
func (id InterfaceID) IsEUI64() bool { return id.b[3] == 0xff && id.b[4] == 0xfe }

// MAC returns the MAC address that id was made from and reports whether id
// is a modified EUI-64 identifier at all (IsEUI64). It undoes InterfaceID:
// the 0xff, 0xfe goes and the U/L bit flips back. EUI64Note says why most
// identifiers are not EUI-64.
func (id InterfaceID) MAC() (MAC, bool) {
	if !id.IsEUI64() {
		return MAC{}, false
	}
	b := id.b
	return MACFrom6([6]byte{b[0] ^ 0x02, b[1], b[2], b[5], b[6], b[7]}), true
}

// EUI64Note is the warning to show beside an EUI-64 address or the MAC
// found in one.
const EUI64Note = "Most systems no longer put their MAC address in their IPv6 addresses: " +
	"they use stable privacy addresses (RFC 7217), random per network but stable, " +
	"and temporary addresses (RFC 8981) that change every day or so for outgoing connections. " +
	"An interface identifier with ff:fe in the middle is probably, not certainly, made from a MAC."

// In returns the address made of the /64 prefix p and id, as SLAAC forms it
// (RFC 4862 Section 5.5.3). p must be an IPv6 /64; host bits set in it are
// ignored.
func (id InterfaceID) In(p netip.Prefix) (netip.Addr, error) {
	switch {
	case !p.IsValid():
		return netip.Addr{}, fail("prefix", "", "no prefix; an interface identifier goes in an IPv6 /64 such as 2001:db8:1:2::/64")
	case p.Addr().Is4():
		return netip.Addr{}, fail("prefix", p.String(), "is IPv4; an interface identifier goes in an IPv6 /64 such as 2001:db8:1:2::/64")
	case p.Bits() != 64:
		return netip.Addr{}, fail("prefix", p.String(), fmt.Sprintf(
			"is a /%d; SLAAC needs a /64, because the interface identifier fills the last 64 bits (RFC 4291 Section 2.5.1)", p.Bits()))
	}
	b := p.Masked().Addr().As16()
	copy(b[8:], id.b[:])
	return netip.AddrFrom16(b), nil
}

var linkLocal = netip.MustParsePrefix("fe80::/64")

// LinkLocal returns the link-local address of an interface whose MAC is m
// and which uses modified EUI-64: fe80::/64 and m.InterfaceID() (RFC 4862
// Section 5.3). The zero MAC gives the zero Addr.
func LinkLocal(m MAC) netip.Addr {
	if !m.ok {
		return netip.Addr{}
	}
	a, _ := m.InterfaceID().In(linkLocal)
	return a
}

// SLAAC returns the address that an interface whose MAC is m forms in the
// advertised /64 p with modified EUI-64 (RFC 4862 Section 5.5.3). It fails
// if p is not an IPv6 /64 or m is the zero MAC.
func SLAAC(p netip.Prefix, m MAC) (netip.Addr, error) {
	if !m.ok {
		return netip.Addr{}, fail("MAC address", "", "no MAC address")
	}
	return m.InterfaceID().In(p)
}
