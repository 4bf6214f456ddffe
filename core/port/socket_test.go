package port_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/port"
)

func TestParseSocket(t *testing.T) {
	tests := []struct {
		in       string
		host     string
		port     uint16
		isName   bool
		allIfs   bool
		wantNote string // substring of one of Notes; "" to skip
	}{
		{"1.2.3.4:80", "1.2.3.4", 80, false, false, "well-known"},
		{"[2001:db8::1]:443", "2001:db8::1", 443, false, false, ""},
		{"[fe80::1%eth0]:22", "fe80::1%eth0", 22, false, false, "link-local"},
		{"[fe80::1]:22", "fe80::1", 22, false, false, "needs a zone"},
		{"localhost:5432", "localhost", 5432, true, false, "never leaves this machine"},
		{"example.com:443", "example.com", 443, true, false, ""},
		{"Example.COM.:443", "Example.COM.", 443, true, false, ""},
		{"_sip._tcp.example.com:5060", "_sip._tcp.example.com", 5060, true, false, ""},
		{"127.0.0.1:0", "127.0.0.1", 0, false, false, "picks a free ephemeral port"},
		{"127.8.9.10:65535", "127.8.9.10", 65535, false, false, "loopback"},
		{"[::1]:80", "::1", 80, false, false, "never leaves this machine"},
		{":8080", "", 8080, false, true, "every interface"},
		{"0.0.0.0:8080", "0.0.0.0", 8080, false, true, "not a destination"},
		{"[::]:8080", "::", 8080, false, true, "every interface"},
		{"[::ffff:1.2.3.4]:80", "::ffff:1.2.3.4", 80, false, false, ""},
	}
	for _, tt := range tests {
		s, err := port.ParseSocket(tt.in)
		if err != nil {
			t.Errorf("ParseSocket(%q) error: %v", tt.in, err)
			continue
		}
		if s.Host() != tt.host || s.Port() != tt.port || s.IsName() != tt.isName || s.IsAllInterfaces() != tt.allIfs || !s.IsValid() {
			t.Errorf("ParseSocket(%q) = host %q port %d name %v all %v; want %q %d %v %v",
				tt.in, s.Host(), s.Port(), s.IsName(), s.IsAllInterfaces(), tt.host, tt.port, tt.isName, tt.allIfs)
		}
		if s.String() != tt.in {
			t.Errorf("ParseSocket(%q).String() = %q; want the input back", tt.in, s.String())
		}
		if back := port.MustParseSocket(s.String()); back != s {
			t.Errorf("ParseSocket(%q) = %v; round trip gives %v", tt.in, s, back)
		}
		if _, ok := s.AddrPort(); ok == (tt.isName || tt.host == "") {
			t.Errorf("ParseSocket(%q).AddrPort() ok = %v", tt.in, ok)
		}
		if tt.wantNote != "" && !strings.Contains(strings.Join(s.Notes(), "\n"), tt.wantNote) {
			t.Errorf("ParseSocket(%q).Notes() = %q; want one mentioning %q", tt.in, s.Notes(), tt.wantNote)
		}
	}
}

func TestParseSocketErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"::1:80", `socket "::1:80": ambiguous: an IPv6 address with a port needs brackets; write [::1]:80`},
		{"2001:db8::1:443", "write [2001:db8::1]:443"},
		{"fe80::1", `socket "fe80::1": missing port; an IPv6 address with a port is written [fe80::1]:PORT`},
		{"1.2.3.4", `socket "1.2.3.4": missing port; write 1.2.3.4:PORT`},
		{"localhost", "missing port"},
		{"1.2.3.4:", "missing port after the colon"},
		{"[::1]", "missing port; write [::1]:PORT"},
		{"[::1]80", "expected : and a port after ]"},
		{"[::1:80", "missing ]"},
		{"1.2.3.4:65536", `port "65536": 65536 is out of range`},
		{"1.2.3.4:-1", "negative"},
		{"1.2.3.4:080", "leading zero"},
		{"[1.2.3.4]:80", "brackets are only for IPv6 addresses; write 1.2.3.4:80"},
		{"[localhost]:80", "brackets hold an IPv6 address"},
		{"1.2.3.256:80", "1.2.3.256"},
		{"exa mple.com:80", `' ' is not allowed`},
		{"bücher.de:80", "xn--"},
		{"-bad.com:80", "starts or ends with '-'"},
		{"a..b:80", "empty label"},
		{"", "empty"},
		{":", "missing port after the colon"},
		{"a:b:c", "too many colons"},
	}
	for _, tt := range tests {
		_, err := port.ParseSocket(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseSocket(%q) error = %v; want one containing %q", tt.in, err, tt.want)
		}
	}
}

func TestSocketFrom(t *testing.T) {
	s := port.SocketFrom(netip.MustParseAddr("192.0.2.1"), 443)
	if s.String() != "192.0.2.1:443" || s.Addr() != netip.MustParseAddr("192.0.2.1") {
		t.Errorf("SocketFrom(192.0.2.1, 443) = %v", s)
	}
	if z := port.SocketFrom(netip.MustParseAddr("fe80::1%]"), 80); z.IsValid() {
		t.Errorf("SocketFrom(fe80::1%%], 80) = %v; want the zero Socket", z)
	}
	if z := port.SocketFrom(netip.Addr{}, 80); z.IsValid() || z != (port.Socket{}) || z.String() != "invalid Socket" {
		t.Errorf("SocketFrom(zero Addr, 80) = %v; want the zero Socket", z)
	}
}

func FuzzParseSocket(f *testing.F) {
	for _, s := range []string{"1.2.3.4:80", "[2001:db8::1]:443", "[fe80::1%eth0]:22", "localhost:5432",
		"example.com:443", ":8080", "::1:80", "[::ffff:1.2.3.4]:0", "a.b.:65535", "[::1%a:b]:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sock, err := port.ParseSocket(s)
		if err != nil {
			if !strings.Contains(err.Error(), "socket ") {
				t.Fatalf("ParseSocket(%q) error %q does not name the socket", s, err)
			}
			return
		}
		str := sock.String()
		back, err := port.ParseSocket(str)
		if err != nil {
			t.Fatalf("ParseSocket(%q) = %v, which does not parse back: %v", s, str, err)
		}
		if back != sock || back.String() != str {
			t.Fatalf("ParseSocket(%q) = %v; round trip gives %v", s, sock, back)
		}
		if ap, ok := sock.AddrPort(); ok && ap.String() != str {
			t.Fatalf("ParseSocket(%q).AddrPort() = %v; String() = %v", s, ap, str)
		}
		_ = sock.Notes()
	})
}
