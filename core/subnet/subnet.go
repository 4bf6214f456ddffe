// Package subnet reads a subnet as people write it and describes it: network,
// broadcast, usable range and counts with the /31 (RFC 3021), /32, /127
// (RFC 6164) and /128 rules, masks, the bit boundary, neighbouring subnets,
// whether two hosts are neighbours, and the addresses cloud providers
// reserve.
//
// IPv4-mapped IPv6 prefixes such as ::ffff:10.0.0.0/104 stay IPv6, as in
// net/netip: their lengths count all 128 bits and no broadcast applies.
package subnet

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/internal/u128"
)

// Subnet is a host address inside a subnet, as in 192.168.1.10/24: it keeps
// both the host as written and the network prefix with the host bits cleared.
// When no host was named the host is the network address.
//
// The zero Subnet is invalid. Subnet is comparable.
type Subnet struct {
	host   netip.Addr
	prefix netip.Prefix // always masked
}

// From returns the subnet of host with a prefix length of bits. It fails for
// an invalid or zoned host or a length outside the family.
func From(host netip.Addr, bits int) (Subnet, error) {
	input := host.String() + "/" + strconv.Itoa(bits)
	switch {
	case !host.IsValid():
		return Subnet{}, &Error{Input: input, Reason: "the address is missing"}
	case host.Zone() != "":
		return Subnet{}, zoneError(input, host.Zone())
	case bits < 0:
		return Subnet{}, &Error{Input: input, Reason: "prefix length " + strconv.Itoa(bits) + " is negative", Hint: "use 0 to " + strconv.Itoa(host.BitLen())}
	case bits > host.BitLen():
		return Subnet{}, tooLong(input, host, bits)
	}
	return Subnet{host: host, prefix: netip.PrefixFrom(host, bits).Masked()}, nil
}

// FromPrefix returns p as a Subnet whose host is p's address as given, so
// host bits set in p are kept. An invalid p gives the zero Subnet.
func FromPrefix(p netip.Prefix) Subnet {
	if !p.IsValid() {
		return Subnet{}
	}
	return Subnet{host: p.Addr(), prefix: p.Masked()}
}

// MustParse is like Parse but panics on error. It is meant for tests and
// fixed values.
func MustParse(s string) Subnet {
	sub, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return sub
}

// IsValid reports whether s is a subnet, not the zero value.
func (s Subnet) IsValid() bool { return s.prefix.IsValid() }

// Host returns the address as written, host bits included.
func (s Subnet) Host() netip.Addr { return s.host }

// Prefix returns the network prefix, host bits cleared.
func (s Subnet) Prefix() netip.Prefix { return s.prefix }

// Bits returns the prefix length, or -1 for the zero Subnet.
func (s Subnet) Bits() int { return s.prefix.Bits() }

// HasHostBits reports whether the host differs from the network address,
// as in 192.168.1.10/24.
func (s Subnet) HasHostBits() bool { return s.host != s.prefix.Addr() }

// Contains reports whether a lies in the subnet.
func (s Subnet) Contains(a netip.Addr) bool { return s.prefix.Contains(a) }

// String returns the host and prefix length, such as "192.168.1.10/24";
// Parse reads it back to the same Subnet. The zero Subnet gives
// "invalid Subnet".
func (s Subnet) String() string {
	if !s.IsValid() {
		return "invalid Subnet"
	}
	return s.host.String() + "/" + strconv.Itoa(s.prefix.Bits())
}

// MarshalText implements encoding.TextMarshaler with the String form; the
// zero Subnet gives empty text.
func (s Subnet) MarshalText() ([]byte, error) {
	if !s.IsValid() {
		return []byte{}, nil
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler: it accepts any form
// Parse does, and empty text as the zero Subnet.
func (s *Subnet) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*s = Subnet{}
		return nil
	}
	sub, err := Parse(string(text))
	if err != nil {
		return err
	}
	*s = sub
	return nil
}

// MaskForm says how the mask was written in parsed input.
type MaskForm uint8

const (
	// FormLength is a prefix length: 10.0.0.0/8.
	FormLength MaskForm = iota
	// FormNetmask is a netmask: 10.0.0.0 255.0.0.0 or 10.0.0.0/255.0.0.0.
	FormNetmask
	// FormWildcard is a wildcard (inverse) mask as in Cisco ACLs and OSPF:
	// 10.0.0.0 0.255.255.255.
	FormWildcard
)

