package plan_test

import (
	"net/netip"
	"slices"

	"go4.org/netipx"
)

// The model works on a small universe of at most 4096 addresses, one bool
// each, and rebuilds CIDRs by the obvious greedy walk: from each covered
// address take the largest aligned block that is fully covered.

type universe struct {
	base  netip.Prefix
	addrs []netip.Addr // every address of base, in order
	in    []bool
}

func newUniverse(base netip.Prefix) *universe {
	u := &universe{base: base.Masked()}
	for a := u.base.Addr(); a.IsValid() && u.base.Contains(a); a = a.Next() {
		u.addrs = append(u.addrs, a)
	}
	u.in = make([]bool, len(u.addrs))
	return u
}

func (u *universe) addr(i int) netip.Addr { return u.addrs[i] }

// set marks the addresses of p inside the universe.
func (u *universe) set(p netip.Prefix, v bool) {
	p = p.Masked()
	for i, a := range u.addrs {
		if p.Contains(a) {
			u.in[i] = v
		}
	}
}

// setRange marks the addresses from first to last.
func (u *universe) setRange(first, last netip.Addr) {
	for i, a := range u.addrs {
		if a.Compare(first) >= 0 && a.Compare(last) <= 0 {
			u.in[i] = true
		}
	}
}

// count returns the number of marked addresses.
func (u *universe) count() int {
	n := 0
	for _, v := range u.in {
		if v {
			n++
		}
	}
	return n
}

func (u *universe) prefixes() []netip.Prefix {
	var out []netip.Prefix
	width := u.base.Addr().BitLen()
	for i := 0; i < len(u.in); {
		if !u.in[i] {
			i++
			continue
		}
		size := 1
		for {
			next := size * 2
			if i%next != 0 || i+next > len(u.in) || slices.Contains(u.in[i:i+next], false) {
				break
			}
			size = next
		}
		bits := width
		for s := size; s > 1; s /= 2 {
			bits--
		}
		out = append(out, netip.PrefixFrom(u.addr(i), bits))
		i += size
	}
	return out
}

// runs returns the ranges of consecutive marked addresses.
func (u *universe) runs() []netipx.IPRange {
	var out []netipx.IPRange
	for i := 0; i < len(u.in); i++ {
		if !u.in[i] {
			continue
		}
		j := i
		for j+1 < len(u.in) && u.in[j+1] {
			j++
		}
		out = append(out, netipx.IPRangeFrom(u.addr(i), u.addr(j)))
		i = j
	}
	return out
}

// lastOf returns the last address of p.
func lastOf(p netip.Prefix) netip.Addr { return netipx.PrefixLastIP(p) }
