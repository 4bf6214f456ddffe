package practice

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/addr"
	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/subnet"
)

// hostV4 draws an IPv4 host address from the private blocks or a public one.
func hostV4(r *rand.Rand) netip.Addr {
	switch r.IntN(4) {
	case 0:
		return v4(10, r.IntN(256), r.IntN(256), 1+r.IntN(254))
	case 1:
		return v4(172, octet(r, 16, 31), r.IntN(256), 1+r.IntN(254))
	case 2:
		return v4(192, 168, r.IntN(256), 1+r.IntN(254))
	}
	return publicV4(r)
}

// hostV6 draws an IPv6 host address in the documentation block.
func hostV6(r *rand.Rand) netip.Addr {
	var b [16]byte
	b[0], b[1], b[2], b[3] = 0x20, 0x01, 0x0d, 0xb8
	for i := 4; i < 16; i++ {
		b[i] = byte(r.IntN(256))
	}
	return netip.AddrFrom16(b)
}

// info describes host/bits with the subnet engine.
func info(host netip.Addr, bits int) subnet.Info {
	s, err := subnet.From(host, bits)
	if err != nil {
		panic("practice: " + err.Error())
	}
	in, err := s.Info(subnet.CloudNone)
	if err != nil {
		panic("practice: " + err.Error())
	}
	return in
}

// maskOf returns the netmask of a prefix length in the family of a.
func maskOf(a netip.Addr, bits int) netip.Addr { return info(a, bits).Mask }

// andWork shows the binary AND of an address and its mask, the way a
// network address is found.
func andWork(host netip.Addr, in subnet.Info) []string {
	if host.Is4() {
		return []string{
			fmt.Sprintf("  %-15s  %s", host, addr.FormsOf(host).Binary()),
			fmt.Sprintf("& %-15s  %s   (mask /%d)", in.Mask, addr.FormsOf(in.Mask).Binary(), in.Subnet.Bits()),
			fmt.Sprintf("= %-15s  %s   (network)", in.Network, addr.FormsOf(in.Network).Binary()),
		}
	}
	return []string{
		"  host     " + host.StringExpanded(),
		"& mask     " + in.Mask.StringExpanded() + "   (/" + strconv.Itoa(in.Subnet.Bits()) + ")",
		"= network  " + in.Network.StringExpanded(),
	}
}

// octetsKept says which octets of an IPv4 address the network bits cover:
// whole ones whole octets, then part of one: "octets 1 and 2 whole and
// 4 bits of octet 3" for a /20, "octet 1 whole" for a /8, "5 bits of octet 1"
// for a /5.
func octetsKept(whole, bits int) string {
	var parts []string
	switch whole {
	case 0:
	case 1:
		parts = append(parts, "octet 1 whole")
	case 2:
		parts = append(parts, "octets 1 and 2 whole")
	default:
		parts = append(parts, fmt.Sprintf("octets 1 to %d whole", whole))
	}
	if bits > 0 {
		parts = append(parts, fmt.Sprintf("%s of octet %d", field.Count(bits, "bit", "bits"), whole+1))
	}
	return strings.Join(parts, " and ")
}

func boundaryStep(in subnet.Info) string {
	b := in.Boundary
	bits := in.Subnet.Bits()
	if in.Subnet.Host().Is4() {
		if b.Group >= b.Groups {
			return fmt.Sprintf("A /%d has no host bits.", bits)
		}
		if bits == 0 {
			return "A /0 keeps no bits: all 32 bits are host bits."
		}
		host := fmt.Sprintf("the other %d bits are host bits", 32-bits)
		if bits == 31 {
			host = "the last bit is the host bit"
		}
		return fmt.Sprintf("A /%d keeps the first %s: %s; %s.", bits, field.Count(bits, "bit", "bits"), octetsKept(b.Group, b.NetworkBits), host)
	}
	return fmt.Sprintf("A /%d keeps the first %s, that is %s (each digit is 4 bits, a nibble); the other %s.", bits, field.Count(bits, "bit", "bits"), field.Count(bits/4, "hex digit", "hex digits"), field.Count(128-bits, "bit is a host bit", "bits are host bits"))
}

