package nat_test

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/netground/netground/core/nat"
)

// BenchmarkTranslate sends packets out through a NAT and replies back in,
// over 1,000 live flows: every packet is translated once.
func BenchmarkTranslate(b *testing.B) {
	for _, m := range []nat.MappingBehavior{eim, apdm} {
		b.Run(m.String(), func(b *testing.B) {
			sim := newSim(b, home(nat.Behavior{Mapping: m, Filtering: apdf}))
			var out, in []nat.Step
			for i := range 1000 {
				st := send([]string{"laptop", "phone", "files"}[i%3], nat.UDP, uint16(10000+i), "93.184.216.34:443")
				seen := outside(b, apply(b, sim, st))
				out = append(out, st)
				in = append(in, nat.Step{Kind: nat.StepSend, From: "s1", Proto: nat.UDP, SrcPort: 443, To: seen})
			}
			i := 0
			for b.Loop() {
				sim.Apply(out[i%1000])
				sim.Apply(in[i%1000])
				i++
			}
			b.ReportMetric(float64(2*i)/b.Elapsed().Seconds(), "packets/s")
		})
	}
}

// bigScenario has devices hosts on two home networks (one behind a
// carrier-grade NAT) and steps random steps.
func bigScenario(devices, steps int) nat.Scenario {
	r := rand.New(rand.NewPCG(42, 42))
	s := nat.Scenario{Seed: 42, NATs: []nat.NAT{
		{Name: "carrier", LAN: netip.MustParsePrefix("100.64.0.0/10"), WAN: []netip.Addr{netip.MustParseAddr("203.0.113.1")}, Behavior: nat.Behavior{Ports: nat.PortRandom, Filtering: apdf}},
		{Name: "home", Behind: "carrier", LAN: netip.MustParsePrefix("10.0.0.0/16"), WAN: []netip.Addr{netip.MustParseAddr("100.64.0.2")}, Behavior: nat.Behavior{Mapping: apdm, Filtering: apdf, Hairpin: true}},
		{Name: "office", LAN: netip.MustParsePrefix("10.0.0.0/16"), WAN: []netip.Addr{netip.MustParseAddr("198.51.100.1")}, Behavior: nat.Behavior{Filtering: adf}},
	}}
	for i := range devices {
		d := nat.Device{Name: "d" + threeDigits(i), Addr: netip.AddrFrom4([4]byte{10, 0, byte(i / 200), byte(1 + i%200)})}
		switch i % 3 {
		case 0:
			d.Behind = "home"
		case 1:
			d.Behind = "office"
		default:
			d.Addr = netip.AddrFrom4([4]byte{192, 0, 2, byte(1 + i%250)})
		}
		s.Devices = append(s.Devices, d)
	}
	for range steps {
		s.Steps = append(s.Steps, randomStep(r, s))
	}
	return s
}

// threeDigits returns i mod 1000 as three digits, so device names sort as they were made.
func threeDigits(i int) string {
	return string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
}

// BenchmarkReplay10000 replays a 10,000-step scenario from the start, as the
// lab does when a learner goes back.
func BenchmarkReplay10000(b *testing.B) {
	s := bigScenario(100, nat.MaxSteps)
	for b.Loop() {
		if _, err := nat.Replay(s, nat.MaxSteps); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStep100x1000 is one step of a 100-device, 1,000-step scenario,
// with the translation table the lab renders after it.
func BenchmarkStep100x1000(b *testing.B) {
	s := bigScenario(100, 1000)
	sim, err := nat.Replay(s, 999)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := sim.Apply(s.Steps[i%len(s.Steps)]); err != nil {
			b.Fatal(err)
		}
		_ = sim.Table()
		i++
	}
}

// BenchmarkRun10000 runs a 10,000-step scenario keeping every trace and the
// table after every step.
func BenchmarkRun10000(b *testing.B) {
	s := bigScenario(100, nat.MaxSteps)
	for b.Loop() {
		if _, err := nat.Run(s); err != nil {
			b.Fatal(err)
		}
	}
}
