package nat_test

import (
	"testing"

	"github.com/netground/netground/core/nat"
)

// punchExpected is the outcome of simultaneous UDP hole punching through a
// STUN-like server, derived from the RFCs rather than from the simulator:
//
//   - RFC 5128 section 3.3 and RFC 4787 section 4.1: a peer can only
//     tell the other a public endpoint it learned from the server. With
//     endpoint-independent mapping (EIM) that endpoint is also the one it
//     uses towards the peer; with address- or address-and-port-dependent
//     mapping the peer's packets leave from a new, unknown port.
//   - RFC 4787 section 5: a filter admits a packet if the inside host has
//     sent to its source through the mapping: any source under
//     endpoint-independent filtering (EIF), the same address under
//     address-dependent filtering (ADF), the same address and port under
//     address-and-port-dependent filtering (APDF).
//   - A peer that receives a packet answers its source (RFC 8445 section
//     7.3.1.3, peer-reflexive candidates), which the other's filter admits
//     because that mapping was opened towards the answering peer.
//
// So, with A sending first:
//   - both EIM: always works; each side's first packet opens its own filter
//     for exactly the endpoint the other uses (RFC 5128 section 3.3).
//   - one side EIM (say A), the other not: B's packets arrive from a new
//     port of B's public address; A admits them unless A filters on the
//     port (APDF), and once A hears B, A's answer goes to B's new mapping,
//     which is open to A. Works if and only if A's filtering is not APDF.
//   - neither EIM: each side's packets arrive from a new port at the
//     other's STUN mapping, which has only seen the server; only EIF admits
//     them. When A's filter is EIF, A hears B and answers from a new port
//     of its own, which B's filter admits unless it is APDF; symmetrically
//     for B. Works if one side is EIF and the other is not APDF.
func punchExpected(a, b nat.NATType) bool {
	aEIM, bEIM := a.Mapping == nat.EndpointIndependentMapping, b.Mapping == nat.EndpointIndependentMapping
	switch {
	case aEIM && bEIM:
		return true
	case aEIM:
		return a.Filtering != nat.AddressAndPortDependentFiltering
	case bEIM:
		return b.Filtering != nat.AddressAndPortDependentFiltering
	}
	eif := func(t nat.NATType) bool { return t.Filtering == nat.EndpointIndependentFiltering }
	apdf := func(t nat.NATType) bool { return t.Filtering == nat.AddressAndPortDependentFiltering }
	return eif(a) && !apdf(b) || eif(b) && !apdf(a)
}

func TestHolePunchMatrix(t *testing.T) {
	m := nat.HolePunchMatrix()
	types := nat.NATTypes()
	for i, a := range types {
		for j, b := range types {
			p := m[i][j]
			if p.A != a || p.B != b {
				t.Fatalf("m[%d][%d] is %v × %v; want %v × %v", i, j, p.A, p.B, a, b)
			}
			if got, want := p.Success(), punchExpected(a, b); got != want {
				t.Errorf("HolePunch(%v, %v).Success() = %v (a→b %v, b→a %v); want %v", a, b, got, p.AToB, p.BToA, want)
			}
			if q := m[j][i]; q.Success() != p.Success() {
				t.Errorf("HolePunch is not symmetric: %v × %v = %v, %v × %v = %v", a, b, p.Success(), b, a, q.Success())
			}
		}
	}
}

func TestHolePunchPresetMatchesMatrix(t *testing.T) {
	s := nat.PresetHolePunch()
	p := nat.HolePunch(s.NATs[0].Behavior, s.NATs[1].Behavior)
	if !p.Success() || len(p.Traces) == 0 {
		t.Errorf("HolePunch with the preset's routers: success %v, %d traces", p.Success(), len(p.Traces))
	}
}