func genSubnet(r *rand.Rand, level int) Question {
	switch level {
	case 1:
		host, bits := hostV4(r), pick(r, []int{8, 16, 24})
		switch r.IntN(4) {
		case 0:
			return subnetNetwork(host, bits)
		case 1:
			return subnetBroadcast(host, bits)
		case 2:
			return subnetUsable(host, bits)
		}
		return subnetMask(host, bits)
	case 2:
		host, bits := hostV4(r), octet(r, 17, 30)
		switch r.IntN(7) {
		case 0, 1:
			return subnetNetwork(host, bits)
		case 2:
			return subnetBroadcast(host, bits)
		case 3:
			return subnetRange(host, bits)
		case 4:
			return subnetUsable(host, bits)
		case 5:
			return subnetLength(host, bits)
		}
		return subnetOf(host, bits)
	}
	switch r.IntN(6) {
	case 0, 1:
		return subnetNetwork(hostV6(r), 32+4*r.IntN(9))
	case 2:
		return subnetCount64(hostV6(r), 32+4*r.IntN(8))
	case 3:
		return subnetOf(hostV6(r), 36+4*r.IntN(7))
	case 4:
		return subnetUsable(hostV4(r), pick(r, []int{29, 30, 31, 32}))
	}
	return subnetRange(hostV4(r), octet(r, 21, 30))
}

// subnetNear explains the classic mix-ups between the special addresses of
// host/bits.
func subnetNear(host netip.Addr, bits int, asked string) addrNear {
	in := info(host, bits)
	return func(a netip.Addr) string {
		switch {
		case a == in.Network && asked != "network address":
			return "that is the network address, not the " + asked
		case in.Broadcast.IsValid() && a == in.Broadcast && asked != "broadcast address":
			return "that is the broadcast address, not the " + asked
		case a == host && asked == "network address":
			return "that is the host's own address; clear its host bits to get the network address"
		case a == in.FirstUsable && asked == "network address":
			return "that is the first usable address; the network address is the one before it"
		case a == in.LastUsable && asked == "broadcast address":
			return "that is the last usable address; the broadcast address is the one after it"
		case !in.Subnet.Contains(a):
			for _, other := range []int{bits - 8, bits - 4, bits - 1, bits + 1, bits + 4, bits + 8} {
				if other < 0 || other > in.Subnet.Host().BitLen() {
					continue
				}
				o := info(host, other)
				if (asked == "network address" && a == o.Network) || (asked == "broadcast address" && a == o.Last) {
					return fmt.Sprintf("that is the %s of the /%d around %s, not of the /%d", asked, other, host, bits)
				}
			}
			return a.String() + " is not even inside " + in.Subnet.Prefix().String()
		}
		return ""
	}
}

func subnetNetwork(host netip.Addr, bits int) Question {
	in := info(host, bits)
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("What is the network address of %s/%d?", host, bits),
		Format: "an address, like " + map[bool]string{true: "192.0.2.0", false: "2001:db8::"}[host.Is4()],
		Answer: in.Network.String(),
		check:  checkAddr(in.Network, subnetNear(host, bits, "network address")),
		Steps: []string{
			boundaryStep(in),
			"The network address keeps the network bits of the host and sets every host bit to 0: the host AND the mask.",
			"Network address: " + in.Network.String() + ".",
		},
		Work: andWork(host, in),
	}
	if !host.Is4() {
		q.Steps[1] = fmt.Sprintf("Keep the first %d hex digits of the expanded address and set the rest to 0.", bits/4)
	}
	q.verify = func() error {
		if p := netip.PrefixFrom(host, bits).Masked(); p.Addr() != in.Network {
			return fmt.Errorf("netip masks to %s, subnet says %s", p.Addr(), in.Network)
		}
		return nil
	}
	return q
}

