package practice

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strconv"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/k8s"
)

var k8sChoices = []verdictChoice[k8s.Verdict]{
	{k8s.Connected, "it connects"},
	{k8s.Refused, "connection refused"},
	{k8s.TimedOut, "it times out (no answer)"},
	{k8s.NotFound, "the name does not resolve"},
	{k8s.NoRoute, "no route to the address"},
}

// k8sScenario is a cluster of n nodes running a client and a web
// deployment of replicas pods behind the Service web.
func k8sScenario(nodes, replicas int, actions ...k8s.Action) k8s.Scenario {
	s := k8s.Scenario{V: k8s.Version,
		Deployments: []k8s.Deployment{{Name: "client", Replicas: 1, Port: 8000}, {Name: "web", Replicas: replicas, Port: 8080}},
		Services:    []k8s.Service{{Name: "web", Selector: map[string]string{"app": "web"}, Port: 80, TargetPort: 8080}},
		Actions:     actions,
	}
	for i := range nodes {
		s.Nodes = append(s.Nodes, k8s.Node{Name: "node-" + string(rune('a'+i))})
	}
	return s
}

func runK8s(s k8s.Scenario) k8s.Trace {
	tr, err := k8s.Run(s)
	if err != nil {
		panic("practice: k8s scenario: " + err.Error())
	}
	return tr
}

func podLines(st k8s.State) []string {
	var out []string
	for _, p := range st.Pods() {
		if p.Deployment == "web" {
			out = append(out, fmt.Sprintf("pod %s on %s: %s", p.Name, p.Node, p.IP))
		}
	}
	return out
}

func webPods(st k8s.State) []k8s.Pod {
	var out []k8s.Pod
	for _, p := range st.Pods() {
		if p.Deployment == "web" && p.IP.IsValid() {
			out = append(out, p)
		}
	}
	return out
}

func genK8s(r *rand.Rand, level int) Question {
	switch level {
	case 1:
		return k8sReplacement(r, level)
	case 2:
		if r.IntN(3) == 0 {
			return k8sReplacement(r, level)
		}
		return k8sConnect(r, level)
	}
	switch r.IntN(3) {
	case 0:
		return k8sPodCIDR(r)
	case 1:
		return k8sConnect(r, level)
	}
	return k8sReplacement(r, level)
}

func k8sReplacement(r *rand.Rand, level int) Question {
	nodes, replicas := 1+r.IntN(2), 1+r.IntN(3)
	if level == 1 {
		nodes = 1
	}
	initial := runK8s(k8sScenario(nodes, replicas)).Initial
	pods := webPods(initial)
	victim := pick(r, pods)
	kind := pick(r, []k8s.Kind{k8s.DeletePod, k8s.RestartPod})
	s := k8sScenario(nodes, replicas, k8s.Action{Do: kind, Pod: victim.Name})
	tr := runK8s(s)
	res := tr.Steps[0].Result
	verb := map[k8s.Kind]string{k8s.DeletePod: "is deleted (kubectl delete pod); its ReplicaSet creates a replacement", k8s.RestartPod: "is replaced by kubectl rollout restart"}[kind]
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("The web deployment runs these pods. The pod %s %s. Which address does the new pod %s get?", victim.Name, verb, res.Pod),
		Given:  podLines(initial),
		Format: "an address, like 10.244.0.7",
		Answer: res.PodIP.String(),
		check: checkAddr(res.PodIP, func(a netip.Addr) string {
			if a == victim.IP {
				return "that was the old pod's address: host-local IPAM hands out the next free address after the last one it gave, and reuses a released one only when the range wraps around"
			}
			for _, p := range pods {
				if p.IP == a {
					return "that address belongs to the running pod " + p.Name
				}
			}
			return ""
		}),
		Steps: append([]string{
			"Each node gets its own pod CIDR from the cluster CIDR, and host-local IPAM on the node hands out addresses from .2 up, each time the next free one after the last it gave.",
			"A deleted pod's address is released but not reused until the range wraps around, so the replacement gets a new address: a pod's address belongs to that pod only.",
		}, res.Reasons...),
	}
	q.verify = func() error {
		again := runK8s(s).Steps[0].Result
		if again.PodIP != res.PodIP || res.PodIP == victim.IP {
			return fmt.Errorf("replay gives %s, first %s, old %s", again.PodIP, res.PodIP, victim.IP)
		}
		return nil
	}
	return q
}

