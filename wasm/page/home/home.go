package home

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/ui"
)

// homePage says what Netground is and leads to the pages. Its paste box
// takes whatever people have in front of them (an address, a port, an
// error message, the output of ss, docker ps, ip addr or kubectl) and says
// what it is and which page answers it, as they type.
type homePage struct {
	app.Compo
	ui.Boundary

	box pasteBox
}

// New returns the home page.
func New() app.Composer { return &homePage{} }

// OnInit fills the box in the render go-app mounts (see ui.Base.InitLink).
func (p *homePage) OnInit() {
	if u := ui.StartURL(); u != nil {
		p.show(u)
	}
}
func (p *homePage) OnPreRender(ctx app.Context) { p.load(ctx) }
func (p *homePage) OnNav(ctx app.Context)       { p.load(ctx) }

func (p *homePage) load(ctx app.Context) {
	ctx.Page().SetTitle(ui.SiteTitle)
	p.show(ctx.Page().URL())
}

// show fills the box from the link's paste parameter (/?paste=<text>), the
// way course pages and the header's paste form open it.
func (p *homePage) show(u *url.URL) {
	text := u.Query().Get("paste")
	p.box.set(text, hasNewline(text))
	p.box.linked = text != ""
	p.compute()
}

func (p *homePage) compute() {
	p.Protect(p.box.quoted(), p.box.compute)
}

func (p *homePage) Render() app.UI {
	return ui.Layout(false, "/", "",
		app.Section().Class("intro").Body(
			app.H1().Text("Netground"),
			app.P().Class("lead").Text("An IP address gets a packet to the right machine; a port gets it to the right service on that machine. "+
				"NAT lets a whole network hide behind one public address. "+
				"Netground lets you type addresses, subnets and ports, and play with NAT and binding, to see in plain words what they mean and why things fail."),
		),
		p.renderPaste(),
		app.Section().Aria("labelledby", "examples-heading").Body(
			app.H2().ID("examples-heading").Text("Try an example"),
			app.Ul().Class("examples").Body(
				app.Range(examples()).Slice(func(i int) app.UI {
					e := examples()[i]
					return app.Li().Body(app.A().Href(ui.Href(e.Path)).Text(e.Label))
				}),
			),
		),
		app.Section().Aria("labelledby", "widgets-heading").Body(
			app.H2().ID("widgets-heading").Text("Widgets and labs"),
			app.Ul().Class("cards").Body(
				app.Range(cards()).Slice(func(i int) app.UI {
					c := cards()[i]
					return app.Li().Class("card").Body(
						app.H3().Body(app.A().Href(ui.Href(c.Path)).Text(c.Heading())),
						app.P().Text(c.Card),
					)
				}),
			),
		),
	)
}

// cards returns the pages that have a card.
func cards() []ui.Page {
	var out []ui.Page
	for _, p := range ui.Pages() {
		if p.Card != "" {
			out = append(out, p)
		}
	}
	return out
}

// examples returns every page's ready-made links.
func examples() []ui.Example {
	var out []ui.Example
	for _, p := range ui.Pages() {
		out = append(out, p.Examples...)
	}
	return out
}
