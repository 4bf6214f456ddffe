package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// RootPrefix is the URL path the bundle is served under ("" at the root of
// a host, "/netground" under a sub-path). Internal links carry it.
func RootPrefix() string {
	return strings.TrimSuffix(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
}

// Href returns the URL of an internal path such as "/addr?ip=10.0.0.1".
func Href(path string) string {
	return RootPrefix() + path
}

// IsEmbed reports whether the page at the URL path is an embed page.
func IsEmbed(path string) bool {
	return strings.HasPrefix(strings.TrimPrefix(path, RootPrefix()), "/embed/")
}
