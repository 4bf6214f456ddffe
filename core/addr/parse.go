package addr

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseError is the error Parse returns. Its text is meant for people: the UI shows Error()
// verbatim, or Reason and Hint apart.
type ParseError struct {
	Input  string // the text as given to Parse
	Reason string // what is wrong, such as `octet 256 is greater than 255`
	Hint   string // what would be right, or "" if there is nothing useful to say
}

// Error returns `address "<input>": <reason>`, followed by "; <hint>" when there is a hint.
func (e *ParseError) Error() string {
	s := "address " + strconv.Quote(e.Input) + ": " + e.Reason
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// Parse parses an IPv4 or IPv6 address as people type it: IPv4 as a dotted quad
// ("192.0.2.1"), IPv6 in any RFC 4291 form, including an embedded IPv4 address
// ("::ffff:192.0.2.1", "64:ff9b::192.0.2.1") and a zone ("fe80::1%eth0"). Surrounding white
// space and [brackets] are ignored. An IPv4-mapped IPv6 address stays IPv6, as with
// [netip.ParseAddr].
//
// Parse rejects the forms other tools read differently, and says how: leading zeros
// ("010.0.0.1" is 8.0.0.1 to inet_aton, which reads it as octal), shorthand ("127.1"),
// hexadecimal octets ("0x7f.0.0.1") and plain integers ("3232235777"). A subnet
// ("10.0.0.0/8"), a socket ("192.0.2.1:80", "[::1]:80") or a URL ("http://192.0.2.1/") is
// rejected with a note that it is one. A zone may hold any characters except "/", which starts a prefix length; within
// brackets the first "]" ends the address. Every error is a *[ParseError].
func Parse(s string) (netip.Addr, error) {
	fail := func(reason, hint string) (netip.Addr, error) {
		return netip.Addr{}, &ParseError{Input: s, Reason: reason, Hint: hint}
	}
	t := strings.TrimSpace(s)
	if !strings.ContainsAny(t, "[]/") {
		// The common case. The checks below only explain failures, and they accept exactly
		// what netip accepts.
		if a, err := netip.ParseAddr(t); err == nil {
			return a, nil
		}
	}
	if t == "" {
		return fail("empty", "enter an IPv4 or IPv6 address")
	}
	if scheme, host, ok := urlLike(t); ok {
		return failURL(s, scheme, host)
	}
	if before, after, ok := strings.Cut(t, "/"); ok {
		if after == "" {
			return fail(`"/" with no prefix length after it`, "leave out the / for a single address")
		}
		reason := "this is a subnet (prefix length " + quoteIfOdd(after) + "), not a single address"
		if a, err := Parse(before); err == nil {
			reason = "this is a subnet (" + a.String() + " with prefix length " + quoteIfOdd(after) + "), not a single address"
			return fail(reason, "the subnet widget takes it; enter "+a.String()+" for the address alone")
		}
		return fail(reason, "the subnet widget takes it")
	}
	if strings.HasPrefix(t, "[") {
		inner, rest, ok := strings.Cut(t[1:], "]")
		switch {
		case !ok:
			return fail("missing closing bracket", "write [2001:db8::1] or just 2001:db8::1")
		case strings.HasPrefix(rest, ":"):
			return failSocket(s, inner, rest[1:])
		case rest != "":
			return fail("unexpected "+strconv.Quote(rest)+" after the closing bracket", "remove it")
		}
		t = strings.TrimSpace(inner)
		if t == "" {
			return fail("empty brackets", "enter an IPv4 or IPv6 address")
		}
	} else if strings.HasSuffix(t, "]") {
		return fail("missing opening bracket", "write [2001:db8::1] or just 2001:db8::1")
	}
	addr, zone, hasZone := strings.Cut(t, "%")
	if hasZone && zone == "" {
		return fail(`empty zone after "%"`, "write a zone such as fe80::1%eth0, or leave out the %")
	}
	if !strings.Contains(addr, ":") {
		if hasZone {
			return fail("zone "+strconv.Quote(zone)+" belongs to an IPv6 link-local address, not IPv4", "write "+strconv.Quote(addr)+" without the zone")
		}
		if reason, hint := checkIPv4(addr, true); reason != "" {
			return fail(reason, hint)
		}
	} else {
		if host, port, ok := socketLike(addr); ok && !hasZone {
			return failSocket(s, host, port)
		}
		if reason, hint := checkIPv6(addr); reason != "" {
			return fail(reason, hint)
		}
	}
	a, err := netip.ParseAddr(t)
	if err != nil {
		// checkIPv4 and checkIPv6 accept exactly what netip accepts (the fuzz test holds them
		// to it), so this is a safety net, not a path people see.
		return fail("not a valid IP address", "enter an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1")
	}
	return a, nil
}

// MustParse is like Parse but panics on error. It is meant for tests and constants.
func MustParse(s string) netip.Addr {
	a, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return a
}

func failSocket(input, host, port string) (netip.Addr, error) {
	reason := "this is a socket (address " + host + ", port " + port + "), not an address"
	hint := "enter " + host + " for the address alone, or open the socket in Ports for its port"
	if _, err := Parse(host); err != nil {
		reason = "this looks like a socket (host " + strconv.Quote(host) + ", port " + port + "), not an address"
		hint = "enter the address alone, without the port, or open the socket in Ports for its port"
	}
	return netip.Addr{}, &ParseError{Input: input, Reason: reason, Hint: hint}
}

// failURL rejects a URL, naming its host and pointing to the Ports page, which reads the
// URL's port from its scheme.
func failURL(input, scheme, host string) (netip.Addr, error) {
	reason := "this is a URL (scheme " + scheme + "), not an address"
	hint := "open it in Ports for its port"
	if host != "" {
		if a, err := Parse(host); err == nil {
			hint = "its host is " + a.String() + " — " + hint
		} else {
			hint = "its host is " + strconv.Quote(host) + " — " + hint
		}
	}
	return netip.Addr{}, &ParseError{Input: input, Reason: reason, Hint: hint}
}

// urlLike reports whether s starts with a URL scheme and "://" (RFC 3986, section 3.1), and
// returns the scheme in lowercase and the host without user information or port.
func urlLike(s string) (scheme, host string, ok bool) {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || scheme == "" || !isLetter(scheme[0]) {
		return "", "", false
	}
	for i := 1; i < len(scheme); i++ {
		c := scheme[i]
		if !isLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.' {
			return "", "", false
		}
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") {
		host, _, _ = strings.Cut(rest[1:], "]")
	} else {
		host, _, _ = strings.Cut(rest, ":")
	}
	return strings.ToLower(scheme), host, true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// socketLike reports whether s looks like host:port with an IPv4 address or a host name, the
// forms in which a single colon cannot be IPv6.
func socketLike(s string) (host, port string, ok bool) {
	host, port, ok = strings.Cut(s, ":")
	if !ok || strings.Contains(port, ":") || port == "" {
		return "", "", false
	}
	if !strings.Contains(host, ".") && !(hostNameLike(host) && strings.IndexFunc(host, isNonHexLetter) >= 0) {
		return "", "", false
	}
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return "", "", false
		}
	}
	return host, port, true
}

