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
			app.Footer().Class("embed-open").Body(
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
			app.Button().Type("button").Class("theme-toggle").DataSet("action", "theme").
				Aria("label", "Switch between light and dark colours").Text("Light / dark"),
		),
		app.Main().ID("main").Body(content...),
		app.Footer().Class("site-footer").Body(
			app.P().Text("Netground computes everything in your browser. Nothing you type leaves this page."),
		),
	)
}

// shareBar offers the current state as a link and as an embed snippet.
// linkPath is the widget's path with its query, such as /addr?ip=10.0.0.1.
func shareBar(id, linkPath, embedPath string) app.UI {
	snippet := `<iframe src="` + absoluteURL(embedPath) + `" title="Netground" data-netground width="100%" height="320" loading="lazy"></iframe>` +
		"\n" + `<script src="` + absoluteURL("/web/embed.js") + `" defer></script>`
	return app.Div().Class("share").Body(
		app.Button().Type("button").Class("button button-secondary").
			DataSet("action", "copy").Aria("describedby", id+"-copy-status").Text("Copy link"),
		app.Span().ID(id+"-copy-status").Class("share-status").Aria("live", "polite"),
		app.Details().Class("embed-snippet").Body(
			app.Summary().Text("Embed"),
			app.P().ID(id+"-embed-label").Text("Paste this into a course page:"),
			app.Pre().Class("snippet").Aria("labelledby", id+"-embed-label").Body(
				app.Code().ID(id+"-embed").Text(snippet),
			),
			app.Button().Type("button").Class("button button-secondary").
				DataSet("action", "copy").DataSet("copy-from", id+"-embed").
				Aria("describedby", id+"-embed-status").Text("Copy snippet"),
			app.Span().ID(id+"-embed-status").Class("share-status").Aria("live", "polite"),
		),
	)
}

// absoluteURL returns the full URL of an internal path in the browser, and
// the path alone while pre-rendering, where the host is not known.
func absoluteURL(path string) string {
	if app.IsServer {
		return href(path)
	}
	u := app.Window().URL()
	return u.Scheme + "://" + u.Host + href(path)
}
