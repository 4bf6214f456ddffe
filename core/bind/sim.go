package bind

import (
	"fmt"
	"math"
	"net/netip"

	"github.com/netground/netground/core/internal/span"
	"github.com/netground/netground/core/story"
)

// Result is the outcome of one action.
type Result struct {
	Verdict Verdict        `json:"verdict"`
	Socket  int            `json:"socket,omitempty"`  // bind: the new socket's ID; connect: the accepting socket's
	Process string         `json:"process,omitempty"` // connect: the process that accepted
	In      string         `json:"in,omitempty"`      // connect: its container; "" is the host
	Port    int            `json:"port,omitempty"`    // bind, publish: the port bound, the ephemeral one for port 0
	Dst     netip.AddrPort `json:"dst,omitzero"`      // connect: the address the accepting socket saw, after any DNAT
	Reasons []string       `json:"reasons"`           // why, step by step, in plain words
	Path    []Hop          `json:"path,omitempty"`    // connect: the places from the vantage point to where it stopped; bind, publish: the namespace
	Stop    string         `json:"stop,omitempty"`    // connect, bind, publish: where and why it ended, in a few words
}

func (r *Result) add(format string, args ...any) {
	r.Reasons = append(r.Reasons, fmt.Sprintf(format, args...))
}

func (r *Result) fail(v Verdict, format string, args ...any) {
	r.Verdict = v
	r.add(format, args...)
}

// Open is a socket open in a State.
type Open struct {
	ID int `json:"id"` // 1 for the first socket bound, then in order
	Socket
	Forward netip.AddrPort `json:"forward,omitzero"` // docker-proxy: the container address it forwards to
}

// entry is a socket with the steps it lived through: open in the states
// of its Span, in TIME_WAIT from timeWait on.
type entry struct {
	Open
	span.Span
	ns       int
	timeWait int
}

// State is the host after some actions: the sockets open, how localhost
// resolves and how clients dial. States of one Trace share memory, so
// keeping them all is cheap. The zero State has no topology; use the ones
// Run returns.
type State struct {
	t         *topology
	log       *[]entry
	k         int
	localhost Order
	client    Dialer
	byPort    map[uint32][]int // when set: log indexes by protocol and port, all open at k
}

// Step is one action, its result and the state after it.
type Step struct {
	Action Action `json:"action"`
	Result Result `json:"result"`
	State  State  `json:"-"`
}

// Trace is what Run returns: the results of opening the scenario's sockets
// and publishing its ports, the state after that, and one Step per action.
type Trace struct {
	Setup   []Result `json:"setup"`
	Initial State    `json:"-"`
	Steps   []Step   `json:"steps"`
}

// StateAt returns the state after the first step actions: Initial for 0 or
// less, the last step's state for len(Steps) or more.
func (t Trace) StateAt(step int) State {
	return story.StateAt(t.Initial, t.Steps, func(s Step) State { return s.State }, step)
}

// world is Run's mutable simulation.
type world struct {
	t         *topology
	log       []entry
	k         int
	localhost Order
	client    Dialer
}

func (w *world) state() State {
	return State{t: w.t, log: &w.log, k: w.k, localhost: w.localhost, client: w.client}
}

