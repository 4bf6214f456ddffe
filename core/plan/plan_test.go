package plan_test

import (
	"errors"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
)

func pfx(s string) netip.Prefix { return netip.MustParsePrefix(s) }

func pfxs(s string) []netip.Prefix {
	var out []netip.Prefix
	for _, f := range strings.Fields(s) {
		out = append(out, pfx(f))
	}
	return out
}

func join(ps []netip.Prefix) string {
	var b []string
	for _, p := range ps {
		b = append(b, p.String())
	}
	return strings.Join(b, " ")
}

func TestSplit(t *testing.T) {
	tests := []struct {
		parent      string
		bits        int
		total       string
		first, last string
	}{
		{"10.0.0.0/24", 26, "4", "10.0.0.0/26", "10.0.0.192/26"},
		{"10.0.0.0/24", 24, "1", "10.0.0.0/24", "10.0.0.0/24"},
		{"10.0.0.5/24", 32, "256", "10.0.0.0/32", "10.0.0.255/32"},
		{"0.0.0.0/0", 32, "4294967296", "0.0.0.0/32", "255.255.255.255/32"},
		{"0.0.0.0/0", 1, "2", "0.0.0.0/1", "128.0.0.0/1"},
		{"10.0.0.0/31", 32, "2", "10.0.0.0/32", "10.0.0.1/32"},
		{"::/0", 128, "340282366920938463463374607431768211456", "::/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"},
		{"::/0", 1, "2", "::/1", "8000::/1"},
		{"2001:db8::/32", 64, "4294967296", "2001:db8::/64", "2001:db8:ffff:ffff::/64"},
		{"2001:db8::/127", 128, "2", "2001:db8::/128", "2001:db8::1/128"},
		{"::ffff:10.0.0.0/104", 112, "256", "::ffff:10.0.0.0/112", "::ffff:10.255.0.0/112"},
	}
	for _, tt := range tests {
		s, err := plan.SplitBits(pfx(tt.parent), tt.bits)
		if err != nil {
			t.Errorf("SplitBits(%s, %d) error: %v", tt.parent, tt.bits, err)
			continue
		}
		total := s.Total()
		last := s.At(total.Sub(subnet.CountOf(1)))
		if total.String() != tt.total || s.At(subnet.Count{}).String() != tt.first || last.String() != tt.last {
			t.Errorf("SplitBits(%s, %d) = total %v, first %v, last %v; want %s %s %s", tt.parent, tt.bits, total, s.At(subnet.Count{}), last, tt.total, tt.first, tt.last)
		}
		if s.At(total).IsValid() {
			t.Errorf("SplitBits(%s, %d).At(Total) = %v; want the zero Prefix", tt.parent, tt.bits, s.At(total))
		}
		if i, ok := s.Index(last.Addr()); !ok || i != total.Sub(subnet.CountOf(1)) {
			t.Errorf("SplitBits(%s, %d).Index(%v) = %v, %v", tt.parent, tt.bits, last.Addr(), i, ok)
		}
		// The page at the end is cut short, and past the end is empty.
		end := s.Page(total.Sub(subnet.CountOf(1)), 100)
		if len(end) != 1 || end[0] != last {
			t.Errorf("SplitBits(%s, %d).Page(last, 100) = %v; want [%v]", tt.parent, tt.bits, end, last)
		}
		if p := s.Page(total, 10); p != nil {
			t.Errorf("Page past the end = %v", p)
		}
	}
}

func TestSplitErrors(t *testing.T) {
	for _, tt := range []struct {
		parent string
		bits   int
		want   string
	}{
		{"10.0.0.0/24", 33, "split 10.0.0.0/24 into /33: prefix length 33 is longer than the 32 bits of IPv4"},
		{"10.0.0.0/24", 23, "a /23 is larger than the /24 it would split; use /24 or longer"},
		{"2001:db8::/32", 129, "longer than the 128 bits of IPv6"},
	} {
		if _, err := plan.SplitBits(pfx(tt.parent), tt.bits); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("SplitBits(%s, %d) error = %v; want %q", tt.parent, tt.bits, err, tt.want)
		}
	}
	if _, err := plan.SplitBits(netip.Prefix{}, 8); err == nil {
		t.Errorf("SplitBits(zero) succeeded")
	}
	var zero plan.Split
	if zero.IsValid() || !zero.Total().IsZero() || zero.At(subnet.Count{}).IsValid() || zero.Page(subnet.Count{}, 5) != nil {
		t.Errorf("zero Split is not empty")
	}
	for range zero.All() {
		t.Errorf("zero Split yields")
	}
}

