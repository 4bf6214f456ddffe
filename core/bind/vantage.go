package bind

import (
	"fmt"
	"strings"
)

type vantageKind uint8

const (
	vantageNone vantageKind = iota
	vantageHost
	vantageContainer
	vantageLAN
	vantageInternet
)

// Vantage is where a connection starts: a process on the host, a process in
// a container, a neighbour on the host's LAN, or a machine on the internet.
// Its text form is "host", "container:NAME", "lan" or "internet".
//
// Vantage is a comparable value. The zero Vantage is not valid.
type Vantage struct {
	container string
	kind      vantageKind
}

// Vantage points that need no name.
var (
	FromHost     = Vantage{kind: vantageHost}
	FromLAN      = Vantage{kind: vantageLAN}
	FromInternet = Vantage{kind: vantageInternet}
)

// FromContainer returns the vantage point of a process in the named
// container.
func FromContainer(name string) Vantage {
	return Vantage{kind: vantageContainer, container: name}
}

// ParseVantage parses the text String returns.
func ParseVantage(s string) (Vantage, error) {
	switch s {
	case "host":
		return FromHost, nil
	case "lan":
		return FromLAN, nil
	case "internet":
		return FromInternet, nil
	}
	if name, ok := strings.CutPrefix(s, "container:"); ok && name != "" {
		return FromContainer(name), nil
	}
	return Vantage{}, fmt.Errorf("vantage point %q: want \"host\", \"container:NAME\", \"lan\" or \"internet\"", s)
}

// IsValid reports whether v is not the zero Vantage.
func (v Vantage) IsValid() bool { return v.kind != vantageNone }

// Container returns the container's name for a container vantage point,
// or "".
func (v Vantage) Container() string { return v.container }

// String returns "host", "container:NAME", "lan", "internet", or "" for the
// zero Vantage.
func (v Vantage) String() string {
	switch v.kind {
	case vantageHost:
		return "host"
	case vantageContainer:
		return "container:" + v.container
	case vantageLAN:
		return "lan"
	case vantageInternet:
		return "internet"
	}
	return ""
}

// MarshalText returns String.
func (v Vantage) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText parses the text String returns; empty text gives the zero
// Vantage.
func (v *Vantage) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*v = Vantage{}
		return nil
	}
	p, err := ParseVantage(string(b))
	*v = p
	return err
}

// describe says who the vantage point is, in words.
func (v Vantage) describe() string {
	switch v.kind {
	case vantageHost:
		return "a process on the host"
	case vantageContainer:
		return "a process in container " + v.container
	case vantageLAN:
		return "a neighbour on the LAN"
	case vantageInternet:
		return "a machine on the internet"
	}
	return "nowhere"
}
