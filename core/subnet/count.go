package subnet

import (
	"errors"
	"math"
	"math/bits"
	"net/netip"
	"strconv"

	"github.com/netground/netground/core/internal/u128"
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
func (c Count) String() string { return u128.Decimal(c.top, c.u128()) }

// Shr returns c / 2^n, rounded down. n must not be negative.
func (c Count) Shr(n int) Count {
	// The low 128 bits shifted never reach 2^(128-n), where bit 128 lands.
	return Count{}.with(c.u128().Shr(n)).Add(Pow2(128 - n).times(c.top))
}

// Shl returns c · 2^n. A product above 2^129-1 saturates at 2^129-1, as Add
// does. n must not be negative.
func (c Count) Shl(n int) Count {
	switch log, _ := c.Log2(); {
	case log < 0 || n == 0:
		return c
	case log+n > 128:
		return Count{top: 1, hi: ^uint64(0), lo: ^uint64(0)}
	}
	// c is below 2^128 now: bit 128 of the product comes from bit 128-n.
	return Count{top: c.u128().Shr(128-n).Lo & 1}.with(c.u128().Shl(n))
}

// Float64 returns c as the nearest float64, for scales and proportions.
func (c Count) Float64() float64 {
	return math.Ldexp(float64(c.top), 128) + math.Ldexp(float64(c.hi), 64) + float64(c.lo)
}

// Offset returns how many addresses lie from from up to to: 0 for the same
// address, 255 from 10.0.0.0 to 10.0.0.255. It returns the zero Count if to
// comes before from or the two are of different families.
func Offset(from, to netip.Addr) Count {
	if from.Is4() != to.Is4() {
		return Count{}
	}
	d, borrow := u128.FromAddr(to).Sub(u128.FromAddr(from))
	if borrow {
		return Count{}
	}
	return Count{}.with(d)
}

func (c Count) u128() u128.Uint128 { return u128.Uint128{Hi: c.hi, Lo: c.lo} }

// with returns c with its low 128 bits set to u.
func (c Count) with(u u128.Uint128) Count { return Count{top: c.top, hi: u.Hi, lo: u.Lo} }

// times returns c if t is 1 and 0 if t is 0.
func (c Count) times(t uint64) Count {
	if t == 0 {
		return Count{}
	}
	return c
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
