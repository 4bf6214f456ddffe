package bind_test

import (
	"testing"

	"github.com/netground/netground/core/bind"
)

func TestPublish(t *testing.T) {
	tests := []struct {
		os      bind.OS
		publish bind.Port
		inner   bind.Socket // in container "web"
		fw      bool
		from    bind.Vantage
		to      string
		port    int
		want    bind.Verdict
		process string
	}{
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromHost, "127.0.0.1", 8080, bind.Connected, "app"},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromHost, "::1", 8080, bind.Connected, "app"},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromLAN, "192.168.1.10", 8080, bind.Connected, "app"},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(lo4, 80), false, bind.FromLAN, "192.168.1.10", 8080, bind.Refused, ""},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(lo4, 80), false, bind.FromHost, "127.0.0.1", 8080, bind.Reset, ""}, // docker-proxy accepted first
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(lo4, 80), false, bind.FromContainer("web"), "127.0.0.1", 80, bind.Connected, "app"},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromContainer("other"), "127.0.0.1", 8080, bind.Refused, ""},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromContainer("other"), "172.17.0.2", 80, bind.Connected, "app"},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromContainer("other"), "172.17.0.1", 8080, bind.Connected, "app"},
		{bind.Linux, bind.Port{Addr: lo4, HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromHost, "127.0.0.1", 8080, bind.Connected, "app"},
		{bind.Linux, bind.Port{Addr: lo4, HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromLAN, "192.168.1.10", 8080, bind.Refused, ""},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), true, bind.FromLAN, "192.168.1.10", 8080, bind.Connected, "app"}, // DNAT before INPUT
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), true, bind.FromLAN, "192.168.1.10", 9999, bind.TimedOut, ""},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromLAN, "172.17.0.2", 80, bind.TimedOut, ""},
		{bind.Linux, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromInternet, "203.0.113.1", 8080, bind.TimedOut, ""},
		{bind.MacOS, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromHost, "127.0.0.1", 8080, bind.Connected, "app"},
		{bind.MacOS, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), true, bind.FromLAN, "192.168.1.10", 8080, bind.TimedOut, ""}, // no iptables DNAT on the Mac
		{bind.MacOS, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromHost, "172.17.0.2", 80, bind.NoRoute, ""},
		{bind.Windows, bind.Port{HostPort: 8080, Port: 80}, sock(any4, 80), false, bind.FromHost, "172.17.0.2", 80, bind.NoRoute, ""},
	}
	for _, tt := range tests {
		tt.publish.Container = "web"
		inner := tt.inner
		inner.In, inner.Process = "web", "app"
		s := bind.Scenario{V: bind.Version, OS: tt.os,
			Host:       bind.Host{Firewall: bind.Firewall{On: tt.fw, Allow: []int{22}}},
			Containers: []bind.Container{{Name: "web"}, {Name: "other"}},
			Sockets:    []bind.Socket{inner},
			Publish:    []bind.Port{tt.publish},
			Actions:    []bind.Action{{Do: bind.Connect, From: tt.from, To: tt.to, Socket: bind.Socket{Port: tt.port}}}}
		tr, err := bind.Run(s)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		for i, r := range tr.Setup {
			if r.Verdict != bind.OK {
				t.Fatalf("setup %d: %v %q", i, r.Verdict, r.Reasons)
			}
		}
		r := tr.Steps[0].Result
		if r.Verdict != tt.want || r.Process != tt.process {
			t.Errorf("%v -p %+v, %v listening on %v: connect %v → %s:%d = %v %q; want %v %q\n%q", tt.os, tt.publish, inner.Process, inner.Addr, tt.from, tt.to, tt.port, r.Verdict, r.Process, tt.want, tt.process, r.Reasons)
		}
		if len(r.Reasons) < 2 {
			t.Errorf("connect %v → %s:%d: want a chain of reasons, got %q", tt.from, tt.to, tt.port, r.Reasons)
		}
	}
}

func TestPublishConflict(t *testing.T) {
	s := bind.Scenario{V: bind.Version,
		Containers: []bind.Container{{Name: "web"}},
		Sockets:    []bind.Socket{{Process: "dev", Addr: any4, Port: 8080}},
		Actions: []bind.Action{
			{Do: bind.Publish, Publish: &bind.Port{Container: "web", HostPort: 8080, Port: 80}},
			{Do: bind.Publish, Publish: &bind.Port{Container: "web", Addr: lan, HostPort: 8081, Port: 80}},
			{Do: bind.Listen, Socket: sock(lo4, 8081)},
			{Do: bind.Listen, Socket: sock(lan, 8081)},
		}}
	tr, err := bind.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	want := []bind.Verdict{bind.AddrInUse, bind.OK, bind.OK, bind.AddrInUse}
	for i, st := range tr.Steps {
		if st.Result.Verdict != want[i] {
			t.Errorf("step %d (%v) = %v; want %v: %q", i, st.Action.Do, st.Result.Verdict, want[i], st.Result.Reasons)
		}
	}
}
