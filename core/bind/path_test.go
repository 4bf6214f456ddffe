package bind

import (
	"net/netip"
	"strings"
	"testing"
)

// kinds lists a path's hop kinds, "host>proxy>container".
func kinds(p []Hop) string {
	k := make([]string, len(p))
	for i, h := range p {
		k[i] = h.Kind
	}
	return strings.Join(k, ">")
}

// TestPresetSymptomPaths checks the path and the stop of every preset's
// symptom step: where the attempt starts, where it ends, and why.
func TestPresetSymptomPaths(t *testing.T) {
	tests := []struct {
		preset  string
		verdict Verdict
		path    string
		dst     string // the first hop's address
		stop    string
	}{
		{"container-loopback", Reset, "host>host>proxy>container", "127.0.0.1:8080", "nothing listens on 172.17.0.2:80 in container web, so docker-proxy resets the client's connection"},
		{"address-in-use", AddrInUse, "host", "127.0.0.1:8080", "api already holds tcp 0.0.0.0:8080"},
		{"localhost-ipv6", Refused, "host>host", "[::1]:5173", "nothing listens on [::1]:5173 on the host"},
		{"privileged-port", Access, "host", "0.0.0.0:80", "port 80 is below 1024 and web does not run as root"},
		{"ephemeral-port", Refused, "host>host", "127.0.0.1:8080", "nothing listens on 127.0.0.1:8080 on the host"},
		{"time-wait", AddrInUse, "host", "0.0.0.0:8080", "connections old-server closed still hold tcp 0.0.0.0:8080 in TIME_WAIT"},
		{"reuseport", AddrInUse, "host", "0.0.0.0:8080", "worker-1 already holds tcp 0.0.0.0:8080"},
		{"windows-specific-bind", Access, "host", "127.0.0.1:5150", "service already holds tcp 0.0.0.0:5150"},
		{"nat-inbound", TimedOut, "internet>router", "203.0.113.1:25565", "the router drops it: no mapping and no port forward for 203.0.113.1:25565, so the client times out"},
	}
	presets := map[string]Preset{}
	for _, p := range Presets() {
		presets[p.Name] = p
	}
	if len(tests) != len(presets) {
		t.Errorf("%d presets, %d tested", len(presets), len(tests))
	}
	for _, tt := range tests {
		p, ok := presets[tt.preset]
		if !ok {
			t.Errorf("no preset %q", tt.preset)
			continue
		}
		tr, err := Run(p.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		r := tr.Steps[p.Story.Symptom-1].Result
		if r.Verdict != tt.verdict || kinds(r.Path) != tt.path || r.Stop != tt.stop {
			t.Errorf("%s at step %d: %s, path %s, stop %q; want %s, %s, %q", tt.preset, p.Story.Symptom, r.Verdict, kinds(r.Path), r.Stop, tt.verdict, tt.path, tt.stop)
			continue
		}
		if got := r.Path[0].Dst.String(); got != tt.dst {
			t.Errorf("%s: the path starts at %s; want %s", tt.preset, got, tt.dst)
		}
	}
}

// TestConnectPaths checks the places a connection passes for each kind
// of destination.
func TestConnectPaths(t *testing.T) {
	s := Scenario{V: Version,
		Containers: []Container{{Name: "web"}, {Name: "db"}},
		Sockets:    []Socket{{Process: "flask", In: "web", Addr: lo4, Port: 80}, {Process: "pg", In: "db", Addr: any4, Port: 5432}},
		Publish:    []Port{{Container: "web", HostPort: 8080, Port: 80}},
		Host:       Host{Router: Router{Forwards: []Forward{{Port: 443, To: 8080}}}},
	}
	tr, err := Run(s)
	if err != nil {
		t.Fatal(err)
	}
	st := tr.Initial
	tests := []struct {
		from    Vantage
		to      string
		port    uint16
		verdict Verdict
		path    string
		last    string // the last hop's name and address
		stop    string
	}{
		{FromContainer("web"), "127.0.0.1", 80, Connected, "container>container", "container web 127.0.0.1:80", "flask accepts it on 127.0.0.1:80 in container web"},
		{FromContainer("web"), "172.17.0.3", 5432, Connected, "container>container", "container db 172.17.0.3:5432", "pg accepts it on 0.0.0.0:5432 in container db"},
		{FromContainer("web"), "172.17.0.1", 22, Refused, "container>host", "the host 172.17.0.1:22", "nothing listens on 172.17.0.1:22 on the host"},
		{FromHost, "172.17.0.9", 80, NoRoute, "host", "a process on the host 172.17.0.9:80", "no container has 172.17.0.9 on docker0: no route to host"},
		{FromHost, "127.0.0.1", 8080, Reset, "host>host>proxy>container", "container web 172.17.0.2:80", "nothing listens on 172.17.0.2:80 in container web, so docker-proxy resets the client's connection"},
		{FromLAN, "192.168.1.10", 8080, Refused, "lan>host>container", "container web 172.17.0.2:80", "nothing listens on 172.17.0.2:80 in container web"},
		{FromLAN, "172.17.0.2", 80, TimedOut, "lan>router", "the router 172.17.0.2:80", "the router drops it: 172.17.0.0/16 exists only inside the host"},
		{FromLAN, "127.0.0.1", 80, Refused, "lan>lan", "the neighbour itself 127.0.0.1:80", "nothing listens on 127.0.0.1:80 on the neighbour itself"},
		{FromHost, "192.168.1.254", 80, Refused, "host>lan", "the LAN neighbour 192.168.1.254:80", "nothing listens on 192.168.1.254:80 on the LAN neighbour"},
		{FromHost, "8.8.8.8", 53, TimedOut, "host>router>internet", "the internet 8.8.8.8:53", "no answer from 8.8.8.8: timed out"},
		{FromInternet, "203.0.113.1", 443, Refused, "internet>router>host>container", "container web 172.17.0.2:80", "nothing listens on 172.17.0.2:80 in container web"},
		{FromInternet, "10.0.0.1", 80, NoRoute, "internet", "a machine on the internet 10.0.0.1:80", "the internet does not route the private address 10.0.0.1"},
		{FromContainer("nope"), "127.0.0.1", 80, NoRoute, "container", "a process in container nope 127.0.0.1:80", "there is no container nope"},
	}
	for _, tt := range tests {
		dst := netip.AddrPortFrom(netip.MustParseAddr(tt.to), tt.port)
		r := st.Connect(tt.from, dst, TCP)
		name := tt.from.String() + " → " + dst.String()
		if r.Verdict != tt.verdict || kinds(r.Path) != tt.path || r.Stop != tt.stop {
			t.Errorf("%s: %s, path %s, stop %q; want %s, %s, %q", name, r.Verdict, kinds(r.Path), r.Stop, tt.verdict, tt.path, tt.stop)
			continue
		}
		if r.Path[0].Dst != dst {
			t.Errorf("%s: the path starts at %s", name, r.Path[0].Dst)
		}
		last := r.Path[len(r.Path)-1]
		if got := last.Name + " " + last.Dst.String(); got != tt.last {
			t.Errorf("%s: the path ends at %q; want %q", name, got, tt.last)
		}
	}
}

// TestPathOnEveryStep checks that every connect and bind of every preset
// has a path and a stop, and that the other actions have none.
func TestPathOnEveryStep(t *testing.T) {
	for _, p := range Presets() {
		tr, err := Run(p.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		for i, stp := range tr.Steps {
			r := stp.Result
			switch stp.Action.Do {
			case Connect, Listen, BindOnly, Publish:
				if len(r.Path) == 0 || r.Stop == "" {
					t.Errorf("%s step %d (%s): no path or stop", p.Name, i+1, stp.Action.Do)
				}
			default:
				if len(r.Path) != 0 || r.Stop != "" {
					t.Errorf("%s step %d (%s): a path %v or stop %q", p.Name, i+1, stp.Action.Do, r.Path, r.Stop)
				}
			}
		}
		for i, r := range tr.Setup {
			if len(r.Path) == 0 || r.Stop == "" {
				t.Errorf("%s setup %d: no path or stop", p.Name, i)
			}
		}
	}
}
