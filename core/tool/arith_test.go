package tool_test

import (
	"bytes"
	"math"
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/tool"
)

func TestNth(t *testing.T) {
	tests := []struct {
		prefix  string
		n       string
		want    string // "" for an error
		errPart string
	}{
		{"192.0.2.0/24", "0", "192.0.2.0", ""},
		{"192.0.2.0/24", "1", "192.0.2.1", ""},
		{"192.0.2.0/24", "255", "192.0.2.255", ""},
		{"192.0.2.0/24", "-1", "192.0.2.255", ""},
		{"192.0.2.0/24", "-2", "192.0.2.254", ""},
		{"192.0.2.0/24", "-256", "192.0.2.0", ""},
		{"192.0.2.99/24", "10", "192.0.2.10", ""},
		{"192.0.2.0/24", "256", "", `index "256": is outside 192.0.2.0/24, which holds 256 addresses; use 0 to 255, or -256 to -1`},
		{"192.0.2.0/24", "-257", "", "is outside 192.0.2.0/24"},
		{"192.0.2.7/32", "0", "192.0.2.7", ""},
		{"192.0.2.7/32", "-1", "192.0.2.7", ""},
		{"192.0.2.7/32", "1", "", "holds 1 addresses"},
		{"0.0.0.0/0", "-1", "255.255.255.255", ""},
		{"0.0.0.0/0", "4294967296", "", "holds 4294967296 addresses"},
		{"2001:db8::/64", "-1", "2001:db8::ffff:ffff:ffff:ffff", ""},
		{"2001:db8::/64", "0x10000", "2001:db8::1:0", ""},
		{"2001:db8::/64", "18446744073709551616", "", "holds 18446744073709551616 addresses"},
		{"::/0", "-1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ""},
		{"::/0", "340282366920938463463374607431768211455", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ""},
		{"::/0", "-340282366920938463463374607431768211455", "::1", ""},
		{"::ffff:0:0/96", "-1", "::ffff:255.255.255.255", ""},
	}
	for _, tt := range tests {
		p, n := netip.MustParsePrefix(tt.prefix), tool.MustParseDelta(tt.n)
		a, err := tool.Nth(p, n)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("Nth(%v, %v) = %v, %v; want an error saying %q", p, n, a, err, tt.errPart)
			}
			continue
		}
		if err != nil || a != netip.MustParseAddr(tt.want) {
			t.Errorf("Nth(%v, %v) = %v, %v; want %v", p, n, a, err, tt.want)
		}
	}
	if _, err := tool.Nth(netip.Prefix{}, tool.Delta{}); err == nil {
		t.Errorf("Nth(zero Prefix) succeeded")
	}
}

