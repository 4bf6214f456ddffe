package answer

import (
	"net/netip"
	"strconv"
	"strings"

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