func k8sConnect(r *rand.Rand, level int) Question {
	nodes, replicas := 1+r.IntN(2), 1+r.IntN(2)
	initial := runK8s(k8sScenario(nodes, replicas)).Initial
	pods := webPods(initial)
	victim := pick(r, pods)
	svc := initial.Services()[0]
	var change []k8s.Action
	var story string
	switch r.IntN(map[bool]int{true: 4, false: 2}[level >= 3]) {
	case 0:
		change = []k8s.Action{{Do: k8s.RestartPod, Pod: victim.Name}}
		story = "The pod " + victim.Name + " is restarted with kubectl rollout restart."
	case 1:
		change = []k8s.Action{{Do: k8s.DeletePod, Pod: victim.Name}}
		story = "The pod " + victim.Name + " is deleted; its ReplicaSet replaces it."
	case 2:
		change = []k8s.Action{{Do: k8s.Scale, Deployment: "web", Replicas: 0}}
		story = "The web deployment is scaled to 0 replicas."
	default:
		for _, p := range pods {
			change = append(change, k8s.Action{Do: k8s.Unready, Pod: p.Name})
		}
		story = "Every web pod's readiness probe starts failing."
	}
	targets := []string{
		netip.AddrPortFrom(victim.IP, 8080).String(),
		"web:80",
		"web.default.svc.cluster.local:80",
		netip.AddrPortFrom(svc.ClusterIP, 80).String(),
	}
	to := pick(r, targets)
	from := "deploy:client"
	fromText := "The client pod"
	if level >= 3 && r.IntN(3) == 0 {
		from, fromText = "outside", "A machine on the LAN outside the cluster"
	}
	s := k8sScenario(nodes, replicas, append(change, k8s.Action{Do: k8s.Connect, From: from, To: to})...)
	tr := runK8s(s)
	res := tr.Steps[len(tr.Steps)-1].Result
	choices, right, why := outcomeChoices(k8sChoices, res.Verdict, "the connection ends as "+res.Verdict.String()+": "+lastK8sReason(res))
	q := choiceQ(fmt.Sprintf("The web deployment runs these pods behind the Service web (ClusterIP %s, port 80 → 8080). %s Then: %s connects to %s. What happens?", svc.ClusterIP, story, fromText, to), choices, right, why)
	q.Given = podLines(initial)
	q.Steps = append([]string{
		"A pod's address belongs to that pod only: its replacement gets a new one. A Service keeps its ClusterIP and DNS name, and sends connections to the ready pods it selects.",
	}, res.Reasons...)
	q.verify = func() error {
		again := runK8s(s)
		if v := again.Steps[len(again.Steps)-1].Result.Verdict; v != res.Verdict {
			return fmt.Errorf("replay %s, first %s", v, res.Verdict)
		}
		return nil
	}
	return q
}

func lastK8sReason(res k8s.Result) string {
	if len(res.Reasons) == 0 {
		return ""
	}
	s := res.Reasons[len(res.Reasons)-1]
	if len(s) > 0 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

func k8sPodCIDR(r *rand.Rand) Question {
	cluster := netip.PrefixFrom(v4(10, pick(r, []int{42, 244, 100, 200}), 0, 0), pick(r, []int{16, 18, 20})).Masked()
	mask := pick(r, []int{22, 23, 24, 25, 26})
	n := 2 + r.IntN(4)
	s := k8sScenario(n, 1)
	s.ClusterCIDR, s.NodeMaskSize = cluster, mask
	tr := runK8s(s)
	nodes := tr.Initial.Nodes()
	var valid []int
	for j, nd := range nodes {
		if nd.PodCIDR.IsValid() {
			valid = append(valid, j)
		}
	}
	i := pick(r, valid)
	want := nodes[i].PodCIDR
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("A cluster has the cluster CIDR %s and gives each node a /%d (--node-cidr-mask-size=%d). Nodes join in this order: %s. Which pod CIDR does %s get?", cluster, mask, mask, nodeNames(nodes), nodes[i].Name),
		Format: "a subnet, like 10.244.3.0/24",
		Answer: want.String(),
		check:  checkPrefix(want),
		Steps: []string{
			"kube-controller-manager's range allocator hands out the node ranges in order: node number i (from 0) gets the i-th /" + strconv.Itoa(mask) + " of the cluster CIDR.",
			fmt.Sprintf("%s is node number %d (from 0): %s.", nodes[i].Name, i, want),
			fmt.Sprintf("Each /%d holds %d addresses; its pods get .2 upwards (.1 is the node's bridge), up to %s (kubelet --max-pods).", mask, 1<<(32-mask), field.Count(nodes[i].Capacity, "pod", "pods")),
		},
	}
	q.verify = func() error {
		if got := lastSubAt(cluster, mask, i); got != want {
			return fmt.Errorf("model %s, engine %s", got, want)
		}
		return nil
	}
	return q
}

func nodeNames(nodes []k8s.NodeState) string {
	s := ""
	for i, n := range nodes {
		if i > 0 {
			s += ", "
		}
		s += n.Name
	}
	return s
}

// lastSubAt returns subnet i of length bits in p by address arithmetic.
func lastSubAt(p netip.Prefix, bits, i int) netip.Prefix {
	return netip.PrefixFrom(addOffset(p.Addr(), uint64(i)<<(32-bits)), bits)
}
