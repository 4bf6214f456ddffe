// Package natlab is the NAT lab page: a home network behind one public
// address, step by step, with its translation table, behaviours, port
// forwarding, carrier-grade NAT and hole punching.
package natlab

import (
	"net/url"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/ui"
)

// New returns the page component, for /nat and its embed page.
func New() app.Composer { return &page{} }

// playInterval is the pause between steps while playing.
const playInterval = 1200 * time.Millisecond

type page struct {
	app.Compo
	ui.Base

	lab      *lab
	presetID string            // the unchanged preset shown, or ""
	doc      scenario.Document // the scenario, for the library
	frag     string            // the scenario as a link fragment, when not a preset
	fragErr  string            // why the scenario does not fit in a link
	linkGen  int               // counts link writes, so a delayed one knows it is stale

	form       map[string]string // values of the action inputs, by name
	drafts     map[string]string // editor inputs whose text is not applied
	errs       map[string]string // messages by input name
	tablePage  int
	devicePage int
	playing    bool
	playGen    int

	view  pageView
	punch punchView
}

// pageView is everything Render shows, computed by compute.
type pageView struct {
	Step  stepView
	Table tableView
	Topo  topoView
}

// OnInit shows the link's scenario in the render go-app mounts (see
// ui.Base.InitLink); OnNav then has nothing to replay again.
func (p *page) OnInit() {
	if q, fragment, ok := p.InitLink(scenario.WidgetNAT); ok {
		p.open(q, fragment)
	}
}
func (p *page) OnPreRender(ctx app.Context) { p.load(ctx) }
func (p *page) OnNav(ctx app.Context) {
	if !p.Opened(ctx, scenario.WidgetNAT) {
		p.load(ctx)
	}
}

// OnMount makes back and forward show the preset and step in the URL, even
// the URL the page last loaded (which go-app alone does not reload).
func (p *page) OnMount(ctx app.Context) { p.FollowHistory(p.load) }
func (p *page) OnDismount()             { p.StopHistory() }

func (p *page) load(ctx app.Context) {
	if ctx.Page().URL() == nil {
		// The browser keeps a link whose escapes do not parse as a URL.
		p.AddProblems(scenario.Problem{Reason: "the link has characters that cannot be read; opened the home preset"})
		p.open(url.Values{}, "")
		return
	}
	p.open(p.ReadLink(ctx, scenario.WidgetNAT), ctx.Page().URL().EscapedFragment())
}

// open shows the scenario of the link's parameters q and fragment.
func (p *page) open(q url.Values, fragment string) {
	p.playing = false
	p.playGen++
	p.linkGen++
	p.Protect("the page's link", func() {
		st, problems := readLink(q, fragment, p.Problems())
		p.AddProblems(problems...)
		l, err := newLab(st.Scenario)
		if err != nil {
			p.AddProblems(scenario.Problem{Param: "s", Reason: err.Error() + "; opened the home preset instead"})
			home, _ := findPreset(defaultPreset)
			st = linkState{Scenario: home.Scenario, Preset: home.Name, Step: 1}
			l, _ = newLab(st.Scenario)
		}
		if err := l.seek(st.Step); err != nil {
			p.AddProblems(scenario.Problem{Param: "step", Reason: err.Error()})
		}
		p.lab, p.presetID = l, st.Preset
		p.drafts, p.errs, p.form = map[string]string{}, map[string]string{}, map[string]string{}
		p.tablePage, p.devicePage = 0, 0
		p.refreshFragment()
		if p.punch.Types == nil {
			p.punch = computePunch()
		}
		p.compute()
	})
}

// compute derives the views of the current step. It formats only what is
// shown: the current trace and one page of the table.
func (p *page) compute() {
	l := p.lab
	p.view = pageView{
		Step:  computeStep(l.sc, l.at, l.trace),
		Table: computeTable(l.table(), p.tablePage),
		Topo:  computeTopo(l.sc, l.trace),
	}
	p.tablePage = p.view.Table.Page
	p.fillForm()
}

// refreshFragment encodes the scenario for the library and the link, once
// per change: a 1,000-step scenario takes longer to encode than a frame.
func (p *page) refreshFragment() {
	p.frag, p.fragErr = "", ""
	doc, err := document(p.lab.sc)
	p.doc = doc
	if p.presetID != "" {
		return
	}
	if err == nil {
		p.frag, err = scenario.Fragment(doc)
	}
	if err != nil {
		p.fragErr = err.Error()
	}
}

