package nat_test

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/nat"
)

func TestDecisionDescribe(t *testing.T) {
	tests := []struct {
		d    nat.Decision
		want string
	}{
		{nat.NoMapping, "no mapping or port-forwarding rule holds the port it was sent to"},
		{nat.Filtered, "the filter admits no packet from that sender"},
		{nat.PoolExhausted, "every public port is taken, so no new mapping can be made"},
		{nat.HairpinOff, "the packet is for the NAT's own public address and hairpinning is off"},
		{nat.NoHost, "no device has the destination address"},
		{nat.RuleConflict, "the rule's public port is already taken"},
		{nat.Delivered, "the packet was delivered"},
	}
	for _, tt := range tests {
		if got := tt.d.Describe(); got != tt.want {
			t.Errorf("(%v).Describe() = %q; want %q", tt.d, got, tt.want)
		}
	}
	// Every decision has words of its own: none is its kebab-case name, and
	// String stays that name.
	for d := nat.Sent; d <= nat.RuleConflict; d++ {
		got := d.Describe()
		if got == "" || got == d.String() || strings.Contains(got, "-") && !strings.Contains(got, "port-forwarding") {
			t.Errorf("(%v).Describe() = %q; want plain words", d, got)
		}
		if strings.HasPrefix(d.String(), "decision(") {
			t.Errorf("(%d).String() = %q; want a name", d, d.String())
		}
	}
	if got := nat.NoMapping.String(); got != "no-mapping" {
		t.Errorf("NoMapping.String() = %q; want no-mapping", got)
	}
}

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		in       string
		portless bool
		want     string // the endpoint, or "" for an error
		err      string // substring of the error
	}{
		{"93.184.216.34:443", false, "93.184.216.34:443", ""},
		{" 1.2.3.4:80 ", false, "1.2.3.4:80", ""},
		{"1.2.3.4", true, "1.2.3.4:0", ""},
		{"1.2.3.4:7", true, "1.2.3.4:7", ""},
		{"1.2.3.4", false, "", `"1.2.3.4" has no port; write it with one, such as 1.2.3.4:80`},
		{"1.2.3.4:", false, "", `"1.2.3.4:": port "" is not a number from 0 to 65535`},
		{"1.2.3.4:99999", false, "", `port "99999" is not a number`},
		{"[2001:db8::1]:443", false, "", `"[2001:db8::1]:443" is IPv6; the lab's networks are IPv4`},
		{"2001:db8::1", true, "", "is IPv6"},
		{"nowhere", false, "", `"nowhere" is not an IPv4 address and port such as "93.184.216.34:443"`},
	}
	for _, tt := range tests {
		got, err := nat.ParseEndpoint(tt.in, tt.portless)
		if tt.want != "" {
			if err != nil || got.String() != tt.want {
				t.Errorf("ParseEndpoint(%q, %v) = %v, %v; want %s", tt.in, tt.portless, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) || got.IsValid() {
			t.Errorf("ParseEndpoint(%q, %v) = %v, %v; want error containing %q", tt.in, tt.portless, got, err, tt.err)
		}
		if err != nil && tt.in == "1.2.3.4" && strings.Contains(err.Error(), "not an IPv4 address") {
			t.Errorf("ParseEndpoint(%q) error %q calls an IPv4 address without port not an address", tt.in, err)
		}
	}
}
