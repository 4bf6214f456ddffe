package subnet_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/subnet"
)

func TestInfo(t *testing.T) {
	tests := []struct {
		in                  string
		broadcast           string // "" for none
		first, last         string // usable
		total, usable, mask string
		wildcard            string
		prev, next, parent  string // "" for the zero Prefix
		group, networkBits  int
		note                string // a note that must be present
	}{
		{"192.168.1.10/24", "192.168.1.255", "192.168.1.1", "192.168.1.254", "256", "254", "255.255.255.0", "0.0.0.255", "192.168.0.0/24", "192.168.2.0/24", "192.168.0.0/23", 3, 0, "192.168.1.10 is a host in 192.168.1.0/24"},
		{"192.168.1.0/24", "192.168.1.255", "192.168.1.1", "192.168.1.254", "256", "254", "255.255.255.0", "0.0.0.255", "192.168.0.0/24", "192.168.2.0/24", "192.168.0.0/23", 3, 0, "is the network address"},
		{"192.168.1.255/24", "192.168.1.255", "192.168.1.1", "192.168.1.254", "256", "254", "255.255.255.0", "0.0.0.255", "192.168.0.0/24", "192.168.2.0/24", "192.168.0.0/23", 3, 0, "is the broadcast address"},
		{"172.16.5.4/20", "172.16.15.255", "172.16.0.1", "172.16.15.254", "4096", "4094", "255.255.240.0", "0.0.15.255", "172.15.240.0/20", "172.16.16.0/20", "172.16.0.0/19", 2, 4, ""},
		{"0.0.0.0/0", "255.255.255.255", "0.0.0.1", "255.255.255.254", "4294967296", "4294967294", "0.0.0.0", "255.255.255.255", "", "", "", 0, 0, ""},
		{"200.0.0.0/1", "255.255.255.255", "128.0.0.1", "255.255.255.254", "2147483648", "2147483646", "128.0.0.0", "127.255.255.255", "0.0.0.0/1", "", "0.0.0.0/0", 0, 1, ""},
		{"10.0.0.0/30", "10.0.0.3", "10.0.0.1", "10.0.0.2", "4", "2", "255.255.255.252", "0.0.0.3", "9.255.255.252/30", "10.0.0.4/30", "10.0.0.0/29", 3, 6, ""},
		{"10.0.0.1/31", "", "10.0.0.0", "10.0.0.1", "2", "2", "255.255.255.254", "0.0.0.1", "9.255.255.254/31", "10.0.0.2/31", "10.0.0.0/30", 3, 7, "RFC 3021"},
		{"10.0.0.7/32", "", "10.0.0.7", "10.0.0.7", "1", "1", "255.255.255.255", "0.0.0.0", "10.0.0.6/32", "10.0.0.8/32", "10.0.0.6/31", 4, 0, "a single address"},
		{"255.255.255.255/32", "", "255.255.255.255", "255.255.255.255", "1", "1", "255.255.255.255", "0.0.0.0", "255.255.255.254/32", "", "255.255.255.254/31", 4, 0, ""},
		{"0.0.0.0/32", "", "0.0.0.0", "0.0.0.0", "1", "1", "255.255.255.255", "0.0.0.0", "", "0.0.0.1/32", "0.0.0.0/31", 4, 0, ""},
		{"2001:db8::1/64", "", "2001:db8::", "2001:db8::ffff:ffff:ffff:ffff", "18446744073709551616", "18446744073709551616", "ffff:ffff:ffff:ffff::", "::ffff:ffff:ffff:ffff", "2001:db7:ffff:ffff::/64", "2001:db8:0:1::/64", "2001:db8::/63", 4, 0, "Subnet-Router anycast"},
		{"2001:db8::1/127", "", "2001:db8::", "2001:db8::1", "2", "2", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "::1", "2001:db7:ffff:ffff:ffff:ffff:ffff:fffe/127", "2001:db8::2/127", "2001:db8::/126", 7, 15, "RFC 6164"},
		{"2001:db8::1/128", "", "2001:db8::1", "2001:db8::1", "1", "1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::", "2001:db8::/128", "2001:db8::2/128", "2001:db8::/127", 8, 0, "a single address"},
		{"::/0", "", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "340282366920938463463374607431768211456", "340282366920938463463374607431768211456", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "", "", "", 0, 0, "2^128"},
		{"8000::/1", "", "8000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "170141183460469231731687303715884105728", "170141183460469231731687303715884105728", "8000::", "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::/1", "", "::/0", 0, 1, ""},
		{"::ffff:10.0.0.0/104", "", "::ffff:10.0.0.0", "::ffff:10.255.255.255", "16777216", "16777216", "ffff:ffff:ffff:ffff:ffff:ffff:ff00:0", "::ff:ffff", "::ffff:9.0.0.0/104", "::ffff:11.0.0.0/104", "::ffff:10.0.0.0/103", 6, 8, "IPv4-mapped"},
	}
	// opt spells an empty expectation the way the zero value prints.
	opt := func(s, zero string) string {
		if s == "" {
			return zero
		}
		return s
	}
	for _, tt := range tests {
		in, err := subnet.MustParse(tt.in).Info(subnet.CloudNone)
		if err != nil {
			t.Errorf("(%s).Info() error: %v", tt.in, err)
			continue
		}
		got := []string{in.Broadcast.String(), in.FirstUsable.String(), in.LastUsable.String(), in.Total.String(), in.Usable.String(), in.Mask.String(), in.Wildcard.String(), in.Prev.String(), in.Next.String(), in.Parent.String()}
		want := []string{opt(tt.broadcast, "invalid IP"), tt.first, tt.last, tt.total, tt.usable, tt.mask, tt.wildcard, opt(tt.prev, "invalid Prefix"), opt(tt.next, "invalid Prefix"), opt(tt.parent, "invalid Prefix")}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("(%s).Info():\n got broadcast first last total usable mask wildcard prev next parent\n     %v\nwant %v", tt.in, got, want)
		}
		if in.Boundary.Group != tt.group || in.Boundary.NetworkBits != tt.networkBits {
			t.Errorf("(%s).Info().Boundary = %+v; want group %d, network bits %d", tt.in, in.Boundary, tt.group, tt.networkBits)
		}
		if n, exact := in.Total.Log2(); n != in.HostBits || !exact {
			t.Errorf("(%s).Info().Total.Log2() = %d, %v; want %d, true", tt.in, n, exact, in.HostBits)
		}
		if tt.note != "" && !strings.Contains(strings.Join(in.Notes, "\n"), tt.note) {
			t.Errorf("(%s).Info().Notes = %q; want one mentioning %q", tt.in, in.Notes, tt.note)
		}
		if in.Last != in.Subnet.Prefix().Addr() && !in.Subnet.Contains(in.Last) {
			t.Errorf("(%s).Info().Last = %v is outside", tt.in, in.Last)
		}
	}
}

