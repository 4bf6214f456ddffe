package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// homePage says what Netground is and leads to the widgets.
type homePage struct {
	app.Compo
}

func (p *homePage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(pages[0].Title)
}

func (p *homePage) Render() app.UI {
	return layout(false, "/", "",
		app.Section().Class("intro").Body(
			app.H1().Text("Netground"),
			app.P().Class("lead").Text("An IP address gets a packet to the right machine; a port gets it to the right service on that machine. "+
				"NAT lets a whole network hide behind one public address. "+
				"Netground lets you type addresses, subnets and ports and see, in plain words, what they mean and why things fail."),
		),
		app.Section().Aria("labelledby", "widgets-heading").Body(
			app.H2().ID("widgets-heading").Text("Widgets"),
			app.Ul().Class("cards").Body(
				app.Li().Class("card").Body(
					app.H3().Body(app.A().Href(href("/addr")).Text("Address")),
					app.P().Text("Any IPv4 or IPv6 address: its forms, what kind of address it is, and whether the internet can reach it."),
				),
			),
		),
		app.Section().Aria("labelledby", "examples-heading").Body(
			app.H2().ID("examples-heading").Text("Try an example"),
			app.Ul().Class("examples").Body(
				app.Li().Body(app.A().Href(href("/addr?ip=192.168.1.42")).Text("Your laptop at home: 192.168.1.42")),
				app.Li().Body(app.A().Href(href("/addr?ip=100.64.1.1")).Text("Is 100.64.1.1 public?")),
				app.Li().Body(app.A().Href(href("/addr?ip=2001:db8::1")).Text("An IPv6 address: 2001:db8::1")),
				app.Li().Body(app.A().Href(href("/addr?ip=127.0.0.1")).Text("Where does 127.0.0.1 go?")),
			),
		),
	)
}
