package tool_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/tool"
)

func TestEUI64(t *testing.T) {
	tests := []struct {
		mac       string
		iid       string
		linkLocal string
	}{
		// RFC 2464 Section 4's example: 34-56-78-9A-BC-DE gives the
		// interface identifier 36-56-78-FF-FE-9A-BC-DE.
		{"34-56-78-9a-bc-de", "3656:78ff:fe9a:bcde", "fe80::3656:78ff:fe9a:bcde"},
		// RFC 4291 Appendix A: a universal address (u = 0) gets u = 1 ...
		{"00:00:5e:00:53:01", "200:5eff:fe00:5301", "fe80::200:5eff:fe00:5301"},
		// ... and a local one (u = 1) gets u = 0; the other bits stay.
		{"02:00:5e:00:53:01", "0:5eff:fe00:5301", "fe80::5eff:fe00:5301"},
		{"00:1b:63:84:45:e6", "21b:63ff:fe84:45e6", "fe80::21b:63ff:fe84:45e6"},
		{"ff:ff:ff:ff:ff:ff", "fdff:ffff:feff:ffff", "fe80::fdff:ffff:feff:ffff"},
		{"00:00:00:00:00:00", "200:ff:fe00:0", "fe80::200:ff:fe00:0"},
	}
	for _, tt := range tests {
		m := tool.MustParseMAC(tt.mac)
		id := m.InterfaceID()
		if id.String() != tt.iid {
			t.Errorf("(%v).InterfaceID() = %v; want %v", m, id, tt.iid)
		}
		ll := tool.LinkLocal(m)
		if ll != netip.MustParseAddr(tt.linkLocal) {
			t.Errorf("LinkLocal(%v) = %v; want %v", m, ll, tt.linkLocal)
		}
		// The reverse: the MAC inside the address.
		back, ok := tool.InterfaceIDOf(ll)
		if !ok || back != id || !back.IsEUI64() {
			t.Errorf("InterfaceIDOf(%v) = %v, %v; want %v, EUI-64", ll, back, ok, id)
		}
		if got, ok := back.MAC(); !ok || got != m {
			t.Errorf("(%v).MAC() = %v, %v; want %v", back, got, ok, m)
		}
		if got := tool.InterfaceIDFrom8(id.As8()); got != id {
			t.Errorf("InterfaceIDFrom8(%x) = %v; want %v", id.As8(), got, id)
		}
	}
}

// eui64Model builds the identifier the long way, bit by bit as RFC 4291
// Appendix A draws it: cccccc0gcccccccc cccccccc11111111 11111110mmmmmmmm
// mmmmmmmmmmmmmmmm with the u bit (the seventh) inverted.
func eui64Model(mac [6]byte) [8]byte {
	var bits []byte
	push := func(b byte) {
		for i := 7; i >= 0; i-- {
			bits = append(bits, b>>i&1)
		}
	}
	for _, b := range mac[:3] {
		push(b)
	}
	push(0xff)
	push(0xfe)
	for _, b := range mac[3:] {
		push(b)
	}
	bits[6] ^= 1
	var out [8]byte
	for i, b := range bits {
		out[i/8] |= b << (7 - i%8)
	}
	return out
}

func TestEUI64Model(t *testing.T) {
	for i := range 512 {
		mac := [6]byte{byte(i), byte(i * 7), byte(i * 13), byte(i * 31), byte(i >> 1), byte(i * 101)}
		m := tool.MACFrom6(mac)
		if got, want := m.InterfaceID().As8(), eui64Model(mac); got != want {
			t.Fatalf("(%v).InterfaceID() = %x; want %x", m, got, want)
		}
		if back, ok := m.InterfaceID().MAC(); !ok || back != m {
			t.Fatalf("(%v).InterfaceID().MAC() = %v, %v", m, back, ok)
		}
	}
}

