// Package natlab is the NAT lab page.
package natlab

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/ui"
)

// New returns the page component, for /nat and its embed page.
func New() app.Composer { return &page{} }

type page struct {
	app.Compo
	ui.Base
}

func (p *page) Render() app.UI {
	return ui.Layout(false, "/nat", "", app.H1().Text("NAT lab"))
}