func subnetBroadcast(host netip.Addr, bits int) Question {
	in := info(host, bits)
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("What is the broadcast address of %s/%d?", host, bits),
		Format: "an address, like 192.0.2.255",
		Answer: in.Broadcast.String(),
		check:  checkAddr(in.Broadcast, subnetNear(host, bits, "broadcast address")),
		Steps: []string{
			boundaryStep(in),
			"The broadcast address keeps the network bits and sets every host bit to 1: the network address OR the wildcard mask " + in.Wildcard.String() + ".",
			"Broadcast address: " + in.Broadcast.String() + ".",
		},
		Work: []string{
			fmt.Sprintf("  %-15s  %s   (network)", in.Network, addr.FormsOf(in.Network).Binary()),
			fmt.Sprintf("| %-15s  %s   (wildcard)", in.Wildcard, addr.FormsOf(in.Wildcard).Binary()),
			fmt.Sprintf("= %-15s  %s   (broadcast)", in.Broadcast, addr.FormsOf(in.Broadcast).Binary()),
		},
	}
	q.verify = func() error {
		n := netip.PrefixFrom(host, bits).Masked().Addr().As4()
		w := (uint32(1) << (32 - bits)) - 1
		x := (uint32(n[0])<<24 | uint32(n[1])<<16 | uint32(n[2])<<8 | uint32(n[3])) | w
		if got := v4(int(x>>24), int(x>>16&0xff), int(x>>8&0xff), int(x&0xff)); got != in.Broadcast {
			return fmt.Errorf("model gives %s, subnet %s", got, in.Broadcast)
		}
		return nil
	}
	return q
}

func subnetRange(host netip.Addr, bits int) Question {
	in := info(host, bits)
	return Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("Which addresses can hosts use in %s/%d? Give the first and the last.", in.Network, bits),
		Format: "two addresses, like 192.0.2.1 - 192.0.2.254",
		Answer: in.FirstUsable.String() + " - " + in.LastUsable.String(),
		check:  checkRange(in.FirstUsable, in.LastUsable, subnetNear(host, bits, "first or last usable address")),
		Steps: []string{
			boundaryStep(in),
			"The network address is " + in.Network.String() + " and the broadcast address " + in.Broadcast.String() + "; neither can be given to a host.",
			"The usable range lies between them: " + in.FirstUsable.String() + " to " + in.LastUsable.String() + ".",
		},
	}
}

func subnetUsable(host netip.Addr, bits int) Question {
	in := info(host, bits)
	total := in.Total
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("How many addresses can hosts use in a /%d IPv4 subnet such as %s?", bits, in.Subnet.Prefix()),
		Format: "a number, like 254",
		Answer: in.Usable.String(),
		check: checkCount(in.Usable, func(c subnet.Count) string {
			switch {
			case c == total && in.Usable != total:
				return "that counts every address; the network and broadcast addresses cannot be given to hosts"
			case c == total.Sub(subnet.CountOf(1)) && in.Usable != c:
				return "subtract both the network and the broadcast address, not just one"
			case bits == 31 && c.IsZero():
				return "a /31 has no network or broadcast address: both of its addresses are usable on a point-to-point link (RFC 3021)"
			}
			return ""
		}),
		Steps: []string{
			fmt.Sprintf("A /%d leaves %s: 2^%d = %s.", bits, field.Count(in.HostBits, "host bit", "host bits"), in.HostBits, field.CountText(total.String(), "address", "addresses")),
		},
	}
	switch bits {
	case 31:
		q.Steps = append(q.Steps, "A /31 is a point-to-point link: it has no network or broadcast address, so both addresses are usable (RFC 3021).")
	case 32:
		q.Steps = append(q.Steps, "A /32 is a single host: its one address is usable.")
	default:
		q.Steps = append(q.Steps, fmt.Sprintf("Take away the network and the broadcast address: %s - 2 = %s usable.", total, in.Usable))
	}
	q.verify = func() error {
		n := uint64(1) << (32 - bits)
		if bits < 31 {
			n -= 2
		}
		if subnet.CountOf(n) != in.Usable {
			return fmt.Errorf("model gives %d, subnet %s", n, in.Usable)
		}
		return nil
	}
	return q
}

func subnetMask(host netip.Addr, bits int) Question {
	in := info(host, bits)
	return Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("What is the netmask of a /%d?", bits),
		Format: "a mask, like 255.255.255.0",
		Answer: in.Mask.String(),
		check: checkAddr(in.Mask, func(a netip.Addr) string {
			if a == in.Wildcard {
				return "that is the wildcard (inverse) mask; the netmask has 1s for the network bits"
			}
			return ""
		}),
		Steps: []string{
			fmt.Sprintf("The netmask has %s followed by %s.", field.Count(bits, "one-bit", "one-bits"), field.Count(32-bits, "zero-bit", "zero-bits")),
			"In dotted decimal, each group of 8 bits is one octet: " + in.Mask.String() + ".",
		},
		Work: []string{addr.FormsOf(in.Mask).Binary() + "  = " + in.Mask.String()},
	}
}

