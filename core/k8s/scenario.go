package k8s

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/internal/strictjson"
	"go4.org/netipx"
)

// Limits on a scenario, so that a hostile share link cannot freeze the page.
const (
	MaxScenarioBytes = 1 << 20 // size of the JSON text DecodeScenario accepts
	MaxNodes         = 64
	MaxDeployments   = 64
	MaxServices      = 64
	MaxNetworks      = 32
	MaxLabels        = 16   // labels of a deployment, or of a Service's selector
	MaxPods          = 1000 // pods at the same time
	MaxPodsCreated   = 20000
	MaxActions       = 1000
	MaxNameLen       = 63 // a DNS label (RFC 1123)
)

// Version is the scenario format version Scenario.V carries.
const Version = 1

// Defaults for the parts of a Scenario left out.
var (
	DefaultClusterCIDR = netip.MustParsePrefix("10.244.0.0/16") // flannel's and kubeadm's usual pod network
	DefaultServiceCIDR = netip.MustParsePrefix("10.96.0.0/12")  // kube-apiserver --service-cluster-ip-range default
	DefaultLAN         = netip.MustParsePrefix("192.168.1.0/24")
)

// DefaultNodeMaskSize is the prefix length of a node's pod CIDR
// (kube-controller-manager --node-cidr-mask-size, 24 for IPv4).
const DefaultNodeMaskSize = 24

// DefaultMaxPods is the kubelet's --max-pods default.
const DefaultMaxPods = 110

// Scenario is a Kubernetes lab: the cluster and the actions to replay. It
// is what a share link carries, as JSON.
type Scenario struct {
	V            int          `json:"v"`                      // format version: Version
	ClusterCIDR  netip.Prefix `json:"clusterCIDR,omitzero"`   // pod network; zero: DefaultClusterCIDR
	NodeMaskSize int          `json:"nodeMaskSize,omitempty"` // prefix length of each node's pod CIDR; 0: DefaultNodeMaskSize
	ServiceCIDR  netip.Prefix `json:"serviceCIDR,omitzero"`   // zero: DefaultServiceCIDR
	MaxPods      int          `json:"maxPods,omitempty"`      // kubelet --max-pods; 0: DefaultMaxPods
	LAN          netip.Prefix `json:"lan,omitzero"`           // the nodes' network; zero: DefaultLAN
	Nodes        []Node       `json:"nodes"`
	Networks     []Network    `json:"networks,omitempty"` // other ranges Check compares: VPN, VPC, home LAN
	Deployments  []Deployment `json:"deployments,omitempty"`
	Services     []Service    `json:"services,omitempty"`
	Actions      []Action     `json:"actions,omitempty"`
}

// Node is a machine of the cluster. A zero Addr takes the LAN's address
// number 11 + its index (192.168.1.11, .12, …).
type Node struct {
	Name string     `json:"name"`
	Addr netip.Addr `json:"addr,omitzero"`
}

// Network is a named range Check compares with the cluster's: a VPN, a
// cloud VPC, an office LAN.
type Network struct {
	Name   string       `json:"name"`
	Prefix netip.Prefix `json:"prefix"`
}

// Deployment runs Replicas pods with Labels, each listening on Port.
type Deployment struct {
	Name      string            `json:"name"`
	Namespace string            `json:"namespace,omitempty"` // "": "default"
	Replicas  int               `json:"replicas"`
	Labels    map[string]string `json:"labels,omitempty"` // zero: app=Name
	Port      int               `json:"port,omitempty"`   // containerPort the pods listen on, on every address
}

// Service gives the pods its Selector matches a stable ClusterIP and the
// DNS name name.namespace.svc.cluster.local.
type Service struct {
	Name       string            `json:"name"`
	Namespace  string            `json:"namespace,omitempty"` // "": "default"
	Selector   map[string]string `json:"selector"`
	Port       int               `json:"port"`
	TargetPort int               `json:"targetPort,omitempty"` // 0: Port
	Type       string            `json:"type,omitempty"`       // "", "ClusterIP" or "NodePort"
	NodePort   int               `json:"nodePort,omitempty"`   // 30000–32767; 0: the next free one
	ClusterIP  netip.Addr        `json:"clusterIP,omitzero"`   // zero: the next free one
}

