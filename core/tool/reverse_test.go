package tool_test

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/addr"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/core/tool"
)

func TestReverseZone(t *testing.T) {
	tests := []struct {
		prefix    string
		bits      int
		zones     []string // all of them, or the first and the last when count says more
		count     int
		enclosing string
	}{
		{"2001:db8::/32", 32, []string{"8.b.d.0.1.0.0.2.ip6.arpa"}, 1, ""},
		{"2001:db8::/48", 48, []string{"0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"}, 1, ""},
		{"2001:db8:0:1::/64", 64, []string{"1.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"}, 1, ""},
		{"2001:db8::/50", 52, []string{
			"0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
			"2.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "3.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
		}, 4, "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"2001:db8:0:c000::/50", 52, []string{
			"c.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "d.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
			"e.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "f.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
		}, 4, "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"2001:db8::/31", 32, []string{"8.b.d.0.1.0.0.2.ip6.arpa", "9.b.d.0.1.0.0.2.ip6.arpa"}, 2, "b.d.0.1.0.0.2.ip6.arpa"},
		{"2001:db8::/29", 32, []string{"8.b.d.0.1.0.0.2.ip6.arpa", "f.b.d.0.1.0.0.2.ip6.arpa"}, 8, "b.d.0.1.0.0.2.ip6.arpa"},
		{"2001:db8:1:2:3:4:5:6/128", 128, []string{"6.0.0.0.5.0.0.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"}, 1, ""},
		{"2001:db8:ffff::/33", 36, []string{"8.8.b.d.0.1.0.0.2.ip6.arpa", "f.8.b.d.0.1.0.0.2.ip6.arpa"}, 8, "8.b.d.0.1.0.0.2.ip6.arpa"},
		{"::/0", 0, []string{"ip6.arpa"}, 1, ""},
		{"::/1", 4, []string{"0.ip6.arpa", "7.ip6.arpa"}, 8, "ip6.arpa"},
		{"::ffff:192.0.2.0/120", 120, []string{"2.0.0.0.0.c.f.f.f.f." + strings.Repeat("0.", 20) + "ip6.arpa"}, 1, ""},
		{"192.0.2.0/24", 24, []string{"2.0.192.in-addr.arpa"}, 1, ""},
		{"192.0.2.77/24", 24, []string{"2.0.192.in-addr.arpa"}, 1, ""},
		{"10.0.0.0/8", 8, []string{"10.in-addr.arpa"}, 1, ""},
		{"172.16.0.0/16", 16, []string{"16.172.in-addr.arpa"}, 1, ""},
		{"0.0.0.0/0", 0, []string{"in-addr.arpa"}, 1, ""},
		{"198.51.100.0/22", 24, []string{"100.51.198.in-addr.arpa", "101.51.198.in-addr.arpa", "102.51.198.in-addr.arpa", "103.51.198.in-addr.arpa"}, 4, "51.198.in-addr.arpa"},
		{"198.51.100.0/23", 24, []string{"100.51.198.in-addr.arpa", "101.51.198.in-addr.arpa"}, 2, "51.198.in-addr.arpa"},
		{"10.128.0.0/17", 24, []string{"0.128.10.in-addr.arpa", "127.128.10.in-addr.arpa"}, 128, "128.10.in-addr.arpa"},
		{"172.16.0.0/12", 16, []string{"16.172.in-addr.arpa", "31.172.in-addr.arpa"}, 16, "172.in-addr.arpa"},
		{"128.0.0.0/1", 8, []string{"128.in-addr.arpa", "255.in-addr.arpa"}, 128, "in-addr.arpa"},
		{"224.0.0.0/4", 8, []string{"224.in-addr.arpa", "239.in-addr.arpa"}, 16, "in-addr.arpa"},
		{"192.0.2.0/25", 24, nil, 0, "2.0.192.in-addr.arpa"},
		{"192.0.2.5/32", 24, nil, 0, "2.0.192.in-addr.arpa"},
	}
	for _, tt := range tests {
		p := netip.MustParsePrefix(tt.prefix)
		z, err := tool.ReverseZone(p)
		if err != nil {
			t.Errorf("ReverseZone(%v) error %v", p, err)
			continue
		}
		got := z.Zones
		if len(got) > len(tt.zones) && len(tt.zones) == 2 {
			got = []string{got[0], got[len(got)-1]}
		}
		if z.Prefix != p.Masked() || z.Bits != tt.bits || len(z.Zones) != tt.count || !slices.Equal(got, tt.zones) || z.Enclosing != tt.enclosing {
			t.Errorf("ReverseZone(%v) = %v /%d %d zones %q enclosing %q; want /%d %d zones %q enclosing %q",
				p, z.Prefix, z.Bits, len(z.Zones), got, z.Enclosing, tt.bits, tt.count, tt.zones, tt.enclosing)
		}
		exact := tt.count == 1 && tt.bits == p.Bits()
		if z.Exact() != exact || (exact != (z.Enclosing == "") && tt.count != 0) {
			t.Errorf("ReverseZone(%v).Exact() = %v; want %v", p, z.Exact(), exact)
		}
		if z.Classless.IsValid() != (p.Addr().Is4() && p.Bits() > 24) {
			t.Errorf("ReverseZone(%v).Classless = %+v", p, z.Classless)
		}
		if tt.count > 0 {
			checkZonesModel(t, z)
		}
	}
	if _, err := tool.ReverseZone(netip.Prefix{}); err == nil {
		t.Errorf("ReverseZone(zero Prefix) succeeded")
	}
}

