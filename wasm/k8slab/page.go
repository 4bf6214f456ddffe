// Package k8slab is the Kubernetes lab page.
package k8slab

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/ui"
)

// New returns the page component, for /k8s and its embed page.
func New() app.Composer { return &page{} }

type page struct {
	app.Compo
	ui.Base
}

func (p *page) Render() app.UI {
	return ui.Layout(false, "/k8s", "", app.H1().Text("Kubernetes lab"))
}