// Action is one step. Which fields matter depends on Do: delete-pod,
// restart-pod, unready, ready: Pod; scale: Deployment and Replicas;
// connect: From and To.
//
// From is "pod:NAME", "deploy:NAME" (its oldest running pod), "node:NAME"
// or "outside" (a machine on the LAN outside the cluster). To is
// HOST:PORT, HOST an IP address or a name (svc, svc.ns, svc.ns.svc or
// svc.ns.svc.cluster.local).
type Action struct {
	Do         Kind   `json:"do"`
	Pod        string `json:"pod,omitempty"`
	Deployment string `json:"deployment,omitempty"`
	Replicas   int    `json:"replicas,omitempty"`
	From       string `json:"from,omitempty"`
	To         string `json:"to,omitempty"`
}

// DecodeScenario parses a scenario from JSON and validates it. Unknown
// fields are errors.
func DecodeScenario(data []byte) (Scenario, error) {
	return strictjson.DecodeValid[Scenario]("scenario", data, MaxScenarioBytes)
}

// fieldErrorf returns a *field.Error about the field at path.
func fieldErrorf(path, format string, args ...any) error { return field.Errorf(path, format, args...) }

// Encode returns the scenario as JSON, the form DecodeScenario reads.
func (s Scenario) Encode() ([]byte, error) { return json.Marshal(s) }

func namespaceOf(ns string) string {
	if ns == "" {
		return "default"
	}
	return ns
}

// checkName checks a DNS label (RFC 1123): lowercase letters, digits and
// '-', starting and ending with a letter or digit.
func checkName(field, s string) error {
	if s == "" {
		return fieldErrorf(field, "missing")
	}
	if len(s) > MaxNameLen {
		return fieldErrorf(field, "%d characters is longer than the limit of %d", len(s), MaxNameLen)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && i > 0 && i < len(s)-1
		if !ok {
			return fieldErrorf(field, "%q is not a DNS label: use lowercase letters, digits and '-', starting and ending with a letter or digit (RFC 1123)", s)
		}
	}
	return nil
}

func checkLabels(field string, m map[string]string, required bool) error {
	if len(m) == 0 && required {
		return fieldErrorf(field, "missing; a Service without a selector has no endpoints here")
	}
	if len(m) > MaxLabels {
		return fieldErrorf(field, "%d labels is more than the limit of %d", len(m), MaxLabels)
	}
	for k, v := range m {
		if k == "" || len(k) > MaxNameLen || len(v) > MaxNameLen || strings.ContainsAny(k+v, " \t\n\"=,") {
			return fieldErrorf(field, "label %q=%q is not a valid label", k, v)
		}
	}
	return nil
}

func checkPort(field string, p int) error {
	if p < 1 || p > 65535 {
		return fieldErrorf(field, "port %d is out of range 1–65535", p)
	}
	return nil
}

func checkPrefix(field string, p netip.Prefix, v4 bool) error {
	if !p.IsValid() {
		return nil
	}
	switch {
	case p.Addr().Zone() != "":
		return fieldErrorf(field, "%v has a zone", p)
	case v4 && !p.Addr().Is4():
		return fieldErrorf(field, "%v is not IPv4; the lab models an IPv4 cluster", p)
	case p != p.Masked():
		return fieldErrorf(field, "%v has host bits set; the network is %v", p, p.Masked())
	}
	return nil
}

