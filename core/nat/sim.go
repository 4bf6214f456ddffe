package nat

import (
	"maps"
	"math/rand/v2"
	"net/netip"
	"slices"
	"time"
)

// Sim replays a scenario: a simulated clock, a seeded random source and the
// state of every NAT. It is not safe for concurrent use. Two Sims built
// from equal scenarios give equal traces for equal steps.
type Sim struct {
	sc      Scenario
	topo    *topology
	now     time.Duration
	pcg     *rand.PCG // the source of rng, kept to be copied by Clone
	rng     *rand.Rand
	pos     int
	nats    []*natState
	realms  []map[netip.Addr]target // 0 is the internet, i+1 the LAN of NAT i
	devices []deviceState
}

// target is what sits at an address of a network: a device or a NAT's WAN side.
type target struct{ device, nat int }

type deviceState struct {
	name  string
	realm int
	last  Packet // the last packet delivered to the device
}

// outKey identifies a public endpoint of one protocol; with port 0 it
// stands for the whole pool of one public address.
type outKey struct {
	proto Protocol
	ap    netip.AddrPort
}

type entry struct {
	Entry
	created, lastUsed, deadline time.Duration
	established                 bool
	// allowed holds the filter keys of the remotes the inside host has sent
	// to through this mapping, sorted. A slice, as most mappings see one
	// or two remotes: it makes a snapshot of the simulator cheap.
	allowed []netip.AddrPort
}

// insideKey and outsideKey are where n.byInside and n.byOutside hold e:
// every live entry is in both maps, under these keys, and nowhere else.
func (e *entry) insideKey() mapKey  { return mapKey{proto: e.Proto, src: e.Inside, dst: e.Remote} }
func (e *entry) outsideKey() outKey { return outKey{e.Proto, e.Outside} }

// allow adds the filter key k to the remotes e admits.
func (e *entry) allow(k netip.AddrPort) {
	if i, found := slices.BinarySearchFunc(e.allowed, k, netip.AddrPort.Compare); !found {
		e.allowed = slices.Insert(e.allowed, i, k)
	}
}

// admits reports whether e admits packets whose filter key is k.
func (e *entry) admits(k netip.AddrPort) bool {
	_, found := slices.BinarySearchFunc(e.allowed, k, netip.AddrPort.Compare)
	return found
}

type natState struct {
	cfg       NAT
	b         Behavior
	lo, hi    uint16
	realm     int // where the WAN side is
	lan       int // the realm of the LAN
	entries   []*entry
	byInside  map[mapKey]*entry
	byOutside map[outKey]*entry
	rules     []Forward
	ruleOut   map[outKey]int // public endpoint → rule
	ruleIn    map[outKey]int // inside endpoint → first rule leading to it
	used      map[outKey]int // ports of the pool in use, per public address
	cursor    map[outKey]uint16
	paired    map[netip.Addr]netip.Addr // inside address → public address
}

// maxHops bounds a packet's path; the longest real one crosses every NAT
// twice and hairpins once.
const maxHops = 3*MaxNATs + 4

// New validates s and returns a Sim at time 0 with no step run.
func New(s Scenario) (*Sim, error) {
	t, err := s.validate()
	if err != nil {
		return nil, err
	}
	pcg := rand.NewPCG(s.Seed, s.Seed^0x9e3779b97f4a7c15)
	sim := &Sim{
		sc:     s,
		topo:   t,
		pcg:    pcg,
		rng:    rand.New(pcg),
		realms: make([]map[netip.Addr]target, len(s.NATs)+1),
	}
	for i := range sim.realms {
		sim.realms[i] = map[netip.Addr]target{}
	}
	for i, c := range s.NATs {
		n := &natState{
			cfg: c, b: c.Behavior, realm: t.natRealm[i], lan: i + 1,
			byInside: map[mapKey]*entry{}, byOutside: map[outKey]*entry{},
			ruleOut: map[outKey]int{}, ruleIn: map[outKey]int{},
			used: map[outKey]int{}, cursor: map[outKey]uint16{}, paired: map[netip.Addr]netip.Addr{},
		}
		n.lo, n.hi = c.Behavior.pool()
		for _, a := range c.WAN {
			sim.realms[n.realm][a] = target{device: -1, nat: i}
		}
		for _, r := range c.Forwards {
			n.install(r)
		}
		sim.nats = append(sim.nats, n)
	}
	for i, d := range s.Devices {
		sim.realms[t.deviceRealm[i]][d.Addr] = target{device: i, nat: -1}
		sim.devices = append(sim.devices, deviceState{name: d.Name, realm: t.deviceRealm[i]})
	}
	return sim, nil
}

