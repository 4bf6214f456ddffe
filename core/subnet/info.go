package subnet

import (
	"net/netip"
	"strconv"

	"github.com/netground/netground/core/internal/u128"
)

// Info describes a subnet: every field a subnet calculator shows.
type Info struct {
	Subnet  Subnet
	Network netip.Addr // first address
	Last    netip.Addr // last address, whether or not it is a broadcast
	// Broadcast is the IPv4 directed broadcast address (the last address).
	// It is the zero Addr for IPv6, which has no broadcast, and for /31 and
	// /32, which have none.
	Broadcast netip.Addr
	// FirstUsable and LastUsable bound the addresses a host may take, after
	// the network, broadcast and any cloud reservations.
	FirstUsable, LastUsable netip.Addr
	Total                   Count      // all addresses: 2^HostBits
	Usable                  Count      // addresses a host may take
	HostBits                int        // Total is 2^HostBits
	Mask                    netip.Addr // netmask; for IPv6 in address form, such as ffff:ffff::
	Wildcard                netip.Addr // inverse of Mask
	Boundary                Boundary
	// Prev and Next are the neighbouring subnets of the same length, or the
	// zero Prefix at either end of the address space.
	Prev, Next netip.Prefix
	// Parent is the subnet one bit shorter, or the zero Prefix for /0.
	Parent   netip.Prefix
	Cloud    Cloud
	Reserved []Reserved // addresses a host may not take, with the reason
	Notes    []string   // plain-language remarks for the UI, such as RFC 3021 for /31
}

// Boundary locates the split between network bits and host bits in the
// written form of an address: octets for IPv4, 16-bit groups for IPv6.
type Boundary struct {
	GroupBits int // 8 for IPv4 octets, 16 for IPv6 groups
	Groups    int // 4 or 8
	// Group is the index (from 0) of the group where host bits start, and
	// NetworkBits how many of its leading bits still belong to the network.
	// A /24 has Group 3 and NetworkBits 0; a /20 has Group 2 and
	// NetworkBits 4. When there are no host bits (/32, /128), Group equals
	// Groups.
	Group, NetworkBits int
}

// Reserved is an address a host may not take, and why.
type Reserved struct {
	Addr   netip.Addr
	Reason string
}

// Cloud selects a cloud provider's address reservations. The zero value,
// CloudNone, applies only the network and broadcast rules.
type Cloud uint8

const (
	// CloudNone reserves only the network and broadcast addresses.
	CloudNone Cloud = iota
	// CloudAWS reserves the first four and the last address of a VPC
	// subnet, and allows IPv4 subnets from /16 to /28.
	CloudAWS
	// CloudAzure reserves the first four and the last address of a virtual
	// network subnet, and allows IPv4 subnets from /2 to /29.
	CloudAzure
	// CloudGCP reserves the first two and the last two addresses of a VPC
	// subnet; the smallest IPv4 subnet is /29.
	CloudGCP
)

// String returns "none", "AWS", "Azure" or "GCP".
func (c Cloud) String() string {
	switch c {
	case CloudAWS:
		return "AWS"
	case CloudAzure:
		return "Azure"
	case CloudGCP:
		return "GCP"
	default:
		return "none"
	}
}

// cloudRule is one provider's documented reservations for IPv4 subnets.
type cloudRule struct {
	minBits, maxBits int      // allowed prefix lengths
	head             []string // reasons for network, network+1, …
	tail             []string // reasons for …, last-1, last (from the end)
}

func (c Cloud) rule() cloudRule {
	switch c {
	case CloudAWS:
		// https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
		return cloudRule{16, 28,
			[]string{"network address", "reserved by AWS for the VPC router", "reserved by AWS for the Amazon-provided DNS server", "reserved by AWS for future use"},
			[]string{"network broadcast address; AWS does not support broadcast in a VPC and reserves it"}}
	case CloudAzure:
		// https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
		return cloudRule{2, 29,
			[]string{"network address", "reserved by Azure for the default gateway", "reserved by Azure to map the Azure DNS IP addresses to the virtual network", "reserved by Azure to map the Azure DNS IP addresses to the virtual network"},
			[]string{"network broadcast address"}}
	case CloudGCP:
		// https://cloud.google.com/vpc/docs/subnets#unusable-ip-addresses-in-every-subnet
		return cloudRule{0, 29,
			[]string{"network address", "default gateway"},
			[]string{"reserved by Google Cloud for potential future use", "broadcast address"}}
	}
	return cloudRule{}
}