func quoteIfOdd(s string) string {
	if s != "" && len(s) <= 3 && strings.Trim(s, "0123456789") == "" {
		return s
	}
	return strconv.Quote(s)
}

// checkIPv4 explains what is wrong with a dotted IPv4 address, or returns "" if netip accepts
// it. Alone (not embedded in IPv6) it also tells how inet_aton(3) would read a legacy form.
func checkIPv4(s string, alone bool) (reason, hint string) {
	const fourOctets = "write four decimal octets from 0 to 255, such as 192.0.2.1"
	parts := strings.Split(s, ".")
	for i, p := range parts {
		if p != "" {
			continue
		}
		switch {
		case len(parts) == 1:
			return "empty", "enter an IPv4 or IPv6 address"
		case i == 0:
			return "starts with a dot", fourOctets
		case i == len(parts)-1:
			return "ends with a dot", fourOctets
		}
		return "empty octet between two dots", fourOctets
	}
	for _, p := range parts {
		if octetForm(p) != formOther {
			continue
		}
		if hostNameLike(s) {
			return "not an IP address; it looks like a host name", "look up its address first, for example with dig or nslookup"
		}
		if i := strings.IndexFunc(p, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
			return "invalid character " + quoteRuneAt(p, i) + " in octet " + strconv.Quote(p), fourOctets
		}
	}
	aton, atonOK := inetAton(parts)
	reads := ""
	if atonOK && alone {
		reads = "; inet_aton reads it as " + aton.String()
	}
	for _, p := range parts {
		if octetForm(p) == formHex {
			hint := "each octet is a decimal number from 0 to 255"
			if atonOK && alone {
				hint = "write " + aton.String() + " if that is what you meant"
			}
			return "hexadecimal octet " + strconv.Quote(p) + reads, hint
		}
	}
	for _, p := range parts {
		if len(p) > 1 && p[0] == '0' {
			reason = "leading zero in " + strconv.Quote(p) + " is ambiguous"
			if atonOK && alone {
				reason += ": octal in some tools, meaning " + aton.String() + " there"
			} else {
				reason += ": some tools read a leading zero as octal"
			}
			if dec, ok := decimalIntent(parts); ok {
				return reason, "write " + dec + " if you meant decimal"
			}
			return reason, fourOctets
		}
	}
	if len(parts) > 4 {
		return strconv.Itoa(len(parts)) + " octets; IPv4 has 4", fourOctets
	}
	if len(parts) < 4 {
		if len(parts) == 1 {
			reason = "a single number, not a dotted address" + reads
		} else {
			reason = "only " + strconv.Itoa(len(parts)) + " of 4 octets: shorthand like this is ambiguous" + reads
		}
		if atonOK && alone {
			return reason, "write all four octets: " + aton.String()
		}
		return reason, fourOctets
	}
	for _, p := range parts {
		if v, _ := decimal(p); v > 255 {
			return "octet " + p + " is greater than 255", "each octet is a decimal number from 0 to 255"
		}
	}
	return "", ""
}

