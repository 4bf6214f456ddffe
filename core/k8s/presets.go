package k8s

import "github.com/netground/netground/core/story"

// Preset is a ready-made scenario for one pitfall, told as a story: the
// lab opens it on the failing step and the person steps on to the fix.
type Preset = story.Preset[Scenario]

// Presets returns every preset, in the order the lab lists them.
func Presets() []Preset {
	return []Preset{
		{Name: "saved-pod-ip", Title: "It worked until the pod restarted", Lesson: "A pod's address belongs to that pod only; its replacement gets a new one. A client that saved the pod IP breaks.", Scenario: SavedPodIP(),
			Story: story.Story{Symptom: 3, Fixed: 4,
				Problem: "The client reached web at 10.244.1.2:8080; after a restart of the pod, the same address gives No route to host.",
				Cause:   "The client saved the pod's address. The restart replaced the pod, and its replacement got a new address from another node's range.",
				Fix:     "Connect to the Service (web:80): its name and ClusterIP stay while the pods behind it come and go."}},
		{Name: "service-name", Title: "Use the Service name", Lesson: "A Service's ClusterIP and DNS name stay while the pods behind it come and go; its endpoints are the ready pods it selects.", Scenario: ServiceName(),
			Story: story.Story{Symptom: 9, Fixed: 11,
				Problem: "The Service name that survived a restart and a failing readiness probe now gives connection refused.",
				Cause:   "The deployment was scaled to 0: the Service has no ready endpoints, so kube-proxy rejects every connection to it.",
				Fix:     "Give the Service ready pods again (scale up, or fix the readiness probe); the same name works at once."}},
		{Name: "nodeport", Title: "Reach a Service from outside the cluster", Lesson: "ClusterIPs and pod addresses exist only inside the cluster; a NodePort opens the Service on every node's address.", Scenario: NodePortOutside(),
			Story: story.Story{Symptom: 1, Fixed: 6,
				Problem: "A machine on the LAN times out connecting to the Service's ClusterIP, and the pod address and the Service name fail too.",
				Cause:   "ClusterIPs, pod addresses and cluster DNS names exist only inside the cluster; the LAN has no route to them and its resolver does not know them.",
				Fix:     "Make the Service a NodePort (or a LoadBalancer, or an Ingress) and connect to a node's address on that port — any node."}},
		{Name: "cidr-exhausted", Title: "Node has no pod CIDR", Lesson: "A /24 per node from a /22 cluster CIDR leaves room for four nodes; the fifth gets no range and runs no pods.", Scenario: CIDRExhausted(),
			Story: story.Story{Symptom: 1,
				Problem: "Scaling web up leaves pods Pending, though node-e runs nothing.",
				Cause:   "The cluster CIDR 10.244.0.0/22 holds four /24 node ranges: node-e got none (CIDRNotAvailable), so no pod can run there, and the other four nodes are full.",
				Fix:     "Build the cluster with a larger cluster CIDR (a /21 holds eight /24s) or a longer node mask (--node-cidr-mask-size 25); a running cluster's ranges cannot simply be changed, which the lab does not replay."}},
		{Name: "cidr-overlap", Title: "Pods unreachable over the VPN", Lesson: "A pod or Service CIDR that overlaps the LAN or a VPN makes addresses ambiguous.", Scenario: CIDROverlap(),
			Story: story.Story{Symptom: 1,
				Problem: "A pod cannot reach a machine on the office VPN, nor a database in the AWS VPC.",
				Cause:   "The cluster (pod) CIDR 10.0.0.0/16 holds the VPN's 10.0.8.0/22, and the Service CIDR 10.96.0.0/12 holds the VPC's 10.96.0.0/16: the cluster keeps those addresses for itself.",
				Fix:     "Choose pod and Service CIDRs that no network you reach uses (such as 100.64.0.0/16 and 10.200.0.0/16) when the cluster is built; the lab does not replay that."}},
	}
}

func twoNodes() []Node { return []Node{{Name: "node-a"}, {Name: "node-b"}} }

func webAndClient(replicas int) []Deployment {
	return []Deployment{
		{Name: "client", Replicas: 1, Port: 8000},
		{Name: "web", Replicas: replicas, Port: 8080},
	}
}

