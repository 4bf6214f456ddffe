// Package bindlab is the Bind lab page: processes binding sockets on a host
// with containers, and connections to them from every vantage point.
package bindlab

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/wasm/ui"
)

// New returns the page component, for /bind and its embed page.
func New() app.Composer {
	p := &page{}
	p.Init(spec, &p.Base, p.show)
	return p
}

// labPage is the lab's life cycle and state, embedded unexported (see
// ui.LabPage).
type labPage = ui.LabPage[bind.Scenario, bind.Action]

// page is the Bind lab. Its state is a bind.Scenario in a ui.Lab.
type page struct {
	app.Compo
	ui.Base
	labPage

	view view

	listen  bind.ListenInput
	connect bind.ConnectInput
	publish bind.PublishInput
}

// show computes what the page shows for s at step and fits the forms to it.
func (p *page) show(s bind.Scenario, step int, input string) {
	if p.listen.Port == "" {
		p.listen = bind.ListenInput{Process: "app", Addr: "0.0.0.0", Port: "8080", Proto: "tcp"}
		p.connect = bind.ConnectInput{From: "host", To: "127.0.0.1", Port: "8080", Proto: "tcp"}
		p.publish = bind.PublishInput{HostPort: "8080", Port: "80", Proto: "tcp"}
	}
	p.Protect(input, func() { p.view = buildView(s, step) })
	if !slices.Contains(p.view.Containers, p.publish.Container) {
		p.publish.Container = ""
		if len(p.view.Containers) > 0 {
			p.publish.Container = p.view.Containers[0]
		}
	}
	if p.listen.In != "" && !ui.HasOption(p.view.Places, p.listen.In) {
		p.listen.In = ""
	}
	if !ui.HasOption(p.view.Vantages, p.connect.From) {
		p.connect.From = "host"
	}
}

func (p *page) onListen(ctx app.Context, e app.Event) {
	ui.Submit(&p.Lab, ctx, e, "listen", p.listen.Action)
}

func (p *page) onConnect(ctx app.Context, e app.Event) {
	ui.Submit(&p.Lab, ctx, e, "connect", p.connect.Action)
}

func (p *page) onPublish(ctx app.Context, e app.Event) {
	ui.Submit(&p.Lab, ctx, e, "publish", p.publish.Action)
}

func (p *page) onStop(row socketRow, timeWait bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.Lab.Apply(ctx, bind.Action{Do: bind.Close, Socket: bind.Socket{Process: row.Process, In: row.In, Port: row.Port}, TimeWait: timeWait}, "stop")
	}
}

func (p *page) onWait(ctx app.Context, e app.Event) {
	p.Lab.Apply(ctx, bind.Action{Do: bind.Wait}, "stop")
}

func (p *page) onLocalhost(ctx app.Context, e app.Event) {
	var o bind.Order
	if o.UnmarshalText([]byte(ctx.JSSrc().Get("value").String())) == nil {
		p.Lab.Apply(ctx, bind.Action{Do: bind.Localhost, Order: o}, "settings")
	}
}

func (p *page) onClient(ctx app.Context, e app.Event) {
	var d bind.Dialer
	if d.UnmarshalText([]byte(ctx.JSSrc().Get("value").String())) == nil {
		p.Lab.Apply(ctx, bind.Action{Do: bind.Client, Client: d}, "settings")
	}
}

func (p *page) onOS(ctx app.Context, e app.Event) {
	var o bind.OS
	if o.UnmarshalText([]byte(ctx.JSSrc().Get("value").String())) != nil {
		return
	}
	next := p.Lab.Scen
	next.OS = o
	if err := next.Validate(); err != nil {
		p.Lab.Errs = map[string]string{"os": err.Error()}
		return
	}
	p.Lab.Replace(ctx, next)
}

func (p *page) onUndo(ctx app.Context, e app.Event) { p.Lab.Undo(ctx) }

func (p *page) onPreset(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { p.Lab.OpenPreset(ctx, name) }
}

