// Command wasm is the Netground app. Compiled to WebAssembly it runs the
// playground in the browser; run natively it generates the static bundle:
// one pre-rendered HTML page per route, the service worker and the manifest.
package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

func main() {
	for _, p := range pages {
		app.RouteFunc(p.Path, p.New)
	}
	app.RunWhenOnBrowser()
	generate()
}