// checkZonesModel compares z.Zones with a slow model: every /z.Bits subnet
// of the prefix, named by core/addr's PTR name of its first address with the
// labels past the boundary cut off.
func checkZonesModel(t *testing.T, z tool.ReverseZones) {
	t.Helper()
	per := 8
	if z.Prefix.Addr().Is6() {
		per = 4
	}
	cut := (z.Prefix.Addr().BitLen() - z.Bits) / per
	var want []string
	for i := range 1 << (z.Bits - z.Prefix.Bits()) {
		first := subnet.Nth(z.Prefix, z.Bits, subnet.CountOf(uint64(i))).Addr()
		labels := strings.Split(addr.FormsOf(first).ReverseDNS(), ".")
		want = append(want, strings.Join(labels[cut:], "."))
	}
	if !slices.Equal(z.Zones, want) {
		t.Errorf("ReverseZone(%v).Zones = %q; the model says %q", z.Prefix, z.Zones, want)
	}
}

func TestReverseName(t *testing.T) {
	for _, s := range []string{"192.0.2.1", "0.0.0.0", "255.255.255.255", "::", "2001:db8::1", "fe80::1%eth0", "::ffff:192.0.2.1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"} {
		a := netip.MustParseAddr(s)
		if got, want := tool.ReverseName(a), addr.FormsOf(a).ReverseDNS(); got != want {
			t.Errorf("ReverseName(%v) = %q; want %q", a, got, want)
		}
	}
	if got := tool.ReverseName(netip.Addr{}); got != "" {
		t.Errorf("ReverseName(zero Addr) = %q; want \"\"", got)
	}
}

