package ui

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/story"
)

// LabSpec describes a scenario lab (bind, k8s): how its scenario travels in
// links, and how its actions are kept, checked and described. S is the
// lab's scenario type, A its action type. Every action people take is
// appended to the scenario's actions and the whole scenario is replayed,
// so the link carries exactly what is on the screen.
type LabSpec[S, A any] struct {
	Links LabLinks[S]
	// Path is the lab's page, such as "/bind"; its embed twin is under
	// /embed.
	Path string
	// Actions returns a scenario's actions; WithActions returns the
	// scenario with acts instead.
	Actions     func(S) []A
	WithActions func(s S, acts []A) S
	// MaxActions is the most actions a scenario may have.
	MaxActions int
	// Validate reports what is wrong with a scenario, as a *field.Error.
	Validate func(S) error
	// Describe returns an action in words, for the error boundary.
	Describe func(A) string
	// FormFields maps, per form, the path inside an action that a
	// validation error names (after "actions[N].") to the form's input.
	FormFields map[string]map[string]string
}

// Lab is the state a scenario lab's page keeps: the scenario, the step
// shown, the preset it is and the lesson it came from, and what is wrong at
// which input. Its methods are the page's plumbing: load the link, step,
// apply an action, undo, open a preset, write the link. The zero Lab is
// ready for Load.
type Lab[S, A any] struct {
	LabSpec[S, A]
	// Base is Path, or its embed twin on an embed page.
	Base string
	// Scen is the scenario on the screen.
	Scen S
	// Step is the step shown: 0 is the start, N the state after N actions.
	Step int
	// Preset is the preset Scen is, unchanged; "" once changed.
	Preset string
	// Lesson is the preset Scen started from.
	Lesson string
	// Errs maps an input's name (or a form's, for the form as a whole) to
	// what is wrong with it.
	Errs map[string]string

	page *Base
	show func(s S, step int, input string)
}

// Start makes l a lab of the kind spec describes on page. show computes
// what the page shows for a scenario at a step; input describes the
// scenario for the page's error boundary (Boundary.Protect).
func (l *Lab[S, A]) Start(spec LabSpec[S, A], page *Base, show func(s S, step int, input string)) {
	l.LabSpec, l.page, l.show = spec, page, show
}

// LabPage is the life cycle every scenario lab's page has, around its
// Lab. A lab page embeds it beside app.Compo and Base, under an
// unexported name (type labPage = ui.LabPage[S, A]): go-app copies a
// page's exported fields from a fresh instance when it navigates to the
// same page again, and the Lab must stay the mounted page's, bound to its
// Base and its show. The page's constructor calls Init.
type LabPage[S, A any] struct {
	Lab Lab[S, A]
}

// Init makes the page a lab of the kind spec describes, on the page's
// Base; show computes what the page shows (see Lab.Start).
func (p *LabPage[S, A]) Init(spec LabSpec[S, A], page *Base, show func(s S, step int, input string)) {
	p.Lab.Start(spec, page, show)
}

// OnInit shows the link's scenario in the render go-app mounts (see
// Base.InitLink); OnNav then has nothing to replay again.
func (p *LabPage[S, A]) OnInit() {
	if q, fragment, ok := p.Lab.page.InitLink(p.Lab.Links.Widget); ok {
		p.Lab.open(q, fragment)
	}
}
func (p *LabPage[S, A]) OnPreRender(ctx app.Context) { p.Lab.Load(ctx) }
func (p *LabPage[S, A]) OnNav(ctx app.Context) {
	if !p.Lab.page.Opened(ctx, p.Lab.Links.Widget) {
		p.Lab.Load(ctx)
	}
}

// OnMount makes back and forward show the preset and step in the URL, even
// the URL the page last loaded (which go-app alone does not reload).
func (p *LabPage[S, A]) OnMount(ctx app.Context) { p.Lab.page.FollowHistory(p.Lab.Load) }
func (p *LabPage[S, A]) OnDismount()             { p.Lab.page.StopHistory() }

