package paste

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/scenario"
	"go4.org/netipx"
)

var (
	any4 = netip.IPv4Unspecified()
	any6 = netip.IPv6Unspecified()
	lo4  = netip.AddrFrom4([4]byte{127, 0, 0, 1})
	lo6  = netip.IPv6Loopback()
)

// bridges are docker0 subnets to pick from when the default one overlaps
// the LAN the scenario needs.
var bridges = []netip.Prefix{bind.DefaultBridge, netip.MustParsePrefix("172.31.0.1/16"),
	netip.MustParsePrefix("10.255.0.1/16"), netip.MustParsePrefix("192.168.254.1/24")}

// withBridge sets a docker0 subnet that does not overlap the LAN.
func withBridge(h *bind.Host) {
	lan := h.LAN
	if !lan.IsValid() {
		lan = bind.DefaultLAN
	}
	for _, b := range bridges {
		if !b.Overlaps(lan) {
			if b != bind.DefaultBridge {
				h.Bridge = b
			}
			return
		}
	}
}

// lanFor returns a LAN prefix whose host address is a, as a/24, a/16 or
// a/8, whichever first makes a neither the network's nor the broadcast
// address. It reports false for an address that cannot be an interface's.
func lanFor(a netip.Addr) (netip.Prefix, bool) {
	if !usable4(a) {
		return netip.Prefix{}, false
	}
	for _, bits := range []int{24, 16, 8} {
		p := netip.PrefixFrom(a, bits)
		if a != p.Masked().Addr() && a != netipx.PrefixLastIP(p.Masked()) {
			return p, true
		}
	}
	return netip.Prefix{}, false
}

// lan6For returns a/64 for a global or unique local IPv6 address.
func lan6For(a netip.Addr) (netip.Prefix, bool) {
	a = a.WithZone("")
	if !a.Is6() || a.Is4In6() || a.IsLoopback() || a.IsUnspecified() || a.IsLinkLocalUnicast() || a.IsMulticast() {
		return netip.Prefix{}, false
	}
	p := netip.PrefixFrom(a, 64)
	if a == p.Masked().Addr() {
		return netip.Prefix{}, false
	}
	return p, true
}

// usable4 reports whether a can be a host's IPv4 interface address.
func usable4(a netip.Addr) bool {
	return a.Is4() && !a.IsLoopback() && !a.IsUnspecified() && !a.IsMulticast() && !a.IsLinkLocalUnicast() && a != netip.AddrFrom4([4]byte{255, 255, 255, 255})
}

// unreachableLAN returns a LAN that contains a, with the host and the
// lab's neighbour on other addresses, so that a is nobody's.
func unreachableLAN(a netip.Addr) (netip.Prefix, bool) {
	if !usable4(a) {
		return netip.Prefix{}, false
	}
	for bits := 24; bits >= 8; bits-- {
		p := netip.PrefixFrom(a, bits).Masked()
		last := netipx.PrefixLastIP(p)
		host := p.Addr().Next()
		if host == a {
			host = host.Next()
		}
		neighbour := last.Prev()
		if neighbour == host {
			neighbour = neighbour.Prev()
		}
		if a != p.Addr() && a != last && a != neighbour && host != last {
			return netip.PrefixFrom(host, bits), true
		}
	}
	return netip.Prefix{}, false
}

