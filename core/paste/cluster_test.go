package paste_test

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/paste"
	"github.com/netground/netground/core/scenario"
)

var podSamples = []struct {
	text     string
	ns, name string
	ip, node string
	ready    bool
}{
	{"NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n" +
		"web-7d4b9c8f6-x2kzq    1/1     Running   0          5d    10.244.1.5   node-a   <none>           <none>", "", "web-7d4b9c8f6-x2kzq", "10.244.1.5", "node-a", true},
	{"NAMESPACE     NAME                               READY   STATUS    RESTARTS      AGE   IP           NODE                 NOMINATED NODE   READINESS GATES\n" +
		"kube-system   coredns-5d78c9869d-7xq2p           1/1     Running   2 (3d ago)    9d    10.244.0.3   kind-control-plane   <none>           <none>", "kube-system", "coredns-5d78c9869d-7xq2p", "10.244.0.3", "kind-control-plane", true},
	{"NAME    READY   STATUS             RESTARTS        AGE\n" +
		"api-0   0/1     CrashLoopBackOff   7 (2m12s ago)   15m", "", "api-0", "", "", false},
	{"NAME                     READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES\n" +
		"pending-6b9f7c5d4-abcde  0/1     Pending   0          1m    <none>   <none>   <none>           <none>", "", "pending-6b9f7c5d4-abcde", "", "", false},
	{"NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES\r\n" +
		"db-0 1/1 Running 1 (4h ago) 2d 10.244.2.7 node-b <none> <none>\r\n", "", "db-0", "10.244.2.7", "node-b", true},
	{"NAME                                  READY   STATUS    RESTARTS   AGE     IP              NODE          NOMINATED NODE   READINESS GATES\n" +
		"pod/frontend-5f7b9d8c4-qwz9p          2/2     Running   0          3h12m   192.168.45.12   ip-10-0-1-23.ec2.internal   <none>           <none>", "", "frontend-5f7b9d8c4-qwz9p", "192.168.45.12", "ip-10-0-1-23.ec2.internal", true},
}

func TestPods(t *testing.T) {
	for _, tt := range podSamples {
		c := paste.ParseCluster(tt.text)
		if len(c.Pods) != 1 {
			t.Errorf("ParseCluster(%q) has %d pods (skipped %d); want 1", tt.text, len(c.Pods), c.Skipped)
			continue
		}
		p := c.Pods[0]
		var ip netip.Addr
		if tt.ip != "" {
			ip = netip.MustParseAddr(tt.ip)
		}
		if p.Namespace != tt.ns || p.Name != tt.name || p.IP != ip || p.Node != tt.node || p.IsReady() != tt.ready {
			t.Errorf("ParseCluster(%q) = %+v; want %q %q %v %q ready=%v", tt.text, p, tt.ns, tt.name, ip, tt.node, tt.ready)
		}
		checkK8s(t, c)
	}
}

var serviceSamples = []struct {
	text     string
	name     string
	typ      string
	ip       string
	ports    string // port:node/proto,…
	selector string
}{
	{"NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1       <none>        443/TCP   9d", "kubernetes", "ClusterIP", "10.96.0.1", "443:0/TCP", ""},
	{"NAME   TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE\nweb    NodePort   10.96.45.120   <none>        80:30080/TCP   2d", "web", "NodePort", "10.96.45.120", "80:30080/TCP", ""},
	{"NAMESPACE     NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\nkube-system   kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   9d", "kube-dns", "ClusterIP", "10.96.0.10", "53:0/UDP,53:0/TCP,9153:0/TCP", ""},
	{"NAME   TYPE           CLUSTER-IP    EXTERNAL-IP    PORT(S)                      AGE   SELECTOR\nlb     LoadBalancer   10.43.12.34   203.0.113.10   80:31380/TCP,443:31390/TCP   1h    app=gateway,tier=edge", "lb", "LoadBalancer", "10.43.12.34", "80:31380/TCP,443:31390/TCP", "app=gateway,tier=edge"},
	{"NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE\npostgres   ClusterIP   None         <none>        5432/TCP   3d", "postgres", "ClusterIP", "", "5432:0/TCP", ""},
	{"NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\ndb ExternalName <none> db.example.com 5432/TCP 1d", "db", "ExternalName", "", "5432:0/TCP", ""},
	{"service/api   ClusterIP   10.96.7.7   <none>   8080/TCP   5m", "", "", "", "", ""},
}

