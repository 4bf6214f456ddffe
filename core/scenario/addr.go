package scenario

import "net/url"

// AddrState is the state of the Address widget: /addr?ip=192.168.1.42. The zero value is
// the widget with an empty input.
type AddrState struct {
	// IP is the address as typed (parameter ip), at most MaxValueBytes long.
	IP string
}

// Widget returns WidgetAddr.
func (AddrState) Widget() Widget { return WidgetAddr }

func (s AddrState) writer() *queryWriter {
	w := new(queryWriter)
	w.add("ip", s.IP)
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
	s := AddrState{IP: r.text("ip")}
	return s, r.done()
}
