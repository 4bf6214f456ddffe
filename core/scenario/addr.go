package scenario

import "net/url"

// AddrState is the state of the Address widget: /addr?ip=192.168.1.42&add=-1&to=192.168.2.1.
// The zero value is the widget with empty inputs.
type AddrState struct {
	// IP is the address as typed (parameter ip), at most MaxValueBytes long.
	IP string
	// Add is how many addresses to step from IP, as typed (parameter add): 10, -1, 0x100.
	// Left out of JSON when empty, so states saved before it read the same.
	Add string `json:",omitempty"`
	// To is a second address, as typed, whose distance from IP is asked for (parameter to).
	// Left out of JSON when empty.
	To string `json:",omitempty"`
}

// Widget returns WidgetAddr.
func (AddrState) Widget() Widget { return WidgetAddr }

func (s AddrState) writer() *queryWriter {
	w := new(queryWriter)
	w.add("ip", s.IP)
	w.add("add", s.Add)
	w.add("to", s.To)
	return w
}

// Query returns the state as query parameters, leaving out defaults.
func (s AddrState) Query() url.Values { return s.writer().query() }

// Encode returns the state as a raw query, such as "ip=192.168.1.42".
func (s AddrState) Encode() string { return s.writer().encode() }

// ParseAddrState reads an Address state from query parameters. It never fails: what it cannot
// use is reported as problems and left at its default.
func ParseAddrState(q url.Values) (AddrState, []Problem) {
	r := newQueryReader(q)
	s := AddrState{IP: r.text("ip"), Add: r.text("add"), To: r.text("to")}
	return s, r.done()
}
