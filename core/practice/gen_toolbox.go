package practice

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/tool"
)

// genToolbox asks what the address toolbox answers: the modified EUI-64
// link-local address of a MAC, the solicited-node group of an IPv6
// address, the nth address of a subnet, an address plus a number, the
// distance between two addresses, and the reverse DNS zone of a prefix.
func genToolbox(r *rand.Rand, level int) Question {
	switch level {
	case 1:
		switch r.IntN(4) {
		case 0:
			return toolboxLinkLocal(randomMAC(r))
		case 1:
			return toolboxNth(nthPrefixV4(r, []int{24}), tool.DeltaOf(int64(1+r.IntN(100))))
		case 2:
			return toolboxAdd(v4(10, r.IntN(256), r.IntN(256), octet(r, 200, 254)), tool.DeltaOf(int64(octet(r, 2, 60))))
		}
		return toolboxReverse(netip.PrefixFrom(v4(octet(r, 1, 223), r.IntN(256), r.IntN(256), 0), 24).Masked())
	case 2:
		switch r.IntN(5) {
		case 0:
			return toolboxLinkLocal(randomMAC(r))
		case 1:
			return toolboxSolicitedNode(hostV6(r))
		case 2:
			p := nthPrefixV4(r, []int{22, 23, 24, 25, 26, 27, 28})
			n := int64(1 + r.IntN(6))
			if r.IntN(2) == 0 {
				return toolboxNth(p, tool.DeltaOf(-n))
			}
			return toolboxNth(p, tool.DeltaOf(int64(r.IntN(1<<(32-p.Bits())))))
		case 3:
			return toolboxAdd(v4(192, 168, r.IntN(256), r.IntN(256)), tool.DeltaOf(int64(octet(r, 256, 1000))))
		}
		bits := pick(r, []int{8, 16, 24})
		return toolboxReverse(netip.PrefixFrom(hostV4(r), bits).Masked())
	}
	switch r.IntN(6) {
	case 0:
		return toolboxSLAAC(netip.PrefixFrom(hostV6(r), 64).Masked(), randomMAC(r))
	case 1:
		return toolboxSolicitedNode(hostV6(r))
	case 2:
		if r.IntN(3) == 0 {
			p := netip.PrefixFrom(hostV6(r), 120).Masked()
			return toolboxNth(p, tool.DeltaOf(int64(pick(r, []int{0x10, 0xff, 100, -1, -0x10}))))
		}
		p := netip.PrefixFrom(hostV6(r), pick(r, []int{64, 112})).Masked()
		return toolboxNth(p, tool.DeltaOf(int64(pick(r, []int{0x10, 0x100, 0xff, 0x1000, 1000}))))
	case 3:
		return toolboxAdd(hostV4(r), tool.DeltaOf(-int64(octet(r, 2, 700))))
	case 4:
		a := hostV4(r)
		b, err := tool.Add(a, tool.DeltaOf(int64(octet(r, 100, 5000))))
		if err != nil {
			b = a
		}
		return toolboxDistance(a, b)
	}
	bits := pick(r, []int{32, 36, 40, 44, 48, 52, 56, 60, 64})
	return toolboxReverse(netip.PrefixFrom(hostV6(r), bits).Masked())
}

// randomMAC draws a universally administered unicast MAC, as a network
// card has from its maker.
func randomMAC(r *rand.Rand) tool.MAC {
	var b [6]byte
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	b[0] &^= 0x03
	return tool.MACFrom6(b)
}

// nthPrefixV4 draws a private IPv4 subnet of one of the lengths.
func nthPrefixV4(r *rand.Rand, lengths []int) netip.Prefix {
	return netip.PrefixFrom(hostV4(r), pick(r, lengths)).Masked()
}

// eui64Steps says how a MAC becomes an interface identifier, for the
// solutions that need one.
func eui64Steps(m tool.MAC) []string {
	b := m.As6()
	return []string{
		fmt.Sprintf("Split the MAC %s in half and put ff:fe in the middle: %02x:%02x:%02x:ff:fe:%02x:%02x:%02x.", m, b[0], b[1], b[2], b[3], b[4], b[5]),
		fmt.Sprintf("Invert the universal/local bit, the second-lowest bit of the first octet (RFC 4291 Appendix A): %02x becomes %02x.", b[0], b[0]^0x02),
		"Write it as four groups of four hex digits: the interface identifier " + m.InterfaceID().String() + ".",
	}
}

