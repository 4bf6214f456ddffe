package practice_test

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
)

// TestChoiceNotAnAnswer checks that only a real choice, by its number or
// its text, is judged; anything else asks again without counting.
func TestChoiceNotAnAnswer(t *testing.T) {
	check := practice.CheckChoice([]string{"yes", "no"}, 0, []string{"", "it can"})
	tests := []struct {
		answer           string
		correct, invalid bool
		says             string
	}{
		{"1", true, false, "correct"},
		{"yes", true, false, "correct"},
		{" (1). ", true, false, "correct"},
		{"No", false, false, "wrong: it can"},
		{"2", false, false, "wrong: it can"},
		{"10.0.0.1", false, true, `not counted: "10.0.0.1" is not one of the choices; pick one by its number, 1 to 2`},
		{"3", false, true, "not counted: there is no choice 3"},
		{"0", false, true, "there is no choice 0"},
		{"maybe", false, true, "not one of the choices"},
		{strings.Repeat("x", 600), false, true, "far too long"},
	}
	for _, tt := range tests {
		f := check(tt.answer)
		if f.Correct != tt.correct || f.Invalid != tt.invalid || f.Blank || !strings.Contains(f.Message, tt.says) {
			t.Errorf("checkChoice(%q) = %+v; want correct %v, invalid %v, saying %q", tt.answer, f, tt.correct, tt.invalid, tt.says)
		}
	}
}
