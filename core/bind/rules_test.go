package bind_test

import (
	"net/netip"
	"testing"

	"github.com/netground/netground/core/bind"
)

var (
	any4 = netip.MustParseAddr("0.0.0.0")
	any6 = netip.MustParseAddr("::")
	lo4  = netip.MustParseAddr("127.0.0.1")
	lo6  = netip.MustParseAddr("::1")
	lan  = netip.MustParseAddr("192.168.1.10")
)

func sock(a netip.Addr, port int) bind.Socket { return bind.Socket{Addr: a, Port: port} }

func with(s bind.Socket, f func(*bind.Socket)) bind.Socket { f(&s); return s }

var (
	reuseAddr = func(s *bind.Socket) { s.ReuseAddr = true }
	reusePort = func(s *bind.Socket) { s.ReusePort = true }
	exclusive = func(s *bind.Socket) { s.ExclusiveAddrUse = true }
	v6only    = func(s *bind.Socket) { s.V6Only = bind.On }
	dual      = func(s *bind.Socket) { s.V6Only = bind.Off }
	timeWait  = func(s *bind.Socket) { s.State = bind.TimeWait }
	bound     = func(s *bind.Socket) { s.State = bind.Bound }
	udp       = func(s *bind.Socket) { s.Proto = bind.UDP }
	userB     = func(s *bind.Socket) { s.User = "b" }
)

func TestConflict(t *testing.T) {
	w4, s4 := sock(any4, 8080), sock(lo4, 8080)
	w6 := sock(any6, 8080)
	tests := []struct {
		os            bind.OS
		first, second bind.Socket
		want          bind.Verdict
	}{
		// Linux: overlapping addresses.
		{bind.Linux, w4, s4, bind.AddrInUse},
		{bind.Linux, s4, w4, bind.AddrInUse},
		{bind.Linux, s4, sock(lan, 8080), bind.OK},
		{bind.Linux, s4, sock(lo4, 8081), bind.OK},
		{bind.Linux, s4, with(s4, udp), bind.OK},
		{bind.Linux, w4, w6, bind.AddrInUse},        // [::] dual-stack by default (bindv6only=0)
		{bind.Linux, w6, s4, bind.AddrInUse},        // dual-stack covers 127.0.0.1
		{bind.Linux, w4, with(w6, v6only), bind.OK}, // IPV6_V6ONLY separates the families
		{bind.Linux, with(w6, v6only), sock(lo6, 8080), bind.AddrInUse},
		{bind.Linux, sock(lo6, 8080), s4, bind.OK},
		// Linux: SO_REUSEADDR.
		{bind.Linux, with(w4, reuseAddr), with(w4, reuseAddr), bind.AddrInUse}, // the first listens
		{bind.Linux, with(with(w4, reuseAddr), bound), with(w4, reuseAddr), bind.OK},
		{bind.Linux, with(with(w4, reuseAddr), timeWait), with(w4, reuseAddr), bind.OK},
		{bind.Linux, with(w4, timeWait), with(w4, reuseAddr), bind.AddrInUse}, // both must set it
		{bind.Linux, with(with(w4, reuseAddr), timeWait), w4, bind.AddrInUse},
		{bind.Linux, with(with(w4, reuseAddr), udp), with(with(w4, reuseAddr), udp), bind.OK},
		// Linux: SO_REUSEPORT.
		{bind.Linux, with(w4, reusePort), with(w4, reusePort), bind.OK},
		{bind.Linux, with(w4, reusePort), with(with(w4, reusePort), userB), bind.AddrInUse},
		{bind.Linux, with(with(w4, reusePort), timeWait), with(with(w4, reusePort), userB), bind.OK},
		{bind.Linux, w4, with(w4, reusePort), bind.AddrInUse},
		{bind.Linux, with(w4, reusePort), w4, bind.AddrInUse},
		// macOS: only the new socket's options count.
		{bind.MacOS, w4, s4, bind.AddrInUse},
		{bind.MacOS, w4, with(s4, reuseAddr), bind.OK},
		{bind.MacOS, s4, with(w4, reuseAddr), bind.OK},
		{bind.MacOS, with(s4, reuseAddr), with(s4, reuseAddr), bind.AddrInUse},
		{bind.MacOS, with(s4, reusePort), with(s4, reusePort), bind.OK},
		{bind.MacOS, s4, with(s4, reusePort), bind.AddrInUse},
		{bind.MacOS, with(w4, timeWait), with(w4, reuseAddr), bind.OK},
		{bind.MacOS, with(w4, timeWait), w4, bind.AddrInUse},
		{bind.MacOS, w4, w6, bind.AddrInUse},                  // v6only defaults to 0
		{bind.MacOS, w4, with(w6, reuseAddr), bind.AddrInUse}, // dual-stack [::] counts as 0.0.0.0
		{bind.MacOS, w4, with(w6, v6only), bind.OK},
		// Windows: Microsoft's table, row by row.
		{bind.Windows, w4, w4, bind.AddrInUse},
		{bind.Windows, s4, w4, bind.OK},
		{bind.Windows, w4, s4, bind.OK},
		{bind.Windows, w4, with(s4, userB), bind.Access},
		{bind.Windows, s4, s4, bind.AddrInUse},
		{bind.Windows, with(s4, reuseAddr), s4, bind.Access},
		{bind.Windows, with(w4, exclusive), s4, bind.Access},
		{bind.Windows, with(s4, exclusive), s4, bind.AddrInUse},
		{bind.Windows, w4, with(w4, reuseAddr), bind.Access},
		{bind.Windows, with(w4, reuseAddr), with(w4, reuseAddr), bind.OK},
		{bind.Windows, with(s4, reuseAddr), with(s4, reuseAddr), bind.OK},
		{bind.Windows, s4, with(s4, reuseAddr), bind.Access},
		{bind.Windows, with(w4, exclusive), with(w4, reuseAddr), bind.Access},
		{bind.Windows, s4, with(w4, exclusive), bind.AddrInUse},
		{bind.Windows, with(w4, exclusive), with(s4, exclusive), bind.Access},
		{bind.Windows, w4, with(w6, dual), bind.AddrInUse},
		{bind.Windows, w4, w6, bind.OK}, // Windows sockets are IPv6-only by default
		{bind.Windows, with(w4, timeWait), w4, bind.OK},
		{bind.Windows, with(with(w4, exclusive), timeWait), w4, bind.AddrInUse},
		{bind.Windows, s4, sock(lan, 8080), bind.OK},
	}
	for _, tt := range tests {
		got, why := bind.Conflict(tt.os, tt.first, tt.second)
		if got != tt.want {
			t.Errorf("Conflict(%v, %+v, %+v) = %v (%s); want %v", tt.os, tt.first, tt.second, got, why, tt.want)
		}
		if got != bind.OK && why == "" {
			t.Errorf("Conflict(%v, %+v, %+v) = %v with no reason", tt.os, tt.first, tt.second, got)
		}
		// Another port never conflicts.
		other := tt.second
		other.Port++
		if v, _ := bind.Conflict(tt.os, tt.first, other); v != bind.OK {
			t.Errorf("Conflict(%v, %+v, %+v) = %v; want ok on another port", tt.os, tt.first, other, v)
		}
	}
}

