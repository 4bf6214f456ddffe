package nat_test

import (
	"math/rand/v2"
	"net/netip"
	"reflect"
	"testing"
	"time"

	"github.com/netground/netground/core/nat"
)

// randomBehavior draws every behaviour and sometimes a small pool and
// short timeouts, so allocation and expiry are exercised.
func randomBehavior(r *rand.Rand) nat.Behavior {
	b := nat.Behavior{
		Mapping:   nat.MappingBehavior(r.IntN(3)),
		Filtering: nat.FilteringBehavior(r.IntN(3)),
		Ports:     nat.PortAssignment(r.IntN(3)),
		Hairpin:   r.IntN(2) == 0,
	}
	if r.IntN(3) == 0 {
		b.PortMin = uint16(2000 + r.IntN(100))
		b.PortMax = b.PortMin + uint16(r.IntN(8))
	}
	if r.IntN(3) == 0 {
		b.UDPTimeout = time.Duration(30+r.IntN(300)) * time.Second
	}
	return b
}

// randomScenario is a home network, sometimes behind a carrier-grade NAT,
// with a few hosts, servers and strangers, and random steps.
func randomScenario(r *rand.Rand, steps int) nat.Scenario {
	s := nat.Scenario{Seed: r.Uint64()}
	home := nat.NAT{Name: "home", LAN: netip.MustParsePrefix("192.168.1.0/24"), WAN: []netip.Addr{public}, Behavior: randomBehavior(r)}
	if r.IntN(2) == 0 {
		home.Behind = "carrier"
		home.WAN = []netip.Addr{netip.MustParseAddr("100.64.0.2")}
		s.NATs = append(s.NATs, nat.NAT{Name: "carrier", LAN: netip.MustParsePrefix("100.64.0.0/10"),
			WAN: []netip.Addr{public, netip.MustParseAddr("203.0.113.8")}, Behavior: randomBehavior(r)})
	}
	if r.IntN(3) == 0 {
		home.Forwards = []nat.Forward{{Proto: nat.TCP, Port: 443, To: ap("192.168.1.20:443")}}
	}
	s.NATs = append(s.NATs, home)
	for i := range 1 + r.IntN(4) {
		s.Devices = append(s.Devices, nat.Device{Name: "host" + string(rune('a'+i)), Behind: "home", Addr: netip.AddrFrom4([4]byte{192, 168, 1, byte(10 + i)})})
	}
	for i := range 1 + r.IntN(3) {
		s.Devices = append(s.Devices, nat.Device{Name: "remote" + string(rune('a'+i)), Addr: netip.AddrFrom4([4]byte{198, 51, 100, byte(10 + i)})})
	}
	for range steps {
		s.Steps = append(s.Steps, randomStep(r, s))
	}
	return s
}

func randomStep(r *rand.Rand, s nat.Scenario) nat.Step {
	d := s.Devices[r.IntN(len(s.Devices))]
	proto := nat.Protocol(r.IntN(3))
	port := func() uint16 { return uint16(1 + r.IntN(4)*1000 + r.IntN(3)) }
	switch k := r.IntN(10); {
	case k < 5:
		to := s.Devices[r.IntN(len(s.Devices))].Addr
		if r.IntN(3) == 0 {
			to = s.NATs[0].WAN[r.IntN(len(s.NATs[0].WAN))]
		}
		dst := netip.AddrPortFrom(to, port())
		if proto == nat.ICMP && r.IntN(2) == 0 {
			dst = netip.AddrPortFrom(to, 0)
		}
		return nat.Step{Kind: nat.StepSend, From: d.Name, Proto: proto, SrcPort: port(), To: dst}
	case k < 8:
		return nat.Step{Kind: nat.StepReply, From: d.Name}
	case k < 9:
		return nat.Step{Kind: nat.StepAdvance, By: time.Duration(1+r.IntN(400)) * time.Second}
	default:
		n := s.NATs[len(s.NATs)-1]
		return nat.Step{Kind: nat.StepForward, NAT: n.Name, Forward: nat.Forward{Proto: nat.Protocol(r.IntN(2)), Port: port(), To: netip.AddrPortFrom(n.LAN.Addr().Next(), 22)}}
	}
}

// While a mapping lives, a reply to an outbound packet always reaches its
// original sender, under every behaviour, through one NAT or two.
func TestPropertyReplyReachesSender(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := range 300 {
		s := randomScenario(r, 0)
		sim := newSim(t, s)
		type flow struct {
			from, server string
			sent         nat.Packet // as the sender sent it
			seen         netip.AddrPort
			at           time.Duration
		}
		var flows []flow
		var hosts, servers []nat.Device
		for _, d := range s.Devices {
			if d.Behind != "" {
				hosts = append(hosts, d)
			} else {
				servers = append(servers, d)
			}
		}
		// The shortest timeout of any NAT on the path for UDP and TCP.
		life := 4 * time.Minute
		for _, n := range s.NATs {
			if n.Behavior.UDPTimeout != 0 && n.Behavior.UDPTimeout < life {
				life = n.Behavior.UDPTimeout
			}
		}
		for range 40 {
			switch r.IntN(4) {
			case 0, 1:
				h, sv := hosts[r.IntN(len(hosts))], servers[r.IntN(len(servers))]
				st := nat.Step{Kind: nat.StepSend, From: h.Name, Proto: nat.Protocol(r.IntN(2)), SrcPort: uint16(5000 + r.IntN(4)), To: netip.AddrPortFrom(sv.Addr, uint16(80+r.IntN(3)))}
				tr := apply(t, sim, st)
				to, p := tr.Delivered()
				if to == "" {
					if tr.Outcome() != nat.PoolExhausted {
						t.Fatalf("iter %d: %+v not delivered: %v", iter, st, tr.Outcome())
					}
					continue
				}
				flows = append(flows, flow{h.Name, sv.Name, nat.Packet{Proto: st.Proto, Src: netip.AddrPortFrom(h.Addr, st.SrcPort), Dst: st.To}, p.Src, sim.Now()})
			case 2:
				sim.Apply(advance(time.Duration(r.IntN(int(life/time.Second/2))) * time.Second))
			case 3:
				if len(flows) == 0 {
					continue
				}
				f := flows[r.IntN(len(flows))]
				if sim.Now()-f.at >= life {
					continue
				}
				tr := apply(t, sim, nat.Step{Kind: nat.StepSend, From: f.server, Proto: f.sent.Proto, SrcPort: f.sent.Dst.Port(), To: f.seen})
				if to, p := tr.Delivered(); to != f.from || p.Dst != f.sent.Src || p.Src != f.sent.Dst {
					t.Fatalf("iter %d: reply to %v (sent as %v at %v, now %v) delivered to %q as %v; trace ends %v\n%+v", iter, f.seen, f.sent, f.at, sim.Now(), to, p, tr.Outcome(), s.NATs)
				}
			}
		}
	}
}

