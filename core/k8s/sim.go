package k8s

import (
	"cmp"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/internal/span"
	"github.com/netground/netground/core/story"
)

// Pod is a pod in a State.
type Pod struct {
	Name       string     `json:"name"`
	Namespace  string     `json:"namespace"`
	Deployment string     `json:"deployment"`
	Node       string     `json:"node,omitempty"` // "" while Pending
	IP         netip.Addr `json:"ip,omitzero"`    // zero while Pending
	Ready      bool       `json:"ready"`
}

// podEntry is a pod with the steps it lived through: it exists in the
// states of its Span, runs from scheduled on, and its readiness flips at
// each step in toggles.
type podEntry struct {
	Pod
	span.Span
	dep       int
	scheduled int
	toggles   []int
}

func (e *podEntry) at(k int) (Pod, bool) {
	if !e.Live(k) {
		return Pod{}, false
	}
	p := e.Pod
	if e.scheduled > k {
		p.Node, p.IP, p.Ready = "", netip.Addr{}, false
		return p, true
	}
	flips := 0
	for _, t := range e.toggles {
		if t <= k {
			flips++
		}
	}
	p.Ready = flips%2 == 0
	return p, true
}

// Result is the outcome of one action.
type Result struct {
	Verdict Verdict    `json:"verdict"`
	Pod     string     `json:"pod,omitempty"`     // connect: the pod that accepted; delete, restart: the replacement
	PodIP   netip.Addr `json:"podIP,omitzero"`    // that pod's address
	Node    string     `json:"node,omitempty"`    // that pod's node
	Service string     `json:"service,omitempty"` // connect through a Service: name.namespace
	Reasons []string   `json:"reasons"`
}

func (r *Result) add(format string, args ...any) {
	r.Reasons = append(r.Reasons, fmt.Sprintf(format, args...))
}

func (r *Result) fail(v Verdict, format string, args ...any) {
	r.Verdict = v
	r.add(format, args...)
}

// State is the cluster after some actions. States of one Trace share
// memory. The zero State has no cluster; use the ones Run returns.
type State struct {
	c        *config
	log      *[]podEntry
	k        int
	replicas []int
	rr       []int
}

// Step is one action, its result and the state after it.
type Step struct {
	Action Action `json:"action"`
	Result Result `json:"result"`
	State  State  `json:"-"`
}

// Trace is what Run returns: the result of starting the deployments, the
// state after that, and one Step per action.
type Trace struct {
	Setup   Result `json:"setup"`
	Initial State  `json:"-"`
	Steps   []Step `json:"steps"`
}

// StateAt returns the state after the first step actions: Initial for 0 or
// less, the last step's state for len(Steps) or more.
func (t Trace) StateAt(step int) State {
	return story.StateAt(t.Initial, t.Steps, func(s Step) State { return s.State }, step)
}

type ipam struct {
	last netip.Addr // the last address handed out
	used map[netip.Addr]bool
	pods int
}

type world struct {
	c        *config
	log      []podEntry
	k        int
	replicas []int
	rr       []int
	serial   []int
	ipam     []ipam
	freed    map[netip.Addr]string // address → the pod that last had it
}

func (w *world) state() State {
	return State{c: w.c, log: &w.log, k: w.k, replicas: slices.Clone(w.replicas), rr: slices.Clone(w.rr)}
}

