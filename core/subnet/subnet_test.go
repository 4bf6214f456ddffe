package subnet_test

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/subnet"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in     string
		host   string
		prefix string
		form   subnet.MaskForm
	}{
		{"192.168.1.0/24", "192.168.1.0", "192.168.1.0/24", subnet.FormLength},
		{"  192.168.1.10/24\t", "192.168.1.10", "192.168.1.0/24", subnet.FormLength},
		{"192.168.1.10 / 24", "192.168.1.10", "192.168.1.0/24", subnet.FormLength},
		{"10.1.2.3 255.255.255.0", "10.1.2.3", "10.1.2.0/24", subnet.FormNetmask},
		{"10.1.2.3/255.255.0.0", "10.1.2.3", "10.1.0.0/16", subnet.FormNetmask},
		{"10.0.0.0 0.0.0.255", "10.0.0.0", "10.0.0.0/24", subnet.FormWildcard},
		{"10.0.0.0/0.0.0.255", "10.0.0.0", "10.0.0.0/24", subnet.FormWildcard},
		{"10.0.0.0 0.255.255.255", "10.0.0.0", "10.0.0.0/8", subnet.FormWildcard},
		{"10.0.0.0 0.0.0.0", "10.0.0.0", "0.0.0.0/0", subnet.FormNetmask},
		{"10.0.0.1 255.255.255.255", "10.0.0.1", "10.0.0.1/32", subnet.FormNetmask},
		{"10.0.0.1 255.255.255.254", "10.0.0.1", "10.0.0.0/31", subnet.FormNetmask},
		{"10.0.0.1 0.0.0.1", "10.0.0.1", "10.0.0.0/31", subnet.FormWildcard},
		{"0.0.0.0/0", "0.0.0.0", "0.0.0.0/0", subnet.FormLength},
		{"255.255.255.255/1", "255.255.255.255", "128.0.0.0/1", subnet.FormLength},
		{"10.0.0.1/31", "10.0.0.1", "10.0.0.0/31", subnet.FormLength},
		{"10.0.0.1/32", "10.0.0.1", "10.0.0.1/32", subnet.FormLength},
		{"2001:db8::1/64", "2001:db8::1", "2001:db8::/64", subnet.FormLength},
		{"2001:DB8::/32", "2001:db8::", "2001:db8::/32", subnet.FormLength},
		{"::/0", "::", "::/0", subnet.FormLength},
		{"::1/128", "::1", "::1/128", subnet.FormLength},
		{"2001:db8::1/127", "2001:db8::1", "2001:db8::/127", subnet.FormLength},
		{"2001:db8::1/ffff:ffff::", "2001:db8::1", "2001:db8::/32", subnet.FormNetmask},
		{"::ffff:10.0.0.0/104", "::ffff:10.0.0.0", "::ffff:10.0.0.0/104", subnet.FormLength},
		{"::ffff:10.1.2.3/120", "::ffff:10.1.2.3", "::ffff:10.1.2.0/120", subnet.FormLength},
	}
	for _, tt := range tests {
		got, form, err := subnet.ParseForm(tt.in)
		if err != nil {
			t.Errorf("ParseForm(%q) error: %v", tt.in, err)
			continue
		}
		if got.Host() != netip.MustParseAddr(tt.host) || got.Prefix() != netip.MustParsePrefix(tt.prefix) || form != tt.form {
			t.Errorf("ParseForm(%q) = %v %v %v; want %v %v %v", tt.in, got.Host(), got.Prefix(), form, tt.host, tt.prefix, tt.form)
		}
		back, err := subnet.Parse(got.String())
		if err != nil || back != got {
			t.Errorf("Parse(%q) = %v, %v; want the round trip of %q", got.String(), back, err, tt.in)
		}
		text, _ := got.MarshalText()
		var un subnet.Subnet
		if err := un.UnmarshalText(text); err != nil || un != got {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, un, err, got)
		}
		if got.HasHostBits() != (tt.host != strings.Split(tt.prefix, "/")[0]) {
			t.Errorf("(%v).HasHostBits() = %v", got, got.HasHostBits())
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", `subnet "": empty input`},
		{"   ", `empty input`},
		{"10.0.0.0/33", `subnet "10.0.0.0/33": prefix length 33 is longer than the 32 bits of IPv4; use 0 to 32`},
		{"2001:db8::/129", `prefix length 129 is longer than the 128 bits of IPv6`},
		{"10.0.0.0/99999", `prefix length 99999 is longer than the 32 bits of IPv4`},
		{"10.0.0.1", `the prefix length is missing; add /32 for this single address`},
		{"2001:db8::1", `add /128 for this single address`},
		{"10.0.0.0/", `nothing after the slash`},
		{"/24", `the address is missing`},
		{"10.0.0.0/-1", `prefix length "-1" is not a number`},
		{"10.0.0.0/+8", `prefix length "+8" is not a number`},
		{"10.0.0.0/08", `prefix length "08" has a leading zero; write it as /8`},
		{"010.0.0.0/8", `octet "010" has a leading zero, which some tools read as octal; write it as 10`},
		{"10.0.0.00/8", `octet "00" has a leading zero`},
		{"fe80::1%eth0/64", `zone %eth0 is not allowed in a subnet`},
		{"10.0.0.0 255.0.255.0", `mask 255.0.255.0 is not contiguous`},
		{"10.0.0.0 0.255.0.255", `mask 0.255.0.255 is not contiguous`},
		{"10.0.0.0 ffff::", `the mask ffff:: is IPv6 but the address is IPv4`},
		{"10.0.0.0 255.255.255.0 x", `too many parts`},
		{"10.0.0.256/24", `"10.0.0.256" is not an IPv4 or IPv6 address`},
		{"banana/24", `"banana" is not an IPv4 or IPv6 address`},
		{"10.0.0.0/24/8", `prefix length "24/8" is not a number`},
	}
	for _, tt := range tests {
		_, err := subnet.Parse(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v; want it to contain %q", tt.in, err, tt.want)
			continue
		}
		var se *subnet.Error
		if !errors.As(err, &se) || se.Input != tt.in || se.Reason == "" {
			t.Errorf("Parse(%q) error = %#v; want a *subnet.Error quoting the input", tt.in, err)
		}
		if strings.ToLower(se.Reason[:1]) != se.Reason[:1] || strings.HasSuffix(err.Error(), ".") {
			t.Errorf("Parse(%q) error %q: want lowercase without a trailing period", tt.in, err)
		}
	}
}