type octetKind uint8

const (
	formOther octetKind = iota
	formDecimal
	formHex
)

func octetForm(p string) octetKind {
	if len(p) > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') {
		for i := 2; i < len(p); i++ {
			if !isHex(p[i]) {
				return formOther
			}
		}
		return formHex
	}
	if p == "" {
		return formOther
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return formOther
		}
	}
	return formDecimal
}

// hostNameLike reports whether s reads as a DNS name: letters, digits, dots and hyphens only,
// with a letter somewhere other than in a 0x prefix.
func hostNameLike(s string) bool {
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			if (c == 'x' || c == 'X') && i > 0 && s[i-1] == '0' {
				continue
			}
			letter = true
		case c >= '0' && c <= '9', c == '.', c == '-':
		default:
			return false
		}
	}
	return letter
}

// decimal parses an unsigned decimal number, saturating above 1<<40 so that long inputs
// cannot overflow.
func decimal(p string) (uint64, bool) {
	var v uint64
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if v < 1<<40 {
			v = v*10 + uint64(c-'0')
		}
	}
	return v, p != ""
}

// inetAton reads parts as inet_aton(3) does: each part decimal, octal after a leading 0, or hex
// after 0x; with fewer than four parts the last fills the remaining bytes.
func inetAton(parts []string) (netip.Addr, bool) {
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		base, digits := uint64(10), p
		switch {
		case len(p) > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'):
			base, digits = 16, p[2:]
		case len(p) > 1 && p[0] == '0':
			base, digits = 8, p[1:]
		}
		var v uint64
		for j := 0; j < len(digits); j++ {
			d := hexValue(digits[j])
			if d >= base {
				return netip.Addr{}, false
			}
			if v = v*base + d; v > 0xffffffff {
				return netip.Addr{}, false
			}
		}
		vals[i] = v
	}
	last := len(vals) - 1
	var v uint64
	for i, x := range vals[:last] {
		if x > 255 {
			return netip.Addr{}, false
		}
		v |= x << (24 - 8*i)
	}
	if vals[last] > 0xffffffff>>(8*last) {
		return netip.Addr{}, false
	}
	v |= vals[last]
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