// check returns a handler that stores a checkbox's state.
func check(dst *bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *dst = ctx.JSSrc().Get("checked").Bool() }
}

func (p *page) Render() app.UI {
	v := p.view
	return p.Lab.Frame("bindlab", "Bind lab", "Start servers on a host with containers, connect to them from the host, a container, the LAN and the internet, "+
		"and see which connections arrive, which are refused and why. Every rule follows the real kernel's, per operating system.", p.onPreset, v.Err, func() app.UI { return p.renderResults(v) })
}

func (p *page) renderResults(v view) app.UI {
	return app.Div().Body(
		p.renderLatest(v),
		ui.StepControls("bindlab", &p.Lab, nil),
		ui.LabStory("bindlab", p.Lab.PresetStory(), v.Step),
		ui.LabFigure("bindlab", v.Picture, v.Summary),
		p.renderForms(v),
		p.renderSockets(v),
		p.renderMatrix(v),
		p.renderSteps(v),
		p.renderWhy(),
	)
}

func (p *page) renderLatest(v view) app.UI {
	status := ui.LabStepStatus(v.Step, len(v.Steps))
	if !v.HasLatest {
		return app.Div().Class("result").Aria("live", "polite").Body(
			status,
			app.P().Text("Nothing has happened yet: start a process or connect."),
		)
	}
	l := v.Latest
	if v.Step == 0 {
		l.Action = "at the start: " + l.Action
	}
	return app.Div().Class("result").Aria("live", "polite").Body(
		status,
		app.Div().Class("verdict verdict-"+l.Tone).Body(
			app.P().Body(
				app.Strong().DataSet("field", "verdict").Text(l.Verdict),
				app.Text(" — "),
				app.Span().DataSet("field", "latest-action").Text(l.Action),
			),
			app.Ol().Class("bindlab-reasons").Body(
				app.Range(l.Reasons).Slice(func(i int) app.UI {
					return app.Li().DataSet("field", "reason").Text(l.Reasons[i])
				}),
			),
		),
	)
}

// fieldError renders the error of the input named name, if any.
func (p *page) input(id, label, value string, dst *string) app.UI {
	return app.Div().Class("field bindlab-field").Body(
		app.Label().For("bindlab-"+id).Text(label),
		app.Input().Type("text").ID("bindlab-"+id).Name(id).Value(value).
			AutoComplete(false).Attr("spellcheck", "false").Attr("autocapitalize", "off").
			Aria("invalid", p.Lab.Errs[id] != "").Aria("describedby", id+"-error").
			OnChange(ui.StoreValue(dst)).OnInput(ui.StoreValue(dst)),
		p.Lab.FieldError(id),
	)
}

func (p *page) checkbox(id, label string, value bool, dst *bool) app.UI {
	return app.Div().Class("bindlab-check").Body(
		app.Input().Type("checkbox").ID("bindlab-"+id).Name(id).Checked(value).OnChange(check(dst)),
		app.Label().For("bindlab-"+id).Text(label),
	)
}

var protoOptions = []option{{"tcp", "TCP"}, {"udp", "UDP"}}

