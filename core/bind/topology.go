package bind

import (
	"net/netip"
	"strings"

	"github.com/netground/netground/core/internal/u128"
)

// topology is a scenario's fixed part with the defaults applied.
type topology struct {
	os        OS
	lan       netip.Prefix
	lan6      netip.Prefix
	bridge    netip.Prefix
	public    netip.Addr
	noNAT     bool
	forwards  []Forward
	firewall  Firewall
	ctrs      []ctr
	neighbour netip.Addr
}

// ctr is a container; ns 0 is the host, container i has ns i+1 unless it
// shares the host's.
type ctr struct {
	name    string
	addr    netip.Addr
	hostNet bool
}

func (s Scenario) topology() *topology {
	h := s.Host
	t := &topology{os: s.OS, lan: h.LAN, lan6: h.LAN6, bridge: h.Bridge, public: h.Router.Public,
		noNAT: h.Router.NoNAT, forwards: h.Router.Forwards, firewall: h.Firewall}
	if !t.lan.IsValid() {
		t.lan = DefaultLAN
	}
	if !t.bridge.IsValid() {
		t.bridge = DefaultBridge
	}
	if !t.public.IsValid() {
		t.public = DefaultPublic
	}
	// The neighbour is the LAN's last usable address, or the one before it
	// if that is the host.
	last := lastAddr(t.lan)
	t.neighbour = last.Prev()
	if t.neighbour == t.lan.Addr() {
		t.neighbour = t.neighbour.Prev()
	}
	// Docker hands out bridge addresses in order, after the gateway, skipping
	// those given explicitly.
	taken := map[netip.Addr]bool{t.bridge.Addr(): true}
	for _, c := range s.Containers {
		if c.Addr.IsValid() {
			taken[c.Addr] = true
		}
	}
	next := t.bridge.Masked().Addr().Next()
	for _, c := range s.Containers {
		k := ctr{name: c.Name, addr: c.Addr, hostNet: c.Network == "host"}
		if !k.hostNet && !k.addr.IsValid() {
			for ; t.bridge.Contains(next) && taken[next]; next = next.Next() {
			}
			if t.bridge.Contains(next) && next.Next().IsValid() && t.bridge.Contains(next.Next()) {
				k.addr = next
				taken[next] = true
			}
		}
		t.ctrs = append(t.ctrs, k)
	}
	return t
}

// ns returns the network namespace of a container name ("" is the host).
func (t *topology) ns(container string) int {
	if container == "" {
		return 0
	}
	for i, c := range t.ctrs {
		if c.name == container {
			if c.hostNet {
				return 0
			}
			return i + 1
		}
	}
	return -1
}

// nsName returns the container name of a namespace, "" for the host.
func (t *topology) nsName(ns int) string {
	if ns == 0 {
		return ""
	}
	return t.ctrs[ns-1].name
}

func (t *topology) nsDesc(ns int) string {
	if ns == 0 {
		return "the host"
	}
	return "container " + t.ctrs[ns-1].name
}

// nsOS is whose rules apply in a namespace: containers run on Linux.
func (t *topology) nsOS(ns int) OS {
	if ns == 0 {
		return t.os
	}
	return Linux
}

// hasBridge reports whether docker0 is on the host itself; Docker Desktop
// (macOS, Windows) keeps it inside its Linux VM.
func (t *topology) hasBridge() bool { return t.os == Linux }

// addrs returns a namespace's addresses besides loopback.
func (t *topology) addrs(ns int) []netip.Addr {
	if ns > 0 {
		return []netip.Addr{t.ctrs[ns-1].addr}
	}
	a := []netip.Addr{t.lan.Addr()}
	if t.lan6.IsValid() {
		a = append(a, t.lan6.Addr())
	}
	if t.hasBridge() {
		a = append(a, t.bridge.Addr())
	}
	return a
}

// isLocal reports whether addr belongs to the namespace. Linux and Windows
// route all of 127.0.0.0/8 to loopback; macOS configures only 127.0.0.1 on
// lo0 (another needs ifconfig lo0 alias).
func (t *topology) isLocal(ns int, addr netip.Addr) bool {
	if addr.Is4() && addr.IsLoopback() {
		return t.nsOS(ns) != MacOS || addr == netip.AddrFrom4([4]byte{127, 0, 0, 1})
	}
	if addr == netip.IPv6Loopback() {
		return true
	}
	for _, a := range t.addrs(ns) {
		if a == addr {
			return true
		}
	}
	return false
}

func (t *topology) addrList(ns int) string {
	var b strings.Builder
	if t.nsOS(ns) == MacOS {
		b.WriteString("127.0.0.1, ::1")
	} else {
		b.WriteString("127.0.0.0/8, ::1")
	}
	for _, a := range t.addrs(ns) {
		b.WriteString(", ")
		b.WriteString(a.String())
	}
	return b.String()
}

// containerAt returns the namespace of the container with the address, or 0.
func (t *topology) containerAt(addr netip.Addr) int {
	for i, c := range t.ctrs {
		if !c.hostNet && c.addr == addr {
			return i + 1
		}
	}
	return 0
}

// hostLAN reports whether addr is one of the host's LAN addresses.
func (t *topology) hostLAN(addr netip.Addr) bool {
	return addr == t.lan.Addr() || (t.lan6.IsValid() && addr == t.lan6.Addr())
}

// lastAddr returns the last address of an IPv4 prefix: its broadcast.
func lastAddr(p netip.Prefix) netip.Addr {
	return u128.FromAddr(p.Masked().Addr()).Or(u128.Ones(32 - p.Bits())).Addr(true)
}