// eui64Near explains the usual mistakes with an EUI-64 address: the U/L
// bit left as it is, or ff:fe forgotten.
func eui64Near(prefix netip.Prefix, m tool.MAC) addrNear {
	b := m.As6()
	unflipped := tool.MACFrom6([6]byte{b[0] ^ 0x02, b[1], b[2], b[3], b[4], b[5]})
	return func(a netip.Addr) string {
		if x, err := unflipped.InterfaceID().In(prefix); err == nil && x == a {
			return "right shape, but the universal/local bit of the first octet must be inverted: " + fmt.Sprintf("%02x becomes %02x", b[0], b[0]^0x02)
		}
		if !prefix.Contains(a) {
			return "the address must be in " + prefix.String()
		}
		if id, ok := tool.InterfaceIDOf(a); ok && !id.IsEUI64() {
			return "the interface identifier has ff:fe in its middle, between the two halves of the MAC"
		}
		return ""
	}
}

func toolboxLinkLocal(m tool.MAC) Question {
	want := tool.LinkLocal(m)
	ll := netip.MustParsePrefix("fe80::/64")
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("An interface with the MAC address %s forms its IPv6 link-local address with modified EUI-64. What is it?", m),
		Format: "an IPv6 address, like fe80::1",
		Answer: want.String(),
		check:  checkAddr(want, eui64Near(ll, m)),
		Steps: append(eui64Steps(m),
			"A link-local address is fe80::/64 followed by the interface identifier: "+want.String()+"."),
	}
	q.verify = func() error { return verifyEUI64(ll, m, want) }
	return q
}

func toolboxSLAAC(p netip.Prefix, m tool.MAC) Question {
	want, err := tool.SLAAC(p, m)
	if err != nil {
		panic("practice: " + err.Error())
	}
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("A router advertises the prefix %s. What address does an interface with the MAC %s form from it with SLAAC and modified EUI-64?", p, m),
		Format: "an IPv6 address, like 2001:db8::1",
		Answer: want.String(),
		check:  checkAddr(want, eui64Near(p, m)),
		Steps: append(eui64Steps(m),
			"SLAAC puts the identifier in the last 64 bits of the advertised /64: "+want.String()+".",
			"Most systems today use stable privacy (RFC 7217) or temporary (RFC 8981) identifiers instead, so that the MAC cannot be read from the address."),
	}
	q.verify = func() error { return verifyEUI64(p, m, want) }
	return q
}

// verifyEUI64 builds the address byte by byte.
func verifyEUI64(p netip.Prefix, m tool.MAC, want netip.Addr) error {
	b, mac := p.Addr().As16(), m.As6()
	copy(b[8:], []byte{mac[0] ^ 0x02, mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]})
	if got := netip.AddrFrom16(b); got != want {
		return fmt.Errorf("by hand %s, the tool says %s", got, want)
	}
	return nil
}

func toolboxSolicitedNode(a netip.Addr) Question {
	want, err := tool.SolicitedNode(a)
	if err != nil {
		panic("practice: " + err.Error())
	}
	b := a.As16()
	last24 := fmt.Sprintf("%02x:%02x%02x", b[13], b[14], b[15])
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("Neighbor Discovery looks for %s by sending to its solicited-node multicast group. What is that group's address?", a),
		Format: "an IPv6 address, like ff02::1:ff00:1",
		Answer: want.String(),
		check: checkAddr(want, func(g netip.Addr) string {
			switch {
			case g == a:
				return "that is the address itself; the group is ff02::1:ff followed by its last 24 bits"
			case !netip.MustParsePrefix("ff02::1:ff00:0/104").Contains(g):
				return "every solicited-node group is in ff02::1:ff00:0/104"
			}
			return "keep the last 24 bits (6 hex digits) of the address, no more, no less"
		}),
		Steps: []string{
			"Expanded, the address is " + a.StringExpanded() + ".",
			"Its last 24 bits, the last 6 hex digits, are " + last24 + ".",
			"The solicited-node group is ff02::1:ff00:0/104 with those 24 bits at its end (RFC 4291 Section 2.7.1): " + want.String() + ".",
		},
	}
	q.verify = func() error {
		g, err := netip.ParseAddr("ff02::1:ff" + last24)
		if err != nil || g != want {
			return fmt.Errorf("by hand %v (%v), the tool says %s", g, err, want)
		}
		return nil
	}
	return q
}