func (p *page) renderForms(v view) app.UI {
	ro := p.IsReadonly()
	return app.Div().Class("bindlab-actions").Body(
		app.H2().Text("Try it"),
		app.Div().Class("bindlab-forms").Body(
			app.Form().Class("bindlab-form").OnSubmit(p.onListen).Body(
				app.FieldSet().Disabled(ro).Body(
					app.Legend().Text("Start a process listening"),
					p.input("listen-process", "Process name", p.listen.Process, &p.listen.Process),
					p.Lab.Select("bindlab", "listen-in", "Runs in", p.listen.In, v.Places, ui.StoreValue(&p.listen.In)),
					p.input("listen-addr", "Address (0.0.0.0, ::, 127.0.0.1, ::1, …)", p.listen.Addr, &p.listen.Addr),
					p.input("listen-port", "Port (0: any free one)", p.listen.Port, &p.listen.Port),
					p.Lab.Select("bindlab", "listen-proto", "Protocol", p.listen.Proto, protoOptions, ui.StoreValue(&p.listen.Proto)),
					p.Lab.Select("bindlab", "listen-v6only", "IPV6_V6ONLY (IPv6 sockets)", p.listen.V6Only,
						[]option{{"", "OS default"}, {"on", "on: IPv6 only"}, {"off", "off: dual-stack"}}, ui.StoreValue(&p.listen.V6Only)),
					p.checkbox("listen-reuseaddr", "SO_REUSEADDR", p.listen.ReuseAddr, &p.listen.ReuseAddr),
					p.checkbox("listen-reuseport", "SO_REUSEPORT", p.listen.ReusePort, &p.listen.ReusePort),
					p.checkbox("listen-privileged", "Runs as root (CAP_NET_BIND_SERVICE)", p.listen.Privileged, &p.listen.Privileged),
					p.Lab.FormError("listen"),
					app.Button().Type("submit").Class("button").DataSet("action", "listen").Text("Start listening"),
				),
			),
			app.Form().Class("bindlab-form").OnSubmit(p.onConnect).Body(
				app.FieldSet().Disabled(ro).Body(
					app.Legend().Text("Connect"),
					p.Lab.Select("bindlab", "connect-from", "From", p.connect.From, v.Vantages, ui.StoreValue(&p.connect.From)),
					p.input("connect-to", "To (an IP address or localhost)", p.connect.To, &p.connect.To),
					p.input("connect-port", "Port", p.connect.Port, &p.connect.Port),
					p.Lab.Select("bindlab", "connect-proto", "Protocol", p.connect.Proto, protoOptions, ui.StoreValue(&p.connect.Proto)),
					p.Lab.Select("bindlab", "connect-client", "Dialer for localhost", p.connect.Client,
						[]option{{"", "the lab's setting (" + v.Client + ")"}, {"sequential", "sequential"}, {"first-only", "first address only"}}, ui.StoreValue(&p.connect.Client)),
					p.Lab.FormError("connect"),
					app.Button().Type("submit").Class("button").DataSet("action", "connect").Text("Connect"),
				),
			),
			app.If(len(v.Containers) > 0, app.Form().Class("bindlab-form").OnSubmit(p.onPublish).Body(
				app.FieldSet().Disabled(ro).Body(
					app.Legend().Text("Publish a container port (docker run -p)"),
					p.Lab.Select("bindlab", "publish-container", "Container", p.publish.Container, containerOptions(v.Containers), ui.StoreValue(&p.publish.Container)),
					p.input("publish-hostaddr", "Host address (empty: every address)", p.publish.HostAddr, &p.publish.HostAddr),
					p.input("publish-hostport", "Host port", p.publish.HostPort, &p.publish.HostPort),
					p.input("publish-port", "Container port", p.publish.Port, &p.publish.Port),
					p.Lab.Select("bindlab", "publish-proto", "Protocol", p.publish.Proto, protoOptions, ui.StoreValue(&p.publish.Proto)),
					p.Lab.FormError("publish"),
					app.Button().Type("submit").Class("button").DataSet("action", "publish").Text("Publish"),
				),
			)),
			app.Div().Class("bindlab-form").Body(
				app.FieldSet().Disabled(ro).Body(
					app.Legend().Text("Settings"),
					p.Lab.Select("bindlab", "os", "Host operating system", v.OS,
						[]option{{"linux", "Linux"}, {"macos", "macOS"}, {"windows", "Windows"}}, p.onOS),
					p.Lab.Select("bindlab", "localhost", "localhost resolves to", v.Localhost,
						[]option{{"ipv6-first", "::1, then 127.0.0.1"}, {"ipv4-first", "127.0.0.1, then ::1"}, {"ipv4-only", "127.0.0.1 only"}, {"ipv6-only", "::1 only"}}, p.onLocalhost),
					p.Lab.Select("bindlab", "client", "Clients dial names", v.Client,
						[]option{{"happy-eyeballs", "Happy Eyeballs (race, RFC 8305)"}, {"sequential", "one address after another"}, {"first-only", "first address only"}}, p.onClient),
					p.Lab.FormError("settings"),
					p.Lab.FormError("stop"),
					app.P().Class("muted").Text("An action is added after the last step, and the lab jumps there."),
					app.Div().Class("bindlab-buttons").Body(
						app.Button().Type("button").Class("button button-secondary").DataSet("action", "undo").
							Disabled(len(p.Lab.Scen.Actions) == 0).OnClick(p.onUndo).Text("Undo the last action"),
						app.If(v.TimeWait, app.Button().Type("button").Class("button button-secondary").DataSet("action", "wait").
							OnClick(p.onWait).Text("Wait until TIME_WAIT expires")),
					),
				),
			),
		),
	)
}

