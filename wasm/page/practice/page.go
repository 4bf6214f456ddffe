// Package practice is the Practice page: generated exercises whose answers
// come from Netground's engines, checked as the learner types them, with a
// worked solution, a score kept across reloads, and progress reported to a
// course page that embeds it.
package practice

import (
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/page/practiceview"
	"github.com/netground/netground/wasm/ui"
)

// New returns the page component, for /practice and its embed page.
func New() app.Composer { return &page{} }

type page struct {
	app.Compo
	ui.Base

	state   state
	ss      *practiceview.Session
	notice  string // why stored progress was ignored, or ""
	retry   string // why the last answer typed was not counted, or ""
	v       practiceview.View
	release func() // removes the keyboard shortcuts
	drew    bool   // OnInit drew the seed the link lacked, for OnNav to write
}

// OnInit opens the link's set in the render go-app mounts (see
// ui.Base.InitLink).
func (c *page) OnInit() {
	if q, fragment, ok := c.InitLink(scenario.WidgetPractice); ok {
		c.drew = c.show(q, fragment)
	}
}
func (c *page) OnPreRender(ctx app.Context) { c.load(ctx) }

// OnNav loads the link, unless OnInit has: then it only puts the seed
// OnInit drew into the link (a seed drawn twice would change the set).
func (c *page) OnNav(ctx app.Context) {
	if !c.Opened(ctx, scenario.WidgetPractice) {
		c.load(ctx)
		return
	}
	if c.drew {
		c.drew = false
		c.WriteLink(ctx, c.state)
	}
}

// OnMount takes the keyboard shortcuts and makes back and forward restore
// the set in the URL.
func (c *page) OnMount(ctx app.Context) {
	c.release = app.Window().AddEventListener("keydown", c.onKey)
	c.FollowHistory(c.load)
}

func (c *page) OnDismount() {
	c.StopHistory()
	if c.release != nil {
		c.release()
		c.release = nil
	}
}

// newSeed draws the seed of a new set: small, so links stay readable.
func newSeed() uint64 {
	if app.IsServer {
		return 1
	}
	return rand.Uint64N(1_000_000)
}

func (c *page) load(ctx app.Context) {
	drew := c.show(c.ReadLink(ctx, scenario.WidgetPractice), ctx.Page().URL().EscapedFragment())
	if drew && !app.IsServer {
		c.WriteLink(ctx, c.state)
	}
}

// show opens the set of the link's parameters q and fragment, and reports
// whether it drew the seed the link lacked.
func (c *page) show(q url.Values, fragment string) (drew bool) {
	c.readDocument(q, fragment)
	s, hasSeed, problems := practice.ParseState(q, newSeed())
	c.AddProblems(problems...)
	c.open(s)
	return !hasSeed
}

// readDocument puts into q the set a scenario in the link's fragment holds,
// as the library opens a saved set (/practice#s=1.…&lib=…). A damaged
// scenario, or one of another widget, Base.ReadLink has reported.
func (c *page) readDocument(q url.Values, fragment string) {
	if !scenario.HasScenario(fragment) {
		return
	}
	d, err := scenario.DecodeFragment(fragment)
	if err != nil || d.Widget != scenario.WidgetPractice {
		return
	}
	params, err := practice.DocumentParams(d)
	if err != nil {
		c.AddProblems(scenario.Problem{Param: "s", Reason: err.Error() + "; ignored"})
		return
	}
	for k := range q {
		if !scenario.IsViewParam(k) {
			delete(q, k)
		}
	}
	for k, v := range params {
		q[k] = v
	}
}

// open starts the set of s, with its stored progress when there is some.
func (c *page) open(s state) {
	c.state, c.notice, c.retry = s, "", ""
	c.setAnswerField("")
	c.Protect(s.Encode(), func() {
		c.ss, c.notice = practiceview.Open(s, storedProgress(s))
		c.v = c.ss.View()
	})
}

// storedProgress is what localStorage keeps of the set of s, "" when
// nothing (or when the browser keeps no storage for the page).
func storedProgress(s state) (stored string) {
	if app.IsServer {
		return ""
	}
	defer func() {
		if recover() != nil {
			stored = "" // storage denied: the set starts afresh
		}
	}()
	v := app.Window().Get("localStorage").Call("getItem", practice.ProgressKey(s))
	if v.Type() != app.TypeString {
		return ""
	}
	return v.String()
}

func (c *page) save(ctx app.Context) {
	if app.IsServer || c.ss == nil {
		return
	}
	if err := ctx.LocalStorage().Set(practice.ProgressKey(c.state), c.ss.Progress()); err != nil {
		c.notice = "Progress could not be saved in this browser: " + err.Error()
	}
}

// report posts the score to the page that frames this one, if any.
func (c *page) report() {
	if app.IsServer || c.ss == nil {
		return
	}
	w := app.Window()
	parent := w.Get("parent")
	if !parent.Truthy() || parent.Equal(w.Get("self")) {
		return
	}
	parent.Call("postMessage", c.ss.Message(), "*")
}

