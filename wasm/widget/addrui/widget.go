package addrui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/ui"
)

// defaultAddress is shown when a link names no address.
const defaultAddress = "192.168.1.42"

// addrWidget is the Address widget: type any IPv4 or IPv6 address and see
// its forms, its classification and whether the internet can reach it.
// Its state lives in the URL parameter ip.
// New returns the widget, for its page and its embed page.
func New() app.Composer { return &addrWidget{} }

type addrWidget struct {
	app.Compo
	ui.Base

	input string
	view  addrView
}

func (c *addrWidget) OnPreRender(ctx app.Context) { c.load(ctx) }
func (c *addrWidget) OnNav(ctx app.Context)       { c.load(ctx) }
func (c *addrWidget) OnMount(ctx app.Context)     { c.FollowHistory(c.load) }
func (c *addrWidget) OnDismount()                 { c.StopHistory() }

// load derives the state from the page URL.
func (c *addrWidget) load(ctx app.Context) {
	q := c.ReadLink(ctx, scenario.WidgetAddr)
	state, problems := scenario.ParseAddrState(q)
	c.AddProblems(problems...)
	c.input = defaultAddress
	if q.Has("ip") {
		c.input = state.IP
	}
	c.Protect(c.input, c.compute)
}

func (c *addrWidget) state() scenario.AddrState { return scenario.AddrState{IP: c.input} }

func (c *addrWidget) compute() {
	c.view = describeAddress(c.input)
}

func (c *addrWidget) onInput(ctx app.Context, e app.Event) {
	input := ctx.JSSrc().Get("value").String()
	c.input = input
	c.Protect(input, c.compute)
	c.WriteLink(ctx, c.state())
}

func (c *addrWidget) onReset(ctx app.Context, e app.Event) {
	c.input = defaultAddress
	c.Protect(c.input, c.compute)
	c.WriteLink(ctx, c.state())
}

