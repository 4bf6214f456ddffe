// Command wasm is the Netground app. Compiled to WebAssembly it runs the
// playground in the browser; run natively it generates the static bundle
// (package bundle).
package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/site"
)

func main() {
	site.RegisterRoutes()
	app.RunWhenOnBrowser()
	generate()
}
