// Package u128 is the one 128-bit unsigned number the core computes with:
// IPv6 addresses as numbers, and counts of addresses and subnets, as
// go4.org/netipx keeps its uint128.
package u128

import (
	"math/bits"
	"net/netip"
	"strconv"
)

// Uint128 is the number Hi·2^64 + Lo. The zero Uint128 is 0.
type Uint128 struct{ Hi, Lo uint64 }

// FromAddr returns a as a number. An IPv4 address uses the low 32 bits, so
// arithmetic on it never leaks into the IPv4-mapped prefix; an IPv6 address
// (IPv4-mapped included) uses all 128.
func FromAddr(a netip.Addr) Uint128 {
	if a.Is4() {
		b := a.As4()
		return Uint128{Lo: uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])}
	}
	b := a.As16()
	var u Uint128
	for i := range 8 {
		u.Hi = u.Hi<<8 | uint64(b[i])
		u.Lo = u.Lo<<8 | uint64(b[i+8])
	}
	return u
}

// Addr returns u as an IPv4 address (its low 32 bits) if is4, else as an
// IPv6 address: the inverse of FromAddr.
func (u Uint128) Addr(is4 bool) netip.Addr {
	if is4 {
		return netip.AddrFrom4([4]byte{byte(u.Lo >> 24), byte(u.Lo >> 16), byte(u.Lo >> 8), byte(u.Lo)})
	}
	var b [16]byte
	for i := range 8 {
		b[7-i] = byte(u.Hi >> (8 * i))
		b[15-i] = byte(u.Lo >> (8 * i))
	}
	return netip.AddrFrom16(b)
}

// Add returns u+v modulo 2^128 and reports whether it overflowed.
func (u Uint128) Add(v Uint128) (Uint128, bool) {
	lo, c := bits.Add64(u.Lo, v.Lo, 0)
	hi, c := bits.Add64(u.Hi, v.Hi, c)
	return Uint128{hi, lo}, c != 0
}

// Sub returns u-v modulo 2^128 and reports whether it borrowed (v > u).
func (u Uint128) Sub(v Uint128) (Uint128, bool) {
	lo, b := bits.Sub64(u.Lo, v.Lo, 0)
	hi, b := bits.Sub64(u.Hi, v.Hi, b)
	return Uint128{hi, lo}, b != 0
}

// And returns the bitwise and of u and v.
func (u Uint128) And(v Uint128) Uint128 { return Uint128{u.Hi & v.Hi, u.Lo & v.Lo} }

// Or returns the bitwise or of u and v.
func (u Uint128) Or(v Uint128) Uint128 { return Uint128{u.Hi | v.Hi, u.Lo | v.Lo} }

// Not returns the bitwise complement of u.
func (u Uint128) Not() Uint128 { return Uint128{^u.Hi, ^u.Lo} }

// Shl returns u·2^n modulo 2^128; for n of 128 or more, 0. n must not be
// negative.
func (u Uint128) Shl(n int) Uint128 {
	switch {
	case n >= 128:
		return Uint128{}
	case n >= 64:
		return Uint128{Hi: u.Lo << (n - 64)}
	case n == 0:
		return u
	default:
		return Uint128{Hi: u.Hi<<n | u.Lo>>(64-n), Lo: u.Lo << n}
	}
}

// Shr returns u / 2^n, rounded down; for n of 128 or more, 0. n must not be
// negative.
func (u Uint128) Shr(n int) Uint128 {
	switch {
	case n >= 128:
		return Uint128{}
	case n >= 64:
		return Uint128{Lo: u.Hi >> (n - 64)}
	case n == 0:
		return u
	default:
		return Uint128{Hi: u.Hi >> n, Lo: u.Lo>>n | u.Hi<<(64-n)}
	}
}

// Ones returns the number with the low n bits set: 2^n - 1, all 128 bits
// for n of 128 or more.
func Ones(n int) Uint128 {
	switch {
	case n >= 128:
		return Uint128{^uint64(0), ^uint64(0)}
	case n >= 64:
		return Uint128{Hi: 1<<(n-64) - 1, Lo: ^uint64(0)}
	default:
		return Uint128{Lo: 1<<n - 1}
	}
}

// String returns u in decimal, without separators.
func (u Uint128) String() string { return Decimal(0, u) }

// Decimal returns top·2^128 + u in decimal, without separators: room for the
// 129-bit counts of every subnet of ::/0.
func Decimal(top uint64, u Uint128) string {
	if top|u.Hi == 0 {
		return strconv.FormatUint(u.Lo, 10)
	}
	// Peel off 19 decimal digits at a time, the most that fit in a uint64.
	const chunk = 1e19
	var parts [3]uint64
	n := 0
	hi, lo := u.Hi, u.Lo
	for top|hi != 0 {
		var r uint64
		top, r = bits.Div64(0, top, chunk)
		hi, r = bits.Div64(r, hi, chunk)
		lo, r = bits.Div64(r, lo, chunk)
		parts[n] = r
		n++
	}
	b := strconv.AppendUint(make([]byte, 0, 58), lo, 10)
	for i := n - 1; i >= 0; i-- {
		s := strconv.FormatUint(parts[i], 10)
		for range 19 - len(s) {
			b = append(b, '0')
		}
		b = append(b, s...)
	}
	return string(b)
}
