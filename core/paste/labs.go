package paste

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/scenario"
)

// Ranges that give an address away as Kubernetes' or a carrier's: the
// Service and pod ranges of kubeadm (10.96.0.0/12, flannel's 10.244.0.0/16)
// and k3s (10.43.0.0/16, 10.42.0.0/16), and the shared address space of
// RFC 6598 that carrier-grade NATs use.
var (
	serviceRanges = []netip.Prefix{k8s.DefaultServiceCIDR, netip.MustParsePrefix("10.43.0.0/16")}
	podRanges     = []netip.Prefix{k8s.DefaultClusterCIDR, netip.MustParsePrefix("10.42.0.0/16")}
	sharedSpace   = netip.MustParsePrefix("100.64.0.0/10")
)

// wellKnownClusterIPs are the ClusterIPs every kubeadm and k3s cluster
// has: the kubernetes Service's (the API server's), the range's first
// address, and kube-dns's, its tenth. An error naming one of them is about
// a cluster even when the line says nothing else about Kubernetes.
var wellKnownClusterIPs = []netip.Addr{
	netip.MustParseAddr("10.96.0.1"), netip.MustParseAddr("10.96.0.10"),
	netip.MustParseAddr("10.43.0.1"), netip.MustParseAddr("10.43.0.10"),
}

// k8sWords are words that put a line in a Kubernetes cluster; k8sPhrases
// are parts of names that do.
var (
	k8sWords   = []string{"kubectl", "kubernetes", "k8s", "pod", "pods", "clusterip", "coredns", "kubelet", "minikube", "k3s", "microk8s", "kubeadm", "endpoints"}
	k8sPhrases = []string{".svc", "cluster.local", "k8s.io", "pod/", "svc/", "kube-system", "kube-dns", "kube-proxy", "kube-apiserver", "kube-controller", "serviceaccount"}
	// natWords put an error behind a home router; natPhrases likewise.
	natWords   = []string{"nat", "router", "cgnat", "cgn"}
	natPhrases = []string{"port forward", "port-forwarding", "forwarded port", "from outside", "from the internet", "public ip", "public address", "wan address", "wan ip"}
	// overlayWords name overlay networks that use the shared address
	// space for their own addresses, which no carrier NAT explains.
	overlayWords = []string{"tailscale", "ts.net", "headscale", "zerotier", "netbird", "wireguard", "wg0"}
)

// context is what the whole paste says about where an error happened.
// kubectl is kubectl's own message that it found no kubeconfig.
type context struct{ k8s, nat, overlay, kubectl bool }

// contextOf reads the lines of a paste for words that put an error in a
// cluster or behind a home router.
func contextOf(ls []string) context {
	var c context
	for _, line := range ls {
		if len(line) > MaxLineBytes {
			continue
		}
		low := strings.ToLower(line)
		c.k8s = c.k8s || anyWord(low, k8sWords) || anyPhrase(low, k8sPhrases)
		c.nat = c.nat || anyWord(low, natWords) || anyPhrase(low, natPhrases)
		c.overlay = c.overlay || anyPhrase(low, overlayWords)
		c.kubectl = c.kubectl || strings.Contains(low, "the connection to the server localhost:8080 was refused")
	}
	// kubectl port-forward is no router's.
	if c.k8s {
		c.nat = false
	}
	return c
}

func anyPhrase(low string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(low, p) {
			return true
		}
	}
	return false
}

// anyWord reports whether one of words appears in low as a whole word:
// not inside a longer name of letters, digits, '-', '_', '.', '/' or '@',
// so that "router" is not react-router's, nor "pod" pod/web's.
func anyWord(low string, words []string) bool {
	for _, w := range words {
		for i := 0; ; {
			j := strings.Index(low[i:], w)
			if j < 0 {
				break
			}
			j += i
			end := j + len(w)
			if (j == 0 || !isNameByte(low[j-1])) && (end == len(low) || !isNameByte(low[end])) {
				return true
			}
			i = j + 1
		}
	}
	return false
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/' || c == '@'
}

