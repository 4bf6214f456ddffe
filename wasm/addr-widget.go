package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// defaultAddress is shown when a link names no address.
const defaultAddress = "192.168.1.42"

// addrWidget is the Address widget: type any IPv4 or IPv6 address and see
// its forms, its classification and whether the internet can reach it.
// Its state lives in the URL parameter ip.
type addrWidget struct {
	app.Compo
	boundary

	embed bool
	input string
	view  addrView
}

func (c *addrWidget) OnPreRender(ctx app.Context) { c.load(ctx) }
func (c *addrWidget) OnNav(ctx app.Context)       { c.load(ctx) }

// load derives the state from the page URL.
func (c *addrWidget) load(ctx app.Context) {
	u := ctx.Page().URL()
	c.embed = isEmbed(u.Path)
	ctx.Page().SetTitle(pageTitle("/addr"))
	input := defaultAddress
	if q := u.Query(); q.Has("ip") {
		input = q.Get("ip")
	}
	c.input = input
	c.protect(input, c.compute)
}

func (c *addrWidget) compute() {
	c.view = describeAddress(c.input)
}

func (c *addrWidget) onInput(ctx app.Context, e app.Event) {
	input := ctx.JSSrc().Get("value").String()
	c.input = input
	c.protect(input, c.compute)
	replaceQuery(ctx, "ip", input)
}

func (c *addrWidget) onReset(ctx app.Context, e app.Event) {
	c.input = defaultAddress
	c.protect(c.input, c.compute)
	replaceQuery(ctx, "ip", c.input)
}

func (c *addrWidget) Render() app.UI {
	v := c.view
	return layout(c.embed, "/addr", href("/addr?ip="+queryEscape(c.input)),
		app.Section().Class("widget").Aria("labelledby", "addr-title").Body(
			app.H1().ID("addr-title").Text("Address"),
			app.P().Class("widget-intro").Text("An IP address names one network interface. Type one to see what kind it is and who can reach it."),
			app.Div().Class("field").Body(
				app.Label().For("addr-ip").Text("IPv4 or IPv6 address"),
				app.Input().
					Type("text").
					ID("addr-ip").
					Name("ip").
					Value(c.input).
					Placeholder("e.g. 192.168.1.42 or 2001:db8::1").
					AutoComplete(false).
					Attr("spellcheck", "false").
					Attr("autocapitalize", "off").
					Aria("invalid", v.Err != "").
					Aria("describedby", "addr-ip-message").
					OnInput(c.onInput),
				app.P().ID("addr-ip-message").Class("field-message").Aria("live", "polite").Body(
					app.If(v.Err != "",
						app.Span().Class("error").DataSet("field", "error").Text(v.Err),
					),
				),
			),
			app.If(c.failed(),
				failurePanel(&c.boundary, c.onReset),
			).ElseIf(v.Err == "",
				c.renderResult(v),
			),
		),
	)
}

func (c *addrWidget) renderResult(v addrView) app.UI {
	return app.Div().Class("result").Aria("live", "polite").Body(
		app.Div().Class("verdict verdict-"+v.Answer).Body(
			app.P().Class("verdict-answer").Body(
				app.Span().Text("Reachable from the internet: "),
				app.Strong().DataSet("field", "reachable").Text(v.Answer+" — "+v.Summary),
			),
			app.P().DataSet("field", "explanation").Text(v.Explanation),
		),
		app.Dl().Class("facts").Body(
			fact("Canonical form", "canonical", v.Canonical),
			fact("Expanded form", "expanded", v.Expanded),
			fact("Version", "version", v.Version),
			fact("Kind", "kind", v.Kind),
		),
	)
}

// fact renders one labelled, computed value with its data-field name.
func fact(label, field, value string) app.UI {
	return app.Div().Class("fact").Body(
		app.Dt().Text(label),
		app.Dd().Body(app.Code().DataSet("field", field).Text(value)),
	)
}
