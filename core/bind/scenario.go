package bind

import (
	"encoding/json"
	"fmt"
	"net/netip"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/internal/strictjson"
)

// Limits on a scenario, so that a hostile share link cannot freeze the page.
const (
	MaxScenarioBytes = 1 << 20 // size of the JSON text DecodeScenario accepts
	MaxContainers    = 64
	MaxSockets       = 256 // sockets open at the same time, docker-proxy's included
	MaxPublishes     = 64
	MaxForwards      = 64
	MaxAllowed       = 64 // ports the host firewall allows
	MaxActions       = 1000
	MaxNameLen       = 63 // bytes in a container, process or user name
)

// Version is the scenario format version Scenario.V carries.
const Version = 1

// Defaults for the parts of a Host that a scenario leaves out.
var (
	DefaultLAN    = netip.MustParsePrefix("192.168.1.10/24") // the host's LAN address and subnet
	DefaultBridge = netip.MustParsePrefix("172.17.0.1/16")   // docker0: the host's bridge address and subnet
	DefaultPublic = netip.MustParseAddr("203.0.113.1")       // the router's public address (RFC 5737)
)

// Scenario is a Bind lab: a host, its containers, the sockets open at the
// start, the ports published at the start and the actions to replay. It is
// what a share link carries, as JSON.
type Scenario struct {
	V          int         `json:"v"`                    // format version: Version
	OS         OS          `json:"os,omitzero"`          // whose bind rules the host follows
	Host       Host        `json:"host,omitzero"`        // the host's interfaces, router and firewall
	Containers []Container `json:"containers,omitempty"` // containers on the host
	Sockets    []Socket    `json:"sockets,omitempty"`    // sockets open at the start, in order
	Publish    []Port      `json:"publish,omitempty"`    // ports published at the start
	Localhost  Order       `json:"localhost,omitzero"`   // the order localhost resolves in
	Client     Dialer      `json:"client,omitzero"`      // how clients use several addresses
	Actions    []Action    `json:"actions,omitempty"`    // the actions Run applies, in order
}

// Host is the machine the scenario is about. Zero fields take defaults: LAN
// DefaultLAN, Bridge DefaultBridge, Router.Public DefaultPublic.
type Host struct {
	LAN      netip.Prefix `json:"lan,omitzero"`      // IPv4 address on the LAN, with the LAN's prefix length
	LAN6     netip.Prefix `json:"lan6,omitzero"`     // IPv6 address on the LAN, optional
	Bridge   netip.Prefix `json:"bridge,omitzero"`   // docker0 address, with the bridge's prefix length
	Router   Router       `json:"router,omitzero"`   // the router between the LAN and the internet
	Firewall Firewall     `json:"firewall,omitzero"` // the host's inbound firewall
}

// Router is the LAN's way to the internet. The zero Router does NAT with
// the public address DefaultPublic and forwards nothing.
type Router struct {
	Public   netip.Addr `json:"public,omitzero"`   // the router's address on the internet
	NoNAT    bool       `json:"noNat,omitempty"`   // the LAN addresses are public and routed: no NAT
	Forwards []Forward  `json:"forward,omitempty"` // port forwards from the public address to the host
}

// Forward is a port forward on the router: Public:Port goes to the host's
// LAN address, port To.
type Forward struct {
	Proto Proto `json:"proto,omitzero"`
	Port  int   `json:"port"` // port on the router's public address
	To    int   `json:"to"`   // port on the host
}

// Firewall is the host's inbound filter. When On, connections to the host
// from containers, the LAN and the internet are dropped unless their port
// is in Allow; loopback traffic always passes. Docker's DNAT for published
// ports runs before it, so published ports pass too.
type Firewall struct {
	On    bool  `json:"on,omitempty"`
	Allow []int `json:"allow,omitempty"`
}

// Container is a Docker container. With the default bridge network it has
// its own network namespace: its own loopback and an address on the
// bridge. With Network "host" it shares the host's.
type Container struct {
	Name    string     `json:"name"`
	Addr    netip.Addr `json:"addr,omitzero"`     // its bridge address; zero: the next free one, as Docker assigns
	Network string     `json:"network,omitempty"` // "" or "bridge", or "host"
}