// Run validates the scenario, starts its deployments and applies its
// actions in order. The rules where Kubernetes is not deterministic:
//
//   - Node pod CIDRs: node i (in scenario order) gets the i-th range of
//     the cluster CIDR, as kube-controller-manager's range allocator hands
//     them out in order of registration; a node beyond the last range gets
//     none and runs no pods.
//   - Scheduling: a new pod goes to the node with the fewest pods that has
//     room (a pod CIDR and fewer pods than its capacity); ties go to the
//     first node name in alphabetical order.
//   - Pod addresses: host-local IPAM (CNI plugins) hands out addresses from
//     .2 of the node's range up to the one before broadcast (.1 is the
//     bridge), each time the next free one after the last it handed out,
//     wrapping at the end. A released address is therefore not reused until
//     the range wraps around.
//   - Pod names: DEPLOYMENT-N with N counting up (Kubernetes adds random
//     suffixes).
//   - Scaling down removes pods that are not ready first, then the newest.
//   - ClusterIPs go out in order from the Service CIDR's third address (the
//     second is the kubernetes Service's); Kubernetes picks at random.
//   - kube-proxy sends each new connection to a Service to one ready
//     endpoint at random; the lab goes round-robin through the endpoints
//     sorted by address, so a link replays the same.
func Run(s Scenario) (Trace, error) {
	if err := s.Validate(); err != nil {
		return Trace{}, err
	}
	c := s.config()
	w := &world{c: c, replicas: make([]int, len(c.deploys)), rr: make([]int, len(c.svcs)),
		serial: make([]int, len(c.deploys)), ipam: make([]ipam, len(c.nodes)), freed: map[netip.Addr]string{}}
	for i := range w.ipam {
		w.ipam[i].used = map[netip.Addr]bool{}
	}
	var tr Trace
	for i, d := range c.deploys {
		w.replicas[i] = d.Replicas
		w.reconcile(i, &tr.Setup)
	}
	tr.Initial = w.state()
	for _, a := range s.Actions {
		w.k++
		r := w.apply(a)
		tr.Steps = append(tr.Steps, Step{Action: a, Result: r, State: w.state()})
	}
	return tr, nil
}

func (w *world) apply(a Action) Result {
	var r Result
	switch a.Do {
	case DeletePod, RestartPod:
		i := w.find(a.Pod)
		if i < 0 {
			r.fail(NotFound, "there is no pod %q now", a.Pod)
			return r
		}
		e := &w.log[i]
		if a.Do == RestartPod {
			r.add("restart replaces pod %s as kubectl rollout restart does: a new pod starts first, then the old one stops (a container that crashes and restarts inside the same pod would keep its address)", e.Name)
			w.create(e.dep, &r)
			w.remove(i, &r)
		} else {
			w.remove(i, &r)
			w.reconcile(e.dep, &r)
		}
	case Scale:
		d := w.depIndex(a.Deployment)
		r.add("deployment %s scaled from %d to %s", a.Deployment, w.replicas[d], field.Count(a.Replicas, "replica", "replicas"))
		w.replicas[d] = a.Replicas
		w.reconcile(d, &r)
	case Unready, Ready:
		i := w.find(a.Pod)
		if i < 0 {
			r.fail(NotFound, "there is no pod %q now", a.Pod)
			return r
		}
		e := &w.log[i]
		p, _ := e.at(w.k)
		if p.Ready == (a.Do == Ready) || p.Node == "" {
			r.add("pod %s is already %s", e.Name, map[bool]string{true: "ready", false: "not ready"}[p.Ready])
			return r
		}
		e.toggles = append(e.toggles, w.k)
		for _, v := range w.c.svcs {
			if v.Namespace == e.Namespace && selects(v.Selector, w.c.deploys[e.dep].Labels) {
				if a.Do == Ready {
					r.add("pod %s passes its readiness probe again: Service %s.%s adds %s to its endpoints", e.Name, v.Name, v.Namespace, e.IP)
				} else {
					r.add("pod %s fails its readiness probe: Service %s.%s removes %s from its endpoints, though the pod still runs and answers on its own address", e.Name, v.Name, v.Namespace, e.IP)
				}
			}
		}
		if len(r.Reasons) == 0 {
			r.add("pod %s is now %s; no Service selects it", e.Name, map[bool]string{true: "ready", false: "not ready"}[a.Do == Ready])
		}
	case Connect:
		st := w.state()
		r = st.Connect(a.From, a.To)
		if r.Service != "" && r.Pod != "" {
			for i, v := range w.c.svcs {
				if v.Name+"."+v.Namespace == r.Service {
					w.rr[i]++
				}
			}
		}
	}
	return r
}

