//go:build js

// Command practice is the Practice page's first-answer binary
// (ui.Page.FirstBinary): it draws the link's set, applies the progress
// the browser keeps of it, and writes the question shown and the score
// into the pre-rendered page (practiceview.Regions, as the app shows
// them), before the app has loaded. It has a binary of its own because
// the questions come from every engine: in the shared first-answer binary
// they would make every Address link slower.
//
// boot.js starts it, and starts the app once it has answered (or failed).
// Answering a question is the app's.
package main

import (
	"strings"
	"syscall/js"

	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/browser"
	"github.com/netground/netground/wasm/page/practiceview"
)

func main() {
	global := js.Global()
	answered := global.Get("netgroundAnswered")
	defer func() {
		// Whatever happens here, the app must load: a failure leaves the
		// page "computing" until the app answers.
		recover()
		if answered.Type() == js.TypeFunction {
			answered.Invoke()
		}
	}()
	loc := global.Get("location")
	if scenario.HasScenario(strings.TrimPrefix(loc.Get("hash").String(), "#")) {
		return // a saved set (from the library): the app decodes it
	}
	q, problems := scenario.SplitQuery(strings.TrimPrefix(loc.Get("search").String(), "?"))
	s, hasSeed, more := practice.ParseState(q, 0)
	if !hasSeed || len(problems)+len(more) > 0 {
		return // a new set's seed is drawn by the app, which also says what a link gets wrong
	}
	ss, _ := practiceview.Open(s, stored(global, practice.ProgressKey(s)))
	for _, r := range practiceview.Regions(ss.View()) {
		browser.ShowRegion(r.ID, r.HTML)
	}
	browser.MarkAnswered()
}

// stored is what localStorage keeps under key: "" when nothing, or when
// the browser denies the page its storage.
func stored(global js.Value, key string) (v string) {
	defer func() {
		if recover() != nil {
			v = ""
		}
	}()
	item := global.Get("localStorage").Call("getItem", key)
	if item.Type() != js.TypeString {
		return ""
	}
	return item.String()
}
