package bind

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// origin is where a connection arriving at the host comes from.
type origin uint8

const (
	fromInside   origin = iota // a container on the host
	fromNeighbor               // the LAN
	fromOutside                // the internet
)

// Connect connects from a vantage point to an IP address and port and
// returns the verdict, which socket accepted (for Connected) and the path in
// plain words. It does not change the state.
func (st State) Connect(from Vantage, to netip.AddrPort, proto Proto) Result {
	var r Result
	if st.t == nil {
		r.fail(NoRoute, "no scenario")
		return r
	}
	st.connect(from, to, proto, &r)
	return r
}

func (st State) connect(from Vantage, dst netip.AddrPort, proto Proto, r *Result) {
	t := st.t
	r.add("%s connects to %s (%s)", from.describe(), dst, proto)
	r.hop(vantageHop(from, dst))
	switch from.kind {
	case vantageHost:
		st.fromNS(0, dst, proto, r)
	case vantageContainer:
		ns := t.ns(from.container)
		switch {
		case ns < 0:
			r.fail(NoRoute, "there is no container %q", from.container)
			r.stopAt("there is no container %s", from.container)
		case ns == 0:
			r.add("container %s uses the host network: it shares the host's addresses and ports", from.container)
			st.fromNS(0, dst, proto, r)
		default:
			st.fromNS(ns, dst, proto, r)
		}
	case vantageLAN:
		st.fromLAN(dst, proto, r)
	case vantageInternet:
		st.fromInternet(dst, proto, r)
	default:
		r.fail(NoRoute, "no vantage point given")
		r.stopAt("no vantage point given")
	}
}

func (st State) fromNS(ns int, dst netip.AddrPort, proto Proto, r *Result) {
	t := st.t
	a := dst.Addr()
	if t.isLocal(ns, a) {
		if ns > 0 && a.IsLoopback() {
			r.add("%v inside a container is the container's own loopback, not the host's: the connection never leaves container %s", a, t.ctrs[ns-1].name)
		} else {
			r.add("%v is an address of %s itself, so the connection stays inside it", a, t.nsDesc(ns))
		}
		via := "its own address"
		if a.IsLoopback() {
			via = "loopback"
		}
		r.hop(t.nsHop(ns, via, dst))
		st.accept(ns, dst, proto, r)
		return
	}
	if ns == 0 && a.Is4() && a.IsLoopback() {
		r.fail(NoRoute, "macOS has only 127.0.0.1 on lo0, so nothing answers %v (add it with ifconfig lo0 alias)", a)
		r.stopAt("macOS has no %v on its loopback: no route", a)
		return
	}
	if ns > 0 {
		switch {
		case a == t.bridge.Addr():
			r.add("%v is the host's address on docker0, the container's gateway", a)
			r.hop(t.nsHop(0, "docker0, the container's gateway", dst))
			st.arriveHost(fromInside, dst, proto, r)
			return
		case t.hostLAN(a):
			r.add("%v is the host's LAN address; the container reaches it through its gateway %v", a, t.bridge.Addr())
			r.hop(t.nsHop(0, "docker0, the container's gateway", dst))
			st.arriveHost(fromInside, dst, proto, r)
			return
		}
	}
	if c := t.containerAt(a); c > 0 {
		if ns == 0 && !t.hasBridge() {
			r.fail(NoRoute, "Docker Desktop keeps containers inside a Linux VM: the bridge %v cannot be reached from the %s host; use a published port", t.bridge.Masked(), t.os)
			r.stopAt("the %s host has no route into Docker Desktop's VM, where %v is", t.os, a)
			return
		}
		if ns == 0 {
			r.add("%v is container %s; the host reaches it over docker0", a, t.ctrs[c-1].name)
		} else {
			r.add("%v is container %s on the same bridge, which delivers it directly (no NAT)", a, t.ctrs[c-1].name)
		}
		r.hop(t.nsHop(c, "docker0", dst))
		st.accept(c, dst, proto, r)
		return
	}
	if t.bridge.Contains(a) {
		if ns == 0 && !t.hasBridge() {
			r.fail(NoRoute, "Docker Desktop keeps the bridge %v inside its Linux VM: the %s host has no route to it", t.bridge.Masked(), t.os)
			r.stopAt("the %s host has no route into Docker Desktop's VM, where %v is", t.os, a)
			return
		}
		r.fail(NoRoute, "no container has %v on the bridge: ARP gets no answer, so the kernel reports No route to host", a)
		r.stopAt("no container has %v on docker0: no route to host", a)
		return
	}
	if ns > 0 {
		r.add("the container's default route is the host, which masquerades the connection as its own (NAT)")
		r.hop(t.nsHop(0, "docker0, masqueraded (NAT)", dst))
	}
	st.beyondHost(dst, proto, r)
}

