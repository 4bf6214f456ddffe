package k8s_test

import (
	"reflect"
	"testing"

	"github.com/netground/netground/core/k8s"
)

func TestStateAt(t *testing.T) {
	changed := 0
	for _, p := range k8s.Presets() {
		tr, err := k8s.Run(p.Scenario)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if len(tr.Steps) == 0 {
			continue
		}
		n := len(tr.Steps)
		want := map[int]k8s.State{-1: tr.Initial, 0: tr.Initial, 1: tr.Steps[0].State, n: tr.Steps[n-1].State, n + 5: tr.Steps[n-1].State}
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
