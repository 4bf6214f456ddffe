package nat_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/nat"
)

func TestStepInput(t *testing.T) {
	for _, tt := range []struct {
		in    nat.StepInput
		paths string
	}{
		{nat.StepInput{Kind: nat.StepSend, From: "laptop", Proto: "udp", SrcPort: "5000", To: "93.184.216.34:443"}, ""},
		{nat.StepInput{Kind: nat.StepSend, From: "laptop", Proto: "icmp", SrcPort: "7", To: "93.184.216.34"}, ""},
		{nat.StepInput{Kind: nat.StepSend, From: "laptop", Proto: "tcp", SrcPort: "65535", To: "1.2.3.4:1"}, ""},
		{nat.StepInput{Kind: nat.StepSend, Proto: "tcp", SrcPort: "0", To: "1.2.3.4"}, "step.srcPort,step.to"},
		{nat.StepInput{Kind: nat.StepSend, Proto: "sctp", SrcPort: "65536", To: "x"}, "step.proto,step.srcPort,step.to"},
		{nat.StepInput{Kind: nat.StepAdvance, By: "2h4m"}, ""},
		{nat.StepInput{Kind: nat.StepAdvance, By: "-5m"}, "step.by"},
		{nat.StepInput{Kind: nat.StepAdvance, By: "25h"}, "step.by"},
		{nat.StepInput{Kind: nat.StepForward, NAT: "router", Proto: "tcp", Port: "8080", To: "192.168.1.20:80"}, ""},
		{nat.StepInput{Kind: nat.StepForward, NAT: "router", Proto: "tcp", Port: "", To: "192.168.1.20"}, "step.forward.port,step.forward.to"},
		{nat.StepInput{Kind: nat.StepReply, From: "server"}, ""},
	} {
		st, err := tt.in.Step()
		if got := strings.Join(field.Fields(err), ","); got != tt.paths {
			t.Errorf("%+v: errors at %q (%v); want at %q", tt.in, got, err, tt.paths)
		}
		if err == nil && st.Kind != tt.in.Kind {
			t.Errorf("%+v: kind %v", tt.in, st.Kind)
		}
	}
	st, _ := nat.StepInput{Kind: nat.StepSend, From: "laptop", Proto: "icmp", SrcPort: "7", To: "93.184.216.34"}.Step()
	if st.To.Port() != 0 || st.SrcPort != 7 || st.Proto != nat.ICMP {
		t.Errorf("an ICMP echo = %+v; want identifier 7 to 93.184.216.34 and no port", st)
	}
	if _, err := (nat.StepInput{Kind: nat.StepAdvance, By: strings.Repeat("9", 10000)}).Step(); err == nil || len(err.Error()) > 300 {
		t.Errorf("a long duration's error is %d bytes", len(err.Error()))
	}
}

// FuzzStepInput: any text reads as a step or as errors at its fields,
// never a panic.
func FuzzStepInput(f *testing.F) {
	f.Add(uint8(0), "udp", "5000", "93.184.216.34:443", "30s")
	f.Add(uint8(3), "icmp", "0", "[::1]:80", "24h0m1s")
	f.Fuzz(func(t *testing.T, kind uint8, proto, port, to, by string) {
		in := nat.StepInput{Kind: nat.StepKind(kind % 4), From: "laptop", NAT: "router", Proto: proto, SrcPort: port, Port: port, To: to, By: by}
		st, err := in.Step()
		p := strings.Join(field.Fields(err), ",")
		if err == nil && st.Kind == nat.StepSend && st.SrcPort == 0 {
			t.Errorf("%+v: a send with port 0", in)
		}
		if err != nil && slices.Contains(strings.Split(p, ","), "") {
			t.Errorf("%+v: an error at no field: %v", in, err)
		}
	})
}