// String returns "length", "netmask" or "wildcard".
func (f MaskForm) String() string {
	switch f {
	case FormNetmask:
		return "netmask"
	case FormWildcard:
		return "wildcard"
	default:
		return "length"
	}
}

// Note explains to the user how a mask of form f was read for s, such as
// "0.0.0.255 was read as a wildcard mask (as in Cisco ACLs): /24", or returns
// "" for a prefix length.
func (f MaskForm) Note(s Subnet) string {
	if !s.IsValid() {
		return ""
	}
	in, _ := s.Info(CloudNone)
	switch f {
	case FormNetmask:
		return "netmask " + in.Mask.String() + " is /" + strconv.Itoa(s.Bits())
	case FormWildcard:
		return in.Wildcard.String() + " was read as a wildcard mask (inverse, as in Cisco ACLs), the same as netmask " + in.Mask.String() + ": /" + strconv.Itoa(s.Bits())
	}
	return ""
}

// Error is a subnet that could not be read or used. The UI shows Reason and
// Hint next to the input.
type Error struct {
	Input  string // the text as given
	Reason string // what is wrong, lowercase
	Hint   string // what would be right; may be empty
	Err    error  // the underlying cause, if any
}

// Error returns `subnet "Input": Reason; Hint`.
func (e *Error) Error() string {
	s := "subnet " + strconv.Quote(e.Input) + ": " + e.Reason
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Parse reads a subnet written as
//
//	192.168.1.0/24            prefix length
//	192.168.1.10/24           a host and its subnet
//	192.168.1.0 255.255.255.0 netmask after a space or a slash
//	10.0.0.0 0.0.0.255        wildcard mask after a space or a slash
//	2001:db8::/32             IPv6
//
// with spaces around it ignored. A mask is read as a netmask when it is one;
// only otherwise as a wildcard, so 0.0.0.0 means /0 and 255.255.255.255
// means /32. ParseForm tells which form was read.
//
// A bare address is an error that suggests /32 or /128: a calculator that
// silently picks a length hides the question. Zones, leading zeros in IPv4
// octets or in the length, non-contiguous masks and lengths beyond the
// family are errors that say so.
func Parse(s string) (Subnet, error) {
	sub, _, err := ParseForm(s)
	return sub, err
}

// ParseForm is like Parse and also reports how the mask was written, so the
// UI can note that a wildcard mask was read as one.
func ParseForm(s string) (Subnet, MaskForm, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Subnet{}, 0, &Error{Input: s, Reason: "empty input", Hint: "type an address and a prefix length, such as 192.168.1.0/24 or 2001:db8::/32"}
	}
	var addrText, maskText string
	if i := strings.IndexByte(t, '/'); i >= 0 {
		addrText, maskText = strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:])
		if maskText == "" {
			return Subnet{}, 0, &Error{Input: s, Reason: "nothing after the slash", Hint: "add a prefix length such as /24"}
		}
	} else {
		fields := strings.Fields(t)
		switch len(fields) {
		case 1:
			addrText = fields[0]
		case 2:
			addrText, maskText = fields[0], fields[1]
		default:
			return Subnet{}, 0, &Error{Input: s, Reason: "too many parts", Hint: "write one address and one mask, such as 10.0.0.0 255.0.0.0"}
		}
	}
	if addrText == "" {
		return Subnet{}, 0, &Error{Input: s, Reason: "the address is missing", Hint: "write it before the slash, such as 10.0.0.0/8"}
	}
	addr, err := parseAddr(s, addrText)
	if err != nil {
		return Subnet{}, 0, err
	}
	if maskText == "" {
		single, network := "/32", "/24"
		if addr.Is6() {
			single, network = "/128", "/64"
		}
		return Subnet{}, 0, &Error{Input: s, Reason: "the prefix length is missing", Hint: "add " + single + " for this single address, or the length of its network such as " + network}
	}
	bits, form, err := parseMask(s, addr, maskText)
	if err != nil {
		return Subnet{}, 0, err
	}
	return Subnet{host: addr, prefix: netip.PrefixFrom(addr, bits).Masked()}, form, nil
}

