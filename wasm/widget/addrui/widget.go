package addrui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/answer"
	"github.com/netground/netground/wasm/ui"
)

// New returns the widget, for its page and its embed page.
func New() app.Composer {
	c := &addrWidget{draft: answer.NewDraft(scenario.WidgetAddr)}
	c.Init(scenario.WidgetAddr, &c.Base, c.show, nil)
	return c
}

// widgetPage is the widget's life cycle, embedded unexported (see
// ui.WidgetPage).
type widgetPage = ui.WidgetPage

// addrWidget is the Address widget: type any IPv4 or IPv6 address and see
// its forms, its classification, whether the internet can reach it and what
// it is on the link; or type a MAC address and see the IPv6 addresses made
// from it. It also counts from the address: the address N places away, and
// the distance to a second address.
// Its state lives in the URL parameters ip, add and to.
type addrWidget struct {
	app.Compo
	ui.Base
	widgetPage

	input   string
	add, to string // the arithmetic's inputs, as typed
	view    answer.AddrView
	draft   *answer.Draft
}

// show computes the answer to the link's parameters q.
func (c *addrWidget) show(q url.Values) {
	state, problems := answer.AddrLink(q)
	c.AddProblems(problems...)
	c.input, c.add, c.to = state.IP, state.Add, state.To
	c.Protect(c.input, c.compute)
}

func (c *addrWidget) state() scenario.AddrState {
	return scenario.AddrState{IP: c.input, Add: c.add, To: c.to}
}

func (c *addrWidget) compute() {
	c.view = answer.DescribeAddrState(c.state())
}

func (c *addrWidget) onInput(ctx app.Context, e app.Event) {
	input := ctx.JSSrc().Get("value").String()
	c.input = input
	c.Protect(input, c.compute)
	c.WriteLink(ctx, c.state())
	ui.SettleDraft(ctx, c.draft, input, answer.AddrInput(input), func() string { return c.input })
}

// onArith returns the handler of an arithmetic input (add or to).
func (c *addrWidget) onArith(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*field = ctx.JSSrc().Get("value").String()
		c.Protect(c.input, c.compute)
		c.WriteLink(ctx, c.state())
	}
}

func (c *addrWidget) onReset(ctx app.Context, e app.Event) {
	c.input, c.add, c.to = answer.DefaultAddress, "", ""
	c.Protect(c.input, c.compute)
	c.WriteLink(ctx, c.state())
}

func (c *addrWidget) Render() app.UI {
	v := c.view
	r, waiting := c.draft.Show(answer.AddrRegions(v, ui.Href), c.input, answer.AddrInput(c.input))
	return ui.Layout(c.IsEmbed(), "/addr", ui.Href(ui.WidgetPath(c.state())),
		app.Section().Class("widget").Aria("labelledby", "addr-title").Body(
			app.H1().ID("addr-title").Text("Address"),
			app.P().Class("widget-intro").Text("An IP address names one network interface. Type one to see what kind it is and who can reach it."),
			app.Div().ID("addr-notice").Body(ui.LinkNotice(c.Problems())),
			app.Div().Class("field").Body(
				app.Label().For("addr-ip").Text("IPv4 or IPv6 address, or a MAC address"),
				app.Input().
					Type("text").
					ID("addr-ip").
					Name("ip").
					Value(c.input).
					Placeholder("e.g. 192.168.1.42, 2001:db8::1 or 34:56:78:9a:bc:de").
					AutoComplete(false).
					DataSet("link", "ip").
					ReadOnly(c.IsLocked()).
					Attr("spellcheck", "false").
					Attr("autocapitalize", "off").
					Aria("invalid", v.Err != "" && !waiting).
					Aria("describedby", "addr-ip-message").
					OnInput(c.onInput),
				app.P().ID("addr-ip-message").Class("field-message").Aria("live", "polite").Body(ui.Raw(r.HTML("addr-ip-message"))),
			),
			app.If(c.Failed(),
				ui.FailurePanel(&c.Boundary, c.onReset),
			),
			app.Div().ID("addr-verdict").Aria("live", "polite").Body(app.If(!c.Failed(), ui.Raw(r.HTML("addr-verdict")))),
			app.If(!c.IsEmbed(), ui.ShareBar("addr", ui.WidgetPath(c.state()), ui.EmbedPath(c.state()), scenario.NewDocument(c.state(), ""))),
			ui.Fold(c.IsEmbed(), "Address ± N, distance to another", c.add != "" || c.to != "",
				app.Section().Class("addr-arith").Aria("labelledby", "addr-arith-title").Body(
					app.H2().ID("addr-arith-title").Text("Count from this address"),
					c.textField("addr-add", "add", "Add or subtract a number of addresses", "e.g. 10, -1 or 0x100", &c.add, v.Arith.AddErr, r),
					c.textField("addr-to", "to", "Distance to a second address", "e.g. 192.168.2.1", &c.to, v.Arith.DistanceErr, r),
				)),
			ui.Fold(c.IsEmbed(), "Forms, registries and details", false,
				app.Div().ID("addr-details").Body(app.If(!c.Failed(), ui.Raw(r.HTML("addr-details"))))),
		),
	)
}

// textField renders a labelled arithmetic input bound to one link
// parameter, with its answer or error under it.
func (c *addrWidget) textField(id, name, label, placeholder string, field *string, errText string, r answer.Regions) app.UI {
	return ui.LinkField(id, name, label, placeholder, *field, c.IsLocked(), errText != "", c.onArith(field), r.HTML(id+"-message"))
}
