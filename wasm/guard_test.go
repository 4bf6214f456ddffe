package main

import (
	"strings"
	"testing"
)

func TestProtectRecoversPanic(t *testing.T) {
	var b boundary
	b.protect("10.0.0.1", func() { panic("index out of range [7] with length 4") })
	if !b.failed() {
		t.Fatal("protect did not record the panic")
	}
	if b.failureInput != "10.0.0.1" || !strings.Contains(b.failure, "index out of range") {
		t.Errorf("failure = %q on input %q; want the panic value and the input", b.failure, b.failureInput)
	}

	b.protect("10.0.0.2", func() {})
	if b.failed() {
		t.Errorf("a healthy computation left the failure %q", b.failure)
	}
}

func TestProtectRecoversRuntimeError(t *testing.T) {
	var b boundary
	var m map[string]int
	b.protect("x", func() { m["a"] = 1 })
	if !b.failed() || !strings.Contains(b.failure, "nil map") {
		t.Errorf("failure = %q; want the runtime error", b.failure)
	}
}

func TestAddrWidgetSurvivesEveryInput(t *testing.T) {
	inputs := []string{"", " ", "[", "[]", "%", "::ffff:1.2.3.4%", "1.2.3.4/33", strings.Repeat("9", 10000), "\x00", "\u202e", "fe80::1%" + strings.Repeat("z", 300)}
	for _, in := range inputs {
		c := &addrWidget{input: in}
		c.protect(in, c.compute)
		if c.failed() {
			t.Errorf("input %q: computation panicked: %s", in, c.failure)
		}
		if c.view.Err == "" && c.view.Canonical == "" {
			t.Errorf("input %q: neither a result nor an error", in)
		}
	}
}
