package k8s_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/k8s"
)

// TestAPIServer: the first address of the Service CIDR is the kubernetes
// Service's, whose endpoint is the API server on the first node's port
// 6443: reached from a pod or a node on 443, never from outside, where the
// node's address and 6443 work instead.
func TestAPIServer(t *testing.T) {
	tests := []struct {
		cidr, from, to string
		want           k8s.Verdict
		reason         string // in the last reason
	}{
		{"", "deploy:client", "10.96.0.1:443", k8s.Connected, "kube-apiserver-node-1"},
		{"", "node:node-2", "10.96.0.1:443", k8s.Connected, "192.168.1.11:6443"},
		{"", "outside", "10.96.0.1:443", k8s.TimedOut, "192.168.1.11:6443"},
		{"", "deploy:client", "10.96.0.1:80", k8s.TimedOut, "listens on port 443, not 80"},
		{"", "outside", "192.168.1.11:6443", k8s.Connected, "kube-apiserver-node-1"},
		{"", "deploy:client", "192.168.1.11:6443", k8s.Connected, "kube-apiserver-node-1"},
		{"", "outside", "192.168.1.12:6443", k8s.Refused, "nothing on node node-2 listens on port 6443"},
		{"10.43.0.0/16", "deploy:client", "10.43.0.1:443", k8s.Connected, "kube-apiserver-node-1"},
		{"10.43.0.0/16", "outside", "10.43.0.1:443", k8s.TimedOut, "kubernetes.default"},
		{"10.43.0.0/16", "deploy:client", "10.96.0.1:443", k8s.NoRoute, "nothing in this scenario has 10.96.0.1"}, // not this cluster's Service range
	}
	for _, tt := range tests {
		s := k8s.Scenario{V: k8s.Version,
			Nodes:       []k8s.Node{{Name: "node-1"}, {Name: "node-2"}},
			Deployments: []k8s.Deployment{{Name: "client", Replicas: 1}},
			Actions:     []k8s.Action{{Do: k8s.Connect, From: tt.from, To: tt.to}},
		}
		if tt.cidr != "" {
			s.ServiceCIDR = mustPrefix(t, tt.cidr)
			s.ClusterCIDR = mustPrefix(t, "10.42.0.0/16")
		}
		tr, err := k8s.Run(s)
		if err != nil {
			t.Fatalf("%s → %s: %v", tt.from, tt.to, err)
		}
		r := tr.Steps[0].Result
		last := r.Reasons[len(r.Reasons)-1]
		if r.Verdict != tt.want || !strings.Contains(last, tt.reason) {
			t.Errorf("%s (service CIDR %q) → %s = %v, %q; want %v and a reason with %q", tt.from, tt.cidr, tt.to, r.Verdict, r.Reasons, tt.want, tt.reason)
		}
	}
}

func mustPrefix(t *testing.T, s string) netip.Prefix {
	t.Helper()
	p, err := netip.ParsePrefix(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
