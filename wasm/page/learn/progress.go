package learn

import (
	"strconv"

	"github.com/netground/netground/core/course"
	"github.com/netground/netground/core/practice"
)

// storageKey names the course's progress in localStorage.
const storageKey = "netground-learn"

// progressVersion is the version of the stored progress.
const progressVersion = 1

// progress is what localStorage keeps of the course: for each chapter's
// slug, the answer given to each of its questions ("" while unanswered).
// Correctness is not stored: it is checked again on load, so a chapter
// whose questions change loses nothing but the answers that no longer fit.
type progress struct {
	V        int                 `json:"v"`
	Chapters map[string][]string `json:"chapters"`
}

// maxAnswer is the longest answer kept.
const maxAnswer = practice.MaxStoredAnswer

// quiz is a chapter's questions being answered. It is plain Go, so the
// page's logic is tested natively.
type quiz struct {
	questions []practice.Question
	answers   []string            // the answer that counts for each question; "" while open
	feedback  []practice.Feedback // the verdict on each answer
	retry     []string            // why the last text typed for each question was not counted
}

func newQuiz(c course.Chapter) *quiz {
	q := &quiz{}
	for _, r := range c.Questions {
		q.questions = append(q.questions, r.Question())
	}
	n := len(q.questions)
	q.answers, q.feedback, q.retry = make([]string, n), make([]practice.Feedback, n), make([]string, n)
	return q
}

// load applies stored answers, rechecking each; answers that do not fit
// the questions (too many, or no longer an answer) are dropped.
func (q *quiz) load(stored []string) {
	for i, a := range stored {
		if i >= len(q.questions) || a == "" || len(a) > maxAnswer {
			continue
		}
		f := q.questions[i].Check(a)
		if f.Blank || f.Invalid {
			continue
		}
		q.answers[i], q.feedback[i] = a, f
	}
}

// stored returns the answers to keep.
func (q *quiz) stored() []string { return append([]string(nil), q.answers...) }

// answer checks text as the answer to question i and reports whether it
// counted: blank text, text that names no choice, or a question already
// answered does not.
func (q *quiz) answer(i int, text string) bool {
	if i < 0 || i >= len(q.questions) || q.answers[i] != "" {
		return false
	}
	f := q.questions[i].Check(text)
	if f.Blank || f.Invalid {
		q.retry[i] = f.Message
		return false
	}
	a := text
	if len(a) > maxAnswer {
		a = a[:maxAnswer]
	}
	q.answers[i], q.feedback[i], q.retry[i] = a, f, ""
	return true
}

// again reopens a question answered wrong, so the learner may try again.
func (q *quiz) again(i int) {
	if i >= 0 && i < len(q.questions) && q.answers[i] != "" && !q.feedback[i].Correct {
		q.answers[i], q.feedback[i], q.retry[i] = "", practice.Feedback{}, ""
	}
}

// score returns how many questions are answered, and answered right.
func (q *quiz) score() (answered, right int) { return practice.Score(q.answers, q.feedback) }

// status says how far a learner is with a chapter of total questions.
func status(answered, right, total int) string {
	switch {
	case total > 0 && right == total:
		return "Done: all " + strconv.Itoa(total) + " answered right"
	case answered == 0:
		return "Not started"
	}
	return strconv.Itoa(right) + " of " + strconv.Itoa(total) + " answered right"
}

// chapterStatus checks the stored answers of a chapter and says how far
// the learner is, and whether the chapter is done.
func chapterStatus(c course.Chapter, stored []string) (string, bool) {
	q := newQuiz(c)
	q.load(stored)
	answered, right := q.score()
	return status(answered, right, len(q.questions)), right == len(q.questions) && right > 0
}
