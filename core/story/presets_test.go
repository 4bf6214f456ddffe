package story_test

import (
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
