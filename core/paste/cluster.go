package paste

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/k8s"
)

// Pod is a row of kubectl get pods (-o wide, -A, --show-labels).
type Pod struct {
	Namespace string            `json:"namespace,omitempty"` // "" when the listing has no NAMESPACE column
	Name      string            `json:"name"`
	Ready     string            `json:"ready,omitempty"` // "1/1"
	Status    string            `json:"status,omitempty"`
	IP        netip.Addr        `json:"ip,omitzero"`
	Node      string            `json:"node,omitempty"`
	Labels    map[string]string `json:"labels,omitempty"` // nil unless --show-labels
}

// IsReady reports whether the pod runs with all its containers ready.
func (p Pod) IsReady() bool {
	a, b, ok := strings.Cut(p.Ready, "/")
	return (p.Status == "" || p.Status == "Running") && (!ok || a == b)
}

// Service is a row of kubectl get svc (-o wide adds the selector).
type Service struct {
	Namespace string        `json:"namespace,omitempty"`
	Name      string        `json:"name"`
	Type      string        `json:"type"`                 // ClusterIP, NodePort, LoadBalancer, ExternalName
	ClusterIP netip.Addr    `json:"clusterIP,omitzero"`   // zero for None (headless)
	Headless  bool          `json:"headless,omitempty"`   // CLUSTER-IP None
	Ports     []ServicePort `json:"ports,omitempty"`      // PORT(S)
	Selector  string        `json:"selector,omitempty"`   // as written: "app=web,tier=front"; "" if not shown
	NoSelect  bool          `json:"noSelector,omitempty"` // SELECTOR <none>
}

// ServicePort is one entry of PORT(S): "80/TCP", "80:30080/TCP".
type ServicePort struct {
	Port     uint16 `json:"port"`
	NodePort uint16 `json:"nodePort,omitempty"`
	Proto    string `json:"proto"`
}

// Endpoints is a row of kubectl get endpoints or endpointslices.
type Endpoints struct {
	Namespace string `json:"namespace,omitempty"`
	// Service is the Service's name; for an EndpointSlice, its name
	// without the generated suffix.
	Service string `json:"service"`
	// Addrs are the endpoints listed; More counts those kubectl left out
	// ("+ 1 more..."). An EndpointSlice lists addresses and Ports apart;
	// its Addrs carry its first port.
	Addrs []netip.AddrPort `json:"addrs,omitempty"`
	More  int              `json:"more,omitempty"`
	Slice bool             `json:"slice,omitempty"`
}

// Node is a row of kubectl get nodes (-o wide).
type Node struct {
	Name       string     `json:"name"`
	Status     string     `json:"status,omitempty"`
	Roles      string     `json:"roles,omitempty"`
	InternalIP netip.Addr `json:"internalIP,omitzero"`
}

// Cluster is what kubectl listings in a paste say about a cluster.
type Cluster struct {
	Pods      []Pod       `json:"pods,omitempty"`
	Services  []Service   `json:"services,omitempty"`
	Endpoints []Endpoints `json:"endpoints,omitempty"`
	Nodes     []Node      `json:"nodes,omitempty"`
	// LabelsKnown reports that the pods were listed with --show-labels.
	LabelsKnown bool `json:"labelsKnown,omitempty"`
	Skipped     int  `json:"skipped,omitempty"` // rows that could not be read
	// Networks are the ranges of VPN interfaces pasted with the listings
	// (ip addr, ifconfig or ipconfig of a VPN client: tun0, wg0, utun3,
	// an OpenVPN or WireGuard adapter), which the lab's checks compare with
	// the cluster's ranges. Classify fills them in; ParseCluster does not.
	Networks []k8s.Network `json:"networks,omitempty"`
}

// IsZero reports whether c holds nothing.
func (c Cluster) IsZero() bool { return c.rows() == 0 }

func (c Cluster) rows() int { return len(c.Pods) + len(c.Services) + len(c.Endpoints) + len(c.Nodes) }

