//go:build wasm

package app

import (
	"reflect"
	"sync"
)

// Netground's patch: route.go builds only outside wasm, and this file gives
// the browser the same router without routes matched by regular
// expressions. Netground routes every page by its path, and the regexp
// routes alone linked package regexp into the browser binary (0.5 MB raw,
// 78 KB brotli).

var (
	routes = makeRouter()
)

// Route set the type of component to be mounted when a page is navigated to the
// given path.
func Route(path string, c Composer) {
	RouteFunc(path, newZeroComponentFunc(c))
}

// RouteWithRegexp is not in this build: it panics. Route each path instead.
func RouteWithRegexp(pattern string, c Composer) {
	RouteWithRegexpFunc(pattern, nil)
}

// RouteFunc set a function that creates the component to be mounted when a page
// is navigated to the given path.
func RouteFunc(path string, newComponent func() Composer) {
	routes.route(path, newComponent)
}

// RouteWithRegexpFunc is not in this build: it panics. Route each path
// instead.
func RouteWithRegexpFunc(pattern string, newComponent func() Composer) {
	panic("go-app: routes by regular expression are left out of Netground's browser build (third_party/go-app/PATCH.md): route " + pattern + " by its paths")
}

func newZeroComponentFunc(c Composer) func() Composer {
	componentType := reflect.TypeOf(c)

	return func() Composer {
		return reflect.New(componentType.Elem()).Interface().(Composer)
	}
}

type router struct {
	mu     sync.RWMutex
	routes map[string]func() Composer
}

func makeRouter() router {
	return router{
		routes: make(map[string]func() Composer),
	}
}

func (r *router) route(path string, newComponent func() Composer) {
	r.mu.Lock()
	defer r.mu.Unlock()

	r.routes[path] = newComponent
}

func (r *router) createComponent(path string) (Composer, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()

	newComponent, isRouted := r.routes[path]
	if !isRouted {
		return nil, false
	}

	return newComponent(), true
}
