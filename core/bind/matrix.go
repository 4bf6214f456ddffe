package bind

import "net/netip"

// Target is a column of a Matrix: an address and port to dial, and the
// listening socket it was derived from.
type Target struct {
	Dial    netip.AddrPort `json:"dial"`
	Proto   Proto          `json:"proto"`
	Socket  int            `json:"socket,omitempty"` // the socket's ID; 0 for a port forward on the router
	In      string         `json:"in,omitempty"`     // the socket's container; "" is the host
	Process string         `json:"process,omitempty"`
}

// Matrix is every vantage point connecting to every listening socket:
// Cells[v][t] is the result of Vantages[v] dialling Targets[t].
type Matrix struct {
	Vantages []Vantage  `json:"vantages"`
	Targets  []Target   `json:"targets"`
	Cells    [][]Result `json:"cells"`
}

// Vantages returns the vantage points of the state: the host, each
// container in order, the LAN and the internet.
func (st State) Vantages() []Vantage {
	if st.t == nil {
		return nil
	}
	v := []Vantage{FromHost}
	for _, c := range st.t.ctrs {
		v = append(v, FromContainer(c.name))
	}
	return append(v, FromLAN, FromInternet)
}

// Targets returns the addresses a client would dial to reach each
// listening socket: a specific address as it is; a wildcard expanded to
// loopback and every address of its namespace in its families; and the
// router's public address for each port forward.
func (st State) Targets() []Target {
	if st.t == nil {
		return nil
	}
	t := st.t
	var out []Target
	seen := map[Target]bool{}
	addT := func(x Target) {
		k := x
		k.Socket, k.Process = 0, ""
		if !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	for _, b := range st.Sockets() {
		if b.State != Listening {
			continue
		}
		ns := st.nsOfID(b.ID)
		o := t.nsOS(ns)
		var dial []netip.Addr
		if !b.Addr.IsUnspecified() {
			dial = []netip.Addr{b.Addr}
		} else {
			cands := append([]netip.Addr{netip.AddrFrom4([4]byte{127, 0, 0, 1}), netip.IPv6Loopback()}, t.addrs(ns)...)
			for _, a := range cands {
				if b.covers(o, a) {
					dial = append(dial, a)
				}
			}
		}
		for _, a := range dial {
			addT(Target{Dial: netip.AddrPortFrom(a, uint16(b.Port)), Proto: b.Proto, Socket: b.ID, In: t.nsName(ns), Process: b.Process})
		}
	}
	for _, f := range t.forwards {
		addT(Target{Dial: netip.AddrPortFrom(t.public, uint16(f.Port)), Proto: f.Proto, In: "", Process: "router"})
	}
	return out
}

// Matrix connects every vantage point to every target. Its size is
// vantages × targets, at most (MaxContainers+3) × (MaxSockets × 4 +
// MaxForwards).
func (st State) Matrix() Matrix {
	if st.t == nil {
		return Matrix{}
	}
	st = st.indexed()
	m := Matrix{Vantages: st.Vantages(), Targets: st.Targets()}
	m.Cells = make([][]Result, len(m.Vantages))
	for i, v := range m.Vantages {
		row := make([]Result, len(m.Targets))
		for j, x := range m.Targets {
			row[j] = st.Connect(v, x.Dial, x.Proto)
		}
		m.Cells[i] = row
	}
	return m
}
