package home

import (
	"strings"
	"time"
	"unicode/utf16"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/paste"
	"github.com/netground/netground/wasm/ui"
)

// pasteBox is the state of the home page's paste box. The box is one
// input, name "paste": the contract of links (/?paste=<text>), tests and
// course pages. An input holds one line, so a paste of several lines is
// caught before the input drops its line breaks; the whole text then shows
// in a textarea under the box (name "paste-lines"), where it can be edited,
// and the input shows its first line. Typing in the input starts a new
// paste of what is typed.
type pasteBox struct {
	text  string // the whole paste
	multi bool   // the text came in with line breaks: the textarea shows it
	lines int    // the text's lines, counted up to paste.MaxLines + 1
	area  string // what the textarea holds: the text, once the answer to a paste is painted
	view  pasteView

	gen     int  // counts changes, so that a late computation of an older text is dropped
	pending bool // the answer shown is not the text's yet
	linked  bool // the page's link carries the text: it was opened with it, or the person asked
}

// Limits of the box.
const (
	// answerAtOnce is the size up to which a one-line text is answered on
	// every key; longer or multi-line text waits for a pause in typing.
	answerAtOnce = 2048
	// typingPause is that pause. A paste is no typing: it is answered in
	// its own event.
	typingPause = 150 * time.Millisecond
	// maxLinkText is the longest text "Put the text in the link" puts in
	// a URL; longer URLs are cut by some browsers and servers.
	maxLinkText = 4000
	// quotedInput is how much of the text a failure quotes.
	quotedInput = 200
)

func hasNewline(s string) bool { return strings.ContainsAny(s, "\r\n") }

// set replaces the text; the answer is the old one until compute runs.
// The textarea holds the text at once: see paste for the one exception.
func (b *pasteBox) set(text string, multi bool) {
	b.text, b.multi, b.linked = text, multi, false
	b.lines = countLines(text)
	b.area = text
	b.gen++
}

// compute answers the text.
func (b *pasteBox) compute() {
	b.view = newPasteView(b.text)
	b.pending = false
}

// quoted is the text as a failure quotes it.
func (b *pasteBox) quoted() string { return field.Shorten(b.text, quotedInput) }

// firstLine is what the input shows of a multi-line text.
func (b *pasteBox) firstLine() string {
	if i := strings.IndexAny(b.text, "\r\n"); i >= 0 {
		return b.text[:i]
	}
	return b.text
}

// lineCount is the number of lines of the text, up to paste.MaxLines + 1.
func (b *pasteBox) lineCount() int { return b.lines }

// countLines counts the lines of text, up to paste.MaxLines + 1: a line
// ends at "\n", "\r\n" or "\r", and a last line break ends the last line.
func countLines(text string) int {
	n := 1
	for i := 0; i < len(text) && n <= paste.MaxLines; i++ {
		switch text[i] {
		case '\n':
			n++
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			n++
		}
	}
	if n <= paste.MaxLines && (strings.HasSuffix(text, "\n") || strings.HasSuffix(text, "\r")) {
		n--
	}
	return n
}

// change takes a new text from the page: it answers a short line at once,
// and longer text after a pause in typing, off the input's event. The
// link loses the paste parameter the page was opened with: what is typed
// stays in this browser (pasted text goes into a link only when asked).
func (p *homePage) change(ctx app.Context, text string, multi bool) {
	p.box.set(text, multi)
	dropPasteFromURL(ctx)
	if len(text) <= answerAtOnce && !hasNewline(text) {
		p.compute()
		return
	}
	p.box.pending = true
	gen := p.box.gen
	afterPaint(ctx, typingPause, func(ctx app.Context) {
		if p.box.gen == gen {
			p.compute()
		}
	})
}

// pasted answers a paste of several lines in the paste's own event: the
// text is read at most up to paste.MaxBytes and paste.MaxLines, in tens of
// milliseconds, so the first frame painted holds the answer. The textarea
// gets the text once that frame is painted: laying out ten thousand lines
// in it costs more than reading them, and the answer comes first.
func (p *homePage) pasted(ctx app.Context, text string) {
	p.box.set(text, true)
	dropPasteFromURL(ctx)
	p.compute()
	p.box.area = ""
	gen := p.box.gen
	afterPaint(ctx, 0, func(ctx app.Context) {
		if p.box.gen == gen {
			p.box.area = p.box.text
		}
	})
}

