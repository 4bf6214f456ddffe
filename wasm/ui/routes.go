package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Route describes one page: its path, its label in the navigation (empty
// for pages that are not listed there) and its document title.
type Route struct {
	Path, Label, Title string
}

// Routes lists the pages in navigation order. Embed pages (/embed/…) take
// the title of the page they embed.
var Routes = []Route{
	{"/", "", "Netground — a playground for IP addresses, subnets, ports and NAT"},
	{"/addr", "Address", "Address — Netground"},
	{"/subnet", "Subnet", "Subnet calculator — Netground"},
	{"/plan", "Plan", "Network plan — Netground"},
	{"/ports", "Ports", "Ports & sockets — Netground"},
	{"/nat", "NAT lab", "NAT lab — Netground"},
	{"/bind", "Bind lab", "Bind lab — Netground"},
	{"/k8s", "Kubernetes lab", "Kubernetes lab — Netground"},
	{"/practice", "Practice", "Practice — Netground"},
	{"/library", "My scenarios", "My scenarios — Netground"},
}

// PageTitle returns the document title of the page at path.
func PageTitle(path string) string {
	path = "/" + strings.TrimPrefix(strings.TrimPrefix(path, "/embed"), "/")
	for _, r := range Routes {
		if r.Path == path {
			return r.Title
		}
	}
	return Routes[0].Title
}

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
