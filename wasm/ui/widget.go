package ui

import (
	"net/url"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/answer"
)

// Base is what every widget page embeds: the error boundary, embed and
// read-only modes, and what its link could not use.
type Base struct {
	Boundary
	embed       bool
	readonly    bool
	problems    []scenario.Problem
	stopHistory func()
	opened      string // the URL InitLink read, until Opened

}

// WidgetPage is the life cycle of a widget page whose state is all in its
// link (Address, Subnet, Ports): the link is read as go-app mounts the page
// (InitLink), again at each navigation, and at back and forward. A widget
// embeds it beside app.Compo and Base under an unexported name (type
// widgetPage = ui.WidgetPage), as a lab embeds LabPage, and its
// constructor calls Init.
type WidgetPage struct {
	widget scenario.Widget
	base   *Base
	show   func(q url.Values)
	loaded func(ctx app.Context)
}

// Init makes the page widget w's, on the page's Base. show computes the
// answer to the link's parameters q; loaded, when not nil, does what needs
// a Context once a navigation has shown the link (fetching what the answer
// waits for, say).
func (p *WidgetPage) Init(w scenario.Widget, base *Base, show func(q url.Values), loaded func(ctx app.Context)) {
	p.widget, p.base, p.show, p.loaded = w, base, show, loaded
}

func (p *WidgetPage) OnInit() {
	if q, _, ok := p.base.InitLink(p.widget); ok {
		p.show(q)
	}
}
func (p *WidgetPage) OnPreRender(ctx app.Context) { p.Load(ctx) }
func (p *WidgetPage) OnNav(ctx app.Context)       { p.Load(ctx) }
func (p *WidgetPage) OnMount(ctx app.Context)     { p.base.FollowHistory(p.Load) }
func (p *WidgetPage) OnDismount()                 { p.base.StopHistory() }

// Load reads the page's link and shows its answer.
func (p *WidgetPage) Load(ctx app.Context) {
	p.show(p.base.ReadLink(ctx, p.widget))
	if p.loaded != nil {
		p.loaded(ctx)
	}
}

// FollowHistory makes back and forward restore the state that PushLink
// put in the URL: reload is called with the URL already changed. go-app
// alone does not navigate when the URL goes back to the one it last
// loaded. Call it from OnMount, and StopHistory from OnDismount.
func (b *Base) FollowHistory(reload func(ctx app.Context)) {
	b.StopHistory()
	b.stopHistory = app.Window().AddEventListener("popstate", func(ctx app.Context, e app.Event) {
		reload(ctx)
	})
}

// StopHistory undoes FollowHistory.
func (b *Base) StopHistory() {
	if b.stopHistory != nil {
		b.stopHistory()
		b.stopHistory = nil
	}
}

// IsEmbed reports whether the page is an embed page.
func (b *Base) IsEmbed() bool { return b.embed }

// IsReadonly reports whether the widget's inputs cannot be changed: the
// link asked for a fixed example (readonly=1), or the page is being
// pre-rendered, where typing would be lost when the app starts.
func (b *Base) IsReadonly() bool { return b.readonly || app.IsServer }

// IsLocked reports whether the link asked for a fixed example
// (readonly=1). Inputs bound to the link (data-link, see LinkInput) use it
// instead of IsReadonly: they take typing even in the pre-rendered page,
// where boot.js keeps what is typed in the URL for the app to answer.
func (b *Base) IsLocked() bool { return b.readonly }

// Problems returns what the link held that the widget could not use.
func (b *Base) Problems() []scenario.Problem { return b.problems }

// AddProblems records more of what the link held that could not be used.
func (b *Base) AddProblems(p ...scenario.Problem) { b.problems = append(b.problems, p...) }

// ReadLink returns the widget's parameters from the page URL (query, or a
// scenario in the fragment), and records what had to be ignored.
func (b *Base) ReadLink(ctx app.Context, w scenario.Widget) url.Values {
	ctx.Page().SetTitle(PageTitle("/" + string(w)))
	return b.ReadURL(ctx.Page().URL(), w)
}

// ReadURL is ReadLink for the link u, without a Context.
func (b *Base) ReadURL(u *url.URL, w scenario.Widget) url.Values {
	b.embed = IsEmbed(u.Path)
	q, problems := scenario.ReadLink(w, u.RawQuery, u.EscapedFragment())
	b.readonly = q.Get("readonly") == "1"
	b.problems = problems
	return q
}

// InitLink is ReadLink for a page's OnInit, where there is no Context yet:
// the link's parameters and fragment from the browser's URL, ok false on
// the server (where OnPreRender reads the link). A page reads its link in
// OnInit so that the render go-app mounts is already the link's answer:
// go-app replaces the pre-rendered page (and the first answer written into
// it) with its first render, and draws what OnNav computes only at the next
// frame, so a page that waited for OnNav would show an empty answer for
// that frame.
func (b *Base) InitLink(w scenario.Widget) (q url.Values, fragment string, ok bool) {
	u := StartURL()
	if u == nil {
		return nil, "", false
	}
	b.opened = u.String()
	return b.ReadURL(u, w), u.EscapedFragment(), true
}