// Run validates the scenario, opens its sockets, publishes its ports and
// applies its actions in order. Every step takes time linear in the number
// of sockets, so a scenario within the limits runs in milliseconds.
func Run(s Scenario) (Trace, error) {
	if err := s.Validate(); err != nil {
		return Trace{}, err
	}
	w := &world{t: s.topology(), localhost: s.Localhost, client: s.Client}
	var tr Trace
	for _, so := range s.Sockets {
		tr.Setup = append(tr.Setup, w.bind(so, so.State))
	}
	for _, p := range s.Publish {
		tr.Setup = append(tr.Setup, w.publish(p))
	}
	tr.Steps = make([]Step, 0, len(s.Actions))
	for _, a := range s.Actions {
		w.k++
		r := w.apply(a)
		tr.Steps = append(tr.Steps, Step{Action: a, Result: r})
	}
	// States are built last: w.log no longer grows, so they all see one slice.
	tr.Initial = State{t: w.t, log: &w.log, k: 0, localhost: s.Localhost, client: s.Client}
	lh, cl := s.Localhost, s.Client
	for i := range tr.Steps {
		switch a := tr.Steps[i].Action; a.Do {
		case Localhost:
			lh = a.Order
		case Client:
			cl = a.Client
		}
		tr.Steps[i].State = State{t: w.t, log: &w.log, k: i + 1, localhost: lh, client: cl}
	}
	return tr, nil
}

func (w *world) apply(a Action) Result {
	switch a.Do {
	case Listen:
		return w.bind(a.Socket, Listening)
	case BindOnly:
		return w.bind(a.Socket, Bound)
	case Close:
		return w.close(a)
	case Wait:
		return w.wait()
	case Publish:
		return w.publish(*a.Publish)
	case Connect:
		st := w.state()
		if a.To == "localhost" {
			d := w.client
			if a.Client != HappyEyeballs {
				d = a.Client
			}
			return st.ConnectLocalhost(a.From, uint16(a.Port), a.Proto, d)
		}
		return st.Connect(a.From, netip.AddrPortFrom(netip.MustParseAddr(a.To), uint16(a.Port)), a.Proto)
	case Localhost:
		w.localhost = a.Order
		return Result{Reasons: []string{fmt.Sprintf("localhost now resolves to %s", addrsText(resolveLocalhost(a.Order)))}}
	case Client:
		w.client = a.Client
		return Result{Reasons: []string{"clients now dial as " + dialerWords(a.Client)}}
	}
	return Result{}
}

// live returns the indexes of the entries open now, optionally only in ns.
func (w *world) live(ns int) []int {
	return span.Indexes(w.log, w.k, func(e *entry) bool { return ns < 0 || e.ns == ns })
}

func (w *world) stateOf(e *entry) SockState {
	if e.timeWait <= w.k {
		return TimeWait
	}
	return e.Socket.State
}

// bind checks, in the kernel's order, the address (EADDRNOTAVAIL), the
// port's privilege (EACCES) and the sockets already bound (EADDRINUSE).
func (w *world) bind(so Socket, state SockState) Result {
	r, e := w.tryBind(so, state, netip.AddrPort{})
	if r.Verdict == OK {
		w.log = append(w.log, e)
	}
	return r
}

