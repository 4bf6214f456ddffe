package answer

import (
	"bytes"
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
)

func TestDescribeArith(t *testing.T) {
	tests := []struct {
		ip, add, to     string
		sum, addErr     string // want the sum, or an error containing addErr
		distance, dErr  string // want the distance, or an error containing dErr
		direction, step string
	}{
		{"192.168.1.42", "10", "", "192.168.1.52", "", "", "", "", "+10"},
		{"192.168.1.42", "-42", "", "192.168.1.0", "", "", "", "", "-42"},
		{"192.168.1.42", "0x100", "192.168.2.1", "192.168.2.42", "", "215", "", "after", "+256"},
		{"192.168.2.1", "+0", "192.168.1.42", "192.168.2.1", "", "-215", "", "before", "+0"},
		{"255.255.255.255", "1", "", "", "passes the last address 255.255.255.255 of IPv4", "", "", "", ""},
		{"0.0.0.0", "-1", "", "", "passes the first address 0.0.0.0 of IPv4", "", "", "", ""},
		{"10.0.0.1", "ten", "", "", `number "ten"`, "", "", "", ""},
		{"10.0.0.1", "", "2001:db8::1", "", "", "", "one family", "", ""},
		{"10.0.0.1", "", "10.0.0.256", "", "", "", "10.0.0.256", "", ""},
		{"10.0.0.1", "", " 10.0.0.1 ", "", "", "0", "", "", ""},
		{"0.0.0.0", "", "255.255.255.255", "", "", "4294967295", "", "after", ""},
		{"2001:db8::1", "0xffff", "2001:db8::1:0", "2001:db8::1:0", "", "65535", "", "after", "+65535"},
		{"::", "", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "", "", "340282366920938463463374607431768211455", "", "after", ""},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1", "", "", "passes the last address", "", "", "", ""},
		{"fe80::1%eth0", "1", "", "fe80::2%eth0", "", "", "", "", "+1"},
	}
	for _, tt := range tests {
		v := DescribeAddrState(scenario.AddrState{IP: tt.ip, Add: tt.add, To: tt.to})
		a := v.Arith
		if a.Sum != tt.sum || !strings.Contains(a.AddErr, tt.addErr) || (tt.addErr == "") != (a.AddErr == "") || a.Step != tt.step {
			t.Errorf("(%q + %q) = %q %q, error %q; want %q %q, error with %q", tt.ip, tt.add, a.Step, a.Sum, a.AddErr, tt.step, tt.sum, tt.addErr)
		}
		if a.Distance != tt.distance || !strings.Contains(a.DistanceErr, tt.dErr) || (tt.dErr == "") != (a.DistanceErr == "") || a.Direction != tt.direction {
			t.Errorf("distance(%q, %q) = %q %q, error %q; want %q %q, error with %q", tt.ip, tt.to, a.Distance, a.Direction, a.DistanceErr, tt.distance, tt.direction, tt.dErr)
		}
		if v.Err != "" {
			t.Errorf("%q: the address itself fails: %s", tt.ip, v.Err)
		}
		// The regions carry the same values.
		r := AddrRegions(v, func(s string) string { return s })
		if tt.sum != "" && !strings.Contains(r.HTML("addr-add-message"), `data-field="add-result">`+tt.sum+`<`) {
			t.Errorf("%q + %q: region %s", tt.ip, tt.add, r.HTML("addr-add-message"))
		}
		if tt.distance != "" && !strings.Contains(r.HTML("addr-to-message"), `data-field="distance">`+tt.distance+`<`) {
			t.Errorf("distance(%q, %q): region %s", tt.ip, tt.to, r.HTML("addr-to-message"))
		}
		if tt.addErr != "" && !strings.Contains(r.HTML("addr-add-message"), `data-field="add-error"`) {
			t.Errorf("%q + %q: no add-error in %s", tt.ip, tt.add, r.HTML("addr-add-message"))
		}
		if tt.dErr != "" && !strings.Contains(r.HTML("addr-to-message"), `data-field="distance-error"`) {
			t.Errorf("distance(%q, %q): no distance-error in %s", tt.ip, tt.to, r.HTML("addr-to-message"))
		}
	}
}

