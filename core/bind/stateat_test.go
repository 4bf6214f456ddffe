package bind_test

import (
	"reflect"
	"testing"

	"github.com/netground/netground/core/bind"
)

func TestStateAt(t *testing.T) {
	changed := 0
	for _, p := range bind.Presets() {
		tr, err := bind.Run(p.Scenario)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if len(tr.Steps) == 0 {
			continue
		}
		n := len(tr.Steps)
		want := map[int]bind.State{-1: tr.Initial, 0: tr.Initial, 1: tr.Steps[0].State, n: tr.Steps[n-1].State, n + 5: tr.Steps[n-1].State}
		for step, w := range want {
			if got := tr.StateAt(step); !reflect.DeepEqual(got, w) {
				t.Errorf("%s: StateAt(%d) is not the state after %d steps", p.Name, step, max(0, min(step, n)))
			}
		}
		if !reflect.DeepEqual(tr.StateAt(0), tr.StateAt(n)) {
			changed++
		}
	}
	if changed == 0 {
		t.Error("no preset's actions change the state: the test tells no step from another")
	}
}
