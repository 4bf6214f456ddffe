package story_test

import (
	"reflect"
	"testing"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/story"
)

// TestPresetStories checks that every preset of the Bind and Kubernetes
// labs tells its pitfall: it opens on a step that fails, and its fixed
// step, the last, does not.
func TestPresetStories(t *testing.T) {
	type told struct {
		lab, name string
		story     story.Story
		failed    []bool
	}
	var all []told
	for _, p := range bind.Presets() {
		tr, err := bind.Run(p.Scenario)
		if err != nil {
			t.Fatalf("bind preset %s: %v", p.Name, err)
		}
		all = append(all, told{"bind", p.Name, p.Story, failures(tr.Steps, func(s bind.Step) bool { return s.Result.Verdict.Failed() })})
	}
	for _, p := range k8s.Presets() {
		tr, err := k8s.Run(p.Scenario)
		if err != nil {
			t.Fatalf("k8s preset %s: %v", p.Name, err)
		}
		all = append(all, told{"k8s", p.Name, p.Story, failures(tr.Steps, func(s k8s.Step) bool { return s.Result.Verdict.Failed() })})
	}
	for _, p := range all {
		if err := p.story.Check(p.failed); err != nil {
			t.Errorf("%s preset %s: %v", p.lab, p.name, err)
		}
		if got := p.story.Opening(len(p.failed)); got != p.story.Symptom {
			t.Errorf("%s preset %s opens on step %d; want the symptom, %d", p.lab, p.name, got, p.story.Symptom)
		}
	}
}

// failures returns, for each step, whether it failed.
func failures[S any](steps []S, failed func(S) bool) []bool {
	out := make([]bool, len(steps))
	for i, s := range steps {
		out[i] = failed(s)
	}
	return out
}

// TestTraceStateAt checks the labs' Trace.StateAt on every preset: the
// state at step N is the state after N actions, the start before the first
// and the last state past the end.
func TestTraceStateAt(t *testing.T) {
	changed := 0
	for _, p := range bind.Presets() {
		tr, err := bind.Run(p.Scenario)
		if err != nil {
			t.Fatalf("bind preset %s: %v", p.Name, err)
		}
		changed += checkStateAt(t, "bind "+p.Name, tr.Initial, tr.Steps, tr.StateAt, func(s bind.Step) bind.State { return s.State })
	}
	for _, p := range k8s.Presets() {
		tr, err := k8s.Run(p.Scenario)
		if err != nil {
			t.Fatalf("k8s preset %s: %v", p.Name, err)
		}
		changed += checkStateAt(t, "k8s "+p.Name, tr.Initial, tr.Steps, tr.StateAt, func(s k8s.Step) k8s.State { return s.State })
	}
	if changed == 0 {
		t.Error("no preset's actions change the state: the test tells no step from another")
	}
}

// checkStateAt checks one trace's stateAt and returns 1 if its last state
// differs from its first.
func checkStateAt[Step, State any](t *testing.T, name string, initial State, steps []Step, stateAt func(int) State, state func(Step) State) int {
	t.Helper()
	n := len(steps)
	want := map[int]State{-1: initial, 0: initial}
	if n > 0 {
		want[1], want[n], want[n+5] = state(steps[0]), state(steps[n-1]), state(steps[n-1])
	}
	for step, w := range want {
		if got := stateAt(step); !reflect.DeepEqual(got, w) {
			t.Errorf("%s: StateAt(%d) is not the state after %d actions", name, step, max(0, min(step, n)))
		}
	}
	if reflect.DeepEqual(stateAt(0), stateAt(n)) {
		return 0
	}
	return 1
}
