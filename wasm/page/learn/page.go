package learn

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/course"
	"github.com/netground/netground/wasm/ui"
)

// New returns the course's component, for /learn, every chapter and their
// embed pages.
func New() app.Composer { return &page{} }

type page struct {
	app.Compo
	ui.Boundary

	embed    bool
	route    string         // the page's path without /embed: /learn or /learn/<slug>
	chapter  course.Chapter // the chapter shown; the zero Chapter on the list
	missing  bool           // the path names no chapter
	prose    string         // the chapter's rendered prose; "" while it loads
	proseErr string         // why the prose could not be loaded
	quiz     *quiz
	stored   progress
	read     bool   // stored holds what this browser keeps: false before the app reads it
	notice   string // why stored progress was ignored or not saved, or ""

	captured capturedProse // the prose the pre-rendered page held (in the browser)
	release  func()        // removes the listener that sizes the widgets' frames
}

// capturedProse is a chapter's prose as the pre-rendered page held it.
type capturedProse struct{ slug, html string }

func (c *page) OnInit() { c.captured = captureProse() }

// OnMount sizes each widget's frame to its content: an embed page posts its
// height (netground:resize), as it does to a course page with embed.js.
func (c *page) OnMount(ctx app.Context) {
	c.release = app.Window().AddEventListener("message", func(ctx app.Context, e app.Event) {
		data := e.Get("data")
		if data.Type() != app.TypeObject || data.Get("type").String() != "netground:resize" || e.Get("origin").String() != app.Window().Get("location").Get("origin").String() {
			return
		}
		h := data.Get("height")
		if h.Type() != app.TypeNumber || h.Float() <= 0 || h.Float() > 20000 {
			return
		}
		frames := app.Window().Get("document").Call("querySelectorAll", "iframe[data-netground]")
		for i := 0; i < frames.Length(); i++ {
			if f := frames.Index(i); f.Get("contentWindow").Equal(e.Get("source")) {
				f.Get("style").Set("height", strconv.Itoa(int(h.Float()+0.99))+"px")
			}
		}
	})
}

func (c *page) OnDismount() {
	if c.release != nil {
		c.release()
		c.release = nil
	}
}

func (c *page) OnPreRender(ctx app.Context) { c.load(ctx) }
func (c *page) OnNav(ctx app.Context)       { c.load(ctx) }

// load shows the page of the URL: the list, or a chapter and its questions.
func (c *page) load(ctx app.Context) {
	p := strings.TrimPrefix(ctx.Page().URL().Path, ui.RootPrefix())
	c.embed = ui.IsEmbed(ctx.Page().URL().Path)
	c.route = "/" + strings.TrimPrefix(strings.TrimPrefix(p, "/embed"), "/")
	ctx.Page().SetTitle(ui.PageTitle(c.route))
	c.chapter, c.missing, c.quiz = course.Chapter{}, false, nil
	c.Protect(c.route, func() {
		c.readProgress(ctx)
		slug, ok := strings.CutPrefix(c.route, Path+"/")
		if !ok {
			return
		}
		ch, found := chapter(slug)
		if !found {
			c.missing = true
			return
		}
		c.chapter = ch
		c.quiz = newQuiz(ch)
		c.quiz.load(c.stored.Chapters[slug])
		c.loadProse(ctx)
	})
}

// readProgress reads the course's progress from this browser.
func (c *page) readProgress(ctx app.Context) {
	c.stored, c.notice = progress{V: progressVersion, Chapters: map[string][]string{}}, ""
	if app.IsServer {
		return
	}
	c.read = true
	var raw progress
	if err := ctx.LocalStorage().Get(storageKey, &raw); err != nil {
		c.notice = "Saved progress could not be read (it is not valid JSON) and was ignored."
		return
	}
	switch {
	case raw.V == 0 && raw.Chapters == nil:
	case raw.V != progressVersion:
		c.notice = "Saved progress is of another version and was ignored."
	default:
		for slug, answers := range raw.Chapters {
			c.stored.Chapters[slug] = answers
		}
	}
}

// save keeps the chapter's answers in this browser.
func (c *page) save(ctx app.Context) {
	if app.IsServer || c.quiz == nil {
		return
	}
	c.stored.Chapters[c.chapter.Slug] = c.quiz.stored()
	if err := ctx.LocalStorage().Set(storageKey, c.stored); err != nil {
		c.notice = "Progress could not be saved in this browser: " + err.Error()
	}
}

// answerID is the id of the answer field of question i.
func answerID(i int) string { return "learn-answer-" + strconv.Itoa(i+1) }

// answerText returns what the answer field of question i holds. The field
// is not bound to component state, so a re-render never loses typing.
func answerText(i int) string {
	if app.IsServer {
		return ""
	}
	el := app.Window().GetElementByID(answerID(i))
	if !el.Truthy() {
		return ""
	}
	return el.Get("value").String()
}

func (c *page) submit(ctx app.Context, i int, text string) {
	if c.quiz == nil {
		return
	}
	c.Protect(text, func() {
		if c.quiz.answer(i, text) {
			c.save(ctx)
		}
	})
}

func (c *page) onSubmit(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		e.PreventDefault()
		c.submit(ctx, i, answerText(i))
	}
}

func (c *page) onChoose(i, choice int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if c.quiz == nil || choice >= len(c.quiz.questions[i].Choices) {
			return
		}
		c.submit(ctx, i, c.quiz.questions[i].Choices[choice])
	}
}

func (c *page) onAgain(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if c.quiz == nil {
			return
		}
		c.quiz.again(i)
		c.save(ctx)
		focusSoon(answerID(i), 20)
	}
}

// focusSoon focuses the element of id once the app has rendered it, trying
// for tries frames. (ctx.Defer would not do: it runs for the element whose
// event it handles, and the button pressed is gone by then.)
func focusSoon(id string, tries int) {
	var fn app.Func
	fn = app.FuncOf(func(this app.Value, args []app.Value) any {
		fn.Release()
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Set("value", "")
			el.Call("focus")
		} else if tries > 1 {
			focusSoon(id, tries-1)
		}
		return nil
	})
	app.Window().Call("setTimeout", fn, 30)
}

func (c *page) onReset(ctx app.Context, e app.Event) {
	ctx.LocalStorage().Del(storageKey)
	c.load(ctx)
}
