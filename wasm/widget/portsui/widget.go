package portsui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/ui"
)

// defaultPortsQuery is shown when a link names no query.
const defaultPortsQuery = "postgres"

// portsWidget is the Ports & sockets widget: look up a port or a service,
// see which range a port is in, and read sockets and URLs. Its state lives
// in the URL parameter q.
// New returns the widget, for its page and its embed page.
func New() app.Composer { return &portsWidget{} }

type portsWidget struct {
	app.Compo
	ui.Base

	input string
	view  portsView
}

func (c *portsWidget) OnPreRender(ctx app.Context) { c.load(ctx) }
func (c *portsWidget) OnNav(ctx app.Context)       { c.load(ctx) }
func (c *portsWidget) OnMount(ctx app.Context)     { c.FollowHistory(c.load) }
func (c *portsWidget) OnDismount()                 { c.StopHistory() }

func (c *portsWidget) load(ctx app.Context) {
	q := c.ReadLink(ctx, scenario.WidgetPorts)
	state, problems := scenario.ParsePortsState(q)
	c.AddProblems(problems...)
	c.input = defaultPortsQuery
	if q.Has("q") {
		c.input = state.Q
	}
	c.update(ctx)
}

func (c *portsWidget) state() scenario.PortsState { return scenario.PortsState{Q: c.input} }

// update computes the view now, with the registry if it is loaded, and
// loads the registry in the background when it is not.
func (c *portsWidget) update(ctx app.Context) {
	reg := services.loaded()
	if app.IsServer {
		reg, _ = services.get()
	}
	c.Protect(c.input, func() { c.view = describePorts(c.input, reg) })
	if reg != nil || app.IsServer {
		return
	}
	input := c.input
	ui.AsyncProtected(ctx, &c.Boundary, input, func() func() {
		reg, err := services.get()
		return func() {
			if err != nil {
				c.view.RegistryErr = err.Error()
				return
			}
			c.view = describePorts(c.input, reg)
		}
	})
}

func (c *portsWidget) onInput(ctx app.Context, e app.Event) {
	c.input = ctx.JSSrc().Get("value").String()
	c.update(ctx)
	c.WriteLink(ctx, c.state())
}

func (c *portsWidget) onReset(ctx app.Context, e app.Event) {
	c.input = defaultPortsQuery
	c.update(ctx)
	c.WriteLink(ctx, c.state())
}

func (c *portsWidget) Render() app.UI {
	v := c.view
	return ui.Layout(c.IsEmbed(), "/ports", ui.Href(ui.WidgetPath(c.state())),
		app.Section().Class("widget").Aria("labelledby", "ports-title").Body(
			app.H1().ID("ports-title").Text("Ports & sockets"),
			app.P().Class("widget-intro").Text("The address gets a packet to the machine; the port gets it to the right program on that machine. "+
				"Type a port number, a service name, a socket like 10.0.0.5:5432 or [2001:db8::1]:443, or a URL."),
			ui.LinkNotice(c.Problems()),
			app.Div().Class("field").Body(
				app.Label().For("ports-q").Text("Port, service, socket or URL"),
				app.Input().Type("text").ID("ports-q").Name("q").Value(c.input).
					Placeholder("e.g. 5432, postgres, 127.0.0.1:8080, https://example.com").
					AutoComplete(false).DataSet("link", "q").ReadOnly(c.IsLocked()).
					Attr("spellcheck", "false").Attr("autocapitalize", "off").
					Aria("invalid", v.Err != "").Aria("describedby", "ports-q-message").
					OnInput(c.onInput),
				app.P().ID("ports-q-message").Class("field-message").Aria("live", "polite").Body(
					app.If(v.Err != "", app.Span().Class("error").DataSet("field", "error").Text(v.Err)),
				),
			),
			app.If(!c.IsEmbed(), ui.ShareBar("ports", ui.WidgetPath(c.state()), ui.EmbedPath(c.state()), scenario.NewDocument(c.state(), ""))),
			app.If(c.Failed(), ui.FailurePanel(&c.Boundary, c.onReset)).
				ElseIf(v.Err == "" && v.Mode != "", c.renderResult(v)),
			c.renderRanges(v),
		),
	)
}