func (w *world) depIndex(name string) int {
	return slices.IndexFunc(w.c.deploys, func(d Deployment) bool { return d.Name == name })
}

// find returns the live pod with the name, or -1.
func (w *world) find(name string) int {
	for i := range w.log {
		if e := &w.log[i]; e.Name == name && e.Live(w.k) {
			return i
		}
	}
	return -1
}

func (w *world) livePods(dep int) []int {
	return span.Indexes(w.log, w.k, func(e *podEntry) bool { return e.dep == dep })
}

// reconcile is the ReplicaSet: it creates or removes pods until the
// deployment has its replicas.
func (w *world) reconcile(dep int, r *Result) {
	live := w.livePods(dep)
	want := w.replicas[dep]
	d := w.c.deploys[dep]
	if len(live) < want {
		r.add("ReplicaSet %s wants %s and has %d: it creates %d", d.Name, field.Count(want, "pod", "pods"), len(live), want-len(live))
		for range want - len(live) {
			if !w.create(dep, r) {
				return
			}
		}
	}
	if len(live) > want {
		// Not ready (or pending) first, then the newest.
		slices.SortStableFunc(live, func(a, b int) int {
			pa, _ := w.log[a].at(w.k)
			pb, _ := w.log[b].at(w.k)
			if pa.Ready != pb.Ready {
				if pa.Ready {
					return 1
				}
				return -1
			}
			return cmp.Compare(b, a)
		})
		r.add("ReplicaSet %s wants %s and has %d: it removes %d, not-ready ones first, then the newest", d.Name, field.Count(want, "pod", "pods"), len(live), len(live)-want)
		for _, i := range live[:len(live)-want] {
			w.remove(i, r)
		}
	}
}

// create starts a pod of the deployment and schedules it.
func (w *world) create(dep int, r *Result) bool {
	if span.Count(w.log, w.k) >= MaxPods || len(w.log) >= MaxPodsCreated {
		r.fail(LimitReached, "the lab runs at most %d pods at a time and creates at most %d in all", MaxPods, MaxPodsCreated)
		return false
	}
	d := w.c.deploys[dep]
	w.serial[dep]++
	e := podEntry{Pod: Pod{Name: d.Name + "-" + strconv.Itoa(w.serial[dep]), Namespace: d.Namespace, Deployment: d.Name},
		dep: dep, Span: span.From(w.k), scheduled: math.MaxInt}
	w.log = append(w.log, e)
	i := len(w.log) - 1
	if !w.schedule(i, r) {
		msg := fmt.Sprintf("pod %s stays Pending: no node has room (a pod CIDR and fewer than %s)", e.Name, field.Count(w.c.maxPods, "pod", "pods"))
		if r.Verdict == Done {
			r.fail(Pending, "%s", msg)
		} else {
			r.add("%s", msg)
		}
	}
	if r.Pod == "" {
		r.Pod, r.PodIP, r.Node = w.log[i].Name, w.log[i].IP, w.log[i].Node
	}
	return true
}

// schedule places a pending pod on the node with the fewest pods.
func (w *world) schedule(i int, r *Result) bool {
	best := -1
	for n, nc := range w.c.nodes {
		if !nc.podCIDR.IsValid() || w.ipam[n].pods >= nc.capacity {
			continue
		}
		if best < 0 || w.ipam[n].pods < w.ipam[best].pods ||
			w.ipam[n].pods == w.ipam[best].pods && nc.name < w.c.nodes[best].name {
			best = n
		}
	}
	if best < 0 {
		return false
	}
	nc := w.c.nodes[best]
	m := &w.ipam[best]
	ip := nc.first
	if m.last.IsValid() {
		ip = m.last.Next()
	}
	for tries := 0; ; tries++ {
		if !ip.IsValid() || nc.last.Less(ip) {
			ip = nc.first
		}
		if !m.used[ip] {
			break
		}
		ip = ip.Next()
		if tries > m.pods+1 {
			return false
		}
	}
	m.used[ip] = true
	m.last = ip
	m.pods++
	e := &w.log[i]
	e.Node, e.IP, e.scheduled = nc.name, ip, w.k
	r.add("the scheduler puts %s on %s, the node with the fewest pods (%d before it; ties go to the first name)", e.Name, nc.name, m.pods-1)
	if old, ok := w.freed[ip]; ok {
		r.add("host-local IPAM on %s gives %s the address %s: its range %v wrapped around, so it reuses the address %s once had", nc.name, e.Name, ip, nc.podCIDR, old)
	} else {
		r.add("host-local IPAM on %s gives %s the address %s, the next free one of %v after the last it handed out", nc.name, e.Name, ip, nc.podCIDR)
	}
	return true
}

