package k8s_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/k8s"
)

func TestAddNetwork(t *testing.T) {
	base := k8s.Presets()[0].Scenario
	for _, tt := range []struct {
		name, prefix string
		want         string // the network added, "NAME PREFIX"; "" for an error
		errField     string
		finding      string // in Check's findings after it
	}{
		{"office VPN", "10.244.8.0/22", "office VPN 10.244.8.0/22", "", `the cluster (pod) CIDR 10.244.0.0/16 overlaps network "office VPN" 10.244.8.0/22`},
		{"", "10.8.0.6/24", "vpn 10.8.0.0/24", "", `network "vpn" 10.8.0.0/24 overlaps neither`},
		{"wg0", " 10.100.0.1 ", "wg0 10.100.0.1/32", "", `the Service CIDR 10.96.0.0/12 overlaps network "wg0" 10.100.0.1/32`},
		{"home", "192.168.1.0/24", "home 192.168.1.0/24", "", `the nodes' LAN 192.168.1.0/24 overlaps network "home" 192.168.1.0/24`},
		{"v6", "fd00:1::/48", "v6 fd00:1::/48", "", `network "v6" fd00:1::/48 overlaps neither`},
		{"vpn", "10.8.0.0/33", "", "networks[0].prefix", ""},
		{"vpn", "vpn.example.com", "", "networks[0].prefix", ""},
		{"vpn", "fe80::1%eth0", "", "networks[0].prefix", ""},
		{strings.Repeat("n", 65), "10.8.0.0/24", "", "networks[0].name", ""},
	} {
		s, err := base.AddNetwork(tt.name, tt.prefix)
		if tt.want == "" {
			var fe *field.Error
			if !errors.As(err, &fe) || fe.Field != tt.errField {
				t.Errorf("AddNetwork(%q, %q) = %v; want an error at %s", tt.name, tt.prefix, err, tt.errField)
			}
			if len(s.Networks) != len(base.Networks) {
				t.Errorf("AddNetwork(%q, %q) changed the scenario on error", tt.name, tt.prefix)
			}
			continue
		}
		if err != nil || len(s.Networks) != 1 {
			t.Errorf("AddNetwork(%q, %q) = %v, %v", tt.name, tt.prefix, s.Networks, err)
			continue
		}
		n := s.Networks[0]
		if got := n.Name + " " + n.Prefix.String(); got != tt.want {
			t.Errorf("AddNetwork(%q, %q) adds %q; want %q", tt.name, tt.prefix, got, tt.want)
		}
		var msgs []string
		for _, f := range k8s.Check(s) {
			msgs = append(msgs, f.Message)
		}
		if !strings.Contains(strings.Join(msgs, "\n"), tt.finding) {
			t.Errorf("Check after AddNetwork(%q, %q) = %q; want %q", tt.name, tt.prefix, msgs, tt.finding)
		}
		// The network goes with the scenario's JSON, and out again.
		b, err := s.Encode()
		if err != nil {
			t.Fatal(err)
		}
		back, err := k8s.DecodeScenario(b)
		if err != nil || len(back.Networks) != 1 || back.Networks[0] != n {
			t.Errorf("round trip of %+v = %+v, %v", n, back.Networks, err)
		}
		if r := back.RemoveNetwork(0); len(r.Networks) != 0 || len(back.Networks) != 1 {
			t.Errorf("RemoveNetwork(0) = %v, leaving %v", r.Networks, back.Networks)
		}
	}
	if base.Networks != nil {
		t.Errorf("AddNetwork changed the preset: %v", base.Networks)
	}
	s, _ := base.AddNetwork("a", "10.8.0.0/24")
	if _, err := s.AddNetwork("b", "10.8.0.0/24"); err == nil {
		t.Errorf("AddNetwork of the same prefix twice succeeded")
	}
	if r := s.RemoveNetwork(5); len(r.Networks) != 1 {
		t.Errorf("RemoveNetwork(5) of one network = %v", r.Networks)
	}
}
