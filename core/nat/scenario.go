package nat

import (
	"net/netip"
	"strconv"
	"time"

	"github.com/netground/netground/core/field"
)

// Limits that keep a hostile share link from freezing the page. Validate
// rejects scenarios beyond them.
const (
	// MaxDevices is the most devices a scenario may have.
	MaxDevices = 256
	// MaxNATs is the most NAT routers a scenario may have.
	MaxNATs = 16
	// MaxWANAddrs is the most public addresses one NAT may have.
	MaxWANAddrs = 16
	// MaxForwards is the most port-forwarding rules one NAT may have.
	MaxForwards = 64
	// MaxSteps is the most steps a scenario may have.
	MaxSteps = 10000
	// MaxNameLen is the longest name, in bytes, of a scenario, NAT or device.
	MaxNameLen = 64
	// MaxAdvance is the longest a single advance step may move the clock.
	MaxAdvance = 24 * time.Hour
	// MaxTimeout is the longest mapping timeout a Behavior may set.
	MaxTimeout = 7 * 24 * time.Hour
	// MaxScenarioBytes is the largest JSON text DecodeScenario reads: 1 MiB,
	// the size of the largest share-link document, which holds MaxSteps
	// steps with room to spare.
	MaxScenarioBytes = 1 << 20
)

// Internet is the node name of the public internet in a Trace. NATs and
// devices may not use it.
const Internet = "internet"

// Scenario is a topology, the behaviours of its NATs, their port-forwarding
// rules and the steps to replay. The zero value is an empty scenario with
// no devices and nothing to do.
type Scenario struct {
	// Name is a title shown to the learner.
	Name string
	// Seed seeds the random source used by PortRandom.
	Seed uint64
	// NATs are the routers, in any order; each sits on the internet or
	// behind another NAT.
	NATs []NAT
	// Devices are the hosts: on a NAT's LAN or on the internet.
	Devices []Device
	// Steps are replayed in order by a Sim.
	Steps []Step
}

// NAT is a router that translates between its LAN and the network it sits
// on. The zero value is not valid: a NAT needs a name, a LAN and at least
// one WAN address.
type NAT struct {
	// Name names the router in traces and in Device.Behind.
	Name string
	// Behind is the name of the NAT whose LAN this router's WAN side is on
	// (a carrier-grade NAT, say); empty means the internet.
	Behind string
	// LAN is the private network on the inside, such as 192.168.1.0/24.
	LAN netip.Prefix
	// WAN are the router's public addresses. With more than one, an inside
	// host keeps the same public address for all its mappings ("paired"
	// pooling, RFC 4787 REQ-2).
	WAN []netip.Addr
	// Behavior is how the router maps, filters and times out.
	Behavior Behavior
	// Forwards are the port-forwarding (destination NAT) rules.
	Forwards []Forward
}

// Forward is a port-forwarding rule: packets to the public port Port are
// sent to the inside endpoint To, whatever the filtering behaviour, and
// packets from To leave from the public port. The zero value is not valid.
type Forward struct {
	// Proto is TCP or UDP.
	Proto Protocol
	// Addr is the public address the rule applies to; the zero Addr means
	// the NAT's first WAN address.
	Addr netip.Addr
	// Port is the public port.
	Port uint16
	// To is the inside endpoint, on the NAT's LAN.
	To netip.AddrPort
}

// Device is a host: a laptop on a LAN, a server on the internet. The zero
// value is not valid.
type Device struct {
	// Name names the device in steps and traces.
	Name string
	// Behind is the name of the NAT whose LAN the device is on; empty means
	// the device is on the internet.
	Behind string
	// Addr is the device's IPv4 address.
	Addr netip.Addr
}

// StepKind is what a Step does. The zero value is StepSend.
type StepKind uint8

const (
	// StepSend makes device From send a packet of protocol Proto from its
	// port SrcPort to To.
	StepSend StepKind = iota
	// StepReply makes device From answer the last packet delivered to it,
	// from the address and port it arrived at to where it came from.
	StepReply
	// StepAdvance moves the clock forward by By; mappings idle for their
	// timeout expire.
	StepAdvance
	// StepForward adds the rule Forward to the NAT named NAT, unless its
	// public port is taken by another rule or a live mapping.
	StepForward
)

// stepKindName returns the name of the i-th value, or "" past the last one.
func stepKindName(i int) string {
	switch i {
	case 0:
		return "send"
	case 1:
		return "reply"
	case 2:
		return "advance"
	case 3:
		return "forward"
	}
	return ""
}

