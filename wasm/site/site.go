// Package site is Netground's page registry: every page declared once.
// Routes, the navigation, titles, the home page, the library's labels and
// default names, the embed routes, the pre-rendered pages and the browser
// tests' page list all come from Pages.
//
// Adding a widget: its engine in core, its package under wasm/widget or
// wasm/lab, one row here, and its section in docs/fields*.md.
package site

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/lab/bindlab"
	"github.com/netground/netground/wasm/lab/k8slab"
	"github.com/netground/netground/wasm/lab/natlab"
	"github.com/netground/netground/wasm/page/home"
	"github.com/netground/netground/wasm/page/learn"
	"github.com/netground/netground/wasm/page/library"
	"github.com/netground/netground/wasm/page/practice"
	"github.com/netground/netground/wasm/ui"
	"github.com/netground/netground/wasm/widget/addrui"
	"github.com/netground/netground/wasm/widget/planui"
	"github.com/netground/netground/wasm/widget/portsui"
	"github.com/netground/netground/wasm/widget/subnetui"
)

// Pages lists every page in navigation order.
var Pages = []ui.Page{
	{
		Path:  "/",
		Title: ui.SiteTitle,
		Examples: []ui.Example{
			{Path: "/?paste=Error%3A+connect+ECONNREFUSED+127.0.0.1%3A5432", Label: "Paste an error: ECONNREFUSED 127.0.0.1:5432"},
		},
		New: home.New,
	},
	{
		Widget: scenario.WidgetAddr, Path: "/addr", Embed: true,
		Label: "Address", Title: "Address — Netground",
		Card: "Any IPv4 or IPv6 address: its forms, its class in the IANA registries, and whether the internet can reach it; or a MAC address and the IPv6 addresses made from it.",
		Examples: []ui.Example{
			{Path: "/addr?ip=192.168.1.42", Label: "Your laptop at home: 192.168.1.42"},
			{Path: "/addr?ip=100.64.1.1", Label: "Is 100.64.1.1 public?"},
			{Path: "/addr?ip=2001:db8::1", Label: "An IPv6 address: 2001:db8::1"},
		},
		NameKeys:    []string{"ip"},
		FirstAnswer: true,
		New:         addrui.New,
	},
	{
		Widget: scenario.WidgetSubnet, Path: "/subnet", Embed: true,
		Label: "Subnet", Title: "Subnet calculator — Netground",
		Card:        "Network, broadcast, usable hosts, mask and wildcard, with the bits drawn; are two hosts neighbours?",
		Examples:    []ui.Example{{Path: "/subnet?net=192.168.10.0/24", Label: "A /24 office network"}},
		NameKeys:    []string{"net"},
		FirstAnswer: true,
		New:         subnetui.New,
	},
	{
		Widget: scenario.WidgetPlan, Path: "/plan", Embed: true,
		Label: "Plan", Title: "Network plan — Netground",
		Card:        "Split a network, allocate subnets by host count, summarize, exclude, find overlaps and the next free subnet, and make a unique local IPv6 /48.",
		NameKeys:    []string{"net"},
		FirstAnswer: true,
		New:         planui.New,
	},
	{
		Widget: scenario.WidgetPorts, Path: "/ports", Embed: true,
		Label: "Ports", CardTitle: "Ports & sockets", Title: "Ports & sockets — Netground",
		Card: "Which service is on a port, which range it is in, and what a socket or URL connects to.",
		Examples: []ui.Example{
			{Path: "/ports?q=postgres", Label: "Which port is PostgreSQL?"},
			{Path: "/ports?q=127.0.0.1:8080", Label: "What does 127.0.0.1:8080 mean?"},
		},
		NameKeys:    []string{"q"},
		FirstAnswer: true,
		New:         portsui.New,
	},
	{
		Widget: scenario.WidgetNAT, Path: "/nat", Embed: true,
		Label: "NAT lab", Title: "NAT lab — Netground",
		Card:    "A home network behind one public address: watch the translation table and why replies come back.",
		Presets: natlab.PresetNames(),
		New:     natlab.New,
	},
	{
		Widget: scenario.WidgetBind, Path: "/bind", Embed: true,
		Label: "Bind lab", Title: "Bind lab — Netground",
		Card:    "0.0.0.0 or 127.0.0.1, containers, localhost and \"address already in use\".",
		Presets: bindlab.PresetNames(),
		New:     bindlab.New,
	},
	{
		Widget: scenario.WidgetK8s, Path: "/k8s", Embed: true,
		Label: "Kubernetes lab", Title: "Kubernetes lab — Netground",
		Card:    "Pods get addresses that change; Services give them a name that does not.",
		Presets: k8slab.PresetNames(),
		New:     k8slab.New,
	},
	{
		Widget: scenario.WidgetPractice, Path: "/practice", Embed: true,
		Label: "Practice", Title: "Practice — Netground",
		Card:        "Generated exercises with checked answers and worked solutions.",
		FirstAnswer: true,
		FirstBinary: "practice",
		New:         practice.New,
	},
	{
		Path: learn.Path, Embed: true,
		Label: "Learn", Title: "Learn — Netground",
		Card:     "A short course from addresses to Kubernetes, with the live widgets in the text and questions to check yourself.",
		Children: learn.Children(),
		New:      learn.New,
	},
	{
		Path:  "/library",
		Label: "My scenarios", Title: "My scenarios — Netground",
		New: library.New,
	},
}

func init() { ui.SetPages(Pages) }

// RegisterRoutes tells go-app every route: the app in the browser and the
// pre-renderer (package bundle) both need them.
func RegisterRoutes() {
	for _, r := range Routes() {
		app.RouteFunc(r.Path, r.Page.New)
	}
}

// Route is one route of the app: a page, or its embeddable twin.
type Route struct {
	Path string
	Page ui.Page
}

// Routes returns every route: each page, and after it its embed page,
// then its children's pages, each followed by its embed page.
func Routes() []Route {
	var out []Route
	for _, p := range Pages {
		paths := []string{p.Path}
		for _, c := range p.Children {
			paths = append(paths, c.Path)
		}
		for _, path := range paths {
			out = append(out, Route{path, p})
			if p.Embed {
				out = append(out, Route{"/embed" + path, p})
			}
		}
	}
	return out
}
