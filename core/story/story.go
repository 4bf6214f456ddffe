// Package story tells a lab preset as a pitfall people meet: what they see,
// why, and what mends it, with the steps of the preset's actions that show
// the symptom and the fix. The Bind and Kubernetes labs open a preset on
// its symptom, and the person steps forward to the fix.
package story

import "fmt"

// Story is one preset's pitfall. Steps count a scenario's actions from 1:
// step N is the state after N actions, step 0 the start. The zero Story
// tells nothing, and a lab opens its scenario at the last step.
type Story struct {
	// Symptom is the step whose failure people meet, the one the lab
	// opens on; 0 means the story has none.
	Symptom int `json:"symptom"`
	// Fixed is the step that shows the fix working; 0 when the fix is a
	// change the lab cannot replay (such as a cluster's address ranges),
	// and Fix says it in words.
	Fixed int `json:"fixed,omitempty"`
	// Problem says what people see, Cause why, Fix what mends it.
	Problem string `json:"problem"`
	Cause   string `json:"cause"`
	Fix     string `json:"fix"`
}

// Opening returns the step a lab opens a preset on: s.Symptom, or steps
// (the last) when the story has no symptom or names a step past the end.
func (s Story) Opening(steps int) int {
	if s.Symptom <= 0 || s.Symptom > steps {
		return steps
	}
	return s.Symptom
}

// Part returns which part of the story step shows: "problem" from the
// symptom until the fix, "fix" from the fixed step on, and "" before the
// symptom or when the story tells nothing.
func (s Story) Part(step int) string {
	switch {
	case s.Symptom <= 0 || step < s.Symptom:
		return ""
	case s.Fixed > 0 && step >= s.Fixed:
		return "fix"
	}
	return "problem"
}

// Check reports what is wrong with s as the story of a scenario whose steps
// failed as failed says (failed[i] for step i+1): a part left out, a
// symptom step that is not one of them or did not fail, a fixed step that
// is not the last or failed.
func (s Story) Check(failed []bool) error {
	n := len(failed)
	switch {
	case s.Problem == "" || s.Cause == "" || s.Fix == "":
		return fmt.Errorf("story %+v lacks a part", s)
	case s.Symptom < 1 || s.Symptom > n:
		return fmt.Errorf("symptom step %d is not one of the %d steps", s.Symptom, n)
	case !failed[s.Symptom-1]:
		return fmt.Errorf("symptom step %d does not fail", s.Symptom)
	case s.Fixed == 0:
		return nil
	case s.Fixed != n:
		return fmt.Errorf("fixed step %d is not the last, %d", s.Fixed, n)
	case failed[n-1]:
		return fmt.Errorf("fixed step %d fails", s.Fixed)
	}
	return nil
}

// Preset is a lab's ready-made scenario, told as a story: every lab's
// presets have this one shape. Name is short, for links
// (?preset=container-loopback); Title names the symptom as people search
// for it; Lesson is what the preset teaches.
type Preset[S any] struct {
	Name     string `json:"name"`
	Title    string `json:"title"`
	Lesson   string `json:"lesson"`
	Scenario S      `json:"scenario"`
	Story    Story  `json:"story"`
}

// Find returns the preset of presets called name.
func Find[S any](presets []Preset[S], name string) (Preset[S], bool) {
	for _, p := range presets {
		if p.Name == name {
			return p, true
		}
	}
	return Preset[S]{}, false
}

// Names returns the names of presets, in their order.
func Names[S any](presets []Preset[S]) []string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.Name
	}
	return names
}

// StateAt returns a lab's state at step: initial at step 0 or before, after
// the last action past the end, else the state of steps[step-1], which
// state reads.
func StateAt[Step, State any](initial State, steps []Step, state func(Step) State, step int) State {
	if step <= 0 || len(steps) == 0 {
		return initial
	}
	return state(steps[min(step, len(steps))-1])
}
