package tool

import (
	"fmt"
	"strings"
)

// MAC is a 48-bit IEEE 802 MAC address (EUI-48), such as
// 34:56:78:9a:bc:de. The zero MAC is not a valid address, unlike
// 00:00:00:00:00:00, which MACFrom6 makes. MAC is comparable.
type MAC struct {
	b  [6]byte
	ok bool
}

// MACFrom6 returns the MAC address whose six octets are b, in transmission
// order.
func MACFrom6(b [6]byte) MAC { return MAC{b: b, ok: true} }

// As6 returns the six octets of m; for the zero MAC, six zeros.
func (m MAC) As6() [6]byte { return m.b }

// IsValid reports whether m is an address, not the zero MAC.
func (m MAC) IsValid() bool { return m.ok }

// IsMulticast reports whether m is a group address: the I/G bit, the lowest
// bit of the first octet, is set (IEEE 802, RFC 9542 Section 2.1).
func (m MAC) IsMulticast() bool { return m.ok && m.b[0]&0x01 != 0 }

// IsLocal reports whether m is locally administered: the U/L bit, the
// second lowest bit of the first octet, is set (RFC 9542 Section 2.1).
// Randomized MAC addresses, which phones use per network, are local.
func (m MAC) IsLocal() bool { return m.ok && m.b[0]&0x02 != 0 }

// String returns m in the canonical form, six lowercase pairs of hex digits
// separated by colons, such as "34:56:78:9a:bc:de"; for the zero MAC,
// "invalid MAC".
func (m MAC) String() string {
	if !m.ok {
		return "invalid MAC"
	}
	return string(m.appendTo(make([]byte, 0, 17), ':', 2))
}

// Format returns m with the separator sep between groups of digits hex
// digits: Format('-', 2) gives "34-56-78-9a-bc-de" and Format('.', 4) gives
// "3456.789a.bcde", the other forms ParseMAC reads. digits must be 2 or 4;
// the zero MAC gives "".
func (m MAC) Format(sep byte, digits int) string {
	if !m.ok || (digits != 2 && digits != 4) {
		return ""
	}
	return string(m.appendTo(make([]byte, 0, 17), sep, digits))
}

func (m MAC) appendTo(b []byte, sep byte, digits int) []byte {
	const hex = "0123456789abcdef"
	for i, o := range m.b {
		if i > 0 && i*2%digits == 0 {
			b = append(b, sep)
		}
		b = append(b, hex[o>>4], hex[o&0xf])
	}
	return b
}

// MarshalText returns the String form, or nothing for the zero MAC.
func (m MAC) MarshalText() ([]byte, error) {
	if !m.ok {
		return []byte{}, nil
	}
	return []byte(m.String()), nil
}

// UnmarshalText reads any form ParseMAC reads; empty text gives the zero
// MAC.
func (m *MAC) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = MAC{}
		return nil
	}
	v, err := ParseMAC(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

const macForms = "34:56:78:9a:bc:de, 34-56-78-9a-bc-de or 3456.789a.bcde"

// ParseMAC reads a 48-bit MAC address in one of the three common forms, in
// upper or lower case:
//
//	34:56:78:9a:bc:de   six pairs of hex digits separated by colons
//	34-56-78-9a-bc-de   or by hyphens (IEEE 802's own form)
//	3456.789a.bcde      three groups of four separated by dots (Cisco)
//
// Each group has exactly its number of digits. A 64-bit EUI-64 is refused
// with an error that says so.
func ParseMAC(s string) (MAC, error) {
	bad := func(format string, args ...any) (MAC, error) {
		return MAC{}, fail("MAC address", s, fmt.Sprintf(format, args...))
	}
	if s == "" {
		return bad("empty; write it as %s", macForms)
	}
	var sep byte
	for _, c := range []byte{':', '-', '.'} {
		if strings.IndexByte(s, c) < 0 {
			continue
		}
		if sep != 0 {
			return bad("mixes %q and %q; use one separator, as in %s", sep, c, macForms)
		}
		sep = c
	}
	if sep == 0 {
		return bad("no separators; write it as %s", macForms)
	}
	digits := 2
	if sep == '.' {
		digits = 4
	}
	groups := strings.Split(s, string(sep))
	if len(groups)*digits == 16 {
		return bad("%d groups make a 64-bit EUI-64; only 48-bit MAC addresses are read, as %s", len(groups), macForms)
	}
	if want := 12 / digits; len(groups) != want {
		return bad("%d groups separated by %q; want %d groups of %d hex digits, as in %s", len(groups), sep, want, digits, macForms)
	}
	var b [6]byte
	for i, g := range groups {
		if len(g) != digits {
			return bad("group %d %q has %d characters; each group has %d hex digits", i+1, g, len(g), digits)
		}
		for j := 0; j < digits; j++ {
			v, ok := HexDigit(g[j])
			if !ok {
				return bad("group %d %q holds %q, which is not a hex digit (0-9, a-f)", i+1, g, g[j:j+1])
			}
			n := i*digits + j // index of the nibble
			b[n/2] |= v << (4 * (1 - n%2))
		}
	}
	return MACFrom6(b), nil
}

// MustParseMAC is like ParseMAC but panics on error. It is meant for tests
// and constants.
func MustParseMAC(s string) MAC {
	m, err := ParseMAC(s)
	if err != nil {
		panic(err)
	}
	return m
}

// HexDigit returns the value of the hex digit c, in either case, and
// reports whether c is one.
func HexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