func TestInfoCloud(t *testing.T) {
	tests := []struct {
		in          string
		cloud       subnet.Cloud
		first, last string
		usable      string
		reserved    string // addresses, space-separated
		err         string
	}{
		{"10.0.0.0/24", subnet.CloudAWS, "10.0.0.4", "10.0.0.254", "251", "10.0.0.0 10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.255", ""},
		{"10.0.0.0/28", subnet.CloudAWS, "10.0.0.4", "10.0.0.14", "11", "10.0.0.0 10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.15", ""},
		{"10.0.0.0/16", subnet.CloudAWS, "10.0.0.4", "10.0.255.254", "65531", "10.0.0.0 10.0.0.1 10.0.0.2 10.0.0.3 10.0.255.255", ""},
		{"10.0.0.0/29", subnet.CloudAWS, "", "", "", "", `a /29 is too small for AWS, whose smallest IPv4 subnet is a /28; use /28 or shorter; a /28 has 11 usable addresses there`},
		{"10.0.0.0/15", subnet.CloudAWS, "", "", "", "", `a /15 is too large for AWS, whose largest IPv4 subnet is a /16`},
		{"10.1.0.0/24", subnet.CloudAzure, "10.1.0.4", "10.1.0.254", "251", "10.1.0.0 10.1.0.1 10.1.0.2 10.1.0.3 10.1.0.255", ""},
		{"10.1.0.0/29", subnet.CloudAzure, "10.1.0.4", "10.1.0.6", "3", "10.1.0.0 10.1.0.1 10.1.0.2 10.1.0.3 10.1.0.7", ""},
		{"10.1.0.0/30", subnet.CloudAzure, "", "", "", "", `too small for Azure, whose smallest IPv4 subnet is a /29`},
		{"10.2.0.0/24", subnet.CloudGCP, "10.2.0.2", "10.2.0.253", "252", "10.2.0.0 10.2.0.1 10.2.0.254 10.2.0.255", ""},
		{"10.2.0.0/29", subnet.CloudGCP, "10.2.0.2", "10.2.0.5", "4", "10.2.0.0 10.2.0.1 10.2.0.6 10.2.0.7", ""},
		{"10.2.0.0/31", subnet.CloudGCP, "", "", "", "", `too small for GCP`},
		{"2001:db8::/64", subnet.CloudAWS, "", "", "", "", `AWS reservations are modelled for IPv4 subnets only`},
		{"10.0.0.0/24", subnet.CloudNone, "10.0.0.1", "10.0.0.254", "254", "10.0.0.0 10.0.0.255", ""},
	}
	for _, tt := range tests {
		in, err := subnet.MustParse(tt.in).Info(tt.cloud)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("(%s).Info(%v) error = %v; want %q", tt.in, tt.cloud, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("(%s).Info(%v) error: %v", tt.in, tt.cloud, err)
			continue
		}
		var res []string
		for _, r := range in.Reserved {
			res = append(res, r.Addr.String())
			if r.Reason == "" {
				t.Errorf("(%s).Info(%v): %v reserved without a reason", tt.in, tt.cloud, r.Addr)
			}
		}
		got := in.FirstUsable.String() + " " + in.LastUsable.String() + " " + in.Usable.String() + " | " + strings.Join(res, " ")
		want := tt.first + " " + tt.last + " " + tt.usable + " | " + tt.reserved
		if got != want {
			t.Errorf("(%s).Info(%v) = %s; want %s", tt.in, tt.cloud, got, want)
		}
	}
}