func inAny(a netip.Addr, ps []netip.Prefix) (netip.Prefix, bool) {
	for _, p := range ps {
		if p.Contains(a) {
			return p, true
		}
	}
	return netip.Prefix{}, false
}

// otherLab opens the NAT or Kubernetes lab instead of the Bind lab where
// the error is about one of them: the rules are narrow on purpose, and a
// lab whose failing step does not show the error's verdict is not used.
func otherLab(d *Diagnosis, c context) {
	a := d.Addr.WithZone("")
	if a.Is4In6() {
		a = a.Unmap()
	}
	switch {
	case d.Errno == ConnRefused && c.kubectl && (d.Host == "localhost" || a.IsLoopback()) && d.Port == 8080:
		clusterLab(d, kubectlLab(), 0, "kubectl found no kubeconfig (~/.kube/config or KUBECONFIG) and fell back to localhost:8080, where no API server listens; the lab shows that port refused on a node, and the API server reached as clients in the cluster reach it, at the kubernetes Service")
	case !a.Is4():
	case (d.Errno == TimedOut || d.Errno == ConnRefused) && d.Port != 0 && isClusterIP(a, c):
		clusterIPLab(d, a)
	case (d.Errno == TimedOut || d.Errno == HostUnreach) && d.Port != 0 && c.k8s:
		if p, ok := inAny(a, podRanges); ok {
			podLab(d, a, p)
		}
	case (d.Errno == HostUnreach || d.Errno == NetUnreach) && sharedSpace.Contains(a) && !c.overlay && !c.k8s:
		cgnatLab(d, a)
	case d.Errno == TimedOut && d.Port != 0 && c.nat && usable4(a) && !a.IsPrivate() && !sharedSpace.Contains(a):
		forwardLab(d, a)
	}
}

// isClusterIP reports whether a is in a default Service range and the
// paste is about a cluster, or a is one of the ClusterIPs every cluster
// has.
func isClusterIP(a netip.Addr, c context) bool {
	for _, w := range wellKnownClusterIPs {
		if a == w {
			return true
		}
	}
	_, ok := inAny(a, serviceRanges)
	return ok && c.k8s
}

// clusterLab makes the Kubernetes lab the diagnosis' lab, if its action
// d.Step fails with the error's verdict.
func clusterLab(d *Diagnosis, s k8s.Scenario, step int, note string) {
	tr, err := k8s.Run(s)
	if err != nil || step >= len(tr.Steps) || tr.Steps[step].Result.Verdict.String() != d.Verdict {
		return
	}
	d.Lab, d.LabOutcome, d.Step, d.Cluster, d.Scenario, d.LabVerdict = scenario.WidgetK8s, d.Verdict, step, &s, bind.Scenario{}, 0
	d.LabNote = note
	d.Link = "/k8s?step=" + strconv.Itoa(step+1) + strings.TrimPrefix(widgetLink("/k8s", scenario.WidgetK8s, s.Encode), "/k8s")
}

// natLab makes the NAT lab the diagnosis' lab, if its step d.Step ends in
// one of the decisions want.
func natLab(d *Diagnosis, s nat.Scenario, step int, want nat.Decision, note string) {
	rs, err := nat.Run(s)
	if err != nil || step >= len(rs) || rs[step].Trace.Outcome() != want {
		return
	}
	d.Lab, d.LabOutcome, d.Step, d.NAT, d.Scenario, d.LabVerdict = scenario.WidgetNAT, want.String(), step, &s, bind.Scenario{}, 0
	d.LabNote = note
	d.Link = "/nat?step=" + strconv.Itoa(step+1) + strings.TrimPrefix(widgetLink("/nat", scenario.WidgetNAT, s.MarshalJSON), "/nat")
}