func TestServices(t *testing.T) {
	for _, tt := range serviceSamples {
		c := paste.ParseCluster(tt.text)
		if tt.name == "" {
			if len(c.Services) != 0 {
				t.Errorf("ParseCluster(%q) read a row without a header: %+v", tt.text, c.Services)
			}
			continue
		}
		if len(c.Services) != 1 {
			t.Errorf("ParseCluster(%q) has %d services; want 1", tt.text, len(c.Services))
			continue
		}
		v := c.Services[0]
		var ports []string
		for _, p := range v.Ports {
			ports = append(ports, itoa(int(p.Port))+":"+itoa(int(p.NodePort))+"/"+p.Proto)
		}
		var ip netip.Addr
		if tt.ip != "" {
			ip = netip.MustParseAddr(tt.ip)
		}
		if v.Name != tt.name || v.Type != tt.typ || v.ClusterIP != ip || strings.Join(ports, ",") != tt.ports || v.Selector != tt.selector {
			t.Errorf("ParseCluster(%q) = %+v; want %s %s %v %s %q", tt.text, v, tt.name, tt.typ, ip, tt.ports, tt.selector)
		}
		checkK8s(t, c)
	}
}

var endpointSamples = []struct {
	text    string
	service string
	addrs   string
	more    int
}{
	{"NAME   ENDPOINTS                         AGE\nweb    10.244.1.5:8080,10.244.2.7:8080   2d", "web", "10.244.1.5:8080,10.244.2.7:8080", 0},
	{"NAME   ENDPOINTS                                            AGE\nweb    10.244.1.5:8080,10.244.2.7:8080,10.244.1.9:8080 + 1 more...   2d", "web", "10.244.1.5:8080,10.244.2.7:8080,10.244.1.9:8080", 1},
	{"NAME    ENDPOINTS   AGE\norphan  <none>      7h", "orphan", "", 0},
	{"NAMESPACE     NAME       ENDPOINTS                                               AGE\nkube-system   kube-dns   10.244.0.2:53,10.244.0.3:53,10.244.0.2:53 + 3 more...   9d", "kube-dns", "10.244.0.2:53,10.244.0.3:53,10.244.0.2:53", 3},
	{"NAME         ADDRESSTYPE   PORTS   ENDPOINTS               AGE\nweb-x7k2p    IPv4          8080    10.244.1.5,10.244.2.7   2d", "web", "10.244.1.5:8080,10.244.2.7:8080", 0},
	{"NAME            ADDRESSTYPE   PORTS     ENDPOINTS   AGE\norphan-b9z4q    IPv4          <unset>   <unset>     7h", "orphan", "", 0},
	{"NAME\tENDPOINTS\tAGE\r\nkubernetes\t192.168.49.2:8443\t9d\r\n", "kubernetes", "192.168.49.2:8443", 0},
}

func TestEndpoints(t *testing.T) {
	for _, tt := range endpointSamples {
		c := paste.ParseCluster(tt.text)
		if len(c.Endpoints) != 1 {
			t.Errorf("ParseCluster(%q) has %d endpoints rows (skipped %d); want 1", tt.text, len(c.Endpoints), c.Skipped)
			continue
		}
		e := c.Endpoints[0]
		var as []string
		for _, a := range e.Addrs {
			as = append(as, a.String())
		}
		if e.Service != tt.service || strings.Join(as, ",") != tt.addrs || e.More != tt.more {
			t.Errorf("ParseCluster(%q) = %+v; want %s %s +%d", tt.text, e, tt.service, tt.addrs, tt.more)
		}
		checkK8s(t, c)
	}
}

var nodeSamples = []struct {
	text, name, ip string
}{
	{"NAME     STATUS   ROLES           AGE   VERSION\nnode-a   Ready    control-plane   9d    v1.30.2", "node-a", ""},
	{"NAME                 STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME\n" +
		"kind-control-plane   Ready    control-plane   9d    v1.30.0   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-40-generic   containerd://1.7.15", "kind-control-plane", "172.18.0.2"},
	{"NAME       STATUS   ROLES                  AGE   VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION      CONTAINER-RUNTIME\n" +
		"minikube   Ready    control-plane,master   30d   v1.28.3   192.168.49.2   <none>        Ubuntu 22.04.3 LTS   5.15.0-91-generic   docker://24.0.7", "minikube", "192.168.49.2"},
	{"NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME\n" +
		"ip-10-0-1-23.ec2.internal Ready <none> 12d v1.29.6-eks-1552ad0 10.0.1.23 54.1.2.3 Amazon Linux 2 5.10.219-208.866.amzn2.x86_64 containerd://1.7.11", "ip-10-0-1-23.ec2.internal", "10.0.1.23"},
	{"NAME      STATUS     ROLES    AGE   VERSION        INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION   CONTAINER-RUNTIME\n" +
		"worker2   NotReady   <none>   3d    v1.31.1+k3s1   10.0.0.12     <none>        Ubuntu 24.04.1 LTS   6.8.0-45-generic   containerd://1.7.21-k3s2", "worker2", "10.0.0.12"},
}