// Info describes s. With a cloud other than CloudNone it applies that
// provider's reservations, which are defined for IPv4 only; an IPv6 subnet,
// or an IPv4 subnet outside the sizes the provider allows, is an error that
// says so.
//
// Usable addresses follow these rules:
//   - IPv4 up to /30: all but the network and broadcast addresses.
//   - IPv4 /31: both addresses, for point-to-point links (RFC 3021); no broadcast.
//   - IPv4 /32 and IPv6 /128: the single address.
//   - IPv6 /127: both addresses, for point-to-point links (RFC 6164).
//   - IPv6 otherwise: every address. The first one is also the Subnet-Router
//     anycast address (RFC 4291 section 2.6.1); it is counted as usable and
//     noted in Notes.
func (s Subnet) Info(cloud Cloud) (Info, error) {
	if !s.IsValid() {
		return Info{}, &Error{Input: s.String(), Reason: "no subnet given"}
	}
	p := s.prefix
	network := p.Addr()
	is4 := network.Is4()
	width := network.BitLen()
	hostBits := width - p.Bits()
	last := lastAddr(p)
	in := Info{
		Subnet:   s,
		Network:  network,
		Last:     last,
		Total:    Pow2(hostBits),
		HostBits: hostBits,
		Mask:     maskOf(p.Bits(), width).Addr(is4),
		Cloud:    cloud,
		Parent:   Parent(p),
		Prev:     PrevPrefix(p),
		Next:     NextPrefix(p),
	}
	in.Wildcard = u128.FromAddr(in.Mask).Not().And(u128.Ones(width)).Addr(is4)
	in.Boundary = Boundary{GroupBits: 16, Groups: 8, Group: p.Bits() / 16, NetworkBits: p.Bits() % 16}
	if is4 {
		in.Boundary = Boundary{GroupBits: 8, Groups: 4, Group: p.Bits() / 8, NetworkBits: p.Bits() % 8}
	}
	in.FirstUsable, in.LastUsable, in.Usable = network, last, in.Total
	switch {
	case hostBits == 0:
		in.Notes = append(in.Notes, "a single address: /"+strconv.Itoa(width)+" names one host, with no network or broadcast address of its own")
	case is4 && hostBits == 1:
		in.Notes = append(in.Notes, "a /31 point-to-point link: both addresses are usable and there is no broadcast (RFC 3021)")
	case is4:
		in.Broadcast = last
		in.FirstUsable, in.LastUsable = network.Next(), last.Prev()
		in.Usable = in.Total.Sub(CountOf(2))
		in.Reserved = []Reserved{{network, "network address"}, {last, "broadcast address"}}
	case hostBits == 1:
		in.Notes = append(in.Notes, "a /127 point-to-point link: both addresses are usable (RFC 6164)")
	default:
		in.Notes = append(in.Notes, "IPv6 has no broadcast address; all "+countText(hostBits)+" addresses are counted as usable, including "+network.String()+", which is also the Subnet-Router anycast address (RFC 4291 section 2.6.1) that routers answer on, so avoid giving it to a host")
	}
	if network.Is4In6() || (p.Bits() < 96 && netip.MustParsePrefix("::ffff:0:0/96").Overlaps(p)) {
		in.Notes = append(in.Notes, "this IPv6 subnet includes IPv4-mapped addresses (::ffff:0:0/96); it is treated as IPv6, with lengths counted over 128 bits")
	}
	if s.HasHostBits() {
		switch s.host {
		case in.Broadcast:
			in.Notes = append(in.Notes, s.host.String()+" is the broadcast address of "+p.String()+"; a host cannot use it")
		default:
			in.Notes = append(in.Notes, s.host.String()+" is a host in "+p.String())
		}
	} else if is4 && hostBits >= 2 {
		in.Notes = append(in.Notes, s.host.String()+" is the network address of "+p.String()+"; a host cannot use it")
	}
	if cloud == CloudNone {
		return in, nil
	}
	return in.withCloud(cloud)
}

