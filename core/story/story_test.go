package story_test

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/story"
)

func TestOpening(t *testing.T) {
	tests := []struct {
		s     story.Story
		steps int
		want  int
	}{
		{story.Story{}, 7, 7},
		{story.Story{Symptom: 2}, 7, 2},
		{story.Story{Symptom: 7}, 7, 7},
		{story.Story{Symptom: 8}, 7, 7},
		{story.Story{Symptom: 1}, 0, 0},
	}
	for _, tt := range tests {
		if got := tt.s.Opening(tt.steps); got != tt.want {
			t.Errorf("(%+v).Opening(%d) = %d; want %d", tt.s, tt.steps, got, tt.want)
		}
	}
}

func TestPart(t *testing.T) {
	s := story.Story{Symptom: 2, Fixed: 5}
	want := []string{"", "", "problem", "problem", "problem", "fix", "fix"}
	for step, w := range want {
		if got := s.Part(step); got != w {
			t.Errorf("(%+v).Part(%d) = %q; want %q", s, step, got, w)
		}
	}
	unfixed := story.Story{Symptom: 1}
	if got := unfixed.Part(3); got != "problem" {
		t.Errorf("(%+v).Part(3) = %q; want %q", unfixed, got, "problem")
	}
	if got := (story.Story{}).Part(3); got != "" {
		t.Errorf("(Story{}).Part(3) = %q; want \"\"", got)
	}
}

func TestCheck(t *testing.T) {
	told := story.Story{Problem: "p", Cause: "c", Fix: "f"}
	with := func(symptom, fixed int) story.Story { s := told; s.Symptom, s.Fixed = symptom, fixed; return s }
	tests := []struct {
		s      story.Story
		failed []bool
		want   string // "" for no error
	}{
		{with(1, 3), []bool{true, false, false}, ""},
		{with(2, 0), []bool{false, true, true}, ""},
		{with(0, 0), []bool{true}, "symptom step 0"},
		{with(4, 0), []bool{true}, "symptom step 4"},
		{with(1, 0), []bool{false}, "does not fail"},
		{with(1, 2), []bool{true, false, false}, "not the last"},
		{with(1, 2), []bool{true, true}, "fixed step 2 fails"},
		{story.Story{Symptom: 1}, []bool{true}, "lacks a part"},
	}
	for _, tt := range tests {
		err := tt.s.Check(tt.failed)
		if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("(%+v).Check(%v) = %v; want %q", tt.s, tt.failed, err, tt.want)
		}
	}
}

func TestStateAt(t *testing.T) {
	steps := []int{10, 20, 30}
	id := func(s int) int { return s }
	for step, want := range map[int]int{-1: 0, 0: 0, 1: 10, 2: 20, 3: 30, 4: 30, 100: 30} {
		if got := story.StateAt(0, steps, id, step); got != want {
			t.Errorf("StateAt(%d) = %d; want %d", step, got, want)
		}
	}
	if got := story.StateAt(7, nil, id, 2); got != 7 {
		t.Errorf("StateAt with no steps = %d; want the initial 7", got)
	}
}
