package answer

import (
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/addr"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/core/tool"
)

// Caps on what the Subnet widget lists of a prefix's reverse zones.
const (
	maxZonesShown  = 16 // zones listed; a /17 has 128
	maxCNAMEsShown = 32 // CNAME records written out; a /25 has 128
)

// ReverseView is where the PTR records of a subnet live (tool.ReverseZone).
type ReverseView struct {
	Zones     []string // the zones covering the subnet, at most maxZonesShown
	MoreZones int      // zones not listed
	Bits      int      // the prefix length of each zone
	Exact     bool     // the subnet is one zone, exactly
	Enclosing string   // the zone one boundary up, when the subnet is not on a boundary
	Note      string   // what to do when it is not on a boundary

	// RFC 2317 classless delegation, for IPv4 longer than /24.
	Classless, ClasslessParent string
	Records                    string // the parent zone's NS and CNAME records, at most maxCNAMEsShown CNAMEs
	MoreRecords                int    // CNAMEs not written out
}

func describeReverse(p netip.Prefix) ReverseView {
	z, err := tool.ReverseZone(p)
	if err != nil {
		return ReverseView{}
	}
	v := ReverseView{Bits: z.Bits, Exact: z.Exact(), Enclosing: z.Enclosing}
	v.Zones = z.Zones[:min(len(z.Zones), maxZonesShown)]
	v.MoreZones = len(z.Zones) - len(v.Zones)
	bits := strconv.Itoa(p.Bits())
	switch {
	case z.Classless.IsValid():
		c := z.Classless
		v.Classless, v.ClasslessParent = c.Zone, c.Parent
		v.Note = "in-addr.arpa zones are cut only at /8, /16 and /24, so a /" + bits + " has no zone of its own: its PTR records live in the /24 zone " + c.Parent + ". " +
			"RFC 2317 hands them over anyway: the /24's owner delegates the zone " + c.Zone + " to your name servers and points each address's name there with a CNAME."
		cnames := c.CNAMEs()
		shown := cnames[:min(len(cnames), maxCNAMEsShown)]
		var sb strings.Builder
		sb.WriteString("$ORIGIN " + c.Parent + ".\n")
		sb.WriteString(strings.TrimSuffix(c.Zone, "."+c.Parent) + "\tNS\tns1.example.\n")
		for _, r := range shown {
			sb.WriteString(strings.TrimSuffix(r.Name, "."+c.Parent) + "\tCNAME\t" + r.Target + ".\n")
		}
		v.Records, v.MoreRecords = sb.String(), len(cnames)-len(shown)
	case !v.Exact:
		unit, step := "nibble", "4"
		if p.Addr().Is4() {
			unit, step = "octet", "8"
		}
		v.Note = "Reverse zones are cut at " + unit + " boundaries (every " + step + " bits), and /" + bits + " is not on one. " +
			"Ask for the " + strconv.Itoa(len(z.Zones)) + " /" + strconv.Itoa(z.Bits) + " zones below to be delegated, " +
			"or keep the records in the enclosing zone " + z.Enclosing + ", which holds more than this subnet."
	}
	return v
}

// NthView is the answer to "which is address n of the subnet?".
type NthView struct {
	Index, Addr, Err string
}

// describeNth returns address index (as typed) of p; nothing when index is
// empty.
func describeNth(p netip.Prefix, index string) NthView {
	index = strings.TrimSpace(index)
	if index == "" {
		return NthView{}
	}
	d, err := tool.ParseDelta(index)
	if err != nil {
		return NthView{Index: index, Err: err.Error()}
	}
	a, err := tool.Nth(p, d)
	if err != nil {
		return NthView{Index: index, Err: err.Error()}
	}
	return NthView{Index: d.String(), Addr: a.String()}
}

// ArithView is the Address widget's arithmetic: the address a number of
// places away, and the distance to a second address. Each half is empty
// when its input is.
type ArithView struct {
	From              string // the address counted from
	Step, Sum, AddErr string // the step as read (+10, -1), the address it reaches, or why not
	To, Distance      string // the second address and to-from, signed, in decimal
	Direction         string // "after" or "before" the address; "" when they are equal
	DistanceErr       string
}

