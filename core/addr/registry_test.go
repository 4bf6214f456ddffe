package addr_test

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/addr"
)

// lastAddr returns the last address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// classifyModel is the obviously correct Classify: every row with a block containing a,
// sorted by that block's length, longest first, ties in table order.
func classifyModel(a netip.Addr) []string {
	type hit struct {
		row  addr.Row
		blk  netip.Prefix
		rank int
	}
	var hits []hit
	for i, r := range addr.Rows() {
		for _, b := range r.Blocks() {
			if b.Contains(a.WithZone("")) {
				hits = append(hits, hit{r, b, i})
				break
			}
		}
	}
	slices.SortStableFunc(hits, func(x, y hit) int { return y.blk.Bits() - x.blk.Bits() })
	var out []string
	for _, h := range hits {
		out = append(out, h.blk.String()+" "+h.row.Name())
	}
	return out
}

func rowStrings(rows []addr.Row) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.String())
	}
	return out
}

// TestEveryRowClassifies checks that the first and last address of every block of every row
// classify into that row, and that Classify agrees with the model there.
func TestEveryRowClassifies(t *testing.T) {
	rows := addr.Rows()
	if len(rows) != 25+25+5 {
		t.Errorf("len(Rows()) = %d; want %d (25 IPv4, 25 IPv6, 5 multicast)", len(rows), 25+25+5)
	}
	for _, r := range rows {
		for _, b := range r.Blocks() {
			for _, a := range []netip.Addr{b.Addr(), lastAddr(b)} {
				got := addr.Classify(a)
				found := false
				for _, g := range got {
					if g.Name() == r.Name() && g.Block() == b {
						found = true
					}
				}
				if !found {
					t.Errorf("Classify(%v) = %v; want it to include %v %s", a, got, b, r.Name())
				}
				if want := classifyModel(a); !slices.Equal(rowStrings(got), want) {
					t.Errorf("Classify(%v) = %v; want %v", a, rowStrings(got), want)
				}
			}
		}
		if r.Name() == "" || r.RFC() == "" || r.Kind() == addr.KindInvalid || r.Registry() == addr.NoRegistry || !r.IsValid() {
			t.Errorf("row %v: empty name, RFC, kind or registry", r)
		}
		if strings.ContainsAny(r.RFC(), "\n\t") || strings.Contains(r.Name(), "[") {
			t.Errorf("row %v: RFC %q or name %q not cleaned", r, r.RFC(), r.Name())
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		in   string
		want string // rows, most specific first, separated by "; "
	}{
		{"8.8.8.8", ""},
		{"2606:4700::1111", ""},
		{"0.0.0.0", "0.0.0.0/32 This host on this network; 0.0.0.0/8 This network"},
		{"0.1.2.3", "0.0.0.0/8 This network"},
		{"10.255.255.255", "10.0.0.0/8 Private-Use"},
		{"11.0.0.0", ""},
		{"100.63.255.255", ""},
		{"100.64.0.0", "100.64.0.0/10 Shared Address Space"},
		{"100.127.255.255", "100.64.0.0/10 Shared Address Space"},
		{"100.128.0.0", ""},
		{"127.0.0.1", "127.0.0.0/8 Loopback"},
		{"172.15.255.255", ""},
		{"172.31.255.255", "172.16.0.0/12 Private-Use"},
		{"192.0.0.1", "192.0.0.0/29 IPv4 Service Continuity Prefix; 192.0.0.0/24 IETF Protocol Assignments"},
		{"192.0.0.8", "192.0.0.8/32 IPv4 dummy address; 192.0.0.0/24 IETF Protocol Assignments"},
		{"192.0.0.9", "192.0.0.9/32 Port Control Protocol Anycast; 192.0.0.0/24 IETF Protocol Assignments"},
		{"192.0.0.11", "192.0.0.0/24 IETF Protocol Assignments"},
		{"192.0.0.171", "192.0.0.171/32 NAT64/DNS64 Discovery; 192.0.0.0/24 IETF Protocol Assignments"},
		{"192.88.99.2", "192.88.99.2/32 6a44-relay anycast address; 192.88.99.0/24 Deprecated (6to4 Relay Anycast)"},
		{"255.255.255.255", "255.255.255.255/32 Limited Broadcast; 240.0.0.0/4 Reserved"},
		{"224.0.0.1", "224.0.0.0/24 Local Network Control Block; 224.0.0.0/4 Multicast"},
		{"239.255.255.255", "239.0.0.0/8 Administratively Scoped Block; 224.0.0.0/4 Multicast"},
		{"::", "::/128 Unspecified Address"},
		{"::1", "::1/128 Loopback Address"},
		{"::2", ""},
		{"::ffff:10.0.0.1", "::ffff:0.0.0.0/96 IPv4-mapped Address"},
		{"64:ff9b::1", "64:ff9b::/96 IPv4-IPv6 Translat."},
		{"2001::1", "2001::/32 TEREDO; 2001::/23 IETF Protocol Assignments"},
		{"2001:1::1", "2001:1::1/128 Port Control Protocol Anycast; 2001::/23 IETF Protocol Assignments"},
		{"2001:1::4", "2001::/23 IETF Protocol Assignments"},
		{"2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "2001::/23 IETF Protocol Assignments"},
		{"2001:200::", ""},
		{"2001:db8::1", "2001:db8::/32 Documentation"},
		{"fe80::1%eth0", "fe80::/10 Link-Local Unicast"},
		{"fd12:3456::1", "fc00::/7 Unique-Local"},
		{"ff02::1", "ff00::/8 Multicast"},
	}
	for _, tt := range tests {
		got := strings.Join(rowStrings(addr.Classify(addr.MustParse(tt.in))), "; ")
		if got != tt.want {
			t.Errorf("Classify(%s) = %q; want %q", tt.in, got, tt.want)
		}
	}
	if got := addr.Classify(netip.Addr{}); got != nil {
		t.Errorf("Classify(zero) = %v; want nil", got)
	}
}

func TestRowFields(t *testing.T) {
	byName := func(a, name string) addr.Row {
		for _, r := range addr.Classify(addr.MustParse(a)) {
			if r.Name() == name {
				return r
			}
		}
		t.Fatalf("Classify(%s) has no row %q", a, name)
		return addr.Row{}
	}
	tests := []struct {
		row                             addr.Row
		rfc, allocated, terminated      string
		src, dst, fwd, global, reserved addr.Flag
	}{
		{byName("127.0.0.1", "Loopback"), "[RFC1122], Section 3.2.1.3", "1981-09", "", addr.False, addr.False, addr.False, addr.False, addr.True},
		{byName("192.0.0.170", "NAT64/DNS64 Discovery"), "[RFC8880][RFC7050], Section 2.2", "2013-02", "", addr.False, addr.False, addr.False, addr.False, addr.True},
		{byName("192.88.99.1", "Deprecated (6to4 Relay Anycast)"), "[RFC7526]", "2001-06", "2015-03", addr.Unknown, addr.Unknown, addr.Unknown, addr.Unknown, addr.Unknown},
		{byName("255.255.255.255", "Limited Broadcast"), "[RFC8190] [RFC919], Section 7", "1984-10", "", addr.False, addr.True, addr.False, addr.False, addr.True},
		{byName("2001::1", "TEREDO"), "[RFC4380] [RFC8190]", "2006-01", "", addr.True, addr.True, addr.True, addr.Unknown, addr.False},
		{byName("2002::1", "6to4"), "[RFC3056]", "2001-02", "", addr.True, addr.True, addr.True, addr.Unknown, addr.False},
		{byName("2001:2::1", "Benchmarking"), "[RFC5180][RFC Errata 1752]", "2008-04", "", addr.True, addr.True, addr.True, addr.False, addr.False},
		{byName("fd00::1", "Unique-Local"), "[RFC4193] [RFC8190]", "2005-10", "", addr.True, addr.True, addr.True, addr.False, addr.False},
		{byName("192.0.0.1", "IETF Protocol Assignments"), "[RFC6890], Section 2.1", "2010-01", "", addr.False, addr.False, addr.False, addr.False, addr.False},
	}
	for _, tt := range tests {
		r := tt.row
		got := []any{r.RFC(), r.Allocated(), r.Terminated(), r.Source(), r.Destination(), r.Forwardable(), r.GloballyReachable(), r.ReservedByProtocol()}
		want := []any{tt.rfc, tt.allocated, tt.terminated, tt.src, tt.dst, tt.fwd, tt.global, tt.reserved}
		if !slices.Equal(got, want) {
			t.Errorf("row %v = %v; want %v", r, got, want)
		}
	}
	if two := byName("192.0.0.171", "NAT64/DNS64 Discovery").Blocks(); len(two) != 2 || two[0].String() != "192.0.0.170/32" || two[1].String() != "192.0.0.171/32" {
		t.Errorf("NAT64/DNS64 Discovery blocks = %v; want [192.0.0.170/32 192.0.0.171/32]", two)
	}
	var zero addr.Row
	if zero.IsValid() || zero.Name() != "" || zero.Blocks() != nil || zero.Block().IsValid() || zero.GloballyReachable() != addr.Unknown || zero.Kind() != addr.KindInvalid {
		t.Errorf("zero Row has non-zero fields")
	}
	if addr.RegistrySnapshot != "2026-07-18" {
		t.Errorf("RegistrySnapshot = %q; want 2026-07-18", addr.RegistrySnapshot)
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"8.8.8.8", "public"},
		{"2606:4700::1111", "public"},
		{"0.1.2.3", "this-network"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"10.0.0.1", "private-use"},
		{"172.16.0.1", "private-use"},
		{"192.168.1.1", "private-use"},
		{"100.64.0.1", "shared"},
		{"127.0.0.1", "loopback"},
		{"::1", "loopback"},
		{"169.254.169.254", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"192.0.0.200", "ietf-protocol"},
		{"2001:4::1", "ietf-protocol"},
		{"192.0.0.2", "service-continuity"},
		{"192.0.0.8", "dummy"},
		{"100:0:0:1::1", "dummy"},
		{"192.0.0.9", "anycast"},
		{"192.31.196.1", "anycast"},
		{"2620:4f:8000::1", "anycast"},
		{"192.0.0.170", "nat64-discovery"},
		{"192.0.2.1", "documentation"},
		{"198.51.100.1", "documentation"},
		{"203.0.113.1", "documentation"},
		{"2001:db8::1", "documentation"},
		{"3fff::1", "documentation"},
		{"198.18.0.1", "benchmarking"},
		{"2001:2::1", "benchmarking"},
		{"192.88.99.1", "deprecated"},
		{"2001:10::1", "deprecated"},
		{"240.0.0.1", "reserved"},
		{"1::1", "reserved"},
		{"fec0::1", "reserved"},
		{"255.255.255.255", "limited-broadcast"},
		{"::ffff:192.0.2.1", "ipv4-mapped"},
		{"64:ff9b::192.0.2.1", "nat64"},
		{"64:ff9b:1::1", "nat64"},
		{"100::1", "discard"},
		{"2001::1", "teredo"},
		{"2001:20::1", "orchid"},
		{"2001:30::1", "drone-id"},
		{"2002:c000:201::1", "6to4"},
		{"5f00::1", "srv6"},
		{"fd00::1", "unique-local"},
		{"224.0.0.1", "multicast"},
		{"ff02::1", "multicast"},
	}
	for _, tt := range tests {
		if got := addr.KindOf(addr.MustParse(tt.in)); got.String() != tt.want {
			t.Errorf("KindOf(%s) = %v; want %s", tt.in, got, tt.want)
		}
	}
	if got := addr.KindOf(netip.Addr{}); got != addr.KindInvalid || got.String() != "invalid" {
		t.Errorf("KindOf(zero) = %v; want invalid", got)
	}
	seen := map[string]bool{}
	for k := addr.KindInvalid; k <= addr.KindMulticast; k++ {
		if s := k.String(); s == "" || seen[s] || strings.HasPrefix(s, "kind(") {
			t.Errorf("Kind(%d).String() = %q; want a unique name", k, s)
		} else {
			seen[s] = true
		}
	}
}

func TestMulticastScope(t *testing.T) {
	tests := []struct {
		in    string
		scope string // "" when not multicast
		flags string // "" when not IPv6 multicast
	}{
		{"ff00::1", "reserved", "well-known"},
		{"ff01::1", "interface-local", "well-known"},
		{"ff02::1", "link-local", "well-known"},
		{"ff03::1", "realm-local", "well-known"},
		{"ff04::1", "admin-local", "well-known"},
		{"ff05::2", "site-local", "well-known"},
		{"ff06::1", "unassigned", "well-known"},
		{"ff08::1", "organization-local", "well-known"},
		{"ff0e::101", "global", "well-known"},
		{"ff0f::1", "reserved", "well-known"},
		{"ff12::1", "link-local", "transient"},
		{"ff3e::8000:1", "global", "transient, prefix-based"},
		{"ff7e::1", "global", "transient, prefix-based, rendezvous-point"},
		{"224.0.0.251", "link-local", ""},
		{"224.0.1.1", "global", ""},
		{"232.1.1.1", "global", ""},
		{"239.255.255.250", "organization-local", ""},
		{"10.0.0.1", "", ""},
		{"fe80::1", "", ""},
	}
	for _, tt := range tests {
		a := addr.MustParse(tt.in)
		scope, ok := addr.MulticastScope(a)
		got := ""
		if ok {
			got = scope.String()
		}
		flags, fok := addr.MulticastFlagsOf(a)
		gotFlags := ""
		if fok {
			gotFlags = flags.String()
		}
		if got != tt.scope || gotFlags != tt.flags {
			t.Errorf("MulticastScope(%s), MulticastFlagsOf = %q, %q; want %q, %q", tt.in, got, gotFlags, tt.scope, tt.flags)
		}
	}
}

// TestClassifyRandom compares Classify with the model on random addresses inside and around
// every block.
func TestClassifyRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, row := range addr.Rows() {
		for _, b := range row.Blocks() {
			for range 20 {
				s := b.Addr().AsSlice()
				for i := b.Bits() - 2; i < len(s)*8; i++ {
					if i >= 0 && r.IntN(2) == 1 {
						s[i/8] ^= 0x80 >> (i % 8)
					}
				}
				a, _ := netip.AddrFromSlice(s)
				if got, want := rowStrings(addr.Classify(a)), classifyModel(a); !slices.Equal(got, want) {
					t.Errorf("Classify(%v) = %v; want %v", a, got, want)
				}
			}
		}
	}
}
