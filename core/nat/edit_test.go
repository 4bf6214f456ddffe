package nat_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/nat"
)

func TestClone(t *testing.T) {
	base := nat.PresetPortForward()
	c := base.Clone()
	c.NATs[0].WAN[0] = netip.MustParseAddr("192.0.2.99")
	c.NATs[0].Forwards[0].Port = 1
	c.Devices[0].Name = "changed"
	c.Steps[0].From = "changed"
	again := nat.PresetPortForward()
	if base.NATs[0].WAN[0] != again.NATs[0].WAN[0] || base.NATs[0].Forwards[0] != again.NATs[0].Forwards[0] ||
		base.Devices[0] != again.Devices[0] || base.Steps[0] != again.Steps[0] {
		t.Errorf("editing a Clone changed the original")
	}
}

func TestFreeAddr(t *testing.T) {
	sc := nat.PresetHome()
	tests := []struct {
		behind string
		want   string
	}{
		{"router", "192.168.1.13"}, // .10 to .12 are taken
		{"", "198.51.100.10"},
		{"nowhere", ""},
	}
	for _, tt := range tests {
		a, ok := sc.FreeAddr(tt.behind)
		if got := map[bool]string{true: a.String(), false: ""}[ok]; got != tt.want {
			t.Errorf("FreeAddr(%q) = %v, %v; want %q", tt.behind, a, ok, tt.want)
		}
	}
}

func TestEditDevice(t *testing.T) {
	base := nat.PresetHome()
	sc, err := base.AddDevice("router")
	if err != nil || sc.Devices[len(sc.Devices)-1].Name != "device" || sc.Validate() != nil || len(base.Devices) != len(sc.Devices)-1 {
		t.Fatalf("AddDevice(router) = %+v, %v", sc.Devices, err)
	}
	if sc, _ = sc.AddDevice("router"); sc.Devices[len(sc.Devices)-1].Name != "device-2" {
		t.Errorf("second AddDevice named %q; want device-2", sc.Devices[len(sc.Devices)-1].Name)
	}
	renamed, err := base.EditDevice(0, "name", " notebook ")
	if err != nil || renamed.Devices[0].Name != "notebook" || renamed.Steps[0].From != "notebook" || base.Steps[0].From != "laptop" {
		t.Errorf("rename: %v, steps say %q (base %q)", err, renamed.Steps[0].From, base.Steps[0].From)
	}
	moved, err := base.EditDevice(0, "behind", "")
	if err != nil || moved.Devices[0].Behind != "" || moved.Devices[0].Addr != netip.MustParseAddr("198.51.100.10") {
		t.Errorf("move to the internet: %v, %+v", err, moved.Devices[0])
	}
	errs := []struct {
		i            int
		field, value string
		path, reason string
	}{
		{0, "addr", "10.0.0.300", "devices[0].addr", `"10.0.0.300" is not an IPv4 address`},
		{9, "name", "x", "devices", "there is no device 9"},
		{0, "colour", "red", "devices[0].colour", `a device has no field "colour"`},
	}
	for _, tt := range errs {
		_, err := base.EditDevice(tt.i, tt.field, tt.value)
		var fe *field.Error
		if !errors.As(err, &fe) || fe.Field != tt.path || fe.Reason != tt.reason {
			t.Errorf("EditDevice(%d, %q, %q) = %v; want %s: %s", tt.i, tt.field, tt.value, err, tt.path, tt.reason)
		}
	}
	if sc := base.RemoveDevice(0); len(sc.Devices) != 4 || len(sc.Steps) != 2 || sc.Validate() != nil || len(base.Devices) != 5 {
		t.Errorf("RemoveDevice(0): %d devices, %d steps, %v", len(sc.Devices), len(sc.Steps), sc.Validate())
	}
}

func TestEditBehavior(t *testing.T) {
	base := nat.PresetHome()
	tests := []struct {
		field, value, path, reason string
	}{
		{"mapping", "address-and-port-dependent", "", ""},
		{"filtering", "sideways", "nats[0].behavior.filtering", `"sideways" is not a filtering behavior; want "endpoint-independent", "address-dependent" or "address-and-port-dependent"`},
		{"udpTimeout", "soon", "nats[0].behavior.udpTimeout", `"soon" is not a duration such as "2m" or "2h4m"`},
		{"portMax", "70000", "nats[0].behavior.portMax", `"70000" is not a port from 1 to 65535`},
		{"hairpin", "true", "", ""},
	}
	for _, tt := range tests {
		sc, err := base.EditBehavior(0, tt.field, tt.value)
		var fe *field.Error
		switch {
		case tt.path == "" && (err != nil || sc.Validate() != nil):
			t.Errorf("EditBehavior(0, %q, %q) = %v, %v", tt.field, tt.value, err, sc.Validate())
		case tt.path != "" && (!errors.As(err, &fe) || fe.Field != tt.path || fe.Reason != tt.reason):
			t.Errorf("EditBehavior(0, %q, %q) = %v; want %s: %s", tt.field, tt.value, err, tt.path, tt.reason)
		}
	}
	if sc, _ := base.EditBehavior(0, "hairpin", "true"); !sc.NATs[0].Behavior.Hairpin || base.NATs[0].Behavior.Hairpin {
		t.Errorf("EditBehavior(hairpin) changed the original or not the copy")
	}
}

func TestRemoveForward(t *testing.T) {
	base := nat.PresetPortForward()
	n := len(base.NATs[0].Forwards)
	if sc := base.RemoveForward(0, 0); len(sc.NATs[0].Forwards) != n-1 || len(base.NATs[0].Forwards) != n {
		t.Errorf("RemoveForward(0, 0) left %d of %d rules", len(sc.NATs[0].Forwards), n)
	}
	if sc := base.RemoveForward(0, n); len(sc.NATs[0].Forwards) != n {
		t.Errorf("RemoveForward of a missing rule changed the scenario")
	}
}
