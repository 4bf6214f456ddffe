package answer

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/addr"
	"github.com/netground/netground/core/subnet"
)

// SubnetView is what the Subnet widget shows for its inputs.
type SubnetView struct {
	// Compact folds all but the key facts into a <details>, as an embed
	// shows them.
	Compact bool

	NetErr, HostErr, OtherErr, GatewayErr, CloudErr string

	Valid                             bool
	Subnet, Network, Last, Broadcast  string
	BroadcastNote                     string
	FirstUsable, LastUsable           string
	Total, TotalPow2, Usable          string
	Mask, Wildcard, MaskBinary        string
	PrefixLength, HostBits, MaxBits   int
	Prev, Next, Parent                string
	MaskFormNote                      string
	HostInside                        string
	Notes                             []string
	Reserved                          []ReservedRow
	Bits                              []BitGroup
	Neighbours, NeighboursExplanation string
	NeighboursAsked                   bool

	Reverse ReverseView // the reverse DNS zones of the subnet
	Nth     NthView     // the address asked for by its index (DescribeNth)
	Pick    RandomView  // the address picked at random (DescribePick)
}

type ReservedRow struct{ Addr, Reason string }

// BitGroup is one octet (IPv4) or 16-bit group (IPv6) of the bit view:
// each bit knows whether it belongs to the network or to the host part.
type BitGroup struct {
	Bits []Bit
}

type Bit struct {
	One     bool
	Network bool
}

// DescribeSubnet computes the Subnet widget: the subnet's facts, its bits,
// and, when a second host is given, the neighbours check.
func DescribeSubnet(net, host, other, gateway string, cloud subnet.Cloud) SubnetView {
	var v SubnetView
	s, form, err := subnet.ParseForm(net)
	if err != nil {
		v.NetErr = err.Error()
		return v
	}
	if host = strings.TrimSpace(host); host != "" {
		h, err := addr.Parse(host)
		switch {
		case err != nil:
			v.HostErr = err.Error()
		case !s.Contains(h):
			v.HostErr = h.String() + " is not in " + s.Prefix().String()
		default:
			s, _ = subnet.From(h, s.Bits())
		}
	}
	info, err := s.Info(cloud)
	if err != nil {
		v.CloudErr = err.Error()
		if info, err = s.Info(subnet.CloudNone); err != nil {
			v.NetErr = err.Error()
			return v
		}
	}
	v.Valid = true
	v.Subnet = s.Prefix().String()
	v.Network = info.Network.String()
	v.Last = info.Last.String()
	if info.Broadcast.IsValid() {
		v.Broadcast = info.Broadcast.String()
	} else if s.Prefix().Addr().Is6() {
		v.BroadcastNote = "none: IPv6 has no broadcast (it uses multicast)"
	} else {
		v.BroadcastNote = "none: a /" + strconv.Itoa(s.Bits()) + " has no broadcast address"
	}
	v.FirstUsable, v.LastUsable = addrOrNone(info.FirstUsable), addrOrNone(info.LastUsable)
	v.Total = groupDigits(info.Total.String())
	v.TotalPow2 = "2^" + strconv.Itoa(info.HostBits)
	v.Usable = groupDigits(info.Usable.String())
	v.Mask, v.Wildcard = info.Mask.String(), info.Wildcard.String()
	v.PrefixLength, v.HostBits = s.Bits(), info.HostBits
	v.MaxBits = s.Prefix().Addr().BitLen()
	v.MaskBinary = addr.FormsOf(info.Mask).Binary()
	v.Prev, v.Next, v.Parent = prefixOrNone(info.Prev), prefixOrNone(info.Next), prefixOrNone(info.Parent)
	if form == subnet.FormWildcard {
		v.MaskFormNote = form.Note(s)
	}
	if s.HasHostBits() {
		v.HostInside = s.Host().String()
	}
	v.Notes = info.Notes
	// Without a cloud the reserved addresses are the network and broadcast
	// addresses the facts already give; a cloud adds its own.
	if cloud != subnet.CloudNone {
		for _, r := range info.Reserved {
			v.Reserved = append(v.Reserved, ReservedRow{r.Addr.String(), r.Reason})
		}
	}
	v.Bits = bitsOf(s.Host(), s.Bits())
	v.Reverse = describeReverse(s.Prefix())

	if other = strings.TrimSpace(other); other != "" {
		v.NeighboursAsked = true
		if v.HostErr != "" {
			return v // no verdict about a host that is not there
		}
		b, err := addr.Parse(other)
		if err != nil {
			v.OtherErr = err.Error()
			return v
		}
		var gw netip.Addr
		if gateway = strings.TrimSpace(gateway); gateway != "" {
			if gw, err = addr.Parse(gateway); err != nil {
				v.GatewayErr = err.Error()
				return v
			}
		}
		bs, err := subnet.From(b, s.Bits())
		if err != nil {
			v.OtherErr = err.Error()
			return v
		}
		n, err := subnet.Neighbours(s, bs, gw)
		if err != nil {
			if gw.IsValid() {
				v.GatewayErr = err.Error()
			} else {
				v.OtherErr = err.Error()
			}
			return v
		}
		v.Neighbours = n.Verdict.String()
		v.NeighboursExplanation = n.Explanation
	}
	return v
}

// DescribeNth adds to v the address of its subnet at index, as typed (0 the
// first, -1 the last, hex after 0x); nothing when index is empty or the
// subnet is not valid.
func DescribeNth(v SubnetView, index string) SubnetView {
	if !v.Valid {
		return v
	}
	p, err := netip.ParsePrefix(v.Subnet)
	if err != nil {
		return v
	}
	v.Nth = describeNth(p, index)
	return v
}

func bitsOf(a netip.Addr, prefixLen int) []BitGroup {
	raw := a.AsSlice()
	groupBits := 8
	if a.Is6() {
		groupBits = 16
	}
	var groups []BitGroup
	var g BitGroup
	for i := 0; i < len(raw)*8; i++ {
		one := raw[i/8]&(0x80>>(i%8)) != 0
		g.Bits = append(g.Bits, Bit{One: one, Network: i < prefixLen})
		if len(g.Bits) == groupBits {
			groups = append(groups, g)
			g = BitGroup{}
		}
	}
	return groups
}

func addrOrNone(a netip.Addr) string {
	if !a.IsValid() {
		return "none"
	}
	return a.String()
}

func prefixOrNone(p netip.Prefix) string {
	if !p.IsValid() {
		return "none"
	}
	return p.String()
}

// groupDigits writes a decimal number with thin groups of three digits,
// 16777216 → 16,777,216.
func groupDigits(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	lead := len(s) % 3
	if lead == 0 {
		lead = 3
	}
	b.WriteString(s[:lead])
	for i := lead; i < len(s); i += 3 {
		b.WriteByte(',')
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// WithPrefixLength returns the subnet text with its length changed, keeping
// the host part: "192.168.1.10/24" with 20 gives "192.168.1.10/20".
func WithPrefixLength(net string, bits int) string {
	s, _, err := subnet.ParseForm(net)
	if err != nil {
		return net
	}
	return s.Host().String() + "/" + strconv.Itoa(bits)
}