// Load reads the page's link into l, which Start has made a lab of its
// kind, and shows its scenario at the link's step: without one, a preset
// named in the link opens on its story's symptom and any whole scenario at
// its last step.
func (l *Lab[S, A]) Load(ctx app.Context) {
	l.open(l.page.ReadLink(ctx, l.Links.Widget), ctx.Page().URL().EscapedFragment())
}

// open shows the scenario of the link's parameters q and fragment.
func (l *Lab[S, A]) open(q url.Values, fragment string) {
	page := l.page
	s, preset, problems := l.Links.Read(q, fragment)
	page.AddProblems(problems...)
	step, problems := scenario.ParseStep(q, l.Opening(s, preset), len(l.Actions(s)))
	page.AddProblems(problems...)
	l.Base = l.Path
	if page.IsEmbed() {
		l.Base = "/embed" + l.Path
	}
	if preset == "" {
		// A whole scenario that is a preset unchanged (saved in the
		// library, say) is that preset again; it opens on the step its
		// link gives or on its last, as any whole scenario does.
		preset = l.Links.PresetOf(s)
	}
	l.Lesson = preset
	l.Errs = nil
	l.Set(s, preset, step)
}

// Opening returns the step a scenario opens on without a step in its link:
// an unchanged preset's symptom (see story.Story.Opening), else the last.
func (l LabSpec[S, A]) Opening(s S, preset string) int {
	n := len(l.Actions(s))
	p, ok := l.Links.Preset(preset)
	if !ok {
		return n
	}
	return p.Story.Opening(n)
}

// Set makes s the lab's scenario and shows it at step, clamped to it.
func (l *Lab[S, A]) Set(s S, preset string, step int) {
	acts := l.Actions(s)
	l.Scen, l.Preset, l.Step = s, preset, max(0, min(step, len(acts)))
	input := preset
	if input == "" {
		input = strconv.Itoa(len(acts)) + " actions"
		if n := len(acts); n > 0 {
			input = l.Describe(acts[n-1])
		}
	}
	l.show(s, l.Step, input)
}

// StepAt returns the step shown and the number of steps (ui.Stepper).
func (l *Lab[S, A]) StepAt() (step, total int) { return l.Step, len(l.Actions(l.Scen)) }

// GoToStep shows step n, clamped to the scenario, and writes the link in
// place (ui.Stepper).
func (l *Lab[S, A]) GoToStep(ctx app.Context, n int) {
	l.Errs = nil
	l.Set(l.Scen, l.Preset, n)
	l.WriteLink(ctx, false)
}

// PresetStory returns the story of the preset the scenario is, unchanged; the
// zero Story for any other.
func (l *Lab[S, A]) PresetStory() story.Story {
	p, _ := l.Links.Preset(l.Preset)
	return p.Story
}

// Link returns the lab's link under base (Path or its embed twin), without
// readonly: the link shared and shown.
func (l *Lab[S, A]) Link(base string) string {
	return l.Links.Path(base, l.Scen, l.Preset, l.Step, false)
}

// WriteLink puts the scenario and the step in the address bar: a new
// history entry if push (a preset), in place otherwise (a step, an action).
func (l *Lab[S, A]) WriteLink(ctx app.Context, push bool) {
	SetLink(ctx, Href(l.Links.Path(l.Base, l.Scen, l.Preset, l.Step, l.page.IsReadonly())), push)
}

