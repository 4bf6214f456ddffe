//go:build wasm

package app

import "strings"

// Netground's patch: http.go and resource.go build only outside wasm, so
// that net/http, text/template and crypto/sha1 stay out of the browser
// binary. The browser side needs only these few declarations of theirs.

// Handler is the server-side http.Handler; in the browser it only names
// the type that GenerateStaticWebsite takes.
type Handler struct{}

func isRemoteLocation(path string) bool {
	return strings.HasPrefix(path, "https://") ||
		strings.HasPrefix(path, "http://")
}

func isStaticResourcePath(path string) bool {
	return strings.HasPrefix(path, "/web/") ||
		strings.HasPrefix(path, "web/")
}
