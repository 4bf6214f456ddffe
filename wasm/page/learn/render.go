package learn

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/course"
	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/wasm/ui"
)

func (c *page) Render() app.UI {
	var body app.UI
	switch {
	case c.Failed():
		body = ui.FailurePanel(&c.Boundary, c.onReset)
	case c.missing:
		body = app.Div().Body(
			app.H1().ID("learn-title").Text("No such chapter"),
			app.P().Body(app.Text("The course has no chapter at this link. "), app.A().Href(ui.Href(Path)).Text("See all chapters")),
		)
	case c.chapter.Slug != "":
		body = c.renderChapter()
	default:
		body = c.renderList()
	}
	return ui.Layout(c.embed, Path, ui.Href(c.route),
		app.Section().Class("widget learn").Aria("labelledby", "learn-title").Body(body),
	)
}

// progressText returns a status of the learner's progress once the app has
// read what this browser keeps, and until then a blank that holds the
// line: the pre-rendered page cannot know it, and "Not started" there
// would tell a returning learner that their progress is gone.
func (c *page) progressText(text string) string {
	if !c.read {
		return "\u00a0"
	}
	return text
}

// renderList is /learn: the chapters in order, each with how far the
// learner is.
func (c *page) renderList() app.UI {
	cs, err := Chapters()
	done := 0
	statuses := make([]string, len(cs))
	dones := make([]bool, len(cs))
	for i, ch := range cs {
		statuses[i], dones[i] = chapterStatus(ch, c.stored.Chapters[ch.Slug])
		statuses[i] = c.progressText(statuses[i])
		if dones[i] {
			done++
		}
	}
	courseProgress := c.progressText(strconv.Itoa(done) + " of " + strconv.Itoa(len(cs)) + " chapters done")
	return app.Div().Body(
		app.H1().ID("learn-title").Text("Learn"),
		app.P().Class("widget-intro").Text("How a packet finds the right machine, and on that machine the right service: "+
			"a short course in "+strconv.Itoa(len(cs))+" chapters. Each has the live widgets set to the examples it discusses, and questions at the end."),
		app.If(err != nil, app.P().Class("error").Text("The course could not be read: "+errText(err))),
		app.If(c.notice != "", app.P().Class("notice").Role("status").DataSet("field", "storage-notice").Text(c.notice)),
		app.P().Class("learn-course-progress").DataSet("field", "course-progress").
			Text(courseProgress),
		app.Ol().Class("learn-chapters").Body(
			app.Range(cs).Slice(func(i int) app.UI {
				ch := cs[i]
				cls := "learn-chapter-item"
				if dones[i] {
					cls += " learn-done"
				}
				return app.Li().Class(cls).Body(
					app.A().Href(ui.Href(c.linkTo(ch.Slug))).DataSet("field", "chapter").Text(ch.Title),
					app.P().Class("learn-summary").Text(ch.Summary),
					app.P().Class("learn-status").DataSet("field", "chapter-progress").Text(statuses[i]),
				)
			}),
		),
		app.P().Class("muted").Text("Your progress is kept in this browser only."),
	)
}

