//go:build wasm

package portsui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/browser"
)

// loadServices fetches the registry file named by the bundle; the service
// worker answers from its cache when offline.
func loadServices() ([]byte, error) {
	url := app.Getenv("NETGROUND_SERVICES_URL")
	if url == "" {
		return nil, fmt.Errorf("this build of Netground has no service registry")
	}
	body, err := browser.Fetch(url, 8<<20)
	if err != nil {
		return nil, fmt.Errorf("the service registry could not be loaded: %v", err)
	}
	return body, nil
}
