package practiceview

import (
	"encoding/json"
	"html"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
)

// choiceSession returns a session whose current question is a
// multiple-choice one.
func choiceSession(t *testing.T) *Session {
	t.Helper()
	for seed := uint64(1); seed < 50; seed++ {
		ss := NewSession(practice.State{Seed: seed, Topics: practice.DefaultTopics(), Level: 1})
		if i := slices.IndexFunc(ss.set.Questions, func(q practice.Question) bool { return q.Kind == practice.Choice }); i >= 0 {
			ss.current = i
			return ss
		}
	}
	t.Fatal("no multiple-choice question in the first 50 seeds")
	return nil
}

func TestRegions(t *testing.T) {
	ss := choiceSession(t)
	q := ss.set.Questions[ss.current]
	r := Regions(ss.View())
	if len(r) != 2 || r[0].ID != ScoreRegion || r[1].ID != QuestionRegion {
		t.Fatalf("regions %+v", r)
	}
	if !strings.HasPrefix(r[0].HTML, `<dl class="facts practice-score">`) || !strings.Contains(r[0].HTML, `<code data-field="total">10</code>`) {
		t.Errorf("score region: %s", r[0].HTML)
	}
	question := r[1].HTML
	for _, want := range []string{
		`<div class="practice-q"><h2 id="practice-q-title">Question <span data-field="number">` + strconv.Itoa(ss.current+1) + `</span> of 10 · `,
		`<p class="practice-question" data-field="question">` + html.EscapeString(q.Text) + `</p>`,
		`data-choice="0"`,
		`<span class="practice-key" aria-hidden="true">1</span>` + html.EscapeString(q.Choices[0]),
	} {
		if !strings.Contains(question, want) {
			t.Errorf("question region lacks %s:\n%s", want, question)
		}
	}
	if n := strings.Count(question, `data-field="choice"`); n != len(q.Choices) {
		t.Errorf("%d choices; want %d", n, len(q.Choices))
	}
	if strings.Contains(question, "disabled") || strings.Contains(question, "practice-choice-right") {
		t.Errorf("an open question's choices are disabled or marked:\n%s", question)
	}

	// Answered: the choices are disabled and the right one is marked.
	if _, counted := ss.Answer(q.Answer); !counted {
		t.Fatal("the right answer did not count")
	}
	question = Regions(ss.View())[1].HTML
	if strings.Count(question, `disabled=""`) != len(q.Choices) || strings.Count(question, "practice-choice-right") != 1 {
		t.Errorf("answered question's choices:\n%s", question)
	}
	if !strings.Contains(Regions(ss.View())[0].HTML, `<code data-field="score">1</code>`) {
		t.Errorf("score after a right answer: %s", Regions(ss.View())[0].HTML)
	}
}

func TestOpen(t *testing.T) {
	s := practice.State{Seed: 7, Topics: []practice.Topic{practice.TopicSubnet}, Level: 1}
	first := NewSession(s)
	answers := make([]string, first.Len())
	answers[0] = first.set.Questions[0].Answer
	kept, _ := json.Marshal(practice.Progress{V: practice.ProgressVersion, Current: 4, Answers: answers, Streak: 1, Best: 1})

	ss, notice := Open(s, string(kept))
	if v := ss.View(); notice != "" || v.Number != 5 || v.Score != "1" || v.Streak != "1" {
		t.Errorf("Open with kept progress: number %d score %s streak %s, notice %q", v.Number, v.Score, v.Streak, notice)
	}
	ss, notice = Open(s, `{"v":1,"answers":"oops"`)
	if v := ss.View(); !strings.Contains(notice, "could not be read") || v.Number != 1 || v.AnsweredText != "0" {
		t.Errorf("Open with broken progress: number %d answered %s, notice %q", v.Number, v.AnsweredText, notice)
	}
	if _, notice := Open(s, ""); notice != "" {
		t.Errorf("Open with nothing kept: notice %q", notice)
	}
}
