package tool

import (
	"fmt"
	"io"
	"math"
	"math/bits"
	"net/netip"

	"github.com/netground/netground/core/internal/u128"
)

// Delta is a signed whole number of addresses, from -(2^128-1) to 2^128-1:
// an index into a prefix, a step to add to an address, the distance between
// two addresses. The zero Delta is 0. Delta is comparable; equal numbers are
// equal values.
type Delta struct {
	neg bool // never set for 0
	mag u128.Uint128
}

// DeltaOf returns n as a Delta.
func DeltaOf(n int64) Delta {
	if n < 0 {
		return Delta{neg: true, mag: u128.Uint128{Lo: uint64(-(n + 1)) + 1}}
	}
	return Delta{mag: u128.Uint128{Lo: uint64(n)}}
}

// Sign returns -1, 0 or +1 as d is negative, zero or positive.
func (d Delta) Sign() int {
	switch {
	case d.neg:
		return -1
	case d.mag == u128.Uint128{}:
		return 0
	}
	return 1
}

// Neg returns -d.
func (d Delta) Neg() Delta {
	if d.mag == (u128.Uint128{}) {
		return d
	}
	return Delta{neg: !d.neg, mag: d.mag}
}

// Int64 returns d as an int64 and reports whether it fits.
func (d Delta) Int64() (int64, bool) {
	switch {
	case d.mag.Hi != 0:
		return 0, false
	case d.neg && d.mag.Lo <= 1<<63:
		return int64(-d.mag.Lo), true // -2^63 wraps to itself
	case !d.neg && d.mag.Lo <= math.MaxInt64:
		return int64(d.mag.Lo), true
	}
	return 0, false
}

// String returns d in decimal, with a leading "-" if negative.
func (d Delta) String() string {
	if d.neg {
		return "-" + d.mag.String()
	}
	return d.mag.String()
}

// ParseDelta reads a whole number in decimal, or in hex after "0x", with an
// optional sign: "42", "-1", "+0x100". Its magnitude must be below 2^128.
func ParseDelta(s string) (Delta, error) {
	bad := func(format string, args ...any) (Delta, error) {
		return Delta{}, fail("number", s, fmt.Sprintf(format, args...))
	}
	digits, neg := s, false
	if len(digits) > 0 && (digits[0] == '-' || digits[0] == '+') {
		neg, digits = digits[0] == '-', digits[1:]
	}
	base := uint64(10)
	if len(digits) > 1 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X') {
		base, digits = 16, digits[2:]
	}
	if digits == "" {
		return bad("no digits; write a whole number such as 42, -1 or 0x100")
	}
	var mag u128.Uint128
	for i := 0; i < len(digits); i++ {
		v, ok := HexDigit(digits[i])
		if !ok || uint64(v) >= base {
			if base == 10 {
				return bad("%q is not a decimal digit; write a whole number such as 42, -1 or 0x100", digits[i:i+1])
			}
			return bad("%q is not a hex digit", digits[i:i+1])
		}
		var overflow bool
		if mag, overflow = mulAdd(mag, base, uint64(v)); overflow {
			return bad("too large; the largest step between IPv6 addresses is 2^128-1")
		}
	}
	if mag == (u128.Uint128{}) {
		neg = false
	}
	return Delta{neg: neg, mag: mag}, nil
}

// MustParseDelta is like ParseDelta but panics on error. It is meant for
// tests and constants.
func MustParseDelta(s string) Delta {
	d, err := ParseDelta(s)
	if err != nil {
		panic(err)
	}
	return d
}

// mulAdd returns u·m + a and reports whether it overflowed 128 bits.
func mulAdd(u u128.Uint128, m, a uint64) (u128.Uint128, bool) {
	carryLo, lo := bits.Mul64(u.Lo, m)
	carryHi, hi := bits.Mul64(u.Hi, m)
	hi, c1 := bits.Add64(hi, carryLo, 0)
	lo, c2 := bits.Add64(lo, a, 0)
	hi, c3 := bits.Add64(hi, 0, c2)
	return u128.Uint128{Hi: hi, Lo: lo}, carryHi != 0 || c1 != 0 || c3 != 0
}

// sizeText returns 2^hostBits in decimal.
func sizeText(hostBits int) string {
	if hostBits == 128 {
		return u128.Decimal(1, u128.Uint128{})
	}
	return u128.Uint128{Lo: 1}.Shl(hostBits).String()
}

