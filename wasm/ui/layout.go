package ui

import (
	"html"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
)

// Layout wraps a page's content in the site chrome: a skip link, the header
// with navigation, the main landmark and the footer. Embedded pages get the
// content alone with a link to the full page.
func Layout(embed bool, current, fullURL string, content ...app.UI) app.UI {
	if embed {
		return app.Div().Class("embed").DataSet("live", app.IsClient).Body(
			app.Main().ID("main").Body(append([]app.UI{pendingNote()}, content...)...),
			app.Footer().Class("embed-open").Body(
				app.A().Href(fullURL).Target("_blank").Rel("noopener").Text("Open in Netground"),
			),
		)
	}
	return app.Div().Class("site").DataSet("live", app.IsClient).Body(
		app.A().Class("skip-link").Href("#main").Text("Skip to content"),
		app.Header().Class("site-header").Body(
			app.A().Class("brand").Href(Href("/")).Body(
				app.Img().Src(Href("/web/icon.svg")).Alt("").Width(28).Height(28),
				app.Span().Text("Netground"),
			),
			app.Button().Type("button").Class("nav-toggle").DataSet("action", "menu").
				Aria("expanded", "false").Aria("controls", "site-nav").Text("Menu"),
			app.Nav().ID("site-nav").Aria("label", "Widgets").Body(
				app.Ul().Body(
					app.Range(navPages()).Slice(func(i int) app.UI {
						l := navPages()[i]
						a := app.A().Href(Href(l.Path)).Text(l.Label)
						if l.Path == current {
							a = a.Aria("current", "page")
						}
						return app.Li().Body(a)
					}),
				),
			),
			app.If(current != "/", headerPaste()),
			app.Button().Type("button").Class("theme-toggle").DataSet("action", "theme").
				Title("Switch between light and dark colours").Text("Light / dark"),
		),
		app.Main().ID("main").Body(append([]app.UI{pendingNote()}, content...)...),
		app.Footer().Class("site-footer").Body(
			app.P().Text("Netground computes everything in your browser. Nothing you type leaves this page."),
		),
	)
}

// headerPaste is the compact paste box of every page but the home page, whose
// own box it opens: /?paste=<text>.
func headerPaste() app.UI {
	return app.Form().Class("header-paste").Action(Href("/")).Method("get").Role("search").Body(
		app.Label().For("header-paste").Class("visually-hidden").Text("Paste an address, a port or an error message"),
		app.Input().Type("search").ID("header-paste").Name("paste").
			Placeholder("Paste an address, port or error").AutoComplete(false).
			Attr("spellcheck", "false").Attr("autocapitalize", "off"),
	)
}

// pendingNote stands in the pre-rendered page for the answer while the app
// starts on a link of another state than the pre-rendered one (boot.js sets
// html.ng-pending, netground.css shows the note and hides the rest).
func pendingNote() app.UI {
	if !app.IsServer {
		return nil
	}
	return app.P().Class("ng-pending-note").Role("status").Text("Computing the answer for this link…")
}

// ShareBar offers the current state as a link and as an embed snippet, an
// iframe titled with the widget's title. In the pre-rendered page the
// snippet holds paths alone; site.js makes them whole URLs.
// id prefixes the ids of its elements; link and embedLink are internal
// paths with their state, such as /addr?ip=10.0.0.1 and
// /embed/addr?ip=10.0.0.1; doc is the state as a scenario document, for
// saving it.
func ShareBar(id, link, embedLink string, doc scenario.Document) app.UI {
	path, _, _ := strings.Cut(embedLink, "?")
	path, _, _ = strings.Cut(path, "#")
	snippet := `<iframe src="` + AbsoluteURL(embedLink) + `" title="` + html.EscapeString(PageTitle(path)) + `" data-netground width="100%" height="320" loading="lazy"></iframe>` +
		"\n" + `<script src="` + AbsoluteURL("/web/embed.js") + `" defer></script>`
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
		&SaveControl{ID: id, Doc: doc},
	)
}

// AbsoluteURL returns the full URL of an internal path in the browser, and
// the path alone while pre-rendering, where the host is not known.
func AbsoluteURL(path string) string {
	if app.IsServer {
		return Href(path)
	}
	u := app.Window().URL()
	return u.Scheme + "://" + u.Host + Href(path)
}

// navPages returns the pages listed in the navigation.
func navPages() []Page {
	var out []Page
	for _, p := range pages {
		if p.Label != "" {
			out = append(out, p)
		}
	}
	return out
}

// Fact renders one labelled, computed value with its data-field name.
func Fact(label, field, value string) app.UI {
	return app.Div().Class("fact").Body(
		app.Dt().Text(label),
		app.Dd().Body(app.Code().DataSet("field", field).Text(value)),
	)
}

// Fold keeps an embed compact: on an embed page it folds content into a
// <details> with the summary, open when open holds (the link asked for
// what it shows); on a full page it shows content as it is.
func Fold(embed bool, summary string, open bool, content ...app.UI) app.UI {
	if !embed {
		if len(content) == 1 {
			return content[0]
		}
		return app.Div().Body(content...)
	}
	return app.Details().Class("embed-fold").Open(open).Body(
		append([]app.UI{app.Summary().Text(summary)}, content...)...,
	)
}
