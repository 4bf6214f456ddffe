package tool

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/internal/u128"
)

// ReverseZones is where the reverse DNS (PTR) records of a prefix live.
// Reverse zones are cut at nibble boundaries under ip6.arpa (RFC 3596
// Section 2.5) and at octet boundaries under in-addr.arpa (RFC 1035 Section
// 3.5), so a prefix on a boundary is one zone and any other prefix is not a
// zone of its own.
//
// For a prefix between boundaries, Zones lists the zones one boundary down
// that together cover exactly the prefix: a /50 is four /52 zones, an IPv4
// /22 four /24 zones. That is what the holder of the prefix asks to have
// delegated. Enclosing names the zone one boundary up, the /48 for a /50,
// which covers the prefix and more: its owner can keep the records there
// instead. The list is short by construction: at most 8 zones for IPv6 (3
// bits to the next nibble) and 128 for IPv4 (7 bits to the next octet).
//
// IPv4 prefixes longer than /24 have no in-addr.arpa zone; their records
// live in the /24 zone (Enclosing), delegated as RFC 2317 describes
// (Classless), and Zones is empty.
type ReverseZones struct {
	Prefix    netip.Prefix // the prefix asked about, masked
	Bits      int          // the prefix length of each zone in Zones
	Zones     []string     // zones covering exactly Prefix, in address order, without trailing dots
	Enclosing string       // the zone one boundary up when Prefix is not on a boundary; else ""
	Classless Classless    // RFC 2317 delegation, for IPv4 prefixes longer than /24; else the zero Classless
}

// Exact reports whether the prefix is on a boundary: one zone, exactly it.
func (z ReverseZones) Exact() bool { return len(z.Zones) == 1 && z.Bits == z.Prefix.Bits() }

// ReverseZone returns the reverse DNS zones of the prefix p, such as
// "8.b.d.0.1.0.0.2.ip6.arpa" for 2001:db8::/32 or "2.0.192.in-addr.arpa" for
// 192.0.2.0/24; see ReverseZones for prefixes between boundaries. Host bits
// set in p are ignored. An IPv4-mapped prefix is an IPv6 prefix and is named
// under ip6.arpa.
func ReverseZone(p netip.Prefix) (ReverseZones, error) {
	if !p.IsValid() {
		return ReverseZones{}, fail("prefix", "", "no prefix")
	}
	p = p.Masked()
	z := ReverseZones{Prefix: p}
	step := 4
	if p.Addr().Is4() {
		step = 8
		if p.Bits() > 24 {
			z.Bits = 24
			z.Enclosing = zoneName(p.Addr(), 24)
			z.Classless, _ = ClasslessDelegation(p)
			return z, nil
		}
	}
	z.Bits = (p.Bits() + step - 1) / step * step
	if z.Bits != p.Bits() {
		z.Enclosing = zoneName(p.Addr(), p.Bits()/step*step)
	}
	n := 1 << (z.Bits - p.Bits())
	z.Zones = make([]string, n)
	base, is4 := u128.FromAddr(p.Addr()), p.Addr().Is4()
	shift := p.Addr().BitLen() - z.Bits
	for i := range n {
		a := base.Or(u128.Uint128{Lo: uint64(i)}.Shl(shift)).Addr(is4)
		z.Zones[i] = zoneName(a, z.Bits)
	}
	return z, nil
}

// ReverseName returns the name a PTR lookup for a uses, without a trailing
// dot: "1.2.0.192.in-addr.arpa" for 192.0.2.1, 32 reversed nibbles under
// ip6.arpa for an IPv6 address. The zone of a is ignored; the zero Addr
// gives "".
func ReverseName(a netip.Addr) string {
	if !a.IsValid() {
		return ""
	}
	return zoneName(a, a.BitLen())
}

// zoneName returns the reverse name of the first bits of a; bits is a
// multiple of 4 for IPv6 and of 8 for IPv4.
func zoneName(a netip.Addr, bits int) string {
	var sb strings.Builder
	if a.Is4() {
		b := a.As4()
		for i := bits/8 - 1; i >= 0; i-- {
			sb.WriteString(strconv.Itoa(int(b[i])))
			sb.WriteByte('.')
		}
		sb.WriteString("in-addr.arpa")
		return sb.String()
	}
	const hex = "0123456789abcdef"
	b := a.As16()
	for i := bits/4 - 1; i >= 0; i-- {
		nibble := b[i/2] >> (4 * (1 - i%2)) & 0xf
		sb.WriteByte(hex[nibble])
		sb.WriteByte('.')
	}
	sb.WriteString("ip6.arpa")
	return sb.String()
}

