package addr_test

import (
	"math/big"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/netground/netground/core/addr"
)

func TestForms(t *testing.T) {
	tests := []struct {
		in                                                    string
		version                                               int
		canonical, expanded, binary, hex, decimal, reverseDNS string
	}{
		{"192.0.2.1", 4, "192.0.2.1", "192.0.2.1", "11000000.00000000.00000010.00000001", "0xc0000201", "3221225985", "1.2.0.192.in-addr.arpa"},
		{"0.0.0.0", 4, "0.0.0.0", "0.0.0.0", "00000000.00000000.00000000.00000000", "0x00000000", "0", "0.0.0.0.in-addr.arpa"},
		{"255.255.255.255", 4, "255.255.255.255", "255.255.255.255", "11111111.11111111.11111111.11111111", "0xffffffff", "4294967295", "255.255.255.255.in-addr.arpa"},
		{"::", 6, "::", "0000:0000:0000:0000:0000:0000:0000:0000", "0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000000", "0x00000000000000000000000000000000", "0", "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa"},
		{"2001:db8::1", 6, "2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "0010000000000001:0000110110111000:0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000001", "0x20010db8000000000000000000000001", "42540766411282592856903984951653826561", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"::ffff:192.0.2.1", 6, "::ffff:192.0.2.1", "0000:0000:0000:0000:0000:ffff:c000:0201", "0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000000:1111111111111111:1100000000000000:0000001000000001", "0x00000000000000000000ffffc0000201", "281473902969345", "1.0.2.0.0.0.0.c.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa"},
		{"fe80::1%eth0", 6, "fe80::1%eth0", "fe80:0000:0000:0000:0000:0000:0000:0001%eth0", "1111111010000000:0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000000:0000000000000001", "0xfe800000000000000000000000000001", "338288524927261089654018896841347694593", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa"},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 6, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1111111111111111:1111111111111111:1111111111111111:1111111111111111:1111111111111111:1111111111111111:1111111111111111:1111111111111111", "0xffffffffffffffffffffffffffffffff", "340282366920938463463374607431768211455", "f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.ip6.arpa"},
	}
	for _, tt := range tests {
		f := addr.FormsOf(addr.MustParse(tt.in))
		got := []any{f.Version(), f.Canonical(), f.Expanded(), f.Binary(), f.Hex(), f.Decimal(), f.ReverseDNS()}
		want := []any{tt.version, tt.canonical, tt.expanded, tt.binary, tt.hex, tt.decimal, tt.reverseDNS}
		names := []string{"Version", "Canonical", "Expanded", "Binary", "Hex", "Decimal", "ReverseDNS"}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("FormsOf(%s).%s() = %v; want %v", tt.in, names[i], got[i], want[i])
			}
		}
		if back, err := addr.Parse(f.Expanded()); err != nil || back != f.Addr() {
			t.Errorf("Parse(%q) = %v, %v; want %v (expanded form round trip)", f.Expanded(), back, err, f.Addr())
		}
	}
}

func TestFormsZero(t *testing.T) {
	var f addr.Forms
	if f.IsValid() || f.Version() != 0 || f.Canonical() != "" || f.Expanded() != "" || f.Binary() != "" ||
		f.Hex() != "" || f.Decimal() != "" || f.ReverseDNS() != "" || f.Mapped().IsValid() || f.Embedded().IsValid() {
		t.Errorf("zero Forms gives non-zero results")
	}
}

func TestMapped(t *testing.T) {
	tests := []struct{ in, want string }{
		{"192.0.2.1", "::ffff:192.0.2.1"},
		{"0.0.0.0", "::ffff:0.0.0.0"},
		{"::ffff:192.0.2.1", "192.0.2.1"},
		{"::ffff:10.0.0.1%eth0", "10.0.0.1"},
		{"2001:db8::1", "invalid IP"},
		{"64:ff9b::192.0.2.1", "invalid IP"},
	}
	for _, tt := range tests {
		if got := addr.FormsOf(addr.MustParse(tt.in)).Mapped(); got.String() != tt.want {
			t.Errorf("FormsOf(%s).Mapped() = %v; want %s", tt.in, got, tt.want)
		}
	}
}

