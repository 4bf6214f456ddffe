package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// LabOption is one choice of a lab's select box. It names a struct type
// rather than defining one so that the labs' long option tables may stay
// unkeyed, {"tcp", "TCP"}, as literals of their own package's type.
type LabOption = struct{ Value, Label string }

// HasOption reports whether opts offers value.
func HasOption(opts []LabOption, value string) bool {
	for _, o := range opts {
		if o.Value == value {
			return true
		}
	}
	return false
}

// LabStep is one action of a lab's scenario with its outcome, as the step
// table shows it.
type LabStep struct {
	N       int
	Action  string
	Verdict string
	Tone    string // "yes", "no" or "depends", for the colour beside the words
	Reasons []string
}

// Select returns a lab's select box named id, labelled label, with its
// error slot; prefix ("bindlab") starts its element id and class names.
func (l *Lab[S, A]) Select(prefix, id, label, value string, opts []LabOption, onChange app.EventHandler) app.UI {
	return app.Div().Class("field "+prefix+"-field").Body(
		app.Label().For(prefix+"-"+id).Text(label),
		app.Select().ID(prefix+"-"+id).Name(id).Aria("describedby", id+"-error").OnChange(onChange).Body(
			app.Range(opts).Slice(func(i int) app.UI {
				return app.Option().Value(opts[i].Value).Selected(opts[i].Value == value).Text(opts[i].Label)
			}),
		),
		l.FieldError(id),
	)
}

// LabSteps returns a lab's step table: step 0 (the scenario's start, as
// caption says) and each action in order, with the rows of the step shown,
// current, marked. prefix ("bindlab") starts its class names.
func LabSteps(prefix, caption string, steps []LabStep, current int) app.UI {
	return app.Div().Body(
		app.H2().Text("What happened, step by step"),
		ScrollRegion("What happened, step by step").Body(app.Table().Class("rows").Body(
			app.Caption().Text(caption),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Step"),
				app.Th().Scope("col").Text("Action"),
				app.Th().Scope("col").Text("Verdict"),
				app.Th().Scope("col").Text("Why"),
			)),
			app.TBody().Body(
				app.Range(steps).Slice(func(i int) app.UI {
					s := steps[i]
					row := app.Tr().DataSet("field", "step-row")
					if s.N == current {
						row = app.Tr().DataSet("field", "step-row").Class("lab-step-current").Aria("current", "step")
					}
					return row.Body(
						app.Td().Text(strconv.Itoa(s.N)),
						app.Td().DataSet("field", "step-action").Text(s.Action),
						app.Td().Body(app.Strong().Class(prefix+"-"+s.Tone).DataSet("field", "step-verdict").Text(s.Verdict)),
						app.Td().Body(app.Ul().Class(prefix+"-reasons").Body(
							app.Range(s.Reasons).Slice(func(j int) app.UI {
								return app.Li().DataSet("field", "step-reason").Text(s.Reasons[j])
							}),
						)),
					)
				}),
			),
		)),
	)
}