func TestAdd(t *testing.T) {
	tests := []struct {
		addr    string
		d       string
		want    string // "" for an error
		errPart string
	}{
		{"192.0.2.255", "1", "192.0.3.0", ""},
		{"192.0.3.0", "-1", "192.0.2.255", ""},
		{"10.0.0.0", "16777215", "10.255.255.255", ""},
		{"255.255.255.254", "1", "255.255.255.255", ""},
		{"255.255.255.255", "1", "", `address "255.255.255.255": adding 1 passes the last address 255.255.255.255 of IPv4`},
		{"0.0.0.0", "-1", "", "subtracting 1 passes the first address 0.0.0.0 of IPv4"},
		{"0.0.0.5", "-0x10", "", "subtracting 16"},
		{"10.0.0.1", "4294967296", "", "adding 4294967296 passes"},
		{"2001:db8::ffff", "1", "2001:db8::1:0", ""},
		{"fe80::1%eth0", "1", "fe80::2%eth0", ""},
		{"::ffff:255.255.255.255", "1", "::1:0:0:0", ""},
		{"::", "-1", "", "passes the first address :: of IPv6"},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1", "", "passes the last address ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff of IPv6"},
		{"::", "340282366920938463463374607431768211455", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ""},
		{"2001:db8::1", "0", "2001:db8::1", ""},
	}
	for _, tt := range tests {
		a, d := netip.MustParseAddr(tt.addr), tool.MustParseDelta(tt.d)
		got, err := tool.Add(a, d)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("Add(%v, %v) = %v, %v; want an error saying %q", a, d, got, err, tt.errPart)
			}
			continue
		}
		if err != nil || got != netip.MustParseAddr(tt.want) {
			t.Errorf("Add(%v, %v) = %v, %v; want %v", a, d, got, err, tt.want)
			continue
		}
		// Property: the distance back is -d, and forward is d.
		if back, err := tool.Distance(got, a); err != nil || back != d.Neg() {
			t.Errorf("Distance(%v, %v) = %v, %v; want %v", got, a, back, err, d.Neg())
		}
	}
	if _, err := tool.Add(netip.Addr{}, tool.DeltaOf(1)); err == nil {
		t.Errorf("Add(zero Addr) succeeded")
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		from, to string
		want     string // "" for an error
	}{
		{"10.0.0.1", "10.0.1.0", "255"},
		{"10.0.1.0", "10.0.0.1", "-255"},
		{"0.0.0.0", "255.255.255.255", "4294967295"},
		{"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "340282366920938463463374607431768211455"},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::", "-340282366920938463463374607431768211455"},
		{"2001:db8::1", "2001:db8::1", "0"},
		{"fe80::1%eth0", "fe80::2%eth1", "1"},
		{"::ffff:10.0.0.1", "::ffff:10.0.0.2", "1"},
		{"10.0.0.1", "2001:db8::1", ""},
		{"::ffff:10.0.0.1", "10.0.0.2", ""},
	}
	for _, tt := range tests {
		from, to := netip.MustParseAddr(tt.from), netip.MustParseAddr(tt.to)
		d, err := tool.Distance(from, to)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), "one family") {
				t.Errorf("Distance(%v, %v) = %v, %v; want an error about families", from, to, d, err)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("Distance(%v, %v) = %v, %v; want %v", from, to, d, err, tt.want)
		}
	}
}

// TestArithmeticModel checks Nth, Add and Distance against the addresses of
// small prefixes listed one by one with Next.
func TestArithmeticModel(t *testing.T) {
	for _, s := range []string{"192.0.2.0/28", "10.0.0.0/30", "192.0.2.9/32", "2001:db8::/124", "::ffff:0.0.0.0/123", "255.255.255.240/28", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124"} {
		p := netip.MustParsePrefix(s).Masked()
		var list []netip.Addr
		for a := p.Addr(); a.IsValid() && p.Contains(a); a = a.Next() {
			list = append(list, a)
		}
		n := len(list)
		for i := range n {
			if a, err := tool.Nth(p, tool.DeltaOf(int64(i))); err != nil || a != list[i] {
				t.Errorf("Nth(%v, %d) = %v, %v; want %v", p, i, a, err, list[i])
			}
			if a, err := tool.Nth(p, tool.DeltaOf(int64(i-n))); err != nil || a != list[i] {
				t.Errorf("Nth(%v, %d) = %v, %v; want %v", p, i-n, a, err, list[i])
			}
			for j := range n {
				d, err := tool.Distance(list[i], list[j])
				if err != nil || d != tool.DeltaOf(int64(j-i)) {
					t.Errorf("Distance(%v, %v) = %v, %v; want %d", list[i], list[j], d, err, j-i)
				}
				if b, err := tool.Add(list[i], tool.DeltaOf(int64(j-i))); err != nil || b != list[j] {
					t.Errorf("Add(%v, %d) = %v, %v; want %v", list[i], j-i, b, err, list[j])
				}
			}
		}
		for _, out := range []int64{int64(n), int64(-n - 1)} {
			if a, err := tool.Nth(p, tool.DeltaOf(out)); err == nil {
				t.Errorf("Nth(%v, %d) = %v; want an error", p, out, a)
			}
		}
	}
}

func TestParseDelta(t *testing.T) {
	tests := []struct {
		in   string
		want string // String, or "" for an error
	}{
		{"0", "0"},
		{"-0", "0"},
		{"+42", "42"},
		{"-1", "-1"},
		{"007", "7"},
		{"0x100", "256"},
		{"-0XfF", "-255"},
		{"340282366920938463463374607431768211455", "340282366920938463463374607431768211455"},
		{"-0xffffffffffffffffffffffffffffffff", "-340282366920938463463374607431768211455"},
		{"340282366920938463463374607431768211456", ""},
		{"0x100000000000000000000000000000000", ""},
		{"", ""},
		{"-", ""},
		{"0x", ""},
		{"1e3", ""},
		{"12a", ""},
		{"0xg", ""},
		{" 1", ""},
		{"--1", ""},
	}
	for _, tt := range tests {
		d, err := tool.ParseDelta(tt.in)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), `number "`+tt.in+`"`) && tt.in != "" {
				t.Errorf("ParseDelta(%q) = %v, %v; want an error quoting the input", tt.in, d, err)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDelta(%q) = %v, %v; want %v", tt.in, d, err, tt.want)
		}
	}
}