// remove deletes a pod, frees its address and schedules pending pods.
func (w *world) remove(i int, r *Result) {
	e := &w.log[i]
	e.Closed = w.k
	if e.scheduled <= w.k {
		n := slices.IndexFunc(w.c.nodes, func(nc nodeCfg) bool { return nc.name == e.Node })
		delete(w.ipam[n].used, e.IP)
		w.ipam[n].pods--
		w.freed[e.IP] = e.Name
		r.add("pod %s (%s on %s) is deleted; its address goes back to %s's range but host-local will not hand it out again until the range wraps around", e.Name, e.IP, e.Node, e.Node)
	} else {
		r.add("pending pod %s is deleted", e.Name)
	}
	for j := range w.log {
		if p := &w.log[j]; p.Live(w.k) && p.scheduled > w.k {
			if !w.schedule(j, r) {
				break
			}
		}
	}
}

// Pods returns the pods of the state in the order they were created.
func (st State) Pods() []Pod {
	if st.log == nil {
		return nil
	}
	var out []Pod
	for i := range *st.log {
		if p, ok := (*st.log)[i].at(st.k); ok {
			out = append(out, p)
		}
	}
	return out
}

// NodeState is a node in a State.
type NodeState struct {
	Name     string       `json:"name"`
	Addr     netip.Addr   `json:"addr"`
	PodCIDR  netip.Prefix `json:"podCIDR,omitzero"` // zero when the cluster CIDR ran out
	Capacity int          `json:"capacity"`         // pods it can run: kubelet max-pods or the range's addresses, the smaller
	Pods     int          `json:"pods"`
}

// Nodes returns the nodes, in the scenario's order.
func (st State) Nodes() []NodeState {
	if st.c == nil {
		return nil
	}
	out := make([]NodeState, len(st.c.nodes))
	for i, nc := range st.c.nodes {
		out[i] = NodeState{Name: nc.name, Addr: nc.addr, PodCIDR: nc.podCIDR, Capacity: nc.capacity}
	}
	for _, p := range st.Pods() {
		for i := range out {
			if out[i].Name == p.Node {
				out[i].Pods++
			}
		}
	}
	return out
}

// ServiceState is a Service in a State.
type ServiceState struct {
	Name      string           `json:"name"`
	Namespace string           `json:"namespace"`
	DNS       string           `json:"dns"` // name.namespace.svc.cluster.local
	ClusterIP netip.Addr       `json:"clusterIP"`
	Port      int              `json:"port"`
	NodePort  int              `json:"nodePort,omitempty"`
	Endpoints []netip.AddrPort `json:"endpoints"` // the ready pods it selects, by address, with targetPort
	Pods      []string         `json:"pods"`      // their names, in the same order
}

