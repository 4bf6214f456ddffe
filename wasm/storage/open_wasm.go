//go:build js && wasm

package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"syscall/js"
	"time"

	"github.com/hack-pad/hackpadfs"
	"github.com/hack-pad/hackpadfs/indexeddb"
	"github.com/hack-pad/hackpadfs/mem"
)

// openTimeout bounds the wait for IndexedDB, which never answers while another tab holds an
// older version of the database open.
const openTimeout = 10 * time.Second

// openFS opens the IndexedDB file system, or memory when IndexedDB is missing, blocked or
// broken. indexeddb.NewFS panics when indexedDB is undefined: the panic is a fallback too.
func openFS() (fs hackpadfs.FS, persistent bool, problem string) {
	if !js.Global().Get("indexedDB").Truthy() {
		return memoryFS(), false, "IndexedDB is not available"
	}
	ctx, cancel := context.WithTimeout(context.Background(), openTimeout)
	defer cancel()
	idb, err := func() (fs *indexeddb.FS, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		return indexeddb.NewFS(ctx, DatabaseName, indexeddb.Options{})
	}()
	if err != nil {
		return memoryFS(), false, "IndexedDB refused: " + err.Error()
	}
	return idb, true, ""
}

func memoryFS() hackpadfs.FS {
	fs, err := mem.NewFS()
	if err != nil {
		panic(err) // mem.NewFS does not fail
	}
	return fs
}

// channelName is the BroadcastChannel the tabs tell each other about changes on.
const channelName = "netground-library"

var (
	channelOnce sync.Once
	channel     js.Value // this tab's BroadcastChannel; undefined without one
)

// broadcast returns this tab's channel. One object both sends and listens, so a tab does not
// hear its own messages.
func broadcast() js.Value {
	channelOnce.Do(func() {
		if bc := js.Global().Get("BroadcastChannel"); bc.Truthy() {
			channel = bc.New(channelName)
		}
	})
	return channel
}

// Changed tells the other tabs that the library changed.
func Changed() {
	if ch := broadcast(); ch.Truthy() {
		ch.Call("postMessage", "changed")
	}
}

// Watch calls fn when another tab changes the library, and when this tab comes back into
// view or focus (for browsers without BroadcastChannel, and for changes made while it slept).
// fn runs in a JavaScript callback: it must only hand work off (ctx.Dispatch, ctx.Async).
// The returned function stops watching.
func Watch(fn func()) (stop func()) {
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		if t := args[0].Get("type").String(); t == "visibilitychange" && js.Global().Get("document").Get("visibilityState").String() != "visible" {
			return nil
		}
		fn()
		return nil
	})
	ch := broadcast()
	if ch.Truthy() {
		ch.Call("addEventListener", "message", cb)
	}
	win, doc := js.Global(), js.Global().Get("document")
	win.Call("addEventListener", "focus", cb)
	doc.Call("addEventListener", "visibilitychange", cb)
	return func() {
		if ch.Truthy() {
			ch.Call("removeEventListener", "message", cb)
		}
		win.Call("removeEventListener", "focus", cb)
		doc.Call("removeEventListener", "visibilitychange", cb)
		cb.Release()
	}
}

// lockName is the Web Lock every tab takes to write to the library.
const lockName = "netground-library"

// tabsLock runs fn holding the Web Lock that every tab of the origin shares
// (navigator.locks), so that writes of two tabs never interleave. Without the Web Locks API
// it runs fn at once. The lock is released when fn returns or panics.
func tabsLock(fn func()) error {
	locks := js.Global().Get("navigator").Get("locks")
	if !locks.Truthy() {
		fn()
		return nil
	}
	granted := make(chan js.Value, 1) // resolves the promise that holds the lock
	failed := make(chan string, 1)
	hold := js.FuncOf(func(this js.Value, args []js.Value) any {
		var release js.Value
		executor := js.FuncOf(func(this js.Value, args []js.Value) any {
			release = args[0]
			return nil
		})
		held := js.Global().Get("Promise").New(executor)
		executor.Release()
		granted <- release
		return held
	})
	refused := js.FuncOf(func(this js.Value, args []js.Value) any {
		failed <- js.Global().Get("String").Invoke(args[0]).String()
		return nil
	})
	locks.Call("request", lockName, hold).Call("catch", refused)
	select {
	case release := <-granted:
		defer func() {
			release.Invoke()
			hold.Release()
			refused.Release()
		}()
		fn()
		return nil
	case reason := <-failed:
		hold.Release()
		refused.Release()
		return errors.New(reason)
	}
}