func TestDeltaInt64(t *testing.T) {
	for _, n := range []int64{0, 1, -1, 42, math.MaxInt64, math.MinInt64, math.MinInt64 + 1} {
		d := tool.DeltaOf(n)
		if got, ok := d.Int64(); !ok || got != n {
			t.Errorf("DeltaOf(%d).Int64() = %d, %v", n, got, ok)
		}
		if back := tool.MustParseDelta(d.String()); back != d {
			t.Errorf("ParseDelta(%q) = %v; want %v", d.String(), back, d)
		}
		wantSign := 0
		if n > 0 {
			wantSign = 1
		} else if n < 0 {
			wantSign = -1
		}
		if d.Sign() != wantSign || d.Neg().Sign() != -wantSign || d.Neg().Neg() != d {
			t.Errorf("DeltaOf(%d).Sign() = %d, Neg().Sign() = %d", n, d.Sign(), d.Neg().Sign())
		}
	}
	for _, s := range []string{"9223372036854775808", "-9223372036854775809", "18446744073709551616"} {
		if n, ok := tool.MustParseDelta(s).Int64(); ok {
			t.Errorf("ParseDelta(%s).Int64() = %d, true; want no fit", s, n)
		}
	}
	if (tool.Delta{}) != tool.DeltaOf(0) || tool.DeltaOf(0).Neg() != tool.DeltaOf(0) {
		t.Errorf("zero Delta is not 0")
	}
}

func TestRandomAddr(t *testing.T) {
	tests := []struct {
		prefix string
		random []byte
		want   string
		left   int // bytes of random left unread
	}{
		{"192.0.2.0/24", []byte{0x2a, 9}, "192.0.2.42", 1},
		{"192.0.2.0/24", []byte{0xff}, "192.0.2.255", 0},
		{"192.0.2.0/25", []byte{0xff}, "192.0.2.127", 0},
		{"10.0.0.0/8", []byte{1, 2, 3}, "10.1.2.3", 0},
		{"10.0.0.0/12", []byte{0xff, 2, 3}, "10.15.2.3", 0},
		{"192.0.2.7/32", nil, "192.0.2.7", 0},
		{"0.0.0.0/0", []byte{192, 0, 2, 1}, "192.0.2.1", 0},
		{"2001:db8::/64", []byte{0, 0, 0, 0, 0, 0, 0, 1}, "2001:db8::1", 0},
		{"2001:db8::/64", bytes.Repeat([]byte{0xff}, 9), "2001:db8::ffff:ffff:ffff:ffff", 1},
		{"2001:db8::/125", []byte{0xfe}, "2001:db8::6", 0},
		{"::/0", bytes.Repeat([]byte{0xab}, 16), "abab:abab:abab:abab:abab:abab:abab:abab", 0},
	}
	for _, tt := range tests {
		p := netip.MustParsePrefix(tt.prefix)
		r := bytes.NewReader(tt.random)
		a, err := tool.RandomAddr(p, r)
		if err != nil || a != netip.MustParseAddr(tt.want) || r.Len() != tt.left || !p.Masked().Contains(a) {
			t.Errorf("RandomAddr(%v, % x) = %v, %v, %d bytes left; want %v, %d left", p, tt.random, a, err, r.Len(), tt.want, tt.left)
		}
	}
	if a, err := tool.RandomAddr(netip.MustParsePrefix("2001:db8::/64"), bytes.NewReader([]byte{1, 2})); err == nil {
		t.Errorf("RandomAddr from 2 bytes for a /64 = %v; want an error", a)
	}
	if _, err := tool.RandomAddr(netip.Prefix{}, bytes.NewReader(nil)); err == nil {
		t.Errorf("RandomAddr(zero Prefix) succeeded")
	}
}