func (w *world) tryBind(so Socket, state SockState, forward netip.AddrPort) (Result, entry) {
	t := w.t
	ns := t.ns(so.In)
	o := t.nsOS(ns)
	if so.Proto == UDP && state == Bound {
		state = Listening
	}
	so.State = state
	var r Result
	who := so.Process
	if who == "" {
		who = "a process"
	}
	r.add("%s in %s binds %s %s", who, t.nsDesc(ns), so.Proto, sockName(o, so))
	r.hop(t.nsHop(ns, "", netip.AddrPortFrom(so.Addr, uint16(so.Port))))
	if !so.Addr.IsUnspecified() && !t.isLocal(ns, so.Addr) {
		r.fail(AddrNotAvail, "%v is not an address of %s (it has %s), so bind fails with EADDRNOTAVAIL (man 7 ip)", so.Addr, t.nsDesc(ns), t.addrList(ns))
		r.stopAt("%v is not an address of %s", so.Addr, t.nsDesc(ns))
		switch {
		case ns > 0 && (t.hostLAN(so.Addr) || so.Addr == t.bridge.Addr()):
			r.add("inside a container the host's addresses do not exist: bind to 0.0.0.0 in the container and publish the port")
		case so.Addr.Is4() && so.Addr.IsLoopback():
			r.add("macOS configures only 127.0.0.1 on lo0; another loopback address needs sudo ifconfig lo0 alias %v", so.Addr)
		case so.Addr == t.bridge.Addr():
			r.add("Docker Desktop keeps docker0 inside its Linux VM, so the host has no %v", so.Addr)
		}
		return r, entry{}
	}
	if so.Port != 0 && so.Port < 1024 {
		if v, why := w.privilege(ns, so); v != OK {
			r.fail(v, "%s", why)
			r.stopAt("port %d is below 1024 and %s does not run as root", so.Port, who)
			return r, entry{}
		} else if why != "" {
			r.add("%s", why)
		}
	}
	live := w.live(ns)
	if span.Count(w.log, w.k) >= MaxSockets {
		r.fail(LimitReached, "the lab holds at most %d open sockets", MaxSockets)
		r.stopAt("the lab holds at most %d open sockets", MaxSockets)
		return r, entry{}
	}
	if so.Port == 0 {
		p := w.ephemeral(live, so.Proto, o)
		if p == 0 {
			r.fail(AddrInUse, "every port of the ephemeral range is taken")
			r.stopAt("every port of the ephemeral range is taken")
			return r, entry{}
		}
		first, last := o.Ephemeral()
		so.Port = int(p)
		r.Path[0].Dst = netip.AddrPortFrom(so.Addr, p)
		r.add("port 0 asks the kernel for any free port from the ephemeral range %d–%d: it picked %d (the lab takes the lowest free one; real kernels start at a random offset, RFC 6056)", first, last, p)
	}
	for _, i := range live {
		e := w.log[i].Socket
		e.State = w.stateOf(&w.log[i])
		v, why := Conflict(o, e, so)
		if v != OK {
			holder := e.Process
			if holder == "" {
				holder = "another process"
			}
			r.fail(v, "%s: %s holds %s %s", v, holder, e.Proto, sockName(o, e))
			r.stopAt("%s already holds %s %s", holder, e.Proto, sockName(o, e))
			if e.State == TimeWait {
				r.stopAt("connections %s closed still hold %s %s in TIME_WAIT", holder, e.Proto, sockName(o, e))
			}
			r.add("%s", why)
			return r, entry{}
		}
		if why != "" {
			r.add("%s", why)
		}
	}
	r.Verdict = OK
	r.Port = so.Port
	r.Socket = len(w.log) + 1
	switch {
	case so.Proto == UDP:
		r.add("bound: datagrams to %s now reach %s", sockName(o, so), who)
		r.stopAt("%s is bound to udp %s", who, sockName(o, so))
	case state == Listening:
		r.add("bound and listening: %s accepts connections to %s", who, coverWords(o, so))
		r.stopAt("%s listens on %s", who, sockName(o, so))
	default:
		r.add("bound but not listening: connections to it are refused until listen is called")
		r.stopAt("%s bound %s but does not listen", who, sockName(o, so))
	}
	return r, entry{Open: Open{ID: r.Socket, Socket: so, Forward: forward}, ns: ns,
		Span: span.From(w.k), timeWait: math.MaxInt}
}

func coverWords(o OS, so Socket) string {
	a := so.Addr
	switch {
	case a.Is4() && a.IsUnspecified():
		return fmt.Sprintf("every IPv4 address of its network namespace, port %d", so.Port)
	case so.dualStack(o):
		return fmt.Sprintf("every IPv6 and IPv4 address, port %d (dual-stack: IPV6_V6ONLY is off)", so.Port)
	case a.IsUnspecified():
		return fmt.Sprintf("every IPv6 address, port %d (IPV6_V6ONLY is on, so no IPv4)", so.Port)
	case a.IsLoopback():
		return fmt.Sprintf("%s only, which only its own network namespace can reach", sockName(o, so))
	}
	return sockName(o, so) + " only"
}

