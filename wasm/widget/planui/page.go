// Package planui is the Plan page: split a network, allocate subnets by
// host counts, summarize, turn ranges into CIDRs, exclude, report
// overlaps, find the next free subnet, and make a unique local /48, with a
// picture of the address space beside the results.
package planui

import (
	"crypto/rand"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/core/tool/alloc"
	"github.com/netground/netground/wasm/ui"
	"github.com/netground/netground/wasm/widget/planview"
)

// New returns the page component, for /plan and its embed page.
func New() app.Composer { return &page{} }

// page is the Plan widget. Its state lives in the URL parameters mode,
// net, tree, cloud, len, parts, page, gid, names and list
// (scenario.PlanState).
type page struct {
	app.Compo
	ui.Base

	mode      scenario.PlanMode
	in        planview.Inputs
	page      subnet.Count // zero-based
	pageErr   string
	pageAsked bool
	find      string
	saved     map[scenario.PlanMode]planview.Inputs // what each other tab held
	// shown is what the inputs were last given by the page rather than by
	// typing. Render gives the inputs these values, not the typed ones: a
	// render that lags behind fast typing would otherwise put back an
	// older value and lose keystrokes.
	shown                planview.Inputs
	shownPage, shownFind string
	hover                string // the block of the picture last pointed at or focused
	// shownNames are the split tree's names as the page last gave them to
	// the name inputs; like shown, typing does not change them.
	shownNames map[netip.Prefix]string
	treeErr    string // why the last divide or join could not be done
	drawn      string // the Global ID drawn for a link without one, until OnNav has used it
	view       planview.View
}

func (p *page) OnInit() {
	if q, _, ok := p.InitLink(scenario.WidgetPlan); ok {
		p.show(q, nil)
	}
}
func (p *page) OnPreRender(ctx app.Context) { p.load(ctx) }
func (p *page) OnNav(ctx app.Context)       { p.load(ctx) }

// OnMount makes back and forward restore the mode and inputs in the URL.
func (p *page) OnMount(ctx app.Context) { p.FollowHistory(p.load) }
func (p *page) OnDismount()             { p.StopHistory() }

// load derives the state from the page URL.
func (p *page) load(ctx app.Context) {
	drew := p.show(p.ReadLink(ctx, scenario.WidgetPlan), ctx)
	p.drawn = ""
	if drew {
		p.WriteLink(ctx, p.state())
	}
}

// show computes the answer to the link's parameters q, and reports whether
// it drew a Global ID the link lacked. ctx is nil in OnInit, before the
// first render, which renders the inputs' values itself.
func (p *page) show(q url.Values, ctx app.Context) (drew bool) {
	st, problems := scenario.ParsePlanState(q)
	p.AddProblems(problems...)
	p.mode = st.Mode
	p.in = planview.InputsFromLink(st, q.Has("net"), q.Has("list"))
	p.page = subnet.CountOf(st.Page)
	p.pageAsked = q.Has("page")
	p.pageErr, p.find, p.hover, p.treeErr = "", "", "", ""
	p.saved = map[scenario.PlanMode]planview.Inputs{}
	drew = p.drawGID()
	p.compute(false)
	p.reshow(ctx)
	return drew
}

// drawGID gives the unique local tab a random Global ID when it has none,
// from crypto/rand (in the browser, crypto.getRandomValues), and reports
// whether it did. The link then carries the ID, so the page can be shared
// and reopened on the same /48. The ID drawn in OnInit is OnNav's too.
func (p *page) drawGID() bool {
	if p.mode != scenario.PlanULA || p.in.GID != "" || app.IsServer {
		return false
	}
	if p.drawn == "" {
		g, err := alloc.NewGlobalID(rand.Reader)
		if err != nil {
			return false // the input stays empty and says what to type
		}
		p.drawn = g.String()
	}
	p.in.GID = p.drawn
	return true
}

// reshow puts the current inputs into the form after the page, not the
// person, changed them (a link, a tab, a preset, a page button).
func (p *page) reshow(ctx app.Context) {
	p.shown = p.in
	p.shownPage = p.view.Pager.PageText
	p.shownFind = p.find
	p.setValue(ctx, "planui-net", p.in.Net)
	p.setValue(ctx, "planui-len", p.in.Len)
	p.setValue(ctx, "planui-parts", p.in.Parts)
	p.setValue(ctx, "planui-list", p.in.List)
	p.setValue(ctx, "planui-page", p.shownPage)
	p.setValue(ctx, "planui-find", p.find)
	p.setValue(ctx, "planui-gid", p.in.GID)
	p.reshowNames(ctx)
}

// setValue sets the value of the input with the given id after the next
// render, for when the rendered value did not change but the typed one did.
func (p *page) setValue(ctx app.Context, id, value string) {
	if app.IsServer || ctx == nil {
		return
	}
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() && el.Get("value").String() != value {
			el.Set("value", value)
		}
	})
}

// state returns what the link carries.
func (p *page) state() scenario.PlanState { return p.in.State(p.mode, p.page) }

// compute rebuilds the view; jump moves to the row holding the address
// looked for.
func (p *page) compute(jump bool) {
	p.Protect(p.inputText(), func() {
		input := p.in.Input(p.mode)
		input.Page, input.Find, input.PageAsked, input.Jump = p.page, p.find, p.pageAsked, jump
		p.view = planview.Build(input)
		p.page = p.view.Pager.Page
		p.pageAsked = false
	})
}