// Socket is a socket a process binds: where (the host, or a container),
// the address and port, and the options set before bind.
type Socket struct {
	Process          string     `json:"process,omitempty"`          // the program's name, shown in results
	In               string     `json:"in,omitempty"`               // container name; "" is the host
	Proto            Proto      `json:"proto,omitzero"`             // tcp or udp
	Addr             netip.Addr `json:"addr,omitzero"`              // local address: specific, 0.0.0.0 or ::
	Port             int        `json:"port,omitempty"`             // local port; 0 picks an ephemeral one
	ReuseAddr        bool       `json:"reuseAddr,omitempty"`        // SO_REUSEADDR
	ReusePort        bool       `json:"reusePort,omitempty"`        // SO_REUSEPORT (Linux, macOS)
	ExclusiveAddrUse bool       `json:"exclusiveAddrUse,omitempty"` // SO_EXCLUSIVEADDRUSE (Windows)
	V6Only           Toggle     `json:"v6only,omitzero"`            // IPV6_V6ONLY, for an IPv6 socket
	User             string     `json:"user,omitempty"`             // effective user; "" is the same for all
	Privileged       bool       `json:"privileged,omitempty"`       // root, or CAP_NET_BIND_SERVICE
	State            SockState  `json:"state,omitzero"`             // for sockets open at the start
}

// Options returns the socket options s sets, by their C names
// (SO_REUSEADDR, IPV6_V6ONLY on …), in the order a program sets them.
func (s Socket) Options() []string {
	var o []string
	if s.ReuseAddr {
		o = append(o, "SO_REUSEADDR")
	}
	if s.ReusePort {
		o = append(o, "SO_REUSEPORT")
	}
	if s.ExclusiveAddrUse {
		o = append(o, "SO_EXCLUSIVEADDRUSE")
	}
	switch s.V6Only {
	case On:
		o = append(o, "IPV6_V6ONLY on")
	case Off:
		o = append(o, "IPV6_V6ONLY off")
	}
	return o
}

// Port is a published container port, as docker run -p HOST:PORT or -p
// ADDR:HOST:PORT writes it. A zero Addr publishes on every host address,
// IPv4 and IPv6; a zero HostPort picks an ephemeral one.
type Port struct {
	Container string     `json:"container"`
	Proto     Proto      `json:"proto,omitzero"`
	Addr      netip.Addr `json:"hostAddr,omitzero"`
	HostPort  int        `json:"hostPort,omitempty"`
	Port      int        `json:"port"` // the container port
}

// Action is one step of a scenario. Which fields matter depends on Do:
//
//   - listen, bind: the Socket fields.
//   - close: Process and In; Port too if not 0; TimeWait leaves the
//     server's connections in TIME_WAIT, as a server that closed them does.
//   - wait: nothing (every TIME_WAIT expires).
//   - publish: Publish.
//   - connect: From, To (an IP address or "localhost"), Port, Proto, and
//     Client if not zero overrides the scenario's dialer for this connection.
//   - localhost: Order.
//   - client: Client.
type Action struct {
	Do Kind `json:"do"`
	Socket
	TimeWait bool    `json:"timeWait,omitempty"`
	Publish  *Port   `json:"publish,omitempty"`
	From     Vantage `json:"from,omitzero"`
	To       string  `json:"to,omitempty"`
	Order    Order   `json:"order,omitzero"`
	Client   Dialer  `json:"client,omitzero"`
}

// DecodeScenario parses a scenario from JSON and validates it. Unknown
// fields are errors, so that a typo does not pass silently.
func DecodeScenario(data []byte) (Scenario, error) {
	return strictjson.DecodeValid[Scenario]("scenario", data, MaxScenarioBytes)
}

// fieldErrorf returns a *field.Error about the field at path.
func fieldErrorf(path, format string, args ...any) error { return field.Errorf(path, format, args...) }

// Encode returns the scenario as JSON, the form DecodeScenario reads.
func (s Scenario) Encode() ([]byte, error) { return json.Marshal(s) }

