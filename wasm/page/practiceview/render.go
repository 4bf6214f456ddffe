package practiceview

import (
	"strconv"

	"github.com/netground/netground/core/practice"
	. "github.com/netground/netground/wasm/markup"
)

// The ids of the page's regions that Regions fills: the score, and the
// question with its choices. The app lays out an element of each id and
// shows the region's HTML in it; the practice first-answer binary writes
// the same HTML into the pre-rendered page's elements.
const (
	ScoreRegion    = "practice-score"
	QuestionRegion = "practice-question"
)

// Region is one of the page's regions: the element with the id ID holds
// HTML.
type Region struct {
	ID, HTML string
}

// Open starts the set of s with the progress the browser keeps of it
// (stored, "" when none): notice says why kept progress was ignored.
func Open(s practice.State, stored string) (ss *Session, notice string) {
	ss = NewSession(s)
	p, found, notice := practice.OpenProgress(stored, ss.Len())
	if found {
		ss.Load(p)
	}
	return ss, notice
}

// Regions writes what the page shows of v as HTML, region by region, each
// one element (go-app's Raw shows one root). A
// choice is a button whose data-choice is its index from 0: the page
// listens for clicks on the region, not on each button.
func Regions(v View) []Region {
	score := El("dl",
		fact("Correct", "score", v.Score),
		fact("Answered", "answered", v.AnsweredText),
		fact("Questions", "total", v.TotalText),
		fact("Streak", "streak", v.Streak),
		fact("Best streak", "best-streak", v.Best),
	).Class("facts practice-score")
	question := El("div",
		El("h2",
			Text("Question "),
			El("span", Text(strconv.Itoa(v.Number))).Field("number"),
			Text(" of "+strconv.Itoa(v.Total)+" · "),
			El("span", Text(v.TopicTitle)).Field("topic"),
			Text(" · level "+v.Level),
		).Attr("id", "practice-q-title"),
		El("p", Text(v.Text)).Class("practice-question").Field("question"),
		If(len(v.Given) > 0, El("ul", Each(len(v.Given), func(i int) Node {
			return El("li", El("code", Text(v.Given[i]))).Field("given")
		})).Class("practice-given")),
		If(v.IsChoice, El("ol", Each(len(v.Choices), func(i int) Node {
			class := "practice-choice"
			if v.Answered && v.Choices[i] == v.Answer {
				class += " practice-choice-right"
			}
			b := El("button",
				El("span", Text(strconv.Itoa(i+1))).Class("practice-key").Attr("aria-hidden", "true"),
				Text(v.Choices[i]),
			).Attr("type", "button").Class(class).Field("choice").Attr("data-choice", strconv.Itoa(i))
			if v.Answered {
				b = b.Attr("disabled", "")
			}
			return El("li", b)
		})).Class("practice-choices")),
	).Class("practice-q")
	return []Region{{ScoreRegion, score.String()}, {QuestionRegion, question.String()}}
}

// fact is one labelled value with its data-field name.
func fact(label, field, value string) Node {
	return El("div", El("dt", Text(label)), El("dd", El("code", Text(value)).Field(field))).Class("fact")
}
