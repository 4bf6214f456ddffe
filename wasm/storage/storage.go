// Package storage is this browser's scenario library: the store on IndexedDB, opened once per
// tab, or in memory for the session when the browser refuses storage. It also tells the
// other tabs when the library changes.
//
// Library blocks while IndexedDB answers: call it from a goroutine (ctx.Async,
// ui.AsyncProtected), never from a JavaScript callback or an event handler directly, where
// waiting for IndexedDB deadlocks the Go runtime.
package storage

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/store"
)

// DatabaseName is the IndexedDB database of the library.
const DatabaseName = "netground-library"

// Status says where the library keeps scenarios.
type Status struct {
	// Persistent reports whether scenarios outlive the tab (IndexedDB).
	Persistent bool
	// Problem says, when Persistent is false, why the browser's storage could not be used
	// and what that means; "" when Persistent is true.
	Problem string
}

var (
	once    sync.Once
	library *store.Library
	status  Status
	openErr error
)

// Library returns the library of this tab, opening it on first use. It fails only when not
// even the in-memory library can be created.
func Library() (*store.Library, Status, error) {
	once.Do(func() {
		fs, persistent, problem := openFS()
		opts := store.Options{Now: time.Now, Lock: tabsLock, Scenario: scenario.Options{Validate: validateLab}}
		library, openErr = store.New(fs, opts)
		if openErr != nil && persistent {
			// The database opened but its files do not work: fall back to memory.
			fs, problem = memoryFS(), "the browser's storage did not work ("+openErr.Error()+")"
			persistent = false
			library, openErr = store.New(fs, opts)
		}
		status = Status{Persistent: persistent}
		if !persistent {
			status.Problem = "This browser does not let Netground keep data (" + problem +
				"). Scenarios you save now are kept only until you close this tab: export them to keep them."
		}
	})
	return library, status, openErr
}

// validateLab checks a lab's scenario as the lab opens it, so that an
// import the lab would refuse is refused at once, naming the entry and the
// field, and a stored one that no longer opens is listed as damaged.
func validateLab(w scenario.Widget, state json.RawMessage) error {
	var err error
	switch w {
	case scenario.WidgetNAT:
		_, err = nat.DecodeScenario(state)
	case scenario.WidgetBind:
		_, err = bind.DecodeScenario(state)
	case scenario.WidgetK8s:
		_, err = k8s.DecodeScenario(state)
	}
	return err
}
