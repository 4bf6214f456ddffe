package subnet

import (
	"errors"
	"math/bits"
	"net/netip"
	"strconv"
)

// Count is an exact non-negative number of addresses or subnets, large
// enough for every count in IPv6: it holds 0 through 2^129-1, so the 2^128
// addresses of ::/0 and the 2^128 /128s in it are exact.
//
// The zero value is the number 0. Count is comparable; equal numbers are
// equal values.
type Count struct {
	top    uint64 // bit 128; only 0 or 1
	hi, lo uint64
}

// CountOf returns n as a Count.
func CountOf(n uint64) Count { return Count{lo: n} }

// CountFrom128 returns the Count hi·2^64 + lo.
func CountFrom128(hi, lo uint64) Count { return Count{hi: hi, lo: lo} }

// Pow2 returns 2^n. If n is outside 0 through 128, Pow2 returns the zero
// Count.
func Pow2(n int) Count {
	switch {
	case n < 0 || n > 128:
		return Count{}
	case n == 128:
		return Count{top: 1}
	case n >= 64:
		return Count{hi: 1 << (n - 64)}
	default:
		return Count{lo: 1 << n}
	}
}

// IsZero reports whether c is 0.
func (c Count) IsZero() bool { return c.top|c.hi|c.lo == 0 }

// Uint64 returns c as a uint64 and reports whether it fits.
func (c Count) Uint64() (uint64, bool) { return c.lo, c.top|c.hi == 0 }

// Uint128 returns c as the halves hi·2^64 + lo and reports whether it fits
// in 128 bits (only 2^128 and above do not).
func (c Count) Uint128() (hi, lo uint64, ok bool) { return c.hi, c.lo, c.top == 0 }

// Cmp returns -1, 0 or +1 as c is less than, equal to or greater than d.
func (c Count) Cmp(d Count) int {
	switch {
	case c.top != d.top:
		return cmp64(c.top, d.top)
	case c.hi != d.hi:
		return cmp64(c.hi, d.hi)
	default:
		return cmp64(c.lo, d.lo)
	}
}

func cmp64(a, b uint64) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// Add returns c+d. A sum above 2^129-1 saturates at 2^129-1; no count of
// addresses comes near it.
func (c Count) Add(d Count) Count {
	lo, carry := bits.Add64(c.lo, d.lo, 0)
	hi, carry := bits.Add64(c.hi, d.hi, carry)
	top := c.top + d.top + carry
	if top > 1 {
		return Count{top: 1, hi: ^uint64(0), lo: ^uint64(0)}
	}
	return Count{top: top, hi: hi, lo: lo}
}

// Sub returns c-d, or 0 if d is greater than c.
func (c Count) Sub(d Count) Count {
	if c.Cmp(d) <= 0 {
		return Count{}
	}
	lo, borrow := bits.Sub64(c.lo, d.lo, 0)
	hi, borrow := bits.Sub64(c.hi, d.hi, borrow)
	return Count{top: c.top - d.top - borrow, hi: hi, lo: lo}
}

// Log2 returns the position of the highest set bit of c (so c is at least
// 2^n) and reports whether c is exactly 2^n. For 0 it returns -1, false.
func (c Count) Log2() (n int, exact bool) {
	switch {
	case c.top != 0:
		return 128, c.hi|c.lo == 0
	case c.hi != 0:
		return 127 - bits.LeadingZeros64(c.hi), bits.OnesCount64(c.hi) == 1 && c.lo == 0
	case c.lo != 0:
		return 63 - bits.LeadingZeros64(c.lo), bits.OnesCount64(c.lo) == 1
	default:
		return -1, false
	}
}

// String returns c in decimal, without separators.
func (c Count) String() string {
	if c.top|c.hi == 0 {
		return strconv.FormatUint(c.lo, 10)
	}
	// Peel off 19 decimal digits at a time, the most that fit in a uint64.
	const chunk = 1e19
	var parts [3]uint64
	n := 0
	for c.top|c.hi != 0 {
		var r uint64
		c.top, r = bits.Div64(0, c.top, chunk)
		c.hi, r = bits.Div64(r, c.hi, chunk)
		c.lo, r = bits.Div64(r, c.lo, chunk)
		parts[n] = r
		n++
	}
	b := strconv.AppendUint(nil, c.lo, 10)
	for i := n - 1; i >= 0; i-- {
		s := strconv.FormatUint(parts[i], 10)
		for range 19 - len(s) {
			b = append(b, '0')
		}
		b = append(b, s...)
	}
	return string(b)
}