// modelInfo is the obvious answer for a small prefix: walk every address.
type modelResult struct {
	network, last, first, lastUsable netip.Addr
	total, usable                    uint64
}

func modelInfo(p netip.Prefix, cloud subnet.Cloud) modelResult {
	var all []netip.Addr
	for a := p.Masked().Addr(); a.IsValid() && p.Contains(a); a = a.Next() {
		all = append(all, a)
	}
	m := modelResult{network: all[0], last: all[len(all)-1], total: uint64(len(all))}
	usable := all
	switch {
	case cloud == subnet.CloudAWS || cloud == subnet.CloudAzure:
		usable = all[4 : len(all)-1]
	case cloud == subnet.CloudGCP:
		usable = all[2 : len(all)-2]
	case p.Addr().Is4() && len(all) >= 4:
		usable = all[1 : len(all)-1]
	}
	m.first, m.lastUsable, m.usable = usable[0], usable[len(usable)-1], uint64(len(usable))
	return m
}

func checkModel(t *testing.T, s subnet.Subnet, cloud subnet.Cloud) {
	t.Helper()
	in, err := s.Info(cloud)
	if err != nil {
		return
	}
	m := modelInfo(s.Prefix(), cloud)
	total, _ := in.Total.Uint64()
	usable, _ := in.Usable.Uint64()
	got := modelResult{in.Network, in.Last, in.FirstUsable, in.LastUsable, total, usable}
	if got != m {
		t.Errorf("(%v).Info(%v) = %+v; brute force says %+v", s, cloud, got, m)
	}
	if in.Broadcast.IsValid() != (s.Host().Is4() && m.total >= 4) {
		t.Errorf("(%v).Info(%v).Broadcast = %v", s, cloud, in.Broadcast)
	}
	for _, r := range in.Reserved {
		if r.Addr.Compare(in.FirstUsable) >= 0 && r.Addr.Compare(in.LastUsable) <= 0 {
			t.Errorf("(%v).Info(%v): reserved %v lies in the usable range", s, cloud, r.Addr)
		}
	}
	if n := uint64(len(in.Reserved)); cloud != subnet.CloudNone && n+usable != total {
		t.Errorf("(%v).Info(%v): %d reserved + %d usable != %d", s, cloud, n, usable, total)
	}
	if next := in.Next; next.IsValid() && next.Addr() != in.Last.Next() {
		t.Errorf("(%v).Info().Next = %v; want it to start at %v", s, next, in.Last.Next())
	}
	if prev := in.Prev; prev.IsValid() && in.Network.Prev() != subnetLast(prev) {
		t.Errorf("(%v).Info().Prev = %v; want it to end at %v", s, prev, in.Network.Prev())
	}
}