// inputText names the input for the failure panel.
func (p *page) inputText() string {
	return ui.WidgetPath(p.state())
}

func (p *page) onTab(m scenario.PlanMode) app.EventHandler {
	return func(ctx app.Context, e app.Event) { p.switchTo(ctx, m) }
}

func (p *page) switchTo(ctx app.Context, m scenario.PlanMode) {
	if m == p.mode || p.IsReadonly() {
		return
	}
	p.saved[p.mode] = p.in
	p.mode = m
	if in, ok := p.saved[m]; ok {
		p.in = in
	} else {
		p.in = planview.InputsOf(planview.DefaultState(m))
	}
	p.page, p.pageErr, p.find, p.hover, p.treeErr = subnet.Count{}, "", "", "", ""
	p.drawGID()
	p.compute(false)
	p.reshow(ctx)
	p.PushLink(ctx, p.state())
}

// onTabKey moves between tabs with the arrow keys, Home and End, as the
// ARIA tabs pattern asks.
func (p *page) onTabKey(ctx app.Context, e app.Event) {
	n := scenario.PlanLastMode + 1
	next := p.mode
	switch e.Get("key").String() {
	case "ArrowRight", "ArrowDown":
		next = (p.mode + 1) % n
	case "ArrowLeft", "ArrowUp":
		next = (p.mode + n - 1) % n
	case "Home":
		next = scenario.PlanSplit
	case "End":
		next = scenario.PlanLastMode
	default:
		return
	}
	e.PreventDefault()
	p.switchTo(ctx, next)
	id := tabID(next)
	ctx.Defer(func(ctx app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (p *page) typed(ctx app.Context, set func(string)) {
	set(ctx.JSSrc().Get("value").String())
	p.page, p.pageErr = subnet.Count{}, ""
	p.compute(false)
	p.shownPage = p.view.Pager.PageText
	p.setValue(ctx, "planui-page", p.shownPage)
	p.WriteLink(ctx, p.state())
}

func (p *page) onNet(ctx app.Context, e app.Event) {
	p.typed(ctx, func(s string) { p.in.Net = s })
}

func (p *page) onLen(ctx app.Context, e app.Event) {
	p.typed(ctx, func(s string) {
		p.in.Len = s
		if strings.TrimSpace(s) != "" && p.in.Parts != "" {
			p.in.Parts, p.shown.Parts = "", ""
			p.setValue(ctx, "planui-parts", "")
		}
	})
}

func (p *page) onParts(ctx app.Context, e app.Event) {
	p.typed(ctx, func(s string) {
		p.in.Parts = s
		if strings.TrimSpace(s) != "" && p.in.Len != "" {
			p.in.Len, p.shown.Len = "", ""
			p.setValue(ctx, "planui-len", "")
		}
	})
}

func (p *page) onList(ctx app.Context, e app.Event) {
	p.typed(ctx, func(s string) { p.in.List = s })
}

func (p *page) onGID(ctx app.Context, e app.Event) {
	p.typed(ctx, func(s string) { p.in.GID = s })
}

// onNewGID draws another random Global ID: a deliberate step, so it adds
// a history entry that back undoes.
func (p *page) onNewGID(ctx app.Context, e app.Event) {
	p.in.GID = ""
	p.page, p.pageErr, p.find, p.hover = subnet.Count{}, "", "", ""
	p.drawGID()
	p.compute(false)
	p.reshow(ctx)
	p.PushLink(ctx, p.state())
}

func (p *page) onPageInput(ctx app.Context, e app.Event) {
	text := ctx.JSSrc().Get("value").String()
	n, err := subnet.ParseCount(strings.TrimSpace(text))
	if err != nil || n.IsZero() {
		p.pageErr = "page " + strconv.Quote(text) + ": type a whole number from 1 to " + p.view.Pager.PagesText
		return
	}
	p.pageErr = ""
	p.page, p.pageAsked = planview.PageIndex(n), true
	p.compute(false)
	p.WriteLink(ctx, p.state())
}

func (p *page) goPage(to func(pg planview.Pager) subnet.Count) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.page = to(p.view.Pager)
		p.pageErr = ""
		p.compute(false)
		p.shownPage = p.view.Pager.PageText
		p.setValue(ctx, "planui-page", p.shownPage)
		p.WriteLink(ctx, p.state())
	}
}

func (p *page) onFind(ctx app.Context, e app.Event) {
	p.find = ctx.JSSrc().Get("value").String()
	p.pageErr = ""
	p.compute(true)
	p.shownPage = p.view.Pager.PageText
	p.setValue(ctx, "planui-page", p.shownPage)
	p.WriteLink(ctx, p.state())
}

func (p *page) onPreset(pr planview.Preset) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.in = planview.InputsOf(pr.State)
		p.page, p.pageErr, p.find, p.hover, p.treeErr = subnet.Count{}, "", "", "", ""
		p.compute(false)
		p.reshow(ctx)
		p.PushLink(ctx, p.state())
	}
}

func (p *page) onReset(ctx app.Context, e app.Event) {
	p.in = planview.InputsOf(planview.DefaultState(p.mode))
	p.page, p.pageErr, p.find, p.treeErr = subnet.Count{}, "", "", ""
	p.drawGID()
	p.compute(false)
	p.reshow(ctx)
	p.WriteLink(ctx, p.state())
}

func (p *page) onBlock(title string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { p.hover = title }
}

func tabID(m scenario.PlanMode) string { return "planui-tab-" + m.String() }