// String returns "send", "reply", "advance" or "forward".
func (k StepKind) String() string {
	if n := stepKindName(int(k)); n != "" {
		return n
	}
	return "step(" + strconv.Itoa(int(k)) + ")"
}

// ParseStepKind parses the form String returns.
func ParseStepKind(s string) (StepKind, error) {
	for i := 0; stepKindName(i) != ""; i++ {
		n := stepKindName(i)
		if s == n {
			return StepKind(i), nil
		}
	}
	return 0, errorf(quote(s) + ` is not a step kind; want "send", "reply", "advance" or "forward"`)
}

// Step is one action of a scenario. Which fields matter depends on Kind.
type Step struct {
	// Kind is what the step does.
	Kind StepKind
	// From is the sending or replying device (StepSend, StepReply).
	From string
	// Proto is the protocol of the packet (StepSend).
	Proto Protocol
	// SrcPort is the sender's port (StepSend). For ICMP it is the echo
	// identifier of a request, and 0 for a reply.
	SrcPort uint16
	// To is the destination (StepSend). For ICMP its port is 0 for a
	// request, and the identifier the request carried for a reply.
	To netip.AddrPort
	// By is how far the clock moves (StepAdvance).
	By time.Duration
	// NAT names the router that gets Forward (StepForward).
	NAT string
	// Forward is the rule to add (StepForward).
	Forward Forward
}

// FieldError is a problem with one field of a scenario, such as
// `devices[3].addr: "10.0.0.300" is not an IPv4 address`: the type every
// lab's engine returns, field.Error.
type FieldError = field.Error

func errorf(reason string) *FieldError { return &FieldError{Reason: reason} }

func fieldErr(field, reason string) *FieldError { return &FieldError{Field: field, Reason: reason} }

func quote(s string) string { return field.Quote(s, 80) }

