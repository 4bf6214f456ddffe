//go:build !wasm

package learn

import (
	"html"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/course"
	"github.com/netground/netground/wasm/ui"
)

// loadProse renders the chapter's Markdown: this happens when the bundle
// is built, so the app in the browser never needs the renderer.
func (c *page) loadProse(ctx app.Context) {
	c.prose, c.proseErr = course.HTML(c.chapter, ui.Href, widgetHTML), ""
}

// captureProse has nothing to capture outside the browser.
func captureProse() capturedProse { return capturedProse{} }

// widgetHTML shows a widget as its embed page in a lazy frame, with a
// caption that links to the full page. The page sizes the frame to its
// content (OnMount).
func widgetHTML(w course.Widget) string {
	title := html.EscapeString(w.Title)
	return `<figure class="learn-widget"><iframe src="` + html.EscapeString(ui.Href("/embed"+w.Link)) + `" title="` + title +
		`" loading="lazy" data-netground data-field="chapter-widget" width="100%" height="360"></iframe>` +
		`<figcaption>` + title + ` · <a href="` + html.EscapeString(ui.Href(w.Link)) + `">open it full size</a></figcaption></figure>`
}
