package answer

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/subnet"
)

func TestDescribeSubnet(t *testing.T) {
	tests := []struct {
		net                                            string
		network, broadcast, first, last, total, usable string
	}{
		{"192.168.1.0/24", "192.168.1.0", "192.168.1.255", "192.168.1.1", "192.168.1.254", "256", "254"},
		{"192.168.1.10 255.255.255.0", "192.168.1.0", "192.168.1.255", "192.168.1.1", "192.168.1.254", "256", "254"},
		{"10.0.0.0/0.0.15.255", "10.0.0.0", "10.0.15.255", "10.0.0.1", "10.0.15.254", "4,096", "4,094"},
		{"10.0.0.0/31", "10.0.0.0", "", "10.0.0.0", "10.0.0.1", "2", "2"},
		{"10.0.0.7/32", "10.0.0.7", "", "10.0.0.7", "10.0.0.7", "1", "1"},
		{"0.0.0.0/0", "0.0.0.0", "255.255.255.255", "0.0.0.1", "255.255.255.254", "4,294,967,296", "4,294,967,294"},
		{"2001:db8::/64", "2001:db8::", "", "2001:db8::", "2001:db8::ffff:ffff:ffff:ffff", "18,446,744,073,709,551,616", "18,446,744,073,709,551,616"},
		{"::/0", "::", "", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "340,282,366,920,938,463,463,374,607,431,768,211,456", "340,282,366,920,938,463,463,374,607,431,768,211,456"},
		{"2001:db8::1/128", "2001:db8::1", "", "2001:db8::1", "2001:db8::1", "1", "1"},
	}
	for _, tt := range tests {
		v := DescribeSubnet(tt.net, "", "", "", subnet.CloudNone)
		got := []string{v.Network, v.Broadcast, v.FirstUsable, v.LastUsable, v.Total, v.Usable}
		want := []string{tt.network, tt.broadcast, tt.first, tt.last, tt.total, tt.usable}
		if v.NetErr != "" || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("DescribeSubnet(%q) = %q (err %q); want %q", tt.net, got, v.NetErr, want)
		}
		bits := 0
		for _, g := range v.Bits {
			bits += len(g.Bits)
		}
		if bits != v.MaxBits {
			t.Errorf("DescribeSubnet(%q): bit view has %d bits; want %d", tt.net, bits, v.MaxBits)
		}
	}
}

func TestDescribeSubnetErrorsAndNeighbours(t *testing.T) {
	if v := DescribeSubnet("10.0.0.0/33", "", "", "", subnet.CloudNone); !strings.Contains(v.NetErr, "33") {
		t.Errorf("10.0.0.0/33: error %q does not name the length", v.NetErr)
	}
	if v := DescribeSubnet("10.0.0.0 255.0.255.0", "", "", "", subnet.CloudNone); v.NetErr == "" {
		t.Errorf("a non-contiguous mask was accepted")
	}
	v := DescribeSubnet("192.168.1.0/24", "192.168.1.10", "192.168.1.77", "192.168.1.1", subnet.CloudNone)
	if v.Neighbours != "same subnet" && v.Neighbours != "direct" {
		t.Errorf("neighbours in one /24 = %q", v.Neighbours)
	}
	v = DescribeSubnet("192.168.1.0/24", "192.168.1.10", "10.0.0.5", "192.168.1.1", subnet.CloudNone)
	if v.Neighbours != "through the gateway" {
		t.Errorf("neighbours across subnets = %q", v.Neighbours)
	}
	v = DescribeSubnet("192.168.1.0/24", "192.168.1.10", "10.0.0.5", "10.0.0.1", subnet.CloudNone)
	if v.GatewayErr == "" {
		t.Errorf("a gateway outside the subnet was accepted")
	}
	v = DescribeSubnet("10.0.0.0/24", "", "", "", subnet.CloudAWS)
	if v.FirstUsable != "10.0.0.4" || v.Usable != "251" || len(v.Reserved) != 5 {
		t.Errorf("AWS /24: first %s, usable %s, %d reserved; want 10.0.0.4, 251, 5", v.FirstUsable, v.Usable, len(v.Reserved))
	}
	if got := WithPrefixLength("192.168.1.10/24", 20); got != "192.168.1.10/20" {
		t.Errorf("WithPrefixLength = %q", got)
	}
}