// Replay returns a Sim that has run the first n steps of s (all of them if
// n is larger), for a learner going back to an earlier step.
func Replay(s Scenario, n int) (*Sim, error) {
	sim, err := New(s)
	if err != nil {
		return nil, err
	}
	for i := 0; i < n; i++ {
		if _, ok := sim.Next(); !ok {
			break
		}
	}
	return sim, nil
}

// Clone returns an independent copy of s: stepping one does not change the
// other, and both give the same traces for the same steps. The lab keeps
// clones as checkpoints, so that going back a step replays a few steps
// rather than the whole scenario.
func (s *Sim) Clone() *Sim {
	pcg := *s.pcg
	c := &Sim{
		sc:      s.sc,
		topo:    s.topo, // not changed after New
		now:     s.now,
		pcg:     &pcg,
		rng:     rand.New(&pcg),
		pos:     s.pos,
		realms:  s.realms, // not changed after New
		devices: slices.Clone(s.devices),
	}
	for _, n := range s.nats {
		c.nats = append(c.nats, n.clone())
	}
	return c
}

func (n *natState) clone() *natState {
	c := *n
	// One array for the entries and one for their remotes keep a copy at
	// a handful of allocations however large the table; the full slice
	// expressions make a later append to one entry's remotes copy them.
	entries := make([]entry, len(n.entries))
	peers := 0
	for _, e := range n.entries {
		peers += len(e.allowed)
	}
	buf := make([]netip.AddrPort, 0, peers)
	c.entries = make([]*entry, len(n.entries))
	c.byInside = make(map[mapKey]*entry, len(n.entries))
	c.byOutside = make(map[outKey]*entry, len(n.entries))
	for i, e := range n.entries {
		ce := &entries[i]
		*ce = *e
		start := len(buf)
		buf = append(buf, e.allowed...)
		ce.allowed = buf[start:len(buf):len(buf)]
		c.entries[i] = ce
		c.byInside[ce.insideKey()] = ce
		c.byOutside[ce.outsideKey()] = ce
	}
	c.rules = slices.Clone(n.rules)
	c.ruleOut = maps.Clone(n.ruleOut)
	c.ruleIn = maps.Clone(n.ruleIn)
	c.used = maps.Clone(n.used)
	c.cursor = maps.Clone(n.cursor)
	c.paired = maps.Clone(n.paired)
	return &c
}

// Result is a step's trace and the translation table after it.
type Result struct {
	Trace Trace
	Table []Row
}

// Run validates s and runs all its steps, returning a Result per step.
// It keeps a table per step, so its memory grows with steps times table
// size: fine for presets and tests, but a scenario of MaxSteps steps takes
// tens of megabytes and over a second in a browser. To show one step at a
// time, step a Sim and call Table for the step shown, and use Replay to go
// back.
func Run(s Scenario) ([]Result, error) {
	sim, err := New(s)
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(s.Steps))
	for {
		tr, ok := sim.Next()
		if !ok {
			return out, nil
		}
		out = append(out, Result{Trace: tr, Table: sim.Table()})
	}
}

// Now returns the simulated time.
func (s *Sim) Now() time.Duration { return s.now }

// Pos returns how many of the scenario's steps have run.
func (s *Sim) Pos() int { return s.pos }

// Next runs the scenario's next step and returns its trace, or the zero
// Trace and false when every step has run.
func (s *Sim) Next() (Trace, bool) {
	if s.pos >= len(s.sc.Steps) {
		return Trace{}, false
	}
	st := s.sc.Steps[s.pos]
	s.pos++
	return s.run(s.pos-1, st), true
}

