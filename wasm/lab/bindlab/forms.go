package bindlab

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/port"
)

// listenForm is the "start a process" form, as typed.
type listenForm struct {
	Process, In, Addr, Port, Proto, V6Only string
	ReuseAddr, ReusePort, Privileged       bool
}

// connectForm is the "connect from" form, as typed.
type connectForm struct {
	From, To, Port, Proto, Client string
}

// publishForm is the "publish a port" form, as typed.
type publishForm struct {
	Container, HostAddr, HostPort, Port, Proto string
}

// errs maps an input's name to what is wrong with its value.
type errs map[string]string

// parsePort reads a port input (see port.ParsePort).
func parsePort(s string) (int, error) {
	n, err := port.ParsePort(strings.TrimSpace(s))
	return int(n), err
}

func parseProto(s string) bind.Proto {
	if s == "udp" {
		return bind.UDP
	}
	return bind.TCP
}

// action turns the listen form into an action, or says what is wrong.
func (f listenForm) action() (bind.Action, errs) {
	e := errs{}
	a := bind.Action{Do: bind.Listen}
	a.Process = strings.TrimSpace(f.Process)
	a.In = f.In
	a.Proto = parseProto(f.Proto)
	addr, err := netip.ParseAddr(strings.Trim(strings.TrimSpace(f.Addr), "[]"))
	if err != nil {
		e["listen-addr"] = fmt.Sprintf("%q is not an IP address; write 0.0.0.0, ::, 127.0.0.1, ::1 or an interface's address", f.Addr)
	}
	a.Addr = addr
	if p, err := parsePort(f.Port); err != nil {
		e["listen-port"] = err.Error()
	} else {
		a.Port = p
	}
	switch f.V6Only {
	case "on":
		a.V6Only = bind.On
	case "off":
		a.V6Only = bind.Off
	}
	if a.V6Only != bind.Default && addr.Is4() {
		a.V6Only = bind.Default // the option is for IPv6 sockets; leaving it on an IPv4 one would only fail validation
	}
	a.ReuseAddr, a.ReusePort, a.Privileged = f.ReuseAddr, f.ReusePort, f.Privileged
	return a, e
}

// action turns the connect form into an action, or says what is wrong.
func (f connectForm) action() (bind.Action, errs) {
	e := errs{}
	a := bind.Action{Do: bind.Connect}
	v, err := bind.ParseVantage(f.From)
	if err != nil {
		e["connect-from"] = err.Error()
	}
	a.From = v
	to := strings.Trim(strings.TrimSpace(f.To), "[]")
	if to != "localhost" {
		if ip, err := netip.ParseAddr(to); err != nil {
			e["connect-to"] = fmt.Sprintf("%q is neither an IP address nor localhost", f.To)
		} else {
			to = ip.String()
		}
	}
	a.To = to
	if p, err := parsePort(f.Port); err != nil {
		e["connect-port"] = err.Error()
	} else {
		a.Port = p
	}
	a.Proto = parseProto(f.Proto)
	switch f.Client {
	case "sequential":
		a.Client = bind.Sequential
	case "first-only":
		a.Client = bind.FirstOnly
	}
	return a, e
}

// action turns the publish form into an action, or says what is wrong.
func (f publishForm) action() (bind.Action, errs) {
	e := errs{}
	p := bind.Port{Container: f.Container, Proto: parseProto(f.Proto)}
	if s := strings.Trim(strings.TrimSpace(f.HostAddr), "[]"); s != "" {
		ip, err := netip.ParseAddr(s)
		if err != nil {
			e["publish-hostaddr"] = fmt.Sprintf("%q is not an IP address; leave it empty to publish on every address", f.HostAddr)
		}
		p.Addr = ip
	}
	if n, err := parsePort(f.HostPort); err != nil {
		e["publish-hostport"] = err.Error()
	} else {
		p.HostPort = n
	}
	if n, err := parsePort(f.Port); err != nil {
		e["publish-port"] = err.Error()
	} else {
		p.Port = n
	}
	return bind.Action{Do: bind.Publish, Publish: &p}, e
}
