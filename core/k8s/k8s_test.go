package k8s_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/k8s"
)

func TestPresets(t *testing.T) {
	want := map[string][]k8s.Verdict{
		"saved-pod-ip":   {k8s.Connected, k8s.Done, k8s.NoRoute, k8s.Connected},
		"service-name":   {k8s.Connected, k8s.Connected, k8s.Done, k8s.Connected, k8s.Done, k8s.Connected, k8s.Connected, k8s.Done, k8s.Refused, k8s.Done, k8s.Connected},
		"nodeport":       {k8s.TimedOut, k8s.TimedOut, k8s.NotFound, k8s.Refused, k8s.Connected, k8s.Connected},
		"cidr-exhausted": {k8s.Pending},
		"cidr-overlap":   {k8s.NoRoute, k8s.TimedOut},
	}
	for _, p := range k8s.Presets() {
		data, _ := p.Scenario.Encode()
		s, err := k8s.DecodeScenario(data)
		if err != nil {
			t.Fatalf("preset %s: %v", p.Name, err)
		}
		tr, err := k8s.Run(s)
		if err != nil {
			t.Fatalf("preset %s: %v", p.Name, err)
		}
		w := want[p.Name]
		if len(w) != len(tr.Steps) {
			t.Fatalf("preset %s: %d steps, expectations for %d", p.Name, len(tr.Steps), len(w))
		}
		for i, st := range tr.Steps {
			if st.Result.Verdict != w[i] {
				t.Errorf("preset %s step %d (%v) = %v; want %v: %q", p.Name, i, st.Action.Do, st.Result.Verdict, w[i], st.Result.Reasons)
			}
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		s    k8s.Scenario
		want string
	}{
		{k8s.CIDRExhausted(), "node node-e gets no pod CIDR"},
		{k8s.CIDROverlap(), `overlaps network "office VPN" 10.0.8.0/22`},
		{k8s.Scenario{V: 1, ClusterCIDR: netip.MustParsePrefix("10.96.0.0/16"), Nodes: []k8s.Node{{Name: "n"}}}, "overlaps the Service CIDR 10.96.0.0/12: addresses in 10.96.0.0/16"},
		{k8s.Scenario{V: 1, NodeMaskSize: 26, Nodes: []k8s.Node{{Name: "n"}}}, "only 61 pod addresses"},
		{k8s.Scenario{V: 1, LAN: netip.MustParsePrefix("10.0.0.0/8"), Nodes: []k8s.Node{{Name: "n"}}}, "overlaps the nodes' LAN"},
	}
	for _, tt := range tests {
		var all []string
		for _, f := range k8s.Check(tt.s) {
			all = append(all, f.Message)
		}
		if !strings.Contains(strings.Join(all, "\n"), tt.want) {
			t.Errorf("Check(%+v) = %q; want a finding containing %q", tt.s, all, tt.want)
		}
	}
}

func randomScenario(rng *rand.Rand, actions int) k8s.Scenario {
	s := k8s.Scenario{V: 1, NodeMaskSize: 24 + rng.IntN(5), MaxPods: 1 + rng.IntN(20)}
	if rng.IntN(3) == 0 {
		s.ClusterCIDR = netip.MustParsePrefix("10.244.0.0/23")
	}
	for i := range 1 + rng.IntN(5) {
		s.Nodes = append(s.Nodes, k8s.Node{Name: fmt.Sprintf("node-%c", 'a'+i)})
	}
	for i := range 1 + rng.IntN(3) {
		s.Deployments = append(s.Deployments, k8s.Deployment{Name: fmt.Sprintf("d%d", i), Replicas: rng.IntN(6), Port: 8080,
			Labels: map[string]string{"app": fmt.Sprintf("a%d", rng.IntN(2))}, Namespace: []string{"", "prod"}[rng.IntN(2)]})
	}
	for i := range rng.IntN(3) {
		s.Services = append(s.Services, k8s.Service{Name: fmt.Sprintf("s%d", i), Selector: map[string]string{"app": fmt.Sprintf("a%d", rng.IntN(2))},
			Port: 80, TargetPort: []int{8080, 9090}[rng.IntN(2)], Type: []string{"", "NodePort"}[rng.IntN(2)], Namespace: []string{"", "prod"}[rng.IntN(2)]})
	}
	for range actions {
		d := s.Deployments[rng.IntN(len(s.Deployments))].Name
		pod := fmt.Sprintf("%s-%d", d, 1+rng.IntN(8))
		var a k8s.Action
		switch rng.IntN(7) {
		case 0:
			a = k8s.Action{Do: k8s.DeletePod, Pod: pod}
		case 1:
			a = k8s.Action{Do: k8s.RestartPod, Pod: pod}
		case 2:
			a = k8s.Action{Do: k8s.Scale, Deployment: d, Replicas: rng.IntN(12)}
		case 3:
			a = k8s.Action{Do: k8s.Unready, Pod: pod}
		case 4:
			a = k8s.Action{Do: k8s.Ready, Pod: pod}
		default:
			to := []string{"s0:80", "s1.prod:80", "s0.default.svc.cluster.local:80", "10.244.0.2:8080", "10.244.1.3:8080", "192.168.1.11:30000", "10.96.0.2:80"}[rng.IntN(7)]
			from := []string{"outside", "node:node-a", "deploy:" + d, "pod:" + pod}[rng.IntN(4)]
			a = k8s.Action{Do: k8s.Connect, From: from, To: to}
		}
		s.Actions = append(s.Actions, a)
	}
	return s
}

func TestProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	for n := range 300 {
		s := randomScenario(rng, 30)
		tr, err := k8s.Run(s)
		if err != nil {
			t.Fatalf("scenario %d: %v", n, err)
		}
		states := []k8s.State{tr.Initial}
		for _, st := range tr.Steps {
			states = append(states, st.State)
		}
		for i, st := range states {
			nodes := st.Nodes()
			seen := map[netip.Addr]string{}
			ready := map[string]k8s.Pod{}
			for _, p := range st.Pods() {
				if p.Node == "" {
					continue
				}
				if other, dup := seen[p.IP]; dup {
					t.Fatalf("scenario %d state %d: pods %s and %s share %v", n, i, other, p.Name, p.IP)
				}
				seen[p.IP] = p.Name
				j := slices.IndexFunc(nodes, func(ns k8s.NodeState) bool { return ns.Name == p.Node })
				r := nodes[j].PodCIDR
				if !r.Contains(p.IP) || p.IP == r.Addr() || p.IP == r.Addr().Next() || !r.Contains(p.IP.Next()) {
					t.Fatalf("scenario %d state %d: pod %s has %v, not a pod address of %s's %v", n, i, p.Name, p.IP, p.Node, r)
				}
				if p.Ready {
					ready[p.Name] = p
				}
			}
			for _, ns := range nodes {
				if ns.Pods > ns.Capacity {
					t.Fatalf("scenario %d state %d: node %s runs %d pods, capacity %d", n, i, ns.Name, ns.Pods, ns.Capacity)
				}
			}
			// Endpoints are exactly the ready pods the selector matches.
			for k, sv := range st.Services() {
				spec := s.Services[k]
				var want []string
				for _, p := range ready {
					d := s.Deployments[slices.IndexFunc(s.Deployments, func(d k8s.Deployment) bool { return d.Name == p.Deployment })]
					if p.Namespace == sv.Namespace && d.Labels["app"] == spec.Selector["app"] {
						want = append(want, p.Name)
					}
				}
				got := slices.Clone(sv.Pods)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("scenario %d state %d: Service %s endpoints %v; want the ready pods %v", n, i, sv.Name, got, want)
				}
			}
		}
		for i, st := range tr.Steps {
			r := st.Result
			if st.Action.Do == k8s.Connect && r.Verdict == k8s.Connected {
				p := states[i].Pods()
				j := slices.IndexFunc(p, func(p k8s.Pod) bool { return p.Name == r.Pod })
				if j < 0 || p[j].IP != r.PodIP {
					t.Fatalf("scenario %d step %d: connected to %s at %v, which is not a pod of the state", n, i, r.Pod, r.PodIP)
				}
			}
		}
	}
}

