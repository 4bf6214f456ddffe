package bind_test

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/netground/netground/core/bind"
)

// randomScenario builds a valid scenario from a seeded source.
func randomScenario(rng *rand.Rand, actions int) bind.Scenario {
	s := bind.Scenario{V: bind.Version, OS: bind.OS(rng.IntN(3)),
		Host: bind.Host{LAN6: netip.MustParsePrefix("fd00::10/64")}}
	if rng.IntN(3) == 0 {
		s.Host.Firewall = bind.Firewall{On: true, Allow: []int{80, 8080}}
	}
	if rng.IntN(2) == 0 {
		s.Host.Router.Forwards = []bind.Forward{{Port: 443, To: 8080}}
	}
	nc := rng.IntN(4)
	names := []string{""}
	for i := range nc {
		c := bind.Container{Name: string(rune('a' + i))}
		if rng.IntN(5) == 0 {
			c.Network = "host"
		}
		s.Containers = append(s.Containers, c)
		names = append(names, c.Name)
	}
	addrs := []netip.Addr{any4, any6, lo4, lo6, lan, netip.MustParseAddr("fd00::10"),
		netip.MustParseAddr("172.17.0.1"), netip.MustParseAddr("172.17.0.2"), netip.MustParseAddr("172.17.0.3"), netip.MustParseAddr("127.0.0.2")}
	ports := []int{0, 80, 8080, 8081, 32768}
	randSocket := func() bind.Socket {
		so := bind.Socket{Process: string(rune('p' + rng.IntN(4))), In: names[rng.IntN(len(names))],
			Proto: bind.Proto(rng.IntN(2)), Addr: addrs[rng.IntN(len(addrs))], Port: ports[rng.IntN(len(ports))],
			ReuseAddr: rng.IntN(3) == 0, ReusePort: rng.IntN(4) == 0, Privileged: rng.IntN(2) == 0}
		if !so.ReuseAddr && rng.IntN(6) == 0 {
			so.ExclusiveAddrUse = true
		}
		if so.Addr.Is6() {
			so.V6Only = bind.Toggle(rng.IntN(3))
		}
		if rng.IntN(4) == 0 {
			so.User = "other"
		}
		return so
	}
	vantages := []bind.Vantage{bind.FromHost, bind.FromLAN, bind.FromInternet}
	for _, c := range s.Containers {
		vantages = append(vantages, bind.FromContainer(c.Name))
	}
	for range actions {
		var a bind.Action
		switch rng.IntN(10) {
		case 0, 1, 2, 3:
			a = bind.Action{Do: bind.Listen, Socket: randSocket()}
		case 4:
			a = bind.Action{Do: bind.BindOnly, Socket: randSocket()}
		case 5:
			so := randSocket()
			a = bind.Action{Do: bind.Close, Socket: bind.Socket{Process: so.Process, In: so.In}, TimeWait: rng.IntN(2) == 0}
		case 6:
			a = bind.Action{Do: bind.Wait}
		case 7:
			if nc > 0 && s.Containers[0].Network == "" {
				a = bind.Action{Do: bind.Publish, Publish: &bind.Port{Container: s.Containers[0].Name, HostPort: ports[rng.IntN(len(ports))], Port: 80}}
			} else {
				a = bind.Action{Do: bind.Localhost, Order: bind.Order(rng.IntN(4))}
			}
		default:
			to := addrs[2+rng.IntN(len(addrs)-2)].String()
			if rng.IntN(4) == 0 {
				to = "localhost"
			}
			a = bind.Action{Do: bind.Connect, From: vantages[rng.IntN(len(vantages))], To: to,
				Socket: bind.Socket{Port: ports[1+rng.IntN(len(ports)-1)], Proto: bind.Proto(rng.IntN(2))}, Client: bind.Dialer(rng.IntN(3))}
		}
		s.Actions = append(s.Actions, a)
	}
	return s
}

// nsKey names the network namespace of a socket: "" for the host and
// host-network containers.
func nsKey(st bind.State, in string) string {
	for _, c := range st.Containers() {
		if c.Name == in && c.Network == "host" {
			return ""
		}
	}
	return in
}

// coversModel is the bind table's notion of a socket taking a destination,
// written out case by case.
func coversModel(o bind.OS, so bind.Socket, dst netip.Addr) bool {
	if so.Addr == dst {
		return true
	}
	if so.Addr == any4 {
		return dst.Is4()
	}
	if so.Addr == any6 {
		if dst.Is6() {
			return true
		}
		v6only := so.V6Only == bind.On || (so.V6Only == bind.Default && o == bind.Windows)
		return !v6only
	}
	return false
}

func TestProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	scenarios := 300
	if testing.Short() {
		scenarios = 50
	}
	for n := range scenarios {
		s := randomScenario(rng, 25)
		tr, err := bind.Run(s)
		if err != nil {
			t.Fatalf("scenario %d: %v", n, err)
		}
		for i, step := range tr.Steps {
			st := step.State
			socks := st.Sockets()
			byID := map[int]bind.Open{}
			for _, b := range socks {
				byID[b.ID] = b
			}
			// Sockets open together are allowed by the bind table.
			for x, a := range socks {
				for _, b := range socks[x+1:] {
					if nsKey(st, a.In) != nsKey(st, b.In) || a.State == bind.TimeWait || b.State == bind.TimeWait {
						continue
					}
					o := st.OS()
					if a.In != "" && nsKey(st, a.In) != "" {
						o = bind.Linux
					}
					if v, why := bind.Conflict(o, a.Socket, b.Socket); v != bind.OK {
						t.Fatalf("scenario %d step %d: sockets %d and %d are open together but Conflict says %v: %s", n, i, a.ID, b.ID, v, why)
					}
				}
			}
			check := func(what string, r bind.Result) {
				if r.Verdict != bind.Connected {
					if r.Socket != 0 {
						t.Fatalf("scenario %d step %d %s: %v with socket %d", n, i, what, r.Verdict, r.Socket)
					}
					return
				}
				b, ok := byID[r.Socket]
				if !ok {
					t.Fatalf("scenario %d step %d %s: accepted by socket %d, which is not open", n, i, what, r.Socket)
				}
				o := st.OS()
				if nsKey(st, b.In) != "" {
					o = bind.Linux
				}
				if b.State != bind.Listening || b.Port != int(r.Dst.Port()) || !coversModel(o, b.Socket, r.Dst.Addr()) || b.Forward.IsValid() {
					t.Fatalf("scenario %d step %d %s: socket %+v accepted a connection to %v", n, i, what, b, r.Dst)
				}
				if r.Process != b.Process || r.In != nsKey(st, b.In) {
					t.Fatalf("scenario %d step %d %s: result names %q in %q, socket is %q in %q", n, i, what, r.Process, r.In, b.Process, b.In)
				}
				if b.Addr.IsLoopback() && r.Dst.Addr() != b.Addr {
					t.Fatalf("scenario %d step %d %s: loopback socket %v took %v", n, i, what, b.Addr, r.Dst)
				}
			}
			if step.Action.Do == bind.Connect {
				check("connect", step.Result)
			}
			if i%5 != 0 {
				continue
			}
			m := st.Matrix()
			for vi, v := range m.Vantages {
				for ti, x := range m.Targets {
					r := m.Cells[vi][ti]
					check(v.String()+"→"+x.Dial.String(), r)
					// A socket is always reachable from its own namespace
					// at an address it covers, unless a more specific socket
					// takes it.
					if v == bind.FromHost && nsKey(st, x.In) == "" && x.Socket != 0 && r.Verdict != bind.Connected {
						b := byID[x.Socket]
						shadowed := false
						for _, o := range socks {
							if o.ID != b.ID && o.State == bind.Listening && nsKey(st, o.In) == "" && o.Proto == x.Proto && o.Port == b.Port && coversModel(st.OS(), o.Socket, x.Dial.Addr()) {
								shadowed = true
							}
						}
						if !b.Forward.IsValid() && !shadowed {
							t.Fatalf("scenario %d step %d: host cannot reach its own socket %+v at %v: %v %q", n, i, b, x.Dial, r.Verdict, r.Reasons)
						}
					}
				}
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 20 {
		s := randomScenario(rng, 40)
		a, _ := bind.Run(s)
		b, _ := bind.Run(s)
		for i := range a.Steps {
			ra, rb := a.Steps[i].Result, b.Steps[i].Result
			if ra.Verdict != rb.Verdict || ra.Port != rb.Port || len(ra.Reasons) != len(rb.Reasons) {
				t.Fatalf("step %d differs between runs: %+v vs %+v", i, ra, rb)
			}
		}
	}
}

func TestPresets(t *testing.T) {
	want := map[string][]bind.Verdict{
		"container-loopback":    {bind.Connected, bind.Reset, bind.Refused, bind.Done, bind.OK, bind.Connected, bind.Connected},
		"address-in-use":        {bind.AddrInUse, bind.AddrInUse, bind.OK, bind.OK, bind.OK, bind.Connected, bind.Connected, bind.Connected},
		"localhost-ipv6":        {bind.Refused, bind.Connected, bind.Connected, bind.Done, bind.Connected, bind.Done, bind.Done, bind.OK, bind.Connected},
		"privileged-port":       {bind.Access, bind.OK, bind.OK, bind.OK, bind.Connected},
		"ephemeral-port":        {bind.OK, bind.Refused, bind.OK, bind.Connected, bind.Connected},
		"time-wait":             {bind.Done, bind.Done, bind.AddrInUse, bind.OK, bind.AddrInUse, bind.Done, bind.OK},
		"reuseport":             {bind.OK, bind.OK, bind.AddrInUse, bind.AddrInUse, bind.Connected},
		"windows-specific-bind": {bind.Access, bind.OK, bind.Connected, bind.Connected, bind.Access, bind.OK, bind.OK},
		"nat-inbound":           {bind.Connected, bind.TimedOut, bind.TimedOut, bind.NoRoute, bind.Connected},
	}
	for _, p := range bind.Presets() {
		data, err := p.Scenario.Encode()
		if err != nil {
			t.Fatal(err)
		}
		s, err := bind.DecodeScenario(data)
		if err != nil {
			t.Fatalf("preset %s does not decode: %v", p.Name, err)
		}
		tr, err := bind.Run(s)
		if err != nil {
			t.Fatalf("preset %s: %v", p.Name, err)
		}
		w, ok := want[p.Name]
		if !ok || len(w) != len(tr.Steps) {
			t.Fatalf("preset %s: %d steps, expectations for %d", p.Name, len(tr.Steps), len(w))
		}
		for i, st := range tr.Steps {
			if st.Result.Verdict != w[i] {
				t.Errorf("preset %s step %d (%v) = %v; want %v: %q", p.Name, i, st.Action.Do, st.Result.Verdict, w[i], st.Result.Reasons)
			}
		}
	}
}