// Apply runs st, which is not part of the scenario, such as an action a
// learner takes in the lab. It returns a *FieldError naming "step" if st
// does not fit the scenario's topology.
func (s *Sim) Apply(st Step) (Trace, error) {
	if err := s.topo.checkStep("step", s.sc, st); err != nil {
		return Trace{}, err
	}
	return s.run(-1, st), nil
}

func (s *Sim) run(i int, st Step) Trace {
	tr := Trace{Step: i, Kind: st.Kind, Events: make([]Event, 0, 4)}
	switch st.Kind {
	case StepSend:
		d := s.topo.device[st.From]
		p := Packet{Proto: st.Proto, Src: netip.AddrPortFrom(s.sc.Devices[d].Addr, st.SrcPort), Dst: st.To}
		s.send(&tr, d, p)
	case StepReply:
		d := s.topo.device[st.From]
		if last := s.devices[d].last; last.IsValid() {
			s.send(&tr, d, last.reply())
		} else {
			tr.Events = append(tr.Events, Event{Node: st.From, Decision: NothingToReply})
		}
	case StepAdvance:
		s.now += st.By
		tr.Events = append(tr.Events, Event{Node: Internet, Decision: ClockAdvanced, Duration: st.By})
		for _, n := range s.nats {
			n.expire(&tr, s.now)
		}
	case StepForward:
		n := s.nats[s.topo.nat[st.NAT]]
		r := st.Forward
		out := outKey{r.Proto, netip.AddrPortFrom(n.cfg.forwardAddr(r), r.Port)}
		e := Event{Node: n.cfg.Name, Decision: RuleConflict, Entry: Entry{Proto: r.Proto, Inside: r.To, Outside: out.ap, Static: true}}
		if m := n.byOutside[out]; m != nil {
			e.Before = Packet{Proto: m.Proto, Src: m.Inside, Dst: m.Outside}
		} else if _, taken := n.ruleOut[out]; !taken {
			n.install(r)
			e.Decision = RuleAdded
		}
		tr.Events = append(tr.Events, e)
	}
	tr.At = s.now
	return tr
}

// send carries p from device d until it is delivered or dropped.
func (s *Sim) send(tr *Trace, d int, p Packet) {
	tr.Events = append(tr.Events, Event{Node: s.devices[d].name, Decision: Sent, Before: p, After: p})
	realm := s.devices[d].realm
	for hop := 0; hop < maxHops; hop++ {
		dst := p.Dst.Addr()
		if t, ok := s.realms[realm][dst]; ok {
			if t.device >= 0 {
				ds := &s.devices[t.device]
				ds.last = p
				tr.Events = append(tr.Events, Event{Node: ds.name, Decision: Delivered, Before: p, After: p})
				return
			}
			n := s.nats[t.nat]
			if p = s.inbound(tr, n, p); !p.IsValid() {
				return
			}
			realm = n.lan
			continue
		}
		if realm == 0 {
			tr.Events = append(tr.Events, Event{Node: Internet, Decision: NoHost, Before: p})
			return
		}
		n := s.nats[realm-1]
		switch {
		case n.isWAN(dst):
			if !n.b.Hairpin {
				tr.Events = append(tr.Events, Event{Node: n.cfg.Name, Decision: HairpinOff, Before: p})
				return
			}
			if p = s.outbound(tr, n, p); !p.IsValid() {
				return
			}
			tr.Events = append(tr.Events, Event{Node: n.cfg.Name, Decision: Hairpinned, Before: p, After: p})
			if p = s.inbound(tr, n, p); !p.IsValid() {
				return
			}
		case n.cfg.LAN.Contains(dst):
			tr.Events = append(tr.Events, Event{Node: n.cfg.Name, Decision: NoHost, Before: p})
			return
		default:
			if p = s.outbound(tr, n, p); !p.IsValid() {
				return
			}
			realm = n.realm
		}
	}
	tr.Events = append(tr.Events, Event{Node: Internet, Decision: TooManyHops, Before: p})
}