func TestEmbedded(t *testing.T) {
	tests := []struct {
		in     string
		mech   string
		prefix string
		ipv4   string
		server string
		port   uint16
	}{
		{"::ffff:192.0.2.1", "ipv4-mapped", "::ffff:0.0.0.0/96", "192.0.2.1", "invalid IP", 0},
		{"64:ff9b::192.0.2.33", "nat64", "64:ff9b::/96", "192.0.2.33", "invalid IP", 0},
		{"64:ff9b::", "nat64", "64:ff9b::/96", "0.0.0.0", "invalid IP", 0},
		// RFC 6052 Section 2.4, the /48 example 2001:db8:122:c000:2:2100:: carries 192.0.2.33.
		{"64:ff9b:1:c000:2:2100::", "nat64-local", "64:ff9b:1::/48", "192.0.2.33", "invalid IP", 0},
		{"64:ff9b:1:c000:2ff:2100::", "", "invalid Prefix", "invalid IP", "invalid IP", 0}, // bits 64-71 not zero
		{"64:ff9b:2::1", "", "invalid Prefix", "invalid IP", "invalid IP", 0},
		{"2002:c000:0201::1", "6to4", "2002::/16", "192.0.2.1", "invalid IP", 0},
		{"2002::", "6to4", "2002::/16", "0.0.0.0", "invalid IP", 0},
		// RFC 4380 Section 4 example.
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo", "2001::/32", "192.0.2.45", "65.54.227.120", 40000},
		{"2001::", "teredo", "2001::/32", "255.255.255.255", "0.0.0.0", 65535},
		{"2001:1::1", "", "invalid Prefix", "invalid IP", "invalid IP", 0},
		{"::192.0.2.1", "", "invalid Prefix", "invalid IP", "invalid IP", 0},
		{"192.0.2.1", "", "invalid Prefix", "invalid IP", "invalid IP", 0},
		{"2001:db8::1", "", "invalid Prefix", "invalid IP", "invalid IP", 0},
	}
	for _, tt := range tests {
		e := addr.Embedded(addr.MustParse(tt.in))
		if e.Mechanism.String() != tt.mech || e.Prefix.String() != tt.prefix || e.IPv4.String() != tt.ipv4 || e.Server.String() != tt.server || e.Port != tt.port {
			t.Errorf("Embedded(%s) = %+v; want {%s %s %s %s %d}", tt.in, e, tt.mech, tt.prefix, tt.ipv4, tt.server, tt.port)
		}
		if e.IsValid() != (tt.mech != "") || (e.IsValid() && e.Mechanism.Describe() == "") {
			t.Errorf("Embedded(%s).IsValid() = %v, Describe() = %q", tt.in, e.IsValid(), e.Mechanism.Describe())
		}
		if e.IsValid() && !e.Prefix.Contains(addr.MustParse(tt.in).WithZone("")) {
			t.Errorf("Embedded(%s).Prefix = %v; does not contain the address", tt.in, e.Prefix)
		}
	}
}

// TestDecimalModel checks the uint128 printer against math/big.
func TestDecimalModel(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		var b [16]byte
		for j := range b {
			b[j] = byte(r.Uint32())
		}
		if i%3 == 0 { // shorter numbers, to hit the chunk boundaries
			clear(b[:r.IntN(16)])
		}
		a := netip.AddrFrom16(b)
		want := new(big.Int).SetBytes(b[:]).String()
		if got := addr.FormsOf(a).Decimal(); got != want {
			t.Errorf("FormsOf(%v).Decimal() = %s; want %s", a, got, want)
		}
	}
}

func TestLegacyClass(t *testing.T) {
	tests := []struct{ in, class string }{
		{"0.0.0.0", "A"}, {"10.0.0.1", "A"}, {"127.255.255.255", "A"},
		{"128.0.0.0", "B"}, {"172.16.0.1", "B"}, {"191.255.255.255", "B"},
		{"192.0.0.0", "C"}, {"192.168.1.1", "C"}, {"223.255.255.255", "C"},
		{"224.0.0.0", "D"}, {"239.255.255.255", "D"},
		{"240.0.0.0", "E"}, {"255.255.255.255", "E"},
		{"::ffff:10.0.0.1", ""}, {"2001:db8::1", ""},
	}
	for _, tt := range tests {
		class, note := addr.LegacyClass(addr.MustParse(tt.in))
		if class != tt.class || note == "" {
			t.Errorf("LegacyClass(%s) = %q, %q; want %q and a note", tt.in, class, note, tt.class)
		}
	}
	if class, note := addr.LegacyClass(netip.Addr{}); class != "" || note != "" {
		t.Errorf("LegacyClass(zero) = %q, %q; want empty", class, note)
	}
}