func TestNodes(t *testing.T) {
	for _, tt := range nodeSamples {
		c := paste.ParseCluster(tt.text)
		if len(c.Nodes) != 1 {
			t.Errorf("ParseCluster(%q) has %d nodes; want 1", tt.text, len(c.Nodes))
			continue
		}
		n := c.Nodes[0]
		var ip netip.Addr
		if tt.ip != "" {
			ip = netip.MustParseAddr(tt.ip)
		}
		if n.Name != tt.name || n.InternalIP != ip {
			t.Errorf("ParseCluster(%q) = %+v; want %s %v", tt.text, n, tt.name, ip)
		}
		checkK8s(t, c)
	}
}

func checkK8s(t *testing.T, c paste.Cluster) {
	t.Helper()
	s, _ := c.Scenario()
	if err := s.Validate(); err != nil {
		t.Errorf("scenario of %+v: %v", c, err)
	}
}

// clusterPaste is kubectl output of a small cluster, pasted together.
const clusterPaste = `$ kubectl get nodes -o wide
NAME     STATUS   ROLES           AGE   VERSION   INTERNAL-IP     EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME
node-a   Ready    control-plane   9d    v1.30.2   192.168.1.11    <none>        Ubuntu 24.04 LTS     6.8.0-40-generic   containerd://1.7.19
node-b   Ready    <none>          9d    v1.30.2   192.168.1.12    <none>        Ubuntu 24.04 LTS     6.8.0-40-generic   containerd://1.7.19
$ kubectl get pods -o wide
NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-7d4b9c8f6-x2kzq    1/1     Running   0          5d    10.244.1.2   node-b   <none>           <none>
web-7d4b9c8f6-m8vtn    1/1     Running   0          5d    10.244.0.5   node-a   <none>           <none>
api-5c6d7f8b9-qrstv    0/1     Running   3          1h    10.244.1.3   node-b   <none>           <none>
$ kubectl get svc
NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)        AGE
kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP        9d
web          NodePort    10.96.45.120    <none>        80:30080/TCP   5d
api          ClusterIP   10.96.12.7      <none>        8000/TCP       1h
orphan       ClusterIP   10.96.99.9      <none>        80/TCP         7h
$ kubectl get endpoints
NAME         ENDPOINTS                         AGE
kubernetes   192.168.1.11:6443                 9d
web          10.244.0.5:8080,10.244.1.2:8080   5d
api          <none>                            1h
orphan       <none>                            7h
`

func TestClusterPaste(t *testing.T) {
	r := paste.Classify(clusterPaste)
	if r.Kind != paste.KindCluster || r.Page != scenario.WidgetK8s {
		t.Fatalf("Classify(cluster) = %v %v: %s", r.Kind, r.Page, r.Summary)
	}
	frag, ok := strings.CutPrefix(r.Link, "/k8s#")
	if !ok {
		t.Fatalf("link %q: want /k8s#s=…", r.Link)
	}
	doc, err := scenario.DecodeFragment(frag)
	if err != nil {
		t.Fatal(err)
	}
	s, err := k8s.DecodeScenario(doc.State)
	if err != nil {
		t.Fatal(err)
	}
	if s.LAN != netip.MustParsePrefix("192.168.1.0/24") || len(s.Nodes) != 2 || s.Nodes[0].Name != "node-a" || s.Nodes[0].Addr != netip.MustParseAddr("192.168.1.11") {
		t.Errorf("nodes: LAN %v, %+v", s.LAN, s.Nodes)
	}
	tr, err := k8s.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	final := tr.Initial
	if n := len(tr.Steps); n > 0 {
		final = tr.Steps[n-1].State
	}
	eps := map[string]int{}
	for _, v := range final.Services() {
		eps[v.Name] = len(v.Endpoints)
		if v.Name == "web" && (v.ClusterIP != netip.MustParseAddr("10.96.45.120") || v.NodePort != 30080 || len(v.Endpoints) != 2 || v.Endpoints[0].Port() != 8080) {
			t.Errorf("web: %+v; want 10.96.45.120, node port 30080, two endpoints on 8080", v)
		}
	}
	if eps["web"] != 2 || eps["api"] != 0 || eps["orphan"] != 0 {
		t.Errorf("endpoints %v; want web 2, api 0 (its pod is not ready), orphan 0", eps)
	}
	// Connecting through the Service works for web and is refused for api.
	for _, c := range []struct {
		to   string
		want k8s.Verdict
	}{{"10.96.45.120:80", k8s.Connected}, {"10.96.12.7:8000", k8s.Refused}, {"192.168.1.12:30080", k8s.Connected}} {
		if got := final.Connect("node:node-a", c.to).Verdict; got != c.want {
			t.Errorf("connect node-a → %s = %v; want %v", c.to, got, c.want)
		}
	}
	kinds := map[paste.FindingKind]int{}
	for _, f := range r.Cluster.Findings() {
		kinds[f.Kind]++
	}
	if kinds[paste.NoEndpoints] < 2 {
		t.Errorf("findings %v; want api and orphan without endpoints", kinds)
	}
}