// beyondHost follows a connection that leaves the host for the LAN or the
// internet.
func (st State) beyondHost(dst netip.AddrPort, proto Proto, r *Result) {
	t := st.t
	a := dst.Addr()
	switch {
	case a == t.neighbour:
		r.hop(Hop{Kind: HopLAN, Name: "the LAN neighbour", Via: "the LAN", Dst: dst})
		r.fail(Refused, "%v is the LAN neighbour; nothing listens on it in this scenario, so it answers RST", a)
		r.stopAt("nothing listens on %s on the LAN neighbour", dst)
	case a == t.public:
		r.add("%v is the router's public address; going out and back in needs hairpin NAT, which the lab assumes the router does", a)
		r.hop(routerHop("the LAN (hairpin NAT)", dst))
		st.viaRouter(fromNeighbor, dst, proto, r)
	case t.lan.Contains(a) || (t.lan6.IsValid() && t.lan6.Contains(a)):
		r.fail(NoRoute, "no machine on the LAN has %v: ARP gets no answer, so the kernel reports No route to host", a)
		r.stopAt("no machine on the LAN has %v: no route to host", a)
	default:
		r.hop(routerHop("the LAN", dst))
		r.hop(Hop{Kind: HopInternet, Name: "the internet", Via: "the router", Dst: dst})
		r.fail(TimedOut, "nothing in this scenario has %v: the connection goes out through the router and no answer comes back", a)
		r.stopAt("no answer from %v: timed out", a)
	}
}

func (st State) fromLAN(dst netip.AddrPort, proto Proto, r *Result) {
	t := st.t
	a := dst.Addr()
	switch {
	case a.IsLoopback():
		r.hop(Hop{Kind: HopLAN, Name: "the neighbour itself", Via: "loopback", Dst: dst})
		r.fail(Refused, "%v on the neighbour is the neighbour's own loopback, not the host's; nothing listens there in this scenario. To reach the host use its LAN address %v", a, t.lan.Addr())
		r.stopAt("nothing listens on %s on the neighbour itself", dst)
	case t.hostLAN(a):
		r.add("%v is the host's LAN address; the neighbour reaches it directly over the LAN", a)
		r.hop(t.nsHop(0, "the LAN", dst))
		st.arriveHost(fromNeighbor, dst, proto, r)
	case t.bridge.Contains(a):
		r.hop(routerHop("the LAN (the neighbour's default gateway)", dst))
		r.fail(TimedOut, "%v is on docker0, which exists only inside the host: the neighbour has no route to %v and sends it to its default gateway, the router, which drops it", a, t.bridge.Masked())
		r.stopAt("the router drops it: %v exists only inside the host", t.bridge.Masked())
	case a == t.public:
		r.add("%v is the router's public address; reaching it from inside needs hairpin NAT, which the lab assumes the router does", a)
		r.hop(routerHop("the LAN (hairpin NAT)", dst))
		st.viaRouter(fromNeighbor, dst, proto, r)
	case a == t.neighbour:
		r.hop(Hop{Kind: HopLAN, Name: "the neighbour itself", Via: "its own address", Dst: dst})
		r.fail(Refused, "%v is the neighbour itself; nothing listens on it in this scenario", a)
		r.stopAt("nothing listens on %s on the neighbour itself", dst)
	case t.lan.Contains(a) || (t.lan6.IsValid() && t.lan6.Contains(a)):
		r.fail(NoRoute, "no machine on the LAN has %v: ARP gets no answer (No route to host)", a)
		r.stopAt("no machine on the LAN has %v: no route to host", a)
	default:
		r.hop(routerHop("the LAN", dst))
		r.hop(Hop{Kind: HopInternet, Name: "the internet", Via: "the router", Dst: dst})
		r.fail(TimedOut, "nothing in this scenario has %v: the neighbour sends it to the router and no answer comes back", a)
		r.stopAt("no answer from %v: timed out", a)
	}
}