// RFC 2317 Section 4's example: 192.0.2.0/24 split into a /25 and two /26s.
func TestClasslessRFC2317(t *testing.T) {
	tests := []struct {
		prefix string
		zone   string
		first  tool.CNAME // the first CNAME the RFC lists for the block
	}{
		{"192.0.2.0/25", "0/25.2.0.192.in-addr.arpa", tool.CNAME{Name: "1.2.0.192.in-addr.arpa", Target: "1.0/25.2.0.192.in-addr.arpa"}},
		{"192.0.2.128/26", "128/26.2.0.192.in-addr.arpa", tool.CNAME{Name: "129.2.0.192.in-addr.arpa", Target: "129.128/26.2.0.192.in-addr.arpa"}},
		{"192.0.2.192/26", "192/26.2.0.192.in-addr.arpa", tool.CNAME{Name: "193.2.0.192.in-addr.arpa", Target: "193.192/26.2.0.192.in-addr.arpa"}},
	}
	for _, tt := range tests {
		p := netip.MustParsePrefix(tt.prefix)
		c, err := tool.ClasslessDelegation(p)
		if err != nil || c.Zone != tt.zone || c.Parent != "2.0.192.in-addr.arpa" || c.Prefix != p || !c.IsValid() {
			t.Errorf("ClasslessDelegation(%v) = %+v, %v; want zone %q under 2.0.192.in-addr.arpa", p, c, err, tt.zone)
			continue
		}
		records := c.CNAMEs()
		if len(records) != 1<<(32-p.Bits()) || !slices.Contains(records, tt.first) {
			t.Errorf("ClasslessDelegation(%v).CNAMEs() = %d records; want %d holding %v", p, len(records), 1<<(32-p.Bits()), tt.first)
		}
		// One per address, in order: the owner is the address's PTR name.
		a := p.Addr()
		for i, r := range records {
			if r.Name != tool.ReverseName(a) || !strings.HasSuffix(r.Target, "."+c.Zone) ||
				strings.TrimSuffix(r.Target, "."+c.Zone) != fmt.Sprint(a.As4()[3]) {
				t.Errorf("ClasslessDelegation(%v).CNAMEs()[%d] = %+v, not for %v", p, i, r, a)
			}
			a = a.Next()
		}
		z, err := tool.ReverseZone(p)
		if err != nil || z.Classless != c || len(z.Zones) != 0 || z.Enclosing != c.Parent {
			t.Errorf("ReverseZone(%v) = %+v, %v; want the delegation %+v", p, z, err, c)
		}
	}

	c, _ := tool.ClasslessDelegation(netip.MustParsePrefix("192.0.2.0/25"))
	text := c.ParentRecords("ns.A.domain", "some.other.name.server.")
	for _, line := range []string{
		"$ORIGIN 2.0.192.in-addr.arpa.\n",
		"0/25\tNS\tns.A.domain.\n",
		"0/25\tNS\tsome.other.name.server.\n",
		"1\tCNAME\t1.0/25.2.0.192.in-addr.arpa.\n",
		"2\tCNAME\t2.0/25.2.0.192.in-addr.arpa.\n",
		"3\tCNAME\t3.0/25.2.0.192.in-addr.arpa.\n",
		"127\tCNAME\t127.0/25.2.0.192.in-addr.arpa.\n",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("ParentRecords() lacks %q:\n%s", line, text)
		}
	}
	if n := strings.Count(text, "\n"); n != 1+2+128 {
		t.Errorf("ParentRecords() has %d lines; want %d", n, 1+2+128)
	}
	if !strings.HasPrefix(text, "$ORIGIN 2.0.192.in-addr.arpa.\n0/25\tNS") {
		t.Errorf("ParentRecords() does not start with $ORIGIN and NS:\n%s", text[:80])
	}
}

func TestClasslessDelegation(t *testing.T) {
	tests := []struct {
		prefix  string
		zone    string // "" for an error
		errPart string
	}{
		{"192.0.2.5/32", "5/32.2.0.192.in-addr.arpa", ""},
		{"192.0.2.77/27", "64/27.2.0.192.in-addr.arpa", ""},
		{"198.51.100.252/30", "252/30.100.51.198.in-addr.arpa", ""},
		{"192.0.2.0/24", "", `prefix "192.0.2.0/24": is a /24, which needs no classless delegation`},
		{"10.0.0.0/8", "", "is a /8"},
		{"2001:db8::/64", "", "is IPv6"},
	}
	for _, tt := range tests {
		p := netip.MustParsePrefix(tt.prefix)
		c, err := tool.ClasslessDelegation(p)
		if tt.zone == "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("ClasslessDelegation(%v) = %+v, %v; want an error saying %q", p, c, err, tt.errPart)
			}
			continue
		}
		if err != nil || c.Zone != tt.zone || c.Prefix != p.Masked() {
			t.Errorf("ClasslessDelegation(%v) = %+v, %v; want zone %q", p, c, err, tt.zone)
		}
	}
	var zero tool.Classless
	if zero.IsValid() || zero.CNAMEs() != nil || zero.ParentRecords("ns.example") != "" {
		t.Errorf("the zero Classless is not empty")
	}
	if _, err := tool.ClasslessDelegation(netip.Prefix{}); err == nil {
		t.Errorf("ClasslessDelegation(zero Prefix) succeeded")
	}
}
