package subnet_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/subnet"
)

func TestNeighbours(t *testing.T) {
	tests := []struct {
		a, b, gw   string
		verdict    subnet.Verdict
		aToB, bToA subnet.Reach
		explain    string
		err        string
	}{
		{"192.168.1.10/24", "192.168.1.20/24", "192.168.1.1", subnet.VerdictSameSubnet, subnet.ReachDirect, subnet.ReachDirect, "they are neighbours", ""},
		{"192.168.1.10/24", "192.168.2.20/24", "192.168.1.1", subnet.VerdictGateway, subnet.ReachGateway, subnet.ReachGateway, "default gateway 192.168.1.1", ""},
		{"192.168.1.10/24", "192.168.2.20/24", "", subnet.VerdictGateway, subnet.ReachGateway, subnet.ReachGateway, "Without a gateway", ""},
		{"192.168.1.10/24", "192.168.1.10/24", "", subnet.VerdictSameHost, subnet.ReachSelf, subnet.ReachSelf, "same address", ""},
		{"10.0.0.5/16", "10.0.1.5/24", "", subnet.VerdictDirect, subnet.ReachDirect, subnet.ReachGateway, "asymmetric", ""},
		{"10.0.1.5/24", "10.0.0.5/16", "10.0.1.1", subnet.VerdictGateway, subnet.ReachGateway, subnet.ReachDirect, "replies skip the router", ""},
		{"10.0.0.0/31", "10.0.0.1/31", "", subnet.VerdictSameSubnet, subnet.ReachDirect, subnet.ReachDirect, "", ""},
		{"10.0.0.1/32", "10.0.0.2/32", "", subnet.VerdictGateway, subnet.ReachGateway, subnet.ReachGateway, "", ""},
		{"2001:db8::1/64", "2001:db8::2/64", "2001:db8:1::1", 0, 0, 0, "", "the gateway is outside 2001:db8::/64"},
		{"2001:db8::1/64", "2001:db9::2/64", "fe80::1%eth0", subnet.VerdictGateway, subnet.ReachGateway, subnet.ReachGateway, "default gateway fe80::1%eth0", ""},
		{"2001:db8::1/64", "2001:db8::2/64", "2001:db8::ffff", subnet.VerdictSameSubnet, subnet.ReachDirect, subnet.ReachDirect, "Neighbor Discovery", ""},
		{"2001:db8::1/64", "2001:db8:1::2/64", "2001:db8::", subnet.VerdictGateway, subnet.ReachGateway, subnet.ReachGateway, "", ""},
		{"10.0.0.5/24", "2001:db8::2/64", "", 0, 0, 0, "", "cannot compare IPv4 with IPv6"},
		{"10.0.0.5/24", "10.0.0.6/24", "10.0.1.1", 0, 0, 0, "", `subnet "10.0.1.1": the gateway is outside 10.0.0.0/24, so the host cannot reach it; a gateway must be inside the host's own subnet, such as 10.0.0.1`},
		{"10.0.0.5/24", "10.0.0.6/24", "10.0.0.255", 0, 0, 0, "", "network or broadcast address"},
		{"10.0.0.5/24", "10.0.0.6/24", "2001:db8::1", 0, 0, 0, "", "the gateway is IPv6 but the host is IPv4"},
	}
	for _, tt := range tests {
		var gw netip.Addr
		if tt.gw != "" {
			gw = netip.MustParseAddr(tt.gw)
		}
		got, err := subnet.Neighbours(subnet.MustParse(tt.a), subnet.MustParse(tt.b), gw)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Neighbours(%s, %s, %s) error = %v; want %q", tt.a, tt.b, tt.gw, err, tt.err)
			}
			continue
		}
		if err != nil || got.Verdict != tt.verdict || got.AToB != tt.aToB || got.BToA != tt.bToA || !strings.Contains(got.Explanation, tt.explain) {
			t.Errorf("Neighbours(%s, %s, %s) = %v %v %v %q, %v; want %v %v %v mentioning %q", tt.a, tt.b, tt.gw, got.Verdict, got.AToB, got.BToA, got.Explanation, err, tt.verdict, tt.aToB, tt.bToA, tt.explain)
		}
		// Swapping the hosts swaps the directions.
		if back, err := subnet.Neighbours(subnet.MustParse(tt.b), subnet.MustParse(tt.a), netip.Addr{}); err != nil || back.AToB != got.BToA || back.BToA != got.AToB {
			t.Errorf("Neighbours(%s, %s) = %v %v; want the mirror of %v %v", tt.b, tt.a, back.AToB, back.BToA, got.AToB, got.BToA)
		}
	}
	if _, err := subnet.Neighbours(subnet.Subnet{}, subnet.MustParse("10.0.0.1/8"), netip.Addr{}); err == nil {
		t.Errorf("Neighbours(zero, …) succeeded")
	}
}
