package main

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// page is one route of the app: a widget page and, for widgets, its
// embeddable twin under /embed/.
type page struct {
	Path  string
	Title string
	New   func() app.Composer
}

// pages lists every route. The generator pre-renders each one and the
// service worker caches each one, so every page opens offline.
var pages = []page{
	{"/", "Netground — a playground for IP addresses, subnets, ports and NAT", func() app.Composer { return &homePage{} }},
	{"/addr", "Address — Netground", func() app.Composer { return &addrWidget{} }},
	{"/embed/addr", "Address — Netground", func() app.Composer { return &addrWidget{} }},
}

// rootPrefix is the URL path the bundle is served under ("" at the root of
// a host, "/netground" under a sub-path). Internal links carry it.
func rootPrefix() string {
	return strings.TrimSuffix(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
}

// href returns the URL of an internal path such as "/addr?ip=10.0.0.1".
func href(path string) string {
	return rootPrefix() + path
}

// isEmbed reports whether the page at path is an embed page.
func isEmbed(path string) bool {
	return strings.HasPrefix(strings.TrimPrefix(path, rootPrefix()), "/embed/")
}