// privilege decides ports below 1024.
func (w *world) privilege(ns int, so Socket) (Verdict, string) {
	t := w.t
	if ns > 0 {
		return OK, "Docker sets net.ipv4.ip_unprivileged_port_start=0 inside containers (Docker 20.10 and later), so any user may bind ports below 1024 there"
	}
	switch t.os {
	case Windows:
		return OK, "Windows has no privileged ports: any user may bind ports below 1024"
	case MacOS:
		if so.Addr.IsUnspecified() {
			return OK, "since macOS 10.14 any user may bind a port below 1024 on the wildcard address; a specific address would still need root (xnu in_pcbbind)"
		}
		if !so.Privileged {
			return Access, fmt.Sprintf("EACCES: on macOS a port below 1024 on a specific address such as %v needs root; binding the wildcard address would not (xnu in_pcbbind)", so.Addr)
		}
		return OK, "the process runs as root, so it may bind a port below 1024"
	}
	if !so.Privileged {
		return Access, fmt.Sprintf("EACCES: port %d is below 1024, and on Linux binding it needs root or CAP_NET_BIND_SERVICE (net.ipv4.ip_unprivileged_port_start is 1024, man 7 ip); use a port from 1024 up, or setcap cap_net_bind_service=+ep on the program", so.Port)
	}
	return OK, "the process is root or has CAP_NET_BIND_SERVICE, so it may bind a port below 1024"
}

// ephemeral returns the lowest port of the range that no socket of the
// protocol uses in the namespace, or 0.
func (w *world) ephemeral(live []int, proto Proto, o OS) uint16 {
	var used [65536 / 64]uint64
	for _, i := range live {
		if so := w.log[i].Socket; so.Proto == proto {
			used[so.Port/64] |= 1 << (so.Port % 64)
		}
	}
	first, last := o.Ephemeral()
	for p := int(first); p <= int(last); p++ {
		if used[p/64]&(1<<(p%64)) == 0 {
			return uint16(p)
		}
	}
	return 0
}

func (w *world) close(a Action) Result {
	t := w.t
	ns := t.ns(a.In)
	var r Result
	n := 0
	for _, i := range w.live(ns) {
		e := &w.log[i]
		if e.Process != a.Process || (a.Port != 0 && e.Port != a.Port) || w.stateOf(e) == TimeWait {
			continue
		}
		n++
		o := t.nsOS(ns)
		if a.TimeWait && e.Proto == TCP && e.Socket.State == Listening {
			e.timeWait = w.k
			r.add("%s closes %s; the connections it closed first stay in TIME_WAIT on that port for 2×MSL (60 s on Linux)", a.Process, sockName(o, e.Socket))
		} else {
			e.Closed = w.k
			r.add("%s closes %s %s: the port is free", a.Process, e.Proto, sockName(o, e.Socket))
		}
	}
	if n == 0 {
		r.add("%s has no open socket in %s", a.Process, t.nsDesc(ns))
	}
	return r
}

func (w *world) wait() Result {
	var r Result
	n := 0
	for _, i := range w.live(-1) {
		if e := &w.log[i]; w.stateOf(e) == TimeWait {
			e.Closed = w.k
			n++
		}
	}
	r.add("2×MSL later every TIME_WAIT has expired: %d left the table", n)
	return r
}