// linkTo returns the path of a chapter; an embedded page links to embed
// pages, so that a course page's frame stays a frame.
func (c *page) linkTo(slug string) string {
	p := Path
	if slug != "" {
		p += "/" + slug
	}
	if c.embed {
		return "/embed" + p
	}
	return p
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// renderChapter is one chapter: its prose and widgets, then its questions.
func (c *page) renderChapter() app.UI {
	ch := c.chapter
	cs, _ := Chapters()
	var prev, next course.Chapter
	if ch.Number > 1 && ch.Number-2 < len(cs) {
		prev = cs[ch.Number-2]
	}
	if ch.Number < len(cs) {
		next = cs[ch.Number]
	}
	var prose app.UI = app.P().Class("learn-loading").Role("status").Text("Loading the chapter…")
	switch {
	case c.proseErr != "":
		prose = app.P().Class("error").Role("alert").Text(c.proseErr)
	case c.prose != "":
		prose = app.Raw(c.prose)
	}
	return app.Div().Class("learn-chapter").Body(
		app.P().Class("learn-kicker").Body(
			app.A().Href(ui.Href(c.linkTo(""))).Text("Learn"),
			app.Text(" · chapter "),
			app.Span().DataSet("field", "chapter-number").Text(strconv.Itoa(ch.Number)),
			app.Text(" of "+strconv.Itoa(len(cs))),
		),
		app.H1().ID("learn-title").DataSet("field", "chapter-title").Text(ch.Title),
		prose,
		c.renderQuestions(),
		app.Nav().Class("learn-pager").Aria("label", "Chapters").Body(
			app.If(prev.Slug != "", app.A().Class("button button-secondary").Href(ui.Href(c.linkTo(prev.Slug))).
				DataSet("field", "chapter-prev").Text("← "+prev.Title)),
			app.A().Class("button button-secondary").Href(ui.Href(c.linkTo(""))).Text("All chapters"),
			app.If(next.Slug != "", app.A().Class("button").Href(ui.Href(c.linkTo(next.Slug))).
				DataSet("field", "chapter-next").Text(next.Title+" →")),
		),
	)
}

func (c *page) renderQuestions() app.UI {
	q := c.quiz
	if q == nil || len(q.questions) == 0 {
		return nil
	}
	answered, right := q.score()
	return app.Section().Class("learn-questions").Aria("labelledby", "learn-q-title").Body(
		app.H2().ID("learn-q-title").Text("Check yourself"),
		app.P().Class("learn-score").Role("status").DataSet("field", "chapter-score").Text(c.progressText(status(answered, right, len(q.questions)))),
		app.If(c.notice != "", app.P().Class("notice").Role("status").DataSet("field", "storage-notice").Text(c.notice)),
		app.Range(q.questions).Slice(func(i int) app.UI { return c.renderQuestion(i) }),
	)
}

func (c *page) renderQuestion(i int) app.UI {
	q := c.quiz
	qq := q.questions[i]
	answered := q.answers[i] != ""
	f := q.feedback[i]
	id := "learn-q-" + strconv.Itoa(i+1)
	hint := "Type " + qq.Format + "."
	if qq.Kind == practice.Choice {
		hint = "Pick a choice above, or type its number or its text."
	} else if qq.Format == "" {
		hint = ""
	}
	cls := "learn-question"
	if answered && f.Correct {
		cls += " learn-right"
	} else if answered {
		cls += " learn-wrong"
	}
	return app.Div().Class(cls).DataSet("field", "learn-question").Aria("labelledby", id).Role("group").Body(
		app.H3().ID(id).Text("Question "+strconv.Itoa(i+1)+" · "+qq.Topic.Title()),
		app.P().DataSet("field", "question").Text(qq.Text),
		app.If(len(qq.Given) > 0, app.Ul().Class("practice-given").Body(
			app.Range(qq.Given).Slice(func(j int) app.UI {
				return app.Li().DataSet("field", "given").Body(app.Code().Text(qq.Given[j]))
			}),
		)),
		app.If(qq.Kind == practice.Choice, app.Ol().Class("practice-choices").Body(
			app.Range(qq.Choices).Slice(func(j int) app.UI {
				b := app.Button().Type("button").Class("practice-choice").DataSet("field", "choice").
					Disabled(answered || app.IsServer).OnClick(c.onChoose(i, j)).Text(qq.Choices[j])
				if answered && qq.Choices[j] == qq.Answer {
					b = b.Class("practice-choice-right")
				}
				return app.Li().Body(b)
			}),
		)),
		app.If(!answered, app.Form().Class("practice-form").OnSubmit(c.onSubmit(i)).Body(
			app.Div().Class("field").Body(
				app.Label().For(answerID(i)).Text("Your answer"),
				app.Input().Type("text").ID(answerID(i)).Name("answer-"+strconv.Itoa(i+1)).
					AutoComplete(false).Attr("spellcheck", "false").Attr("autocapitalize", "off").
					ReadOnly(app.IsServer).Aria("describedby", answerID(i)+"-hint"),
				app.P().ID(answerID(i)+"-hint").Class("field-message muted").Text(hint),
			),
			app.Button().Type("submit").Class("button").Disabled(app.IsServer).Text("Check"),
		)),
		app.Div().Class("practice-result").Aria("live", "polite").Body(
			app.If(q.retry[i] != "", app.P().Class("practice-retry error").DataSet("field", "not-counted").Text(q.retry[i])),
			app.If(answered, app.P().Class(feedbackClass(f.Correct)).DataSet("field", "feedback").Text(f.Message)),
			app.If(answered, app.P().Class("muted").Body(app.Text("Your answer: "), app.Code().DataSet("field", "given-answer").Text(q.answers[i]))),
		),
		app.If(answered, ui.WorkedSolution(app.H4().Text("Why"), qq.Answer, qq.Steps, qq.Work, qq.Table)),
		app.If(answered && !f.Correct, app.Button().Type("button").Class("button button-secondary").
			DataSet("field", "try-again").OnClick(c.onAgain(i)).Text("Try again")),
	)
}

func feedbackClass(correct bool) string {
	if correct {
		return "practice-feedback practice-correct"
	}
	return "practice-feedback practice-wrong"
}