func TestInterfaceIDNotEUI64(t *testing.T) {
	for _, s := range []string{"2001:db8::1", "fe80::1", "2001:db8::3656:78ff:fe9a:bcd:0", "fe80::1ff:fe23:4567:890a", "fe80::1234:56ff:fe78:9abc"} {
		a := netip.MustParseAddr(s)
		id, ok := tool.InterfaceIDOf(a)
		want := strings.HasSuffix(s, "56ff:fe78:9abc")
		if !ok || id.IsEUI64() != want {
			t.Errorf("InterfaceIDOf(%v).IsEUI64() = %v; want %v", a, id.IsEUI64(), want)
		}
		if m, ok := id.MAC(); ok != want || (!ok && m.IsValid()) {
			t.Errorf("(%v).MAC() = %v, %v; want ok %v", id, m, ok, want)
		}
	}
	for _, s := range []string{"192.0.2.1", "::ffff:192.0.2.1"} {
		if id, ok := tool.InterfaceIDOf(netip.MustParseAddr(s)); ok || id != (tool.InterfaceID{}) {
			t.Errorf("InterfaceIDOf(%s) = %v, %v; want none", s, id, ok)
		}
	}
	if id, _ := tool.InterfaceIDOf(netip.MustParseAddr("fe80::1ff:fe23:4567:890a%eth0")); id.String() != "1ff:fe23:4567:890a" {
		t.Errorf("InterfaceIDOf with a zone = %v", id)
	}
	if tool.InterfaceIDFrom8([8]byte{}).String() != "0:0:0:0" {
		t.Errorf("zero InterfaceID String = %q", tool.InterfaceIDFrom8([8]byte{}))
	}
	if !strings.Contains(tool.EUI64Note, "RFC 7217") || !strings.Contains(tool.EUI64Note, "RFC 8981") {
		t.Errorf("EUI64Note does not cite RFC 7217 and RFC 8981: %q", tool.EUI64Note)
	}
}

func TestSLAAC(t *testing.T) {
	tests := []struct {
		prefix  string
		mac     string
		want    string // "" for an error
		errPart string
	}{
		{"2001:db8:1:2::/64", "34:56:78:9a:bc:de", "2001:db8:1:2:3656:78ff:fe9a:bcde", ""},
		{"2001:db8:1:2::99/64", "34:56:78:9a:bc:de", "2001:db8:1:2:3656:78ff:fe9a:bcde", ""},
		{"fe80::/64", "00:00:5e:00:53:01", "fe80::200:5eff:fe00:5301", ""},
		{"2001:db8::/48", "34:56:78:9a:bc:de", "", `prefix "2001:db8::/48": is a /48; SLAAC needs a /64`},
		{"2001:db8::/80", "34:56:78:9a:bc:de", "", "is a /80"},
		{"192.0.2.0/24", "34:56:78:9a:bc:de", "", "is IPv4"},
	}
	for _, tt := range tests {
		p, m := netip.MustParsePrefix(tt.prefix), tool.MustParseMAC(tt.mac)
		a, err := tool.SLAAC(p, m)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("SLAAC(%v, %v) = %v, %v; want an error saying %q", p, m, a, err, tt.errPart)
			}
			continue
		}
		if err != nil || a != netip.MustParseAddr(tt.want) {
			t.Errorf("SLAAC(%v, %v) = %v, %v; want %v", p, m, a, err, tt.want)
		}
	}
	if a, err := tool.SLAAC(netip.MustParsePrefix("2001:db8::/64"), tool.MAC{}); err == nil {
		t.Errorf("SLAAC with the zero MAC = %v; want an error", a)
	}
	if a, err := tool.SLAAC(netip.Prefix{}, exampleMAC); err == nil {
		t.Errorf("SLAAC with the zero Prefix = %v; want an error", a)
	}
	if a := tool.LinkLocal(tool.MAC{}); a.IsValid() {
		t.Errorf("LinkLocal(zero MAC) = %v; want the zero Addr", a)
	}
}
