package scenario

import "net/url"

// PortsState is the state of the Ports & sockets widget: /ports?q=postgres. The zero value
// is the widget with an empty search.
type PortsState struct {
	// Q is the search as typed (parameter q): a port, a service name, a socket or a URL, at
	// most MaxValueBytes long.
	Q string
}

// Widget returns WidgetPorts.
func (PortsState) Widget() Widget { return WidgetPorts }

func (s PortsState) writer() *queryWriter {
	w := new(queryWriter)
	w.add("q", s.Q)
	return w
}

// Query returns the state as query parameters, leaving out defaults.
func (s PortsState) Query() url.Values { return s.writer().query() }

// Encode returns the state as a raw query, such as "q=postgres".
func (s PortsState) Encode() string { return s.writer().encode() }

// ParsePortsState reads a Ports state from query parameters. It never fails: what it cannot
// use is reported as problems and left at its default.
func ParsePortsState(q url.Values) (PortsState, []Problem) {
	r := newQueryReader(q)
	s := PortsState{Q: r.text("q")}
	return s, r.done()
}