// kubectlLab is a node where nothing listens on 8080, and the API server,
// a pod listening on 6443 on it.
func kubectlLab() k8s.Scenario {
	s := k8s.Scenario{V: k8s.Version,
		Nodes: []k8s.Node{{Name: "control-plane"}},
		Deployments: []k8s.Deployment{{Name: "kube-apiserver", Replicas: 1, Port: 6443,
			Labels: map[string]string{"component": "kube-apiserver"}}},
		Actions: []k8s.Action{{Do: k8s.Connect, From: "node:control-plane", To: "192.168.1.11:8080"}},
	}
	if tr, err := k8s.Run(s); err == nil && len(tr.Steps) > 0 {
		for _, p := range tr.Steps[0].State.Pods() {
			s.Actions = append(s.Actions, k8s.Action{Do: k8s.Connect, From: "node:control-plane", To: netip.AddrPortFrom(p.IP, 6443).String()})
		}
	}
	return s
}

// clusterIPLab reproduces a timeout or a refusal at a ClusterIP: a machine
// outside the cluster dialling it (timed out), or a Service with no ready
// endpoints (refused); then the fix.
func clusterIPLab(d *Diagnosis, a netip.Addr) {
	svcRange, _ := inAny(a, serviceRanges)
	if a == svcRange.Addr().Next() {
		if d.Errno == TimedOut && d.Port == 443 {
			apiServerLab(d, a, svcRange)
		}
		return // the API server's Service always has its endpoint: a refusal is no cluster's doing
	}
	s := k8s.Scenario{V: k8s.Version, ServiceCIDR: svcRange,
		Nodes: []k8s.Node{{Name: "node-1"}, {Name: "node-2"}}}
	if svcRange != k8s.DefaultServiceCIDR {
		s.ClusterCIDR = podRanges[1]
	}
	p := int(d.Port)
	to := netip.AddrPortFrom(a, d.Port).String()
	svc := k8s.Service{Name: "app", Selector: map[string]string{"app": "app"}, Port: p, ClusterIP: a}
	if slices.Contains(wellKnownClusterIPs, a) {
		svc.Name = "kube-dns"
	}
	s.Services = []k8s.Service{svc}
	target := svc.Name + ":" + strconv.Itoa(p)
	if d.Errno == TimedOut {
		s.Deployments = []k8s.Deployment{{Name: "app", Replicas: 2, Port: p}, {Name: "client", Replicas: 1}}
		s.Actions = []k8s.Action{
			{Do: k8s.Connect, From: "outside", To: to},
			{Do: k8s.Connect, From: "deploy:client", To: to},
			{Do: k8s.Connect, From: "deploy:client", To: target},
		}
		clusterLab(d, s, 0, fmt.Sprintf("the lab makes %v the ClusterIP of Service %s, dialled from a machine outside the cluster, where no route leads to it; from inside a pod a timeout to a ClusterIP whose Service has ready endpoints means the network plugin or kube-proxy does not work on that node, which the lab does not model", a, svc.Name))
		return
	}
	s.Deployments = []k8s.Deployment{{Name: "app", Replicas: 0, Port: p}, {Name: "client", Replicas: 1}}
	s.Actions = []k8s.Action{
		{Do: k8s.Connect, From: "deploy:client", To: to},
		{Do: k8s.Scale, Deployment: "app", Replicas: 2},
		{Do: k8s.Connect, From: "deploy:client", To: target},
	}
	clusterLab(d, s, 0, fmt.Sprintf("the lab makes %v the ClusterIP of Service %s, whose selector matches no ready pod: kube-proxy rejects the connection at once; scaling the deployment up gives the Service endpoints", a, svc.Name))
}