func (st State) fromInternet(dst netip.AddrPort, proto Proto, r *Result) {
	t := st.t
	a := dst.Addr()
	switch {
	case a.IsLoopback():
		r.hop(Hop{Kind: HopInternet, Name: "the machine itself", Via: "loopback", Dst: dst})
		r.fail(Refused, "%v on a machine on the internet is its own loopback; nothing listens there in this scenario", a)
		r.stopAt("nothing listens on %s on the machine itself", dst)
	case a == t.public:
		r.hop(routerHop("the internet", dst))
		st.viaRouter(fromOutside, dst, proto, r)
	case t.hostLAN(a) && t.noNAT:
		r.add("the LAN's addresses are public and routed (no NAT), so the internet reaches the host at %v directly", a)
		r.hop(routerHop("the internet", dst))
		r.hop(t.nsHop(0, "the router (routed, no NAT)", dst))
		st.arriveHost(fromOutside, dst, proto, r)
	case a.IsPrivate() || t.bridge.Contains(a):
		r.fail(NoRoute, "%v is a private address (RFC 1918, RFC 4193): the internet does not route it. Reach the host through the router's public address %v and a port forward", a, t.public)
		r.stopAt("the internet does not route the private address %v", a)
	case t.hostLAN(a):
		r.hop(routerHop("the internet", dst))
		r.fail(TimedOut, "the router filters unsolicited connections to the LAN, so the packet to %v is dropped", a)
		r.stopAt("the router drops unsolicited connections to %v: timed out", a)
	default:
		r.fail(TimedOut, "nothing in this scenario has %v", a)
		r.stopAt("no answer from %v: timed out", a)
	}
}

func (st State) viaRouter(o origin, dst netip.AddrPort, proto Proto, r *Result) {
	t := st.t
	if t.noNAT {
		r.fail(Refused, "the router does not do NAT and itself listens on nothing: it answers RST")
		r.stopAt("nothing listens on %s on the router itself", dst)
		return
	}
	for _, f := range t.forwards {
		if f.Proto == proto && f.Port == int(dst.Port()) {
			to := netip.AddrPortFrom(t.lan.Addr(), uint16(f.To))
			r.add("the router's port forward rewrites %s to the host's %s (DNAT)", dst, to)
			r.hop(t.nsHop(0, "the router's port forward (DNAT)", to))
			st.arriveHost(o, to, proto, r)
			return
		}
	}
	r.fail(TimedOut, "the router does NAT: an unsolicited connection to %s matches no mapping and no port forward, so the router drops it silently and the client waits until it times out", dst)
	r.stopAt("the router drops it: no mapping and no port forward for %s, so the client times out", dst)
}

// arriveHost handles a connection reaching one of the host's addresses
// from elsewhere: Docker's DNAT first, then the firewall, then the sockets.
func (st State) arriveHost(o origin, dst netip.AddrPort, proto Proto, r *Result) {
	t := st.t
	if o != fromInside && t.hasBridge() {
		if b, ok := st.published(dst, proto); ok {
			r.add("Docker's DNAT rule for the published port rewrites %s to %s before the host firewall's INPUT chain sees it (ufw and firewalld rules do not stop published ports)", dst, b.Forward)
			c := t.containerAt(b.Forward.Addr())
			r.hop(t.nsHop(c, "Docker's DNAT over docker0", b.Forward))
			st.accept(c, b.Forward, proto, r)
			return
		}
	}
	if fw := t.firewall; fw.On && !slices.Contains(fw.Allow, int(dst.Port())) {
		from := map[origin]string{fromInside: "a container", fromNeighbor: "the LAN", fromOutside: "the internet"}[o]
		r.fail(TimedOut, "the host firewall drops connections to port %d from %s (it allows %s); a drop sends nothing back, so the client waits until it times out", dst.Port(), from, portsText(fw.Allow))
		r.stopAt("the host firewall drops port %d, so the client times out", dst.Port())
		return
	}
	st.accept(0, dst, proto, r)
}

func portsText(ps []int) string {
	if len(ps) == 0 {
		return "no port"
	}
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(p))
	}
	return b.String()
}

// published returns docker-proxy's socket for a host address and port.
func (st State) published(dst netip.AddrPort, proto Proto) (Open, bool) {
	for _, b := range st.onPort(proto, dst.Port()) {
		if b.Forward.IsValid() && b.State == Listening && b.Proto == proto && b.Port == int(dst.Port()) && b.covers(st.t.os, dst.Addr()) {
			return b, true
		}
	}
	return Open{}, false
}