func parseAddr(input, text string) (netip.Addr, error) {
	if i := strings.IndexByte(text, '%'); i >= 0 {
		return netip.Addr{}, zoneError(input, text[i+1:])
	}
	addr, err := netip.ParseAddr(text)
	if err == nil {
		return addr, nil
	}
	if !strings.Contains(text, ":") {
		for _, octet := range strings.Split(text, ".") {
			if len(octet) > 1 && octet[0] == '0' && isDigits(octet) {
				return netip.Addr{}, &Error{Input: input, Reason: "octet " + strconv.Quote(octet) + " has a leading zero, which some tools read as octal", Hint: "write it as " + strings.TrimLeft(octet[:len(octet)-1], "0") + octet[len(octet)-1:], Err: err}
			}
		}
	}
	return netip.Addr{}, &Error{Input: input, Reason: strconv.Quote(text) + " is not an IPv4 or IPv6 address", Hint: "write four numbers 0-255 such as 192.168.1.0, or IPv6 such as 2001:db8::", Err: err}
}

func parseMask(input string, addr netip.Addr, text string) (int, MaskForm, error) {
	if isDigits(text) {
		if len(text) > 1 && text[0] == '0' {
			return 0, 0, &Error{Input: input, Reason: "prefix length " + strconv.Quote(text) + " has a leading zero", Hint: "write it as /" + strings.TrimLeft(text, "0")}
		}
		if len(text) > 3 {
			return 0, 0, tooLongText(input, addr, text)
		}
		bits, _ := strconv.Atoi(text)
		if bits > addr.BitLen() {
			return 0, 0, tooLong(input, addr, bits)
		}
		return bits, FormLength, nil
	}
	if !strings.ContainsAny(text, ".:") {
		return 0, 0, &Error{Input: input, Reason: "prefix length " + strconv.Quote(text) + " is not a number", Hint: "use 0 to " + strconv.Itoa(addr.BitLen()) + ", or a netmask such as 255.255.255.0"}
	}
	mask, err := parseAddr(input, text)
	if err != nil {
		return 0, 0, err
	}
	if mask.Is4() != addr.Is4() {
		return 0, 0, &Error{Input: input, Reason: "the mask " + text + " is " + family(mask) + " but the address is " + family(addr), Hint: "use a mask of the same family or a prefix length"}
	}
	v := u128.FromAddr(mask)
	width := mask.BitLen()
	if bits, ok := contiguous(v, width); ok {
		return bits, FormNetmask, nil
	}
	if bits, ok := contiguous(v.Not().And(u128.Ones(width)), width); ok {
		return bits, FormWildcard, nil
	}
	return 0, 0, &Error{Input: input, Reason: "mask " + text + " is not contiguous", Hint: "a netmask has all its one bits on the left (255.255.255.0), a wildcard all its zero bits (0.0.0.255)"}
}

// lastAddr returns the last address of p: its address with every host bit
// set. p must be valid.
func lastAddr(p netip.Prefix) netip.Addr {
	a := p.Addr()
	return u128.FromAddr(a).Or(u128.Ones(a.BitLen() - p.Bits())).Addr(a.Is4())
}

// contiguous returns the number of leading one bits of a width-bit mask and
// reports whether all the ones come first.
func contiguous(v u128.Uint128, width int) (int, bool) {
	for bits := 0; bits <= width; bits++ {
		if v == maskOf(bits, width) {
			return bits, true
		}
	}
	return 0, false
}

// maskOf returns the netmask of a prefix length as a width-bit number.
func maskOf(bits, width int) u128.Uint128 {
	return u128.Ones(width).And(u128.Ones(width - bits).Not())
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func family(a netip.Addr) string {
	if a.Is4() {
		return "IPv4"
	}
	return "IPv6"
}

func tooLong(input string, addr netip.Addr, bits int) error {
	return tooLongText(input, addr, strconv.Itoa(bits))
}

func tooLongText(input string, addr netip.Addr, bits string) error {
	return &Error{Input: input, Reason: "prefix length " + bits + " is longer than the " + strconv.Itoa(addr.BitLen()) + " bits of " + family(addr), Hint: "use 0 to " + strconv.Itoa(addr.BitLen())}
}

func zoneError(input, zone string) error {
	return &Error{Input: input, Reason: "zone %" + zone + " is not allowed in a subnet", Hint: "zones name an interface for one link-local address; drop the %" + zone}
}
