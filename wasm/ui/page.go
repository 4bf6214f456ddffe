package ui

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
)

// Page is one page of Netground, declared once in the site's page registry
// (package site): routes, the navigation, titles, the home page's cards,
// the library's labels and default names, the embed routes, the
// pre-rendered pages and the browser tests' page list all come from it.
type Page struct {
	// Widget is the widget whose state the page shows, or "" for pages
	// of no widget (home, library).
	Widget scenario.Widget
	// Path is the page's route, such as "/addr".
	Path string
	// Embed reports whether the page has an embeddable twin at
	// "/embed"+Path.
	Embed bool
	// Label names the page in the navigation and the library; "" keeps
	// it out of the navigation.
	Label string
	// Title is the document title.
	Title string
	// Card is the home page's sentence about the page; "" for no card.
	Card string
	// CardTitle is the card's heading when it differs from Label.
	CardTitle string
	// Examples are ready-made links into the page, shown on the home page.
	Examples []Example
	// NameKeys are the link parameters, in order, whose value names a
	// saved scenario ("Address 10.1.2.3"); none for labs.
	NameKeys []string
	// FirstAnswer reports whether the page answers first from the small
	// first-answer binary (wasm/first, package answer) while the app loads.
	FirstAnswer bool
	// FirstBinary names the page's own first-answer binary
	// (wasm/first/<name>), for a page whose first answer needs code the
	// shared one should not carry: "" for the shared one. A first visit
	// fetches it before the app; a repeat visit uses it only when the
	// browser's cache holds it, and the service worker does not keep it
	// (the app answers offline).
	FirstBinary string
	// Presets are the names a link may open the page with (?preset=name).
	// The bundle pre-renders each, so that a preset link shows its own
	// state before the app starts.
	Presets []string
	// Children are pages under Path that the same component shows, such
	// as the course's chapters (/learn/addresses); each has an embed page
	// too when Embed holds.
	Children []Child
	// New returns the page's component.
	New func() app.Composer
}

// Child is a page under a page of the registry, with its own title.
type Child struct {
	Path, Title string
}

// Example is a ready-made link into a page.
type Example struct {
	Path, Label string
}

// Heading returns the title of the page's home card.
func (p Page) Heading() string {
	if p.CardTitle != "" {
		return p.CardTitle
	}
	return p.Label
}

var pages []Page

// SetPages installs the page registry. The site package calls it once,
// before any page renders.
func SetPages(p []Page) { pages = p }

// Pages returns the page registry, in navigation order.
func Pages() []Page { return pages }

// PageAt returns the page of a route path; embed paths give the page they
// embed.
func PageAt(path string) (Page, bool) {
	path = "/" + strings.TrimPrefix(strings.TrimPrefix(path, "/embed"), "/")
	for _, p := range pages {
		if p.Path == path || slices.ContainsFunc(p.Children, func(c Child) bool { return c.Path == path }) {
			return p, true
		}
	}
	return Page{}, false
}

// PageOf returns the page of a widget.
func PageOf(w scenario.Widget) (Page, bool) {
	for _, p := range pages {
		if w != "" && p.Widget == w {
			return p, true
		}
	}
	return Page{}, false
}

// SiteTitle is the home page's title, and the title of a path no page has.
const SiteTitle = "Netground — a playground for IP addresses, subnets, ports and NAT"

// PageTitle returns the document title of the page at path.
func PageTitle(path string) string {
	if p, ok := PageAt(path); ok {
		for _, c := range p.Children {
			if "/"+strings.TrimPrefix(strings.TrimPrefix(path, "/embed"), "/") == c.Path {
				return c.Title
			}
		}
		return p.Title
	}
	return SiteTitle
}

// WidgetLabel names a widget as the navigation does: "Address", "NAT lab";
// a widget of no page by its id, and no widget as "Unknown".
func WidgetLabel(w scenario.Widget) string {
	if p, ok := PageOf(w); ok && p.Label != "" {
		return p.Label
	}
	if w == "" {
		return "Unknown"
	}
	return string(w)
}

// attrReplacer replaces the characters go-app's server-side rendering
// does not escape in attribute values.
var attrReplacer = strings.NewReplacer(`"`, "'", "<", "‹", ">", "›", "&", "and")

// SafeAttr keeps an attribute value clear of the characters go-app's
// server-side rendering does not escape.
func SafeAttr(s string) string { return attrReplacer.Replace(s) }
