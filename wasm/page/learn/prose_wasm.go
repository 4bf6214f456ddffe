package learn

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/browser"
	"github.com/netground/netground/wasm/ui"
)

// proseID is the id of the element that holds a chapter's prose (see
// course.HTML); its data-chapter attribute names the chapter.
const proseID = "learn-prose"

// captureProse returns the prose of the pre-rendered page, read before the
// app replaces the page with its own rendering.
func captureProse() capturedProse {
	el := app.Window().GetElementByID(proseID)
	if !el.Truthy() {
		return capturedProse{}
	}
	return capturedProse{slug: el.Call("getAttribute", "data-chapter").String(), html: el.Get("outerHTML").String()}
}

// loadProse takes the chapter's prose from the pre-rendered page it
// started on, or else fetches the chapter's pre-rendered page (from the
// service worker's cache when offline) and takes it from there.
func (c *page) loadProse(ctx app.Context) {
	c.proseErr = ""
	if c.captured.slug == c.chapter.Slug && c.captured.html != "" {
		c.prose = c.captured.html
		return
	}
	c.prose = ""
	slug, url := c.chapter.Slug, ui.Href(Path+"/"+c.chapter.Slug)
	ctx.Async(func() {
		body, err := browser.Fetch(url, 4<<20)
		ctx.Dispatch(func(ctx app.Context) {
			if c.chapter.Slug != slug {
				return
			}
			if err != nil {
				c.proseErr = "The chapter's text could not be loaded: " + err.Error()
				return
			}
			doc := app.Window().Get("DOMParser").New().Call("parseFromString", string(body), "text/html")
			el := doc.Call("getElementById", proseID)
			if !el.Truthy() {
				c.proseErr = "The chapter's text could not be found in its page."
				return
			}
			c.captured = capturedProse{slug: slug, html: el.Get("outerHTML").String()}
			c.prose = c.captured.html
		})
	})
}
