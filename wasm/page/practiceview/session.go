// Package practiceview is the Practice page without go-app: a set being
// answered (Session), what the page shows of it (View), and the question
// and score written as HTML (Regions), which the practice first-answer
// binary and the app both show. It is plain Go, so the page's logic is
// tested natively and under Node.
package practiceview

import (
	"strconv"
	"strings"

	"github.com/netground/netground/core/practice"
)

// Session is a set being answered: the questions, the learner's first
// answer to each, which one is shown and the score.
type Session struct {
	state    practice.State
	set      practice.Set
	answers  []string            // first answer to each question; "" while unanswered
	feedback []practice.Feedback // the verdict on each answer
	current  int
	streak   int
	best     int
}

// NewSession starts the set of s, nothing answered.
func NewSession(s practice.State) *Session {
	set := practice.NewSet(s.Seed, s.Topics, s.Level, practice.DefaultCount)
	n := len(set.Questions)
	return &Session{state: s, set: set, answers: make([]string, n), feedback: make([]practice.Feedback, n)}
}

// Load applies stored progress, rechecking every stored answer.
func (ss *Session) Load(p practice.Progress) {
	ss.current, ss.streak, ss.best = p.Current, p.Streak, p.Best
	for i, a := range p.Answers {
		if a == "" {
			continue
		}
		f := ss.set.Questions[i].Check(a)
		if f.Blank || f.Invalid {
			// Kept by a version that counted text naming no choice.
			continue
		}
		ss.answers[i], ss.feedback[i] = a, f
	}
}

// Progress is what the browser keeps of the session.
func (ss *Session) Progress() practice.Progress {
	return practice.Progress{V: practice.ProgressVersion, Current: ss.current, Answers: append([]string(nil), ss.answers...), Streak: ss.streak, Best: ss.best}
}

// Answer records the first answer to the current question and reports
// whether it counted; a blank answer, text that names no choice of a
// multiple-choice question, or a second answer does not.
func (ss *Session) Answer(text string) (practice.Feedback, bool) {
	i := ss.current
	if ss.answers[i] != "" {
		return ss.feedback[i], false
	}
	f := ss.set.Questions[i].Check(text)
	if f.Blank || f.Invalid {
		return f, false
	}
	ss.answers[i] = strings.TrimSpace(text)
	if len(ss.answers[i]) > 512 {
		ss.answers[i] = ss.answers[i][:512]
	}
	ss.feedback[i] = f
	if f.Correct {
		ss.streak++
		ss.best = max(ss.best, ss.streak)
	} else {
		ss.streak = 0
	}
	return f, true
}

// Move shows the question delta places away, staying within the set.
func (ss *Session) Move(delta int) {
	ss.current = min(max(ss.current+delta, 0), len(ss.set.Questions)-1)
}

// NextUnanswered moves to the next question not answered yet, after the
// current one and wrapping around, or one further when all are answered.
func (ss *Session) NextUnanswered() {
	n := len(ss.set.Questions)
	for k := 1; k <= n; k++ {
		if j := (ss.current + k) % n; ss.answers[j] == "" {
			ss.current = j
			return
		}
	}
	ss.Move(1)
}

// CurrentAnswered reports whether the question shown is answered.
func (ss *Session) CurrentAnswered() bool { return ss.answers[ss.current] != "" }

// State is the set's seed, topics and level.
func (ss *Session) State() practice.State { return ss.state }

// Len is the number of questions in the set.
func (ss *Session) Len() int { return len(ss.set.Questions) }

func (ss *Session) score() (answered, correct int) { return practice.Score(ss.answers, ss.feedback) }

// View is everything the page shows of a session.
type View struct {
	Number, Total       int
	TopicTitle          string
	Level               string
	Text, Format        string
	Given, Choices      []string
	IsChoice            bool
	Answered            bool
	Given1              string // the answer given
	Feedback            string
	Correct             bool
	Steps, Work         []string
	Table               practice.Table
	Answer              string
	Score, AnsweredText string
	TotalText, Streak   string
	Best                string
	Done                bool // every question answered
	Summary             string
	First, Last         bool
}

// View computes what the page shows.
func (ss *Session) View() View {
	q := ss.set.Questions[ss.current]
	answered, correct := ss.score()
	total := len(ss.set.Questions)
	v := View{
		Number: ss.current + 1, Total: total,
		TopicTitle: q.Topic.Title(), Level: strconv.Itoa(q.Level),
		Text: q.Text, Format: q.Format, Given: q.Given, Choices: q.Choices, IsChoice: q.Kind == practice.Choice,
		Score: strconv.Itoa(correct), AnsweredText: strconv.Itoa(answered), TotalText: strconv.Itoa(total),
		Streak: strconv.Itoa(ss.streak), Best: strconv.Itoa(ss.best),
		First: ss.current == 0, Last: ss.current == total-1,
		Done: answered == total,
	}
	if a := ss.answers[ss.current]; a != "" {
		f := ss.feedback[ss.current]
		v.Answered, v.Given1, v.Feedback, v.Correct = true, a, f.Message, f.Correct
		v.Steps, v.Work, v.Table, v.Answer = q.Steps, q.Work, q.Table, q.Answer
	}
	if v.Done {
		v.Summary = "You answered all " + v.TotalText + " questions: " + v.Score + " correct, best streak " + v.Best + "."
	}
	return v
}

// Message is what a host page receives after each answer.
func (ss *Session) Message() map[string]any {
	answered, correct := ss.score()
	topics := make([]any, len(ss.state.Topics))
	for i, t := range ss.state.Topics {
		topics[i] = string(t)
	}
	return map[string]any{
		"type":     "netground:practice",
		"answered": answered,
		"correct":  correct,
		"total":    len(ss.set.Questions),
		"seed":     float64(ss.state.Seed),
		"topics":   topics,
		"level":    ss.state.Level,
	}
}

// Shortcut maps a key pressed outside a text field to an action: "next",
// "prev", "new" or a choice number "1"–"9" (as the index from 0 in pick).
func Shortcut(key string, choices int) (action string, pick int) {
	switch key {
	case "n", "N", "ArrowRight":
		return "next", -1
	case "p", "P", "ArrowLeft":
		return "prev", -1
	}
	if len(key) == 1 && key[0] >= '1' && key[0] <= '9' {
		if i := int(key[0] - '1'); i < choices {
			return "choose", i
		}
	}
	return "", -1
}