// outbound translates a packet leaving n's LAN, or returns the zero Packet.
func (s *Sim) outbound(tr *Trace, n *natState, p Packet) Packet {
	ev := Event{Node: n.cfg.Name, Before: p, Mapping: n.b.Mapping, Filtering: n.b.Filtering}
	if ri, ok := n.ruleIn[outKey{p.Proto, p.Src}]; ok {
		r := n.rules[ri]
		p.Src = netip.AddrPortFrom(n.cfg.forwardAddr(r), r.Port)
		ev.Decision, ev.After = Forwarded, p
		ev.Entry = Entry{Proto: p.Proto, Inside: r.To, Outside: p.Src, Static: true}
		tr.Events = append(tr.Events, ev)
		return p
	}
	k := n.b.Mapping.key(p.Proto, p.Src, p.Dst)
	e := n.byInside[k]
	ev.Decision = MappingReused
	if e == nil {
		out, ok := n.allocate(s.rng, p)
		if !ok {
			ev.Decision = PoolExhausted
			tr.Events = append(tr.Events, ev)
			return Packet{}
		}
		e = &entry{
			Entry:   Entry{Proto: p.Proto, Inside: p.Src, Outside: out, Remote: k.dst},
			created: s.now,
		}
		n.entries = append(n.entries, e)
		n.byInside[e.insideKey()] = e
		n.byOutside[e.outsideKey()] = e
		ev.Decision = MappingCreated
	}
	e.lastUsed = s.now
	e.deadline = s.now + n.b.timeout(p.Proto, e.established)
	e.allow(n.b.Filtering.key(p.Dst))
	p.Src = e.Outside
	ev.After, ev.Entry = p, e.Entry
	tr.Events = append(tr.Events, ev)
	return p
}

// inbound translates a packet arriving at n's public side, or returns the
// zero Packet.
func (s *Sim) inbound(tr *Trace, n *natState, p Packet) Packet {
	ev := Event{Node: n.cfg.Name, Before: p, Mapping: n.b.Mapping, Filtering: n.b.Filtering}
	out := outKey{p.Proto, p.Dst}
	if ri, ok := n.ruleOut[out]; ok {
		r := n.rules[ri]
		p.Dst = r.To
		ev.Decision, ev.After = Forwarded, p
		ev.Entry = Entry{Proto: p.Proto, Inside: r.To, Outside: out.ap, Static: true}
		tr.Events = append(tr.Events, ev)
		return p
	}
	e := n.byOutside[out]
	if e == nil {
		ev.Decision = NoMapping
		tr.Events = append(tr.Events, ev)
		return Packet{}
	}
	ev.Entry = e.Entry
	if !e.admits(n.b.Filtering.key(p.Src)) {
		ev.Decision = Filtered
		tr.Events = append(tr.Events, ev)
		return Packet{}
	}
	if p.Proto == TCP && !e.established {
		// RFC 5382 REQ-5: the longer timeout applies once the connection
		// is established, which the NAT sees as traffic both ways.
		e.established = true
		e.deadline = s.now + n.b.timeout(TCP, true)
	}
	p.Dst = e.Inside
	ev.Decision, ev.After = Accepted, p
	tr.Events = append(tr.Events, ev)
	return p
}

func (n *natState) isWAN(a netip.Addr) bool { return slices.Contains(n.cfg.WAN, a) }

func (n *natState) inPool(port uint16) bool { return port >= n.lo && port <= n.hi }

func (n *natState) install(r Forward) {
	out := outKey{r.Proto, netip.AddrPortFrom(n.cfg.forwardAddr(r), r.Port)}
	n.ruleOut[out] = len(n.rules)
	if _, ok := n.ruleIn[outKey{r.Proto, r.To}]; !ok {
		n.ruleIn[outKey{r.Proto, r.To}] = len(n.rules)
	}
	n.rules = append(n.rules, r)
	if n.inPool(r.Port) {
		n.used[outKey{r.Proto, netip.AddrPortFrom(out.ap.Addr(), 0)}]++
	}
}

