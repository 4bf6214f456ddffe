package portsui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/answer"
	"github.com/netground/netground/wasm/ui"
)

// New returns the widget, for its page and its embed page.
func New() app.Composer {
	c := &portsWidget{draft: answer.NewDraft(scenario.WidgetPorts)}
	c.Init(scenario.WidgetPorts, &c.Base, c.show, c.update)
	return c
}

// widgetPage is the widget's life cycle, embedded unexported (see
// ui.WidgetPage).
type widgetPage = ui.WidgetPage

// portsWidget is the Ports & sockets widget: look up a port or a service,
// see which range a port is in, and read sockets and URLs. Its state lives
// in the URL parameter q.
type portsWidget struct {
	app.Compo
	ui.Base
	widgetPage

	input string
	view  answer.PortsView
	draft *answer.Draft
}

// show answers the link's parameters q, with the service registry if it is
// loaded already; once a navigation has shown them, update fetches it when
// it is not.
func (c *portsWidget) show(q url.Values) {
	state, problems := answer.PortsLink(q)
	c.AddProblems(problems...)
	c.input = state.Q
	c.Protect(c.input, func() { c.view = answer.DescribePorts(c.input, services.loaded()) })
}

func (c *portsWidget) state() scenario.PortsState { return scenario.PortsState{Q: c.input} }

// update computes the view now, with the registry if it is loaded, and
// loads the registry in the background when it is not.
func (c *portsWidget) update(ctx app.Context) {
	reg := services.loaded()
	if app.IsServer {
		reg, _ = services.get()
	}
	c.Protect(c.input, func() { c.view = answer.DescribePorts(c.input, reg) })
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
			c.view = answer.DescribePorts(c.input, reg)
		}
	})
}

func (c *portsWidget) onInput(ctx app.Context, e app.Event) {
	input := ctx.JSSrc().Get("value").String()
	c.input = input
	c.update(ctx)
	c.WriteLink(ctx, c.state())
	ui.SettleDraft(ctx, c.draft, input, answer.PortsInput(input), func() string { return c.input })
}

func (c *portsWidget) onReset(ctx app.Context, e app.Event) {
	c.input = answer.DefaultPorts
	c.update(ctx)
	c.WriteLink(ctx, c.state())
}

func (c *portsWidget) Render() app.UI {
	v := c.view
	r, waiting := c.draft.Show(answer.PortsRegions(v), c.input, answer.PortsInput(c.input))
	return ui.Layout(c.IsEmbed(), "/ports", ui.Href(ui.WidgetPath(c.state())),
		app.Section().Class("widget").Aria("labelledby", "ports-title").Body(
			app.H1().ID("ports-title").Text("Ports & sockets"),
			app.P().Class("widget-intro").Text("The address gets a packet to the machine; the port gets it to the right program on that machine. "+
				"Type a port number, a service name, a socket like 10.0.0.5:5432 or [2001:db8::1]:443, or a URL."),
			app.Div().ID("ports-notice").Body(ui.LinkNotice(c.Problems())),
			app.Div().Class("field").Body(
				app.Label().For("ports-q").Text("Port, service, socket or URL"),
				app.Input().Type("text").ID("ports-q").Name("q").Value(c.input).
					Placeholder("e.g. 5432, postgres, 127.0.0.1:8080, https://example.com").
					AutoComplete(false).DataSet("link", "q").ReadOnly(c.IsLocked()).
					Attr("spellcheck", "false").Attr("autocapitalize", "off").
					Aria("invalid", v.Err != "" && !waiting).Aria("describedby", "ports-q-message").
					OnInput(c.onInput),
				app.P().ID("ports-q-message").Class("field-message").Aria("live", "polite").Body(ui.Raw(r.HTML("ports-q-message"))),
			),
			app.If(c.Failed(), ui.FailurePanel(&c.Boundary, c.onReset)),
			app.Div().ID("ports-result").Aria("live", "polite").Body(app.If(!c.Failed(), ui.Raw(r.HTML("ports-result")))),
			app.If(!c.IsEmbed(), ui.ShareBar("ports", ui.WidgetPath(c.state()), ui.EmbedPath(c.state()), scenario.NewDocument(c.state(), ""))),
			ui.Fold(c.IsEmbed(), "Port ranges and ephemeral ports by system", false,
				app.Div().ID("ports-ranges").Body(ui.Raw(r.HTML("ports-ranges")))),
		),
	)
}