// listener returns the socket of the namespace that accepts a connection to
// dst: an exact address beats a wildcard, a wildcard of dst's family beats
// a dual-stack one, and among equals the first bound wins (for SO_REUSEPORT
// groups the kernel would pick one by hash).
func (st State) listener(ns int, dst netip.AddrPort, proto Proto) (Open, bool) {
	o := st.t.nsOS(ns)
	best, rank := Open{}, 0
	for _, i := range st.portIndexes(proto, dst.Port()) {
		e := &(*st.log)[i]
		if e.ns != ns || !e.Live(st.k) || e.timeWait <= st.k {
			continue
		}
		b := e.Open
		if b.Proto != proto || b.Port != int(dst.Port()) || b.State != Listening || !b.covers(o, dst.Addr()) {
			continue
		}
		k := 1
		switch {
		case b.Addr == dst.Addr():
			k = 3
		case b.Addr.Is4() == dst.Addr().Is4():
			k = 2
		}
		if k > rank {
			best, rank = b, k
		}
	}
	return best, rank > 0
}

// accept finds the socket that takes a connection that reached ns.
func (st State) accept(ns int, dst netip.AddrPort, proto Proto, r *Result) {
	t := st.t
	o := t.nsOS(ns)
	b, ok := st.listener(ns, dst, proto)
	if !ok {
		for _, s := range st.onPort(proto, dst.Port()) {
			if st.nsOfID(s.ID) != ns || s.Proto != proto || s.Port != int(dst.Port()) {
				continue
			}
			who := s.Process
			if who == "" {
				who = "a process"
			}
			switch s.State {
			case Listening:
				r.add("%s listens on %s, which does not cover %v%s", who, sockName(o, s.Socket), dst.Addr(), listenHint(t, ns, s.Socket, dst.Addr()))
			case Bound:
				r.add("%s bound %s but never called listen", who, sockName(o, s.Socket))
			case TimeWait:
				r.add("%s is only TIME_WAIT left over from a closed server, not a listener", sockName(o, s.Socket))
			}
		}
		if proto == UDP {
			r.fail(Refused, "nothing in %s is bound to %s, so the kernel answers ICMP port unreachable (a connected UDP socket then reports connection refused)", t.nsDesc(ns), dst)
			r.stopAt("nothing is bound to udp %s %s", dst, t.where(ns))
		} else {
			r.fail(Refused, "nothing in %s listens on %s, so the kernel answers RST: connection refused", t.nsDesc(ns), dst)
			r.stopAt("nothing listens on %s %s", dst, t.where(ns))
		}
		return
	}
	if b.Forward.IsValid() {
		c := t.containerAt(b.Forward.Addr())
		r.add("docker-proxy accepts it on %s (a published port) and opens a connection to %s in container %s", sockName(o, b.Socket), b.Forward, t.ctrs[c-1].name)
		r.hop(Hop{Kind: HopProxy, Name: "docker-proxy on the host", Via: "its socket " + sockName(o, b.Socket), Dst: dst})
		r.hop(t.nsHop(c, "docker-proxy's own connection over docker0", b.Forward))
		st.accept(c, b.Forward, proto, r)
		if r.Verdict == Refused && proto == TCP {
			r.fail(Reset, "docker-proxy had already accepted the client's connection, so it closes it: the client sees connection reset by peer, or curl's empty reply from server, rather than connection refused")
			r.stopAt("nothing listens on %s in container %s, so docker-proxy resets the client's connection", b.Forward, t.ctrs[c-1].name)
		}
		return
	}
	who := b.Process
	if who == "" {
		who = "a process"
	}
	r.Verdict = Connected
	r.Socket = b.ID
	r.Process = b.Process
	r.In = t.nsName(ns)
	r.Dst = dst
	r.add("%s in %s accepts it on its socket %s", who, t.nsDesc(ns), sockName(o, b.Socket))
	r.stopAt("%s accepts it on %s %s", who, sockName(o, b.Socket), t.where(ns))
}

func listenHint(t *topology, ns int, s Socket, dst netip.Addr) string {
	switch {
	case s.Addr.IsLoopback() && ns > 0:
		return ": a loopback socket inside a container takes only connections from inside that container; traffic through the bridge or a published port arrives at " + t.ctrs[ns-1].addr.String() + ", so listen on 0.0.0.0 in the container"
	case s.Addr.IsLoopback():
		return ": a loopback socket takes only connections made on the host itself; listen on 0.0.0.0 (or the LAN address) to be reachable from elsewhere"
	case s.Addr.Is6() && dst.Is4():
		return ": an IPv6 socket with IPV6_V6ONLY on takes no IPv4"
	case s.Addr.Is4() && dst.Is6():
		return ": an IPv4 socket takes no IPv6"
	}
	return ""
}

