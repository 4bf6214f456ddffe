package portsui

import (
	"sync"

	"github.com/netground/netground/core/port"
)

// services is the IANA service registry, loaded on first use: it ships as
// its own file beside the wasm (about 90 KiB compressed), so pages that do
// not look up services never download it.
var services registryLoader

type registryLoader struct {
	mu  sync.Mutex
	reg *port.Registry
}

// get returns the registry, loading it if no earlier call has. In the
// browser it waits for the network or the service worker's cache: never
// call it from an event handler, only from async work. A failed load is
// tried again on the next call.
func (l *registryLoader) get() (*port.Registry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.reg != nil {
		return l.reg, nil
	}
	data, err := loadServices()
	if err != nil {
		return nil, err
	}
	reg, err := port.ParseRegistry(data)
	if err != nil {
		return nil, err
	}
	l.reg = reg
	return reg, nil
}

// loaded returns the registry if an earlier call has loaded it, without
// waiting.
func (l *registryLoader) loaded() *port.Registry {
	if !l.mu.TryLock() {
		return nil
	}
	defer l.mu.Unlock()
	return l.reg
}
