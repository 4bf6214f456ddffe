package ui

import (
	"fmt"
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Boundary is embedded by every widget. A panic in a handler, in OnNav or in
// async work would stop the Go program and freeze the page, so each of them
// runs through Protect, which turns the panic into a failure the widget
// renders in place of its results, with the input that caused it and a way
// to reset. The rest of the app keeps working.
type Boundary struct {
	failure      string // what went wrong; "" when the widget is healthy
	failureInput string // the input that was being computed
}

// Protect runs fn and records a panic as the widget's failure.
func (b *Boundary) Protect(input string, fn func()) {
	b.failure, b.failureInput = "", ""
	defer func() {
		if r := recover(); r != nil {
			b.failure = fmt.Sprint(r)
			b.failureInput = input
			app.Logf("netground: recovered from a panic on input %q: %v\n%s", input, r, debug.Stack())
		}
	}()
	fn()
}

// Failed reports whether the last protected call panicked.
func (b *Boundary) Failed() bool { return b.failure != "" }

// AsyncProtected runs fn off the event loop and dispatches its result back
// to the component; a panic in fn becomes the widget's failure.
func AsyncProtected(ctx app.Context, b *Boundary, input string, fn func() func()) {
	ctx.Async(func() {
		var apply func()
		b2 := Boundary{}
		b2.Protect(input, func() { apply = fn() })
		ctx.Dispatch(func(ctx app.Context) {
			if b2.Failed() {
				*b = b2
				return
			}
			b.Protect(input, apply)
		})
	})
}

// FailurePanel renders a widget's failure: what happened, the input that
// caused it, and a reset action.
func FailurePanel(b *Boundary, onReset app.EventHandler) app.UI {
	return app.Div().Class("failure").Role("alert").Body(
		app.H2().Text("Something went wrong in this widget"),
		app.P().Body(
			app.Text("The input "),
			app.Code().DataSet("field", "failure-input").Text(b.failureInput),
			app.Text(" made the calculation fail: "),
			app.Span().DataSet("field", "failure").Text(b.failure),
			app.Text(". The rest of Netground still works."),
		),
		app.Button().Type("button").Class("button").OnClick(onReset).Text("Reset this widget"),
	)
}

// Failure returns what went wrong in the last protected call, or "".
func (b *Boundary) Failure() string { return b.failure }
