// Package planui is the Plan page: split a network, allocate subnets by
// host counts, summarize, turn ranges into CIDRs, exclude, report
// overlaps, find the next free subnet, and make a unique local /48, with a
// picture of the address space beside the results.
package planui

import (
	"crypto/rand"
	"net/netip"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/core/tool/alloc"
	"github.com/netground/netground/wasm/ui"
)

// New returns the page component, for /plan and its embed page.
func New() app.Composer { return &page{} }

// inputs is what the person typed in one mode.
type inputs struct {
	Net, List, Len, Parts string
	GID                   string // the Global ID of the unique local tab
	// Tree and Names are the split tree's shape and names as its link
	// writes them (plan.Tree.Shape, plan.Tree.Names); Cloud the provider
	// whose reservations its usable counts leave out.
	Tree, Names string
	Cloud       subnet.Cloud
}

// page is the Plan widget. Its state lives in the URL parameters mode,
// net, tree, cloud, len, parts, page, gid, names and list
// (scenario.PlanState).
type page struct {
	app.Compo
	ui.Base

	mode      scenario.PlanMode
	in        inputs
	page      subnet.Count // zero-based
	pageErr   string
	pageAsked bool
	find      string
	saved     map[scenario.PlanMode]inputs // what each other tab held
	// shown is what the inputs were last given by the page rather than by
	// typing. Render gives the inputs these values, not the typed ones: a
	// render that lags behind fast typing would otherwise put back an
	// older value and lose keystrokes.
	shown                inputs
	shownPage, shownFind string
	hover                string // the block of the picture last pointed at or focused
	// shownNames are the split tree's names as the page last gave them to
	// the name inputs; like shown, typing does not change them.
	shownNames map[netip.Prefix]string
	treeErr    string // why the last divide or join could not be done
	view       view
}

func (p *page) OnPreRender(ctx app.Context) { p.load(ctx) }
func (p *page) OnNav(ctx app.Context)       { p.load(ctx) }

// OnMount makes back and forward restore the mode and inputs in the URL.
func (p *page) OnMount(ctx app.Context) { p.FollowHistory(p.load) }
func (p *page) OnDismount()             { p.StopHistory() }

// load derives the state from the page URL.
func (p *page) load(ctx app.Context) {
	q := p.ReadLink(ctx, scenario.WidgetPlan)
	st, problems := scenario.ParsePlanState(q)
	p.AddProblems(problems...)
	p.mode = st.Mode
	p.in = inputsFromLink(st, q.Has("net"), q.Has("list"))
	p.page = subnet.CountOf(st.Page)
	p.pageAsked = q.Has("page")
	p.pageErr, p.find, p.hover, p.treeErr = "", "", "", ""
	p.saved = map[scenario.PlanMode]inputs{}
	drew := p.drawGID()
	p.compute(false)
	p.reshow(ctx)
	if drew {
		p.WriteLink(ctx, p.state())
	}
}

// drawGID gives the unique local tab a random Global ID when it has none,
// from crypto/rand (in the browser, crypto.getRandomValues), and reports
// whether it did. The link then carries the ID, so the page can be shared
// and reopened on the same /48.
func (p *page) drawGID() bool {
	if p.mode != scenario.PlanULA || p.in.GID != "" || app.IsServer {
		return false
	}
	g, err := alloc.NewGlobalID(rand.Reader)
	if err != nil {
		return false // the input stays empty and says what to type
	}
	p.in.GID = g.String()
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
	if app.IsServer {
		return
	}
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() && el.Get("value").String() != value {
			el.Set("value", value)
		}
	})
}

// inputsFromLink fills what the link left out with the mode's example.
func inputsFromLink(st scenario.PlanState, hasNet, hasList bool) inputs {
	def := defaultState(st.Mode)
	in := inputs{Net: st.Net, List: st.List, GID: st.GlobalID}
	if st.Mode == scenario.PlanTree {
		in.Tree, in.Names, in.Cloud = st.Tree, st.Names, st.Cloud
		if !hasNet && st.Tree == "" {
			in.Tree, in.Names = def.Tree, def.Names
			if st.Cloud == subnet.CloudNone {
				in.Cloud = def.Cloud
			}
		}
	}
	if !hasNet && usesNet(st.Mode) {
		in.Net = def.Net
	}
	if !hasList && usesList(st.Mode) {
		in.List = def.List
	}
	if st.Mode == scenario.PlanSplit && st.Len == 0 && st.Parts == 0 {
		st.Len, st.Parts = def.Len, def.Parts
	}
	if st.Mode == scenario.PlanNextFree && st.Len == 0 {
		st.Len = def.Len
	}
	if st.Len != 0 {
		in.Len = strconv.Itoa(st.Len)
	}
	if st.Parts != 0 {
		in.Parts = strconv.FormatUint(st.Parts, 10)
	}
	return in
}

func inputsOf(st scenario.PlanState) inputs {
	return inputsFromLink(st, true, true)
}

// state returns what the link carries.
func (p *page) state() scenario.PlanState {
	st := scenario.PlanState{Mode: p.mode}
	if usesNet(p.mode) {
		st.Net = p.in.Net
	}
	if usesList(p.mode) {
		st.List = p.in.List
	}
	if usesLen(p.mode) {
		if n, err := plan.ParseLength(p.in.Len); err == nil && n >= 1 {
			st.Len = n
		} else if n, err := plan.ParseParts(p.in.Parts); err == nil && p.mode == scenario.PlanSplit {
			st.Parts = n
		}
	}
	if p.mode == scenario.PlanULA {
		st.GlobalID = p.in.GID
	}
	if p.mode == scenario.PlanTree {
		st.Tree, st.Names, st.Cloud = p.in.Tree, p.in.Names, p.in.Cloud
	}
	if n, ok := p.page.Uint64(); ok {
		st.Page = n
	}
	return st
}

// compute rebuilds the view; jump moves to the row holding the address
// looked for.
func (p *page) compute(jump bool) {
	p.Protect(p.inputText(), func() {
		p.view = build(input{
			Mode: p.mode, Net: p.in.Net, List: p.in.List, Len: p.in.Len, Parts: p.in.Parts, GID: p.in.GID,
			Tree: p.in.Tree, Names: p.in.Names, Cloud: p.in.Cloud,
			Page: p.page, Find: p.find, PageAsked: p.pageAsked, Jump: jump,
		})
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
		p.in = inputsOf(defaultState(m))
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
	p.page, p.pageAsked = n.Sub(one), true
	p.compute(false)
	p.WriteLink(ctx, p.state())
}

func (p *page) goPage(to func(pg pager) subnet.Count) app.EventHandler {
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

func (p *page) onPreset(pr preset) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.in = inputsOf(pr.State)
		p.page, p.pageErr, p.find, p.hover, p.treeErr = subnet.Count{}, "", "", "", ""
		p.compute(false)
		p.reshow(ctx)
		p.PushLink(ctx, p.state())
	}
}

func (p *page) onReset(ctx app.Context, e app.Event) {
	p.in = inputsOf(defaultState(p.mode))
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
