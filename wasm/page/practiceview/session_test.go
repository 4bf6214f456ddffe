package practiceview

import (
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
)

func TestSessionScoresAndStreaks(t *testing.T) {
	ss := NewSession(practice.State{Seed: 42, Topics: []practice.Topic{practice.TopicSubnet, practice.TopicNAT}, Level: 2})
	qs := ss.set.Questions
	if f, counted := ss.Answer("   "); counted || !f.Blank {
		t.Fatalf("a blank answer counted: %+v", f)
	}
	if f, counted := ss.Answer(qs[0].Answer); !counted || !f.Correct {
		t.Fatalf("the right answer: %+v, counted %v", f, counted)
	}
	if _, counted := ss.Answer("x"); counted {
		t.Fatalf("a second answer to the same question counted")
	}
	v := ss.View()
	if !v.Answered || !strings.HasPrefix(v.Feedback, "correct") || v.Answer != qs[0].Answer || len(v.Steps) == 0 {
		t.Errorf("view after a right answer = %+v", v)
	}
	ss.NextUnanswered()
	ss.Answer(qs[1].Answer)
	ss.NextUnanswered()
	if f, _ := ss.Answer("nonsense"); f.Correct || !strings.HasPrefix(f.Message, "wrong") {
		t.Errorf("nonsense accepted: %+v", f)
	}
	v = ss.View()
	if v.Score != "2" || v.AnsweredText != "3" || v.TotalText != "10" || v.Streak != "0" || v.Best != "2" {
		t.Errorf("score %s answered %s total %s streak %s best %s; want 2 3 10 0 2", v.Score, v.AnsweredText, v.TotalText, v.Streak, v.Best)
	}
	m := ss.Message()
	if m["type"] != "netground:practice" || m["answered"] != 3 || m["correct"] != 2 || m["total"] != 10 || m["seed"] != float64(42) {
		t.Errorf("message = %v", m)
	}

	// Progress round-trips through storage, answers checked again.
	p := ss.Progress()
	again := NewSession(ss.state)
	if err := p.Check(len(again.set.Questions)); err != nil {
		t.Fatal(err)
	}
	again.Load(p)
	if got, want := again.View(), ss.View(); got.Score != want.Score || got.Streak != want.Streak || got.Number != want.Number {
		t.Errorf("restored view %+v; want %+v", got, want)
	}
}

func TestShortcuts(t *testing.T) {
	tests := []struct {
		key     string
		choices int
		action  string
		pick    int
	}{
		{"n", 0, "next", -1}, {"ArrowRight", 0, "next", -1}, {"p", 0, "prev", -1},
		{"1", 3, "choose", 0}, {"3", 3, "choose", 2}, {"4", 3, "", -1}, {"1", 0, "", -1}, {"x", 2, "", -1},
	}
	for _, tt := range tests {
		a, i := Shortcut(tt.key, tt.choices)
		if a != tt.action || i != tt.pick {
			t.Errorf("Shortcut(%q, %d) = %q, %d; want %q, %d", tt.key, tt.choices, a, i, tt.action, tt.pick)
		}
	}
}

// TestSessionTextNamingNoChoice checks that text naming none of a
// multiple-choice question's choices is not counted, and that progress kept
// with such an answer reopens the question.
func TestSessionTextNamingNoChoice(t *testing.T) {
	for seed := uint64(1); seed < 50; seed++ {
		ss := NewSession(practice.State{Seed: seed, Topics: practice.DefaultTopics(), Level: 1})
		i := slices.IndexFunc(ss.set.Questions, func(q practice.Question) bool { return q.Kind == practice.Choice })
		if i < 0 {
			continue
		}
		ss.current = i
		f, counted := ss.Answer("10.0.0.1")
		if counted || !f.Invalid || !strings.HasPrefix(f.Message, "not counted") {
			t.Fatalf("seed %d: answer %q to %q = %+v, counted %v; want not counted", seed, "10.0.0.1", ss.set.Questions[i].Choices, f, counted)
		}
		if v := ss.View(); v.Answered || v.AnsweredText != "0" || v.Streak != "0" {
			t.Errorf("seed %d: view after text naming no choice = %+v", seed, v)
		}
		p := ss.Progress()
		p.Answers[i] = "10.0.0.1"
		ss2 := NewSession(ss.state)
		ss2.Load(p)
		if ss2.answers[i] != "" {
			t.Errorf("seed %d: kept answer %q reloaded as answered", seed, "10.0.0.1")
		}
		if _, counted := ss.Answer("1"); !counted {
			t.Errorf("seed %d: choice 1 after a retry not counted", seed)
		}
		return
	}
	t.Fatal("no multiple-choice question in the first 50 seeds")
}
