package k8s

import (
	"maps"
	"net/netip"
)

// config is a scenario's cluster with the defaults applied and the
// addresses assigned.
type config struct {
	cluster, service, lan netip.Prefix
	mask, maxPods         int
	nodes                 []nodeCfg
	deploys               []Deployment
	svcs                  []svcCfg
	networks              []Network // ranges outside the cluster, for what a connection into them means
}

type nodeCfg struct {
	name        string
	addr        netip.Addr
	podCIDR     netip.Prefix // invalid when the cluster CIDR has run out
	first, last netip.Addr   // what host-local hands out: .2 up to the address before broadcast
	capacity    int
}

type svcCfg struct {
	Service
	ip       netip.Addr
	nodePort int
}

func addrAdd(a netip.Addr, n uint64) netip.Addr {
	b := a.As4()
	v := uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
	v += n
	if v > 0xffffffff {
		return netip.Addr{}
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

func (s Scenario) config() *config {
	c := &config{cluster: s.ClusterCIDR, service: s.ServiceCIDR, lan: s.LAN, mask: s.NodeMaskSize, maxPods: s.MaxPods, networks: s.Networks}
	if !c.cluster.IsValid() {
		c.cluster = DefaultClusterCIDR
	}
	if !c.service.IsValid() {
		c.service = DefaultServiceCIDR
	}
	if !c.lan.IsValid() {
		c.lan = DefaultLAN
	}
	if c.mask == 0 {
		c.mask = DefaultNodeMaskSize
	}
	if c.maxPods == 0 {
		c.maxPods = DefaultMaxPods
	}
	ranges := uint64(0)
	if c.mask >= c.cluster.Bits() && c.mask <= 32 {
		ranges = 1 << (c.mask - c.cluster.Bits())
	}
	size := uint64(1) << (32 - min(max(c.mask, 0), 32))
	for i, n := range s.Nodes {
		nc := nodeCfg{name: n.Name, addr: n.Addr}
		if !nc.addr.IsValid() && c.lan.Addr().Is4() {
			nc.addr = addrAdd(c.lan.Addr(), uint64(11+i))
		}
		if uint64(i) < ranges && c.mask <= 30 {
			base := addrAdd(c.cluster.Addr(), uint64(i)*size)
			nc.podCIDR = netip.PrefixFrom(base, c.mask)
			nc.first = addrAdd(base, 2)
			nc.last = addrAdd(base, size-2)
			nc.capacity = min(c.maxPods, int(min(size-3, 1<<20)))
		}
		c.nodes = append(c.nodes, nc)
	}
	for _, d := range s.Deployments {
		d.Namespace = namespaceOf(d.Namespace)
		if len(d.Labels) == 0 {
			d.Labels = map[string]string{"app": d.Name}
		} else {
			d.Labels = maps.Clone(d.Labels)
		}
		c.deploys = append(c.deploys, d)
	}
	// ClusterIPs: the first address is the kubernetes Service's; the others
	// go out in order, skipping those given explicitly.
	taken := map[netip.Addr]bool{}
	ports := map[int]bool{}
	for _, v := range s.Services {
		taken[v.ClusterIP] = true
		ports[v.NodePort] = true
	}
	next := addrAdd(c.service.Addr(), 2)
	last := lastAddr(c.service)
	nextPort := 30000
	for _, v := range s.Services {
		v.Namespace = namespaceOf(v.Namespace)
		if v.TargetPort == 0 {
			v.TargetPort = v.Port
		}
		sc := svcCfg{Service: v, ip: v.ClusterIP, nodePort: v.NodePort}
		if !sc.ip.IsValid() {
			for next.IsValid() && next.Less(last) && taken[next] {
				next = next.Next()
			}
			if next.IsValid() && next.Less(last) && c.service.Contains(next) {
				sc.ip = next
				taken[next] = true
			}
		}
		if v.Type == "NodePort" && sc.nodePort == 0 {
			for nextPort <= 32767 && ports[nextPort] {
				nextPort++
			}
			if nextPort <= 32767 {
				sc.nodePort = nextPort
				ports[nextPort] = true
			}
		}
		c.svcs = append(c.svcs, sc)
	}
	return c
}

// selects reports whether labels carry every key and value of sel.
func selects(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return len(sel) > 0
}

func mustPrefix(s string) netip.Prefix { return netip.MustParsePrefix(s) }
