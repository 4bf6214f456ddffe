package bind_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/netground/netground/core/bind"
)

func FuzzDecodeScenario(f *testing.F) {
	for _, p := range bind.Presets() {
		data, _ := p.Scenario.Encode()
		f.Add(data)
	}
	f.Add([]byte(`{"v":1,"sockets":[{"addr":"0.0.0.0","port":70000}]}`))
	f.Add([]byte(`{"v":1,"actions":[{"do":"connect","from":"container:x","to":"localhost","port":1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := bind.DecodeScenario(data)
		if err != nil {
			msg := err.Error()
			if msg == "" || strings.HasSuffix(msg, ".") {
				t.Fatalf("error %q: want a message without a trailing period", msg)
			}
			return
		}
		enc, err := s.Encode()
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		s2, err := bind.DecodeScenario(enc)
		if err != nil {
			t.Fatalf("re-decode of %s: %v", enc, err)
		}
		enc2, _ := s2.Encode()
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("round trip changed the scenario:\n%s\n%s", enc, enc2)
		}
		tr, err := bind.Run(s)
		if err != nil {
			t.Fatalf("Run of a valid scenario: %v", err)
		}
		if len(tr.Steps) > 0 {
			tr.Steps[len(tr.Steps)-1].State.Matrix()
		}
	})
}

func FuzzRun(f *testing.F) {
	f.Add(uint64(1), uint8(30))
	f.Add(uint64(99), uint8(200))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		rng := rand.New(rand.NewPCG(seed, seed>>7))
		s := randomScenario(rng, int(n))
		tr, err := bind.Run(s)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		for _, st := range tr.Steps {
			if len(st.Result.Reasons) == 0 {
				t.Fatalf("%v: a result without reasons", st.Action.Do)
			}
		}
		last := tr.Initial
		if len(tr.Steps) > 0 {
			last = tr.Steps[len(tr.Steps)-1].State
		}
		last.Matrix()
	})
}

func TestValidateErrors(t *testing.T) {
	tests := []struct {
		json, want string
	}{
		{`{"v":1,"sockets":[{"addr":"0.0.0.0","port":70000}]}`, "sockets[0].port: port 70000 is out of range 0–65535"},
		{`{"v":1,"sockets":[{"port":80}]}`, "sockets[0].addr: missing"},
		{`{"v":1,"sockets":[{"addr":"0.0.0.0","port":80,"in":"nope"}]}`, `sockets[0].in: no container named "nope"`},
		{`{"v":2}`, "v: version 2"},
		{`{"v":1,"bogus":1}`, `unknown field "bogus"`},
		{`{"v":1,"os":"solaris"}`, `unknown os "solaris"`},
		{`{"v":1,"containers":[{"name":"a"},{"name":"a"}]}`, `containers[1].name: "a" is already`},
		{`{"v":1,"host":{"bridge":"192.168.1.1/16"}}`, "host.bridge: 192.168.0.0/16 overlaps the LAN"},
		{`{"v":1,"actions":[{"do":"connect","from":"lan","to":"0.0.0.0","port":80}]}`, "actions[0].to: 0.0.0.0 is not a destination"},
		{`{"v":1,"actions":[{"do":"listen","addr":"0.0.0.0","port":80,"reuseAddr":true,"exclusiveAddrUse":true}]}`, "actions[0]: SO_REUSEADDR and SO_EXCLUSIVEADDRUSE"},
		{`{"v":1,"actions":[{"do":"publish","publish":{"container":"x","port":80}}]}`, `actions[0].publish.container: no container named "x"`},
	}
	for _, tt := range tests {
		_, err := bind.DecodeScenario([]byte(tt.json))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DecodeScenario(%s) = %v; want an error containing %q", tt.json, err, tt.want)
		}
	}
	many := bind.Scenario{V: bind.Version, Actions: make([]bind.Action, bind.MaxActions+1)}
	if err := many.Validate(); err == nil || !strings.Contains(err.Error(), "limit of 1000") {
		t.Errorf("Validate(%d actions) = %v; want the limit", len(many.Actions), err)
	}
}