// indexText writes an index as the question asks it: decimal, or hex for
// IPv6.
func indexText(p netip.Prefix, n tool.Delta) string {
	if v, ok := n.Int64(); ok && p.Addr().Is6() && v > 9 {
		return "0x" + strconv.FormatInt(v, 16) + " (" + n.String() + ")"
	}
	return n.String()
}

func toolboxNth(p netip.Prefix, n tool.Delta) Question {
	want, err := tool.Nth(p, n)
	if err != nil {
		panic("practice: " + err.Error())
	}
	last, _ := tool.Nth(p, tool.DeltaOf(-1))
	text := fmt.Sprintf("Counting the network address %s as address 0, what is address %s of %s?", p.Addr(), indexText(p, n), p)
	steps := []string{
		"Address 0 is the network address " + p.Addr().String() + ", the first address of the subnet.",
		"Add " + n.String() + " to it: " + want.String() + ".",
	}
	if n.Sign() < 0 {
		text = fmt.Sprintf("Counting from the end, with -1 the last address (%s), what is address %s of %s?", last, n, p)
		back, _ := n.Neg().Int64()
		steps = []string{
			"Address -1 is the last address of the subnet, " + last.String() + ".",
			fmt.Sprintf("Address %s is %d before it: %s.", n, back-1, want),
		}
	}
	q := Question{
		Kind:   FreeText,
		Text:   text,
		Format: "an address, like " + map[bool]string{true: "192.0.2.10", false: "2001:db8::10"}[p.Addr().Is4()],
		Answer: want.String(),
		check: checkAddr(want, func(a netip.Addr) string {
			if a.Next() == want || a.Prev() == want {
				return "one off: address 0 is the network address, and -1 the last address"
			}
			if !p.Contains(a) {
				return a.String() + " is not in " + p.String()
			}
			return ""
		}),
		Steps: steps,
	}
	q.verify = func() error {
		v, _ := n.Int64()
		a := p.Addr()
		if v < 0 {
			a, v = last, -v-1
		}
		for range v {
			if n.Sign() < 0 {
				a = a.Prev()
			} else {
				a = a.Next()
			}
		}
		if a != want {
			return fmt.Errorf("stepping one by one gives %s, the tool %s", a, want)
		}
		return nil
	}
	return q
}

// v4Sum spells out a+d for IPv4: in the last octet when the step is under
// 256 and carries at most into the third octet (10.0.0.250 + 10), else as
// 32-bit numbers.
func v4Sum(a netip.Addr, d tool.Delta, want netip.Addr) []string {
	b, w := a.As4(), want.As4()
	n, _ := d.Int64()
	if last := int64(b[3]) + n; max(n, -n) < 256 && w[0] == b[0] && w[1] == b[1] && max(int(w[2])-int(b[2]), int(b[2])-int(w[2])) <= 1 {
		switch {
		case last > 255:
			return []string{
				fmt.Sprintf("Add to the last octet: %d + %d = %d.", b[3], n, last),
				fmt.Sprintf("An octet holds 0 to 255, so %d carries: %d = 256 + %d. The last octet is %d, and the third octet goes up by one, %d → %d.", last, last, last-256, w[3], b[2], w[2]),
				"The address: " + want.String() + ".",
			}
		case last < 0:
			return []string{
				fmt.Sprintf("Subtract from the last octet: %d - %d = %d.", b[3], -n, last),
				fmt.Sprintf("An octet holds 0 to 255, so borrow one from the third octet, %d → %d, and add 256 to the last: %d + 256 = %d.", b[2], w[2], last, w[3]),
				"The address: " + want.String() + ".",
			}
		}
		sign := "+"
		if n < 0 {
			sign = "-"
		}
		return []string{
			fmt.Sprintf("Only the last octet changes: %d %s %d = %d, which stays within 0 to 255.", b[3], sign, max(n, -n), last),
			"The address: " + want.String() + ".",
		}
	}
	ua := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	uw := uint32(w[0])<<24 | uint32(w[1])<<16 | uint32(w[2])<<8 | uint32(w[3])
	return []string{
		fmt.Sprintf("An IPv4 address is a 32-bit number: %s is %d·256³ + %d·256² + %d·256 + %d = %d.", a, b[0], b[1], b[2], b[3], ua),
		fmt.Sprintf("%d %s %d = %d.", ua, map[bool]string{true: "-", false: "+"}[n < 0], max(n, -n), uw),
		fmt.Sprintf("Back into octets: %d = %d·256³ + %d·256² + %d·256 + %d, that is %s. Each octet holds 0 to 255; past 255 it carries into the octet before.", uw, w[0], w[1], w[2], w[3], want),
	}
}

