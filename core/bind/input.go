package bind

import (
	"errors"
	"net/netip"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/port"
)

// ListenInput is a listen action as a person types it into a form: every
// value as text, the options as check boxes.
type ListenInput struct {
	Process, In, Addr, Port, Proto, V6Only string // V6Only: "on", "off" or "" (the system's default)
	ReuseAddr, ReusePort, Privileged       bool
}

// ConnectInput is a connect action as typed.
type ConnectInput struct {
	From, To, Port, Proto string
	Client                string // "sequential", "first-only" or "" (as the scenario's client)
}

// PublishInput is a published container port as typed. An empty HostAddr
// publishes on every address.
type PublishInput struct {
	Container, HostAddr, HostPort, Port, Proto string
}

// Action returns the listen action in reads. If a value cannot be read,
// the error joins a *field.Error for each, whose Field is the value's path
// in an Action's JSON form ("addr", "port"), quoting what was typed.
// Whether the action fits the scenario is Validate's to say.
func (in ListenInput) Action() (Action, error) {
	var errs []error
	a := Action{Do: Listen}
	a.Process = strings.TrimSpace(in.Process)
	a.In = in.In
	a.Proto = inputProto(in.Proto)
	addr, err := netip.ParseAddr(unbracket(in.Addr))
	if err != nil {
		errs = append(errs, field.Errorf("addr", "%s is not an IP address; write 0.0.0.0, ::, 127.0.0.1, ::1 or an interface's address", field.Quote(in.Addr, 80)))
	}
	a.Addr = addr
	a.Port, errs = inputPort("port", in.Port, errs)
	switch in.V6Only {
	case "on":
		a.V6Only = On
	case "off":
		a.V6Only = Off
	}
	if addr.Is4() {
		a.V6Only = Default // the option is for IPv6 sockets; leaving it on an IPv4 one would only fail validation
	}
	a.ReuseAddr, a.ReusePort, a.Privileged = in.ReuseAddr, in.ReusePort, in.Privileged
	return a, errors.Join(errs...)
}

// Action returns the connect action in reads; errors as ListenInput's
// ("from", "to", "port"). To is an IP address, with or without brackets,
// or localhost.
func (in ConnectInput) Action() (Action, error) {
	var errs []error
	a := Action{Do: Connect}
	v, err := ParseVantage(in.From)
	if err != nil {
		errs = append(errs, &field.Error{Field: "from", Reason: err.Error()})
	}
	a.From = v
	to := unbracket(in.To)
	if to != "localhost" {
		if ip, err := netip.ParseAddr(to); err != nil {
			errs = append(errs, field.Errorf("to", "%s is neither an IP address nor localhost", field.Quote(in.To, 80)))
		} else {
			to = ip.String()
		}
	}
	a.To = to
	a.Port, errs = inputPort("port", in.Port, errs)
	a.Proto = inputProto(in.Proto)
	switch in.Client {
	case "sequential":
		a.Client = Sequential
	case "first-only":
		a.Client = FirstOnly
	}
	return a, errors.Join(errs...)
}

// Action returns the publish action in reads; errors as ListenInput's
// ("publish.hostAddr", "publish.hostPort", "publish.port").
func (in PublishInput) Action() (Action, error) {
	var errs []error
	p := Port{Container: in.Container, Proto: inputProto(in.Proto)}
	if s := unbracket(in.HostAddr); s != "" {
		ip, err := netip.ParseAddr(s)
		if err != nil {
			errs = append(errs, field.Errorf("publish.hostAddr", "%s is not an IP address; leave it empty to publish on every address", field.Quote(in.HostAddr, 80)))
		}
		p.Addr = ip
	}
	p.HostPort, errs = inputPort("publish.hostPort", in.HostPort, errs)
	p.Port, errs = inputPort("publish.port", in.Port, errs)
	return Action{Do: Publish, Publish: &p}, errors.Join(errs...)
}

// inputPort reads a typed port (see port.ParsePort), adding its error at
// path to errs.
func inputPort(path, s string, errs []error) (int, []error) {
	n, err := port.ParsePort(strings.TrimSpace(s))
	if err != nil {
		return 0, append(errs, &field.Error{Field: path, Reason: err.Error()})
	}
	return int(n), errs
}

// inputProto reads a protocol select: "udp", else TCP.
func inputProto(s string) Proto {
	if s == "udp" {
		return UDP
	}
	return TCP
}

// unbracket trims spaces and the brackets an IPv6 address is written in
// beside a port.
func unbracket(s string) string { return strings.Trim(strings.TrimSpace(s), "[]") }