// dockerBridgeOf returns the docker bridge /16 holding a, if a is in
// 172.16.0.0/12, where Docker's networks live, and not its gateway.
func dockerBridgeOf(a netip.Addr) (netip.Prefix, bool) {
	if !a.Is4() || !netip.MustParsePrefix("172.16.0.0/12").Contains(a) {
		return netip.Prefix{}, false
	}
	p := netip.PrefixFrom(a, 16).Masked()
	gw := p.Addr().Next()
	if a == p.Addr() || a == gw || a == netipx.PrefixLastIP(p) || p.Overlaps(bind.DefaultLAN) {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(gw, 16), true
}

func connectTo(from bind.Vantage, to string, p uint16) bind.Action {
	return bind.Action{Do: bind.Connect, From: from, To: to, Socket: bind.Socket{Port: int(p)}}
}

// program returns a process name for the program that printed the error.
func (d Diagnosis) program() string {
	switch d.Source {
	case "Node.js":
		return "node"
	case "Python":
		return "python"
	case "Java":
		return "java"
	case "Go":
		return "go-server"
	case ".NET":
		return "dotnet"
	}
	return "server"
}

// build writes the lab scenario that reproduces the error, its key step,
// the verdict the lab shows there, and the link.
func build(d *Diagnosis) {
	p := d.Port
	note := func(format string, args ...any) {
		if d.LabNote != "" {
			d.LabNote += "; "
		}
		d.LabNote += fmt.Sprintf(format, args...)
	}
	if p == 0 {
		p = 8080
		if d.Errno == Access {
			p = 80
		}
		note("the message names no port, so the lab uses %d", p)
	}
	a := d.Addr.WithZone("")
	if a.Is4In6() {
		a = a.Unmap()
	}
	s := bind.Scenario{V: bind.Version}
	if d.OS == bind.Windows {
		s.OS = bind.Windows
	}
	d.LabVerdict = verdictOf(d.Errno)
	switch d.Errno {
	case AddrInUse:
		buildInUse(d, &s, a, p, note)
	case ConnRefused:
		buildRefused(d, &s, a, p, note)
	case TimedOut:
		buildTimeout(&s, a, p, note)
	case HostUnreach, NetUnreach:
		buildNoRoute(d, &s, a, p, note)
	case AddrNotAvail:
		buildNotAvail(d, &s, a, p, note)
	case Access:
		buildAccess(d, &s, a, p, note)
	case EmptyReply, ConnReset:
		s.OS = bind.Linux
		s.Containers = []bind.Container{{Name: "app"}}
		s.Sockets = []bind.Socket{{Process: "server", In: "app", Addr: lo4, Port: int(p)}}
		s.Publish = []bind.Port{{Container: "app", HostPort: int(p), Port: int(p)}}
		s.Actions = []bind.Action{
			connectTo(bind.FromHost, "127.0.0.1", p),
			{Do: bind.Close, Socket: bind.Socket{Process: "server", In: "app"}},
			{Do: bind.Listen, Socket: bind.Socket{Process: "server", In: "app", Addr: any4, Port: int(p)}},
			connectTo(bind.FromHost, "127.0.0.1", p),
		}
		note("the lab shows the commonest cause: docker-proxy accepts on the published port, finds nothing listening on the container's bridge address and drops the connection, which the client sees as %s", d.Verdict)
	}
	d.Scenario = s
	d.Lab, d.LabOutcome = scenario.WidgetBind, d.LabVerdict.String()
	// The lab opens on the step that fails: the scenario goes on to the
	// fix, and without a step the lab would show its end.
	d.Link = "/bind?step=" + strconv.Itoa(d.Step+1) + strings.TrimPrefix(labLink(s), "/bind")
}

// verdictOf returns the Bind verdict of the lab step that reproduces e.
func verdictOf(e Errno) bind.Verdict {
	switch e {
	case AddrInUse:
		return bind.AddrInUse
	case ConnRefused:
		return bind.Refused
	case EmptyReply, ConnReset:
		return bind.Reset
	case TimedOut:
		return bind.TimedOut
	case HostUnreach, NetUnreach:
		return bind.NoRoute
	case AddrNotAvail:
		return bind.AddrNotAvail
	case Access:
		return bind.Access
	}
	return bind.Done
}

type noteFunc func(format string, args ...any)

func buildInUse(d *Diagnosis, s *bind.Scenario, a netip.Addr, p uint16, note noteFunc) {
	if d.OS == bind.MacOS {
		s.OS = bind.MacOS
	}
	addr := any4
	switch {
	case !a.IsValid():
	case a.IsUnspecified() || a.IsLoopback():
		addr = a
	case a.Is4():
		if lan, ok := lanFor(a); ok {
			s.Host.LAN = lan
			withBridge(&s.Host)
			addr = a
		}
	case a.Is6():
		if lan6, ok := lan6For(a); ok {
			s.Host.LAN6 = lan6
			addr = a
		} else {
			addr = any6
		}
	}
	if s.OS == bind.MacOS && addr.Is4() && addr.IsLoopback() && addr != lo4 {
		addr = lo4
	}
	if d.Source == "Docker" {
		s.OS = bind.Linux
		pub := bind.Port{Container: "new", HostPort: int(p), Port: int(p)}
		if addr.IsValid() && !addr.IsUnspecified() {
			pub.Addr = addr
		}
		if contains(d.Line, "allocated") {
			s.Containers = []bind.Container{{Name: "running"}, {Name: "new"}}
			old := pub
			old.Container = "running"
			s.Publish = []bind.Port{old}
			note("another container already publishes host port %d", p)
		} else {
			s.Containers = []bind.Container{{Name: "new"}}
			s.Sockets = []bind.Socket{{Process: "other-process", Addr: orAddr(pub.Addr, any4), Port: int(p), Privileged: true}}
			note("a process on the host already listens on port %d", p)
		}
		s.Actions = []bind.Action{{Do: bind.Publish, Publish: &pub}}
		return
	}
	holder := bind.Socket{Process: "other-process", Addr: addr, Port: int(p), Privileged: true}
	s.Sockets = []bind.Socket{holder}
	s.Actions = []bind.Action{
		{Do: bind.Listen, Socket: bind.Socket{Process: d.program(), Addr: addr, Port: int(p), Privileged: true}},
		{Do: bind.Close, Socket: bind.Socket{Process: "other-process"}},
		{Do: bind.Listen, Socket: bind.Socket{Process: d.program(), Addr: addr, Port: int(p), Privileged: true}},
	}
}

func orAddr(a, def netip.Addr) netip.Addr {
	if a.IsValid() {
		return a
	}
	return def
}

func buildRefused(d *Diagnosis, s *bind.Scenario, a netip.Addr, p uint16, note noteFunc) {
	switch {
	case !a.IsValid() && (d.Host == "localhost" || d.Host == ""):
		if d.Host == "" {
			note("the message names no address, so the lab dials localhost")
		}
		s.Actions = []bind.Action{connectTo(bind.FromHost, "localhost", p)}
	case !a.IsValid() && d.Host == "host.docker.internal":
		s.OS = bind.Linux
		s.Containers = []bind.Container{{Name: "app"}}
		s.Sockets = []bind.Socket{{Process: "dev-server", Addr: lo4, Port: int(p)}}
		s.Actions = []bind.Action{connectTo(bind.FromContainer("app"), bind.DefaultBridge.Addr().String(), p)}
		note("host.docker.internal is the host's bridge address %v; a server on the host's 127.0.0.1 does not take connections there", bind.DefaultBridge.Addr())
	case !a.IsValid():
		s.Actions = []bind.Action{connectTo(bind.FromLAN, bind.DefaultLAN.Addr().String(), p)}
		note("the lab stands %s for the host %v, with nothing listening on port %d", d.Host, bind.DefaultLAN.Addr(), p)
	case a == lo6:
		s.Sockets = []bind.Socket{{Process: "server", Addr: lo4, Port: int(p)}}
		s.Actions = []bind.Action{connectTo(bind.FromHost, "::1", p), connectTo(bind.FromHost, "127.0.0.1", p)}
		note("the lab puts the server on 127.0.0.1 only, the commonest reason ::1 is refused")
	case a.Is4() && a.IsLoopback() || a.IsUnspecified():
		to := a
		if a.IsUnspecified() {
			to = lo4
			note("connecting to 0.0.0.0 reaches the machine itself; the lab dials 127.0.0.1")
		}
		if s.OS == bind.MacOS {
			s.OS = bind.Linux
		}
		s.Actions = []bind.Action{connectTo(bind.FromHost, to.String(), p)}
	default:
		if br, ok := dockerBridgeOf(a); ok && s.OS != bind.Windows {
			s.Host.Bridge = br
			s.Containers = []bind.Container{{Name: "app", Addr: a}}
			s.Actions = []bind.Action{connectTo(bind.FromHost, a.String(), p)}
			note("%v is in Docker's address space, so the lab makes it container app with nothing listening on port %d", a, p)
			return
		}
		if lan, ok := lanFor(a); ok {
			s.Host.LAN = lan
			withBridge(&s.Host)
		} else if lan6, ok := lan6For(a); ok {
			s.Host.LAN6 = lan6
		} else {
			s.Actions = []bind.Action{connectTo(bind.FromHost, "127.0.0.1", p)}
			note("%v cannot be a host's address in the lab; it dials 127.0.0.1 instead", d.Addr)
			return
		}
		s.Actions = []bind.Action{connectTo(bind.FromLAN, a.String(), p)}
		note("the lab's host is the server at %v, with nothing listening on port %d, and the client is its LAN neighbour", a, p)
	}
}

func buildTimeout(s *bind.Scenario, a netip.Addr, p uint16, note noteFunc) {
	s.OS = bind.Linux
	switch {
	case a.Is4() && usable4(a) && !a.IsPrivate():
		s.Host.Router.Public = a
		s.Actions = []bind.Action{connectTo(bind.FromInternet, a.String(), p)}
		note("the lab makes %v the public address of a home router that does NAT without a port forward for %d", a, p)
		return
	case a.Is4():
		if lan, ok := lanFor(a); ok {
			s.Host.LAN = lan
			withBridge(&s.Host)
		} else {
			a = bind.DefaultLAN.Addr()
		}
	case a.Is6():
		if lan6, ok := lan6For(a); ok {
			s.Host.LAN6 = lan6
		} else {
			a = bind.DefaultLAN.Addr()
		}
	default:
		a = bind.DefaultLAN.Addr()
	}
	allow := []int{22}
	if p == 22 {
		allow = []int{443}
	}
	s.Host.Firewall = bind.Firewall{On: true, Allow: allow}
	s.Sockets = []bind.Socket{{Process: "server", Addr: any4, Port: int(p), Privileged: true}}
	if a.Is6() {
		s.Sockets[0].Addr = any6
	}
	s.Actions = []bind.Action{connectTo(bind.FromLAN, a.String(), p)}
	note("the lab's host is the server at %v, listening on port %d behind a host firewall that drops it", a, p)
}

func buildNoRoute(d *Diagnosis, s *bind.Scenario, a netip.Addr, p uint16, note noteFunc) {
	s.OS = bind.Linux
	if d.Errno == NetUnreach && a.Is4() && a.IsPrivate() {
		s.Actions = []bind.Action{connectTo(bind.FromInternet, a.String(), p)}
		note("the lab shows a private address dialled from the internet, which has no route to it")
		return
	}
	if br, ok := dockerBridgeOf(a); ok {
		s.Host.Bridge = br
		s.Actions = []bind.Action{connectTo(bind.FromHost, a.String(), p)}
		note("%v is in Docker's address space, so the lab makes it an address of the bridge that no container has", a)
		return
	}
	switch {
	case a.Is4():
		if lan, ok := unreachableLAN(a); ok {
			s.Host.LAN = lan
			withBridge(&s.Host)
			break
		}
		a = netip.AddrFrom4([4]byte{192, 168, 1, 50})
	case a.Is6() && !a.IsLoopback() && !a.IsLinkLocalUnicast() && !a.IsUnspecified() && !a.IsMulticast():
		host := netip.PrefixFrom(a, 64).Masked().Addr().Next()
		if host == a {
			host = host.Next()
		}
		if _, ok := lan6For(host); ok {
			s.Host.LAN6 = netip.PrefixFrom(host, 64)
			break
		}
		// ::/64 (IPv4-compatible addresses): its first address is
		// loopback, no interface's.
		a = netip.AddrFrom4([4]byte{192, 168, 1, 50})
	default:
		a = netip.AddrFrom4([4]byte{192, 168, 1, 50})
	}
	s.Actions = []bind.Action{connectTo(bind.FromHost, a.String(), p)}
	if d.Errno == NetUnreach {
		note("the lab cannot take the default route away; it shows the nearest case, an address on the host's own network that nobody has")
	} else {
		note("the lab puts %v on the host's network with no machine answering for it", a)
	}
}

func buildNotAvail(d *Diagnosis, s *bind.Scenario, a netip.Addr, p uint16, note noteFunc) {
	switch {
	case a.Is4() && a.IsLoopback() && a != lo4:
		s.OS = bind.MacOS
		note("on Linux all of 127.0.0.0/8 is local; the lab shows macOS, where only 127.0.0.1 is")
	case !a.IsValid() || a.IsLoopback() || a.IsUnspecified() || a.IsMulticast():
		a = netip.AddrFrom4([4]byte{192, 168, 1, 50})
		note("the lab binds %v, an address of the LAN that is not the host's", a)
	case a.Is4():
		if bind.DefaultLAN.Contains(a) && a == bind.DefaultLAN.Addr() {
			s.Host.LAN = netip.MustParsePrefix("10.200.0.10/24")
		}
	}
	if d.Op == "connect" {
		note("the lab shows the bind form; a connect fails the same way when it has no local address or port left to use")
	}
	s.Actions = []bind.Action{{Do: bind.Listen, Socket: bind.Socket{Process: d.program(), Addr: a, Port: int(p), Privileged: true}}}
}

func buildAccess(d *Diagnosis, s *bind.Scenario, a netip.Addr, p uint16, note noteFunc) {
	if s.OS == bind.Windows {
		s.Sockets = []bind.Socket{{Process: "system-service", Addr: any4, Port: int(p), ExclusiveAddrUse: true}}
		s.Actions = []bind.Action{{Do: bind.Listen, Socket: bind.Socket{Process: d.program(), Addr: lo4, Port: int(p)}}}
		note("Windows has no privileged ports; the lab shows a port held with SO_EXCLUSIVEADDRUSE, which Windows refuses with WSAEACCES, as it does a port in an excluded range")
		return
	}
	if p >= 1024 {
		note("port %d is not privileged, so EACCES there comes from a security module or firewall the lab does not model; it shows port 80 instead", p)
		p = 80
	}
	addr := any4
	if d.OS == bind.MacOS {
		s.OS = bind.MacOS
		addr = lo4
		note("macOS lets anyone bind a low port on 0.0.0.0 but not on a specific address")
	} else if a.IsLoopback() && a.Is4() || a == lo6 {
		addr = a
	}
	s.Actions = []bind.Action{
		{Do: bind.Listen, Socket: bind.Socket{Process: d.program(), Addr: addr, Port: int(p)}},
		{Do: bind.Listen, Socket: bind.Socket{Process: d.program(), Addr: addr, Port: int(p), Privileged: true}},
	}
}