// Validate reports the first thing wrong with the scenario as a
// *field.Error naming the field, as in "sockets[2].port: port 70000 is out
// of range 0–65535". It checks the limits, that names are unique and referenced names exist, and that
// addresses fit the topology; it does not run the actions.
func (s Scenario) Validate() error {
	if s.V != Version {
		return fieldErrorf("v", "version %d is not supported; want %d", s.V, Version)
	}
	if s.OS > Windows {
		return fieldErrorf("os", "unknown %v", s.OS)
	}
	h := s.Host
	if err := checkIface("host.lan", h.LAN, true); err != nil {
		return err
	}
	if err := checkIface("host.lan6", h.LAN6, false); err != nil {
		return err
	}
	if err := checkIface("host.bridge", h.Bridge, true); err != nil {
		return err
	}
	t := s.topology()
	if t.lan.Overlaps(t.bridge) {
		return fieldErrorf("host.bridge", "%v overlaps the LAN %v; give Docker another subnet (\"bip\" in daemon.json)", t.bridge.Masked(), t.lan.Masked())
	}
	if p := h.Router.Public; p.IsValid() && (!p.Is4() || p.IsUnspecified() || p.IsLoopback()) {
		return fieldErrorf("host.router.public", "%v is not a usable IPv4 address", p)
	}
	if len(h.Router.Forwards) > MaxForwards {
		return fieldErrorf("host.router.forward", "%d forwards is more than the limit of %d", len(h.Router.Forwards), MaxForwards)
	}
	for i, f := range h.Router.Forwards {
		field := fmt.Sprintf("host.router.forward[%d]", i)
		if err := checkPort(field+".port", f.Port, false); err != nil {
			return err
		}
		if err := checkPort(field+".to", f.To, false); err != nil {
			return err
		}
	}
	if len(h.Firewall.Allow) > MaxAllowed {
		return fieldErrorf("host.firewall.allow", "%d ports is more than the limit of %d", len(h.Firewall.Allow), MaxAllowed)
	}
	for i, p := range h.Firewall.Allow {
		if err := checkPort(fmt.Sprintf("host.firewall.allow[%d]", i), p, false); err != nil {
			return err
		}
	}
	if len(s.Containers) > MaxContainers {
		return fieldErrorf("containers", "%d containers is more than the limit of %d", len(s.Containers), MaxContainers)
	}
	names := make(map[string]bool, len(s.Containers))
	addrs := make(map[netip.Addr]bool, len(s.Containers))
	for i, c := range s.Containers {
		field := fmt.Sprintf("containers[%d]", i)
		if err := checkName(field+".name", c.Name, true); err != nil {
			return err
		}
		if names[c.Name] {
			return fieldErrorf(field+".name", "%q is already the name of another container", c.Name)
		}
		names[c.Name] = true
		switch c.Network {
		case "", "bridge":
		case "host":
			if c.Addr.IsValid() {
				return fieldErrorf(field+".addr", "a container on the host network has no address of its own")
			}
		default:
			return fieldErrorf(field+".network", "unknown network %q; want \"bridge\" or \"host\"", c.Network)
		}
		if c.Addr.IsValid() {
			if !t.bridge.Contains(c.Addr) || c.Addr == t.bridge.Addr() || c.Addr == t.bridge.Masked().Addr() {
				return fieldErrorf(field+".addr", "%v is not a free address of the bridge %v", c.Addr, t.bridge.Masked())
			}
			if addrs[c.Addr] {
				return fieldErrorf(field+".addr", "%v is already another container's address", c.Addr)
			}
			addrs[c.Addr] = true
		}
	}
	for i, c := range t.ctrs {
		if !c.hostNet && !c.addr.IsValid() {
			return fieldErrorf(fmt.Sprintf("containers[%d].addr", i), "the bridge %v has no free address left", t.bridge.Masked())
		}
	}
	if len(s.Sockets) > MaxSockets {
		return fieldErrorf("sockets", "%d sockets is more than the limit of %d", len(s.Sockets), MaxSockets)
	}
	for i, so := range s.Sockets {
		if err := so.validate(fmt.Sprintf("sockets[%d]", i), names, true); err != nil {
			return err
		}
	}
	if len(s.Publish) > MaxPublishes {
		return fieldErrorf("publish", "%d ports is more than the limit of %d", len(s.Publish), MaxPublishes)
	}
	for i, p := range s.Publish {
		if err := p.validate(fmt.Sprintf("publish[%d]", i), s.Containers); err != nil {
			return err
		}
	}
	if s.Localhost > IPv6Only {
		return fieldErrorf("localhost", "unknown %v", s.Localhost)
	}
	if s.Client > FirstOnly {
		return fieldErrorf("client", "unknown %v", s.Client)
	}
	if len(s.Actions) > MaxActions {
		return fieldErrorf("actions", "%d actions is more than the limit of %d", len(s.Actions), MaxActions)
	}
	for i, a := range s.Actions {
		if err := a.validate(fmt.Sprintf("actions[%d]", i), names, s.Containers); err != nil {
			return err
		}
	}
	return nil
}