// Under address-and-port-dependent filtering, nothing unsolicited reaches a
// LAN host without a forwarding rule: whatever arrives comes from an
// endpoint the receiving inside endpoint has sent to.
func TestPropertyNoUnsolicited(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := range 300 {
		s := randomScenario(r, 60)
		s.NATs = s.NATs[len(s.NATs)-1:]
		s.NATs[0].Behind, s.NATs[0].WAN, s.NATs[0].Forwards = "", []netip.Addr{public}, nil
		s.NATs[0].Behavior.Filtering = apdf
		s.NATs[0].Behavior.Hairpin = false
		for i, st := range s.Steps {
			if st.Kind == nat.StepForward {
				s.Steps[i] = advance(time.Second)
			}
		}
		sim := newSim(t, s)
		type pair struct{ inside, remote netip.AddrPort }
		sent := map[pair]bool{}
		for {
			tr, ok := sim.Next()
			if !ok {
				break
			}
			if len(tr.Events) > 0 && tr.Events[0].Decision == nat.Sent {
				p := tr.Events[0].Before
				sent[pair{p.Src, p.Dst}] = true
			}
			to, p := tr.Delivered()
			if to == "" || !p.Dst.Addr().IsPrivate() || p.Src.Addr().IsPrivate() {
				continue
			}
			if !sent[pair{p.Dst, p.Src}] {
				t.Fatalf("iter %d: %v delivered to %s, which never sent to %v", iter, p, to, p.Src)
			}
		}
	}
}

// Two LAN hosts never share one outside IP:port for the same remote under
// the same protocol: no two live mappings of a NAT hold the same public
// endpoint for different inside endpoints.
func TestPropertyNoSharedPort(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for iter := range 80 {
		sim := newSim(t, randomScenario(r, 150))
		type key struct {
			nat   string
			proto nat.Protocol
			out   netip.AddrPort
		}
		for {
			if _, ok := sim.Next(); !ok {
				break
			}
			owner := map[key]netip.AddrPort{}
			for _, row := range sim.Table() {
				k := key{row.NAT, row.Proto, row.Outside}
				if in, ok := owner[k]; ok && in != row.Inside && !row.Static {
					t.Fatalf("iter %d: %s %v %v held by %v and %v", iter, row.NAT, row.Proto, row.Outside, in, row.Inside)
				}
				owner[k] = row.Inside
			}
		}
	}
}

// Replaying a scenario gives the identical trace and tables, also after a
// trip through JSON.
func TestPropertyReplay(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for iter := range 50 {
		s := randomScenario(r, 100)
		a, err := nat.Run(s)
		if err != nil {
			t.Fatal(err)
		}
		data, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		s2, err := nat.DecodeScenario(data)
		if err != nil {
			t.Fatalf("iter %d: %v\n%s", iter, err, data)
		}
		b, _ := nat.Run(s2)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("iter %d: replay differs", iter)
		}
		mid, _ := nat.Replay(s, 50)
		if got := mid.Table(); !reflect.DeepEqual(got, a[49].Table) {
			t.Fatalf("iter %d: Replay(50).Table() = %+v; want %+v", iter, got, a[49].Table)
		}
	}
}

// A clone carries on exactly as the original would, and stepping either
// leaves the other untouched.
func TestPropertyClone(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	iters := 100
	if testing.Short() {
		iters = 15
	}
	for iter := range iters {
		s := randomScenario(r, 120)
		want, err := nat.Run(s)
		if err != nil {
			t.Fatal(err)
		}
		// Clone every 10 steps; the original runs on to the end before any
		// clone steps, so a clone sharing state with it would notice.
		orig, _ := nat.New(s)
		var clones []*nat.Sim
		for i := range s.Steps {
			if i%10 == 0 {
				clones = append(clones, orig.Clone())
			}
			if tr, _ := orig.Next(); !reflect.DeepEqual(tr, want[i].Trace) {
				t.Fatalf("iter %d: original step %d differs after a Clone", iter, i)
			}
		}
		for c, clone := range clones {
			for i := c * 10; i < len(s.Steps); i++ {
				tr, ok := clone.Next()
				if !ok || !reflect.DeepEqual(tr, want[i].Trace) || !reflect.DeepEqual(clone.Table(), want[i].Table) {
					t.Fatalf("iter %d: clone at %d, step %d: %+v; want %+v", iter, c*10, i, tr, want[i].Trace)
				}
			}
		}
	}
}