func TestAddressesNotReused(t *testing.T) {
	s := k8s.Scenario{V: 1, Nodes: []k8s.Node{{Name: "only"}}, Deployments: []k8s.Deployment{{Name: "web", Replicas: 1, Port: 80}}}
	for i := 1; i <= 5; i++ {
		s.Actions = append(s.Actions, k8s.Action{Do: k8s.DeletePod, Pod: fmt.Sprintf("web-%d", i)})
	}
	tr, err := k8s.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range tr.Steps {
		got := st.State.Pods()[0].IP
		want := netip.AddrFrom4([4]byte{10, 244, 0, byte(3 + i)})
		if got != want {
			t.Errorf("after %d deletions the pod has %v; want %v (host-local moves on)", i+1, got, want)
		}
	}
}

func TestValidateErrors(t *testing.T) {
	tests := []struct{ json, want string }{
		{`{"v":1,"nodes":[]}`, "nodes: a cluster needs at least one node"},
		{`{"v":1,"nodes":[{"name":"A"}]}`, `nodes[0].name: "A" is not a DNS label`},
		{`{"v":1,"nodes":[{"name":"a"}],"deployments":[{"name":"w","replicas":2000}]}`, "deployments[0].replicas: 2000 is out of range 0–1000"},
		{`{"v":1,"nodes":[{"name":"a"}],"services":[{"name":"s","selector":{"app":"w"},"port":80,"type":"NodePort","nodePort":80}]}`, "services[0].nodePort: 80 is outside the node port range 30000–32767"},
		{`{"v":1,"clusterCIDR":"10.244.1.0/16","nodes":[{"name":"a"}]}`, "clusterCIDR: 10.244.1.0/16 has host bits set"},
		{`{"v":1,"nodeMaskSize":8,"nodes":[{"name":"a"}]}`, "nodeMaskSize: /8 must be between"},
		{`{"v":1,"nodes":[{"name":"a"}],"actions":[{"do":"connect","from":"moon","to":"x:80"}]}`, `actions[0].from: "moon"`},
		{`{"v":1,"nodes":[{"name":"a"}],"actions":[{"do":"connect","from":"outside","to":"x:99999"}]}`, "actions[0].to:"},
		{`{"v":1,"nodes":[{"name":"a"}],"extra":true}`, `unknown field "extra"`},
	}
	for _, tt := range tests {
		_, err := k8s.DecodeScenario([]byte(tt.json))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DecodeScenario(%s) = %v; want an error containing %q", tt.json, err, tt.want)
		}
	}
}