func (c *portsWidget) renderResult(v portsView) app.UI {
	return app.Div().Class("result").Aria("live", "polite").Body(
		app.Dl().Class("facts").Body(
			app.If(v.Scheme != "", ui.Fact("Scheme", "scheme", v.Scheme)),
			app.If(v.Host != "", ui.Fact("Host", "host", v.Host)),
			app.If(v.Port != "", ui.Fact("Port", "port", v.Port)),
			app.If(v.Service != "", ui.Fact("Service", "service", v.Service)),
			app.If(v.Range != "", ui.Fact("Range", "range", v.Range)),
		),
		app.If(v.PortExplain != "", app.P().DataSet("field", "port-explanation").Text(v.PortExplain)),
		app.If(v.RangeExplain != "", app.P().DataSet("field", "range-explanation").Text(v.RangeExplain)),
		app.If(len(v.Notes) > 0, app.Ul().Class("notes").Body(
			app.Range(v.Notes).Slice(func(i int) app.UI {
				return app.Li().DataSet("field", "note").Text(v.Notes[i])
			}),
		)),
		app.If(v.RegistryMissing && v.RegistryErr == "",
			app.P().Class("muted").DataSet("field", "registry-loading").Text("Loading the IANA service registry…")),
		app.If(v.RegistryErr != "", app.P().Class("error").DataSet("field", "registry-error").Text(v.RegistryErr)),
		app.If(v.NoMatches != "", app.P().DataSet("field", "no-matches").Text(v.NoMatches)),
		app.If(len(v.Rows) > 0,
			app.Div().Class("table-scroll").TabIndex(0).Role("region").Aria("label", "Registry records (scrolls sideways)").Body(
				app.Table().Class("rows").Body(
					app.Caption().Text("IANA Service Name and Transport Protocol Port Number Registry"),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text("Service"),
						app.Th().Scope("col").Text("Port"),
						app.Th().Scope("col").Text("Transport"),
						app.Th().Scope("col").Text("Description"),
						app.Th().Scope("col").Text("Reference"),
					)),
					app.TBody().Body(
						app.Range(v.Rows).Slice(func(i int) app.UI {
							r := v.Rows[i]
							return app.Tr().DataSet("field", "row").Body(
								app.Td().Body(app.Code().DataSet("field", "row-service").Text(r.Name)),
								app.Td().DataSet("field", "row-port").Text(r.Port),
								app.Td().Text(r.Transport),
								app.Td().Text(r.Description),
								app.Td().Text(r.Reference),
							)
						}),
					),
				),
			),
		),
	)
}

func (c *portsWidget) renderRanges(v portsView) app.UI {
	return app.Div().Body(
		app.H2().Text("Port ranges (RFC 6335)"),
		app.Div().Class("table-scroll").TabIndex(0).Role("region").Aria("label", "Port ranges (scrolls sideways)").Body(app.Table().Class("rows").Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Ports"), app.Th().Scope("col").Text("Name"), app.Th().Scope("col").Text("What it means"),
			)),
			app.TBody().Body(
				app.Tr().Body(app.Td().Text("0"), app.Td().Text("reserved"), app.Td().Text("Binding port 0 asks the operating system for a free ephemeral port; nothing connects to port 0.")),
				app.Tr().Body(app.Td().Text("1–1023"), app.Td().Text("well-known (system)"), app.Td().Text("Assigned by IANA through IETF review. On Linux, binding one needs root or CAP_NET_BIND_SERVICE.")),
				app.Tr().Body(app.Td().Text("1024–49151"), app.Td().Text("registered (user)"), app.Td().Text("Assigned on request; any program may use them.")),
				app.Tr().Body(app.Td().Text("49152–65535"), app.Td().Text("dynamic (ephemeral)"), app.Td().Text("Never assigned: systems pick the source ports of outgoing connections here.")),
			),
		)),
		app.H2().Text("Ephemeral ports by operating system"),
		app.Div().Class("table-scroll").TabIndex(0).Role("region").Aria("label", "Ephemeral ranges (scrolls sideways)").Body(app.Table().Class("rows").Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("System"), app.Th().Scope("col").Text("Range"), app.Th().Scope("col").Text("Setting"), app.Th().Scope("col").Text("Overlap with registered ports"),
			)),
			app.TBody().Body(
				app.Range(v.Ephemeral).Slice(func(i int) app.UI {
					r := v.Ephemeral[i]
					label := r.First + "–" + r.Last
					if r.Contains {
						label += " (contains port " + v.Port + ")"
					}
					return app.Tr().DataSet("field", "ephemeral-row").Body(
						app.Td().Text(r.OS), app.Td().Text(label), app.Td().Body(app.Code().Text(r.Setting)), app.Td().Text(r.Note),
					)
				}),
			),
		)),
		app.Details().Class("why").Body(
			app.Summary().Text("Why? Ports, sockets, localhost and 0.0.0.0"),
			app.P().Text("A port is a 16-bit number that picks the program on a machine: the address gets a packet to the machine, the port to the service on it. "+
				"A server listens on a well-known port (443 for HTTPS, 5432 for PostgreSQL); a client's side of the connection gets a temporary ephemeral port from the operating system."),
			app.P().Text("A socket is one end of a connection: an address and a port, written 10.0.0.5:5432, or [2001:db8::1]:443 for IPv6 because the address itself contains colons. "+
				"A connection is identified by both ends plus the protocol."),
			app.P().Text("localhost, 127.0.0.1 and ::1 are loopback: traffic to them never leaves the machine, so a server listening only there cannot be reached from other machines, or from outside its container. "+
				"A server listening on 0.0.0.0 (or ::) accepts connections on every interface of the machine; 0.0.0.0 is not an address to connect to."),
		),
	)
}
