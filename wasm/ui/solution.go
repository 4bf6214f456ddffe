package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/practice"
)

// WorkedSolution renders a practice question's worked solution under
// heading (an h3 or h4, as the page's outline asks): the answer, the steps,
// the work they refer to and the table, each with its data-field (answer,
// step, row) as docs/fields-practice.md names them.
func WorkedSolution(heading app.UI, answer string, steps, work []string, table practice.Table) app.UI {
	return app.Div().Class("practice-solution").DataSet("field", "solution").Body(
		heading,
		app.P().Body(app.Text("Answer: "), app.Code().DataSet("field", "answer").Text(answer)),
		app.Ol().Body(app.Range(steps).Slice(func(i int) app.UI {
			return app.Li().DataSet("field", "step").Text(steps[i])
		})),
		app.If(len(work) > 0, app.Pre().Class("practice-work").Body(
			app.Range(work).Slice(func(i int) app.UI { return app.Text(work[i] + "\n") }),
		)),
		app.If(len(table.Rows) > 0, ScrollRegion(table.Caption).Body(
			app.Table().Class("rows").Body(
				app.Caption().Text(table.Caption),
				app.THead().Body(app.Tr().Body(app.Range(table.Head).Slice(func(i int) app.UI {
					return app.Th().Scope("col").Text(table.Head[i])
				}))),
				app.TBody().Body(app.Range(table.Rows).Slice(func(i int) app.UI {
					row := table.Rows[i]
					return app.Tr().DataSet("field", "row").Body(app.Range(row).Slice(func(j int) app.UI {
						return app.Td().Text(row[j])
					}))
				})),
			),
		)),
	)
}

// ScrollRegion is the box of a table wider than a phone: it scrolls
// sideways, and as a named region in the tab order a keyboard can scroll it
// too. label names what it holds.
func ScrollRegion(label string) app.HTMLDiv {
	return app.Div().Class("table-scroll").TabIndex(0).Role("region").Aria("label", label+" (scrolls sideways)")
}