// publish opens docker-proxy's sockets for docker run -p.
func (w *world) publish(p Port) Result {
	t := w.t
	cns := t.ns(p.Container)
	caddr := t.ctrs[cns-1].addr
	addrs := []netip.Addr{p.Addr}
	if !p.Addr.IsValid() {
		addrs = []netip.Addr{netip.IPv4Unspecified(), netip.IPv6Unspecified()}
	}
	flag := fmt.Sprintf("%d:%d", p.HostPort, p.Port)
	if p.Addr.IsValid() {
		flag = fmt.Sprintf("%s:%s", bracket(p.Addr), flag)
	}
	if p.Proto == UDP {
		flag += "/udp"
	}
	var r Result
	r.add("docker run -p %s: publish port %d of container %s (%v) on the host", flag, p.Port, p.Container, caddr)
	hostPort := p.HostPort
	if hostPort == 0 {
		hostPort = int(w.ephemeral(w.live(0), p.Proto, t.os))
		if hostPort == 0 {
			r.fail(AddrInUse, "no free host port is left in the ephemeral range")
			return r
		}
		r.add("no host port given: Docker picks a free one from the ephemeral range: %d", hostPort)
	}
	fwd := netip.AddrPortFrom(caddr, uint16(p.Port))
	var added []entry
	for _, a := range addrs {
		so := Socket{Process: "docker-proxy", Proto: p.Proto, Addr: a, Port: hostPort, ReuseAddr: true, Privileged: true}
		if a.Is6() {
			so.V6Only = On
		}
		br, e := w.tryBind(so, Listening, fwd)
		if br.Verdict != OK {
			r.Verdict = br.Verdict
			r.Reasons = append(r.Reasons, br.Reasons...)
			r.Path, r.Stop = br.Path, br.Stop
			r.add("Docker refuses to start the container: Error starting userland proxy: listen %s %s: bind: %s", p.Proto, sockName(t.os, so), errnoWords(br.Verdict))
			return r
		}
		e.ID = len(w.log) + len(added) + 1
		added = append(added, e)
	}
	w.log = append(w.log, added...)
	r.Verdict = OK
	r.Port = hostPort
	r.Socket = added[0].ID
	r.hop(t.nsHop(0, "", netip.AddrPortFrom(addrs[0], uint16(hostPort))))
	r.stopAt("docker-proxy listens on host port %d and forwards to %v in container %s", hostPort, fwd, p.Container)
	if t.os == Linux {
		r.add("Docker adds a DNAT rule (iptables, chain DOCKER) that rewrites connections to host port %d into %v, and docker-proxy listens on the host port for connections DNAT cannot see (from the host's own loopback)", hostPort, fwd)
	} else {
		r.add("Docker Desktop listens on host port %d and forwards into its Linux VM, to %v", hostPort, fwd)
	}
	r.add("either way the connection arrives at the container's bridge address %v, not its loopback: a process there must listen on 0.0.0.0 (or %v)", caddr, caddr)
	return r
}

func bracket(a netip.Addr) string {
	if a.Is6() {
		return "[" + a.String() + "]"
	}
	return a.String()
}

func errnoWords(v Verdict) string {
	switch v {
	case AddrInUse:
		return "address already in use"
	case AddrNotAvail:
		return "cannot assign requested address"
	case Access:
		return "permission denied"
	}
	return v.String()
}

// Sockets returns the sockets open in the state, TIME_WAIT included, in the
// order they were bound.
func (st State) Sockets() []Open {
	if st.log == nil {
		return nil
	}
	var out []Open
	for i := range *st.log {
		e := &(*st.log)[i]
		if e.Live(st.k) {
			b := e.Open
			if e.timeWait <= st.k {
				b.State = TimeWait
			}
			out = append(out, b)
		}
	}
	return out
}

// Localhost returns the order localhost resolves in.
func (st State) Localhost() Order { return st.localhost }

// Client returns how clients dial names with several addresses.
func (st State) Client() Dialer { return st.client }

// OS returns whose bind rules the host follows.
func (st State) OS() OS {
	if st.t == nil {
		return Linux
	}
	return st.t.os
}

// Containers returns the containers with the bridge addresses they got,
// in the scenario's order; a container on the host network has none.
func (st State) Containers() []Container {
	if st.t == nil {
		return nil
	}
	out := make([]Container, len(st.t.ctrs))
	for i, c := range st.t.ctrs {
		out[i] = Container{Name: c.name, Addr: c.addr}
		if c.hostNet {
			out[i].Network = "host"
		}
	}
	return out
}
