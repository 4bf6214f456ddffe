package bind

import (
	"fmt"
	"net/netip"
)

// Kinds of Hop: where a connection starts, passes or stops, or the
// namespace a socket is bound in.
const (
	HopHost      = "host"      // the host itself
	HopContainer = "container" // a container's own network namespace
	HopProxy     = "proxy"     // docker-proxy, the userland proxy of a published port, on the host
	HopLAN       = "lan"       // a neighbour on the host's LAN
	HopRouter    = "router"    // the LAN's router, with its public address
	HopInternet  = "internet"  // a machine on the internet
)

// Hop is one place on an action's path. A connection's path starts at its
// vantage point (Dst is the address it dials) and ends where it stopped or
// was accepted; a bind's path is the one namespace the socket is bound in.
type Hop struct {
	Kind      string         `json:"kind"`                // HopHost, HopContainer, …
	Name      string         `json:"name"`                // the place in words: "the host", "container web", "the router"
	Container string         `json:"container,omitempty"` // HopContainer: the container's name
	Via       string         `json:"via,omitempty"`       // how the connection got here from the hop before: "loopback", "docker0", "the LAN"
	Dst       netip.AddrPort `json:"dst,omitzero"`        // the address and port it is addressed to here, after any rewriting
}

// hop appends a place to the result's path.
func (r *Result) hop(h Hop) { r.Path = append(r.Path, h) }

// stopAt says, in a few words, where and why the action ended.
func (r *Result) stopAt(format string, args ...any) { r.Stop = fmt.Sprintf(format, args...) }

// nsHop is the hop of a namespace: the host or a container.
func (t *topology) nsHop(ns int, via string, dst netip.AddrPort) Hop {
	if ns <= 0 {
		return Hop{Kind: HopHost, Name: "the host", Via: via, Dst: dst}
	}
	c := t.ctrs[ns-1].name
	return Hop{Kind: HopContainer, Name: "container " + c, Container: c, Via: via, Dst: dst}
}

// vantageHop is where a connection from v starts.
func vantageHop(v Vantage, dst netip.AddrPort) Hop {
	switch v.kind {
	case vantageHost:
		return Hop{Kind: HopHost, Name: "a process on the host", Dst: dst}
	case vantageContainer:
		return Hop{Kind: HopContainer, Name: "a process in container " + v.container, Container: v.container, Dst: dst}
	case vantageLAN:
		return Hop{Kind: HopLAN, Name: "a LAN neighbour", Dst: dst}
	case vantageInternet:
		return Hop{Kind: HopInternet, Name: "a machine on the internet", Dst: dst}
	}
	return Hop{Name: "nowhere", Dst: dst}
}

func routerHop(via string, dst netip.AddrPort) Hop {
	return Hop{Kind: HopRouter, Name: "the router", Via: via, Dst: dst}
}

// where says where a namespace is: "on the host", "in container web".
func (t *topology) where(ns int) string {
	if ns <= 0 {
		return "on the host"
	}
	return "in " + t.nsDesc(ns)
}
