package bind_test

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/field"
)

func TestValidateFieldError(t *testing.T) {
	tests := []struct {
		s     bind.Scenario
		field string
		want  string
	}{
		{bind.Scenario{V: 2}, "v", "v: version 2 is not supported; want 1"},
		{bind.Scenario{V: 1, Containers: []bind.Container{{Name: "web"}, {Name: "web"}}}, "containers[1].name", `containers[1].name: "web" is already the name of another container`},
		{bind.Scenario{V: 1, Sockets: []bind.Socket{{Addr: netip.MustParseAddr("0.0.0.0"), Port: 70000}}}, "sockets[0].port", "sockets[0].port: port 70000 is out of range 0–65535"},
		{bind.Scenario{V: 1, Actions: []bind.Action{{Do: bind.Connect, From: bind.FromHost, To: "nowhere", Socket: bind.Socket{Port: 80}}}}, "actions[0].to", `actions[0].to: "nowhere" is neither an IP address nor localhost`},
		{bind.Scenario{V: 1, Actions: []bind.Action{{Do: bind.Publish, Publish: &bind.Port{Container: "db", Port: 5432}}}}, "actions[0].publish.container", `actions[0].publish.container: no container named "db"`},
	}
	for _, tt := range tests {
		err := tt.s.Validate()
		var fe *field.Error
		if !errors.As(err, &fe) || fe.Field != tt.field || err.Error() != tt.want {
			t.Errorf("(%+v).Validate() = %v (%T); want *field.Error naming %s: %s", tt.s, err, err, tt.field, tt.want)
		}
	}
}

func TestSocketOptions(t *testing.T) {
	for _, tt := range []struct {
		s    bind.Socket
		want string
	}{
		{bind.Socket{}, ""},
		{bind.Socket{ReuseAddr: true}, "SO_REUSEADDR"},
		{bind.Socket{ReuseAddr: true, ReusePort: true, V6Only: bind.On}, "SO_REUSEADDR,SO_REUSEPORT,IPV6_V6ONLY on"},
		{bind.Socket{ExclusiveAddrUse: true, V6Only: bind.Off}, "SO_EXCLUSIVEADDRUSE,IPV6_V6ONLY off"},
		{bind.Socket{Privileged: true, User: "www"}, ""}, // who runs it is not an option
	} {
		if got := strings.Join(tt.s.Options(), ","); got != tt.want {
			t.Errorf("%+v.Options() = %q, want %q", tt.s, got, tt.want)
		}
	}
}