// ParseCluster reads the kubectl get listings in text: pods, svc,
// endpoints, endpointslices and nodes, in their default and -o wide
// column layouts, with or without the NAMESPACE column of -A and the
// resource prefixes of kubectl get all ("pod/web-…"). Other lines are
// ignored. Only the first MaxLines lines are read.
func ParseCluster(text string) Cluster { return parseCluster(split(text).text) }

type tableKind uint8

const (
	tablePods tableKind = iota + 1
	tableServices
	tableEndpoints
	tableSlices
	tableNodes
)

// table is a kubectl listing's header: its columns and where they start.
type table struct {
	kind   tableKind
	cols   []string
	starts []int
	wide   int // the column that takes extra words in a row split at single spaces
}

func (t table) col(name string) int {
	for i, c := range t.cols {
		if c == name {
			return i
		}
	}
	return -1
}

// multiword are the column names with a space in them.
var multiword = map[string]string{"NOMINATED": "NODE", "READINESS": "GATES"}

// parseHeader recognises the header of a kubectl listing.
func parseHeader(line string) (table, bool) {
	if !strings.Contains(line, "NAME") {
		return table{}, false
	}
	var t table
	for i := 0; i < len(line); {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i == len(line) {
			break
		}
		j := i
		for j < len(line) && line[j] != ' ' && line[j] != '\t' {
			j++
		}
		word := line[i:j]
		if next, ok := multiword[word]; ok && strings.HasPrefix(line[j:], " "+next) {
			j += 1 + len(next)
			word = line[i:j]
		}
		t.cols = append(t.cols, word)
		t.starts = append(t.starts, i)
		i = j
	}
	n := 0
	if len(t.cols) > 0 && t.cols[0] == "NAMESPACE" {
		n = 1
	}
	if len(t.cols) < n+2 || t.cols[n] != "NAME" {
		return table{}, false
	}
	has := func(names ...string) bool {
		for _, name := range names {
			if t.col(name) < 0 {
				return false
			}
		}
		return true
	}
	switch {
	case has("READY", "STATUS", "RESTARTS"):
		t.kind, t.wide = tablePods, t.col("RESTARTS")
	case has("TYPE", "CLUSTER-IP", "PORT(S)"):
		t.kind, t.wide = tableServices, -1
	case has("ADDRESSTYPE", "ENDPOINTS"):
		t.kind, t.wide = tableSlices, t.col("ENDPOINTS")
	case has("ENDPOINTS"):
		t.kind, t.wide = tableEndpoints, t.col("ENDPOINTS")
	case has("STATUS", "ROLES", "VERSION"):
		t.kind, t.wide = tableNodes, t.col("OS-IMAGE")
	default:
		return table{}, false
	}
	return t, true
}

// split cuts a row into the table's cells: at runs of two or more spaces
// when that gives one cell per column, else at the header's positions
// when the row is aligned, else at single spaces with the extra words in
// the wide column. The cells are appended to buf[:0].
func (t table) split(line string, buf []string) []string {
	n := len(t.cols)
	if w := appendWideFields(buf[:0], line); len(w) == n {
		return w
	}
	if aligned(line, t.starts) {
		out := append(buf[:0], make([]string, n)...)
		for i, s := range t.starts {
			end := len(line)
			if i+1 < n {
				end = min(t.starts[i+1], len(line))
			}
			if s < len(line) {
				out[i] = strings.TrimSpace(line[s:end])
			}
		}
		return out
	}
	f := appendFields(buf[:0], line)
	if len(f) > n && t.wide >= 0 {
		extra := len(f) - n
		merged := append([]string{}, f[:t.wide]...)
		merged = append(merged, strings.Join(f[t.wide:t.wide+extra+1], " "))
		merged = append(merged, f[t.wide+extra+1:]...)
		return merged
	}
	for len(f) < n {
		f = append(f, "")
	}
	return f[:n]
}