// Append returns s with a appended if the result is valid. Otherwise it
// returns s unchanged and the error at the input of form that caused it
// (at form itself for the form as a whole).
func (l LabSpec[S, A]) Append(s S, a A, form string) (S, map[string]string) {
	acts := l.Actions(s)
	if len(acts) >= l.MaxActions {
		return s, map[string]string{form: fmt.Sprintf("the lab replays at most %d actions; undo some or open a preset", l.MaxActions)}
	}
	next := l.WithActions(s, append(append([]A(nil), acts...), a))
	err := l.Validate(next)
	if err == nil {
		return next, nil
	}
	var fe *field.Error
	if !errors.As(err, &fe) {
		return s, map[string]string{form: err.Error()}
	}
	_, name, ok := fe.In("actions")
	if !ok {
		return s, map[string]string{form: err.Error()}
	}
	if input, ok := l.FormFields[form][name]; ok {
		return s, map[string]string{input: fe.Reason}
	}
	return s, map[string]string{form: fe.Reason}
}

// Apply appends an action taken through form, or shows why it cannot be.
func (l *Lab[S, A]) Apply(ctx app.Context, a A, form string) {
	next, errs := l.Append(l.Scen, a, form)
	l.Errs = errs
	if errs != nil {
		return
	}
	l.Replace(ctx, next)
}

// Submit applies the action a form's submit event asks for (see Apply),
// or shows why the form's inputs give none: read returns the action, or an
// error joining a *field.Error for each value it could not read, shown at
// the input FormFields names for the error's field.
func Submit[S, A any](l *Lab[S, A], ctx app.Context, e app.Event, form string, read func() (A, error)) {
	e.PreventDefault()
	a, err := read()
	if err != nil {
		l.Errs = l.InputErrors(form, err)
		return
	}
	l.Apply(ctx, a, form)
}

// InputErrors places the field errors err joins at form's inputs, and any
// other error, or one about a field the form has no input for, at form.
// Several errors at one place are all kept, in err's order, "; " between.
func (l LabSpec[S, A]) InputErrors(form string, err error) map[string]string {
	out := map[string]string{}
	add := func(at, msg string) {
		if prev, ok := out[at]; ok {
			msg = prev + "; " + msg
		}
		out[at] = msg
	}
	for _, fe := range field.All(err) {
		if input, ok := l.FormFields[form][fe.Field]; ok && fe.Field != "" {
			add(input, fe.Reason)
		} else {
			add(form, fe.Error())
		}
	}
	return out
}

// Replace makes next, a changed scenario, the lab's, shows its last step
// and writes the link in place.
func (l *Lab[S, A]) Replace(ctx app.Context, next S) {
	l.Errs = nil
	l.Set(next, "", len(l.Actions(next)))
	l.WriteLink(ctx, false)
}

// Undo drops the last action, if there is one.
func (l *Lab[S, A]) Undo(ctx app.Context) {
	acts := l.Actions(l.Scen)
	if len(acts) == 0 {
		return
	}
	l.Replace(ctx, l.WithActions(l.Scen, append([]A(nil), acts[:len(acts)-1]...)))
}

// OpenPreset opens the preset called name on its symptom, as a new history
// entry, and reports whether there is one.
func (l *Lab[S, A]) OpenPreset(ctx app.Context, name string) bool {
	p, ok := l.Links.Preset(name)
	s := p.Scenario
	if !ok {
		return false
	}
	l.Errs = nil
	l.Lesson = name
	l.Set(s, name, l.Opening(s, name))
	l.WriteLink(ctx, true)
	return true
}

// Reset opens the default preset.
func (l *Lab[S, A]) Reset(ctx app.Context) { l.OpenPreset(ctx, l.Links.DefaultPreset) }

// Share returns the share bar for the lab's scenario (id prefixes its
// element ids, such as "bindlab"), or nothing on an embed page. The scenario
// saves with the step shown, named after its preset while it is one.
func (l *Lab[S, A]) Share(id string) app.UI {
	if l.page.IsEmbed() {
		return nil
	}
	doc, err := l.Links.Document(l.Scen)
	if err != nil {
		return nil
	}
	if l.Preset != "" {
		if p, ok := l.Links.Preset(l.Preset); ok {
			doc.Name = p.Title
		}
	}
	doc = doc.AtStep(l.Step)
	return ShareBar(id, l.Link(l.Path), l.Link("/embed"+l.Path), doc)
}

