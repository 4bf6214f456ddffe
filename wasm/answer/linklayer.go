package answer

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/netground/netground/core/tool"
)

// SLAACExample is the /64 the Address page forms a MAC's SLAAC address in:
// the documentation prefix (RFC 3849), so the example is never someone's
// real address.
var SLAACExample = netip.MustParsePrefix("2001:db8::/64")

// MACView is what the Address widget shows for a MAC address: its forms,
// and the IPv6 addresses modified EUI-64 makes from it.
type MACView struct {
	MAC, Hyphens, Cisco string // the canonical form and the other two
	Kind                string // who assigned it, and whether it is a group address
	Group               string // what a group (multicast) MAC is for; "" for an interface's own MAC

	// The modified EUI-64 identifier and the addresses made from it; ""
	// for a group MAC, which no interface has as its own.
	InterfaceID, LinkLocal, SLAAC, SLAACPrefix string
	FirstOctet, FlippedOctet                   string // the first octet before and after the U/L bit flips
	Flip                                       string // how the identifier is made, in words
	Note                                       string // tool.EUI64Note
}

// LinkView is what the Address widget shows about an IP address on the
// link: its solicited-node group, the MAC inside an EUI-64 address, and a
// multicast group's MAC. Fields are "" when they do not apply.
type LinkView struct {
	SolicitedNode, SolicitedNodeMAC string
	SolicitedNodeNone               string // why an IPv6 address has no solicited-node group
	EUI64MAC, EUI64Note             string
	MulticastMAC, MulticastMACNote  string
}

// Any reports whether v holds anything to show.
func (v LinkView) Any() bool { return v != LinkView{} }

// describeMAC returns the MAC view of input, or the view's error.
func describeMAC(input string) AddrView {
	m, err := tool.ParseMAC(strings.TrimSpace(input))
	if err != nil {
		return AddrView{Err: err.Error()}
	}
	v := MACView{MAC: m.String(), Hyphens: m.Format('-', 2), Cisco: m.Format('.', 4)}
	admin := "universally administered: the maker's company ID (OUI) and a number it gave this interface"
	if m.IsLocal() {
		admin = "locally administered: set by software, as phones and laptops do with a random MAC per Wi-Fi network, or by a virtual machine's host"
	}
	b := m.As6()
	switch {
	case m == tool.MACFrom6([6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}):
		v.Kind = "broadcast"
		v.Group = "ff:ff:ff:ff:ff:ff is the Ethernet broadcast address: every interface on the link receives a frame sent to it, as ARP requests and DHCP discovers are. No interface has it as its own address."
	case m.IsMulticast():
		v.Kind = "group (multicast), " + strings.SplitN(admin, ":", 2)[0]
		v.Group = "The lowest bit of the first octet (I/G) is set, so this is a group address: frames sent to it go to every interface that joined the group, and no interface has it as its own address, so no IPv6 address is made from it."
		switch {
		case b[0] == 0x33 && b[1] == 0x33:
			v.Group += fmt.Sprintf(" 33:33 starts the MACs of IPv6 multicast groups (RFC 2464 Section 7): this one carries the groups whose last 32 bits are %02x%02x:%02x%02x, such as ff02::%x:%x.",
				b[2], b[3], b[4], b[5], uint16(b[2])<<8|uint16(b[3]), uint16(b[4])<<8|uint16(b[5]))
		case b[0] == 0x01 && b[1] == 0x00 && b[2] == 0x5e && b[3] < 0x80:
			v.Group += fmt.Sprintf(" 01:00:5e starts the MACs of IPv4 multicast groups (RFC 1112 Section 6.4): 32 groups share this one, 224.%d.%d.%d among them, because only the last 23 bits of the group are copied.", b[3], b[4], b[5])
		}
	default:
		v.Kind = "an interface's own (unicast), " + admin
	}
	if v.Group == "" {
		id := m.InterfaceID()
		v.InterfaceID = id.String()
		v.LinkLocal = tool.LinkLocal(m).String()
		if a, err := tool.SLAAC(SLAACExample, m); err == nil {
			v.SLAAC, v.SLAACPrefix = a.String(), SLAACExample.String()
		}
		v.FirstOctet, v.FlippedOctet = fmt.Sprintf("%02x", b[0]), fmt.Sprintf("%02x", b[0]^0x02)
		v.Flip = fmt.Sprintf("Modified EUI-64 (RFC 4291 Appendix A) cuts the MAC after its third octet, puts ff:fe in the middle "+
			"and inverts the universal/local bit, the second lowest of the first octet: %02x (%08b) becomes %02x (%08b). "+
			"The inversion makes a hand-numbered identifier such as ::1 read as local, while one made from a maker's MAC reads as universal.",
			b[0], b[0], b[0]^0x02, b[0]^0x02)
		v.Note = tool.EUI64Note
	}
	return AddrView{MAC: &v}
}

// describeLink returns what a is on the link.
func describeLink(a netip.Addr) LinkView {
	var v LinkView
	if a.IsMulticast() {
		if m, err := tool.MulticastMAC(a); err == nil {
			v.MulticastMAC = m.String()
			if a.Is4() {
				v.MulticastMACNote = "Only the last 23 bits of the group reach the MAC, so 32 IPv4 groups share it (RFC 1112 Section 6.4); the IP layer drops the frames of groups it did not join."
			} else {
				v.MulticastMACNote = "33:33 followed by the last 32 bits of the group (RFC 2464 Section 7)."
			}
		}
		return v
	}
	if !a.Is6() {
		return v
	}
	sn, err := tool.SolicitedNode(a)
	if err != nil {
		var te *tool.Error
		if errors.As(err, &te) {
			v.SolicitedNodeNone = te.Reason
		}
		return v
	}
	v.SolicitedNode = sn.String()
	if m, err := tool.MulticastMAC(sn.WithZone("")); err == nil {
		v.SolicitedNodeMAC = m.String()
	}
	if id, ok := tool.InterfaceIDOf(a); ok {
		if m, ok := id.MAC(); ok {
			v.EUI64MAC, v.EUI64Note = m.String(), tool.EUI64Note
		}
	}
	return v
}
