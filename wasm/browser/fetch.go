//go:build js

// Package browser holds the few calls to the browser that the app and the
// first-answer binary share, through syscall/js alone (no go-app).
package browser

import (
	"fmt"
	"syscall/js"
)

// Fetch returns the body of url, fetched with the browser's fetch, so the
// service worker answers from its cache when offline. It blocks until the
// response has arrived: call it from a goroutine (ctx.Async), never from an
// event handler. A body over limit bytes is an error.
//
// The browser's fetch keeps net/http, and with it crypto/tls and x509, out
// of the wasm binary.
func Fetch(url string, limit int) ([]byte, error) {
	type result struct {
		body []byte
		err  error
	}
	done := make(chan result, 1)
	var funcs []js.Func
	callback := func(f func(v js.Value)) js.Func {
		fn := js.FuncOf(func(this js.Value, args []js.Value) any {
			f(args[0])
			return nil
		})
		funcs = append(funcs, fn)
		return fn
	}
	fail := callback(func(v js.Value) {
		msg := v.String()
		if m := v.Get("message"); m.Type() == js.TypeString {
			msg = m.String()
		}
		done <- result{err: fmt.Errorf("%s: %s", url, msg)}
	})
	gotBody := callback(func(v js.Value) {
		n := v.Get("byteLength").Int()
		if n > limit {
			done <- result{err: fmt.Errorf("%s is larger than %d bytes", url, limit)}
			return
		}
		b := make([]byte, n)
		js.CopyBytesToGo(b, js.Global().Get("Uint8Array").New(v))
		done <- result{body: b}
	})
	gotResponse := callback(func(resp js.Value) {
		if !resp.Get("ok").Bool() {
			done <- result{err: fmt.Errorf("%s: %d %s", url, resp.Get("status").Int(), resp.Get("statusText").String())}
			return
		}
		resp.Call("arrayBuffer").Call("then", gotBody, fail)
	})
	js.Global().Call("fetch", url).Call("then", gotResponse, fail)
	r := <-done
	for _, fn := range funcs {
		fn.Release()
	}
	return r.body, r.err
}
