package subnet

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/internal/u128"
)

// addrCompletions finish an unfinished address: a dotted quad, an IPv6
// group list, an embedded IPv4 address.
var addrCompletions = []string{
	"", "0", ".0", ".0.0", ".0.0.0", "0.0", "0.0.0", "0.0.0.0",
	":0", "::", ":", "::0", "0::",
}

// lengthCompletions finish what follows the address: a prefix length or a
// mask.
var lengthCompletions = []string{"", "0", "/0", "/8", "/64", " 0.0.0.0"}

// Incomplete reports whether s is not a subnet yet but could become one by
// typing more at its end: "", "10.0", "10.0.0.0", "10.0.0.0/" and
// "10.0.0.0 255.255." are incomplete; "10.0.0.0/33" and "10.0.0.0/24/" are
// not (no typing makes them valid), and neither is a valid subnet. A page
// keeps its last answer while what was typed is incomplete, and shows the
// error once it cannot be.
func Incomplete(s string) bool {
	if _, err := Parse(s); err == nil {
		return false
	}
	if strings.TrimSpace(s) == "" {
		return true
	}
	if maskBeingTyped(s) {
		return true
	}
	for _, a := range addrCompletions {
		for _, l := range lengthCompletions {
			if _, err := Parse(s + a + l); err == nil {
				return true
			}
		}
	}
	return false
}

// maskBeingTyped reports whether s is a whole address followed by the start
// of a prefix length, a mask or a wildcard mask ("10.0.0.0/2", "10.0.0.0
// 255.25", "10.0.0.0/0.0.1").
func maskBeingTyped(s string) bool {
	t := strings.TrimSpace(s)
	var addrText, maskText string
	if i := strings.IndexByte(t, '/'); i >= 0 {
		addrText, maskText = strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:])
	} else if f := strings.Fields(t); len(f) == 2 {
		addrText, maskText = f[0], f[1]
	} else {
		return false
	}
	a, err := netip.ParseAddr(addrText)
	if err != nil || a.Zone() != "" {
		return false
	}
	for bits := range a.BitLen() + 1 {
		if strings.HasPrefix(strconv.Itoa(bits), maskText) {
			return true
		}
		if a.Is4() {
			m := maskOf(bits, 32)
			wildcard := m.Not().And(u128.Ones(32))
			if strings.HasPrefix(m.Addr(true).String(), maskText) || strings.HasPrefix(wildcard.Addr(true).String(), maskText) {
				return true
			}
		}
	}
	return false
}
