//go:build js

package browser

import "syscall/js"

// ShowRegion puts html into the pre-rendered page's element of the id and
// marks it answered (data-answered, which netground.css shows while the
// page waits for the app). It reports false when the page has no such
// element or the app has taken the page over: the app's regions are its
// own.
func ShowRegion(id, html string) bool {
	el := js.Global().Get("document").Call("getElementById", id)
	if el.IsNull() || el.Call("closest", `[data-live="false"]`).IsNull() {
		return false
	}
	el.Set("innerHTML", html)
	el.Call("setAttribute", "data-answered", "")
	return true
}

// MarkAnswered tells the page's stylesheet that the link's answer is on
// the page (html.ng-answered): the "computing" note goes.
func MarkAnswered() {
	js.Global().Get("document").Get("documentElement").Get("classList").Call("add", "ng-answered")
}
