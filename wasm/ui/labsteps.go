package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Stepper is a lab whose scenario is shown one step at a time: step 0 is
// the start, step N the state after N actions.
type Stepper interface {
	// StepAt returns the step shown and the number of steps.
	StepAt() (step, total int)
	// GoToStep shows step n, clamped to the scenario, and writes the link.
	GoToStep(ctx app.Context, n int)
}

// StepControls returns a lab's step controls: start, previous, next, end
// and a step number, moving s. With the focus on them, the arrow keys step
// back and forth and Home and End jump to the start and the end. prefix
// ("natlab") starts their element id and class names; extra (such as a
// play button) goes between previous and next.
func StepControls(prefix string, s Stepper, extra app.UI) app.UI {
	step, total := s.StepAt()
	move := func(n func(step, total int) int) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			step, total := s.StepAt()
			s.GoToStep(ctx, n(step, total))
		}
	}
	first := move(func(int, int) int { return 0 })
	prev := move(func(step, _ int) int { return step - 1 })
	next := move(func(step, _ int) int { return step + 1 })
	last := move(func(_, total int) int { return total })
	onKey := func(ctx app.Context, e app.Event) {
		if e.Get("target").Get("tagName").String() == "INPUT" {
			return
		}
		switch e.Get("key").String() {
		case "ArrowRight":
			next(ctx, e)
		case "ArrowLeft":
			prev(ctx, e)
		case "Home":
			first(ctx, e)
		case "End":
			last(ctx, e)
		default:
			return
		}
		e.PreventDefault()
	}
	onInput := func(ctx app.Context, e app.Event) {
		if n, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil {
			s.GoToStep(ctx, n)
		}
	}
	button := func(action, icon, label string, primary, disabled bool, h app.EventHandler) app.UI {
		cls := "button button-secondary lab-step-button"
		if primary {
			cls = "button lab-step-button"
		}
		body := []app.UI{Icon(icon), app.Span().Text(label)}
		if icon == "next" || icon == "last" {
			body[0], body[1] = body[1], body[0]
		}
		return app.Button().Type("button").Class(cls).DataSet("action", action).
			Disabled(disabled).OnClick(h).Body(body...)
	}
	return app.Div().Body(
		app.Div().Class(prefix+"-controls lab-step-controls").Role("group").Aria("label", "Step controls").
			Aria("keyshortcuts", "ArrowLeft ArrowRight Home End").OnKeyDown(onKey).Body(
			button("first", "first", "Start", false, step == 0, first),
			button("prev", "prev", "Previous", false, step == 0, prev),
			extra,
			button("next", "next", "Next", true, step >= total, next),
			button("last", "last", "End", false, step >= total, last),
			app.Label().For(prefix+"-step").Class(prefix+"-inline-label lab-step-label").Text("Go to step"),
			app.Input().Type("number").ID(prefix+"-step").Name("step").Min(0).Max(total).
				Value(step).OnChange(onInput),
		),
		app.P().Class(prefix+"-hint lab-step-hint").Text("With the focus on these buttons, the ← and → keys step back and forth; Home and End jump to the start and the end."),
	)
}

// iconPaths are the shapes of Icon's icons, on a 16 × 16 grid.
var iconPaths = map[string]string{
	"first": "M3 3h2v10H3zM13 3v10L6 8z",
	"prev":  "M11 3v10L4 8z",
	"next":  "M5 3v10l7-5z",
	"last":  "M3 3v10l7-5zM11 3h2v10h-2z",
	"play":  "M4 2.5v11l9-5.5z",
	"pause": "M4 3h3v10H4zM9 3h3v10H9z",
}

// Icon returns the inline SVG icon called name ("first", "prev", "next",
// "last", "play", "pause"), hidden from assistive technology: the text
// beside it is the label. An inline shape shows wherever the page does,
// where a glyph such as ⏮ is an empty box in a font that lacks it.
func Icon(name string) app.UI {
	// No class: go-app sets an element's class through className, which an
	// SVG element ignores; the button's CSS finds the icon by tag.
	return SVG("svg").Attr("viewBox", "0 0 16 16").Attr("width", 16).Attr("height", 16).
		Attr("focusable", "false").Attr("aria-hidden", "true").Body(
		SVG("path").Attr("d", iconPaths[name]).Attr("fill", "currentColor"),
	)
}

// SVGNS is the SVG namespace.
const SVGNS = "http://www.w3.org/2000/svg"

// SVG returns an SVG element called tag.
func SVG(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(SVGNS) }
