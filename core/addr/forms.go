package addr

import (
	"net/netip"
	"strconv"

	"github.com/netground/netground/core/internal/u128"
)

// Forms prints one address in its other text forms. Make one with [FormsOf]. The zero Forms
// holds no address: its methods return "", 0 or the zero value.
type Forms struct {
	addr netip.Addr
}

// FormsOf returns the forms of a.
func FormsOf(a netip.Addr) Forms { return Forms{addr: a} }

// Addr returns the address the forms describe.
func (f Forms) Addr() netip.Addr { return f.addr }

// IsValid reports whether f holds an address.
func (f Forms) IsValid() bool { return f.addr.IsValid() }

// Version returns 4 for an IPv4 address, 6 for an IPv6 address (IPv4-mapped ones included) and
// 0 for none.
func (f Forms) Version() int {
	switch {
	case f.addr.Is4():
		return 4
	case f.addr.Is6():
		return 6
	}
	return 0
}

// Canonical returns the canonical text form: dotted decimal for IPv4, RFC 5952 for IPv6
// (lowercase, leading zeros dropped, the longest run of zero groups as "::", IPv4-mapped
// addresses as ::ffff:192.0.2.1), with the zone if there is one.
func (f Forms) Canonical() string {
	if !f.addr.IsValid() {
		return ""
	}
	return f.addr.String()
}

// Expanded returns the fully expanded form: for IPv6 all eight groups with four hex digits each
// ("2001:0db8:0000:0000:0000:0000:0000:0001"), with the zone if there is one; for IPv4 the
// canonical form.
func (f Forms) Expanded() string {
	if !f.addr.IsValid() {
		return ""
	}
	return f.addr.StringExpanded()
}

// Binary returns the address in binary: per octet separated by dots for IPv4
// ("11000000.00000000.00000010.00000001"), per 16-bit group separated by colons for IPv6.
func (f Forms) Binary() string {
	switch {
	case f.addr.Is4():
		b := f.addr.As4()
		out := make([]byte, 0, 35)
		for i, x := range b {
			if i > 0 {
				out = append(out, '.')
			}
			out = appendBits(out, uint64(x), 8)
		}
		return string(out)
	case f.addr.Is6():
		b := f.addr.As16()
		out := make([]byte, 0, 135)
		for i := 0; i < 16; i += 2 {
			if i > 0 {
				out = append(out, ':')
			}
			out = appendBits(out, uint64(b[i])<<8|uint64(b[i+1]), 16)
		}
		return string(out)
	}
	return ""
}

func appendBits(out []byte, v uint64, n int) []byte {
	for i := n - 1; i >= 0; i-- {
		out = append(out, '0'+byte(v>>i&1))
	}
	return out
}

const hexDigits = "0123456789abcdef"

// Hex returns the address as one hexadecimal number with a 0x prefix and all leading zeros:
// 8 digits for IPv4 ("0xc0000201"), 32 for IPv6.
func (f Forms) Hex() string {
	if !f.addr.IsValid() {
		return ""
	}
	b := f.addr.AsSlice()
	out := make([]byte, 2, 2+2*len(b))
	out[0], out[1] = '0', 'x'
	for _, x := range b {
		out = append(out, hexDigits[x>>4], hexDigits[x&0xf])
	}
	return string(out)
}

// Decimal returns the address as one unsigned decimal integer, exact for all 128 bits of IPv6
// ("3221225985" for 192.0.2.1). An IPv4-mapped address is the 128-bit number of its IPv6 form.
func (f Forms) Decimal() string {
	if !f.addr.IsValid() {
		return ""
	}
	return u128.FromAddr(f.addr).String()
}

// ReverseDNS returns the name a PTR lookup uses for the address, without a trailing dot:
// "1.2.0.192.in-addr.arpa" for IPv4, 32 reversed nibbles under "ip6.arpa" for IPv6
// (RFC 1035 Section 3.5, RFC 3596 Section 2.5). The zone is ignored.
func (f Forms) ReverseDNS() string {
	switch {
	case f.addr.Is4():
		b := f.addr.As4()
		out := make([]byte, 0, 29)
		for i := 3; i >= 0; i-- {
			out = strconv.AppendUint(out, uint64(b[i]), 10)
			out = append(out, '.')
		}
		return string(append(out, "in-addr.arpa"...))
	case f.addr.Is6():
		b := f.addr.As16()
		out := make([]byte, 0, 72)
		for i := 15; i >= 0; i-- {
			out = append(out, hexDigits[b[i]&0xf], '.', hexDigits[b[i]>>4], '.')
		}
		return string(append(out, "ip6.arpa"...))
	}
	return ""
}

// Mapped returns the IPv4-mapped counterpart of the address (RFC 4291 Section 2.5.5.2): for
// IPv4 192.0.2.1 the IPv6 address ::ffff:192.0.2.1, and for an IPv4-mapped IPv6 address the
// IPv4 address. Any other address, and the zero Forms, give the zero Addr.
func (f Forms) Mapped() netip.Addr {
	switch {
	case f.addr.Is4():
		return netip.AddrFrom16(f.addr.As16())
	case f.addr.Is4In6():
		return f.addr.Unmap()
	}
	return netip.Addr{}
}

// Embedded returns the IPv4 address embedded in the address by a transition mechanism, if any.
func (f Forms) Embedded() Embedding { return Embedded(f.addr) }