func (st State) nsOfID(id int) int {
	if st.byPort != nil {
		// The compacted log is in ID order.
		log := *st.log
		i, _ := slices.BinarySearchFunc(log, id, func(e entry, id int) int { return e.ID - id })
		if i < len(log) && log[i].ID == id {
			return log[i].ns
		}
		return -1
	}
	for i := range *st.log {
		if (*st.log)[i].ID == id {
			return (*st.log)[i].ns
		}
	}
	return -1
}

func resolveLocalhost(o Order) []netip.Addr {
	v4, v6 := netip.AddrFrom4([4]byte{127, 0, 0, 1}), netip.IPv6Loopback()
	switch o {
	case IPv4First:
		return []netip.Addr{v4, v6}
	case IPv4Only:
		return []netip.Addr{v4}
	case IPv6Only:
		return []netip.Addr{v6}
	}
	return []netip.Addr{v6, v4}
}

func addrsText(as []netip.Addr) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.String()
	}
	return strings.Join(s, " then ")
}

func dialerWords(d Dialer) string {
	switch d {
	case Sequential:
		return "sequential: each address in turn, waiting for each to fail"
	case FirstOnly:
		return "first-only: only the first address the name resolves to"
	}
	return "Happy Eyeballs: addresses raced 250 ms apart, the first to connect wins (RFC 8305)"
}

// ConnectLocalhost resolves localhost in the state's order and connects
// from a vantage point to the port as the dialer d does.
func (st State) ConnectLocalhost(from Vantage, port uint16, proto Proto, d Dialer) Result {
	var r Result
	if st.t == nil {
		r.fail(NoRoute, "no scenario")
		return r
	}
	addrs := resolveLocalhost(st.localhost)
	r.add("localhost resolves to %s (%s); the client dials as %s", addrsText(addrs), st.localhost, dialerWords(d))
	for i, a := range addrs {
		var sub Result
		st.connect(from, netip.AddrPortFrom(a, port), proto, &sub)
		for _, why := range sub.Reasons {
			r.add("[%v] %s", a, why)
		}
		r.Verdict, r.Socket, r.Process, r.In, r.Dst = sub.Verdict, sub.Socket, sub.Process, sub.In, sub.Dst
		r.Path, r.Stop = sub.Path, sub.Stop
		if sub.Verdict == Connected {
			if i > 0 {
				r.add("the client moved on from the first address and connected to %v", a)
			}
			return r
		}
		if i == len(addrs)-1 {
			break
		}
		switch {
		case d == FirstOnly:
			r.add("this client tries only the first address and gives up with %s, although %v might have worked", sub.Verdict, addrs[i+1])
			return r
		case d == Sequential && sub.Verdict == TimedOut:
			r.add("a sequential client waits for the whole connect timeout (about two minutes on Linux) before it tries %v", addrs[i+1])
		case d == HappyEyeballs && sub.Verdict == TimedOut:
			r.add("with no answer after 250 ms Happy Eyeballs starts %v in parallel (RFC 8305)", addrs[i+1])
		default:
			r.add("that attempt failed at once, so the client tries %v", addrs[i+1])
		}
	}
	return r
}

// portIndexes returns the log indexes that may hold sockets on the port:
// all of them, unless the state carries an index.
func (st State) portIndexes(proto Proto, port uint16) []int {
	if st.byPort != nil {
		return st.byPort[uint32(proto)<<16|uint32(port)]
	}
	all := make([]int, len(*st.log))
	for i := range all {
		all[i] = i
	}
	return all
}

// onPort returns the open sockets with the protocol and port.
func (st State) onPort(proto Proto, port uint16) []Open {
	var out []Open
	for _, i := range st.portIndexes(proto, port) {
		e := &(*st.log)[i]
		if e.Live(st.k) && e.Proto == proto && e.Port == int(port) {
			b := e.Open
			if e.timeWait <= st.k {
				b.State = TimeWait
			}
			out = append(out, b)
		}
	}
	return out
}

// indexed returns a copy of the state whose log holds only the open
// sockets, indexed by port, for many queries on one state.
func (st State) indexed() State {
	var log []entry
	idx := map[uint32][]int{}
	for i := range *st.log {
		e := (*st.log)[i]
		if e.Live(st.k) {
			key := uint32(e.Proto)<<16 | uint32(e.Port)
			idx[key] = append(idx[key], len(log))
			log = append(log, e)
		}
	}
	st.log, st.byPort = &log, idx
	return st
}
