package practice

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/wasm/page/practiceview"
	"github.com/netground/netground/wasm/ui"
)

func (c *page) Render() app.UI {
	return ui.Layout(c.IsEmbed(), "/practice", ui.Href(ui.WidgetPath(c.state)),
		app.Section().Class("widget practice").Aria("labelledby", "practice-title").Body(
			app.H1().ID("practice-title").Text("Practice"),
			app.P().Class("widget-intro").Text("Questions on addresses, subnets, ports, sockets, NAT and Kubernetes. "+
				"Every answer is computed by the same engines as the widgets, so it is right by construction; type it in any usual form."),
			ui.LinkNotice(c.Problems()),
			c.renderSetup(),
			app.If(c.Failed(), ui.FailurePanel(&c.Boundary, c.onReset)).
				ElseIf(c.ss != nil, c.renderQuestion()),
			app.If(!c.IsEmbed(), ui.ShareBar("practice", ui.WidgetPath(c.state), ui.EmbedPath(c.state), practice.Document(c.state))),
			app.Details().Class("why").Body(
				app.Summary().Text("Why? How the questions are made"),
				app.P().Text("Each question is drawn at random from a seed, and its answer is computed by Netground's own address, subnet, plan, port, bind, NAT and Kubernetes engines. "+
					"The same seed, topics and level always give the same questions, so a link gives a whole class the same set."),
				app.P().Text("Your progress is kept in this browser only. Embedded in a course page, the page reports your score to it after each answer."),
			),
		),
	)
}

func (c *page) renderSetup() app.UI {
	ro := c.IsReadonly()
	levels := []string{"1 — one step", "2 — a few steps", "3 — harder cases"}
	details := app.Details().Class("practice-setup")
	if !c.IsEmbed() {
		details = details.Open(true)
	}
	return details.Body(
		app.Summary().Text("Topics, difficulty and seed"),
		app.FieldSet().Class("practice-topics").Body(
			app.Legend().Text("Topics"),
			app.Range(practice.Topics()).Slice(func(i int) app.UI {
				t := practice.Topics()[i]
				id := "practice-topic-" + string(t)
				return app.Div().Class("practice-topic").Body(
					app.Input().Type("checkbox").ID(id).Name("topics").Value(string(t)).
						Checked(slices.Contains(c.state.Topics, t)).Disabled(ro).OnChange(c.onTopic(t)),
					app.Label().For(id).Text(t.Title()),
				)
			}),
		),
		app.Div().Class("practice-row").Body(
			app.Div().Class("field").Body(
				app.Label().For("practice-level").Text("Difficulty"),
				app.Select().ID("practice-level").Name("level").Disabled(ro).OnChange(c.onLevel).Body(
					app.Range(levels).Slice(func(i int) app.UI {
						return app.Option().Value(strconv.Itoa(i + 1)).Selected(c.state.Level == i+1).Text(levels[i])
					}),
				),
			),
			app.Div().Class("field").Body(
				app.Label().For("practice-seed").Text("Seed"),
				app.Input().Type("text").ID("practice-seed").Name("seed").Class("practice-seed").
					Value(strconv.FormatUint(c.state.Seed, 10)).Attr("inputmode", "numeric").
					AutoComplete(false).ReadOnly(ro).DataSet("field", "seed").OnChange(c.onSeed),
			),
			app.Button().Type("button").Class("button button-secondary").DataSet("action", "new-set").Disabled(ro).OnClick(c.onNewSet).Text("New set"),
		),
	)
}

func (c *page) renderQuestion() app.UI {
	v := c.v
	r := practiceview.Regions(v)
	return app.Div().Class("practice-main").Body(
		app.Div().ID(practiceview.ScoreRegion).Body(ui.Raw(r[0].HTML)),
		app.If(c.notice != "", app.P().Class("notice").Role("status").DataSet("field", "storage-notice").Text(c.notice)),
		app.Section().Class("practice-card").Aria("labelledby", "practice-q-title").Body(
			app.Div().ID(practiceview.QuestionRegion).On("click", c.onChoice).Body(ui.Raw(r[1].HTML)),
			app.Form().Class("practice-form").OnSubmit(c.onSubmit).Body(
				app.Div().Class("field").Body(
					app.Label().For("practice-answer").Text("Your answer"),
					app.Input().Type("text").ID("practice-answer").Name("answer").
						AutoComplete(false).Attr("spellcheck", "false").Attr("autocapitalize", "off").
						Aria("describedby", "practice-format"),
					app.P().ID("practice-format").Class("field-message muted").Text(formatHint(v)),
				),
				app.Button().Type("submit").Class("button").Text(submitLabel(v)),
			),
			app.Div().Class("practice-result").Aria("live", "polite").Body(
				app.If(c.retry != "", app.P().Class("practice-retry error").DataSet("field", "not-counted").Text(c.retry)),
				app.If(v.Answered, app.P().Class(feedbackClass(v)).DataSet("field", "feedback").Text(v.Feedback)),
				app.If(v.Answered, app.P().Class("muted").Body(app.Text("Your answer: "), app.Code().DataSet("field", "given-answer").Text(v.Given1))),
			),
			app.If(v.Answered, c.renderSolution()),
			app.Nav().Class("practice-nav").Aria("label", "Questions").Body(
				app.Button().Type("button").Class("button button-secondary").Disabled(v.First).OnClick(c.onPrev).Text("Previous"),
				app.Button().Type("button").Class("button button-secondary").Disabled(v.Last).OnClick(c.onNext).Text("Next question"),
			),
			app.P().Class("practice-keys muted").Text("Keys: Enter checks your answer and, once answered, goes to the next open question; outside the answer field N or → goes on, P or ← goes back, and 1–9 picks a choice."),
		),
		app.If(v.Done, app.P().Class("practice-done").Role("status").DataSet("field", "summary").Text(v.Summary)),
	)
}

func (c *page) renderSolution() app.UI {
	v := c.v
	return ui.WorkedSolution(app.H3().Text("Worked solution"), v.Answer, v.Steps, v.Work, v.Table)
}

func formatHint(v practiceview.View) string {
	if v.IsChoice {
		return "Type the number of a choice, or pick it above."
	}
	if v.Format == "" {
		return ""
	}
	return "Type " + v.Format + "."
}

func submitLabel(v practiceview.View) string {
	if v.Answered {
		return "Next open question"
	}
	return "Check"
}

func feedbackClass(v practiceview.View) string {
	if v.Correct {
		return "practice-feedback practice-correct"
	}
	return "practice-feedback practice-wrong"
}