func subnetLast(p netip.Prefix) netip.Addr {
	in, _ := subnet.FromPrefix(p).Info(subnet.CloudNone)
	return in.Last
}

func TestInfoModel(t *testing.T) {
	hosts := []string{"0.0.0.0", "10.1.2.3", "192.168.100.200", "255.255.255.255", "::", "2001:db8::abcd", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::ffff:10.1.2.3"}
	for _, h := range hosts {
		a := netip.MustParseAddr(h)
		for bits := a.BitLen() - 12; bits <= a.BitLen(); bits++ {
			s, err := subnet.From(a, bits)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []subnet.Cloud{subnet.CloudNone, subnet.CloudAWS, subnet.CloudAzure, subnet.CloudGCP} {
				checkModel(t, s, c)
			}
		}
	}
}

func TestSizeNthIndex(t *testing.T) {
	p := netip.MustParsePrefix("10.0.0.0/8")
	if got := subnet.Nth(p, 24, subnet.CountOf(65535)); got.String() != "10.255.255.0/24" {
		t.Errorf("Nth(%v, 24, 65535) = %v", p, got)
	}
	if got := subnet.Nth(p, 24, subnet.CountOf(65536)); got.IsValid() {
		t.Errorf("Nth(%v, 24, 65536) = %v; want the zero Prefix", p, got)
	}
	all := netip.MustParsePrefix("::/0")
	last := subnet.Pow2(128).Sub(subnet.CountOf(1))
	if got := subnet.Nth(all, 128, last); got.String() != "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" {
		t.Errorf("Nth(::/0, 128, 2^128-1) = %v", got)
	}
	if i, ok := subnet.Index(all, netip.MustParsePrefix("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")); !ok || i != last {
		t.Errorf("Index(::/0, ffff…/128) = %v, %v", i, ok)
	}
	if i, ok := subnet.Index(p, netip.MustParsePrefix("10.1.2.0/24")); !ok || i.String() != "258" {
		t.Errorf("Index(10/8, 10.1.2.0/24) = %v, %v; want 258", i, ok)
	}
	if _, ok := subnet.Index(p, netip.MustParsePrefix("11.0.0.0/24")); ok {
		t.Errorf("Index(10/8, 11.0.0.0/24) ok")
	}
	if subnet.Size(netip.Prefix{}) != (subnet.Count{}) || subnet.Size(all) != subnet.Pow2(128) {
		t.Errorf("Size wrong")
	}
}
