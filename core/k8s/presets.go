package k8s

// Preset is a ready-made scenario for one lesson.
type Preset struct {
	Name     string   `json:"name"`  // short, for URLs: "saved-pod-ip"
	Title    string   `json:"title"` // the symptom, as people search for it
	Lesson   string   `json:"lesson"`
	Scenario Scenario `json:"scenario"`
}

// Presets returns every preset, in the order the lab lists them.
func Presets() []Preset {
	return []Preset{
		{"saved-pod-ip", "It worked until the pod restarted", "A pod's address belongs to that pod only; its replacement gets a new one. A client that saved the pod IP breaks.", SavedPodIP()},
		{"service-name", "Use the Service name", "A Service's ClusterIP and DNS name stay while the pods behind it come and go; its endpoints are the ready pods it selects.", ServiceName()},
		{"nodeport", "Reach a Service from outside the cluster", "ClusterIPs and pod addresses exist only inside the cluster; a NodePort opens the Service on every node's address.", NodePortOutside()},
		{"cidr-exhausted", "Node has no pod CIDR", "A /24 per node from a /22 cluster CIDR leaves room for four nodes; the fifth gets no range and runs no pods.", CIDRExhausted()},
		{"cidr-overlap", "Pods unreachable over the VPN", "A pod or Service CIDR that overlaps the LAN or a VPN makes addresses ambiguous.", CIDROverlap()},
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
			{Do: Connect, From: "outside", To: "192.168.1.11:30080"},
			{Do: Connect, From: "outside", To: "192.168.1.12:30080"},
			{Do: Connect, From: "outside", To: "192.168.1.12:30081"},
		}}
}

// CIDRExhausted returns the preset of a cluster CIDR with room for fewer
// nodes than the cluster has.
func CIDRExhausted() Scenario {
	var nodes []Node
	for _, n := range []string{"node-a", "node-b", "node-c", "node-d", "node-e"} {
		nodes = append(nodes, Node{Name: n})
	}
	return Scenario{V: Version, ClusterCIDR: mustPrefix("10.244.0.0/22"), Nodes: nodes,
		Deployments: []Deployment{{Name: "web", Replicas: 10, Port: 8080}},
		Actions:     []Action{{Do: Scale, Deployment: "web", Replicas: 12}}}
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
	}
}