func TestSplitParts(t *testing.T) {
	tests := []struct {
		parent string
		n      uint64
		bits   int
		note   string
		err    string
	}{
		{"10.0.0.0/24", 4, 26, "", ""},
		{"10.0.0.0/24", 6, 27, "6 parts rounded up to 8 (/27 each), because equal subnets come in powers of two; 2 spare", ""},
		{"10.0.0.0/24", 1, 24, "", ""},
		{"10.0.0.0/24", 256, 32, "", ""},
		{"10.0.0.0/24", 257, 0, "", "a /24 holds only 256 addresses"},
		{"10.0.0.0/24", 0, 0, "", "at least 1"},
		{"10.0.0.1/32", 2, 0, "", "split 10.0.0.1/32 into 2 parts: a /32 holds only 1 address, so at most that many parts"},
		{"::/0", 1 << 63, 63, "", ""},
		{"::/0", 1<<63 + 1, 64, "9223372036854775809 parts rounded up to 18446744073709551616", ""},
		{"::/0", ^uint64(0), 64, "", ""},
	}
	for _, tt := range tests {
		s, err := plan.SplitParts(pfx(tt.parent), tt.n)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("SplitParts(%s, %d) error = %v; want %q", tt.parent, tt.n, err, tt.err)
			}
			continue
		}
		if err != nil || s.Bits() != tt.bits || !strings.Contains(s.Note(), tt.note) || (tt.note == "" && s.Note() != "" && tt.n&(tt.n-1) == 0) {
			t.Errorf("SplitParts(%s, %d) = /%d %q, %v; want /%d %q", tt.parent, tt.n, s.Bits(), s.Note(), err, tt.bits, tt.note)
		}
	}
}

func TestSplitHugePage(t *testing.T) {
	s, _ := plan.SplitBits(pfx("::/0"), 128)
	mid, _ := subnet.ParseCount("170141183460469231731687303715884105728") // 2^127
	page := s.Page(mid, 3)
	if join(page) != "8000::/128 8000::1/128 8000::2/128" {
		t.Errorf("Page(2^127, 3) = %v", page)
	}
	s4, _ := plan.SplitBits(pfx("0.0.0.0/0"), 32)
	var got []netip.Prefix
	for p := range s4.All() {
		got = append(got, p)
		if len(got) == 3 {
			break
		}
	}
	if join(got) != "0.0.0.0/32 0.0.0.1/32 0.0.0.2/32" {
		t.Errorf("All() = %v", got)
	}
}

