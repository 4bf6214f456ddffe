package paste

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/field"
	"go4.org/netipx"
)

// maxDemoActions bounds the connections a machine's scenario replays to
// show its findings.
const maxDemoActions = 24

// maxNotes bounds the notes a scenario built from a paste carries.
const maxNotes = 16

// noteList gathers what a scenario built from a paste leaves out: each
// note once, at most maxNotes of them, and how many more there were.
type noteList struct {
	notes []string
	more  int

	// The last note added: a note repeated for every row of a listing
	// ("only the first 64 containers…") is formatted once.
	lastFormat string
	lastArgs   []any
}

func (n *noteList) add(format string, args ...any) {
	if len(n.notes) == maxNotes {
		n.more++
		return
	}
	if format == n.lastFormat && sameArgs(args, n.lastArgs) {
		return
	}
	n.lastFormat, n.lastArgs = format, args
	if s := fmt.Sprintf(format, args...); !slices.Contains(n.notes, s) {
		n.notes = append(n.notes, s)
	}
}

// sameArgs reports whether a and b are the same arguments of a note, of
// the kinds a note prints: false when it cannot tell.
func sameArgs(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		switch x := a[i].(type) {
		case int:
			if y, ok := b[i].(int); !ok || x != y {
				return false
			}
		case uint16:
			if y, ok := b[i].(uint16); !ok || x != y {
				return false
			}
		case string:
			if y, ok := b[i].(string); !ok || x != y {
				return false
			}
		case netip.Addr:
			if y, ok := b[i].(netip.Addr); !ok || x != y {
				return false
			}
		case netip.Prefix:
			if y, ok := b[i].(netip.Prefix); !ok || x != y {
				return false
			}
		case netip.AddrPort:
			if y, ok := b[i].(netip.AddrPort); !ok || x != y {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// list returns the notes, the count of the others last.
func (n *noteList) list() []string {
	if n.more > 0 {
		return append(n.notes, fmt.Sprintf("and %d more left out", n.more))
	}
	return n.notes
}

// proxies are the processes that listen for Docker's published ports; the
// scenario's publishes stand for them.
var proxies = []string{"docker-proxy", "com.docker.backend", "com.docke", "com.docker", "vpnkit", "com.docker.vpnkit",
	"rootlessport", "rootlesskit", "wslrelay", "gvproxy", "containerd"}

// lanOf returns the machine's LAN interface and its IPv4 and IPv6 host
// prefixes, as the lab takes them.
func (m Machine) lanOf() (Interface, netip.Prefix, netip.Prefix) {
	best, bestScore := -1, -1
	for i, it := range m.Interfaces {
		if it.Role() != "lan" {
			continue
		}
		score := 0
		if _, ok := hostPrefix4(it); ok {
			score += 2
		}
		if it.Gateway.IsValid() {
			score++
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return Interface{}, netip.Prefix{}, netip.Prefix{}
	}
	it := m.Interfaces[best]
	p4, _ := hostPrefix4(it)
	var p6 netip.Prefix
	for _, p := range it.Addrs {
		a := p.Addr()
		if a.Is6() && !a.Is4In6() && !a.IsLinkLocalUnicast() && !a.IsLoopback() && !a.IsMulticast() && !a.IsUnspecified() &&
			p.Bits() <= 126 && a != p.Masked().Addr() {
			p6 = p
			break
		}
	}
	return it, p4, p6
}

// hostPrefix4 returns the first IPv4 prefix of it that can be the lab's
// LAN: an interface address with room for neighbours.
func hostPrefix4(it Interface) (netip.Prefix, bool) {
	for _, p := range it.Addrs {
		a := p.Addr()
		if usable4(a) && p.Bits() >= 8 && p.Bits() <= 30 && a != p.Masked().Addr() && a != netipx.PrefixLastIP(p.Masked()) {
			return p, true
		}
	}
	return netip.Prefix{}, false
}

// bridgeOf returns docker0's address, if the machine shows it.
func (m Machine) bridgeOf() (netip.Prefix, bool) {
	for _, it := range m.Interfaces {
		if it.Name == "docker0" {
			if p, ok := hostPrefix4(it); ok {
				return p, true
			}
		}
	}
	return netip.Prefix{}, false
}

// hasDocker reports whether the machine runs Docker: containers, or a
// docker0 interface.
func (m Machine) hasDocker() bool {
	if len(m.Containers) > 0 {
		return true
	}
	_, ok := m.bridgeOf()
	return ok
}

// cleanName returns s fit for a lab name: no control characters, at most
// bind.MaxNameLen bytes.
func cleanName(s, def string) string {
	if plainName(s) {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	s = field.Shorten(strings.TrimSpace(s), 40)
	for len(s) > bind.MaxNameLen {
		s = s[:len(s)-1]
	}
	if s == "" {
		return def
	}
	return s
}

// plainName reports whether s is a name cleanName keeps as it is: a few
// printable ASCII characters, no space at either end. Most are.
func plainName(s string) bool {
	if s == "" || len(s) > 40 || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func (l Listener) name() string {
	switch {
	case l.Process != "":
		return cleanName(l.Process, "process")
	case l.PID != 0:
		return fmt.Sprintf("pid %d", l.PID)
	}
	return "process"
}

// Scenario returns a Bind lab of the machine: its LAN and docker0
// addresses, its containers with their published ports (each container's
// process listening on 0.0.0.0, as images do), the host's listening
// sockets, and connections that show the findings. What the lab cannot
// hold (sockets on interfaces it does not model, beyond its limits) is
// left out and said in the notes. The scenario always validates.
func (m Machine) Scenario() (bind.Scenario, []string) {
	var nl noteList
	note := nl.add
	s := bind.Scenario{V: bind.Version, OS: m.OS}
	_, lan, lan6 := m.lanOf()
	if lan.IsValid() {
		s.Host.LAN = lan
	}
	if lan6.IsValid() {
		s.Host.LAN6 = lan6
	}
	if br, ok := m.bridgeOf(); ok && m.OS == bind.Linux {
		if !br.Overlaps(orPrefix(s.Host.LAN, bind.DefaultLAN)) {
			s.Host.Bridge = br
		}
	}
	if !s.Host.Bridge.IsValid() && bind.DefaultBridge.Overlaps(orPrefix(s.Host.LAN, bind.DefaultLAN)) {
		withBridge(&s.Host)
	}
	local := func(a netip.Addr) bool {
		switch {
		case a.IsUnspecified(), a == lo6:
			return true
		case a.Is4() && a.IsLoopback():
			return s.OS != bind.MacOS || a == lo4
		case a == orPrefix(s.Host.LAN, bind.DefaultLAN).Addr():
			return true
		case s.Host.LAN6.IsValid() && a == s.Host.LAN6.Addr():
			return true
		case s.OS == bind.Linux && a == orPrefix(s.Host.Bridge, bind.DefaultBridge).Addr():
			return true
		}
		return false
	}

	// Containers and their published ports.
	names := map[string]bool{}
	budget := bind.MaxSockets - 8
	type pubKey struct {
		c              string
		proto          bind.Proto
		hostPort, port uint16
	}
	var published []bind.Port
	pubAddrs := map[pubKey][]netip.Addr{}
	var order []pubKey
	for _, c := range m.Containers {
		if len(s.Containers) == bind.MaxContainers {
			note("only the first %d containers are in the lab", bind.MaxContainers)
			break
		}
		name := cleanName(c.Name, "container")
		if names[name] {
			continue
		}
		names[name] = true
		s.Containers = append(s.Containers, bind.Container{Name: name})
		ports := map[[2]int]bool{}
		for _, p := range c.Published {
			k := pubKey{name, p.Proto, p.HostPort, p.Port}
			if _, seen := pubAddrs[k]; !seen {
				order = append(order, k)
			}
			pubAddrs[k] = append(pubAddrs[k], p.HostAddr.WithZone(""))
			ports[[2]int{int(p.Proto), int(p.Port)}] = true
		}
		for _, e := range c.Exposed {
			ports[[2]int{int(e.Proto), int(e.Port)}] = true
		}
		for _, e := range sortedPorts(ports) {
			if e[1] == 0 || budget <= 0 {
				continue
			}
			budget--
			s.Sockets = append(s.Sockets, bind.Socket{Process: name, In: name, Proto: bind.Proto(e[0]), Addr: any4, Port: e[1]})
		}
	}
	hostPorts := map[[2]int]bool{}
	for _, k := range order {
		addrs := pubAddrs[k]
		var want []netip.Addr
		if slices.Contains(addrs, any4) && slices.Contains(addrs, any6) {
			want = []netip.Addr{{}}
		} else {
			for _, a := range addrs {
				if a.Is4In6() {
					a = a.Unmap()
				}
				if !local(a) || a.IsMulticast() {
					note("%s publishes on %v, an address the lab does not model; left out", k.c, a)
					continue
				}
				if !slices.Contains(want, a) {
					want = append(want, a)
				}
			}
		}
		for _, a := range want {
			if len(published) == bind.MaxPublishes || budget < 2 {
				note("only the first %d published ports are in the lab", len(published))
				break
			}
			p := bind.Port{Container: k.c, Proto: k.proto, Addr: a, HostPort: int(k.hostPort), Port: int(k.port)}
			if clashes(s.OS, published, p) {
				note("%s: host port %d is published twice; the lab keeps the first", k.c, k.hostPort)
				continue
			}
			budget -= 2
			published = append(published, p)
			hostPorts[[2]int{int(k.proto), int(k.hostPort)}] = true
		}
	}
	s.Publish = published

	// The host's own sockets.
	var host []bind.Socket
	for _, l := range m.Listeners {
		if slices.Contains(proxies, l.Process) || hostPorts[[2]int{int(l.Proto), int(l.Port)}] {
			continue
		}
		so := bind.Socket{Process: l.name(), Proto: l.Proto, Port: int(l.Port), Privileged: true}
		a := l.Addr
		if a.Is4In6() {
			a = a.Unmap()
		}
		switch {
		case l.DualStack:
			so.Addr, so.V6Only = any6, bind.Off
		case a == any6 && l.V6Only:
			so.Addr, so.V6Only = any6, bind.On
		case a.Zone() != "":
			note("%s listens on %v, a link-local address the lab does not model; left out", so.Process, netip.AddrPortFrom(a, l.Port))
			continue
		case !local(a):
			note("%s listens on %v, an address of an interface the lab does not model; left out", so.Process, netip.AddrPortFrom(a, l.Port))
			continue
		default:
			so.Addr = a
		}
		if so.Proto > bind.UDP || so.Port == 0 {
			continue
		}
		if duplicate(s.OS, host, so) {
			continue
		}
		if budget <= 0 {
			note("only the first listening sockets fit in the lab (%d sockets at most)", bind.MaxSockets)
			break
		}
		budget--
		host = append(host, so)
	}
	s.Sockets = append(host, s.Sockets...)
	s.Actions = m.demo(s)
	if err := s.Validate(); err != nil {
		// Should not happen; keep what validates rather than nothing.
		note("the lab could not hold the whole machine (%v); it shows a part", err)
		for _, drop := range []func(){
			func() { s.Actions = nil },
			func() { s.Publish = nil },
			func() { s.Sockets = nil },
			func() { s.Containers = nil },
			func() { s = bind.Scenario{V: bind.Version, OS: s.OS} },
		} {
			drop()
			if s.Validate() == nil {
				break
			}
		}
	}
	return s, nl.list()
}

func orPrefix(p, def netip.Prefix) netip.Prefix {
	if p.IsValid() {
		return p
	}
	return def
}

func sortedPorts(m map[[2]int]bool) [][2]int {
	out := make([][2]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[1] != b[1] {
			return a[1] - b[1]
		}
		return a[0] - b[0]
	})
	return out
}

// clashes reports whether p's host port is already published on an
// overlapping address, which Docker refuses.
func clashes(o bind.OS, ps []bind.Port, p bind.Port) bool {
	for _, q := range ps {
		if q.Proto != p.Proto || q.HostPort != p.HostPort {
			continue
		}
		if !q.Addr.IsValid() || !p.Addr.IsValid() || q.Addr == p.Addr || q.Addr.IsUnspecified() && q.Addr.Is4() == p.Addr.Is4() ||
			p.Addr.IsUnspecified() && q.Addr.Is4() == p.Addr.Is4() {
			return true
		}
	}
	return false
}

// duplicate reports whether so repeats or clashes with a socket already
// kept: worker processes sharing a port with SO_REUSEPORT, or the same
// socket listed by two tools.
func duplicate(o bind.OS, kept []bind.Socket, so bind.Socket) bool {
	for _, k := range kept {
		first := k
		first.State = bind.Listening
		second := so
		second.State = bind.Listening
		if v, _ := bind.Conflict(o, first, second); v != bind.OK {
			return true
		}
	}
	return false
}

// demo returns connections that show the machine's findings in the lab.
func (m Machine) demo(s bind.Scenario) []bind.Action {
	var acts []bind.Action
	add := func(a bind.Action) {
		if len(acts) < maxDemoActions {
			acts = append(acts, a)
		}
	}
	lan := orPrefix(s.Host.LAN, bind.DefaultLAN).Addr().String()
	gw := orPrefix(s.Host.Bridge, bind.DefaultBridge).Addr().String()
	for _, so := range s.Sockets {
		if so.In != "" {
			continue
		}
		switch {
		case isDatabase(so.Port, so.Process) && so.Addr.IsUnspecified():
			add(withProto(connectTo(bind.FromLAN, lan, uint16(so.Port)), so.Proto))
		case so.Addr.Is4() && so.Addr.IsLoopback() && len(s.Containers) > 0 && s.OS == bind.Linux:
			add(withProto(connectTo(bind.FromContainer(s.Containers[0].Name), gw, uint16(so.Port)), so.Proto))
		case so.Addr == lo6 && !listensOn4(s.OS, s.Sockets, so):
			add(withProto(connectTo(bind.FromHost, "127.0.0.1", uint16(so.Port)), so.Proto))
		}
	}
	for _, p := range s.Publish {
		if !p.Addr.IsValid() || p.Addr.IsUnspecified() {
			add(withProto(connectTo(bind.FromLAN, lan, uint16(p.HostPort)), p.Proto))
		}
	}
	return acts
}

// listensOn4 reports whether a host socket other than so takes IPv4
// connections to so's port on loopback.
func listensOn4(os bind.OS, ss []bind.Socket, so bind.Socket) bool {
	for _, o := range ss {
		dual := o.Addr == any6 && (o.V6Only == bind.Off || o.V6Only == bind.Default && !os.V6OnlyDefault())
		if o.In == "" && o.Proto == so.Proto && o.Port == so.Port &&
			(o.Addr.Is4() && (o.Addr.IsUnspecified() || o.Addr.IsLoopback()) || dual) {
			return true
		}
	}
	return false
}

func withProto(a bind.Action, p bind.Proto) bind.Action {
	a.Proto = p
	return a
}
