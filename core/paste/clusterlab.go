package paste

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"

	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/scenario"
	"go4.org/netipx"
)

// dnsLabel returns s as an RFC 1123 label for the lab: lowercase letters,
// digits and '-', at most 63 characters; def if nothing is left.
func dnsLabel(s, def string) string {
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < k8s.MaxNameLen; i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return def
	}
	return out
}

// cover returns the shortest prefix of at most bits that contains every
// address, starting from the first; ok is false for none or a mix of
// families.
func cover(addrs []netip.Addr, bits int) (netip.Prefix, bool) {
	if len(addrs) == 0 || !addrs[0].Is4() {
		return netip.Prefix{}, false
	}
	p := netip.PrefixFrom(addrs[0], bits).Masked()
	for _, a := range addrs {
		if !a.Is4() {
			return netip.Prefix{}, false
		}
		for !p.Contains(a) && p.Bits() > 8 {
			p = netip.PrefixFrom(p.Addr(), p.Bits()-1).Masked()
		}
		if !p.Contains(a) {
			return netip.Prefix{}, false
		}
	}
	return p, true
}

// validLabels keeps the labels the lab accepts, without the ones
// controllers add to every pod.
func validLabels(m map[string]string) map[string]string {
	out := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		switch k {
		case "pod-template-hash", "controller-revision-hash", "pod-template-generation", "statefulset.kubernetes.io/pod-name",
			"apps.kubernetes.io/pod-index", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name", "controller-uid", "job-name":
			continue
		}
		if k == "" || len(k) > k8s.MaxNameLen || len(v) > k8s.MaxNameLen || strings.ContainsAny(k+v, " \t\n\"=,") || len(out) == k8s.MaxLabels {
			continue
		}
		out[k] = v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

type workload struct {
	ns, owner string
	pods      []Pod
	dep       int // index in the scenario's deployments
}

// Scenario returns a Kubernetes lab of the cluster: its nodes and their
// network, a cluster CIDR and Service CIDR that hold the addresses seen,
// one deployment per workload (pods grouped by the name their controller
// gave them), the Services with their selectors (read with -o wide, else
// inferred from the endpoints or the names), and actions that mark the
// pods that are not ready. The lab hands out pod addresses in its own
// order, so they may differ from the cluster's. What the lab cannot hold
// is left out and said in the notes. The scenario always validates.
func (c Cluster) Scenario() (k8s.Scenario, []string) {
	var nl noteList
	note := nl.add
	s := k8s.Scenario{V: k8s.Version}

	// Nodes and their network.
	type nodeInfo struct {
		name string
		ip   netip.Addr
	}
	var nodes []nodeInfo
	seen := map[string]bool{}
	// Thousands of pods run on a few nodes: each node's label is made once.
	labels := map[string]string{}
	nodeLabel := func(name string) string {
		l, ok := labels[name]
		if !ok {
			l = dnsLabel(name, "node")
			labels[name] = l
		}
		return l
	}
	addNode := func(name string, ip netip.Addr) {
		label := nodeLabel(name)
		if seen[label] || len(nodes) == k8s.MaxNodes {
			return
		}
		seen[label] = true
		nodes = append(nodes, nodeInfo{label, ip})
	}
	for _, n := range c.Nodes {
		addNode(n.Name, n.InternalIP)
	}
	for _, p := range c.Pods {
		if p.Node != "" {
			addNode(p.Node, netip.Addr{})
		}
	}
	if len(nodes) == 0 {
		addNode("node-1", netip.Addr{})
	}
	nodeIPs := map[netip.Addr]bool{}
	var ips []netip.Addr
	for _, n := range nodes {
		if n.ip.Is4() {
			ips = append(ips, n.ip)
			nodeIPs[n.ip] = true
		}
	}
	if lan, ok := cover(ips, 24); ok {
		for slices.Contains(ips, lan.Addr()) && lan.Bits() > 8 {
			lan = netip.PrefixFrom(lan.Addr(), lan.Bits()-1).Masked()
		}
		s.LAN = lan
	}
	lan := s.LAN
	if !lan.IsValid() {
		lan = k8s.DefaultLAN
	}

	// The pod network, without host-network pods (their IP is the node's).
	var podIPs []netip.Addr
	hostNet := 0
	for _, p := range c.Pods {
		switch {
		case !p.IP.IsValid():
		case nodeIPs[p.IP] || lan.Contains(p.IP) && !s.LAN.IsValid():
			hostNet++
		case p.IP.Is4():
			podIPs = append(podIPs, p.IP)
		}
	}
	if cidr, ok := cover(podIPs, 16); ok {
		s.ClusterCIDR = cidr
	}
	cluster := s.ClusterCIDR
	if !cluster.IsValid() {
		cluster = k8s.DefaultClusterCIDR
	}
	// Node i gets the cluster CIDR's i-th /24: order the nodes by the
	// range their pods are in, so the lab's ranges match where it can.
	rangeOf := map[string]int{}
	for _, p := range c.Pods {
		if p.IP.Is4() && cluster.Contains(p.IP) && p.Node != "" {
			off := addrOffset(cluster.Addr(), p.IP) >> 8
			name := nodeLabel(p.Node)
			if r, ok := rangeOf[name]; !ok || off < r {
				rangeOf[name] = off
			}
		}
	}
	slices.SortStableFunc(nodes, func(a, b nodeInfo) int {
		ra, oka := rangeOf[a.name]
		rb, okb := rangeOf[b.name]
		switch {
		case oka && okb:
			return ra - rb
		case oka:
			return -1
		case okb:
			return 1
		}
		return 0
	})
	used := map[netip.Addr]bool{}
	for _, n := range nodes {
		if n.ip.Is4() && lan.Contains(n.ip) && n.ip != lan.Addr() {
			used[n.ip] = true
		}
	}
	next := lan.Addr()
	for i := 0; i < 11; i++ {
		next = next.Next()
	}
	anyIP := len(used) > 0
	for _, n := range nodes {
		kn := k8s.Node{Name: n.name}
		if n.ip.Is4() && used[n.ip] {
			kn.Addr = n.ip
		} else if anyIP {
			for next.IsValid() && lan.Contains(next) && used[next] {
				next = next.Next()
			}
			if !lan.Contains(next) {
				note("node %s has no address in %v left in the lab; left out", n.name, lan)
				continue
			}
			kn.Addr = next
			used[next] = true
		}
		s.Nodes = append(s.Nodes, kn)
	}
	if hostNet > 0 {
		note("%s on the host network (their IP is the node's) are not in the lab", plural(hostNet, "pod"))
	}

	// Workloads.
	var loads []*workload
	byKey := map[[2]string]*workload{}
	total := 0
	for _, p := range c.Pods {
		if p.IP.IsValid() && (nodeIPs[p.IP] || !p.IP.Is4()) {
			continue
		}
		key := [2]string{p.Namespace, ownerOf(p.Name)}
		w := byKey[key]
		if w == nil {
			if len(loads) == k8s.MaxDeployments {
				note("only the first %d workloads are in the lab", k8s.MaxDeployments)
				continue
			}
			w = &workload{ns: p.Namespace, owner: key[1]}
			byKey[key] = w
			loads = append(loads, w)
		}
		if total == k8s.MaxPods {
			continue
		}
		total++
		w.pods = append(w.pods, p)
	}
	depNames := map[string]bool{}
	for _, w := range loads {
		name := dnsLabel(w.owner, "app")
		if depNames[name] {
			name = dnsLabel(name+"-"+w.ns, "app")
		}
		for i := 2; depNames[name]; i++ {
			name = dnsLabel(fmt.Sprintf("%s-%d", w.owner, i), "app")
		}
		depNames[name] = true
		d := k8s.Deployment{Name: name, Replicas: len(w.pods)}
		if w.ns != "" && w.ns != "default" {
			d.Namespace = dnsLabel(w.ns, "default")
		}
		if c.LabelsKnown && len(w.pods) > 0 {
			d.Labels = validLabels(w.pods[0].Labels)
		}
		w.dep = len(s.Deployments)
		s.Deployments = append(s.Deployments, d)
	}
	labelsOf := func(i int) map[string]string {
		if l := s.Deployments[i].Labels; len(l) > 0 {
			return l
		}
		return map[string]string{"app": s.Deployments[i].Name}
	}
	var depByIP map[netip.Addr]int // the first workload with a pod at each address
	depOfIP := func(ip netip.Addr) int {
		if depByIP == nil {
			depByIP = map[netip.Addr]int{}
			for _, w := range loads {
				for _, p := range w.pods {
					if _, ok := depByIP[p.IP]; !ok {
						depByIP[p.IP] = w.dep
					}
				}
			}
		}
		if d, ok := depByIP[ip]; ok {
			return d
		}
		return -1
	}

	// Services.
	serviceCIDR := k8s.DefaultServiceCIDR
	var clusterIPs []netip.Addr
	for _, v := range c.Services {
		if v.ClusterIP.Is4() {
			clusterIPs = append(clusterIPs, v.ClusterIP)
		}
	}
	allIn := true
	for _, a := range clusterIPs {
		allIn = allIn && serviceCIDR.Contains(a)
	}
	if !allIn {
		if p, ok := cover(clusterIPs, 16); ok {
			s.ServiceCIDR, serviceCIDR = p, p
		}
	}
	takenIPs := map[netip.Addr]bool{}
	nodePorts := map[int]bool{}
	svcKeys := map[string]bool{}
	for _, v := range c.Services {
		ns := v.Namespace
		if ns == "" {
			ns = "default"
		}
		switch {
		case v.Name == "kubernetes" && ns == "default":
			continue
		case v.Type == "ExternalName", v.Headless, len(v.Ports) == 0, v.NoSelect:
			note("Service %s/%s (%s) has no ClusterIP, ports or selector the lab can hold; left out", ns, v.Name, serviceKindText(v))
			continue
		case len(s.Services) == k8s.MaxServices:
			note("only the first %d Services are in the lab", k8s.MaxServices)
			continue
		}
		ks := k8s.Service{Name: dnsLabel(v.Name, "svc"), Port: int(v.Ports[0].Port)}
		if ns != "default" {
			ks.Namespace = dnsLabel(ns, "default")
		}
		if svcKeys[ks.Name+"."+ks.Namespace] || ks.Port == 0 {
			continue
		}
		svcKeys[ks.Name+"."+ks.Namespace] = true
		if v.Type == "NodePort" || v.Type == "LoadBalancer" {
			ks.Type = "NodePort"
			if np := int(v.Ports[0].NodePort); np >= 30000 && np <= 32767 && !nodePorts[np] {
				ks.NodePort = np
				nodePorts[np] = true
			}
		}
		if a := v.ClusterIP; a.Is4() && serviceCIDR.Contains(a) && a != serviceCIDR.Addr() && a != serviceCIDR.Addr().Next() &&
			a != netipx.PrefixLastIP(serviceCIDR) && !takenIPs[a] {
			ks.ClusterIP = a
			takenIPs[a] = true
		}
		ep, hasEp := c.endpointsOf(v.Namespace, v.Name)
		if hasEp && len(ep.Addrs) > 0 && ep.Addrs[0].Port() != 0 && int(ep.Addrs[0].Port()) != ks.Port {
			ks.TargetPort = int(ep.Addrs[0].Port())
		}
		dep := -1
		if hasEp {
			for _, a := range ep.Addrs {
				if dep = depOfIP(a.Addr()); dep >= 0 {
					break
				}
			}
		}
		if dep < 0 {
			for _, w := range loads {
				if s.Deployments[w.dep].Name == ks.Name && nsOf(w.ns) == ns {
					dep = w.dep
				}
			}
		}
		if v.Selector != "" {
			ks.Selector = validLabels(parseLabels(v.Selector))
			if dep >= 0 && !c.LabelsKnown && len(ks.Selector) > 0 {
				l := maps.Clone(labelsOf(dep))
				maps.Copy(l, ks.Selector)
				if len(l) <= k8s.MaxLabels {
					s.Deployments[dep].Labels = l
				}
			}
		}
		if len(ks.Selector) == 0 {
			if dep >= 0 {
				ks.Selector = maps.Clone(labelsOf(dep))
			} else {
				ks.Selector = map[string]string{"app": ks.Name}
			}
		}
		if dep >= 0 && s.Deployments[dep].Port == 0 {
			s.Deployments[dep].Port = max(ks.TargetPort, ks.Port)
		}
		s.Services = append(s.Services, ks)
	}

	// Pods that are not ready.
	for _, w := range loads {
		for i, p := range w.pods {
			if !p.IsReady() && len(s.Actions) < k8s.MaxActions {
				s.Actions = append(s.Actions, k8s.Action{Do: k8s.Unready, Pod: fmt.Sprintf("%s-%d", s.Deployments[w.dep].Name, i+1)})
			}
		}
	}
	if len(c.Networks) > 0 {
		s.Networks = slices.Clone(c.Networks[:min(len(c.Networks), k8s.MaxNetworks)])
		var names []string
		for _, n := range s.Networks {
			names = append(names, fmt.Sprintf("%s %v", n.Name, n.Prefix))
		}
		note("the checks compare the VPN ranges pasted with the cluster (%s) with its ranges", strings.Join(names, ", "))
	}
	if err := s.Validate(); err != nil {
		note("the lab could not hold the whole cluster (%v); it shows a part", err)
		for _, drop := range []func(){
			func() { s.Networks = nil },
			func() { s.Actions = nil },
			func() { s.Services = nil },
			func() { s.Deployments = nil },
			func() { s.ClusterCIDR, s.ServiceCIDR = netip.Prefix{}, netip.Prefix{} },
			func() { s = k8s.Scenario{V: k8s.Version, Nodes: []k8s.Node{{Name: "node-1"}}} },
		} {
			drop()
			if s.Validate() == nil {
				break
			}
		}
	}
	return s, nl.list()
}

func serviceKindText(v Service) string {
	switch {
	case v.Type == "ExternalName":
		return "ExternalName"
	case v.Headless:
		return "headless"
	case v.NoSelect:
		return "no selector"
	}
	return "no ports"
}

func nsOf(ns string) string {
	if ns == "" {
		return "default"
	}
	return ns
}

// endpointsOf returns the endpoints listed for a Service, merging its
// EndpointSlices.
func (c Cluster) endpointsOf(ns, name string) (Endpoints, bool) {
	var out Endpoints
	found := false
	for _, e := range c.Endpoints {
		if e.Service == name && nsOf(e.Namespace) == nsOf(ns) {
			found = true
			out.Service, out.Namespace = e.Service, e.Namespace
			out.Addrs = append(out.Addrs, e.Addrs...)
			out.More += e.More
		}
	}
	return out, found
}

// addrOffset returns b − a for IPv4 addresses.
func addrOffset(a, b netip.Addr) int {
	x, y := a.As4(), b.As4()
	u := int(x[0])<<24 | int(x[1])<<16 | int(x[2])<<8 | int(x[3])
	v := int(y[0])<<24 | int(y[1])<<16 | int(y[2])<<8 | int(y[3])
	return v - u
}

// Findings checks the cluster: Services without endpoints (as kubectl
// listed them, or as the lab computes them), selectors that match no
// pod (when the selectors are known, from kubectl get svc -o wide), and
// ranges that overlap each other or the nodes' network (k8s.Check).
func (c Cluster) Findings() []Finding {
	s, _ := c.Scenario()
	return c.findings(s)
}

// findings checks the cluster whose scenario is s.
func (c Cluster) findings(s k8s.Scenario) []Finding {
	var out []Finding
	for _, v := range c.Services {
		e, ok := c.endpointsOf(v.Namespace, v.Name)
		if ok && len(e.Addrs) == 0 && e.More == 0 && !v.Headless && v.Type != "ExternalName" {
			obj := "service " + nsOf(v.Namespace) + "/" + v.Name
			out = append(out, Finding{Kind: NoEndpoints, Severity: "warning", Object: obj,
				Message: fmt.Sprintf("%s has no endpoints: connections to its ClusterIP %v are refused (kube-proxy REJECTs them). Its selector matches no ready pod: check the labels (kubectl get pods --show-labels), the readiness probes and the namespace", obj, v.ClusterIP)})
		}
	}
	for _, v := range c.Services {
		if v.Selector == "" {
			continue
		}
		sel := parseLabels(v.Selector)
		matched := false
		for _, p := range c.Pods {
			if nsOf(p.Namespace) != nsOf(v.Namespace) {
				continue
			}
			if c.LabelsKnown {
				matched = matched || selectsAll(sel, p.Labels)
			} else {
				for _, val := range sel {
					matched = matched || val == ownerOf(p.Name)
				}
			}
		}
		if !matched && len(c.Pods) > 0 {
			obj := "service " + nsOf(v.Namespace) + "/" + v.Name
			how := "no pod listed carries these labels"
			if !c.LabelsKnown {
				how = "no pod listed is named after it (paste kubectl get pods --show-labels to check the labels themselves)"
			}
			out = append(out, Finding{Kind: SelectorMatchesNothing, Severity: "warning", Object: obj,
				Message: fmt.Sprintf("%s selects %s, and %s", obj, v.Selector, how)})
		}
	}
	if tr, err := k8s.Run(s); err == nil && len(c.Endpoints) == 0 {
		st := tr.Initial
		if n := len(tr.Steps); n > 0 {
			st = tr.Steps[n-1].State
		}
		for _, v := range st.Services() {
			if len(v.Endpoints) == 0 {
				obj := "service " + v.Namespace + "/" + v.Name
				out = append(out, Finding{Kind: NoEndpoints, Severity: "warning", Object: obj,
					Message: fmt.Sprintf("in the lab %s has no endpoints: no ready pod of the paste matches its selector", obj)})
			}
		}
	}
	for _, f := range k8s.Check(s) {
		if len(f.Overlap) > 0 || f.Severity == "error" && strings.Contains(f.Message, "inside") {
			out = append(out, Finding{Kind: RangeOverlap, Severity: "warning", Message: f.Message})
		}
	}
	return out
}

func selectsAll(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return len(sel) > 0
}

// result returns the Result of a cluster paste.
func (c Cluster) result() Result {
	s, notes := c.Scenario()
	r := Result{Kind: KindCluster, Page: scenario.WidgetK8s, Cluster: c, Notes: notes,
		Link: widgetLink("/k8s", scenario.WidgetK8s, s.Encode)}
	r.Summary = "your cluster: " + counts(counted{len(c.Pods), "pod"}, counted{len(c.Services), "Service"},
		counted{len(c.Endpoints), "endpoints row"}, counted{len(c.Nodes), "node"}) + "; the Kubernetes lab replays it"
	r.addFindings(c.findings(s), plural(c.Skipped, "row")+" of the listings could not be read", c.Skipped)
	return r
}