// apiServerLab reproduces a timeout at the ClusterIP of the kubernetes
// Service, the API server's: dialled from a machine outside the cluster;
// then from a pod, and the API server at its node's address from outside.
func apiServerLab(d *Diagnosis, a netip.Addr, svcRange netip.Prefix) {
	s := k8s.Scenario{V: k8s.Version, ServiceCIDR: svcRange,
		Nodes:       []k8s.Node{{Name: "control-plane"}, {Name: "node-2"}},
		Deployments: []k8s.Deployment{{Name: "client", Replicas: 1}}}
	if svcRange != k8s.DefaultServiceCIDR {
		s.ClusterCIDR = podRanges[1]
	}
	lan := k8s.DefaultLAN.Addr().As4()
	lan[3] = 11 // the first node's address
	to := netip.AddrPortFrom(a, d.Port).String()
	s.Actions = []k8s.Action{
		{Do: k8s.Connect, From: "outside", To: to},
		{Do: k8s.Connect, From: "deploy:client", To: to},
		{Do: k8s.Connect, From: "outside", To: netip.AddrPortFrom(netip.AddrFrom4(lan), 6443).String()},
	}
	clusterLab(d, s, 0, fmt.Sprintf("%v is the ClusterIP of the kubernetes Service, the API server's; the lab dials it from a machine outside the cluster, where no route leads to it, then from a pod, and the API server at its node's address and port 6443, as a kubeconfig names it; from inside a pod (CoreDNS, a controller) a timeout to it means the network plugin or kube-proxy does not work on that node, which the lab does not model", a))
}

// podLab reproduces a timeout to a pod address from outside the cluster,
// or no route to a pod address that no pod has any more.
func podLab(d *Diagnosis, a netip.Addr, podRange netip.Prefix) {
	p := int(d.Port)
	to := netip.AddrPortFrom(a, d.Port).String()
	s := k8s.Scenario{V: k8s.Version, Nodes: []k8s.Node{{Name: "node-1"}}}
	if d.Errno == TimedOut {
		if podRange != k8s.DefaultClusterCIDR {
			s.ClusterCIDR, s.ServiceCIDR = podRange, serviceRanges[1]
		}
		s.Deployments = []k8s.Deployment{{Name: "app", Replicas: 1, Port: p}}
		s.Services = []k8s.Service{{Name: "app", Selector: map[string]string{"app": "app"}, Port: p, Type: "NodePort", NodePort: 30080}}
		s.Actions = []k8s.Action{
			{Do: k8s.Connect, From: "outside", To: to},
			{Do: k8s.Connect, From: "outside", To: "192.168.1.11:30080"},
		}
		clusterLab(d, s, 0, fmt.Sprintf("the lab dials the pod address %v from a machine on the nodes' LAN: pod ranges are routed between the nodes only; reach a pod from outside through a NodePort, a LoadBalancer or an Ingress", a))
		return
	}
	// The pod's node range is the /24 that holds a, so that the lab can
	// say no pod has a now.
	s.ClusterCIDR = netip.PrefixFrom(a, k8s.DefaultNodeMaskSize).Masked()
	s.Deployments = []k8s.Deployment{{Name: "app", Replicas: 1, Port: p}, {Name: "client", Replicas: 1}}
	s.Services = []k8s.Service{{Name: "app", Selector: map[string]string{"app": "app"}, Port: p}}
	s.Actions = []k8s.Action{
		{Do: k8s.Connect, From: "deploy:client", To: to},
		{Do: k8s.Connect, From: "deploy:client", To: "app:" + strconv.Itoa(p)},
	}
	clusterLab(d, s, 0, fmt.Sprintf("the lab puts %v in a node's pod range with no pod on it, as after the pod that had it was replaced: a new pod gets a new address; dial the Service name instead", a))
}

// homeBehavior is how most home routers behave (RFC 4787 REQ-1 mapping,
// strict filtering).
func homeBehavior() nat.Behavior {
	return nat.Behavior{Mapping: nat.EndpointIndependentMapping, Filtering: nat.AddressAndPortDependentFiltering}
}

