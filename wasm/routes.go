package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/bindlab"
	"github.com/netground/netground/wasm/k8slab"
	"github.com/netground/netground/wasm/library"
	"github.com/netground/netground/wasm/natlab"
	"github.com/netground/netground/wasm/planui"
	"github.com/netground/netground/wasm/practice"
)

// page is one route of the app: a widget page and, for widgets, its
// embeddable twin under /embed/.
type page struct {
	Path string
	New  func() app.Composer
}

// pages lists every route. The generator pre-renders each one and the
// service worker caches each one, so every page opens offline.
var pages = []page{
	{"/", func() app.Composer { return &homePage{} }},
	{"/addr", func() app.Composer { return &addrWidget{} }},
	{"/embed/addr", func() app.Composer { return &addrWidget{} }},
	{"/subnet", func() app.Composer { return &subnetWidget{} }},
	{"/embed/subnet", func() app.Composer { return &subnetWidget{} }},
	{"/ports", func() app.Composer { return &portsWidget{} }},
	{"/embed/ports", func() app.Composer { return &portsWidget{} }},
	{"/plan", planui.New},
	{"/embed/plan", planui.New},
	{"/nat", natlab.New},
	{"/embed/nat", natlab.New},
	{"/bind", bindlab.New},
	{"/embed/bind", bindlab.New},
	{"/k8s", k8slab.New},
	{"/embed/k8s", k8slab.New},
	{"/practice", practice.New},
	{"/embed/practice", practice.New},
	{"/library", library.New},
}