func containerOptions(names []string) []option {
	out := make([]option, len(names))
	for i, n := range names {
		out[i] = option{n, n}
	}
	return out
}

func (p *page) renderSockets(v view) app.UI {
	ro := p.IsReadonly()
	return app.Div().Body(
		app.H2().Text("Sockets now"),
		app.If(len(v.Sockets) == 0, app.P().DataSet("field", "no-sockets").Text("No socket is open.")),
		app.If(len(v.Sockets) > 0, ui.ScrollRegion("Open sockets").Body(app.Table().Class("rows").Body(
			app.Caption().Text("Open sockets at step "+strconv.Itoa(v.Step)+", in the order they were bound"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Process"),
				app.Th().Scope("col").Text("Where"),
				app.Th().Scope("col").Text("Local address"),
				app.Th().Scope("col").Text("State"),
				app.Th().Scope("col").Text("Options"),
				app.Th().Scope("col").Text("Accepts"),
				app.Th().Scope("col").Text("Action"),
			)),
			app.TBody().Body(
				app.Range(v.Sockets).Slice(func(i int) app.UI {
					r := v.Sockets[i]
					return app.Tr().DataSet("field", "socket-row").Body(
						app.Td().DataSet("field", "socket-process").Text(r.Process),
						app.Td().Text(r.Where),
						app.Td().Body(app.Code().DataSet("field", "socket-addr").Text(r.Proto+" "+r.Local)),
						app.Td().DataSet("field", "socket-state").Text(r.State),
						app.Td().Text(r.Options),
						app.Td().Text(r.Covers),
						app.Td().Body(app.If(r.CanStop, app.Div().Class("bindlab-buttons").Body(
							app.Button().Type("button").Class("button button-secondary").Disabled(ro).
								DataSet("action", "stop").Aria("label", ui.SafeAttr("Stop "+r.Process+" on "+r.Local)).
								OnClick(p.onStop(r, false)).Text("Stop"),
							app.If(r.Proto == "tcp", app.Button().Type("button").Class("button button-secondary").Disabled(ro).
								DataSet("action", "stop-time-wait").Aria("label", ui.SafeAttr("Stop "+r.Process+" on "+r.Local+", leaving its connections in TIME_WAIT")).
								OnClick(p.onStop(r, true)).Text("Stop, leave TIME_WAIT")),
						))),
					)
				}),
			),
		))),
	)
}

