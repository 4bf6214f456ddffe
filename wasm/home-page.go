package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/ui"
)

// homePage says what Netground is and leads to the widgets.
type homePage struct {
	app.Compo
}

// homeCards describes each widget on the home page.
var homeCards = []struct{ Path, Title, Text string }{
	{"/addr", "Address", "Any IPv4 or IPv6 address: its forms, its class in the IANA registries, and whether the internet can reach it."},
	{"/subnet", "Subnet", "Network, broadcast, usable hosts, mask and wildcard, with the bits drawn; are two hosts neighbours?"},
	{"/plan", "Plan", "Split a network, allocate subnets by host count, summarize, exclude, and find overlaps."},
	{"/ports", "Ports & sockets", "Which service is on a port, which range it is in, and what a socket or URL connects to."},
	{"/nat", "NAT lab", "A home network behind one public address: watch the translation table and why replies come back."},
	{"/bind", "Bind lab", "0.0.0.0 or 127.0.0.1, containers, localhost and \"address already in use\"."},
	{"/k8s", "Kubernetes lab", "Pods get addresses that change; Services give them a name that does not."},
	{"/practice", "Practice", "Generated exercises with checked answers and worked solutions."},
}

// homeExamples are ready-made links into the widgets.
var homeExamples = []struct{ Path, Label string }{
	{"/addr?ip=192.168.1.42", "Your laptop at home: 192.168.1.42"},
	{"/subnet?net=192.168.10.0/24", "A /24 office network"},
	{"/addr?ip=100.64.1.1", "Is 100.64.1.1 public?"},
	{"/ports?q=postgres", "Which port is PostgreSQL?"},
	{"/addr?ip=2001:db8::1", "An IPv6 address: 2001:db8::1"},
	{"/ports?q=127.0.0.1:8080", "What does 127.0.0.1:8080 mean?"},
}

func (p *homePage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(ui.Routes[0].Title)
}

func (p *homePage) Render() app.UI {
	return ui.Layout(false, "/", "",
		app.Section().Class("intro").Body(
			app.H1().Text("Netground"),
			app.P().Class("lead").Text("An IP address gets a packet to the right machine; a port gets it to the right service on that machine. "+
				"NAT lets a whole network hide behind one public address. "+
				"Netground lets you type addresses, subnets and ports, and play with NAT and binding, to see in plain words what they mean and why things fail."),
		),
		app.Section().Aria("labelledby", "examples-heading").Body(
			app.H2().ID("examples-heading").Text("Try an example"),
			app.Ul().Class("examples").Body(
				app.Range(homeExamples).Slice(func(i int) app.UI {
					e := homeExamples[i]
					return app.Li().Body(app.A().Href(ui.Href(e.Path)).Text(e.Label))
				}),
			),
		),
		app.Section().Aria("labelledby", "widgets-heading").Body(
			app.H2().ID("widgets-heading").Text("Widgets and labs"),
			app.Ul().Class("cards").Body(
				app.Range(homeCards).Slice(func(i int) app.UI {
					c := homeCards[i]
					return app.Li().Class("card").Body(
						app.H3().Body(app.A().Href(ui.Href(c.Path)).Text(c.Title)),
						app.P().Text(c.Text),
					)
				}),
			),
		),
	)
}