// link returns the page's link at path ("/nat" or "/embed/nat").
func (p *page) link(path string) string {
	q, f := linkParts(p.presetID, p.frag, p.lab.at, p.IsReadonly())
	return linkPath(path, q, f)
}

// longLink is the length from which a link is written after stepping
// pauses rather than at once: the browser takes longer than a frame to
// replace a URL that carries a 1,000-step scenario.
const longLink = 4096

// linkDelay is how long a long link waits for the next step.
const linkDelay = 250 * time.Millisecond

// writeLink puts the state in the URL, as a new history entry when push is
// set (presets), in place otherwise (steps, edits, actions).
func (p *page) writeLink(ctx app.Context, push bool) {
	if app.IsServer || p.lab == nil {
		return
	}
	q, f := linkParts(p.presetID, p.frag, p.lab.at, p.IsReadonly())
	u := *ctx.Page().URL()
	u.RawQuery = q
	u.Fragment, u.RawFragment = f, f
	p.linkGen++
	if push || len(f) < longLink {
		ui.SetURL(ctx, &u, push)
		return
	}
	gen := p.linkGen
	ctx.Async(func() {
		time.Sleep(linkDelay)
		// Next runs the function without rendering the page again.
		ctx.Dispatcher().Dispatch(app.Dispatch{Mode: app.Next, Source: p, Function: func(ctx app.Context) {
			if gen == p.linkGen {
				ui.SetURL(ctx, &u, false)
			}
		}})
	})
}

// run applies fn to the lab through the error boundary, recomputes and
// writes the link.
func (p *page) run(ctx app.Context, input string, push bool, fn func()) {
	if p.lab == nil {
		return
	}
	p.Protect(input, func() {
		fn()
		p.compute()
	})
	p.writeLink(ctx, push)
	// An event inside a part renders only that part; the step, the table
	// and the picture may have changed too.
	p.Update()
}

// changed records that the scenario is no longer an unchanged preset.
func (p *page) changed() {
	p.presetID = ""
	p.refreshFragment()
}

func (p *page) onPreset(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		pr, ok := findPreset(id)
		if !ok {
			return
		}
		p.stopPlaying()
		p.run(ctx, "preset="+id, true, func() {
			l, err := newLab(pr.Scenario)
			if err != nil {
				panic(err)
			}
			l.seek(1)
			p.lab, p.presetID = l, id
			p.drafts, p.errs, p.form = map[string]string{}, map[string]string{}, map[string]string{}
			p.tablePage, p.devicePage = 0, 0
			p.refreshFragment()
		})
	}
}

// goTo shows the step after n steps.
func (p *page) goTo(ctx app.Context, n int) {
	p.run(ctx, "step="+strconv.Itoa(n), false, func() {
		if err := p.lab.seek(n); err != nil {
			panic(err)
		}
	})
}

// StepAt returns the step shown and the number of steps (ui.Stepper).
func (p *page) StepAt() (step, total int) { return p.lab.at, p.lab.total() }

// GoToStep stops playing and shows the step after n steps (ui.Stepper).
func (p *page) GoToStep(ctx app.Context, n int) { p.stopPlaying(); p.goTo(ctx, n) }

func (p *page) stopPlaying() {
	p.playing = false
	p.playGen++
}

func (p *page) onPlay(ctx app.Context, e app.Event) {
	if p.playing {
		p.stopPlaying()
		return
	}
	if p.lab.at >= p.lab.total() {
		p.goTo(ctx, 0)
	}
	p.playing = true
	p.playGen++
	p.tick(ctx, p.playGen)
}

func (p *page) tick(ctx app.Context, gen int) {
	ctx.After(playInterval, func(ctx app.Context) {
		if !p.playing || p.playGen != gen {
			return
		}
		p.goTo(ctx, p.lab.at+1)
		if p.lab.at >= p.lab.total() || p.Failed() {
			p.playing = false
			return
		}
		p.tick(ctx, gen)
	})
}

func (p *page) onTablePage(delta int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.tablePage += delta
		p.run(ctx, "table page", false, func() {})
	}
}

func (p *page) onDevicePage(delta int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.devicePage = max(0, p.devicePage+delta)
	}
}

func (p *page) onReset(ctx app.Context, e app.Event) {
	p.stopPlaying()
	p.run(ctx, "reset", true, func() {
		home, _ := findPreset(defaultPreset)
		l, err := newLab(home.Scenario)
		if err != nil {
			panic(err)
		}
		l.seek(1)
		p.lab, p.presetID = l, home.Name
		p.drafts, p.errs, p.form = map[string]string{}, map[string]string{}, map[string]string{}
		p.refreshFragment()
	})
}