// submit answers the current question, or goes on once it is answered.
func (c *page) submit(ctx app.Context, text string) {
	c.Protect(text, func() {
		c.retry = ""
		if c.ss.CurrentAnswered() {
			c.ss.NextUnanswered()
			c.setAnswerField("")
			c.v = c.ss.View()
			c.save(ctx)
			c.focusAnswer(ctx)
			return
		}
		f, counted := c.ss.Answer(text)
		c.v = c.ss.View()
		if !counted {
			c.retry = f.Message
		}
		if counted {
			c.save(ctx)
			c.report()
		}
	})
}

// The answer field is not bound to component state: a re-render while the
// learner types would put back an older value and lose keystrokes. Its
// text is read when the answer is submitted and cleared when the question
// changes.
func answerField() app.Value {
	if app.IsServer {
		return nil
	}
	el := app.Window().GetElementByID("practice-answer")
	if !el.Truthy() {
		return nil
	}
	return el
}

func (c *page) setAnswerField(text string) {
	if el := answerField(); el != nil {
		el.Set("value", text)
	}
}

func (c *page) focusAnswer(ctx app.Context) {
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID("practice-answer"); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (c *page) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	text := ""
	if el := answerField(); el != nil {
		text = el.Get("value").String()
	}
	c.submit(ctx, text)
}

// onChoice handles a click in the question's region: on a choice's
// button (data-choice, practiceview.Regions), it picks that choice.
func (c *page) onChoice(ctx app.Context, e app.Event) {
	b := e.Get("target").Call("closest", "[data-choice]")
	if !b.Truthy() || b.Get("disabled").Bool() {
		return
	}
	if i, err := strconv.Atoi(b.Call("getAttribute", "data-choice").String()); err == nil {
		c.choose(ctx, i)
	}
}

func (c *page) choose(ctx app.Context, i int) {
	if c.ss == nil || i < 0 || i >= len(c.v.Choices) || c.v.Answered {
		return
	}
	c.setAnswerField(c.v.Choices[i])
	c.submit(ctx, c.v.Choices[i])
}

func (c *page) step(ctx app.Context, delta int) {
	if c.ss == nil {
		return
	}
	c.Protect("", func() {
		c.retry = ""
		c.ss.Move(delta)
		c.setAnswerField("")
		c.v = c.ss.View()
		c.save(ctx)
	})
}

func (c *page) onNext(ctx app.Context, e app.Event) { c.step(ctx, 1); c.focusAnswer(ctx) }
func (c *page) onPrev(ctx app.Context, e app.Event) { c.step(ctx, -1); c.focusAnswer(ctx) }

// onKey handles the shortcuts typed outside text fields.
func (c *page) onKey(ctx app.Context, e app.Event) {
	if c.ss == nil || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
		return
	}
	target := e.Get("target")
	if target.Truthy() {
		switch target.Get("tagName").String() {
		case "INPUT", "SELECT", "TEXTAREA":
			return
		}
	}
	action, i := practiceview.Shortcut(e.Get("key").String(), len(c.v.Choices))
	switch action {
	case "next":
		c.step(ctx, 1)
	case "prev":
		c.step(ctx, -1)
	case "choose":
		c.choose(ctx, i)
	default:
		return
	}
	e.PreventDefault()
	c.Update()
}

// change opens another set as a new history entry.
func (c *page) change(ctx app.Context, s state) {
	c.open(s)
	c.PushLink(ctx, c.state)
}

func (c *page) onNewSet(ctx app.Context, e app.Event) {
	s := c.state
	s.Seed = newSeed()
	c.change(ctx, s)
}

func (c *page) onTopic(t practice.Topic) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s := c.state
		var ts []practice.Topic
		for _, x := range practice.Topics() {
			on := slices.Contains(s.Topics, x)
			if x == t {
				on = !on
			}
			if on {
				ts = append(ts, x)
			}
		}
		if len(ts) == 0 {
			ctx.JSSrc().Set("checked", true)
			return
		}
		s.Topics = ts
		c.change(ctx, s)
	}
}

func (c *page) onLevel(ctx app.Context, e app.Event) {
	n, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil || n < practice.MinLevel || n > practice.MaxLevel {
		return
	}
	s := c.state
	s.Level = n
	c.change(ctx, s)
}

func (c *page) onSeed(ctx app.Context, e app.Event) {
	n, ok := practice.ParseSeed(ctx.JSSrc().Get("value").String())
	if !ok {
		ctx.JSSrc().Set("value", strconv.FormatUint(c.state.Seed, 10))
		return
	}
	s := c.state
	s.Seed = n
	c.change(ctx, s)
}

func (c *page) onReset(ctx app.Context, e app.Event) {
	ctx.LocalStorage().Del(practice.ProgressKey(c.state))
	c.open(c.state)
}