func (in Info) withCloud(cloud Cloud) (Info, error) {
	p := in.Subnet.prefix
	rule := cloud.rule()
	if rule.head == nil {
		return Info{}, &Error{Input: in.Subnet.String(), Reason: "unknown cloud provider " + strconv.Itoa(int(cloud))}
	}
	if !p.Addr().Is4() {
		return Info{}, &Error{Input: in.Subnet.String(), Reason: cloud.String() + " reservations are modelled for IPv4 subnets only", Hint: "choose no cloud provider for IPv6"}
	}
	if p.Bits() > rule.maxBits {
		usable := Pow2(32 - rule.maxBits).Sub(CountOf(uint64(len(rule.head) + len(rule.tail))))
		return Info{}, &Error{Input: p.String(), Reason: "a /" + strconv.Itoa(p.Bits()) + " is too small for " + cloud.String() + ", whose smallest IPv4 subnet is a /" + strconv.Itoa(rule.maxBits),
			Hint: "use /" + strconv.Itoa(rule.maxBits) + " or shorter; a /" + strconv.Itoa(rule.maxBits) + " has " + usable.String() + " usable addresses there"}
	}
	if p.Bits() < rule.minBits {
		return Info{}, &Error{Input: p.String(), Reason: "a /" + strconv.Itoa(p.Bits()) + " is too large for " + cloud.String() + ", whose largest IPv4 subnet is a /" + strconv.Itoa(rule.minBits),
			Hint: "use /" + strconv.Itoa(rule.minBits) + " or longer"}
	}
	in.Reserved = in.Reserved[:0:0]
	a := in.Network
	for _, why := range rule.head {
		in.Reserved = append(in.Reserved, Reserved{a, why})
		a = a.Next()
	}
	in.FirstUsable = a
	a = in.Last
	tail := make([]Reserved, len(rule.tail))
	for i := len(rule.tail) - 1; i >= 0; i-- {
		tail[i] = Reserved{a, rule.tail[i]}
		a = a.Prev()
	}
	in.LastUsable = a
	in.Reserved = append(in.Reserved, tail...)
	in.Usable = in.Total.Sub(CountOf(uint64(len(in.Reserved))))
	in.Notes = append(in.Notes, cloud.String()+" reserves "+strconv.Itoa(len(in.Reserved))+" addresses in every subnet, leaving "+in.Usable.String()+" usable")
	return in, nil
}

func countText(hostBits int) string {
	if hostBits < 20 {
		return Pow2(hostBits).String()
	}
	return "2^" + strconv.Itoa(hostBits)
}

// Size returns the number of addresses in p, 2^(bits of family - p.Bits()),
// or 0 for an invalid p.
func Size(p netip.Prefix) Count {
	if !p.IsValid() {
		return Count{}
	}
	return Pow2(p.Addr().BitLen() - p.Bits())
}

// Parent returns the subnet one bit shorter that contains p, or the zero
// Prefix for /0 or an invalid p.
func Parent(p netip.Prefix) netip.Prefix {
	if !p.IsValid() || p.Bits() == 0 {
		return netip.Prefix{}
	}
	return netip.PrefixFrom(p.Addr(), p.Bits()-1).Masked()
}

// NextPrefix returns the subnet of the same length right after p, or the zero
// Prefix if p ends the address space.
func NextPrefix(p netip.Prefix) netip.Prefix {
	if !p.IsValid() {
		return netip.Prefix{}
	}
	p = p.Masked()
	next := lastAddr(p).Next()
	if !next.IsValid() {
		return netip.Prefix{}
	}
	return netip.PrefixFrom(next, p.Bits())
}

// PrevPrefix returns the subnet of the same length right before p, or the
// zero Prefix if p starts the address space.
func PrevPrefix(p netip.Prefix) netip.Prefix {
	if !p.IsValid() {
		return netip.Prefix{}
	}
	prev := p.Masked().Addr().Prev()
	if !prev.IsValid() {
		return netip.Prefix{}
	}
	return netip.PrefixFrom(prev, p.Bits()).Masked()
}

// Nth returns the i-th subnet (from 0) of length bits inside p, or the zero
// Prefix if bits is shorter than p or longer than the family, or i is not
// below 2^(bits-p.Bits()).
func Nth(p netip.Prefix, bits int, i Count) netip.Prefix {
	if !p.IsValid() || bits < p.Bits() || bits > p.Addr().BitLen() {
		return netip.Prefix{}
	}
	if i.Cmp(Pow2(bits-p.Bits())) >= 0 {
		return netip.Prefix{}
	}
	base := u128.FromAddr(p.Masked().Addr())
	sum, _ := base.Add(i.u128().Shl(p.Addr().BitLen() - bits))
	return netip.PrefixFrom(sum.Addr(p.Addr().Is4()), bits)
}

// Index returns the position of q among the subnets of q's length inside p
// (so Nth(p, q.Bits(), Index(p, q)) is q masked) and reports whether q lies
// inside p.
func Index(p, q netip.Prefix) (Count, bool) {
	if !p.IsValid() || !q.IsValid() || q.Bits() < p.Bits() || !p.Contains(q.Addr()) {
		return Count{}, false
	}
	d, _ := u128.FromAddr(q.Masked().Addr()).Sub(u128.FromAddr(p.Masked().Addr()))
	return Count{}.with(d.Shr(q.Addr().BitLen() - q.Bits())), true
}
