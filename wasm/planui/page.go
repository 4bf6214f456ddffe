// Package planui is the Plan page.
package planui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/ui"
)

// New returns the page component, for /plan and its embed page.
func New() app.Composer { return &page{} }

type page struct {
	app.Compo
	ui.Base
}

func (p *page) Render() app.UI {
	return ui.Layout(false, "/plan", "", app.H1().Text("Plan"))
}
