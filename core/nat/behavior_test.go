package nat_test

import (
	"testing"

	"github.com/netground/netground/core/nat"
)

const (
	eim  = nat.EndpointIndependentMapping
	adm  = nat.AddressDependentMapping
	apdm = nat.AddressAndPortDependentMapping
	eif  = nat.EndpointIndependentFiltering
	adf  = nat.AddressDependentFiltering
	apdf = nat.AddressAndPortDependentFiltering
)

// TestBehaviors checks RFC 4787 sections 4.1 and 5: after the laptop sends
// from 192.168.1.10:5000 to 93.184.216.34:80, which later packets share its
// public port, and which inbound packets the filter lets in.
func TestBehaviors(t *testing.T) {
	tests := []struct {
		m                           nat.MappingBehavior
		f                           nat.FilteringBehavior
		samePortOtherDstPort        bool // 5000 → 93.184.216.34:81 uses the same public port
		samePortOtherDstAddr        bool // 5000 → 198.51.100.80:80 uses the same public port
		inFromOtherPort, inFromAddr bool // 93.184.216.34:81 / 198.51.100.80:80 reach the laptop
	}{
		{eim, eif, true, true, true, true},
		{eim, adf, true, true, true, false},
		{eim, apdf, true, true, false, false},
		{adm, eif, true, false, true, true},
		{adm, adf, true, false, true, false},
		{adm, apdf, true, false, false, false},
		{apdm, eif, false, false, true, true},
		{apdm, adf, false, false, true, false},
		{apdm, apdf, false, false, false, false},
	}
	for _, tt := range tests {
		b := nat.Behavior{Mapping: tt.m, Filtering: tt.f}
		sim := newSim(t, home(b))
		first := outside(t, apply(t, sim, send("laptop", nat.UDP, 5000, "93.184.216.34:80")))
		if got := outside(t, apply(t, sim, send("laptop", nat.UDP, 5000, "93.184.216.34:81"))) == first; got != tt.samePortOtherDstPort {
			t.Errorf("%v/%v: same public port for another destination port = %v; want %v", tt.m, tt.f, got, tt.samePortOtherDstPort)
		}
		if got := outside(t, apply(t, sim, send("laptop", nat.UDP, 5000, "198.51.100.80:80"))) == first; got != tt.samePortOtherDstAddr {
			t.Errorf("%v/%v: same public port for another destination address = %v; want %v", tt.m, tt.f, got, tt.samePortOtherDstAddr)
		}

		sim = newSim(t, home(b))
		first = outside(t, apply(t, sim, send("laptop", nat.UDP, 5000, "93.184.216.34:80")))
		for _, in := range []struct {
			from string
			port uint16
			want bool
		}{{"s1", 81, tt.inFromOtherPort}, {"s2", 80, tt.inFromAddr}} {
			tr := apply(t, sim, send(in.from, nat.UDP, in.port, first.String()))
			to, p := tr.Delivered()
			if got := to == "laptop"; got != in.want {
				t.Errorf("%v/%v: %s:%d → %v delivered = %v (%v); want %v", tt.m, tt.f, in.from, in.port, first, got, tr.Outcome(), in.want)
			}
			if to == "laptop" && p.Dst != ap("192.168.1.10:5000") {
				t.Errorf("%v/%v: delivered to %v; want 192.168.1.10:5000", tt.m, tt.f, p.Dst)
			}
			if !in.want && tr.Outcome() != nat.Filtered {
				t.Errorf("%v/%v: outcome %v; want filtered", tt.m, tt.f, tr.Outcome())
			}
		}
	}
}

func TestParseRoundTrip(t *testing.T) {
	for i := range 3 {
		m, f, a := nat.MappingBehavior(i), nat.FilteringBehavior(i), nat.PortAssignment(i)
		if got, err := nat.ParseMappingBehavior(m.String()); got != m || err != nil {
			t.Errorf("ParseMappingBehavior(%q) = %v, %v; want %v", m, got, err, m)
		}
		if got, err := nat.ParseFilteringBehavior(f.String()); got != f || err != nil {
			t.Errorf("ParseFilteringBehavior(%q) = %v, %v; want %v", f, got, err, f)
		}
		if got, err := nat.ParsePortAssignment(a.String()); got != a || err != nil {
			t.Errorf("ParsePortAssignment(%q) = %v, %v; want %v", a, got, err, a)
		}
		if got, err := nat.ParseProtocol(nat.Protocol(i).String()); got != nat.Protocol(i) || err != nil {
			t.Errorf("ParseProtocol(%q) = %v, %v", nat.Protocol(i), got, err)
		}
	}
	if _, err := nat.ParseMappingBehavior("symmetric"); err == nil || err.Error() != `"symmetric" is not a mapping behavior; want "endpoint-independent", "address-dependent" or "address-and-port-dependent"` {
		t.Errorf("ParseMappingBehavior(symmetric) error = %v", err)
	}
}