// aligned reports whether a row's cells start where the header's columns
// do: a space just before each column's start and none at it.
func aligned(line string, starts []int) bool {
	if len(starts) < 2 || len(line) <= starts[len(starts)-1] {
		return false
	}
	for _, s := range starts[1:] {
		if line[s-1] != ' ' || line[s] == ' ' {
			return false
		}
	}
	return true
}

func parseCluster(ls []string) Cluster {
	var c Cluster
	var cur table
	var cells []string // the row's cells, in one slice for every row
	for _, line := range ls {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if isPrompt(t) {
			cur = table{}
			continue
		}
		if h, ok := parseHeader(strings.TrimRight(line, " \t")); ok {
			cur = h
			if cur.kind == tablePods && cur.col("LABELS") >= 0 {
				c.LabelsKnown = true
			}
			continue
		}
		if cur.kind == 0 || c.rows() >= maxRecords {
			continue
		}
		if strings.HasPrefix(t, "NAME ") || strings.HasPrefix(t, "CONTAINER ID") || strings.HasPrefix(t, "Proto ") || strings.HasPrefix(t, "State ") || strings.HasPrefix(t, "Netid ") {
			cur = table{}
			continue
		}
		cells = cur.split(strings.TrimRight(line, " \t"), cells)
		get := func(name string) string {
			if i := cur.col(name); i >= 0 && i < len(cells) {
				return cells[i]
			}
			return ""
		}
		ns := get("NAMESPACE")
		name := get("NAME")
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			name = name[i+1:]
		}
		if name == "" || strings.ContainsAny(name, " \t") {
			c.Skipped++
			continue
		}
		ok := true
		switch cur.kind {
		case tablePods:
			p := Pod{Namespace: ns, Name: name, Ready: get("READY"), Status: get("STATUS"), Node: get("NODE")}
			if p.Node == "<none>" {
				p.Node = ""
			}
			if ip := get("IP"); ip != "" && ip != "<none>" {
				a, err := netip.ParseAddr(ip)
				if err != nil {
					ok = false
					break
				}
				p.IP = a
			}
			if l := get("LABELS"); l != "" && l != "<none>" {
				p.Labels = parseLabels(l)
			}
			if !strings.Contains(p.Ready, "/") {
				ok = false
				break
			}
			c.Pods = append(c.Pods, p)
		case tableServices:
			s, good := parseServiceRow(ns, name, get)
			ok = good
			if good {
				c.Services = append(c.Services, s)
			}
		case tableEndpoints, tableSlices:
			e := Endpoints{Namespace: ns, Service: name, Slice: cur.kind == tableSlices}
			eps := get("ENDPOINTS")
			if e.Slice {
				e.Service = sliceService(name)
				ok = parseSliceEndpoints(&e, eps, get("PORTS"))
			} else {
				ok = parseEndpointList(&e, eps)
			}
			if ok {
				c.Endpoints = append(c.Endpoints, e)
			}
		case tableNodes:
			n := Node{Name: name, Status: get("STATUS"), Roles: get("ROLES")}
			if ip := get("INTERNAL-IP"); ip != "" && ip != "<none>" {
				if a, err := netip.ParseAddr(ip); err == nil {
					n.InternalIP = a
				}
			}
			if n.Status == "" {
				ok = false
				break
			}
			c.Nodes = append(c.Nodes, n)
		}
		if !ok {
			c.Skipped++
		}
	}
	return c
}

// parseLabels reads "app=web,pod-template-hash=7d4b9c8f6".
func parseLabels(s string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if ok && k != "" && len(m) < 64 {
			m[k] = v
		}
	}
	return m
}