func TestDescribeArithWithoutAnAddress(t *testing.T) {
	if a := DescribeAddrState(scenario.AddrState{IP: "10.0.0.", Add: "1", To: "10.0.0.1"}).Arith; a != (ArithView{}) {
		t.Errorf("an invalid address counts: %+v", a)
	}
	a := DescribeAddrState(scenario.AddrState{IP: "34:56:78:9a:bc:de", Add: "1", To: "10.0.0.1"}).Arith
	if !strings.Contains(a.AddErr, "MAC address") || !strings.Contains(a.DistanceErr, "MAC address") || a.Sum != "" {
		t.Errorf("a MAC address: %+v; want both errors to say it is a MAC", a)
	}
	r := AddrRegions(DescribeAddrState(scenario.AddrState{IP: "34:56:78:9a:bc:de", Add: "1"}), func(s string) string { return s })
	if !strings.Contains(r.HTML("addr-add-message"), `data-field="add-error"`) {
		t.Errorf("a MAC's add region: %s", r.HTML("addr-add-message"))
	}
	if a := DescribeAddrState(scenario.AddrState{IP: "10.0.0.1"}).Arith; a != (ArithView{}) {
		t.Errorf("no arithmetic asked, yet %+v", a)
	}
}

func TestPickAddr(t *testing.T) {
	tests := []struct {
		net   string
		cloud subnet.Cloud
		rnd   []byte
		want  string
	}{
		{"192.168.1.0/24", subnet.CloudNone, []byte{7}, "192.168.1.7"},
		{"192.168.1.0/24", subnet.CloudNone, []byte{0, 255, 1}, "192.168.1.1"},       // not the network nor the broadcast address
		{"10.0.0.0/28", subnet.CloudAWS, []byte{0, 1, 2, 3, 15, 14, 4}, "10.0.0.14"}, // AWS keeps the first four and the last
		{"10.0.0.4/30", subnet.CloudNone, []byte{0, 3, 2}, "10.0.0.6"},
		{"10.0.0.5/31", subnet.CloudNone, []byte{0xfe}, "10.0.0.4"},
		{"10.0.0.7/32", subnet.CloudNone, nil, "10.0.0.7"},
		{"0.0.0.0/0", subnet.CloudNone, []byte{203, 0, 113, 9}, "203.0.113.9"},
		{"2001:db8::/64", subnet.CloudNone, []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, "2001:db8::1"}, // not the Subnet-Router anycast address
		{"2001:db8::/127", subnet.CloudNone, []byte{0}, "2001:db8::"},
		{"2001:db8::1/128", subnet.CloudNone, nil, "2001:db8::1"},
		{"::/0", subnet.CloudNone, bytes.Repeat([]byte{0xff}, 16), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
		{"10.0.0.0/33", subnet.CloudNone, []byte{1}, ""},
		{"2001:db8::/64", subnet.CloudNone, []byte{1, 2}, ""}, // the source runs dry
		{"192.168.1.0/24", subnet.CloudNone, bytes.Repeat([]byte{0}, 64), ""},
	}
	for _, tt := range tests {
		got := PickAddr(scenario.SubnetState{Net: tt.net, Cloud: tt.cloud}, bytes.NewReader(tt.rnd))
		if got != tt.want {
			t.Errorf("PickAddr(%q, %v, % x) = %q; want %q", tt.net, tt.cloud, tt.rnd, got, tt.want)
		}
		if got == "" {
			continue
		}
		v := DescribeSubnetState(scenario.SubnetState{Net: tt.net, Pick: got})
		if v.Pick.Addr != got || v.Pick.Err != "" {
			t.Errorf("the link's pick %q in %q reads %+v", got, tt.net, v.Pick)
		}
		if p := netip.MustParsePrefix(v.Subnet); !p.Contains(netip.MustParseAddr(got)) {
			t.Errorf("PickAddr(%q) = %s, outside %s", tt.net, got, p)
		}
		if !strings.Contains(SubnetRegions(v).HTML("subnet-pick-message"), `data-field="random-addr">`+got+`<`) {
			t.Errorf("region %s", SubnetRegions(v).HTML("subnet-pick-message"))
		}
	}
}

func TestDescribePick(t *testing.T) {
	tests := []struct{ net, pick, addr, err string }{
		{"192.168.1.0/24", "", "", ""},
		{"192.168.1.0/24", "192.168.1.200", "192.168.1.200", ""},
		{"192.168.1.0/24", "192.168.2.1", "", "192.168.2.1 is not in 192.168.1.0/24"},
		{"192.168.1.0/24", "2001:db8::1", "", "not in 192.168.1.0/24"},
		{"192.168.1.0/24", "bogus", "", `"bogus"`},
		{"2001:db8::/32", "2001:DB8:0::9", "2001:db8::9", ""},
		{"10.0.0.0/33", "10.0.0.1", "", ""}, // no subnet, no pick
	}
	for _, tt := range tests {
		v := DescribeSubnetState(scenario.SubnetState{Net: tt.net, Pick: tt.pick}).Pick
		if v.Addr != tt.addr || !strings.Contains(v.Err, tt.err) || (tt.err == "") != (v.Err == "") {
			t.Errorf("pick %q of %q = %+v; want %q, error with %q", tt.pick, tt.net, v, tt.addr, tt.err)
		}
	}
}
