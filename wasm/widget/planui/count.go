package planui

import (
	"math"
	"net/netip"

	"github.com/netground/netground/core/subnet"
)

// pageBits sets the page size: 2^pageBits rows per page. A power of two
// keeps every page of a split on a natural address boundary.
const pageBits = 6

// pageSize is the number of rows on a page.
const pageSize = 1 << pageBits

// shr returns c / 2^n for n from 1 to 63.
func shr(c subnet.Count, n int) subnet.Count {
	hi, lo, ok := c.Uint128()
	if !ok {
		// c is 2^128 or more (a count never reaches 2^129): halve the
		// 2^128 and the rest apart.
		rest := shr(c.Sub(subnet.Pow2(128)), n)
		return subnet.Pow2(128 - n).Add(rest)
	}
	return subnet.CountFrom128(hi>>n, lo>>n|hi<<(64-n))
}

// shl returns c · 2^n for n from 1 to 63; c must be below 2^(128-n).
func shl(c subnet.Count, n int) subnet.Count {
	hi, lo, _ := c.Uint128()
	return subnet.CountFrom128(hi<<n|lo>>(64-n), lo<<n)
}

// pagesFor returns how many pages rows rows fill; at least 1.
func pagesFor(rows subnet.Count) subnet.Count {
	if rows.IsZero() {
		return subnet.CountOf(1)
	}
	return shr(rows.Add(subnet.CountOf(pageSize-1)), pageBits)
}

// pageOf returns the page holding row i.
func pageOf(i subnet.Count) subnet.Count { return shr(i, pageBits) }

// pageStart returns the index of the first row of page p.
func pageStart(p subnet.Count) subnet.Count { return shl(p, pageBits) }

// one is the Count 1.
var one = subnet.CountOf(1)

// float returns c as a float64, rounded.
func float(c subnet.Count) float64 {
	hi, lo, ok := c.Uint128()
	if !ok {
		return math.Ldexp(1, 128) + float(c.Sub(subnet.Pow2(128)))
	}
	return float64(hi)*math.Ldexp(1, 64) + float64(lo)
}

// offset returns the number of addresses from base up to a (a must not be
// before base).
func offset(base, a netip.Addr) subnet.Count {
	bh, bl := halves(base)
	ah, al := halves(a)
	lo := al - bl
	borrow := uint64(0)
	if al < bl {
		borrow = 1
	}
	return subnet.CountFrom128(ah-bh-borrow, lo)
}

func halves(a netip.Addr) (hi, lo uint64) {
	if a.Is4() {
		b := a.As4()
		return 0, uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
	}
	b := a.As16()
	for i := range 8 {
		hi = hi<<8 | uint64(b[i])
		lo = lo<<8 | uint64(b[8+i])
	}
	return hi, lo
}

// countOfInt returns n as a Count.
func countOfInt(n int) subnet.Count { return subnet.CountOf(uint64(n)) }

// intOf returns c as an int, or -1 when it does not fit.
func intOf(c subnet.Count) int {
	n, ok := c.Uint64()
	if !ok || n > math.MaxInt32 {
		return -1
	}
	return int(n)
}
