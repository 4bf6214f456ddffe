package practice_test

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
)

// seedsPerCase is how many seeds the property tests try for every topic
// and level; -short tries fewer.
func seedsPerCase(t *testing.T) int {
	if testing.Short() {
		return 100
	}
	return 1000
}

// TestEveryQuestionAcceptsItsAnswer generates thousands of questions for
// every topic at every level and checks each: its stored answer passes the
// checker, a second computation agrees, a Choice question's answer is one
// of its choices, and a wrong choice is rejected with a reason.
func TestEveryQuestionAcceptsItsAnswer(t *testing.T) {
	t.Parallel() // generating thousands of questions: the slowest tests of the package
	n := seedsPerCase(t)
	for _, topic := range practice.Topics() {
		for level := practice.MinLevel; level <= practice.MaxLevel; level++ {
			for seed := range uint64(n) {
				q := practice.Generate(topic, level, seed, int(seed%7))
				where := func() string { return string(topic) + " level " + string(rune('0'+level)) + ": " + q.Text }
				if q.Text == "" || q.Answer == "" || len(q.Steps) == 0 {
					t.Fatalf("seed %d: %s: empty text, answer or solution: %+v", seed, where(), q)
				}
				if f := q.Check(q.Answer); !f.Correct || !strings.HasPrefix(f.Message, "correct") {
					t.Fatalf("seed %d: %s\nCheck(%q) = %+v; want correct", seed, where(), q.Answer, f)
				}
				if f := q.Check("  " + q.Answer + "\t"); !f.Correct {
					t.Fatalf("seed %d: %s\nCheck with spaces around %q = %+v; want correct", seed, where(), q.Answer, f)
				}
				if err := q.Verify(); err != nil {
					t.Fatalf("seed %d: %s\nVerify: %v", seed, where(), err)
				}
				if q.Kind == practice.Choice {
					i := q.ChoiceIndex()
					if i < 0 {
						t.Fatalf("seed %d: %s\nanswer %q is not among %q", seed, where(), q.Answer, q.Choices)
					}
					if f := q.Check(string(rune('1' + i))); !f.Correct {
						t.Fatalf("seed %d: %s\nchoice number %d rejected: %+v", seed, where(), i+1, f)
					}
					for j := range q.Choices {
						if j == i {
							continue
						}
						f := q.Check(q.Choices[j])
						if f.Correct || !strings.HasPrefix(f.Message, "wrong: ") || len(f.Message) < 12 {
							t.Fatalf("seed %d: %s\nwrong choice %q: %+v; want a reason", seed, where(), q.Choices[j], f)
						}
					}
				} else if f := q.Check("nonsense"); f.Correct || !strings.HasPrefix(f.Message, "wrong: ") {
					t.Fatalf("seed %d: %s\nCheck(nonsense) = %+v", seed, where(), f)
				}
			}
		}
	}
}