// Frame returns the lab's page: its title and introduction, the problems
// of its link, the preset buttons, the share bar, then results as Results
// shows them. id prefixes the page's classes and ids (bindlab, k8slab).
func (l *Lab[S, A]) Frame(id, title, intro string, onPreset func(name string) app.EventHandler, err string, results func() app.UI) app.UI {
	return Layout(l.page.IsEmbed(), l.Path, Href(l.Link(l.Path)),
		app.Section().Class("widget "+id).Aria("labelledby", id+"-title").Body(
			app.H1().ID(id+"-title").Text(title),
			app.P().Class("widget-intro").Text(intro),
			LinkNotice(l.page.Problems()),
			l.Presets(id, onPreset),
			l.Share(id),
			l.Results(err, results),
		),
	)
}

// LabFigure returns a lab's picture, an SVG, with its summary in words as
// the caption.
func LabFigure(id, picture, summary string) app.UI {
	return app.Figure().Class(id+"-figure").Body(
		app.Raw(picture),
		app.FigCaption().DataSet("field", "picture-summary").Text(summary),
	)
}

// Results returns what the page shows below its presets: the failure panel
// if computing the scenario failed (its reset opens the default preset),
// the scenario's error err if not "", else render's results.
func (l *Lab[S, A]) Results(err string, render func() app.UI) app.UI {
	switch {
	case l.page.Failed():
		return FailurePanel(&l.page.Boundary, func(ctx app.Context, e app.Event) { l.Reset(ctx) })
	case err != "":
		return app.P().Class("error").DataSet("field", "error").Text(err)
	}
	return render()
}

// FieldError returns the message slot under the input name, which the
// input names in aria-describedby ("NAME-error"), holding what is wrong
// with it.
func (l *Lab[S, A]) FieldError(name string) app.UI {
	msg := l.Errs[name]
	return app.P().ID(name + "-error").Class("field-message").Body(
		app.If(msg != "", app.Span().Class("error").DataSet("field", "error").Text(msg)),
	)
}

// FormError returns what is wrong with form as a whole, or nothing.
func (l *Lab[S, A]) FormError(form string) app.UI {
	msg := l.Errs[form]
	if msg == "" {
		return nil
	}
	return app.P().Class("error").DataSet("field", "error").Role("alert").Text(msg)
}

// StoreValue returns a handler that stores an input's value in dst.
func StoreValue(dst *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *dst = ctx.JSSrc().Get("value").String() }
}

// Presets renders a lab's preset buttons under the heading "Pitfalls to
// try", the one pressed being the preset shown, and the lesson of the
// preset last opened. id prefixes the classes and ids (bindlab, k8slab);
// open returns the handler of a preset's button.
func (l *Lab[S, A]) Presets(id string, open func(name string) app.EventHandler) app.UI {
	presets := l.Links.Presets()
	var lesson app.UI
	if pr, ok := story.Find(presets, l.Lesson); ok {
		lesson = app.P().Class(id+"-lesson").Body(
			app.Strong().Text(pr.Title+". "),
			app.Span().DataSet("field", "lesson").Text(pr.Lesson),
		)
	}
	return app.Div().Class(id+"-presets").Body(
		app.H2().ID(id+"-presets-title").Text("Pitfalls to try"),
		app.Ul().Class(id+"-preset-list").Aria("labelledby", id+"-presets-title").Body(
			app.Range(presets).Slice(func(i int) app.UI {
				pr := presets[i]
				return app.Li().Body(app.Button().Type("button").Class("button button-secondary").DataSet("preset", pr.Name).
					Aria("pressed", strconv.FormatBool(pr.Name == l.Preset)).
					Disabled(l.page.IsReadonly()).OnClick(open(pr.Name)).Text(pr.Title))
			}),
		),
		lesson,
	)
}