// ParseCount parses a decimal count such as "4294967296". Digits only: no
// sign, no separators, no leading zeros.
func ParseCount(s string) (Count, error) {
	if s == "" {
		return Count{}, errors.New(`count "": empty; type a whole number such as 256`)
	}
	if len(s) > 1 && s[0] == '0' {
		return Count{}, errors.New("count " + strconv.Quote(s) + ": leading zero; write the number without it")
	}
	tooLarge := errors.New("count " + strconv.Quote(s) + ": too large; the largest count is 2^128")
	if len(s) > 39 {
		return Count{}, tooLarge
	}
	var c Count
	for i := 0; i < len(s); i++ {
		d := s[i]
		if d < '0' || d > '9' {
			return Count{}, errors.New("count " + strconv.Quote(s) + ": not a whole number; use the digits 0-9 only")
		}
		var ok bool
		if c, ok = c.mul(10); !ok {
			return Count{}, tooLarge
		}
		c = c.Add(CountOf(uint64(d - '0')))
	}
	if c.Cmp(Pow2(128)) > 0 {
		return Count{}, tooLarge
	}
	return c, nil
}

// mul returns c·m and reports whether the product fits below 2^129.
func (c Count) mul(m uint64) (Count, bool) {
	h1, lo := bits.Mul64(c.lo, m)
	h2, mid := bits.Mul64(c.hi, m)
	hi, carry := bits.Add64(mid, h1, 0)
	t2, top := bits.Mul64(c.top, m)
	top, c2 := bits.Add64(top, h2, carry)
	if t2 != 0 || c2 != 0 || top > 1 {
		return Count{}, false
	}
	return Count{top: top, hi: hi, lo: lo}, true
}

// u128 is an address as a 128-bit number; IPv4 addresses use the low 32
// bits, so arithmetic never leaks into the IPv4-mapped prefix.
type u128 struct{ hi, lo uint64 }

func fromAddr(a netip.Addr) u128 {
	if a.Is4() {
		b := a.As4()
		return u128{lo: uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])}
	}
	b := a.As16()
	var u u128
	for i := range 8 {
		u.hi = u.hi<<8 | uint64(b[i])
		u.lo = u.lo<<8 | uint64(b[i+8])
	}
	return u
}

func (u u128) addr(is4 bool) netip.Addr {
	if is4 {
		return netip.AddrFrom4([4]byte{byte(u.lo >> 24), byte(u.lo >> 16), byte(u.lo >> 8), byte(u.lo)})
	}
	var b [16]byte
	for i := range 8 {
		b[7-i] = byte(u.hi >> (8 * i))
		b[15-i] = byte(u.lo >> (8 * i))
	}
	return netip.AddrFrom16(b)
}

func (u u128) add(v u128) (u128, bool) {
	lo, c := bits.Add64(u.lo, v.lo, 0)
	hi, c := bits.Add64(u.hi, v.hi, c)
	return u128{hi, lo}, c != 0
}

func (u u128) sub(v u128) (u128, bool) {
	lo, b := bits.Sub64(u.lo, v.lo, 0)
	hi, b := bits.Sub64(u.hi, v.hi, b)
	return u128{hi, lo}, b != 0
}

func (u u128) shl(n int) u128 {
	switch {
	case n >= 128:
		return u128{}
	case n >= 64:
		return u128{hi: u.lo << (n - 64)}
	case n == 0:
		return u
	default:
		return u128{hi: u.hi<<n | u.lo>>(64-n), lo: u.lo << n}
	}
}

// ones returns a number with the low n bits set.
func ones(n int) u128 {
	switch {
	case n >= 128:
		return u128{^uint64(0), ^uint64(0)}
	case n >= 64:
		return u128{hi: 1<<(n-64) - 1, lo: ^uint64(0)}
	default:
		return u128{lo: 1<<n - 1}
	}
}