func checkIface(field string, p netip.Prefix, v4 bool) error {
	if !p.IsValid() {
		return nil
	}
	a := p.Addr()
	switch {
	case a.Zone() != "":
		return fieldErrorf(field, "%v has a zone; drop the %%%s", p, a.Zone())
	case v4 && !a.Is4():
		return fieldErrorf(field, "%v is not IPv4", p)
	case !v4 && !a.Is6():
		return fieldErrorf(field, "%v is not IPv6", p)
	case a.Is4In6():
		return fieldErrorf(field, "%v is an IPv4-mapped address; write the IPv4 address", p)
	case a.IsUnspecified() || a.IsLoopback() || a.IsMulticast() || a.IsLinkLocalUnicast():
		return fieldErrorf(field, "%v cannot be an interface address", p)
	case v4 && p.Bits() > 30:
		return fieldErrorf(field, "/%d leaves no room for neighbours; use /30 or shorter", p.Bits())
	case !v4 && p.Bits() > 126:
		return fieldErrorf(field, "/%d leaves no room for neighbours; use /126 or shorter", p.Bits())
	case a == p.Masked().Addr():
		return fieldErrorf(field, "%v is the subnet's own address; write the interface's address, such as %v/%d", p, a.Next(), p.Bits())
	}
	return nil
}

func checkPort(field string, p int, zeroOK bool) error {
	if p < 0 || p > 65535 {
		return fieldErrorf(field, "port %d is out of range 0–65535", p)
	}
	if p == 0 && !zeroOK {
		return fieldErrorf(field, "port 0 is not a port one can connect to")
	}
	return nil
}

func checkName(field, name string, required bool) error {
	if name == "" {
		if required {
			return fieldErrorf(field, "missing")
		}
		return nil
	}
	if len(name) > MaxNameLen {
		return fieldErrorf(field, "%d bytes is longer than the limit of %d", len(name), MaxNameLen)
	}
	for _, r := range name {
		if r < ' ' || r == 0x7f {
			return fieldErrorf(field, "%q contains a control character", name)
		}
	}
	return nil
}

func checkContainer(field, name string, known map[string]bool) error {
	if name != "" && !known[name] {
		return fieldErrorf(field, "no container named %q", name)
	}
	return nil
}

func (so Socket) validate(field string, containers map[string]bool, initial bool) error {
	if err := checkName(field+".process", so.Process, false); err != nil {
		return err
	}
	if err := checkName(field+".user", so.User, false); err != nil {
		return err
	}
	if err := checkContainer(field+".in", so.In, containers); err != nil {
		return err
	}
	if so.Proto > UDP {
		return fieldErrorf(field+".proto", "unknown %v", so.Proto)
	}
	a := so.Addr
	switch {
	case !a.IsValid():
		return fieldErrorf(field+".addr", "missing; write 0.0.0.0 for every IPv4 address, :: for every address")
	case a.Zone() != "":
		return fieldErrorf(field+".addr", "%v has a zone; drop the %%%s", a, a.Zone())
	case a.Is4In6():
		return fieldErrorf(field+".addr", "%v is an IPv4-mapped address; write %v", a, a.Unmap())
	case a.IsMulticast():
		return fieldErrorf(field+".addr", "%v is a multicast address; the lab binds unicast addresses", a)
	}
	if err := checkPort(field+".port", so.Port, true); err != nil {
		return err
	}
	if so.V6Only > Off {
		return fieldErrorf(field+".v6only", "unknown %v", so.V6Only)
	}
	if so.V6Only != Default && a.Is4() {
		return fieldErrorf(field+".v6only", "IPV6_V6ONLY applies to IPv6 sockets, and %v is IPv4", a)
	}
	if so.ReuseAddr && so.ExclusiveAddrUse {
		return fieldErrorf(field, "SO_REUSEADDR and SO_EXCLUSIVEADDRUSE together are refused (WSAEINVAL); pick one")
	}
	if so.State > TimeWait {
		return fieldErrorf(field+".state", "unknown %v", so.State)
	}
	if !initial && so.State != Listening {
		return fieldErrorf(field+".state", "an action sets the state itself; leave it out")
	}
	if so.State == TimeWait && so.Port == 0 {
		return fieldErrorf(field+".port", "a socket in TIME_WAIT needs the port its connections used")
	}
	return nil
}

