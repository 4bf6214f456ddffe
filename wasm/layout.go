package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// widgetLinks names the widgets in the navigation, in order.
var widgetLinks = []struct{ Path, Label string }{
	{"/addr", "Address"},
}

// layout wraps a page's content in the site chrome: a skip link, the header
// with navigation, the main landmark and the footer. Embedded pages get the
// content alone with a link to the full page.
func layout(embed bool, current, fullURL string, content ...app.UI) app.UI {
	if embed {
		return app.Div().Class("embed").Body(
			app.Main().ID("main").Body(content...),
			app.P().Class("embed-open").Body(
				app.A().Href(fullURL).Target("_blank").Rel("noopener").Text("Open in Netground"),
			),
		)
	}
	return app.Div().Class("site").Body(
		app.A().Class("skip-link").Href("#main").Text("Skip to content"),
		app.Header().Class("site-header").Body(
			app.A().Class("brand").Href(href("/")).Body(
				app.Img().Src(href("/web/icon.svg")).Alt("").Width(28).Height(28),
				app.Span().Text("Netground"),
			),
			app.Nav().Aria("label", "Widgets").Body(
				app.Ul().Body(
					app.Range(widgetLinks).Slice(func(i int) app.UI {
						l := widgetLinks[i]
						a := app.A().Href(href(l.Path)).Text(l.Label)
						if l.Path == current {
							a = a.Aria("current", "page")
						}
						return app.Li().Body(a)
					}),
				),
			),
		),
		app.Main().ID("main").Body(content...),
		app.Footer().Class("site-footer").Body(
			app.P().Text("Netground computes everything in your browser. Nothing you type leaves this page."),
		),
	)
}