func TestDescribeSubnetReverse(t *testing.T) {
	tests := []struct {
		net       string
		zones     []string // the first zones listed
		more      int
		exact     bool
		enclosing string
		classless string
		records   int // CNAME lines written out
	}{
		{"192.0.2.0/24", []string{"2.0.192.in-addr.arpa"}, 0, true, "", "", 0},
		{"10.0.0.0/8", []string{"10.in-addr.arpa"}, 0, true, "", "", 0},
		{"0.0.0.0/0", []string{"in-addr.arpa"}, 0, true, "", "", 0},
		{"::/0", []string{"ip6.arpa"}, 0, true, "", "", 0},
		{"10.0.0.0/22", []string{"0.0.10.in-addr.arpa", "1.0.10.in-addr.arpa", "2.0.10.in-addr.arpa", "3.0.10.in-addr.arpa"}, 0, false, "0.10.in-addr.arpa", "", 0},
		{"10.0.0.0/17", []string{"0.0.10.in-addr.arpa"}, 128 - maxZonesShown, false, "0.10.in-addr.arpa", "", 0},
		{"2001:db8::/32", []string{"8.b.d.0.1.0.0.2.ip6.arpa"}, 0, true, "", "", 0},
		{"2001:db8::/50", []string{"0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "2.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "3.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"}, 0, false, "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "", 0},
		{"192.0.2.0/25", nil, 0, false, "", "0/25.2.0.192.in-addr.arpa", maxCNAMEsShown},
		{"192.0.2.64/26", nil, 0, false, "", "64/26.2.0.192.in-addr.arpa", maxCNAMEsShown},
		{"192.0.2.7/32", nil, 0, false, "", "7/32.2.0.192.in-addr.arpa", 1},
		{"2001:db8::1/128", []string{"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"}, 0, true, "", "", 0},
	}
	for _, tt := range tests {
		v := DescribeSubnet(tt.net, "", "", "", subnet.CloudNone)
		r := v.Reverse
		if v.NetErr != "" || len(r.Zones) < len(tt.zones) || strings.Join(r.Zones[:len(tt.zones)], " ") != strings.Join(tt.zones, " ") ||
			r.MoreZones != tt.more || r.Exact != tt.exact || r.Classless != tt.classless {
			t.Errorf("DescribeSubnet(%q).Reverse = %+v (err %q); want zones %q, %d more, exact %v, classless %q", tt.net, r, v.NetErr, tt.zones, tt.more, tt.exact, tt.classless)
		}
		if tt.enclosing != "" && r.Enclosing != tt.enclosing {
			t.Errorf("DescribeSubnet(%q).Reverse.Enclosing = %q; want %q", tt.net, r.Enclosing, tt.enclosing)
		}
		if n := strings.Count(r.Records, "CNAME"); n != tt.records {
			t.Errorf("DescribeSubnet(%q): %d CNAME records written; want %d", tt.net, n, tt.records)
		}
		if !tt.exact && r.Note == "" {
			t.Errorf("DescribeSubnet(%q): no note for a subnet off a zone boundary", tt.net)
		}
		html := SubnetRegions(v).HTML("subnet-result")
		if !strings.Contains(html, `data-field="reverse-zone"`) && tt.classless == "" || !strings.Contains(html, `data-field="reverse-classless"`) && tt.classless != "" {
			t.Errorf("DescribeSubnet(%q): the result shows no reverse zone", tt.net)
		}
	}
}

func TestDescribeNth(t *testing.T) {
	tests := []struct {
		net, index, addr, err string
	}{
		{"192.168.1.0/24", "0", "192.168.1.0", ""},
		{"192.168.1.0/24", "5", "192.168.1.5", ""},
		{"192.168.1.0/24", "-1", "192.168.1.255", ""},
		{"192.168.1.0/24", "-2", "192.168.1.254", ""},
		{"192.168.1.0/24", " 0x10 ", "192.168.1.16", ""},
		{"192.168.1.77/24", "1", "192.168.1.1", ""},
		{"192.168.1.0/24", "256", "", "outside 192.168.1.0/24"},
		{"192.168.1.0/24", "-257", "", "outside"},
		{"192.168.1.0/24", "five", "", `number "five"`},
		{"2001:db8::/64", "-1", "2001:db8::ffff:ffff:ffff:ffff", ""},
		{"10.0.0.7/32", "0", "10.0.0.7", ""},
		{"10.0.0.7/32", "-1", "10.0.0.7", ""},
		{"192.168.1.0/24", "", "", ""},
		{"192.168.1.0/33", "1", "", ""}, // no subnet, no answer
	}
	for _, tt := range tests {
		v := DescribeNth(DescribeSubnet(tt.net, "", "", "", subnet.CloudNone), tt.index).Nth
		if v.Addr != tt.addr || !strings.Contains(v.Err, tt.err) || tt.err == "" && v.Err != "" {
			t.Errorf("DescribeNth(%q, %q) = %+v; want %q, error with %q", tt.net, tt.index, v, tt.addr, tt.err)
		}
	}
}

// TestNoVerdictFromInvalidHost: a first host outside the subnet gets its
// error and no verdict, which would put the network address in its place.
func TestNoVerdictFromInvalidHost(t *testing.T) {
	v := DescribeSubnet("10.0.0.0/24", "192.168.1.10", "192.168.2.10", "", subnet.CloudNone)
	if v.HostErr == "" || v.Neighbours != "" {
		t.Errorf("HostErr = %q, Neighbours = %q; want an error and no verdict", v.HostErr, v.Neighbours)
	}
}
