package nat_test

import (
	"errors"
	"testing"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/nat"
)

func TestDecodeScenarioFieldError(t *testing.T) {
	tests := []struct {
		json, field string
	}{
		{`{"devices":[{"name":"a","addr":"10.0.0.300"}]}`, "devices[0].addr"},
		{`{"nats":[{"name":"r","lan":"192.168.1.0/24","wan":["203.0.113.1"],"behavior":{"mapping":"odd"}}]}`, "nats[0].behavior.mapping"},
		{`{"devices":[{"name":"a","addr":"1.2.3.4"}],"steps":[{"kind":"send","from":"b","proto":"udp","srcPort":1,"to":"1.2.3.4:80"}]}`, "steps[0].from"},
	}
	for _, tt := range tests {
		_, err := nat.DecodeScenario([]byte(tt.json))
		var fe *field.Error
		if !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("DecodeScenario(%s) = %v (%T); want a *field.Error naming %s", tt.json, err, err, tt.field)
		}
	}
}