func TestFrom(t *testing.T) {
	s, err := subnet.From(netip.MustParseAddr("192.168.1.10"), 24)
	if err != nil || s != subnet.MustParse("192.168.1.10/24") {
		t.Errorf("From(192.168.1.10, 24) = %v, %v", s, err)
	}
	for _, bad := range []struct {
		a    netip.Addr
		bits int
	}{{netip.Addr{}, 8}, {netip.MustParseAddr("10.0.0.0"), 33}, {netip.MustParseAddr("10.0.0.0"), -1}, {netip.MustParseAddr("fe80::1%eth0"), 64}} {
		if _, err := subnet.From(bad.a, bad.bits); err == nil {
			t.Errorf("From(%v, %d) succeeded; want an error", bad.a, bad.bits)
		}
	}
	if got := subnet.FromPrefix(netip.MustParsePrefix("10.1.2.3/8")); got.Host() != netip.MustParseAddr("10.1.2.3") || got.Prefix().String() != "10.0.0.0/8" {
		t.Errorf("FromPrefix(10.1.2.3/8) = %v", got)
	}
	var zero subnet.Subnet
	if zero.IsValid() || zero.String() != "invalid Subnet" || zero.Bits() != -1 {
		t.Errorf("zero Subnet: IsValid %v, String %q, Bits %d", zero.IsValid(), zero.String(), zero.Bits())
	}
	if text, _ := zero.MarshalText(); len(text) != 0 || zero.UnmarshalText(nil) != nil || zero.UnmarshalText([]byte("10.0.0.0/33")) == nil {
		t.Errorf("zero Subnet text round trip")
	}
	if subnet.FromPrefix(netip.Prefix{}).IsValid() {
		t.Errorf("FromPrefix(zero) is valid")
	}
}

func TestParseHuge(t *testing.T) {
	huge := strings.Repeat("1", 1<<20)
	if _, err := subnet.Parse(huge); err == nil {
		t.Errorf("Parse(1 MiB of digits) succeeded")
	}
	if _, err := subnet.Parse("10.0.0.0/" + huge); err == nil || !strings.Contains(err.Error(), "longer than the 32 bits") {
		t.Errorf("Parse(10.0.0.0/<1 MiB>) = %v", err)
	}
	if _, err := subnet.Parse(strings.Repeat(" ", 1<<20) + "10.0.0.0/8"); err != nil {
		t.Errorf("Parse(spaces + 10.0.0.0/8) = %v", err)
	}
}
