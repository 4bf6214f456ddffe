package alloc_test

import (
	"bytes"
	"errors"
	"io"
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/tool"
	"github.com/netground/netground/core/tool/alloc"
)

func TestNewGlobalID(t *testing.T) {
	r := bytes.NewReader([]byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc})
	g, err := alloc.NewGlobalID(r)
	if err != nil || g.String() != "123456789a" || r.Len() != 1 {
		t.Fatalf("NewGlobalID = %v, %v (left %d bytes); want 123456789a, reading 5", g, err, r.Len())
	}
	if p := g.Prefix(); p != netip.MustParsePrefix("fd12:3456:789a::/48") {
		t.Errorf("(%v).Prefix() = %v; want fd12:3456:789a::/48", g, p)
	}
	want := []string{"fd12:3456:789a::/64", "fd12:3456:789a:1::/64", "fd12:3456:789a:2::/64"}
	got := g.Subnets(3)
	if len(got) != len(want) {
		t.Fatalf("(%v).Subnets(3) = %v; want %v", g, got, want)
	}
	for i := range want {
		if got[i] != netip.MustParsePrefix(want[i]) || !g.Prefix().Contains(got[i].Addr()) {
			t.Errorf("(%v).Subnets(3)[%d] = %v; want %v", g, i, got[i], want[i])
		}
	}
	if s := g.Subnet(0xffff); s != netip.MustParsePrefix("fd12:3456:789a:ffff::/64") {
		t.Errorf("(%v).Subnet(0xffff) = %v", g, s)
	}
	if n := len(g.Subnets(1 << 20)); n != 65536 {
		t.Errorf("len((%v).Subnets(1<<20)) = %d; want 65536", g, n)
	}
	if n := len(g.Subnets(-1)); n != 0 {
		t.Errorf("len((%v).Subnets(-1)) = %d; want 0", g, n)
	}
	if back, ok := alloc.GlobalIDOf(g.Subnet(7).Addr().Next()); !ok || back != g {
		t.Errorf("GlobalIDOf(an address in %v) = %v, %v", g.Prefix(), back, ok)
	}
	if g.As5() != [5]byte{0x12, 0x34, 0x56, 0x78, 0x9a} || alloc.GlobalIDFrom5(g.As5()) != g {
		t.Errorf("(%v).As5() = %x", g, g.As5())
	}

	_, err = alloc.NewGlobalID(bytes.NewReader([]byte{1, 2}))
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("NewGlobalID(2 bytes) error = %v; want io.ErrUnexpectedEOF", err)
	}
}

func TestGlobalIDOf(t *testing.T) {
	tests := []struct {
		addr string
		want string // "" if not a locally assigned ULA
	}{
		{"fd12:3456:789a::1", "123456789a"},
		{"fdff:ffff:ffff:ffff::1%eth0", "ffffffffff"},
		{"fc00::1", ""}, // the L = 0 half, never assigned
		{"2001:db8::1", ""},
		{"192.0.2.1", ""},
	}
	for _, tt := range tests {
		a := netip.MustParseAddr(tt.addr)
		g, ok := alloc.GlobalIDOf(a)
		if ok != (tt.want != "") || (ok && g.String() != tt.want) {
			t.Errorf("GlobalIDOf(%v) = %v, %v; want %q", a, g, ok, tt.want)
		}
	}
}

func TestParseGlobalID(t *testing.T) {
	tests := []struct {
		in      string
		want    string // "" for an error
		errPart string
	}{
		{"123456789a", "123456789a", ""},
		{"123456789A", "123456789a", ""},
		{"12:3456:789a", "123456789a", ""},
		{"12:34:56:78:9a", "123456789a", ""},
		{"0000000000", "0000000000", ""},
		{"", "", "empty"},
		{"123456789", "", "9 hex digits"},
		{"123456789ab", "", "11 hex digits"},
		{"fd12:3456:789a", "", "the /48 itself"},
		{"12::3456:789a", "", "colons go only between digits"},
		{":123456789a", "", "colons go only"},
		{"123456789a:", "", "colons go only"},
		{"12-3456-789a", "", `"-" is not a hex digit`},
		{"123456789g", "", `"g" is not a hex digit`},
	}
	for _, tt := range tests {
		g, err := alloc.ParseGlobalID(tt.in)
		if tt.want == "" {
			var te *tool.Error
			if err == nil || !errors.As(err, &te) || te.Input != tt.in || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("ParseGlobalID(%q) = %v, %v; want an error saying %q", tt.in, g, err, tt.errPart)
			}
			continue
		}
		if err != nil || g.String() != tt.want {
			t.Errorf("ParseGlobalID(%q) = %v, %v; want %v", tt.in, g, err, tt.want)
		}
		if back, err := alloc.ParseGlobalID(g.String()); back != g || err != nil {
			t.Errorf("ParseGlobalID(%q) = %v, %v; want %v", g.String(), back, err, g)
		}
	}
}