// Services returns the Services with their current endpoints.
func (st State) Services() []ServiceState {
	if st.c == nil {
		return nil
	}
	pods := st.Pods()
	out := make([]ServiceState, len(st.c.svcs))
	for i, v := range st.c.svcs {
		ss := ServiceState{Name: v.Name, Namespace: v.Namespace, DNS: v.Name + "." + v.Namespace + ".svc.cluster.local",
			ClusterIP: v.ip, Port: v.Port, NodePort: v.nodePort, Endpoints: []netip.AddrPort{}, Pods: []string{}}
		var eps []Pod
		for _, p := range pods {
			if p.Ready && p.Namespace == v.Namespace && selects(v.Selector, st.labels(p.Deployment)) {
				eps = append(eps, p)
			}
		}
		slices.SortFunc(eps, func(a, b Pod) int { return a.IP.Compare(b.IP) })
		for _, p := range eps {
			ss.Endpoints = append(ss.Endpoints, netip.AddrPortFrom(p.IP, uint16(v.TargetPort)))
			ss.Pods = append(ss.Pods, p.Name)
		}
		out[i] = ss
	}
	return out
}

func (st State) labels(dep string) map[string]string {
	for _, d := range st.c.deploys {
		if d.Name == dep {
			return d.Labels
		}
	}
	return nil
}

// Replicas returns the replicas each deployment wants, in the scenario's
// order.
func (st State) Replicas() []int { return slices.Clone(st.replicas) }

func (st State) deployPort(dep string) int {
	for _, d := range st.c.deploys {
		if d.Name == dep {
			return d.Port
		}
	}
	return 0
}

// Connect connects from a vantage point to HOST:PORT and returns the
// verdict and the path in plain words. From and to are written as in
// Action. For a Service it shows the endpoint the next connection gets.
func (st State) Connect(from, to string) Result {
	var r Result
	if st.c == nil {
		r.fail(NoRoute, "no cluster")
		return r
	}
	host, port, err := splitTarget(to)
	if err != nil {
		r.fail(NotFound, "%v", err)
		return r
	}
	c := st.c
	// Where the client is.
	var src Pod
	kind, name, _ := strings.Cut(from, ":")
	switch kind {
	case "pod", "deploy":
		found := false
		for _, p := range st.Pods() {
			if (kind == "pod" && p.Name == name || kind == "deploy" && p.Deployment == name) && p.Node != "" {
				src, found = p, true
				break
			}
		}
		if !found {
			r.fail(NotFound, "there is no running pod %s now", from)
			return r
		}
		r.add("pod %s (%s on %s, namespace %s) connects to %s", src.Name, src.IP, src.Node, src.Namespace, to)
	case "node":
		r.add("node %s connects to %s", name, to)
	case "outside":
		r.add("a machine on the LAN outside the cluster connects to %s", to)
	default:
		r.fail(NotFound, "unknown vantage point %q", from)
		return r
	}
	inCluster := kind != "outside"
	ip, err := netip.ParseAddr(host)
	if err != nil {
		if kind != "pod" && kind != "deploy" {
			r.fail(NotFound, "%s does not resolve: cluster DNS (CoreDNS at the kube-dns Service) answers pods only; nodes and machines outside use the LAN's resolver, which knows no cluster names", host)
			return r
		}
		v := st.resolve(host, src.Namespace)
		if v < 0 {
			r.fail(NotFound, "%s does not resolve: no Service of that name (pod %s searches %s.svc.cluster.local, svc.cluster.local, cluster.local)", host, src.Name, src.Namespace)
			return r
		}
		sv := c.svcs[v]
		r.add("cluster DNS answers %s.%s.svc.cluster.local with the ClusterIP %s, which stays the same whatever happens to the pods", sv.Name, sv.Namespace, sv.ip)
		st.viaService(v, port, false, &r)
		return r
	}
	if ip == c.service.Addr().Next() {
		st.toAPIServer(ip, port, inCluster, &r)
		return r
	}
	for v, sv := range c.svcs {
		if sv.ip == ip {
			if !inCluster {
				r.fail(TimedOut, "%s is a ClusterIP: it exists only in kube-proxy's rules on the cluster's nodes, and the LAN has no route to the Service CIDR %v; from outside use a NodePort (or a LoadBalancer or Ingress)", ip, c.service)
				return r
			}
			r.add("%s is the ClusterIP of Service %s.%s", ip, sv.Name, sv.Namespace)
			st.viaService(v, port, false, &r)
			return r
		}
	}
	for i, nc := range c.nodes {
		if nc.addr != ip {
			continue
		}
		if i == 0 && port == apiServerPort {
			st.apiServer(&r)
			return r
		}
		for v, sv := range c.svcs {
			if sv.nodePort == port && sv.Type == "NodePort" {
				r.add("%d is the NodePort of Service %s.%s: kube-proxy on %s takes it on every node address", port, sv.Name, sv.Namespace, nc.name)
				st.viaService(v, sv.Port, true, &r)
				return r
			}
		}
		if port >= 30000 && port <= 32767 {
			r.fail(Refused, "no Service has NodePort %d, and nothing else on node %s listens there: RST", port, nc.name)
		} else {
			r.fail(Refused, "nothing on node %s listens on port %d in this scenario: RST (NodePorts are 30000–32767)", nc.name, port)
		}
		return r
	}
	st.outside(ip, &r)
	if c.cluster.Contains(ip) {
		if !inCluster {
			r.fail(TimedOut, "%s is a pod address: the LAN has no route to the cluster CIDR %v (the CNI routes it between nodes only), so the packet goes to the LAN's default gateway and is lost", ip, c.cluster)
			return r
		}
		st.toPod(ip, port, &r)
		return r
	}
	if c.service.Contains(ip) {
		r.fail(TimedOut, "%s is in the Service CIDR but no Service has it: kube-proxy has no rule for it, so the packet goes nowhere", ip)
		return r
	}
	r.fail(NoRoute, "nothing in this scenario has %s", ip)
	return r
}

