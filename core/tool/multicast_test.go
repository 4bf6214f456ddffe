package tool_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/tool"
)

func TestSolicitedNode(t *testing.T) {
	tests := []struct {
		addr    string
		want    string // "" for an error
		errPart string
	}{
		// RFC 4291 Section 2.7.1's example.
		{"4037::01:800:200E:8C6C", "ff02::1:ff0e:8c6c", ""},
		{"fe80::3656:78ff:fe9a:bcde", "ff02::1:ff9a:bcde", ""},
		{"fe80::3656:78ff:fe9a:bcde%eth0", "ff02::1:ff9a:bcde%eth0", ""},
		{"2001:db8::1", "ff02::1:ff00:1", ""},
		{"2001:db8::abcd:ef12:3456", "ff02::1:ff12:3456", ""},
		{"::1", "ff02::1:ff00:1", ""},
		{"fd12:3456:789a::1", "ff02::1:ff00:1", ""},
		{"192.0.2.1", "", `address "192.0.2.1": is IPv4`},
		{"::ffff:192.0.2.1", "", "is IPv4-mapped: it stands for 192.0.2.1"},
		{"ff02::1", "", "is multicast"},
		{"::", "", "unspecified"},
	}
	for _, tt := range tests {
		a := netip.MustParseAddr(tt.addr)
		got, err := tool.SolicitedNode(a)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("SolicitedNode(%v) = %v, %v; want an error saying %q", a, got, err, tt.errPart)
			}
			continue
		}
		if err != nil || got != netip.MustParseAddr(tt.want) {
			t.Errorf("SolicitedNode(%v) = %v, %v; want %v", a, got, err, tt.want)
			continue
		}
		// Properties: link-local scope multicast in ff02::1:ff00:0/104,
		// sharing the last 24 bits.
		if !got.IsLinkLocalMulticast() || !netip.MustParsePrefix("ff02::1:ff00:0/104").Contains(got.WithZone("")) ||
			[3]byte(got.AsSlice()[13:]) != [3]byte(a.AsSlice()[13:]) {
			t.Errorf("SolicitedNode(%v) = %v, not in ff02::1:ff00:0/104 with the same last 24 bits", a, got)
		}
	}
	if _, err := tool.SolicitedNode(netip.Addr{}); err == nil {
		t.Errorf("SolicitedNode(zero Addr) succeeded")
	}
}

func TestMulticastMAC(t *testing.T) {
	tests := []struct {
		group   string
		want    string // "" for an error
		errPart string
	}{
		// RFC 2464 Section 7: 33:33 and the last four octets.
		{"ff02::1", "33:33:00:00:00:01", ""},
		{"ff02::1:ff0e:8c6c", "33:33:ff:0e:8c:6c", ""},
		{"ff05::1:3", "33:33:00:01:00:03", ""},
		{"ff02::fb", "33:33:00:00:00:fb", ""},
		// RFC 1112 Section 6.4: 01:00:5e and the low 23 bits.
		{"224.0.0.1", "01:00:5e:00:00:01", ""},
		{"224.0.0.251", "01:00:5e:00:00:fb", ""},
		{"239.255.255.250", "01:00:5e:7f:ff:fa", ""},
		{"224.128.0.1", "01:00:5e:00:00:01", ""},
		{"2001:db8::1", "", `multicast group "2001:db8::1": is not a multicast address`},
		{"192.0.2.1", "", "is not a multicast address"},
		{"::ffff:224.0.0.1", "", "ask about 224.0.0.1"},
	}
	for _, tt := range tests {
		g := netip.MustParseAddr(tt.group)
		got, err := tool.MulticastMAC(g)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("MulticastMAC(%v) = %v, %v; want an error saying %q", g, got, err, tt.errPart)
			}
			continue
		}
		if err != nil || got.String() != tt.want || !got.IsMulticast() {
			t.Errorf("MulticastMAC(%v) = %v, %v; want %v", g, got, err, tt.want)
		}
	}
	if _, err := tool.MulticastMAC(netip.Addr{}); err == nil {
		t.Errorf("MulticastMAC(zero Addr) succeeded")
	}
}

// Every IPv6 unicast address's solicited-node group maps to a MAC whose last
// three octets are the address's last three.
func TestSolicitedNodeMAC(t *testing.T) {
	sn, err := tool.SolicitedNode(netip.MustParseAddr("fe80::3656:78ff:fe9a:bcde"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := tool.MulticastMAC(sn)
	if err != nil || m.String() != "33:33:ff:9a:bc:de" {
		t.Errorf("MulticastMAC(%v) = %v, %v; want 33:33:ff:9a:bc:de", sn, m, err)
	}
}
