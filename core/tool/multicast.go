package tool

import (
	"net/netip"
)

// SolicitedNode returns the solicited-node multicast address of a (RFC 4291
// Section 2.7.1): ff02::1:ff00:0/104 followed by the last 24 bits of a, so
// 4037::1:800:200e:8c6c gives ff02::1:ff0e:8c6c. Neighbor Discovery sends
// its Neighbor Solicitations there instead of broadcasting (RFC 4861
// Section 7.2.2). The zone of a, if any, is kept.
//
// Only IPv6 unicast and anycast addresses have one, loopback and link-local
// included. SolicitedNode fails for IPv4 (which resolves with ARP
// broadcasts), for IPv4-mapped addresses (RFC 4291 Section 2.5.5.2: they
// stand for IPv4 addresses inside IPv6 sockets and are never on a link, so
// nothing solicits them), for multicast addresses and for the unspecified
// address ::.
func SolicitedNode(a netip.Addr) (netip.Addr, error) {
	switch {
	case !a.IsValid():
		return netip.Addr{}, fail("address", "", "no address")
	case a.Is4():
		return netip.Addr{}, fail("address", a.String(), "is IPv4; IPv4 finds a neighbour's MAC with an ARP broadcast (RFC 826), not a solicited-node group")
	case a.Is4In6():
		return netip.Addr{}, fail("address", a.String(), "is IPv4-mapped: it stands for "+a.Unmap().String()+
			" inside IPv6 sockets and is never on a link, so it has no solicited-node group; IPv4 uses ARP")
	case a.IsMulticast():
		return netip.Addr{}, fail("address", a.String(), "is multicast; only unicast and anycast addresses have a solicited-node group")
	case a.IsUnspecified():
		return netip.Addr{}, fail("address", a.String(), "is the unspecified address, which no interface owns; only unicast and anycast addresses have a solicited-node group")
	}
	b := a.As16()
	g := [16]byte{0: 0xff, 1: 0x02, 11: 0x01, 12: 0xff, 13: b[13], 14: b[14], 15: b[15]}
	return netip.AddrFrom16(g).WithZone(a.Zone()), nil
}

// MulticastMAC returns the Ethernet destination address of frames sent to
// the multicast group g:
//
//   - IPv6 (RFC 2464 Section 7): 33:33 and the last 32 bits of g, so
//     ff02::1:ff0e:8c6c goes to 33:33:ff:0e:8c:6c;
//   - IPv4 (RFC 1112 Section 6.4): 01:00:5e and the last 23 bits of g, so
//     224.0.0.251 goes to 01:00:5e:00:00:fb, and 32 groups share each MAC.
//
// It fails if g is not a multicast address; for an IPv4-mapped address it
// fails and names the IPv4 group to ask about instead.
func MulticastMAC(g netip.Addr) (MAC, error) {
	switch {
	case !g.IsValid():
		return MAC{}, fail("multicast group", "", "no address")
	case g.Is4In6():
		return MAC{}, fail("multicast group", g.String(), "is IPv4-mapped; a packet to it leaves as IPv4, so ask about "+g.Unmap().String())
	case !g.IsMulticast():
		return MAC{}, fail("multicast group", g.String(), "is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8); "+
			"a unicast address's MAC comes from ARP or Neighbor Discovery, not from the address")
	case g.Is4():
		b := g.As4()
		return MACFrom6([6]byte{0x01, 0x00, 0x5e, b[1] & 0x7f, b[2], b[3]}), nil
	}
	b := g.As16()
	return MACFrom6([6]byte{0x33, 0x33, b[12], b[13], b[14], b[15]}), nil
}