// allocate picks a free public endpoint for p, or reports false when the
// pool of the chosen public address is full.
func (n *natState) allocate(rng *rand.Rand, p Packet) (netip.AddrPort, bool) {
	addr, ok := n.paired[p.Src.Addr()]
	if !ok {
		// RFC 4787 REQ-2: "paired" pooling; a new inside host gets the
		// least used public address.
		best := -1
		for _, a := range n.cfg.WAN {
			if u := n.used[outKey{p.Proto, netip.AddrPortFrom(a, 0)}]; best < 0 || u < best {
				addr, best = a, u
			}
		}
		n.paired[p.Src.Addr()] = addr
	}
	pool := outKey{p.Proto, netip.AddrPortFrom(addr, 0)}
	size := int(n.hi-n.lo) + 1
	if n.used[pool] >= size {
		return netip.AddrPort{}, false
	}
	free := func(port uint16) bool {
		k := outKey{p.Proto, netip.AddrPortFrom(addr, port)}
		_, mapped := n.byOutside[k]
		_, ruled := n.ruleOut[k]
		return !mapped && !ruled
	}
	start, ok := n.cursor[pool]
	if !ok {
		start = n.lo
	}
	switch n.b.Ports {
	case PortPreserve:
		if port := p.Src.Port(); n.inPool(port) && free(port) {
			start = port
		}
	case PortRandom:
		start = n.lo + uint16(rng.IntN(size))
	}
	for i := range size {
		port := n.lo + uint16((int(start-n.lo)+i)%size)
		if free(port) {
			n.used[pool]++
			next := port + 1
			if port == n.hi {
				next = n.lo
			}
			n.cursor[pool] = next
			return netip.AddrPortFrom(addr, port), true
		}
	}
	return netip.AddrPort{}, false
}

// expire removes the mappings whose timer has run out, oldest first.
func (n *natState) expire(tr *Trace, now time.Duration) {
	kept := n.entries[:0]
	for _, e := range n.entries {
		if e.deadline > now {
			kept = append(kept, e)
			continue
		}
		delete(n.byInside, e.insideKey())
		delete(n.byOutside, e.outsideKey())
		if n.inPool(e.Outside.Port()) {
			n.used[outKey{e.Proto, netip.AddrPortFrom(e.Outside.Addr(), 0)}]--
		}
		tr.Events = append(tr.Events, Event{Node: n.cfg.Name, Decision: MappingExpired, Entry: e.Entry,
			Mapping: n.b.Mapping, Filtering: n.b.Filtering, Duration: now - e.lastUsed})
	}
	clear(n.entries[len(kept):])
	n.entries = kept
}

// Row is one line of a translation table.
type Row struct {
	// NAT is the router the row belongs to.
	NAT string
	Entry
	// Established reports whether a TCP mapping has seen a reply.
	Established bool
	// Age is the time since the mapping was created; 0 for rules.
	Age time.Duration
	// Expires is the time left before the mapping expires unless refreshed
	// by outbound traffic; 0 for rules, which do not expire.
	Expires time.Duration
	// Peers are the remotes the filter admits, as filter keys: the zero
	// AddrPort (anyone) for endpoint-independent filtering, addresses with
	// port 0 for address-dependent, endpoints for address-and-port-dependent.
	// Nil for rules, which admit anyone.
	Peers []netip.AddrPort
}

// Table returns the translation tables of every NAT, in scenario order:
// each NAT's forwarding rules, then its live mappings oldest first.
func (s *Sim) Table() []Row {
	n, peers := 0, 0
	for _, nt := range s.nats {
		n += len(nt.rules) + len(nt.entries)
		for _, e := range nt.entries {
			peers += len(e.allowed)
		}
	}
	rows := make([]Row, 0, n)
	// One backing array for every row's peers keeps a snapshot at two
	// allocations however large the table.
	buf := make([]netip.AddrPort, 0, peers)
	for _, nt := range s.nats {
		for _, r := range nt.rules {
			rows = append(rows, Row{NAT: nt.cfg.Name, Entry: Entry{Proto: r.Proto, Inside: r.To,
				Outside: netip.AddrPortFrom(nt.cfg.forwardAddr(r), r.Port), Static: true}})
		}
		for _, e := range nt.entries {
			start := len(buf)
			buf = append(buf, e.allowed...)
			p := buf[start:len(buf):len(buf)]
			rows = append(rows, Row{NAT: nt.cfg.Name, Entry: e.Entry, Established: e.established,
				Age: s.now - e.created, Expires: e.deadline - s.now, Peers: p})
		}
	}
	return rows
}