// Validate reports the first thing wrong with the scenario as a
// *field.Error naming the field, as in "deployments[1].replicas: 2000 is
// out of range 0–1000". Capacity problems that a real cluster would accept (too many
// nodes for the cluster CIDR, an overlap with the LAN) are not errors: Check
// reports them.
func (s Scenario) Validate() error {
	if s.V != Version {
		return fieldErrorf("v", "version %d is not supported; want %d", s.V, Version)
	}
	if err := checkPrefix("clusterCIDR", s.ClusterCIDR, true); err != nil {
		return err
	}
	if err := checkPrefix("serviceCIDR", s.ServiceCIDR, true); err != nil {
		return err
	}
	if err := checkPrefix("lan", s.LAN, true); err != nil {
		return err
	}
	c := s.config()
	if c.lan.Bits() > 30 {
		return fieldErrorf("lan", "/%d is too small for nodes; use /30 or shorter", c.lan.Bits())
	}
	if s.NodeMaskSize != 0 && (s.NodeMaskSize < c.cluster.Bits() || s.NodeMaskSize > 30) {
		return fieldErrorf("nodeMaskSize", "/%d must be between the cluster CIDR's /%d and /30", s.NodeMaskSize, c.cluster.Bits())
	}
	if c.service.Bits() > 30 {
		return fieldErrorf("serviceCIDR", "/%d is too small; use /30 or shorter", c.service.Bits())
	}
	if s.MaxPods < 0 || s.MaxPods > MaxPods {
		return fieldErrorf("maxPods", "%d is out of range 1–%d", s.MaxPods, MaxPods)
	}
	if len(s.Nodes) == 0 {
		return fieldErrorf("nodes", "a cluster needs at least one node")
	}
	if len(s.Nodes) > MaxNodes {
		return fieldErrorf("nodes", "%d nodes is more than the limit of %d", len(s.Nodes), MaxNodes)
	}
	names := map[string]bool{}
	addrs := map[netip.Addr]bool{}
	for i, n := range s.Nodes {
		field := fmt.Sprintf("nodes[%d]", i)
		if err := checkName(field+".name", n.Name); err != nil {
			return err
		}
		if names[n.Name] {
			return fieldErrorf(field+".name", "%q is already another node's name", n.Name)
		}
		names[n.Name] = true
		a := c.nodes[i].addr
		if !a.IsValid() || !c.lan.Contains(a) || a == c.lan.Addr() {
			return fieldErrorf(field+".addr", "%v is not a host address of the LAN %v", n.Addr, c.lan)
		}
		if addrs[a] {
			return fieldErrorf(field+".addr", "%v is already another node's address", a)
		}
		addrs[a] = true
	}
	if len(s.Networks) > MaxNetworks {
		return fieldErrorf("networks", "%d networks is more than the limit of %d", len(s.Networks), MaxNetworks)
	}
	for i, n := range s.Networks {
		field := fmt.Sprintf("networks[%d]", i)
		if n.Name == "" || len(n.Name) > MaxNameLen {
			return fieldErrorf(field+".name", "missing or longer than %d bytes", MaxNameLen)
		}
		if !n.Prefix.IsValid() {
			return fieldErrorf(field+".prefix", "missing")
		}
		if err := checkPrefix(field+".prefix", n.Prefix, false); err != nil {
			return err
		}
	}
	if len(s.Deployments) > MaxDeployments {
		return fieldErrorf("deployments", "%d deployments is more than the limit of %d", len(s.Deployments), MaxDeployments)
	}
	deploys := map[string]bool{}
	total := 0
	for i, d := range s.Deployments {
		field := fmt.Sprintf("deployments[%d]", i)
		if err := checkName(field+".name", d.Name); err != nil {
			return err
		}
		if deploys[d.Name] {
			return fieldErrorf(field+".name", "%q is already another deployment's name (the lab wants them unique across namespaces)", d.Name)
		}
		deploys[d.Name] = true
		if d.Namespace != "" {
			if err := checkName(field+".namespace", d.Namespace); err != nil {
				return err
			}
		}
		if d.Replicas < 0 || d.Replicas > MaxPods {
			return fieldErrorf(field+".replicas", "%d is out of range 0–%d", d.Replicas, MaxPods)
		}
		total += d.Replicas
		if total > MaxPods {
			return fieldErrorf(field+".replicas", "the deployments ask for %d pods, more than the limit of %d", total, MaxPods)
		}
		if err := checkLabels(field+".labels", d.Labels, false); err != nil {
			return err
		}
		if d.Port != 0 {
			if err := checkPort(field+".port", d.Port); err != nil {
				return err
			}
		}
	}
	if len(s.Services) > MaxServices {
		return fieldErrorf("services", "%d services is more than the limit of %d", len(s.Services), MaxServices)
	}
	svcs := map[string]bool{}
	ips := map[netip.Addr]bool{}
	nodePorts := map[int]bool{}
	for i, v := range s.Services {
		field := fmt.Sprintf("services[%d]", i)
		if err := checkName(field+".name", v.Name); err != nil {
			return err
		}
		if v.Namespace != "" {
			if err := checkName(field+".namespace", v.Namespace); err != nil {
				return err
			}
		}
		key := v.Name + "." + namespaceOf(v.Namespace)
		if svcs[key] {
			return fieldErrorf(field+".name", "%s is already another Service", key)
		}
		svcs[key] = true
		if err := checkLabels(field+".selector", v.Selector, true); err != nil {
			return err
		}
		if err := checkPort(field+".port", v.Port); err != nil {
			return err
		}
		if v.TargetPort != 0 {
			if err := checkPort(field+".targetPort", v.TargetPort); err != nil {
				return err
			}
		}
		switch v.Type {
		case "", "ClusterIP":
			if v.NodePort != 0 {
				return fieldErrorf(field+".nodePort", "a ClusterIP Service has no node port; set type NodePort")
			}
		case "NodePort":
			if v.NodePort != 0 && (v.NodePort < 30000 || v.NodePort > 32767) {
				return fieldErrorf(field+".nodePort", "%d is outside the node port range 30000–32767", v.NodePort)
			}
			if v.NodePort != 0 && nodePorts[v.NodePort] {
				return fieldErrorf(field+".nodePort", "%d is already another Service's", v.NodePort)
			}
			nodePorts[v.NodePort] = true
		default:
			return fieldErrorf(field+".type", "unknown type %q; want ClusterIP or NodePort", v.Type)
		}
		if a := v.ClusterIP; a.IsValid() {
			first := c.service.Addr().Next()
			if !c.service.Contains(a) || a == c.service.Addr() || a == first || a == lastAddr(c.service) {
				return fieldErrorf(field+".clusterIP", "%v is not a free address of the Service CIDR %v (%v is the kubernetes Service's)", a, c.service, first)
			}
			if ips[a] {
				return fieldErrorf(field+".clusterIP", "%v is already another Service's", a)
			}
			ips[a] = true
		}
	}
	for i, v := range c.svcs {
		if !v.ip.IsValid() {
			return fieldErrorf(fmt.Sprintf("services[%d].clusterIP", i), "the Service CIDR %v has no free address left", c.service)
		}
		if v.Type == "NodePort" && v.nodePort == 0 {
			return fieldErrorf(fmt.Sprintf("services[%d].nodePort", i), "no free node port is left in 30000–32767")
		}
	}
	if len(s.Actions) > MaxActions {
		return fieldErrorf("actions", "%d actions is more than the limit of %d", len(s.Actions), MaxActions)
	}
	for i, a := range s.Actions {
		field := fmt.Sprintf("actions[%d]", i)
		switch a.Do {
		case DeletePod, RestartPod, Unready, Ready:
			if err := checkName(field+".pod", a.Pod); err != nil {
				return err
			}
		case Scale:
			if !deploys[a.Deployment] {
				return fieldErrorf(field+".deployment", "no deployment named %q", a.Deployment)
			}
			if a.Replicas < 0 || a.Replicas > MaxPods {
				return fieldErrorf(field+".replicas", "%d is out of range 0–%d", a.Replicas, MaxPods)
			}
		case Connect:
			if err := checkFrom(field+".from", a.From, names, deploys); err != nil {
				return err
			}
			if _, _, err := splitTarget(a.To); err != nil {
				return fieldErrorf(field+".to", "%v", err)
			}
		default:
			return fieldErrorf(field+".do", "unknown %v", a.Do)
		}
	}
	return nil
}