// Opened reports whether the page's URL is still the one InitLink read, for
// OnNav (which go-app calls once after mounting) to skip loading it again;
// a page whose load is costly, or draws something at random, uses it. It
// sets the page's title either way, and answers true only once.
func (b *Base) Opened(ctx app.Context, w scenario.Widget) bool {
	ctx.Page().SetTitle(PageTitle("/" + string(w)))
	u := ctx.Page().URL()
	opened := b.opened != "" && u != nil && u.String() == b.opened
	b.opened = ""
	return opened
}

// StartURL returns the browser's URL, for a page's OnInit (see InitLink),
// and nil on the server.
func StartURL() *url.URL {
	if app.IsServer {
		return nil
	}
	return app.Window().URL()
}

// WriteLink puts the state in the URL in place (history.replaceState), so
// typing does not grow the history.
func (b *Base) WriteLink(ctx app.Context, s scenario.State) {
	SetURL(ctx, b.linkURL(ctx, s), false)
}

// PushLink puts the state in the URL as a new history entry, for
// deliberate steps such as choosing a mode.
func (b *Base) PushLink(ctx app.Context, s scenario.State) {
	SetURL(ctx, b.linkURL(ctx, s), true)
}

// SetLink is SetURL for a link relative to the page, such as a lab's.
func SetLink(ctx app.Context, link string, push bool) {
	u, err := ctx.Page().URL().Parse(link)
	if err != nil {
		return
	}
	SetURL(ctx, u, push)
}

// SetURL puts u in the address bar: a new history entry if push, in place
// otherwise. Every page writes its links through it, and FollowHistory
// brings them back on back and forward. After a push, go-app is told the
// new URL too (ReplaceURL), so that a later link to the page's previous
// URL is seen as a navigation.
func SetURL(ctx app.Context, u *url.URL, push bool) {
	if app.IsServer {
		return
	}
	if push {
		if u.String() == app.Window().URL().String() {
			return
		}
		app.Window().Get("history").Call("pushState", nil, "", u.String())
	}
	ctx.Page().ReplaceURL(u)
}

func (b *Base) linkURL(ctx app.Context, s scenario.State) *url.URL {
	u := *ctx.Page().URL()
	raw := s.Encode()
	if b.readonly {
		if raw != "" {
			raw += "&"
		}
		raw += "readonly=1"
	}
	u.RawQuery = raw
	u.Fragment, u.RawFragment = "", ""
	return &u
}

// LinkNotice says what a link held that the widget could not use.
func LinkNotice(problems []scenario.Problem) app.UI {
	return Raw(answer.LinkNotice(problems).String())
}

// WidgetPath returns the link of a widget state, such as /addr?ip=10.0.0.1.
func WidgetPath(s scenario.State) string {
	p := "/" + string(s.Widget())
	if q := s.Encode(); q != "" {
		p += "?" + q
	}
	return p
}

// EmbedPath returns the embed link of a widget state.
func EmbedPath(s scenario.State) string {
	return "/embed" + WidgetPath(s)
}

// Raw shows the HTML of an answer region (package answer) inside the
// region's element; nothing when it is empty.
func Raw(html string) app.UI {
	if html == "" {
		return nil
	}
	return app.Raw(html)
}

// SettleDraft makes d show the error of input, in state st, once it has
// rested for answer.Pause without another keystroke: current returns what
// the input holds by then.
func SettleDraft(ctx app.Context, d *answer.Draft, input string, st answer.Input, current func() string) {
	if st != answer.InputIncomplete {
		return
	}
	ctx.After(answer.Pause*time.Millisecond, func(ctx app.Context) {
		if current() == input {
			d.Settle(input)
		}
	})
}

// LinkField renders a labelled text input bound to the link parameter
// name, read-only while locked, with the message region id+"-message"
// under it holding messageHTML: its answer or its error.
func LinkField(id, name, label, placeholder, value string, locked, invalid bool, onInput app.EventHandler, messageHTML string) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(label),
		app.Input().Type("text").ID(id).Name(name).Value(value).Placeholder(placeholder).
			AutoComplete(false).DataSet("link", name).ReadOnly(locked).
			Attr("spellcheck", "false").Attr("autocapitalize", "off").
			Aria("invalid", invalid).Aria("describedby", id+"-message").
			OnInput(onInput),
		app.P().ID(id+"-message").Class("field-message").Aria("live", "polite").Body(Raw(messageHTML)),
	)
}
