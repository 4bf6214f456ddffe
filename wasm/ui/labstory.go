package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/story"
)

// LabStory returns a preset's story — the problem, its cause, the fix —
// with the part the step shown is at marked, or nothing for a story that
// tells nothing. prefix ("bindlab") starts its class names.
func LabStory(prefix string, st story.Story, step int) app.UI {
	if st.Symptom <= 0 {
		return nil
	}
	part := st.Part(step)
	where := "Step " + strconv.Itoa(st.Symptom) + " shows the problem"
	if st.Fixed > 0 {
		where += "; step " + strconv.Itoa(st.Fixed) + " shows the fix working"
	}
	item := func(name, label, text string) app.UI {
		div := app.Div().Class("lab-story-part").DataSet("part", name)
		if name == part {
			div = app.Div().Class("lab-story-part lab-story-now").DataSet("part", name).Aria("current", "step")
		}
		return div.Body(
			app.Dt().Text(label),
			app.Dd().DataSet("field", "story-"+name).Text(text),
		)
	}
	return app.Div().Class(prefix+"-story lab-story").DataSet("field", "story").DataSet("part", part).Body(
		app.Dl().Body(
			item("problem", "The problem", st.Problem),
			item("cause", "Why", st.Cause),
			item("fix", "The fix", st.Fix),
		),
		app.P().Class("lab-story-where").Text(where+"."),
	)
}

// LabStepStatus returns "Step N of M" for the step shown, in the fields
// step and steps.
func LabStepStatus(step, total int) app.UI {
	return app.P().Class("lab-step-status").Body(
		app.Text("Step "), app.Strong().DataSet("field", "step").Text(strconv.Itoa(step)),
		app.Text(" of "), app.Span().DataSet("field", "steps").Text(strconv.Itoa(total)),
	)
}