func subnetLength(host netip.Addr, bits int) Question {
	in := info(host, bits)
	return Question{
		Kind:   FreeText,
		Text:   "Which prefix length is the netmask " + in.Mask.String() + "?",
		Format: "a prefix length, like /24",
		Answer: "/" + strconv.Itoa(bits),
		check: checkLength(bits, func(n int) string {
			if n == 32-bits {
				return fmt.Sprintf("/%d counts the zero bits; the prefix length counts the one-bits", n)
			}
			return ""
		}),
		Steps: []string{
			"Write the mask in binary and count the one-bits.",
			fmt.Sprintf("%s: /%d.", field.Count(bits, "one", "ones"), bits),
		},
		Work: []string{addr.FormsOf(in.Mask).Binary()},
	}
}

func subnetOf(host netip.Addr, bits int) Question {
	in := info(host, bits)
	text := fmt.Sprintf("A host has the address %s with the netmask %s. Which subnet is it on?", host, in.Mask)
	if !host.Is4() {
		text = fmt.Sprintf("A host has the address %s in a /%d. Which subnet is it on?", host, bits)
	}
	q := Question{
		Kind:   FreeText,
		Text:   text,
		Format: "a subnet, like " + exampleNet(in.Subnet.Prefix()) + " (a netmask works too)",
		Answer: in.Subnet.Prefix().String(),
		check:  checkPrefix(in.Subnet.Prefix()),
		Steps: []string{
			boundaryStep(in),
			"AND the address with the mask to get the network address " + in.Network.String() + ".",
			"The subnet is the network address with the prefix length: " + in.Subnet.Prefix().String() + ".",
		},
		Work: andWork(host, in),
	}
	return q
}

func subnetCount64(host netip.Addr, bits int) Question {
	in := info(host, bits)
	n := subnet.Pow2(64 - bits)
	return Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("A site gets %s. How many /64 subnets does it hold?", in.Subnet.Prefix()),
		Format: "a number, like 256 or 2^8",
		Answer: n.String(),
		check: checkCount(n, func(c subnet.Count) string {
			switch {
			case c == in.Total:
				return "that is the number of addresses; count /64 subnets instead"
			case c == subnet.CountOf(uint64(64-bits)):
				return fmt.Sprintf("%d is the number of bits between /%d and /64; the number of subnets is 2 to that power", 64-bits, bits)
			}
			return ""
		}),
		Steps: []string{
			fmt.Sprintf("From /%d to /64 there are %s (%s) to number subnets with.", bits, field.Count(64-bits, "bit", "bits"), field.Count((64-bits)/4, "hex digit", "hex digits")),
			fmt.Sprintf("2^%d = %s of /64.", 64-bits, field.CountText(n.String(), "subnet", "subnets")),
			fmt.Sprintf("The first is %s and the last %s.", subnet.Nth(in.Subnet.Prefix(), 64, subnet.CountOf(0)), lastSub(in.Subnet.Prefix(), 64)),
		},
	}
}

func lastSub(p netip.Prefix, bits int) netip.Prefix {
	return subnet.Nth(p, bits, subnet.Pow2(bits-p.Bits()).Sub(subnet.CountOf(1)))
}

