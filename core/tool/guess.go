package tool

import "strings"

// LooksLikeMAC reports whether s, spaces around it ignored, is written the
// way a MAC address is rather than an IP address: only hex digits and one
// kind of separator, with groups as a MAC's forms have them (see ParseMAC).
// A box that takes either uses it to choose whose error to show, so that
// "34:56:78:9a:bc" is told it lacks a group instead of being read as a
// broken IPv6 address:
//
//   - hyphens between hex digits: always a MAC (IP addresses have none);
//   - colons: groups of one or two digits and no "::", since IPv6 groups
//     are usually longer and "::" compresses zeros;
//   - dots: some group of four digits or with a letter a-f, since IPv4
//     groups are decimal and at most three digits long.
//
// It says nothing about validity: ParseMAC decides that. Text that is a
// valid IP address, such as "1:2:3:4:5:6:7:8", may still look like a MAC;
// read it as an address first.
func LooksLikeMAC(s string) bool {
	s = strings.TrimSpace(s)
	var sep byte
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if _, ok := HexDigit(c); ok {
			digits++
			continue
		}
		if c != ':' && c != '-' && c != '.' || (sep != 0 && c != sep) {
			return false
		}
		sep = c
	}
	if sep == 0 || digits == 0 {
		return false
	}
	groups := strings.Split(s, string(sep))
	switch sep {
	case ':':
		for _, g := range groups {
			if len(g) == 0 || len(g) > 2 {
				return false
			}
		}
		return true
	case '.':
		for _, g := range groups {
			if len(g) == 4 || strings.ContainsAny(strings.ToLower(g), "abcdef") {
				return true
			}
		}
		return false
	}
	return true
}