func TestBindErrors(t *testing.T) {
	tests := []struct {
		os       bind.OS
		so       bind.Socket
		want     bind.Verdict
		wantPort int
	}{
		{bind.Linux, sock(netip.MustParseAddr("10.0.0.5"), 8080), bind.AddrNotAvail, 0},
		{bind.Linux, sock(netip.MustParseAddr("127.0.0.2"), 8080), bind.OK, 8080},
		{bind.MacOS, sock(netip.MustParseAddr("127.0.0.2"), 8080), bind.AddrNotAvail, 0},
		{bind.Windows, sock(netip.MustParseAddr("127.0.0.2"), 8080), bind.OK, 8080},
		{bind.Linux, sock(netip.MustParseAddr("172.17.0.1"), 8080), bind.OK, 8080},
		{bind.MacOS, sock(netip.MustParseAddr("172.17.0.1"), 8080), bind.AddrNotAvail, 0},
		{bind.Linux, with(sock(lan, 80), func(s *bind.Socket) { s.In = "c" }), bind.AddrNotAvail, 0},
		{bind.Linux, sock(any4, 80), bind.Access, 0},
		{bind.Linux, with(sock(any4, 80), func(s *bind.Socket) { s.Privileged = true }), bind.OK, 80},
		{bind.Linux, with(sock(any4, 80), func(s *bind.Socket) { s.In = "c" }), bind.OK, 80},
		{bind.Linux, with(sock(any4, 80), func(s *bind.Socket) { s.In = "hostnet" }), bind.Access, 0},
		{bind.MacOS, sock(any4, 80), bind.OK, 80},
		{bind.MacOS, sock(lo4, 80), bind.Access, 0},
		{bind.Windows, sock(lo4, 80), bind.OK, 80},
		{bind.Linux, sock(lo4, 0), bind.OK, 32768},
		{bind.MacOS, sock(lo4, 0), bind.OK, 49152},
		{bind.Windows, sock(lo4, 0), bind.OK, 49152},
		{bind.Windows, with(sock(lo4, 0), func(s *bind.Socket) { s.In = "c" }), bind.OK, 32768}, // containers run Linux
		{bind.Linux, sock(lo4, 1024), bind.OK, 1024},
	}
	for _, tt := range tests {
		s := bind.Scenario{V: bind.Version, OS: tt.os,
			Containers: []bind.Container{{Name: "c"}, {Name: "hostnet", Network: "host"}},
			Actions:    []bind.Action{{Do: bind.Listen, Socket: tt.so}}}
		tr, err := bind.Run(s)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		r := tr.Steps[0].Result
		if r.Verdict != tt.want || r.Port != tt.wantPort {
			t.Errorf("%v: listen %+v = %v port %d %q; want %v port %d", tt.os, tt.so, r.Verdict, r.Port, r.Reasons, tt.want, tt.wantPort)
		}
	}
}

func TestEphemeralSkipsUsed(t *testing.T) {
	s := bind.Scenario{V: bind.Version,
		Sockets: []bind.Socket{sock(any4, 32768), sock(lo4, 32769)},
		Actions: []bind.Action{{Do: bind.Listen, Socket: sock(lan, 0)}, {Do: bind.Listen, Socket: with(sock(lan, 0), udp)}}}
	tr, err := bind.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	if p := tr.Steps[0].Result.Port; p != 32770 {
		t.Errorf("port 0 got %d; want 32770", p)
	}
	if p := tr.Steps[1].Result.Port; p != 32768 {
		t.Errorf("udp port 0 got %d; want 32768", p)
	}
}