func (p *page) renderMatrix(v view) app.UI {
	m := v.Matrix
	if len(m.Cols) == 0 {
		return app.Div().Body(
			app.H2().Text("Connection matrix"),
			app.P().DataSet("field", "matrix-empty").Text("No socket listens, so every connection would be refused."),
		)
	}
	return app.Div().Body(
		app.H2().Text("Connection matrix"),
		app.P().Class("widget-intro").Text("Every vantage point dialling every address a listening socket can be reached on, in the state at step "+strconv.Itoa(v.Step)+"."),
		app.If(m.Note != "", app.P().Class("muted").Text(m.Note)),
		ui.ScrollRegion("Connection matrix").Body(app.Table().Class("rows bindlab-matrix").Body(
			app.Caption().Text("Who reaches which socket: rows are where the connection starts, columns where it goes"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("From \\ to"),
				app.Range(m.Cols).Slice(func(i int) app.UI {
					return app.Th().Scope("col").DataSet("field", "matrix-target").Text(m.Cols[i])
				}),
			)),
			app.TBody().Body(
				app.Range(m.Rows).Slice(func(i int) app.UI {
					row := m.Rows[i]
					return app.Tr().DataSet("field", "matrix-row").Body(
						app.Th().Scope("row").DataSet("field", "matrix-vantage").Text(row.Vantage),
						app.Range(row.Cells).Slice(func(j int) app.UI {
							c := row.Cells[j]
							return app.Td().Class("bindlab-cell bindlab-"+c.Tone).DataSet("field", "matrix-cell").
								Title(ui.SafeAttr(c.Title)).Text(c.Verdict)
						}),
					)
				}),
			),
		)),
	)
}

func (p *page) renderSteps(v view) app.UI {
	all := append(append([]step(nil), v.Setup...), v.Steps...)
	return ui.LabSteps("bindlab", "The scenario's starting sockets (step 0), then each action in order", all, v.Step)
}

func (p *page) renderWhy() app.UI {
	return app.Div().Body(
		app.Details().Class("why").Body(
			app.Summary().Text("Why? 0.0.0.0 versus 127.0.0.1"),
			app.P().Text("A socket bound to 127.0.0.1 accepts only connections addressed to 127.0.0.1, and only its own machine — its own network namespace — can send those: traffic to the loopback never leaves it. "+
				"A socket bound to 0.0.0.0 accepts connections to every IPv4 address the machine has: loopback, LAN, Docker bridge. 0.0.0.0 is not an address to connect to; it means “any” only when binding."),
			app.P().Text("Because 0.0.0.0:8080 already covers 127.0.0.1:8080, binding the second fails with EADDRINUSE (Address already in use). Two different specific addresses on the same port do not clash. "+
				"[::] with IPV6_V6ONLY off is dual-stack: it takes IPv4 too, so it clashes with 0.0.0.0 on the same port."),
		),
		app.Details().Class("why").Body(
			app.Summary().Text("Why? localhost is two addresses"),
			app.P().Text("localhost resolves to ::1 and 127.0.0.1, usually ::1 first (RFC 6724). A server listening on 127.0.0.1 only refuses ::1. "+
				"A client that tries only the first answer fails with connection refused; one that tries them all, or races them (Happy Eyeballs, RFC 8305, as browsers, curl and Go do), connects to 127.0.0.1. "+
				"Listening on :: with IPV6_V6ONLY off, or on both loopback addresses, serves every client."),
		),
		app.Details().Class("why").Body(
			app.Summary().Text("Why? A container is another machine, network-wise"),
			app.P().Text("Each container on Docker's bridge network has its own network namespace: its own loopback, its own 127.0.0.1, and an address on the bridge such as 172.17.0.2. "+
				"127.0.0.1 inside the container is not the host's. docker run -p 8080:80 rewrites connections to the host's port 8080 into the container's bridge address, port 80 — so a process inside that listens on 127.0.0.1 never sees them. "+
				"Listen on 0.0.0.0 inside the container; publish on 127.0.0.1 on the host (-p 127.0.0.1:8080:80) if only the host should reach it."),
		),
		app.Details().Class("why").Body(
			app.Summary().Text("Why? Operating systems differ"),
			app.P().Text("Linux refuses ports below 1024 without root or CAP_NET_BIND_SERVICE, lets SO_REUSEPORT sockets of the same user share a port, and needs SO_REUSEADDR on both sockets to bind over TIME_WAIT. "+
				"macOS only restricts low ports on specific addresses and looks only at the new socket's options. Windows has no privileged ports, makes IPv6 sockets IPv6-only by default, lets a specific bind join a wildcard one of the same user, "+
				"and SO_EXCLUSIVEADDRUSE refuses everyone. Containers follow Linux rules everywhere."),
		),
	)
}
