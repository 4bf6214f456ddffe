package ui

import (
	"errors"
	"testing"

	"github.com/netground/netground/core/field"
)

func TestInputErrorsKeepsEveryMessage(t *testing.T) {
	spec := LabSpec[struct{}, struct{}]{FormFields: map[string]map[string]string{
		"listen": {"addr": "listen-addr", "port": "listen-port"},
	}}
	err := errors.Join(
		field.Errorf("addr", "%q is not an address", "x"),
		field.Errorf("port", "%q is not a port", "y"),
		field.Errorf("port", "a second problem with the port"),
		errors.New("too many sockets"),
		field.Errorf("nonsense", "a field the form has no input for"),
	)
	got := spec.InputErrors("listen", err)
	want := map[string]string{
		"listen-addr": `"x" is not an address`,
		"listen-port": `"y" is not a port; a second problem with the port`,
		"listen":      "too many sockets; " + field.Errorf("nonsense", "a field the form has no input for").Error(),
	}
	if len(got) != len(want) {
		t.Errorf("InputErrors = %q; want %q", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("InputErrors[%s] = %q; want %q", k, got[k], v)
		}
	}
	if got := spec.InputErrors("listen", nil); len(got) != 0 {
		t.Errorf("InputErrors(nil) = %q; want none", got)
	}
}