func parseServiceRow(ns, name string, get func(string) string) (Service, bool) {
	s := Service{Namespace: ns, Name: name, Type: get("TYPE")}
	switch ip := get("CLUSTER-IP"); ip {
	case "None":
		s.Headless = true
	case "", "<none>":
	default:
		a, err := netip.ParseAddr(ip)
		if err != nil {
			return Service{}, false
		}
		s.ClusterIP = a
	}
	ports := get("PORT(S)")
	if ports != "<none>" && ports != "" {
		for _, p := range strings.Split(ports, ",") {
			num, proto, _ := strings.Cut(p, "/")
			port, node, _ := strings.Cut(num, ":")
			pn, err := strconv.ParseUint(port, 10, 16)
			if err != nil {
				return Service{}, false
			}
			sp := ServicePort{Port: uint16(pn), Proto: proto}
			if node != "" {
				nn, err := strconv.ParseUint(node, 10, 16)
				if err != nil {
					return Service{}, false
				}
				sp.NodePort = uint16(nn)
			}
			if len(s.Ports) < 64 {
				s.Ports = append(s.Ports, sp)
			}
		}
	}
	switch sel := get("SELECTOR"); sel {
	case "":
	case "<none>":
		s.NoSelect = true
	default:
		s.Selector = sel
	}
	return s, s.Type != ""
}

// parseEndpointList reads "10.244.1.5:8080,10.244.2.7:8080 + 1 more...",
// "<none>" or "<unset>".
func parseEndpointList(e *Endpoints, s string) bool {
	return readEndpoints(e, s, netip.ParseAddrPort)
}

// parseSliceEndpoints reads an EndpointSlice's "10.244.1.5,10.244.2.7 +
// 1 more..." with its PORTS "8080" or "8080,8443" or "<unset>".
func parseSliceEndpoints(e *Endpoints, s, ports string) bool {
	p := uint16(0)
	if first, _, _ := strings.Cut(ports, ","); isDigits(first) {
		n, err := strconv.ParseUint(first, 10, 16)
		if err != nil {
			return false
		}
		p = uint16(n)
	}
	return readEndpoints(e, s, func(a string) (netip.AddrPort, error) {
		ip, err := netip.ParseAddr(a)
		return netip.AddrPortFrom(ip, p), err
	})
}

// readEndpoints reads the ENDPOINTS cell of endpoints or of an
// EndpointSlice, whose entries parse reads: "a,b + 1 more...", "<none>"
// or "<unset>". At most 256 entries are kept.
func readEndpoints(e *Endpoints, s string, parse func(string) (netip.AddrPort, error)) bool {
	s = strings.TrimSpace(s)
	if s == "<none>" || s == "<unset>" || s == "" {
		return true
	}
	list, more, _ := strings.Cut(s, " + ")
	if more != "" {
		e.More, _ = strconv.Atoi(digitsAt(more))
	}
	for _, ep := range strings.Split(list, ",") {
		ap, err := parse(ep)
		if err != nil {
			return false
		}
		if len(e.Addrs) < 256 {
			e.Addrs = append(e.Addrs, ap)
		}
	}
	return true
}

// sliceService returns the Service of an EndpointSlice named
// SERVICE-xxxxx.
func sliceService(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 && len(name)-i-1 == 5 && isAlnumLower(name[i+1:]) {
		return name[:i]
	}
	return name
}

func isAlnumLower(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// ownerOf returns the workload a pod belongs to, from its name:
// web-7d4b9c8f6-x2kzq (Deployment) and web-x2kzq (DaemonSet, Job) are web,
// db-0 (StatefulSet) is db; any other name is the pod's own.
func ownerOf(pod string) string {
	i := strings.LastIndexByte(pod, '-')
	if i < 0 {
		return pod
	}
	rest, last := pod[:i], pod[i+1:]
	if len(last) == 5 && isRandSuffix(last) {
		if j := strings.LastIndexByte(rest, '-'); j >= 0 {
			if rs := rest[j+1:]; len(rs) >= 6 && len(rs) <= 10 && isRandSuffix(rs) {
				return rest[:j]
			}
		}
		return rest
	}
	if isDigits(last) {
		return rest
	}
	return pod
}

// isRandSuffix reports whether s uses only the characters of Kubernetes'
// generated names (k8s.io/apimachinery/pkg/util/rand: no vowels, no 0, 1 or 3).
func isRandSuffix(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("bcdfghjklmnpqrstvwxz2456789", rune(s[i])) {
			return false
		}
	}
	return s != ""
}
