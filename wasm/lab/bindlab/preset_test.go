package bindlab

import (
	"testing"

	"github.com/netground/netground/core/bind"
)

// TestPresetOf: a whole scenario that is a preset unchanged (as the
// library keeps it) is found to be that preset; one action more, or a
// changed field, makes it a scenario of its own.
func TestPresetOf(t *testing.T) {
	for _, p := range bind.Presets() {
		if got := links.PresetOf(p.Scenario); got != p.Name {
			t.Errorf("PresetOf(%s's scenario) = %q; want %q", p.Name, got, p.Name)
		}
		more := p.Scenario
		more.Actions = append(append([]bind.Action(nil), p.Scenario.Actions...), bind.Action{Do: bind.Wait})
		if got := links.PresetOf(more); got != "" {
			t.Errorf("PresetOf(%s with one more action) = %q; want none", p.Name, got)
		}
		other := p.Scenario
		other.OS = (p.Scenario.OS + 1) % 3
		if got := links.PresetOf(other); got == p.Name {
			t.Errorf("PresetOf(%s on another system) = %q; want another", p.Name, got)
		}
	}
}