func webService() []Service {
	return []Service{{Name: "web", Selector: map[string]string{"app": "web"}, Port: 80, TargetPort: 8080}}
}

// SavedPodIP returns the preset of a client that saved a pod's address:
// it works until the pod is restarted.
func SavedPodIP() Scenario {
	return Scenario{V: Version, Nodes: twoNodes(), Deployments: webAndClient(1), Services: webService(),
		Actions: []Action{
			{Do: Connect, From: "deploy:client", To: "10.244.1.2:8080"},
			{Do: RestartPod, Pod: "web-1"},
			{Do: Connect, From: "deploy:client", To: "10.244.1.2:8080"},
			{Do: Connect, From: "deploy:client", To: "web:80"},
		}}
}

// ServiceName returns the preset of a client using the Service name while
// pods are restarted, scaled and marked not ready.
func ServiceName() Scenario {
	return Scenario{V: Version, Nodes: twoNodes(), Deployments: webAndClient(2), Services: webService(),
		Actions: []Action{
			{Do: Connect, From: "deploy:client", To: "web.default.svc.cluster.local:80"},
			{Do: Connect, From: "deploy:client", To: "web.default.svc.cluster.local:80"},
			{Do: RestartPod, Pod: "web-1"},
			{Do: Connect, From: "deploy:client", To: "web:80"},
			{Do: Unready, Pod: "web-2"},
			{Do: Connect, From: "deploy:client", To: "web:80"},
			{Do: Connect, From: "deploy:client", To: "web:80"},
			{Do: Scale, Deployment: "web", Replicas: 0},
			{Do: Connect, From: "deploy:client", To: "web:80"},
			{Do: Scale, Deployment: "web", Replicas: 3},
			{Do: Connect, From: "deploy:client", To: "web:80"},
		}}
}

// NodePortOutside returns the preset of reaching a Service from a machine
// on the LAN outside the cluster.
func NodePortOutside() Scenario {
	svc := webService()
	svc[0].Type, svc[0].NodePort = "NodePort", 30080
	return Scenario{V: Version, Nodes: twoNodes(), Deployments: webAndClient(1), Services: svc,
		Actions: []Action{
			{Do: Connect, From: "outside", To: "10.96.0.2:80"},
			{Do: Connect, From: "outside", To: "10.244.1.2:8080"},
			{Do: Connect, From: "outside", To: "web.default.svc.cluster.local:80"},
			{Do: Connect, From: "outside", To: "192.168.1.12:30081"},
			{Do: Connect, From: "outside", To: "192.168.1.11:30080"},
			{Do: Connect, From: "outside", To: "192.168.1.12:30080"},
		}}
}

// CIDRExhausted returns the preset of a cluster CIDR with room for fewer
// nodes than the cluster has: small nodes (the kubelet runs at most 8 pods
// each) fill up while the fifth, without a pod CIDR, stays empty.
func CIDRExhausted() Scenario {
	var nodes []Node
	for _, n := range []string{"node-a", "node-b", "node-c", "node-d", "node-e"} {
		nodes = append(nodes, Node{Name: n})
	}
	return Scenario{V: Version, ClusterCIDR: mustPrefix("10.244.0.0/22"), MaxPods: 8, Nodes: nodes,
		Deployments: []Deployment{{Name: "web", Replicas: 24, Port: 8080}},
		Actions:     []Action{{Do: Scale, Deployment: "web", Replicas: 36}}}
}

// CIDROverlap returns the preset of pod and Service CIDRs overlapping a
// VPN and a cloud VPC.
func CIDROverlap() Scenario {
	return Scenario{V: Version, ClusterCIDR: mustPrefix("10.0.0.0/16"), ServiceCIDR: mustPrefix("10.96.0.0/12"),
		Nodes: twoNodes(),
		Networks: []Network{
			{Name: "office VPN", Prefix: mustPrefix("10.0.8.0/22")},
			{Name: "AWS VPC", Prefix: mustPrefix("10.96.0.0/16")},
		},
		Deployments: []Deployment{{Name: "web", Replicas: 2, Port: 8080}},
		Actions: []Action{
			{Do: Connect, From: "deploy:web", To: "10.0.8.20:443"},
			{Do: Connect, From: "deploy:web", To: "10.96.0.50:5432"},
		},
	}
}