func (p Port) validate(field string, cs []Container) error {
	i := containerIndex(cs, p.Container)
	if p.Container == "" {
		return fieldErrorf(field+".container", "missing")
	}
	if i < 0 {
		return fieldErrorf(field+".container", "no container named %q", p.Container)
	}
	if cs[i].Network == "host" {
		return fieldErrorf(field+".container", "%q is on the host network, where -p has no effect; its processes bind on the host directly", p.Container)
	}
	if p.Proto > UDP {
		return fieldErrorf(field+".proto", "unknown %v", p.Proto)
	}
	if a := p.Addr; a.IsValid() && (a.Zone() != "" || a.Is4In6() || a.IsMulticast()) {
		return fieldErrorf(field+".hostAddr", "%v is not an address the host can publish on", a)
	}
	if err := checkPort(field+".hostPort", p.HostPort, true); err != nil {
		return err
	}
	return checkPort(field+".port", p.Port, false)
}

func containerIndex(cs []Container, name string) int {
	for i, c := range cs {
		if c.Name == name {
			return i
		}
	}
	return -1
}

func (a Action) validate(field string, containers map[string]bool, cs []Container) error {
	switch a.Do {
	case Listen, BindOnly:
		return a.Socket.validate(field, containers, false)
	case Close:
		if err := checkName(field+".process", a.Process, true); err != nil {
			return err
		}
		if err := checkContainer(field+".in", a.In, containers); err != nil {
			return err
		}
		return checkPort(field+".port", a.Port, true)
	case Wait:
		return nil
	case Publish:
		if a.Publish == nil {
			return fieldErrorf(field+".publish", "missing")
		}
		return a.Publish.validate(field+".publish", cs)
	case Connect:
		if !a.From.IsValid() {
			return fieldErrorf(field+".from", "missing; want \"host\", \"container:NAME\", \"lan\" or \"internet\"")
		}
		if c := a.From.Container(); c != "" && !containers[c] {
			return fieldErrorf(field+".from", "no container named %q", c)
		}
		if a.To == "" {
			return fieldErrorf(field+".to", "missing; write an IP address or localhost")
		}
		if a.To != "localhost" {
			ip, err := netip.ParseAddr(a.To)
			if err != nil {
				return fieldErrorf(field+".to", "%q is neither an IP address nor localhost", a.To)
			}
			if ip.Zone() != "" || ip.Is4In6() || ip.IsMulticast() {
				return fieldErrorf(field+".to", "%v is not an address the lab connects to", ip)
			}
			if ip.IsUnspecified() {
				return fieldErrorf(field+".to", "%v is not a destination; connect to 127.0.0.1 or a real address", ip)
			}
		}
		if a.Proto > UDP {
			return fieldErrorf(field+".proto", "unknown %v", a.Proto)
		}
		if a.Client > FirstOnly {
			return fieldErrorf(field+".client", "unknown %v", a.Client)
		}
		return checkPort(field+".port", a.Port, false)
	case Localhost:
		if a.Order > IPv6Only {
			return fieldErrorf(field+".order", "unknown %v", a.Order)
		}
		return nil
	case Client:
		if a.Client > FirstOnly {
			return fieldErrorf(field+".client", "unknown %v", a.Client)
		}
		return nil
	}
	return fieldErrorf(field+".do", "unknown %v", a.Do)
}