// afterPaint runs fn on the page's goroutine d after the browser has had a
// task of its own to paint: what typing changed, or a paste's answer, shows
// before the next step's work. A Go timer (ctx.After) can fire in the same task as the
// event when the event's own work took longer than d. With d = 0 the
// timeout is set from the next animation frame, so that it runs once that
// frame is painted (a paste comes into a page that is shown, which has
// frames).
func afterPaint(ctx app.Context, d time.Duration, fn func(ctx app.Context)) {
	var f app.Func
	f = app.FuncOf(func(this app.Value, args []app.Value) any {
		f.Release()
		ctx.Dispatch(fn)
		return nil
	})
	if d > 0 {
		app.Window().Call("setTimeout", f, d.Milliseconds())
		return
	}
	var frame app.Func
	frame = app.FuncOf(func(this app.Value, args []app.Value) any {
		frame.Release()
		app.Window().Call("setTimeout", f, 0)
		return nil
	})
	app.Window().Call("requestAnimationFrame", frame)
}

// onInput: typing in the one-line box.
func (p *homePage) onInput(ctx app.Context, e app.Event) {
	p.Protect("", func() { p.change(ctx, ctx.JSSrc().Get("value").String(), false) })
}

// onChange takes a value a script set and announced with a change event
// only. The box showing the first line of a multi-line text is no change:
// the browser may send one when the box loses the focus.
func (p *homePage) onChange(ctx app.Context, e app.Event) {
	p.Protect("", func() {
		v := ctx.JSSrc().Get("value").String()
		if v == p.box.text || p.box.multi && v == p.box.firstLine() {
			return
		}
		p.change(ctx, v, false)
	})
}

// onPaste catches a paste of several lines into the one-line box before
// the input drops its line breaks: the pasted text replaces the selection,
// and the whole text goes to the textarea. A one-line paste goes on as
// typing does.
func (p *homePage) onPaste(ctx app.Context, e app.Event) {
	p.Protect("", func() { p.paste(ctx, e) })
}

func (p *homePage) paste(ctx app.Context, e app.Event) {
	data := e.Get("clipboardData")
	if !data.Truthy() {
		return
	}
	pasted := data.Call("getData", "text").String()
	if !hasNewline(pasted) {
		return
	}
	e.PreventDefault()
	src := ctx.JSSrc()
	value := src.Get("value").String()
	start, end := src.Get("selectionStart"), src.Get("selectionEnd")
	before, after := value, ""
	if start.Type() == app.TypeNumber && end.Type() == app.TypeNumber {
		before, after = splitUTF16(value, start.Int(), end.Int())
	}
	p.pasted(ctx, before+pasted+after)
}

// splitUTF16 returns the text before and after a selection given, as the
// browser gives it, in UTF-16 code units.
func splitUTF16(s string, start, end int) (before, after string) {
	u := utf16.Encode([]rune(s))
	start = min(max(start, 0), len(u))
	end = min(max(end, start), len(u))
	return string(utf16.Decode(u[:start])), string(utf16.Decode(u[end:]))
}

// onLines: editing the text in the textarea.
func (p *homePage) onLines(ctx app.Context, e app.Event) {
	p.Protect("", func() { p.change(ctx, ctx.JSSrc().Get("value").String(), true) })
}

// onClear empties the box and goes back to one line.
func (p *homePage) onClear(ctx app.Context, e app.Event) {
	p.change(ctx, "", false)
	ctx.Defer(func(ctx app.Context) {
		if el := app.Window().GetElementByID("paste"); el.Truthy() {
			el.Call("focus")
		}
	})
}

// onLinkText puts the text itself in the link, because the person asked
// for it: /?paste=<text>.
func (p *homePage) onLinkText(ctx app.Context, e app.Event) {
	if p.box.text == "" || len(p.box.text) > maxLinkText {
		return
	}
	u := *ctx.Page().URL()
	q := u.Query()
	q.Set("paste", p.box.text)
	u.RawQuery = q.Encode()
	u.Fragment, u.RawFragment = "", ""
	ui.SetURL(ctx, &u, false)
	p.box.linked = true
}

// dropPasteFromURL removes the paste parameter from the page's link.
func dropPasteFromURL(ctx app.Context) {
	u := *ctx.Page().URL()
	q := u.Query()
	if !q.Has("paste") {
		return
	}
	q.Del("paste")
	u.RawQuery = q.Encode()
	ui.SetURL(ctx, &u, false)
}
