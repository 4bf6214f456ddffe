package ui

import (
	"strings"
	"testing"
)

func TestProtectRecoversPanic(t *testing.T) {
	var b Boundary
	b.Protect("10.0.0.1", func() { panic("index out of range [7] with length 4") })
	if !b.Failed() {
		t.Fatal("protect did not record the panic")
	}
	if b.failureInput != "10.0.0.1" || !strings.Contains(b.failure, "index out of range") {
		t.Errorf("failure = %q on input %q; want the panic value and the input", b.failure, b.failureInput)
	}

	b.Protect("10.0.0.2", func() {})
	if b.Failed() {
		t.Errorf("a healthy computation left the failure %q", b.failure)
	}
}

func TestProtectRecoversRuntimeError(t *testing.T) {
	var b Boundary
	var m map[string]int
	b.Protect("x", func() { m["a"] = 1 })
	if !b.Failed() || !strings.Contains(b.failure, "nil map") {
		t.Errorf("failure = %q; want the runtime error", b.failure)
	}
}
