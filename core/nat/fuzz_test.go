package nat_test

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"reflect"
	"testing"
	"time"

	"github.com/netground/netground/core/nat"
)

func FuzzDecodeScenario(f *testing.F) {
	for _, p := range nat.Presets() {
		s := p.Scenario
		data, err := s.MarshalJSON()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{``, `{}`, `null`, `[]`, `{"nats":[{}]}`, `{"devices":[{"name":"a","addr":"10.0.0.300"}]}`,
		`{"steps":[{"kind":"advance","by":"-1s"}]}`, `{"seed":18446744073709551615}`,
		`{"nats":[{"name":"r","lan":"10.0.0.0/8","wan":["1.2.3.4"],"behavior":{"portMin":65535,"portMax":65535}}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := nat.DecodeScenario(data)
		if err != nil {
			var fe *nat.FieldError
			if !errors.As(err, &fe) || fe.Reason == "" {
				t.Fatalf("DecodeScenario(%q) error %v is not a *FieldError with a reason", data, err)
			}
			return
		}
		again, err := s.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		s2, err := nat.DecodeScenario(again)
		if err != nil {
			t.Fatalf("re-encoded scenario %s does not decode: %v", again, err)
		}
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip changed the scenario:\n%+v\n%+v", s, s2)
		}
		if _, err := nat.New(s); err != nil {
			t.Fatalf("New on a valid scenario: %v", err)
		}
	})
}

// stepsFromBytes turns fuzz bytes into steps for s, four bytes a step.
func stepsFromBytes(s nat.Scenario, ops []byte) []nat.Step {
	var steps []nat.Step
	for i := 0; i+4 <= len(ops) && len(steps) < nat.MaxSteps; i += 4 {
		k, a, b, c := ops[i], ops[i+1], ops[i+2], ops[i+3]
		d := s.Devices[int(a)%len(s.Devices)]
		switch k % 4 {
		case 0:
			to := s.Devices[int(b)%len(s.Devices)].Addr
			if b&0x80 != 0 {
				to = s.NATs[int(b)%len(s.NATs)].WAN[0]
			}
			proto := nat.Protocol(c % 3)
			port := uint16(1 + int(c)*257%65535)
			if proto == nat.ICMP && c&1 == 0 {
				port = 0
			}
			steps = append(steps, nat.Step{Kind: nat.StepSend, From: d.Name, Proto: proto, SrcPort: uint16(1 + int(a^c)*131%65535), To: netip.AddrPortFrom(to, port)})
		case 1:
			steps = append(steps, nat.Step{Kind: nat.StepReply, From: d.Name})
		case 2:
			steps = append(steps, nat.Step{Kind: nat.StepAdvance, By: time.Duration(1+int(b)*int(c)) * time.Second})
		case 3:
			n := s.NATs[int(b)%len(s.NATs)]
			steps = append(steps, nat.Step{Kind: nat.StepForward, NAT: n.Name, Forward: nat.Forward{Proto: nat.Protocol(c % 2), Port: uint16(1 + int(c)*257%65535),
				To: netip.AddrPortFrom(n.LAN.Addr().Next(), 22)}})
		}
	}
	return steps
}

func FuzzReplay(f *testing.F) {
	f.Add(uint64(1), []byte{0, 0, 1, 2, 1, 3, 0, 0, 2, 0, 9, 9, 0, 1, 0x81, 4})
	f.Add(uint64(2), []byte{3, 0, 0, 187, 0, 4, 0x80, 187, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255, 255})
	f.Fuzz(func(t *testing.T, seed uint64, ops []byte) {
		r := rand.New(rand.NewPCG(seed, seed>>1))
		s := randomScenario(r, 0)
		s.Steps = stepsFromBytes(s, ops)
		res, err := nat.Run(s)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		if len(res) != len(s.Steps) {
			t.Fatalf("%d results for %d steps", len(res), len(s.Steps))
		}
		for i, r := range res {
			if n := len(r.Trace.Events); n == 0 || n > 64 {
				t.Fatalf("step %d: %d events", i, n)
			}
			if o := r.Trace.Outcome(); o == 0 {
				t.Fatalf("step %d: no outcome", i)
			}
		}
		// A copy taken halfway carries on as the original did.
		half := len(s.Steps) / 2
		sim, err := nat.Replay(s, half)
		if err != nil {
			t.Fatal(err)
		}
		clone := sim.Clone()
		for i := half; i < len(s.Steps); i++ {
			tr, _ := clone.Next()
			if !reflect.DeepEqual(tr, res[i].Trace) || !reflect.DeepEqual(clone.Table(), res[i].Table) {
				t.Fatalf("step %d after a Clone: %+v; want %+v", i, tr, res[i].Trace)
			}
		}
	})
}
