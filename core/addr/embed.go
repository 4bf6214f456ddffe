package addr

import "net/netip"

// Mechanism names a way of carrying an IPv4 address inside an IPv6 address.
// The zero Mechanism is NoEmbedding.
type Mechanism uint8

// The mechanisms Embedded recognizes.
const (
	NoEmbedding    Mechanism = iota
	MechIPv4Mapped           // ::ffff:0:0/96 (RFC 4291 Section 2.5.5.2)
	MechNAT64                // 64:ff9b::/96, the NAT64 well-known prefix (RFC 6052)
	MechNAT64Local           // 64:ff9b:1::/48, the local-use NAT64 prefix (RFC 8215)
	Mech6to4                 // 2002::/16 (RFC 3056)
	MechTeredo               // 2001::/32 (RFC 4380)
)

// String returns the mechanism's machine name: "ipv4-mapped", "nat64", "nat64-local", "6to4",
// "teredo", or "" for NoEmbedding.
func (m Mechanism) String() string {
	switch m {
	case MechIPv4Mapped:
		return "ipv4-mapped"
	case MechNAT64:
		return "nat64"
	case MechNAT64Local:
		return "nat64-local"
	case Mech6to4:
		return "6to4"
	case MechTeredo:
		return "teredo"
	}
	return ""
}

// Describe returns one plain sentence on what the mechanism is, for people learning it.
func (m Mechanism) Describe() string {
	switch m {
	case MechIPv4Mapped:
		return "An IPv4-mapped IPv6 address (RFC 4291): an IPv4 address written in IPv6 form, which is how a dual-stack socket shows an IPv4 peer; it never appears in a packet."
	case MechNAT64:
		return "A NAT64 address under the well-known prefix 64:ff9b::/96 (RFC 6052): an IPv6-only host sends to it and a NAT64 gateway translates the packet to IPv4."
	case MechNAT64Local:
		return "A NAT64 address under the local-use prefix 64:ff9b:1::/48 (RFC 8215), with the IPv4 address placed as RFC 6052 says for a /48: a network's own NAT64 gateway translates it to IPv4."
	case Mech6to4:
		return "A 6to4 address (RFC 3056): the site's public IPv4 address follows 2002:, and IPv6 packets travel to it tunnelled inside IPv4. 6to4 is obsolete (RFC 7526)."
	case MechTeredo:
		return "A Teredo address (RFC 4380): IPv6 tunnelled over UDP through a NAT; it holds the Teredo server's IPv4 address and, obfuscated, the client's public IPv4 address and UDP port."
	}
	return ""
}

// Embedding is the IPv4 address found inside an IPv6 address. The zero Embedding (Mechanism
// NoEmbedding) means there is none.
type Embedding struct {
	Mechanism Mechanism
	Prefix    netip.Prefix // the mechanism's prefix, such as 64:ff9b::/96
	IPv4      netip.Addr   // the embedded address; for Teredo the client's public address
	Server    netip.Addr   // Teredo only: the Teredo server
	Port      uint16       // Teredo only: the client's public UDP port
}

// IsValid reports whether e holds an embedded address.
func (e Embedding) IsValid() bool { return e.Mechanism != NoEmbedding }

// Embedded returns the IPv4 address embedded in a. It recognizes IPv4-mapped addresses, NAT64
// addresses under 64:ff9b::/96 (the last 32 bits) and 64:ff9b:1::/48 (bits 48-63 and 72-87, as
// RFC 6052 Section 2.2 places them for a /48; bits 64-71 must be zero), 6to4 (bits 16-47) and
// Teredo (server in bits 32-63; client port and address in the last 48 bits, inverted). An
// IPv4 address or any other IPv6 address gives the zero Embedding.
func Embedded(a netip.Addr) Embedding {
	if !a.Is6() {
		return Embedding{}
	}
	b := a.As16()
	v4 := func(i, j, k, l int) netip.Addr { return netip.AddrFrom4([4]byte{b[i], b[j], b[k], b[l]}) }
	pfx := func(bits int) netip.Prefix { return netip.PrefixFrom(a.WithZone(""), bits).Masked() }
	zero := func(from, to int) bool {
		for _, x := range b[from:to] {
			if x != 0 {
				return false
			}
		}
		return true
	}
	switch {
	case a.Is4In6():
		return Embedding{Mechanism: MechIPv4Mapped, Prefix: pfx(96), IPv4: v4(12, 13, 14, 15)}
	case b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zero(4, 12):
		return Embedding{Mechanism: MechNAT64, Prefix: pfx(96), IPv4: v4(12, 13, 14, 15)}
	case b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0 && b[5] == 1 && b[8] == 0:
		return Embedding{Mechanism: MechNAT64Local, Prefix: pfx(48), IPv4: v4(6, 7, 9, 10)}
	case b[0] == 0x20 && b[1] == 0x02:
		return Embedding{Mechanism: Mech6to4, Prefix: pfx(16), IPv4: v4(2, 3, 4, 5)}
	case b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0:
		return Embedding{
			Mechanism: MechTeredo,
			Prefix:    pfx(32),
			IPv4:      netip.AddrFrom4([4]byte{^b[12], ^b[13], ^b[14], ^b[15]}),
			Server:    v4(4, 5, 6, 7),
			Port:      ^(uint16(b[10])<<8 | uint16(b[11])),
		}
	}
	return Embedding{}
}