// decimalIntent returns the address four decimal parts with leading zeros mean when read as
// decimal, if they make one.
func decimalIntent(parts []string) (string, bool) {
	if len(parts) != 4 {
		return "", false
	}
	var b [4]byte
	for i, p := range parts {
		v, ok := decimal(p)
		if !ok || v > 255 {
			return "", false
		}
		b[i] = byte(v)
	}
	return netip.AddrFrom4(b).String(), true
}

// quoteRuneAt quotes the character starting at byte i of s; invalid UTF-8 shows as U+FFFD.
func quoteRuneAt(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return strconv.QuoteRune(r)
}

func isNonHexLetter(r rune) bool { return r >= 'g' && r <= 'z' || r >= 'G' && r <= 'Z' }

func isHex(c byte) bool { return hexValue(c) < 16 }

func hexValue(c byte) uint64 {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0')
	case c >= 'a' && c <= 'f':
		return uint64(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return uint64(c-'A') + 10
	}
	return 99
}

// checkIPv6 explains what is wrong with an IPv6 address without its zone, or returns "" if
// netip accepts it.
func checkIPv6(s string) (reason, hint string) {
	const shorten = `write "::" once, for one run of zero groups`
	if strings.Contains(s, ":::") {
		return `":::" is not valid`, shorten
	}
	if strings.Count(s, "::") > 1 {
		return `"::" appears twice, but it may stand for only one run of zero groups`, `keep one "::" and write the other zero groups as 0`
	}
	ellipsis := strings.Contains(s, "::")
	if strings.HasPrefix(s, ":") && !strings.HasPrefix(s, "::") {
		return "starts with a single colon", `write "::" for leading zero groups, or remove the colon`
	}
	if strings.HasSuffix(s, ":") && !strings.HasSuffix(s, "::") {
		return "ends with a single colon", `write "::" for trailing zero groups, or remove the colon`
	}
	var groups []string
	left, right, _ := strings.Cut(s, "::")
	if left != "" {
		groups = strings.Split(left, ":")
	}
	if right != "" {
		groups = append(groups, strings.Split(right, ":")...)
	}
	n := len(groups)
	for i, g := range groups {
		if g == "" {
			return "empty group between two colons", shorten
		}
		if strings.Contains(g, ".") {
			if i != len(groups)-1 || (ellipsis && right == "") {
				return "embedded IPv4 " + strconv.Quote(g) + " must be the last 32 bits", "write it at the end, as in ::ffff:192.0.2.1"
			}
			if r, h := checkIPv4(g, false); r != "" {
				return "embedded IPv4 " + strconv.Quote(g) + ": " + r, h
			}
			n++
			continue
		}
		if j := strings.IndexFunc(g, func(r rune) bool { return r >= utf8.RuneSelf || !isHex(byte(r)) }); j >= 0 {
			return "invalid character " + quoteRuneAt(g, j) + " in group " + strconv.Quote(g), "IPv6 groups are hex digits 0-9 and a-f"
		}
		if len(g) > 4 {
			return "group " + strconv.Quote(g) + " has " + strconv.Itoa(len(g)) + " hex digits; at most 4", "each group is 16 bits, up to 4 hex digits"
		}
	}
	switch {
	case ellipsis && n > 7:
		return strconv.Itoa(n) + ` groups and "::", but "::" must stand for at least one zero group`, `remove "::" or a group; IPv6 has 8 groups`
	case !ellipsis && n < 8:
		return "only " + strconv.Itoa(n) + " of 8 groups", `write "::" where zero groups were left out`
	case !ellipsis && n > 8:
		return strconv.Itoa(n) + " groups; IPv6 has 8", "remove the extra groups"
	}
	return "", ""
}
