//go:build !wasm

package portsui

import "os"

// loadServices reads the registry file from the source tree, for
// pre-rendering and tests.
func loadServices() ([]byte, error) {
	name := os.Getenv("NETGROUND_SERVICES_FILE")
	if name == "" {
		name = "../../../core/port/data/services.bin"
	}
	return os.ReadFile(name)
}