func genNeighbours(r *rand.Rand, level int) Question {
	var a, b netip.Addr
	var bitsA, bitsB int
	switch level {
	case 1:
		bitsA = 24
		a = hostV4(r)
		b = sibling(r, a, bitsA)
	case 2:
		bitsA = octet(r, 20, 29)
		a = hostV4(r)
		b = sibling(r, a, bitsA)
	default:
		if r.IntN(3) == 0 {
			bitsA = 64
			a = hostV6(r)
			b = sibling(r, a, bitsA)
		} else {
			bitsA = octet(r, 22, 28)
			a = hostV4(r)
			b = sibling(r, a, bitsA)
		}
	}
	bitsB = bitsA
	if level == 3 && a.Is4() {
		bitsB = bitsA + pick(r, []int{-2, -1, 1, 2})
		b = sibling(r, a, bitsB)
	}
	ia, ib := info(a, bitsA), info(b, bitsB)
	gw := ia.FirstUsable
	if gw == a {
		gw = ia.LastUsable
	}
	sa, _ := subnet.From(a, bitsA)
	sb, _ := subnet.From(b, bitsB)
	nb, err := subnet.Neighbours(sa, sb, gw)
	if err != nil {
		panic("practice: " + err.Error())
	}
	reply := level == 3 && bitsA != bitsB && r.IntN(2) == 0
	reach, from, to, fromInfo := nb.AToB, a, b, ia
	text := fmt.Sprintf("Host A is %s/%d with the gateway %s. It sends a packet to host B, %s/%d. Does A send it directly to B, or through the gateway?", a, bitsA, gw, b, bitsB)
	if reply {
		reach, from, to, fromInfo = nb.BToA, b, a, ib
		text = fmt.Sprintf("Host A is %s/%d; host B is %s/%d. B replies to A. Does B send the reply directly to A, or through its gateway?", a, bitsA, b, bitsB)
	}
	choices := []string{"directly", "through the gateway"}
	right := 0
	if reach == subnet.ReachGateway {
		right = 1
	}
	fromP, toMasked := fromInfo.Subnet.Prefix(), netip.PrefixFrom(to, fromInfo.Subnet.Bits()).Masked()
	why := []string{
		fmt.Sprintf("%s is outside the sender's subnet %s, so the packet goes to the gateway", to, fromP),
		fmt.Sprintf("%s is inside the sender's subnet %s: the sender finds it with %s and sends directly", to, fromP, map[bool]string{true: "ARP", false: "Neighbor Discovery"}[to.Is4()]),
	}
	q := choiceQ(text, choices, right, why)
	q.Steps = []string{
		"A sender decides by its own subnet: it ANDs the destination with its own mask and compares the result with its own network address.",
		fmt.Sprintf("The sender %s is on %s.", from, fromP),
		fmt.Sprintf("%s AND the /%d mask = %s.", to, fromInfo.Subnet.Bits(), toMasked.Addr()),
	}
	if right == 0 {
		q.Steps = append(q.Steps, "Same network: the destination is on-link, the packet goes directly.")
	} else {
		q.Steps = append(q.Steps, "Different network: the destination is off-link, the packet goes to the gateway.")
	}
	q.Steps = append(q.Steps, nb.Explanation)
	if from.Is4() {
		q.Work = []string{
			fmt.Sprintf("  %-15s  %s   (destination)", to, addr.FormsOf(to).Binary()),
			fmt.Sprintf("& %-15s  %s   (sender's mask /%d)", fromInfo.Mask, addr.FormsOf(fromInfo.Mask).Binary(), fromInfo.Subnet.Bits()),
			fmt.Sprintf("= %-15s  %s", toMasked.Addr(), addr.FormsOf(toMasked.Addr()).Binary()),
			fmt.Sprintf("  %-15s  %s   (sender's network)", fromInfo.Network, addr.FormsOf(fromInfo.Network).Binary()),
		}
	}
	q.verify = func() error {
		same := fromP.Contains(to)
		if same != (right == 0) {
			return fmt.Errorf("%s contains %s = %v, engine says %s", fromP, to, same, reach)
		}
		return nil
	}
	return q
}

// sibling returns a host near a: half the time in a's /bits, otherwise in
// a neighbouring one, so the two cases are equally likely and look alike.
func sibling(r *rand.Rand, a netip.Addr, bits int) netip.Addr {
	p := netip.PrefixFrom(a, bits).Masked()
	if r.IntN(2) == 1 {
		if n := subnetNeighbour(r, p); n.IsValid() {
			p = n
		}
	}
	in := info(p.Addr(), bits)
	for {
		var h netip.Addr
		if a.Is4() {
			off := 1 + r.IntN(max(1, int(1<<(32-bits))-2))
			h = addOffset(in.Network, uint64(off))
		} else {
			b := p.Addr().As16()
			for i := 8; i < 16; i++ {
				b[i] = byte(r.IntN(256))
			}
			h = netip.AddrFrom16(b)
		}
		if h != a && h != in.Broadcast && h != in.Network {
			return h
		}
	}
}

func subnetNeighbour(r *rand.Rand, p netip.Prefix) netip.Prefix {
	if r.IntN(2) == 0 {
		if n := subnet.NextPrefix(p); n.IsValid() {
			return n
		}
	}
	return subnet.PrevPrefix(p)
}

// addOffset returns the IPv4 address n after a.
func addOffset(a netip.Addr, n uint64) netip.Addr {
	b := a.As4()
	x := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	x += uint32(n)
	return netip.AddrFrom4([4]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)})
}
