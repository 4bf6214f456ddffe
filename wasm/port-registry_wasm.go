//go:build wasm

package main

import (
	"fmt"
	"io"
	"net/http"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// loadServices fetches the registry file named by the bundle; the service
// worker answers from its cache when offline.
func loadServices() ([]byte, error) {
	url := app.Getenv("NETGROUND_SERVICES_URL")
	if url == "" {
		return nil, fmt.Errorf("this build of Netground has no service registry")
	}
	resp, err := http.Get(url)
	if err != nil {
		return nil, fmt.Errorf("the service registry could not be loaded: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the service registry could not be loaded: %s", resp.Status)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 8<<20))
}