// outside says which network outside the cluster also holds ip, when the
// cluster's own ranges overlap it: the cluster keeps such an address for
// itself, so the connection never leaves for that network.
func (st State) outside(ip netip.Addr, r *Result) {
	for _, n := range st.c.networks {
		if !n.Prefix.Contains(ip) {
			continue
		}
		switch {
		case st.c.cluster.Contains(ip):
			r.add("%s is meant for network %q %v, but it is also in the cluster (pod) CIDR %v: the nodes route it into the cluster, never to %s", ip, n.Name, n.Prefix, st.c.cluster, n.Name)
		case st.c.service.Contains(ip):
			r.add("%s is meant for network %q %v, but it is also in the Service CIDR %v: kube-proxy claims that range on every node, so the packet never reaches %s", ip, n.Name, n.Prefix, st.c.service, n.Name)
		}
		return
	}
}

// resolve finds the Service a name means from a pod's namespace, or -1.
func (st State) resolve(host, ns string) int {
	name := strings.TrimSuffix(host, ".cluster.local")
	name = strings.TrimSuffix(name, ".svc")
	svc, svcNS, _ := strings.Cut(name, ".")
	if svcNS == "" {
		svcNS = ns
	}
	if strings.Contains(svcNS, ".") {
		return -1
	}
	for i, v := range st.c.svcs {
		if v.Name == svc && v.Namespace == svcNS {
			return i
		}
	}
	return -1
}

// viaService follows kube-proxy's DNAT from a Service to one endpoint.
func (st State) viaService(v, port int, nodePort bool, r *Result) {
	sv := st.c.svcs[v]
	ss := st.Services()[v]
	r.Service = sv.Name + "." + sv.Namespace
	if port != sv.Port {
		r.fail(TimedOut, "Service %s listens on port %d, not %d: kube-proxy has no rule for %s:%d, and a ClusterIP is virtual, so nothing answers", r.Service, sv.Port, port, sv.ip, port)
		return
	}
	if len(ss.Endpoints) == 0 {
		r.fail(Refused, "Service %s has no ready endpoints: kube-proxy installs a REJECT rule, so the client gets connection refused at once", r.Service)
		return
	}
	i := st.rr[v] % len(ss.Endpoints)
	ep := ss.Endpoints[i]
	how := "DNATs"
	if nodePort {
		how = "DNATs (and, with externalTrafficPolicy Cluster, SNATs, so the pod sees the node as the client)"
	}
	r.add("kube-proxy %s %s:%d to endpoint %d of %d, pod %s at %s (the endpoints are the ready pods the selector matches, %d here; kube-proxy picks at random, the lab round-robin)", how, sv.ip, port, i+1, len(ss.Endpoints), ss.Pods[i], ep, len(ss.Endpoints))
	st.toPod(ep.Addr(), int(ep.Port()), r)
}