func idx(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

// Validate reports the first problem that would stop the scenario from
// running, as a *FieldError naming the field, or nil.
func (s Scenario) Validate() error {
	if _, err := s.validate(); err != nil {
		return err
	}
	return nil
}

// topology is what validation learns and the simulator needs: every name,
// and which network each NAT's WAN side and each device sits on.
type topology struct {
	nat    map[string]int // NAT name → index
	device map[string]int // device name → index
	// realm of a NAT's WAN side and of a device: 0 is the internet,
	// i+1 is the LAN of NAT i.
	natRealm    []int
	deviceRealm []int
}

func (s Scenario) validate() (*topology, *FieldError) {
	switch {
	case len(s.Name) > MaxNameLen:
		return nil, fieldErr("name", "longer than "+strconv.Itoa(MaxNameLen)+" bytes")
	case len(s.NATs) > MaxNATs:
		return nil, fieldErr("nats", strconv.Itoa(len(s.NATs))+" NATs is more than the limit of "+strconv.Itoa(MaxNATs))
	case len(s.Devices) > MaxDevices:
		return nil, fieldErr("devices", strconv.Itoa(len(s.Devices))+" devices is more than the limit of "+strconv.Itoa(MaxDevices))
	case len(s.Steps) > MaxSteps:
		return nil, fieldErr("steps", strconv.Itoa(len(s.Steps))+" steps is more than the limit of "+strconv.Itoa(MaxSteps))
	}
	t := &topology{nat: map[string]int{}, device: map[string]int{}}
	names := map[string]string{}
	checkName := func(field, name string) *FieldError {
		switch {
		case name == "":
			return fieldErr(field, "a name is required")
		case len(name) > MaxNameLen:
			return fieldErr(field, quote(name)+" is longer than "+strconv.Itoa(MaxNameLen)+" bytes")
		case name == Internet:
			return fieldErr(field, quote(name)+" is reserved for the internet itself")
		}
		if prev, ok := names[name]; ok {
			return fieldErr(field, quote(name)+" is already the name of "+prev)
		}
		names[name] = field
		return nil
	}
	for i, n := range s.NATs {
		f := idx("nats", i)
		if err := checkName(f+".name", n.Name); err != nil {
			return nil, err
		}
		t.nat[n.Name] = i
	}
	// Resolve Behind and reject cycles before looking at addresses.
	t.natRealm = make([]int, len(s.NATs))
	for i, n := range s.NATs {
		f := idx("nats", i) + ".behind"
		if n.Behind == "" {
			continue
		}
		p, ok := t.nat[n.Behind]
		if !ok {
			return nil, fieldErr(f, quote(n.Behind)+" is not the name of a NAT")
		}
		t.natRealm[i] = p + 1
		for j, hops := p, 0; ; hops++ {
			if j == i || hops > len(s.NATs) {
				return nil, fieldErr(f, quote(n.Behind)+" is behind "+quote(n.Name)+" already; NATs cannot be behind each other in a loop")
			}
			if s.NATs[j].Behind == "" {
				break
			}
			j = t.nat[s.NATs[j].Behind]
		}
	}
	type realmAddr struct {
		realm int
		addr  netip.Addr
	}
	taken := map[realmAddr]string{}
	claim := func(field string, realm int, a netip.Addr) *FieldError {
		if prev, ok := taken[realmAddr{realm, a}]; ok {
			return fieldErr(field, a.String()+" is already used by "+prev+" on the same network")
		}
		taken[realmAddr{realm, a}] = field
		return nil
	}
	for i, n := range s.NATs {
		f := idx("nats", i)
		if err := checkPrefix(f+".lan", n.LAN); err != nil {
			return nil, err
		}
		if len(n.WAN) == 0 {
			return nil, fieldErr(f+".wan", "a NAT needs at least one WAN address")
		}
		if len(n.WAN) > MaxWANAddrs {
			return nil, fieldErr(f+".wan", strconv.Itoa(len(n.WAN))+" addresses is more than the limit of "+strconv.Itoa(MaxWANAddrs))
		}
		for j, a := range n.WAN {
			fw := idx(f+".wan", j)
			if err := checkAddr(fw, a); err != nil {
				return nil, err
			}
			if n.LAN.Contains(a) {
				return nil, fieldErr(fw, a.String()+" is inside the NAT's own LAN "+n.LAN.String())
			}
			if r := t.natRealm[i]; r > 0 && !s.NATs[r-1].LAN.Contains(a) {
				return nil, fieldErr(fw, a.String()+" is not in "+quote(n.Behind)+"'s LAN "+s.NATs[r-1].LAN.String())
			}
			if err := claim(fw, t.natRealm[i], a); err != nil {
				return nil, err
			}
		}
		if err := checkBehavior(f+".behavior", n.Behavior); err != nil {
			return nil, err
		}
		if len(n.Forwards) > MaxForwards {
			return nil, fieldErr(f+".forwards", strconv.Itoa(len(n.Forwards))+" rules is more than the limit of "+strconv.Itoa(MaxForwards))
		}
		for j, r := range n.Forwards {
			fr := idx(f+".forwards", j)
			if err := checkForward(fr, n, r); err != nil {
				return nil, err
			}
			for k, prev := range n.Forwards[:j] {
				if prev.Proto == r.Proto && prev.Port == r.Port && n.forwardAddr(prev) == n.forwardAddr(r) {
					return nil, fieldErr(fr, r.Proto.String()+" port "+strconv.Itoa(int(r.Port))+" on "+n.forwardAddr(r).String()+
						" is already forwarded to "+prev.To.String()+" by "+idx("forwards", k)+"; one public port can lead to one inside endpoint only")
				}
			}
		}
	}
	t.deviceRealm = make([]int, len(s.Devices))
	for i, d := range s.Devices {
		f := idx("devices", i)
		if err := checkName(f+".name", d.Name); err != nil {
			return nil, err
		}
		t.device[d.Name] = i
		if err := checkAddr(f+".addr", d.Addr); err != nil {
			return nil, err
		}
		if d.Behind != "" {
			n, ok := t.nat[d.Behind]
			if !ok {
				return nil, fieldErr(f+".behind", quote(d.Behind)+" is not the name of a NAT")
			}
			if !s.NATs[n].LAN.Contains(d.Addr) {
				return nil, fieldErr(f+".addr", d.Addr.String()+" is not in "+quote(d.Behind)+"'s LAN "+s.NATs[n].LAN.String())
			}
			t.deviceRealm[i] = n + 1
		}
		if err := claim(f+".addr", t.deviceRealm[i], d.Addr); err != nil {
			return nil, err
		}
	}
	for i, st := range s.Steps {
		if err := t.checkStep(idx("steps", i), s, st); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *topology) checkStep(f string, s Scenario, st Step) *FieldError {
	switch st.Kind {
	case StepSend, StepReply:
		if _, ok := t.device[st.From]; !ok {
			return fieldErr(f+".from", quote(st.From)+" is not the name of a device")
		}
		if st.Kind == StepReply {
			return nil
		}
		if !st.Proto.IsValid() {
			return fieldErr(f+".proto", "unknown protocol "+st.Proto.String())
		}
		if err := checkAddr(f+".to", st.To.Addr()); err != nil {
			return err
		}
		if st.Proto == ICMP {
			return nil
		}
		if st.SrcPort == 0 {
			return fieldErr(f+".srcPort", "port 0 cannot be used; pick 1 to 65535")
		}
		if st.To.Port() == 0 {
			return fieldErr(f+".to", "port 0 cannot be used; add a port such as "+quote(st.To.Addr().String()+":443"))
		}
	case StepAdvance:
		if st.By <= 0 || st.By > MaxAdvance {
			return fieldErr(f+".by", quote(st.By.String())+" is not between 1ns and "+MaxAdvance.String())
		}
	case StepForward:
		n, ok := t.nat[st.NAT]
		if !ok {
			return fieldErr(f+".nat", quote(st.NAT)+" is not the name of a NAT")
		}
		return checkForward(f+".forward", s.NATs[n], st.Forward)
	default:
		return fieldErr(f+".kind", "unknown step kind "+st.Kind.String())
	}
	return nil
}

func checkAddr(f string, a netip.Addr) *FieldError {
	switch {
	case !a.IsValid():
		return fieldErr(f, "an IPv4 address is required")
	case !a.Is4():
		return fieldErr(f, quote(a.String())+" is not an IPv4 address")
	case a.IsUnspecified():
		return fieldErr(f, "0.0.0.0 cannot be a host's address")
	}
	return nil
}

func checkPrefix(f string, p netip.Prefix) *FieldError {
	switch {
	case !p.IsValid():
		return fieldErr(f, "an IPv4 network such as \"192.168.1.0/24\" is required")
	case !p.Addr().Is4():
		return fieldErr(f, quote(p.String())+" is not an IPv4 network")
	case p.Bits() == 0:
		return fieldErr(f, quote(p.String())+" is the whole internet, not a LAN")
	case p != p.Masked():
		return fieldErr(f, quote(p.String())+" has host bits set; did you mean "+quote(p.Masked().String())+"?")
	}
	return nil
}

func checkDuration(f string, d time.Duration) *FieldError {
	if d < 0 || d > MaxTimeout {
		return fieldErr(f, quote(d.String())+" is not between 0 (the default) and "+MaxTimeout.String())
	}
	return nil
}

func checkBehavior(f string, b Behavior) *FieldError {
	switch {
	case !b.Mapping.IsValid():
		return fieldErr(f+".mapping", "unknown mapping behavior "+b.Mapping.String())
	case !b.Filtering.IsValid():
		return fieldErr(f+".filtering", "unknown filtering behavior "+b.Filtering.String())
	case !b.Ports.IsValid():
		return fieldErr(f+".ports", "unknown port assignment "+b.Ports.String())
	}
	if lo, hi := b.pool(); lo > hi {
		return fieldErr(f+".portMax", "the pool ends at "+strconv.Itoa(int(hi))+", before it starts at "+strconv.Itoa(int(lo)))
	}
	for _, d := range [...]struct {
		name string
		d    time.Duration
	}{{".udpTimeout", b.UDPTimeout}, {".tcpTimeout", b.TCPTimeout}, {".tcpTransitoryTimeout", b.TCPTransitoryTimeout}, {".icmpTimeout", b.ICMPTimeout}} {
		if err := checkDuration(f+d.name, d.d); err != nil {
			return err
		}
	}
	return nil
}

func checkForward(f string, n NAT, r Forward) *FieldError {
	if r.Proto != TCP && r.Proto != UDP {
		return fieldErr(f+".proto", "only tcp and udp ports can be forwarded, not "+r.Proto.String())
	}
	if r.Port == 0 {
		return fieldErr(f+".port", "port 0 cannot be forwarded; pick 1 to 65535")
	}
	if r.Addr.IsValid() {
		found := false
		for _, a := range n.WAN {
			found = found || a == r.Addr
		}
		if !found {
			return fieldErr(f+".addr", r.Addr.String()+" is not one of "+quote(n.Name)+"'s WAN addresses")
		}
	}
	if err := checkAddr(f+".to", r.To.Addr()); err != nil {
		return err
	}
	if !n.LAN.Contains(r.To.Addr()) {
		return fieldErr(f+".to", r.To.Addr().String()+" is not in "+quote(n.Name)+"'s LAN "+n.LAN.String())
	}
	if r.To.Port() == 0 {
		return fieldErr(f+".to", "port 0 cannot be used; add the inside port, such as "+quote(r.To.Addr().String()+":"+strconv.Itoa(int(r.Port))))
	}
	return nil
}

// forwardAddr is the public address a rule applies to.
func (n NAT) forwardAddr(r Forward) netip.Addr {
	if r.Addr.IsValid() || len(n.WAN) == 0 {
		return r.Addr
	}
	return n.WAN[0]
}
