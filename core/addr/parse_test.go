package addr_test

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/addr"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want string // canonical form of the result
	}{
		{"0.0.0.0", "0.0.0.0"},
		{"255.255.255.255", "255.255.255.255"},
		{"192.0.2.1", "192.0.2.1"},
		{"  192.0.2.1\t", "192.0.2.1"},
		{"[192.0.2.1]", "192.0.2.1"},
		{"::", "::"},
		{"::1", "::1"},
		{"[::1]", "::1"},
		{" [ 2001:db8::1 ] ", "2001:db8::1"},
		{"2001:DB8:0:0:0:0:0:1", "2001:db8::1"},
		{"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
		{"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
		{"1::", "1::"},
		{"1:0:0:1::", "1:0:0:1::"},
		{"::ffff:192.0.2.1", "::ffff:192.0.2.1"},
		{"::ffff:c000:201", "::ffff:192.0.2.1"},
		{"64:ff9b::192.0.2.1", "64:ff9b::c000:201"},
		{"::192.0.2.1", "::c000:201"},
		{"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"},
		{"fe80::1%eth0", "fe80::1%eth0"},
		{"[fe80::1%eth0]", "fe80::1%eth0"},
		{"fe80::1%1", "fe80::1%1"},
		{"::ffff:10.0.0.1%lo", "::ffff:10.0.0.1%lo"},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
	}
	for _, tt := range tests {
		got, err := addr.Parse(tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
			continue
		}
		if back, err := addr.Parse(got.String()); err != nil || back != got {
			t.Errorf("Parse(%q) = %v, %v; want %v (round trip of Parse(%q))", got.String(), back, err, got, tt.in)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in     string
		reason string // substring of Reason
		hint   string // substring of Hint; "-" for no hint
	}{
		{"", "empty", "enter an IPv4 or IPv6 address"},
		{"   ", "empty", "enter an IPv4 or IPv6 address"},
		{"[]", "empty brackets", "enter an IPv4 or IPv6 address"},
		{"010.0.0.1", `leading zero in "010" is ambiguous: octal in some tools, meaning 8.0.0.1 there`, "write 10.0.0.1 if you meant decimal"},
		{"192.168.01.1", `leading zero in "01"`, "write 192.168.1.1 if you meant decimal"},
		{"08.0.0.1", `leading zero in "08" is ambiguous: some tools read a leading zero as octal`, "write 8.0.0.1 if you meant decimal"},
		{"00.0.0.0", `leading zero in "00"`, "write 0.0.0.0 if you meant decimal"},
		{"127.1", "only 2 of 4 octets: shorthand like this is ambiguous; inet_aton reads it as 127.0.0.1", "write all four octets: 127.0.0.1"},
		{"10.1.2", "only 3 of 4 octets", "write all four octets: 10.1.0.2"},
		{"3232235777", "a single number, not a dotted address; inet_aton reads it as 192.168.1.1", "192.168.1.1"},
		{"99999999999", "a single number", "write four decimal octets"},
		{"0x7f.0.0.1", `hexadecimal octet "0x7f"; inet_aton reads it as 127.0.0.1`, "write 127.0.0.1 if that is what you meant"},
		{"0XC0.0XA8.0.1", `hexadecimal octet "0XC0"`, "write 192.168.0.1"},
		{"1.2.3.256", "octet 256 is greater than 255", "from 0 to 255"},
		{"999.1.1.1", "octet 999 is greater than 255", "from 0 to 255"},
		{"1.2.3.4.5", "5 octets; IPv4 has 4", "four decimal octets"},
		{"1..2.3", "empty octet between two dots", "four decimal octets"},
		{".1.2.3", "starts with a dot", "four decimal octets"},
		{"1.2.3.4.", "ends with a dot", "four decimal octets"},
		{"1.2.3.-4", `invalid character '-' in octet "-4"`, "four decimal octets"},
		{"0x.1.2.3", `invalid character 'x' in octet "0x"`, "four decimal octets"},
		{"example.com", "it looks like a host name", "look up its address first"},
		{"localhost", "it looks like a host name", "look up its address first"},
		{"10.0.0.0/8", "this is a subnet (10.0.0.0 with prefix length 8), not a single address", "the subnet widget takes it; enter 10.0.0.0 for the address alone"},
		{"2001:db8::/32", "this is a subnet (2001:db8:: with prefix length 32)", "the subnet widget takes it"},
		{"10.0.0/8", `this is a subnet (prefix length 8)`, "the subnet widget takes it"},
		{"1.2.3.4:80", "this is a socket (address 1.2.3.4, port 80), not an address", "enter 1.2.3.4 for the address alone"},
		{"[2001:db8::1]:443", "this is a socket (address 2001:db8::1, port 443)", "enter 2001:db8::1 for the address alone"},
		{"localhost:8080", `this looks like a socket (host "localhost", port 8080)`, "without the port"},
		{"1.2.3.4:80", "this is a socket", "open the socket in Ports for its port"},
		{"http://1.2.3.4/", "this is a URL (scheme http), not an address", "its host is 1.2.3.4 — open it in Ports for its port"},
		{" HTTPS://user@1.2.3.4:8443/x?y#z ", "this is a URL (scheme https)", "its host is 1.2.3.4 — open it in Ports"},
		{"http://[2001:DB8::1]:8080/", "this is a URL (scheme http)", "its host is 2001:db8::1 — open it in Ports"},
		{"postgres://db.example:5432/app", "this is a URL (scheme postgres)", `its host is "db.example" — open it in Ports`},
		{"ftp://", "this is a URL (scheme ftp)", "open it in Ports for its port"},
		{"1::2::3", `"::" appears twice`, `keep one "::"`},
		{"1:::2", `":::" is not valid`, `write "::" once`},
		{":1:2:3:4:5:6:7", "starts with a single colon", `write "::"`},
		{"1:2:3:4:5:6:7:", "ends with a single colon", `write "::"`},
		{"1:2:3:4:5:6:7", "only 7 of 8 groups", `write "::" where zero groups were left out`},
		{"1:2:3:4:5:6:7:8:9", "9 groups; IPv6 has 8", "remove the extra groups"},
		{"1:2:3:4::5:6:7:8", `8 groups and "::"`, "IPv6 has 8 groups"},
		{"12345::", `group "12345" has 5 hex digits; at most 4`, "up to 4 hex digits"},
		{"fg::1", `invalid character 'g' in group "fg"`, "hex digits"},
		{"::1.2.3", `embedded IPv4 "1.2.3": only 3 of 4 octets`, "four decimal octets"},
		{"::ffff:010.0.0.1", `embedded IPv4 "010.0.0.1": leading zero`, "write 10.0.0.1 if you meant decimal"},
		{"::ffff:1.2.3.256", `embedded IPv4 "1.2.3.256": octet 256 is greater than 255`, "from 0 to 255"},
		{"1.2.3.4::", `embedded IPv4 "1.2.3.4" must be the last 32 bits`, "at the end"},
		{"fe80::1%", `empty zone after "%"`, "fe80::1%eth0"},
		{"192.0.2.1%eth0", `zone "eth0" belongs to an IPv6 link-local address, not IPv4`, `write "192.0.2.1" without the zone`},
		{"1.2.3.\xff", "invalid character '\uFFFD' in octet \"\\xff\"", "four decimal octets"},
		{"fe80::\u00e9", `invalid character 'é' in group "é"`, "hex digits"},
		{"[192.0.2.1", "missing closing bracket", "[2001:db8::1]"},
		{"::1]", "missing opening bracket", "[2001:db8::1]"},
		{"[::1]x", `unexpected "x" after the closing bracket`, "remove it"},
	}
	for _, tt := range tests {
		got, err := addr.Parse(tt.in)
		if err != nil && strings.Contains(err.Error(), `prefix length "/`) {
			t.Errorf("Parse(%q) error %q reads a URL's path as a prefix length", tt.in, err)
		}
		var pe *addr.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, %v; want *ParseError", tt.in, got, err)
			continue
		}
		hintOK := strings.Contains(pe.Hint, tt.hint) || (tt.hint == "-" && pe.Hint == "")
		if got.IsValid() || pe.Input != tt.in || !strings.Contains(pe.Reason, tt.reason) || !hintOK {
			t.Errorf("Parse(%q) = %v, {Input: %q, Reason: %q, Hint: %q}; want reason %q, hint %q", tt.in, got, pe.Input, pe.Reason, pe.Hint, tt.reason, tt.hint)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, `address "`) || strings.HasSuffix(msg, ".") || msg != strings.ToLower(msg[:1])+msg[1:] {
			t.Errorf("Parse(%q) error %q; want lowercase, quoted input, no final period", tt.in, msg)
		}
		// Every rejection must be one netip rejects too, or the message would be about a
		// form that is actually fine.
		if a, err := netip.ParseAddr(strings.TrimSpace(tt.in)); err == nil {
			t.Errorf("Parse(%q) rejected what netip.ParseAddr reads as %v", tt.in, a)
		}
	}
}

func TestParseErrorText(t *testing.T) {
	tests := []struct {
		err  *addr.ParseError
		want string
	}{
		{&addr.ParseError{Input: "127.1", Reason: "only 2 of 4 octets", Hint: "write all four octets: 127.0.0.1"}, `address "127.1": only 2 of 4 octets; write all four octets: 127.0.0.1`},
		{&addr.ParseError{Input: "x", Reason: "bad"}, `address "x": bad`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("(%#v).Error() = %q; want %q", tt.err, got, tt.want)
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("MustParse(%q) did not panic", "127.1")
		}
	}()
	addr.MustParse("127.1")
}

func TestParseZoneSlash(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"fe80::1%eth0/64", "this is a subnet (fe80::1%eth0 with prefix length 64)"},
		{"::%/", `"/" with no prefix length after it`},
		{"fe80::1%eth0]", "missing opening bracket"},
	}
	for _, tt := range tests {
		_, err := addr.Parse(tt.in)
		var pe *addr.ParseError
		if !errors.As(err, &pe) || !strings.Contains(pe.Reason, tt.reason) {
			t.Errorf("Parse(%q) = %v; want reason %q", tt.in, err, tt.reason)
		}
	}
}