// apiServerPort is where the API server listens on its node
// (kube-apiserver --secure-port).
const apiServerPort = 6443

// toAPIServer connects to the ClusterIP of Service kubernetes.default, the
// first address of the Service CIDR, which every cluster has: its one
// endpoint is the API server, on the first node's address.
func (st State) toAPIServer(ip netip.Addr, port int, inCluster bool, r *Result) {
	c := st.c
	if !inCluster {
		r.fail(TimedOut, "%s is the ClusterIP of Service kubernetes.default, the API server's: it exists only in kube-proxy's rules on the cluster's nodes, and the LAN has no route to the Service CIDR %v; from outside, a kubeconfig names the API server at a control-plane node's address, %s:%d", ip, c.service, c.nodes[0].addr, apiServerPort)
		return
	}
	r.Service = "kubernetes.default"
	r.add("%s is the ClusterIP of Service kubernetes.default, which every cluster has: its endpoint is the API server (the first address of the Service CIDR %v is always its)", ip, c.service)
	if port != 443 {
		r.fail(TimedOut, "Service kubernetes.default listens on port 443, not %d: kube-proxy has no rule for %s:%d, and a ClusterIP is virtual, so nothing answers", port, ip, port)
		return
	}
	r.add("kube-proxy DNATs %s:443 to the API server's endpoint %s:%d", ip, c.nodes[0].addr, apiServerPort)
	st.apiServer(r)
}

// apiServer delivers to the API server: kube-apiserver-<node>, a static pod
// on the host's network of the first node, listening on apiServerPort.
func (st State) apiServer(r *Result) {
	n := st.c.nodes[0]
	r.Verdict, r.Pod, r.PodIP, r.Node = Connected, "kube-apiserver-"+n.name, n.addr, n.name
	r.add("the API server, static pod kube-apiserver-%s on the node's own network, accepts it on %s:%d", n.name, n.addr, apiServerPort)
}

// toPod delivers to a pod address.
func (st State) toPod(ip netip.Addr, port int, r *Result) {
	for _, p := range st.Pods() {
		if p.IP != ip {
			continue
		}
		listens := st.deployPort(p.Deployment)
		if listens != port {
			what := "nothing"
			if listens != 0 {
				what = fmt.Sprintf("it listens on %d only", listens)
			}
			r.fail(Refused, "pod %s has %s, but nothing in it listens on port %d (%s): RST", p.Name, ip, port, what)
			return
		}
		r.Verdict, r.Pod, r.PodIP, r.Node = Connected, p.Name, p.IP, p.Node
		r.add("pod %s on %s accepts it on %s:%d", p.Name, p.Node, ip, port)
		if !p.Ready {
			r.add("the pod is not ready, which keeps it out of Services, but its own address still reaches it")
		}
		return
	}
	for _, nc := range st.c.nodes {
		if nc.podCIDR.Contains(ip) {
			was := ""
			for i := range *st.log {
				if e := &(*st.log)[i]; e.IP == ip && e.Closed <= st.k {
					was = fmt.Sprintf(" It belonged to pod %s, which is gone: a client that saved a pod address breaks whenever the pod is replaced; use the Service name", e.Name)
				}
			}
			r.fail(NoRoute, "%s is in %s's pod range %v, but no pod has it now: the node's bridge gets no ARP answer (No route to host).%s", ip, nc.name, nc.podCIDR, was)
			return
		}
	}
	r.fail(NoRoute, "%s is in the cluster CIDR but in no node's pod range: no route", ip)
}