// DescribeArith adds to v the address add places from it (add as typed:
// 10, -1, 0x100) and its distance to the address to; nothing for an empty
// input, and nothing at all when v is not a valid IP address.
func DescribeArith(v AddrView, add, to string) AddrView {
	add, to = strings.TrimSpace(add), strings.TrimSpace(to)
	if add == "" && to == "" {
		return v
	}
	if v.MAC != nil {
		why := "MAC address " + strconv.Quote(v.MAC.MAC) + ": only an IP address is counted from; type one above"
		if add != "" {
			v.Arith.AddErr = why
		}
		if to != "" {
			v.Arith.DistanceErr = why
		}
		return v
	}
	a, err := netip.ParseAddr(v.Canonical)
	if v.Err != "" || err != nil {
		return v
	}
	v.Arith.From = a.String()
	if add != "" {
		v.Arith.Step, v.Arith.Sum, v.Arith.AddErr = describeAdd(a, add)
	}
	if to != "" {
		v.Arith.To, v.Arith.Distance, v.Arith.Direction, v.Arith.DistanceErr = describeDistance(a, to)
	}
	return v
}

func describeAdd(a netip.Addr, add string) (step, sum, errText string) {
	d, err := tool.ParseDelta(add)
	if err != nil {
		return "", "", err.Error()
	}
	b, err := tool.Add(a, d)
	if err != nil {
		return "", "", err.Error()
	}
	step = d.String()
	if d.Sign() >= 0 {
		step = "+" + step
	}
	return step, b.String(), ""
}

func describeDistance(a netip.Addr, to string) (other, distance, direction, errText string) {
	b, err := addr.Parse(to)
	if err != nil {
		return "", "", "", err.Error()
	}
	d, err := tool.Distance(a, b)
	if err != nil {
		return "", "", "", err.Error()
	}
	switch d.Sign() {
	case 1:
		direction = "after"
	case -1:
		direction = "before"
	}
	return b.String(), d.String(), direction, ""
}

// RandomView is an address drawn at random from the subnet (tool.RandomAddr),
// as a link keeps it.
type RandomView struct {
	Addr, Err string
}

// DescribePick adds to v the address a link picked at random from its
// subnet (SubnetState.Pick); nothing when pick is empty or the subnet is
// not valid.
func DescribePick(v SubnetView, pick string) SubnetView {
	if !v.Valid {
		return v
	}
	if p, err := netip.ParsePrefix(v.Subnet); err == nil {
		v.Pick = describePick(p, pick)
	}
	return v
}

// describePick reads the address a link picked from p: nothing when pick is
// empty, an error when it is not an address of p (the subnet changed since).
func describePick(p netip.Prefix, pick string) RandomView {
	pick = strings.TrimSpace(pick)
	if pick == "" {
		return RandomView{}
	}
	a, err := addr.Parse(pick)
	switch {
	case err != nil:
		return RandomView{Err: err.Error()}
	case !p.Contains(a.WithZone("")):
		return RandomView{Err: a.String() + " is not in " + p.String() + "; pick another"}
	}
	return RandomView{Addr: a.String()}
}

// PickAddr draws an address a host may take in the subnet of s (its net
// and cloud) at random from r (in the app, crypto/rand), for the link's
// pick: never the network or broadcast address, a cloud's reserved ones,
// nor IPv6's Subnet-Router anycast address (the first), unless the subnet
// holds nothing else (/31, /32, /127, /128). It returns "" when the subnet
// is not valid or r fails.
func PickAddr(s scenario.SubnetState, r io.Reader) string {
	sub, _, err := subnet.ParseForm(s.Net)
	if err != nil {
		return ""
	}
	info, err := sub.Info(s.Cloud)
	if err != nil {
		if info, err = sub.Info(subnet.CloudNone); err != nil {
			return ""
		}
	}
	p := sub.Prefix()
	avoid := func(a netip.Addr) bool {
		if p.Addr().Is6() && p.Bits() < 127 && a == p.Addr() {
			return true
		}
		for _, res := range info.Reserved {
			if res.Addr == a {
				return true
			}
		}
		return false
	}
	// Each draw is avoided with a chance of at most five in eight (a /29
	// in Azure, which reserves five of its addresses), so 64 draws all
	// fail about once in 10^13.
	for range 64 {
		a, err := tool.RandomAddr(p, r)
		if err != nil {
			return ""
		}
		if !avoid(a) {
			return a.String()
		}
	}
	return ""
}