var (
	homeLAN  = netip.MustParsePrefix("192.168.1.0/24")
	homeHost = netip.MustParseAddr("192.168.1.20")
)

// strangerFor returns an internet address for the client that is not a.
func strangerFor(a netip.Addr) netip.Addr {
	s := netip.MustParseAddr("198.51.100.66")
	if s == a {
		return s.Next()
	}
	return s
}

// forwardLab reproduces a connection to a home's public address that
// times out for want of a port forward, then adds the forward.
func forwardLab(d *Diagnosis, a netip.Addr) {
	p := d.Port
	fwd := nat.Forward{Proto: nat.TCP, Port: p, To: netip.AddrPortFrom(homeHost, p)}
	s := nat.Scenario{
		Name: "Connection to " + netip.AddrPortFrom(a, p).String() + " times out",
		Seed: 1,
		NATs: []nat.NAT{{Name: "router", LAN: homeLAN, WAN: []netip.Addr{a}, Behavior: homeBehavior()}},
		Devices: []nat.Device{{Name: "server", Behind: "router", Addr: homeHost},
			{Name: "client", Addr: strangerFor(a)}},
		Steps: []nat.Step{
			{Kind: nat.StepSend, From: "client", Proto: nat.TCP, SrcPort: 51000, To: netip.AddrPortFrom(a, p)},
			{Kind: nat.StepForward, NAT: "router", Forward: fwd},
			{Kind: nat.StepSend, From: "client", Proto: nat.TCP, SrcPort: 51001, To: netip.AddrPortFrom(a, p)},
			{Kind: nat.StepReply, From: "server"},
		},
	}
	natLab(d, s, 0, nat.NoMapping, fmt.Sprintf("the lab makes %v the public address of a home router with no port forward for %d: it drops the connection silently, which the client sees as a timeout; the next steps add the forward to the server at %v", a, p, homeHost))
}

// cgnatLab reproduces no route to an address in the shared address space:
// it is the WAN address of a home router behind a carrier-grade NAT, which
// the internet cannot reach.
func cgnatLab(d *Diagnosis, a netip.Addr) {
	p := d.Port
	if p == 0 {
		p = 443
	}
	carrierLAN := sharedSpace
	carrierPublic := netip.MustParseAddr("203.0.113.100")
	home := nat.NAT{Name: "router", Behind: "carrier", LAN: homeLAN, WAN: []netip.Addr{a}, Behavior: homeBehavior(),
		Forwards: []nat.Forward{{Proto: nat.TCP, Port: p, To: netip.AddrPortFrom(homeHost, p)}}}
	carrier := nat.NAT{Name: "carrier", LAN: carrierLAN, WAN: []netip.Addr{carrierPublic},
		Behavior: nat.Behavior{Mapping: nat.EndpointIndependentMapping, Filtering: nat.AddressAndPortDependentFiltering, Ports: nat.PortRandom}}
	s := nat.Scenario{
		Name:    "No route to " + a.String() + ": a carrier-grade NAT",
		Seed:    1,
		NATs:    []nat.NAT{carrier, home},
		Devices: []nat.Device{{Name: "server", Behind: "router", Addr: homeHost}, {Name: "client", Addr: strangerFor(carrierPublic)}},
		Steps: []nat.Step{
			{Kind: nat.StepSend, From: "client", Proto: nat.TCP, SrcPort: 51000, To: netip.AddrPortFrom(a, p)},
			{Kind: nat.StepSend, From: "client", Proto: nat.TCP, SrcPort: 51000, To: netip.AddrPortFrom(carrierPublic, p)},
		},
	}
	natLab(d, s, 0, nat.NoHost, fmt.Sprintf("%v is in the shared address space 100.64.0.0/10 (RFC 6598), which carriers use between their NAT and your router: the lab makes it the WAN address of a home router behind a carrier-grade NAT. The internet has no route to it, and the carrier's public address has no rule for port %d, so the router's port forward never sees the connection", a, p))
}
