package k8s

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// AddNetwork returns s with one more network for Check to compare with
// the cluster's ranges: a VPN, a cloud VPC, an office LAN. The prefix is
// CIDR notation ("10.8.0.0/16"); an interface's address with its length
// ("10.8.0.6/24", as ip addr shows a VPN's) means its network, and a bare
// address a /32 or /128. If name is empty the network is called "vpn". It
// returns a *field.Error naming "networks[N].name" or "networks[N].prefix"
// (N the new network's index) and s unchanged if the network cannot be
// added.
func (s Scenario) AddNetwork(name, prefix string) (Scenario, error) {
	i := len(s.Networks)
	field := "networks[" + strconv.Itoa(i) + "]"
	name = strings.TrimSpace(name)
	if name == "" {
		name = "vpn"
	}
	if len(name) > MaxNameLen {
		return s, fieldErrorf(field+".name", "%d bytes is longer than the limit of %d", len(name), MaxNameLen)
	}
	if i >= MaxNetworks {
		return s, fieldErrorf(field+".prefix", "the lab compares at most %d networks; remove one first", MaxNetworks)
	}
	prefix = strings.TrimSpace(prefix)
	p, err := netip.ParsePrefix(prefix)
	if err != nil {
		a, aerr := netip.ParseAddr(prefix)
		if aerr != nil || a.Zone() != "" {
			return s, fieldErrorf(field+".prefix", "%q is not a network such as 10.8.0.0/16", prefix)
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	p = p.Masked()
	for _, n := range s.Networks {
		if n.Prefix == p {
			return s, fieldErrorf(field+".prefix", "%v is already network %q", p, n.Name)
		}
	}
	next := s
	next.Networks = append(slices.Clip(s.Networks), Network{Name: name, Prefix: p})
	if err := next.Validate(); err != nil {
		return s, err
	}
	return next, nil
}

// RemoveNetwork returns s without its network i; s itself if there is
// none.
func (s Scenario) RemoveNetwork(i int) Scenario {
	if i < 0 || i >= len(s.Networks) {
		return s
	}
	s.Networks = slices.Delete(slices.Clone(s.Networks), i, i+1)
	if len(s.Networks) == 0 {
		s.Networks = nil
	}
	return s
}
