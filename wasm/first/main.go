//go:build js

// Command first is the first-answer binary of the pages that answer from
// the link alone (ui.Page.FirstAnswer: Address, Subnet, Ports, Plan; the
// Practice page has one of its own, wasm/first/practice). It is small
// because it holds no go-app: the core, package answer and syscall/js. It
// writes the link's answer into the pre-rendered page, then the answer to
// every keystroke, until the app (command wasm) takes the page over.
//
// boot.js starts it, and starts the app once it has answered (or failed).
package main

import (
	"net/url"
	"strings"
	"syscall/js"

	"github.com/netground/netground/core/port"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/answer"
	"github.com/netground/netground/wasm/browser"
)

var (
	global   = js.Global()
	document = global.Get("document")
)

func main() {
	answered := global.Get("netgroundAnswered")
	defer func() {
		// Whatever happens here, the app must load: a failure leaves the
		// page "computing" until the app answers.
		recover()
		if answered.Type() == js.TypeFunction {
			answered.Invoke()
		}
	}()
	prefix := strings.TrimSuffix(getenv("GOAPP_ROOT_PREFIX"), "/")
	path := strings.TrimPrefix(global.Get("location").Get("pathname").String(), prefix)
	w := scenario.Widget(strings.TrimPrefix(strings.TrimPrefix(path, "/embed"), "/"))
	if !answer.Answers(w) {
		return
	}
	p := &page{widget: w, prefix: prefix, draft: answer.NewDraft(w)}
	if !p.answer() {
		return
	}
	answered.Invoke()
	answered = js.Undefined()

	document.Call("addEventListener", "input", js.FuncOf(func(this js.Value, args []js.Value) any {
		t := args[0].Get("target")
		if t.Call("hasAttribute", "data-link").Bool() && !t.Call("closest", `[data-live="false"]`).IsNull() {
			p.answer() // boot.js has put the typed text in the URL
		}
		return nil
	}))
	if w == scenario.WidgetPorts {
		go p.loadServices()
	}
	select {}
}

// page is the pre-rendered page being answered.
type page struct {
	widget   scenario.Widget
	prefix   string
	services *port.Registry
	draft    *answer.Draft // the last whole answer while the input is typed
	filled   bool          // the inputs boot.js leaves to this binary are filled
}

// answer writes the answer of the URL's state into the page's regions. It
// reports false when it failed: the page then waits for the app.
func (p *page) answer() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	loc := global.Get("location")
	raw := strings.TrimPrefix(loc.Get("search").String(), "?")
	frag := strings.TrimPrefix(loc.Get("hash").String(), "#")
	if scenario.HasScenario(frag) {
		return false // a scenario document: the app decodes it
	}
	q, problems := scenario.SplitQuery(raw)
	regions, ok := answer.ForQuery(p.widget, q, problems, func(s string) string { return p.prefix + s }, p.services)
	if !ok {
		return false
	}
	input, st := answer.DraftInput(p.widget, q)
	regions, waiting := p.draft.Show(regions, input, st)
	if waiting {
		var settle js.Func
		settle = js.FuncOf(func(this js.Value, args []js.Value) any {
			settle.Release()
			if q, _ := scenario.SplitQuery(strings.TrimPrefix(global.Get("location").Get("search").String(), "?")); q != nil {
				if now, _ := answer.DraftInput(p.widget, q); now == input {
					p.draft.Settle(input)
					p.answer()
				}
			}
			return nil
		})
		global.Call("setTimeout", settle, answer.Pause)
	}
	for _, r := range regions {
		browser.ShowRegion(r.ID, r.HTML)
	}
	if !p.filled {
		p.filled = true
		p.fillInputs(q)
	}
	browser.MarkAnswered()
	return true
}

// fillInputs gives the pre-rendered inputs that boot.js leaves to this
// binary (inside [data-fill], answer.LinkInputs) the link's values, once,
// and shows them, when they belong to the link's mode. An input that
// already holds its value (typed into before the answer) is left alone,
// caret and all.
func (p *page) fillInputs(q url.Values) {
	mode, values, ok := answer.LinkInputs(p.widget, q)
	if !ok {
		return
	}
	box := document.Call("querySelector", `[data-live="false"] [data-fill]`)
	if box.IsNull() || box.Call("getAttribute", "data-fill").String() != mode {
		return // another tab's inputs: they stay hidden until the app shows the link's
	}
	inputs := box.Call("querySelectorAll", "[data-link]")
	for i := range inputs.Length() {
		el := inputs.Index(i)
		v, ok := values[el.Call("getAttribute", "data-link").String()]
		if !ok {
			continue
		}
		if el.Get("value").String() != v {
			el.Set("value", v)
		}
		if f := el.Call("closest", ".field"); !f.IsNull() {
			f.Call("setAttribute", "data-filled", "")
		}
	}
}

// loadServices fetches the service registry, then answers again with it.
func (p *page) loadServices() {
	data, err := browser.Fetch(getenv("NETGROUND_SERVICES_URL"), 8<<20)
	if err != nil {
		return // the app says so when it starts
	}
	reg, err := port.ParseRegistry(data)
	if err != nil {
		return
	}
	p.services = reg
	p.answer()
}

// getenv reads the bundle's environment through go-app's app.js.
func getenv(k string) string {
	f := global.Get("goappGetenv")
	if f.Type() != js.TypeFunction {
		return ""
	}
	v := f.Invoke(k)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}
