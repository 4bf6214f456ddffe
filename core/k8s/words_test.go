package k8s_test

import (
	"net/netip"
	"regexp"
	"strings"
	"testing"

	"github.com/netground/netground/core/k8s"
)

// onePlural matches a count of one with a plural noun, such as "1 pods".
var onePlural = regexp.MustCompile(`(^|[^0-9.,/:])1 (pods|replicas|node ranges|pod addresses|endpoints|addresses)\b`)

// TestCountsAgree runs scenarios with one of everything and checks that
// every reason and finding says "1 pod", never "1 pods".
func TestCountsAgree(t *testing.T) {
	one := k8s.Scenario{V: k8s.Version, MaxPods: 1, NodeMaskSize: 30, ClusterCIDR: netip.MustParsePrefix("10.244.0.0/30"),
		Nodes:       []k8s.Node{{Name: "node-a"}, {Name: "node-b"}},
		Deployments: []k8s.Deployment{{Name: "web", Replicas: 1, Port: 8080, Labels: map[string]string{"app": "web"}}},
		Services:    []k8s.Service{{Name: "web", Selector: map[string]string{"app": "web"}, Port: 80, TargetPort: 8080}},
		Actions: []k8s.Action{
			{Do: k8s.Scale, Deployment: "web", Replicas: 2},
			{Do: k8s.Scale, Deployment: "web", Replicas: 1},
			{Do: k8s.Connect, From: "node:node-a", To: "web:80"},
		}}
	tests := []struct {
		s    k8s.Scenario
		want []string
	}{
		{one, []string{"wants 1 pod and has 0", "scaled from 2 to 1 replica", "fewer than 1 pod)", "holds 1 node range of /30", "at most 1 pod per node", "exhausted after 1 node range of /30"}},
		{k8s.Scenario{V: k8s.Version, NodeMaskSize: 30, Nodes: []k8s.Node{{Name: "node-a"}}}, []string{"a /30 node range has only 1 pod address, fewer than"}},
		{k8s.ServiceName(), []string{"scaled from 2 to 0 replicas"}},
	}
	for _, tt := range tests {
		var all []string
		for _, f := range k8s.Check(tt.s) {
			all = append(all, f.Message)
		}
		if tr, err := k8s.Run(tt.s); err != nil {
			t.Fatalf("Run: %v", err)
		} else {
			all = append(all, tr.Setup.Reasons...)
			for _, st := range tr.Steps {
				all = append(all, st.Result.Reasons...)
			}
		}
		text := strings.Join(all, "\n")
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("no reason or finding says %q in:\n%s", w, text)
			}
		}
		if m := onePlural.FindString(text); m != "" {
			t.Errorf("a reason or finding says %q in:\n%s", m, text)
		}
	}
}
