package k8s_test

import (
	"errors"
	"testing"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/k8s"
)

func TestValidateFieldError(t *testing.T) {
	node := []k8s.Node{{Name: "node-1"}}
	tests := []struct {
		s     k8s.Scenario
		field string
		want  string
	}{
		{k8s.Scenario{V: 1}, "nodes", "nodes: a cluster needs at least one node"},
		{k8s.Scenario{V: 1, Nodes: []k8s.Node{{Name: "Node_1"}}}, "nodes[0].name", `nodes[0].name: "Node_1" is not a DNS label: use lowercase letters, digits and '-', starting and ending with a letter or digit (RFC 1123)`},
		{k8s.Scenario{V: 1, Nodes: node, Actions: []k8s.Action{{Do: k8s.Scale, Deployment: "web", Replicas: 2}}}, "actions[0].deployment", `actions[0].deployment: no deployment named "web"`},
		{k8s.Scenario{V: 1, Nodes: node, Actions: []k8s.Action{{Do: k8s.Connect, From: "outside", To: "web"}}}, "actions[0].to", `actions[0].to: "web": want HOST:PORT, such as web.default.svc.cluster.local:80 or 10.244.1.5:8080`},
	}
	for _, tt := range tests {
		err := tt.s.Validate()
		var fe *field.Error
		if !errors.As(err, &fe) || fe.Field != tt.field || err.Error() != tt.want {
			t.Errorf("(%+v).Validate() = %v (%T); want *field.Error naming %s: %s", tt.s, err, err, tt.field, tt.want)
		}
	}
}