func toolboxAdd(a netip.Addr, d tool.Delta) Question {
	want, err := tool.Add(a, d)
	if err != nil {
		panic("practice: " + err.Error())
	}
	op := "+ " + d.String()
	if d.Sign() < 0 {
		op = "- " + d.Neg().String()
	}
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("What address is %s %s?", a, op),
		Format: "an address, like 192.0.2.10",
		Answer: want.String(),
		check: checkAddr(want, func(x netip.Addr) string {
			if x.Next() == want || x.Prev() == want {
				return "one off; count again"
			}
			wb, xb := want.As4(), x.As4()
			if wb[0] == xb[0] && wb[1] == xb[1] && wb[3] == xb[3] {
				return "the last octet is right; check the carry into the third octet"
			}
			return ""
		}),
		Steps: v4Sum(a, d, want),
	}
	q.verify = func() error {
		b := a.As4()
		u := int64(b[0])<<24 | int64(b[1])<<16 | int64(b[2])<<8 | int64(b[3])
		n, _ := d.Int64()
		u += n
		if got := v4(int(u>>24), int(u>>16&0xff), int(u>>8&0xff), int(u&0xff)); got != want {
			return fmt.Errorf("by uint32 %s, the tool says %s", got, want)
		}
		return nil
	}
	return q
}

func toolboxDistance(a, b netip.Addr) Question {
	d, err := tool.Distance(a, b)
	if err != nil {
		panic("practice: " + err.Error())
	}
	ab, bb := a.As4(), b.As4()
	ua := uint32(ab[0])<<24 | uint32(ab[1])<<16 | uint32(ab[2])<<8 | uint32(ab[3])
	ub := uint32(bb[0])<<24 | uint32(bb[1])<<16 | uint32(bb[2])<<8 | uint32(bb[3])
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("How many addresses do you step from %s to reach %s? (%s + n = %s: what is n?)", a, b, a, b),
		Format: "a whole number, like 300",
		Answer: d.String(),
		check:  checkDelta(d),
		Steps: []string{
			fmt.Sprintf("As 32-bit numbers, %s is %d·256³ + %d·256² + %d·256 + %d = %d.", a, ab[0], ab[1], ab[2], ab[3], ua),
			fmt.Sprintf("and %s is %d·256³ + %d·256² + %d·256 + %d = %d.", b, bb[0], bb[1], bb[2], bb[3], ub),
			fmt.Sprintf("The difference: %d - %d = %s. The range from %s to %s, both ends counted, holds one more: %d addresses.", ub, ua, d, a, b, ub-ua+1),
		},
	}
	q.verify = func() error {
		if n, _ := d.Int64(); int64(ub)-int64(ua) != n {
			return fmt.Errorf("by uint32 %d, the tool says %s", int64(ub)-int64(ua), d)
		}
		return nil
	}
	return q
}