// Nth returns address n of the prefix p, counting from 0 at its first
// address; a negative n counts from the end, so -1 is the last address and
// -2 the one before. Host bits set in p are ignored. It fails if p has no
// address n.
func Nth(p netip.Prefix, n Delta) (netip.Addr, error) {
	if !p.IsValid() {
		return netip.Addr{}, fail("prefix", "", "no prefix")
	}
	p = p.Masked()
	hostBits := p.Addr().BitLen() - p.Bits()
	last := u128.Ones(hostBits)
	base := u128.FromAddr(p.Addr())
	// -k is the address k-1 before the last: its offset is last-(k-1).
	off, borrow := n.mag, false
	if n.neg {
		k1, _ := n.mag.Sub(u128.Uint128{Lo: 1})
		off, borrow = last.Sub(k1)
	}
	if borrow || less(last, off) {
		size, most := sizeText(hostBits), sizeText(hostBits)
		if hostBits == 128 {
			most = last.String() // a Delta stops one short of -2^128
		}
		return netip.Addr{}, fail("index", n.String(), fmt.Sprintf(
			"is outside %v, which holds %s addresses; use 0 to %v, or -%s to -1 from the end", p, size, last, most))
	}
	u, _ := base.Add(off)
	return u.Addr(p.Addr().Is4()), nil
}

// less reports whether u < v.
func less(u, v u128.Uint128) bool { return u.Hi < v.Hi || (u.Hi == v.Hi && u.Lo < v.Lo) }

// Add returns a+d: the address d places after a, or before it if d is
// negative, in a's family. IPv4 stays within 32 bits and IPv6 within 128; an
// IPv4-mapped address is an IPv6 address and may step out of
// ::ffff:0:0/96. The zone of a is kept. It fails, rather than wrapping
// around, if the result would pass the first or last address.
func Add(a netip.Addr, d Delta) (netip.Addr, error) {
	if !a.IsValid() {
		return netip.Addr{}, fail("address", "", "no address")
	}
	u := u128.FromAddr(a)
	var out u128.Uint128
	var over bool
	if d.neg {
		out, over = u.Sub(d.mag)
	} else {
		out, over = u.Add(d.mag)
	}
	if a.Is4() && (out.Hi != 0 || out.Lo > math.MaxUint32) {
		over = true
	}
	if over {
		family, end := "IPv6", "first address ::"
		if a.Is4() {
			family, end = "IPv4", "first address 0.0.0.0"
		}
		verb := "subtracting " + d.mag.String()
		if !d.neg {
			verb = "adding " + d.mag.String()
			end = "last address " + u128.Ones(a.BitLen()).Addr(a.Is4()).String()
		}
		return netip.Addr{}, fail("address", a.String(), verb+" passes the "+end+" of "+family)
	}
	return out.Addr(a.Is4()).WithZone(a.Zone()), nil
}

// Distance returns to-from: how many addresses to step from from to reach
// to, negative if to comes first, so that Add(from, Distance(from, to)) is
// to. Both must be of one family; an IPv4-mapped address counts as IPv6.
// Zones are ignored.
func Distance(from, to netip.Addr) (Delta, error) {
	switch {
	case !from.IsValid() || !to.IsValid():
		return Delta{}, fail("address", "", "no address")
	case from.Is4() != to.Is4():
		return Delta{}, fail("address", to.String(), fmt.Sprintf(
			"is %s and %v is %s; a distance is between two addresses of one family", family(to), from, family(from)))
	}
	u, v := u128.FromAddr(from), u128.FromAddr(to)
	if less(v, u) {
		d, _ := u.Sub(v)
		return Delta{neg: true, mag: d}, nil
	}
	d, _ := v.Sub(u)
	return Delta{mag: d}, nil
}

func family(a netip.Addr) string {
	if a.Is4() {
		return "IPv4"
	}
	return "IPv6"
}

// RandomAddr returns an address of the prefix p drawn uniformly from the
// bytes of r: the bits of p and as many random bits as p leaves free.
// Host bits set in p are ignored. It reads exactly one byte per 8 free bits
// or part of them (none for a /32 or /128), so a fixed reader gives a fixed
// address, and fails only if r does.
func RandomAddr(p netip.Prefix, r io.Reader) (netip.Addr, error) {
	if !p.IsValid() {
		return netip.Addr{}, fail("prefix", "", "no prefix")
	}
	p = p.Masked()
	hostBits := p.Addr().BitLen() - p.Bits()
	buf := make([]byte, (hostBits+7)/8)
	if _, err := io.ReadFull(r, buf); err != nil {
		return netip.Addr{}, &Error{What: "random source", Reason: "gave too few bytes: " + err.Error(), Err: err}
	}
	var rnd u128.Uint128
	for _, c := range buf {
		rnd, _ = mulAdd(rnd, 256, uint64(c))
	}
	u := u128.FromAddr(p.Addr()).Or(rnd.And(u128.Ones(hostBits)))
	return u.Addr(p.Addr().Is4()), nil
}