func TestClusterOverlap(t *testing.T) {
	text := "NAME    READY   STATUS    RESTARTS   AGE   IP              NODE     NOMINATED NODE   READINESS GATES\n" +
		"web-7d4b9c8f6-x2kzq   1/1   Running   0   5d   192.168.1.130   node-a   <none>   <none>\n" +
		"NAME     STATUS   ROLES    AGE   VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE   KERNEL-VERSION   CONTAINER-RUNTIME\n" +
		"node-a   Ready    <none>   9d    v1.30.2   192.168.1.11   <none>        Ubuntu     6.8.0            containerd://1.7\n"
	c := paste.ParseCluster(text)
	var overlap bool
	for _, f := range c.Findings() {
		overlap = overlap || f.Kind == paste.RangeOverlap
	}
	if !overlap {
		t.Errorf("pods in 192.168.1.0/24 beside nodes on 192.168.1.0/24 give no overlap finding: %+v", c.Findings())
	}
}

// TestClusterVPN pastes a cluster with the interfaces of a laptop whose
// VPN's range overlaps the pod network: the lab's scenario carries the
// VPN's range, and the overlap is a finding.
func TestClusterVPN(t *testing.T) {
	for _, tt := range []struct {
		name, ifaces string
		want         []string // the networks, "NAME PREFIX"
		overlap      bool
	}{
		{"ip -br addr", "$ ip -br addr\nlo               UNKNOWN        127.0.0.1/8 ::1/128\nwlp2s0           UP             192.168.50.23/24\ntun0             UNKNOWN        10.244.1.77/20 fe80::1:2/64\n",
			[]string{"tun0 10.244.0.0/20"}, true},
		{"ip addr, WireGuard", "$ ip addr show wg0\n7: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/none \n    inet 10.8.0.2/24 scope global wg0\n       valid_lft forever preferred_lft forever\n",
			[]string{"wg0 10.8.0.0/24"}, false},
		{"ifconfig, macOS", "utun4: flags=8051<UP,POINTOPOINT,RUNNING,MULTICAST> mtu 1380\n\tinet 10.100.0.9 --> 10.100.0.9 netmask 0xffff0000\n",
			[]string{"utun4 10.100.0.0/16"}, true},
		{"ipconfig, German", "Unbekannter Adapter OpenVPN Wintun:\r\n\r\n   Verbindungsspezifisches DNS-Suffix: \r\n   IPv4-Adresse  . . . . . . . . . . : 10.96.8.6\r\n   Subnetzmaske  . . . . . . . . . . : 255.255.252.0\r\n",
			[]string{"OpenVPN Wintun 10.96.8.0/22"}, true},
		{"no VPN", "$ ip -br addr\nlo               UNKNOWN        127.0.0.1/8\nenp3s0           UP             192.168.1.23/24\n", nil, false},
	} {
		r := paste.Classify(clusterPaste + tt.ifaces)
		if r.Kind != paste.KindCluster {
			t.Errorf("%s: Classify = %v; want cluster", tt.name, r.Kind)
			continue
		}
		var got []string
		for _, n := range r.Cluster.Networks {
			got = append(got, n.Name+" "+n.Prefix.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: networks %q; want %q", tt.name, got, tt.want)
		}
		frag, _ := strings.CutPrefix(r.Link, "/k8s#")
		doc, err := scenario.DecodeFragment(frag)
		if err != nil {
			t.Fatal(err)
		}
		s, err := k8s.DecodeScenario(doc.State)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(s.Networks) != len(tt.want) {
			t.Errorf("%s: the lab's networks %v; want %q", tt.name, s.Networks, tt.want)
		}
		overlap := false
		for _, f := range r.Findings {
			overlap = overlap || f.Kind == paste.RangeOverlap && len(tt.want) > 0 && strings.Contains(f.Message, strings.Fields(tt.want[0])[0])
		}
		if overlap != tt.overlap {
			t.Errorf("%s: an overlap with the VPN in the findings is %v; want %v: %+v", tt.name, overlap, tt.overlap, r.Findings)
		}
	}
}