// Classless is the classless delegation of an IPv4 prefix longer than /24
// (RFC 2317 Section 4): its reverse records move to a zone of their own,
// named after the block's first address and length under the /24 zone, such
// as "0/25.2.0.192.in-addr.arpa" for 192.0.2.0/25, and the /24 zone points
// each address there with a CNAME. The zero Classless is no delegation.
type Classless struct {
	Prefix netip.Prefix // the delegated block, masked
	Parent string       // the /24 zone that holds the CNAMEs, such as "2.0.192.in-addr.arpa"
	Zone   string       // the delegated zone, such as "0/25.2.0.192.in-addr.arpa"
}

// CNAME is one alias record: Name is an alias of Target. Both are absolute
// names written without the trailing dot.
type CNAME struct{ Name, Target string }

// ClasslessDelegation returns the RFC 2317 delegation of the IPv4 prefix p,
// which must be longer than /24; host bits set in p are ignored. The "/" in
// the zone name is RFC 2317's choice; any label works, as its Section 5.2
// notes, and some operators write "0-25" instead.
func ClasslessDelegation(p netip.Prefix) (Classless, error) {
	switch {
	case !p.IsValid():
		return Classless{}, fail("prefix", "", "no prefix")
	case !p.Addr().Is4():
		return Classless{}, fail("prefix", p.String(), "is IPv6; classless delegation is for IPv4, since ip6.arpa zones can be cut at any nibble")
	case p.Bits() <= 24:
		return Classless{}, fail("prefix", p.String(), fmt.Sprintf(
			"is a /%d, which needs no classless delegation: in-addr.arpa zones cut at /8, /16 and /24; RFC 2317 is for blocks longer than /24", p.Bits()))
	}
	p = p.Masked()
	parent := zoneName(p.Addr(), 24)
	first := strconv.Itoa(int(p.Addr().As4()[3]))
	return Classless{
		Prefix: p,
		Parent: parent,
		Zone:   first + "/" + strconv.Itoa(p.Bits()) + "." + parent,
	}, nil
}

// IsValid reports whether c is a delegation, not the zero Classless.
func (c Classless) IsValid() bool { return c.Prefix.IsValid() }

// CNAMEs returns the records the parent zone holds, one per address of the
// block in address order, network and last address included: the name of
// 192.0.2.1 in the parent is an alias of 1.0/25.2.0.192.in-addr.arpa in the
// delegated zone, where its PTR record lives. The zero Classless gives none.
func (c Classless) CNAMEs() []CNAME {
	if !c.IsValid() {
		return nil
	}
	b := c.Prefix.Addr().As4()
	n := 1 << (32 - c.Prefix.Bits())
	out := make([]CNAME, n)
	for i := range out {
		last := strconv.Itoa(int(b[3]) + i)
		out[i] = CNAME{Name: last + "." + c.Parent, Target: last + "." + c.Zone}
	}
	return out
}

// ParentRecords returns the records of c as the parent zone's file writes
// them (RFC 2317 Section 4), relative to $ORIGIN: an NS record for the
// delegated zone per name server given, then one CNAME per address, such as
//
//	$ORIGIN 2.0.192.in-addr.arpa.
//	0/25	NS	ns.a.example.
//	0	CNAME	0.0/25.2.0.192.in-addr.arpa.
//	1	CNAME	1.0/25.2.0.192.in-addr.arpa.
//
// Name servers are written as given, with a trailing dot added. The zero
// Classless gives "".
func (c Classless) ParentRecords(nameServers ...string) string {
	if !c.IsValid() {
		return ""
	}
	var sb strings.Builder
	label := strings.TrimSuffix(c.Zone, "."+c.Parent)
	fmt.Fprintf(&sb, "$ORIGIN %s.\n", c.Parent)
	for _, ns := range nameServers {
		fmt.Fprintf(&sb, "%s\tNS\t%s.\n", label, strings.TrimSuffix(ns, "."))
	}
	for _, r := range c.CNAMEs() {
		fmt.Fprintf(&sb, "%s\tCNAME\t%s.\n", strings.TrimSuffix(r.Name, "."+c.Parent), r.Target)
	}
	return sb.String()
}