// checkDelta accepts a whole number as tool.ParseDelta reads it, with
// digits grouped by commas, spaces or underscores.
func checkDelta(want tool.Delta) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for a number")
		}
		t := strings.NewReplacer(",", "", " ", "", "_", "", "\u202f", "").Replace(strings.TrimSpace(s))
		got, err := tool.ParseDelta(t)
		switch {
		case err != nil:
			return wrongf("%s is not a whole number", shown(s))
		case got == want:
			return correct("")
		case got == want.Neg():
			return wrongf("right size, wrong sign: n is positive when the second address comes after the first")
		}
		if w, ok := want.Int64(); ok && w > 0 && got == tool.DeltaOf(w+1) {
			return wrongf("one too many: that counts both ends; the step from one to the other is one less")
		}
		return wrongf("%s is not the distance asked for", got)
	}
}

// reverseNear explains the usual mistakes with a reverse zone.
func reverseNear(p netip.Prefix, want string) func(string) string {
	suffix := "in-addr.arpa"
	if p.Addr().Is6() {
		suffix = "ip6.arpa"
	}
	labels := strings.Split(strings.TrimSuffix(want, "."+suffix), ".")
	forward := slices.Clone(labels)
	slices.Reverse(forward)
	full := tool.ReverseName(p.Addr())
	return func(got string) string {
		switch {
		case !strings.HasSuffix(got, "."+suffix):
			return "the zone ends in " + suffix
		case got == strings.Join(forward, ".")+"."+suffix:
			return "right labels, but in reverse order: the most specific part comes first"
		case got == full && got != want:
			return "that is the name of the network address alone; the zone keeps only the " + strconv.Itoa(len(labels)) + " labels the prefix fixes"
		case strings.HasSuffix(got, "."+want):
			return "too many labels: a /" + strconv.Itoa(p.Bits()) + " fixes " + strconv.Itoa(len(labels)) + " of them"
		case strings.HasSuffix(want, "."+strings.TrimSuffix(got, "."+suffix)+"."+suffix) || strings.HasSuffix(want, got):
			return "too few labels: a /" + strconv.Itoa(p.Bits()) + " fixes " + strconv.Itoa(len(labels)) + " of them"
		}
		return ""
	}
}

func toolboxReverse(p netip.Prefix) Question {
	z, err := tool.ReverseZone(p)
	if err != nil || !z.Exact() {
		panic(fmt.Sprintf("practice: %v is not one reverse zone (%v)", p, err))
	}
	want := z.Zones[0]
	near := reverseNear(p, want)
	unit, units, per, tree := "octet", "octets", 8, "in-addr.arpa"
	if p.Addr().Is6() {
		unit, units, per, tree = "hex digit", "hex digits (nibbles)", 4, "ip6.arpa"
	}
	labels := p.Bits() / per
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("Which reverse DNS zone holds the PTR records of %s?", p),
		Format: "a zone name, like " + map[bool]string{true: "2.0.192.in-addr.arpa", false: "8.b.d.0.1.0.0.2.ip6.arpa"}[p.Addr().Is4()],
		Answer: want,
		check: func(s string) Feedback {
			if tooLong(s) {
				return wrongf("that is far too long for a zone name")
			}
			got := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), ".")
			if got == want {
				return correct("")
			}
			if why := near(got); why != "" {
				return wrongf("%s", why)
			}
			return wrongf("%s is not the zone asked for", shown(s))
		},
		Steps: []string{
			fmt.Sprintf("A /%d fixes the first %d bits: %s, one label every %d bits.", p.Bits(), p.Bits(), field.Count(labels, unit, units), per),
			"Write them in reverse order, most specific first, each a label, and add " + tree + ": " + want + ".",
		},
	}
	if p.Addr().Is6() {
		q.Steps = append([]string{"Expanded, the network address is " + p.Addr().StringExpanded() + "."}, q.Steps...)
	}
	q.verify = func() error {
		var parts []string
		if p.Addr().Is4() {
			b := p.Addr().As4()
			for i := range labels {
				parts = append(parts, strconv.Itoa(int(b[i])))
			}
		} else {
			hex := strings.ReplaceAll(p.Addr().StringExpanded(), ":", "")
			for i := range labels {
				parts = append(parts, hex[i:i+1])
			}
		}
		slices.Reverse(parts)
		if got := strings.Join(append(parts, tree), "."); got != want {
			return fmt.Errorf("by hand %s, the tool says %s", got, want)
		}
		return nil
	}
	return q
}