func TestVLSM(t *testing.T) {
	l, err := plan.VLSM(pfx("192.168.0.0/23"), []plan.Request{{"office", 50}, {"lab", 100}, {"link", 2}, {"guest", 20}, {"printer", 1}, {"mgmt", 20}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range l.Allocations {
		got = append(got, a.Name+" "+a.Prefix.String()+" "+a.Usable.String()+" "+a.Spare.String())
	}
	wantAll := "lab 192.168.0.0/25 126 26|office 192.168.0.128/26 62 12|guest 192.168.0.192/27 30 10|mgmt 192.168.0.224/27 30 10|link 192.168.1.0/30 2 0|printer 192.168.1.4/30 2 1"
	if strings.Join(got, "|") != wantAll {
		t.Errorf("VLSM =\n%s\nwant\n%s", strings.Join(got, "|"), wantAll)
	}
	if l.Waste.String() != "59" || join(l.Free) != "192.168.1.8/29 192.168.1.16/28 192.168.1.32/27 192.168.1.64/26 192.168.1.128/25" || l.FreeCount.String() != "248" {
		t.Errorf("VLSM waste %v, free %v (%v)", l.Waste, l.Free, l.FreeCount)
	}

	l6, err := plan.VLSM(pfx("2001:db8::/120"), []plan.Request{{"a", 1}, {"b", 2}, {"c", 3}, {"d", 128}})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, a := range l6.Allocations {
		got = append(got, a.Name+" "+a.Prefix.String())
	}
	if strings.Join(got, "|") != "d 2001:db8::/121|c 2001:db8::80/126|b 2001:db8::84/127|a 2001:db8::86/128" {
		t.Errorf("VLSM IPv6 = %v", got)
	}
}

func TestVLSMErrors(t *testing.T) {
	tests := []struct {
		within string
		reqs   []plan.Request
		index  int
		want   string
	}{
		{"192.168.0.0/24", []plan.Request{{"extra", 30}, {"lab", 100}, {"office", 50}, {"guest", 60}}, 0, `vlsm: "extra": needs 30 hosts, a /27 (32 addresses), but only 0 addresses are left in 192.168.0.0/24 after 3 larger or earlier subnets`},
		{"192.168.0.0/24", []plan.Request{{"office", 50}, {"lab", 100}, {"guest", 100}}, 0, `vlsm: "office": needs 50 hosts`},
		{"192.168.0.0/24", []plan.Request{{"big", 255}}, 0, `needs 255 hosts, a /23 (512 addresses), but only 256 addresses are left`},
		{"192.168.0.0/24", []plan.Request{{"ok", 5}, {"none", 0}}, 1, `"none": asks for 0 hosts`},
		{"10.0.0.0/8", []plan.Request{{"huge", 1 << 40}}, 0, `more than IPv4 holds`},
		{"10.0.0.1/32", []plan.Request{{"one", 1}}, 0, `"one": needs 1 host, a /30 (4 addresses), but only 1 address is left in 10.0.0.1/32`},
		{"192.168.0.0/25", []plan.Request{{"lab", 100}, {"office", 50}}, 1, `needs 50 hosts, a /26 (64 addresses), but only 0 addresses are left in 192.168.0.0/25 after 1 larger or earlier subnet`},
	}
	for _, tt := range tests {
		_, err := plan.VLSM(pfx(tt.within), tt.reqs)
		var re *plan.RequestError
		if !errors.As(err, &re) || re.Index != tt.index || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("VLSM(%s, %v) error = %v; want request %d and %q", tt.within, tt.reqs, err, tt.index, tt.want)
		}
		if err != nil && regexp.MustCompile(`\b1 (hosts|addresses|larger or earlier subnets)\b`).MatchString(err.Error()) {
			t.Errorf("VLSM(%s, %v) error = %v; a count of 1 with a plural noun", tt.within, tt.reqs, err)
		}
	}
	if _, err := plan.VLSM(netip.Prefix{}, nil); err == nil {
		t.Errorf("VLSM(zero) succeeded")
	}
	l, err := plan.VLSM(pfx("10.0.0.0/30"), nil)
	if err != nil || len(l.Allocations) != 0 || join(l.Free) != "10.0.0.0/30" {
		t.Errorf("VLSM(no requests) = %+v, %v", l, err)
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"10.0.0.0/25 10.0.0.128/25", "10.0.0.0/24"},
		{"10.0.1.0/24 10.0.0.0/24 10.0.2.0/24", "10.0.0.0/23 10.0.2.0/24"},
		{"10.0.0.0/8 10.1.0.0/16", "10.0.0.0/8"},
		{"10.0.0.5/24 10.0.1.0/24", "10.0.0.0/23"},
		{"0.0.0.0/1 128.0.0.0/1", "0.0.0.0/0"},
		{"2001:db8::/33 2001:db8:8000::/33 10.0.0.0/32", "10.0.0.0/32 2001:db8::/32"},
		{"::/1 8000::/1", "::/0"},
		{"::ffff:10.0.0.0/104 10.0.0.0/8", "10.0.0.0/8 ::ffff:10.0.0.0/104"},
	}
	for _, tt := range tests {
		if got := join(plan.Summarize(pfxs(tt.in))); got != tt.want {
			t.Errorf("Summarize(%s) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

func TestSupernet(t *testing.T) {
	tests := []struct{ in, prefix, covered, extra, err string }{
		{"10.0.0.0/24 10.0.3.0/24", "10.0.0.0/22", "512", "512", ""},
		{"10.0.0.0/24 10.0.0.0/24", "10.0.0.0/24", "256", "0", ""},
		{"10.0.0.1/32", "10.0.0.1/32", "1", "0", ""},
		{"0.0.0.0/32 255.255.255.255/32", "0.0.0.0/0", "2", "4294967294", ""},
		{"::/128 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "::/0", "2", "340282366920938463463374607431768211454", ""},
		{"192.168.1.0/24 192.168.1.0/25", "192.168.1.0/24", "256", "0", ""},
		{"10.0.0.0/8 2001:db8::/32", "", "", "", "mixes IPv4 and IPv6"},
		{"", "", "", "", "empty"},
	}
	for _, tt := range tests {
		c, err := plan.Supernet(pfxs(tt.in))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Supernet(%s) error = %v; want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || c.Prefix.String() != tt.prefix || c.Covered.String() != tt.covered || c.Extra.String() != tt.extra {
			t.Errorf("Supernet(%s) = %v %v %v, %v; want %s %s %s", tt.in, c.Prefix, c.Covered, c.Extra, err, tt.prefix, tt.covered, tt.extra)
		}
	}
}

func TestRangePrefixes(t *testing.T) {
	tests := []struct{ first, last, want, err string }{
		{"10.0.0.5", "10.0.0.20", "10.0.0.5/32 10.0.0.6/31 10.0.0.8/29 10.0.0.16/30 10.0.0.20/32", ""},
		{"0.0.0.0", "255.255.255.255", "0.0.0.0/0", ""},
		{"10.0.0.1", "10.0.0.1", "10.0.0.1/32", ""},
		{"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::/0", ""},
		{"::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "", ""},
		{"10.0.0.20", "10.0.0.5", "", "the first address comes after the last; swap them"},
		{"10.0.0.1", "::1", "", "mix IPv4 and IPv6"},
	}
	for _, tt := range tests {
		got, err := plan.RangePrefixes(netip.MustParseAddr(tt.first), netip.MustParseAddr(tt.last))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("RangePrefixes(%s, %s) error = %v; want %q", tt.first, tt.last, err, tt.err)
			}
			continue
		}
		if tt.want == "" {
			if len(got) != 254 {
				t.Errorf("RangePrefixes(%s, %s) gave %d prefixes; want 254", tt.first, tt.last, len(got))
			}
			continue
		}
		if join(got) != tt.want || err != nil {
			t.Errorf("RangePrefixes(%s, %s) = %s, %v; want %s", tt.first, tt.last, join(got), err, tt.want)
		}
	}
	if _, err := plan.RangePrefixes(netip.Addr{}, netip.Addr{}); err == nil {
		t.Errorf("RangePrefixes(zero) succeeded")
	}
}

func TestExclude(t *testing.T) {
	tests := []struct{ from, remove, want string }{
		{"10.0.0.0/24", "10.0.0.64/26", "10.0.0.0/26 10.0.0.128/25"},
		{"10.0.0.0/24", "10.0.0.0/24", ""},
		{"10.0.0.0/24", "10.0.0.0/8", ""},
		{"10.0.0.0/24", "11.0.0.0/8 2001:db8::/32", "10.0.0.0/24"},
		{"10.0.0.0/30", "10.0.0.1/32 10.0.0.2/32", "10.0.0.0/32 10.0.0.3/32"},
		{"0.0.0.0/0", "10.0.0.0/8 172.16.0.0/12 192.168.0.0/16", "0.0.0.0/5 8.0.0.0/7 11.0.0.0/8 12.0.0.0/6 16.0.0.0/4 32.0.0.0/3 64.0.0.0/2 128.0.0.0/3 160.0.0.0/5 168.0.0.0/6 172.0.0.0/12 172.32.0.0/11 172.64.0.0/10 172.128.0.0/9 173.0.0.0/8 174.0.0.0/7 176.0.0.0/4 192.0.0.0/9 192.128.0.0/11 192.160.0.0/13 192.169.0.0/16 192.170.0.0/15 192.172.0.0/14 192.176.0.0/12 192.192.0.0/10 193.0.0.0/8 194.0.0.0/7 196.0.0.0/6 200.0.0.0/5 208.0.0.0/4 224.0.0.0/3"},
		{"::/0", "::/128", "::1/128 ::2/127 ::4/126 ::8/125 ::10/124 ::20/123 ::40/122 ::80/121 ::100/120 ::200/119 ::400/118 ::800/117 ::1000/116 ::2000/115 ::4000/114 ::8000/113 ::1:0/112 ::2:0/111 ::4:0/110 ::8:0/109 ::10:0/108 ::20:0/107 ::40:0/106 ::80:0/105 ::100:0/104 ::200:0/103 ::400:0/102 ::800:0/101 ::1000:0/100 ::2000:0/99 ::4000:0/98 ::8000:0/97 ::1:0:0/96 ::2:0:0/95 ::4:0:0/94 ::8:0:0/93 ::10:0:0/92 ::20:0:0/91 ::40:0:0/90 ::80:0:0/89 ::100:0:0/88 ::200:0:0/87 ::400:0:0/86 ::800:0:0/85 ::1000:0:0/84 ::2000:0:0/83 ::4000:0:0/82 ::8000:0:0/81 0:0:0:1::/80 0:0:0:2::/79 0:0:0:4::/78 0:0:0:8::/77 0:0:0:10::/76 0:0:0:20::/75 0:0:0:40::/74 0:0:0:80::/73 0:0:0:100::/72 0:0:0:200::/71 0:0:0:400::/70 0:0:0:800::/69 0:0:0:1000::/68 0:0:0:2000::/67 0:0:0:4000::/66 0:0:0:8000::/65 0:0:1::/64 0:0:2::/63 0:0:4::/62 0:0:8::/61 0:0:10::/60 0:0:20::/59 0:0:40::/58 0:0:80::/57 0:0:100::/56 0:0:200::/55 0:0:400::/54 0:0:800::/53 0:0:1000::/52 0:0:2000::/51 0:0:4000::/50 0:0:8000::/49 0:1::/48 0:2::/47 0:4::/46 0:8::/45 0:10::/44 0:20::/43 0:40::/42 0:80::/41 0:100::/40 0:200::/39 0:400::/38 0:800::/37 0:1000::/36 0:2000::/35 0:4000::/34 0:8000::/33 1::/32 2::/31 4::/30 8::/29 10::/28 20::/27 40::/26 80::/25 100::/24 200::/23 400::/22 800::/21 1000::/20 2000::/19 4000::/18 8000::/17 1::/16 2::/15 4::/14 8::/13 10::/12 20::/11 40::/10 80::/9 100::/8 200::/7 400::/6 800::/5 1000::/4 2000::/3 4000::/2 8000::/1"},
	}
	for _, tt := range tests {
		got := join(plan.Exclude(pfx(tt.from), pfxs(tt.remove)...))
		if tt.from == "::/0" {
			if n := len(strings.Fields(got)); n != 128 {
				t.Errorf("Exclude(::/0, ::/128) gave %d prefixes; want 128", n)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("Exclude(%s, %s) = %s; want %s", tt.from, tt.remove, got, tt.want)
		}
	}
	if plan.Exclude(netip.Prefix{}) != nil {
		t.Errorf("Exclude(zero) not nil")
	}
}

func TestOverlaps(t *testing.T) {
	nets := []plan.Named{
		{"home LAN", pfx("192.168.1.0/24")},
		{"VPN", pfx("10.8.0.0/24")},
		{"Docker bridge", pfx("172.17.0.0/16")},
		{"pods", pfx("10.0.0.0/8")},
		{"services", pfx("10.96.0.0/12")},
		{"VPC", pfx("172.16.0.0/12")},
		{"lab", pfx("192.168.1.0/24")},
		{"v6 LAN", pfx("2001:db8:1::/64")},
		{"v6 site", pfx("2001:db8::/32")},
		{"mapped", pfx("::ffff:10.0.0.0/104")},
		{"broken", netip.Prefix{}},
	}
	r := plan.Overlaps(nets)
	var got4, got6 []string
	for _, c := range r.IPv4 {
		got4 = append(got4, c.A.Name+" "+c.Relation.String()+" "+c.B.Name)
		if c.Explanation == "" {
			t.Errorf("clash %v without explanation", c)
		}
	}
	for _, c := range r.IPv6 {
		got6 = append(got6, c.A.Name+" "+c.Relation.String()+" "+c.B.Name)
	}
	want4 := "pods contains VPN|pods contains services|VPC contains Docker bridge|home LAN equal lab"
	if strings.Join(got4, "|") != want4 {
		t.Errorf("Overlaps IPv4 = %q; want %q", strings.Join(got4, "|"), want4)
	}
	if strings.Join(got6, "|") != "v6 site contains v6 LAN" {
		t.Errorf("Overlaps IPv6 = %q", got6)
	}
	if r.Truncated {
		t.Errorf("Overlaps truncated")
	}
	// n copies of one prefix clash pairwise; the report stops at MaxClashes.
	many := make([]plan.Named, 1000)
	for i := range many {
		many[i] = plan.Named{Name: "copy", Prefix: pfx("10.0.0.0/8")}
	}
	if r := plan.Overlaps(many); !r.Truncated || len(r.IPv4) != plan.MaxClashes {
		t.Errorf("Overlaps(1000 copies) = %d clashes, truncated %v; want %d, true", len(r.IPv4), r.Truncated, plan.MaxClashes)
	}
	if r := plan.Overlaps(nil); r.IPv4 != nil || r.IPv6 != nil {
		t.Errorf("Overlaps(nil) = %+v", r)
	}
}

// overlapModel checks every pair.
func overlapModel(nets []plan.Named) map[[2]string]plan.Relation {
	out := map[[2]string]plan.Relation{}
	for i, a := range nets {
		for j, b := range nets {
			if i >= j || !a.Prefix.IsValid() || !b.Prefix.IsValid() || !a.Prefix.Overlaps(b.Prefix) {
				continue
			}
			pa, pb := a.Prefix.Masked(), b.Prefix.Masked()
			switch {
			case pa == pb:
				out[[2]string{a.Name, b.Name}] = plan.RelationEqual
			case pa.Bits() < pb.Bits():
				out[[2]string{a.Name, b.Name}] = plan.RelationContains
			default:
				out[[2]string{b.Name, a.Name}] = plan.RelationContains
			}
		}
	}
	return out
}

func checkOverlaps(t *testing.T, nets []plan.Named) {
	t.Helper()
	want := overlapModel(nets)
	r := plan.Overlaps(nets)
	got := map[[2]string]plan.Relation{}
	for _, c := range slices.Concat(r.IPv4, r.IPv6) {
		got[[2]string{c.A.Name, c.B.Name}] = c.Relation
	}
	if len(got) != len(want) {
		t.Fatalf("Overlaps(%v) = %v; model says %v", nets, got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("Overlaps(%v): %v = %v; model says %v", nets, k, got[k], v)
		}
	}
}

func TestRouting(t *testing.T) {
	table, err := plan.NewTable([]plan.Route{
		{Prefix: pfx("192.168.1.0/24"), Interface: "eth0"},
		{Prefix: pfx("10.8.0.0/24"), Interface: "tun0"},
		{Prefix: pfx("10.0.0.0/8"), NextHop: netip.MustParseAddr("10.8.0.1")},
		{Prefix: pfx("10.1.0.0/16"), NextHop: netip.MustParseAddr("192.168.1.254"), Interface: "eth0"},
		{Prefix: pfx("0.0.0.0/0"), NextHop: netip.MustParseAddr("192.168.1.1")},
		{Prefix: pfx("2001:db8:1::/64"), Interface: "eth0"},
		{Prefix: pfx("::/0"), NextHop: netip.MustParseAddr("fe80::1"), Interface: "eth0"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dst, route, nextHop, iface string
		kind                       plan.RouteKind
	}{
		{"192.168.1.50", "192.168.1.0/24", "192.168.1.50", "eth0", plan.KindConnected},
		{"10.1.2.3", "10.1.0.0/16", "192.168.1.254", "eth0", plan.KindStatic},
		{"10.2.2.3", "10.0.0.0/8", "10.8.0.1", "tun0", plan.KindStatic},
		{"10.8.0.9", "10.8.0.0/24", "10.8.0.9", "tun0", plan.KindConnected},
		{"8.8.8.8", "0.0.0.0/0", "192.168.1.1", "eth0", plan.KindDefault},
		{"2001:db8:1::5", "2001:db8:1::/64", "2001:db8:1::5", "eth0", plan.KindConnected},
		{"2606:4700::1111", "::/0", "fe80::1", "eth0", plan.KindDefault},
		{"::ffff:10.1.2.3", "::/0", "fe80::1", "eth0", plan.KindDefault},
	}
	for _, tt := range tests {
		h, ok := table.Lookup(netip.MustParseAddr(tt.dst))
		if !ok || h.Route.Prefix.String() != tt.route || h.NextHop.String() != tt.nextHop || h.Interface != tt.iface || h.Route.Kind() != tt.kind || h.Explanation == "" {
			t.Errorf("Lookup(%s) = %v %v %v %v, %v; want %s %s %s %v", tt.dst, h.Route.Prefix, h.NextHop, h.Interface, h.Route.Kind(), ok, tt.route, tt.nextHop, tt.iface, tt.kind)
		}
	}
	noDefault, _ := plan.NewTable([]plan.Route{{Prefix: pfx("10.0.0.0/8"), Interface: "eth0"}})
	if h, ok := noDefault.Lookup(netip.MustParseAddr("8.8.8.8")); ok {
		t.Errorf("Lookup without a default = %v", h)
	}
	var zero plan.Table
	if _, ok := zero.Lookup(netip.MustParseAddr("8.8.8.8")); ok {
		t.Errorf("zero Table matched")
	}
	for _, bad := range []struct {
		routes []plan.Route
		want   string
	}{
		{[]plan.Route{{Prefix: pfx("10.0.0.0/8"), Interface: "a"}, {Prefix: pfx("10.1.0.0/8"), Interface: "b"}}, "route 2 (10.1.0.0/8): the same prefix as route 1"},
		{[]plan.Route{{Prefix: pfx("10.0.0.0/8")}}, "needs a next hop or an interface"},
		{[]plan.Route{{Prefix: pfx("10.0.0.0/8"), NextHop: netip.MustParseAddr("::1")}}, "is IPv6 but the prefix is IPv4"},
		{[]plan.Route{{Interface: "x"}}, "missing or invalid"},
	} {
		if _, err := plan.NewTable(bad.routes); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("NewTable(%v) error = %v; want %q", bad.routes, err, bad.want)
		}
	}
	// A loop of next hops ends without an interface instead of spinning.
	loop, _ := plan.NewTable([]plan.Route{{Prefix: pfx("10.0.0.0/8"), NextHop: netip.MustParseAddr("10.1.1.1")}})
	if h, ok := loop.Lookup(netip.MustParseAddr("10.2.2.2")); !ok || h.Interface != "" {
		t.Errorf("Lookup through a loop = %+v", h)
	}
}

// lookupModel scans every route for the longest match.
func lookupModel(routes []plan.Route, dst netip.Addr) (plan.Route, bool) {
	best, found := plan.Route{}, false
	for _, r := range routes {
		if r.Prefix.Masked().Contains(dst) && (!found || r.Prefix.Bits() > best.Prefix.Bits()) {
			best, found = r, true
		}
	}
	return best, found
}

func TestGaps(t *testing.T) {
	p := netip.MustParsePrefix
	tests := []struct {
		within netip.Prefix
		ps     []netip.Prefix
		want   string
	}{
		{p("10.0.0.0/24"), []netip.Prefix{p("10.0.0.64/26"), p("10.0.0.192/26")}, "10.0.0.0-10.0.0.63 10.0.0.128-10.0.0.191"},
		{p("10.0.0.0/24"), []netip.Prefix{p("10.0.0.192/26"), p("10.0.0.64/26")}, "10.0.0.0-10.0.0.63 10.0.0.128-10.0.0.191"},
		{p("10.0.0.0/24"), nil, "10.0.0.0-10.0.0.255"},
		{p("10.0.0.0/24"), []netip.Prefix{p("10.0.0.0/8")}, ""},
		{p("10.0.0.0/24"), []netip.Prefix{p("10.0.1.0/24"), {}}, "10.0.0.0-10.0.0.255"},
		{p("::/0"), []netip.Prefix{p("::/1"), p("8000::/1")}, ""},
		{p("2001:db8::/32"), []netip.Prefix{p("2001:db8::/33")}, "2001:db8:8000::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"},
		{netip.Prefix{}, nil, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range plan.Gaps(tt.within, tt.ps) {
			got = append(got, r.String())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Gaps(%v, %v) = %v; want %s", tt.within, tt.ps, got, tt.want)
		}
	}
}