func (c *addrWidget) Render() app.UI {
	v := c.view
	return ui.Layout(c.IsEmbed(), "/addr", ui.Href(ui.WidgetPath(c.state())),
		app.Section().Class("widget").Aria("labelledby", "addr-title").Body(
			app.H1().ID("addr-title").Text("Address"),
			app.P().Class("widget-intro").Text("An IP address names one network interface. Type one to see what kind it is and who can reach it."),
			ui.LinkNotice(c.Problems()),
			app.Div().Class("field").Body(
				app.Label().For("addr-ip").Text("IPv4 or IPv6 address"),
				app.Input().
					Type("text").
					ID("addr-ip").
					Name("ip").
					Value(c.input).
					Placeholder("e.g. 192.168.1.42 or 2001:db8::1").
					AutoComplete(false).
					DataSet("link", "ip").
					ReadOnly(c.IsLocked()).
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
			app.If(!c.IsEmbed(), ui.ShareBar("addr", ui.WidgetPath(c.state()), ui.EmbedPath(c.state()), scenario.NewDocument(c.state(), ""))),
			app.If(c.Failed(),
				ui.FailurePanel(&c.Boundary, c.onReset),
			).ElseIf(v.Err == "",
				c.renderResult(v),
			),
		),
	)
}

func (c *addrWidget) renderResult(v addrView) app.UI {
	return app.Div().Class("result").Body(
		app.Div().Class("verdict verdict-"+v.Answer).Aria("live", "polite").Body(
			app.P().Class("verdict-answer").Body(
				app.Span().Text("Can the internet reach it? "),
				app.Strong().DataSet("field", "reachable").Text(v.Summary),
			),
			app.P().DataSet("field", "explanation").Text(v.Explanation),
		),
		app.H2().Text("Forms"),
		app.Dl().Class("facts").Body(
			ui.Fact("Canonical", "canonical", v.Canonical),
			ui.Fact("Expanded", "expanded", v.Expanded),
			ui.Fact("Version", "version", v.Version),
			ui.Fact("Kind", "kind", v.Kind),
			ui.Fact("Binary", "binary", v.Binary),
			ui.Fact("Hexadecimal", "hex", v.Hex),
			ui.Fact("Integer", "integer", v.Decimal),
			ui.Fact("Reverse DNS name", "reverse-dns", v.ReverseDNS),
			app.If(v.Mapped != "", ui.Fact(v.MappedLabel, "mapped", v.Mapped)),
			app.If(v.MulticastScope != "", ui.Fact("Multicast scope", "multicast-scope", v.MulticastScope)),
		),
		app.If(v.Embedded != "", c.renderEmbedded(v)),
		app.H2().Text("IANA special-purpose registries"),
		app.If(len(v.Rows) == 0,
			app.P().DataSet("field", "registry-none").Text("No special-purpose block contains this address."),
		).Else(
			app.Div().Class("table-scroll").TabIndex(0).Role("region").Aria("label", "IANA registry rows (scrolls sideways)").Body(
				app.Table().Class("rows").Body(
					app.Caption().Text("Every matching row, most specific first. Flags as the registry states them (RFC 6890)."),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text("Block"),
						app.Th().Scope("col").Text("Name"),
						app.Th().Scope("col").Text("Source"),
						app.Th().Scope("col").Text("Destination"),
						app.Th().Scope("col").Text("Forwardable"),
						app.Th().Scope("col").Text("Globally reachable"),
						app.Th().Scope("col").Text("Reserved by protocol"),
						app.Th().Scope("col").Text("RFC"),
					)),
					app.TBody().Body(
						app.Range(v.Rows).Slice(func(i int) app.UI {
							r := v.Rows[i]
							name := r.Name
							if r.Terminated != "" && r.Terminated != "N/A" {
								name += " (terminated " + r.Terminated + ")"
							}
							return app.Tr().DataSet("field", "registry-row").Body(
								app.Td().Body(app.Code().DataSet("field", "row-block").Text(r.Block)),
								app.Td().DataSet("field", "row-name").Text(name),
								app.Td().Text(r.Source),
								app.Td().Text(r.Destination),
								app.Td().Text(r.Forwardable),
								app.Td().DataSet("field", "row-global").Text(r.Global),
								app.Td().Text(r.Reserved),
								app.Td().Text(r.RFC),
							)
						}),
					),
				),
			),
		),
		app.If(v.LegacyClass != "",
			app.P().Class("history").Body(
				app.Text("History: in the classful addressing of 1981–1993 this was a "),
				app.Strong().DataSet("field", "legacy-class").Text("class "+v.LegacyClass),
				app.Text(" address. "+v.LegacyNote),
			),
		),
		app.Details().Class("why").Body(
			app.Summary().Text("Why? Private and public addresses"),
			app.P().Text("A public address is unique on the whole internet, and routers everywhere know which network announces it. "+
				"A private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) is reused by millions of home, office and container networks, so no internet router carries packets to it. "+
				"Devices with private addresses still reach the internet through NAT: the router rewrites their packets to use its own public address, and rewrites the replies back. "+
				"What NAT does not do is let anyone outside start a conversation with them, unless a port is forwarded."),
			app.P().Text("127.0.0.1 and ::1 are loopback: a packet to them never leaves the machine. 0.0.0.0 and :: are \"unspecified\": a server listening on them accepts connections on every interface of the machine, but they are not an address you can send to."),
		),
	)
}

func (c *addrWidget) renderEmbedded(v addrView) app.UI {
	return app.Section().Class("embedded").Aria("labelledby", "addr-embedded").Body(
		app.H2().ID("addr-embedded").Text("IPv4 address inside"),
		app.P().DataSet("field", "embedded-description").Text(v.EmbeddedDescription),
		app.Dl().Class("facts").Body(
			app.Div().Class("fact").Body(
				app.Dt().Text("Embedded IPv4"),
				app.Dd().Body(app.A().Href(ui.Href(ui.WidgetPath(scenario.AddrState{IP: v.Embedded}))).Body(
					app.Code().DataSet("field", "embedded-ipv4").Text(v.Embedded),
				)),
			),
			ui.Fact("Mechanism", "embedded-mechanism", v.EmbeddedMechanism),
			app.If(v.TeredoServer != "", ui.Fact("Teredo server", "teredo-server", v.TeredoServer)),
			app.If(v.TeredoPort != "", ui.Fact("Teredo client port", "teredo-port", v.TeredoPort)),
		),
	)
}