func checkFrom(field, from string, nodes, deploys map[string]bool) error {
	kind, name, _ := strings.Cut(from, ":")
	switch {
	case from == "outside":
		return nil
	case kind == "node" && nodes[name]:
		return nil
	case kind == "deploy" && deploys[name]:
		return nil
	case kind == "pod":
		return checkName(field, name)
	case kind == "node" || kind == "deploy":
		return fieldErrorf(field, "no %s named %q", kind, name)
	}
	return fieldErrorf(field, "%q: want pod:NAME, deploy:NAME, node:NAME or outside", from)
}

// splitTarget parses HOST:PORT into an address or a name, and the port.
func splitTarget(s string) (string, int, error) {
	i := strings.LastIndexByte(s, ':')
	if i <= 0 {
		return "", 0, fmt.Errorf("%q: want HOST:PORT, such as web.default.svc.cluster.local:80 or 10.244.1.5:8080", s)
	}
	host, portText := s[:i], s[i+1:]
	port, err := strconv.Atoi(portText)
	if err != nil || port < 1 || port > 65535 {
		return "", 0, fmt.Errorf("%q: port %q is not a number in 1–65535", s, portText)
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if !a.Is4() {
			return "", 0, fmt.Errorf("%q: the lab models an IPv4 cluster", s)
		}
		return host, port, nil
	}
	name := strings.TrimSuffix(host, ".")
	if name == "" || len(name) > 253 {
		return "", 0, fmt.Errorf("%q: empty or overlong host name", s)
	}
	for _, l := range strings.Split(name, ".") {
		if checkName("", l) != nil {
			return "", 0, fmt.Errorf("%q: %q is not a DNS label", s, l)
		}
	}
	return name, port, nil
}

func lastAddr(p netip.Prefix) netip.Addr { return netipx.PrefixLastIP(p.Masked()) }
