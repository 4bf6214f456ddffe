package alloc

import (
	"fmt"
	"io"
	"net/netip"
	"strings"

	"github.com/netground/netground/core/tool"
)

// GlobalID is the 40-bit Global ID of a unique local address block (RFC 4193
// Section 3.1): with fd00::/8 in front it makes a /48, such as
// fd12:3456:789a::/48 for the Global ID 123456789a. The zero GlobalID is the
// ID 0000000000, a valid though hardly random one. GlobalID is comparable.
type GlobalID struct{ b [5]byte }

// GlobalIDFrom5 returns the Global ID whose five octets are b.
func GlobalIDFrom5(b [5]byte) GlobalID { return GlobalID{b} }

// NewGlobalID reads a Global ID from r, which must be a good source of
// randomness such as crypto/rand.Reader: RFC 4193 Section 3.2 requires the
// ID to be pseudo-random so that two sites that merge seldom collide. It
// reads exactly 5 bytes and fails only if r does.
func NewGlobalID(r io.Reader) (GlobalID, error) {
	var g GlobalID
	if _, err := io.ReadFull(r, g.b[:]); err != nil {
		return GlobalID{}, &tool.Error{What: "random source", Reason: "gave no 5 bytes for a Global ID: " + err.Error(), Err: err}
	}
	return g, nil
}

// ParseGlobalID reads a Global ID written as 10 hex digits, in upper or
// lower case, optionally grouped by single colons: "123456789a",
// "12:3456:789a" (as in the address) and "12:34:56:78:9a" all read the same.
func ParseGlobalID(s string) (GlobalID, error) {
	bad := func(format string, args ...any) (GlobalID, error) {
		return GlobalID{}, fail("Global ID", s, fmt.Sprintf(format, args...))
	}
	if s == "" {
		return bad("empty; write 10 hex digits such as 123456789a")
	}
	if strings.HasPrefix(s, ":") || strings.HasSuffix(s, ":") || strings.Contains(s, "::") {
		return bad("colons go only between digits, as in 12:3456:789a")
	}
	var g GlobalID
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ':' {
			continue
		}
		v, ok := tool.HexDigit(c)
		if !ok {
			return bad("%q is not a hex digit (0-9, a-f)", s[i:i+1])
		}
		if n < 10 {
			g.b[n/2] |= v << (4 * (1 - n%2))
		}
		n++
	}
	switch {
	case n == 12 && (s[0] == 'f' || s[0] == 'F') && (s[1] == 'd' || s[1] == 'D'):
		return bad("12 hex digits starting with fd are the /48 itself; the Global ID is the 10 digits after fd")
	case n != 10:
		return bad("%d hex digits; a Global ID has 10 (40 bits)", n)
	}
	return g, nil
}

// MustParseGlobalID is like ParseGlobalID but panics on error. It is meant
// for tests and constants.
func MustParseGlobalID(s string) GlobalID {
	g, err := ParseGlobalID(s)
	if err != nil {
		panic(err)
	}
	return g
}

var ulaLocal = netip.MustParsePrefix("fd00::/8")

// GlobalIDOf returns the Global ID of a locally assigned unique local
// address (fd00::/8, the L bit set) and reports whether a is one.
func GlobalIDOf(a netip.Addr) (GlobalID, bool) {
	if a.Is4In6() || !ulaLocal.Contains(a.WithZone("")) {
		return GlobalID{}, false
	}
	b := a.As16()
	return GlobalID{[5]byte(b[1:6])}, true
}

// As5 returns the five octets of g.
func (g GlobalID) As5() [5]byte { return g.b }

// String returns g as 10 lowercase hex digits, such as "123456789a".
func (g GlobalID) String() string { return fmt.Sprintf("%x", g.b[:]) }

// Prefix returns the /48 of g: fd00::/8 followed by g (RFC 4193 Section
// 3.1), such as fd12:3456:789a::/48.
func (g GlobalID) Prefix() netip.Prefix {
	var b [16]byte
	b[0] = 0xfd
	copy(b[1:6], g.b[:])
	return netip.PrefixFrom(netip.AddrFrom16(b), 48)
}

// Subnet returns the /64 with the 16-bit subnet ID id in the /48 of g, such
// as fd12:3456:789a:1::/64 for id 1.
func (g GlobalID) Subnet(id uint16) netip.Prefix {
	b := g.Prefix().Addr().As16()
	b[6], b[7] = byte(id>>8), byte(id)
	return netip.PrefixFrom(netip.AddrFrom16(b), 64)
}

// Subnets returns the first n /64s of the /48 of g, subnet IDs 0 through
// n-1. n is clamped to 0 through 65536, all the /64s there are.
func (g GlobalID) Subnets(n int) []netip.Prefix {
	n = min(max(n, 0), 1<<16)
	out := make([]netip.Prefix, n)
	for i := range out {
		out[i] = g.Subnet(uint16(i))
	}
	return out
}