func FuzzDecodeScenario(f *testing.F) {
	for _, p := range k8s.Presets() {
		data, _ := p.Scenario.Encode()
		f.Add(data)
	}
	f.Add([]byte(`{"v":1,"nodes":[{"name":"a"}],"deployments":[{"name":"w","replicas":1000}],"actions":[{"do":"scale","deployment":"w","replicas":0},{"do":"scale","deployment":"w","replicas":1000}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := k8s.DecodeScenario(data)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.HasSuffix(msg, ".") {
				t.Fatalf("error %q", msg)
			}
			return
		}
		enc, _ := s.Encode()
		s2, err := k8s.DecodeScenario(enc)
		if err != nil {
			t.Fatalf("re-decode of %s: %v", enc, err)
		}
		enc2, _ := s2.Encode()
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("round trip changed:\n%s\n%s", enc, enc2)
		}
		if _, err := k8s.Run(s); err != nil {
			t.Fatalf("Run of a valid scenario: %v", err)
		}
		k8s.Check(s)
	})
}

func FuzzRun(f *testing.F) {
	f.Add(uint64(1), uint8(50))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		s := randomScenario(rand.New(rand.NewPCG(seed, ^seed)), int(n))
		if _, err := k8s.Run(s); err != nil {
			t.Fatalf("Run: %v", err)
		}
	})
}

func BenchmarkRun1000(b *testing.B) {
	s := k8s.Scenario{V: 1, Nodes: []k8s.Node{{Name: "a"}, {Name: "b"}, {Name: "c"}},
		Deployments: []k8s.Deployment{{Name: "web", Replicas: 300, Port: 80}},
		Services:    []k8s.Service{{Name: "web", Selector: map[string]string{"app": "web"}, Port: 80}}}
	for i := range k8s.MaxActions {
		switch i % 4 {
		case 0:
			s.Actions = append(s.Actions, k8s.Action{Do: k8s.RestartPod, Pod: fmt.Sprintf("web-%d", 1+i/4)})
		case 1:
			s.Actions = append(s.Actions, k8s.Action{Do: k8s.Scale, Deployment: "web", Replicas: 250 + i%50})
		default:
			s.Actions = append(s.Actions, k8s.Action{Do: k8s.Connect, From: "node:a", To: "10.96.0.2:80"})
		}
	}
	for b.Loop() {
		if _, err := k8s.Run(s); err != nil {
			b.Fatal(err)
		}
	}
}
