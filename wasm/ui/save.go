package ui

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/store"
	"github.com/netground/netground/wasm/storage"
)

// SaveControl saves the widget's scenario in this browser's library: name it, Save (saving
// again updates the same entry), "Save as copy" (a new entry, which later saves update). A
// page opened from the library carries lib=<id> in its fragment, and saving updates that
// entry. ID prefixes the element ids; Doc is the scenario to save, whose name the control
// sets.
type SaveControl struct {
	app.Compo
	ID  string
	Doc scenario.Document

	boundary  Boundary
	name      string // what the person typed; "" means the default name
	shown     string // the name the field was last given; typing does not change it
	savedID   string // the library entry saving updates; "" until the first save
	busy      bool
	status    string
	statusErr bool
}

// OnMount picks up the library entry the page was opened from.
func (c *SaveControl) OnMount(ctx app.Context) {
	id := LibraryIDFromFragment(ctx.Page().URL().EscapedFragment())
	if id == "" {
		return
	}
	widget := c.Doc.Widget
	AsyncProtected(ctx, &c.boundary, id, func() func() {
		lib, _, err := storage.Library()
		if err != nil {
			return func() {}
		}
		_, e, err := lib.Open(id)
		return func() {
			if err == nil && e.Widget == widget && c.savedID == "" {
				c.savedID, c.name, c.shown = id, e.Name, e.Name
			}
		}
	})
}

// LibraryIDFromFragment returns the library entry id in a link fragment (lib=<id>), or "".
func LibraryIDFromFragment(fragment string) string {
	if id, ok := scenario.FragmentPart(fragment, "lib"); ok && store.ValidID(id) {
		return id
	}
	return ""
}

// onName records the typed name without rendering it back: go-app trims attribute values,
// so rendering the value while typing would eat a space at the end.
func (c *SaveControl) onName(ctx app.Context, e app.Event) {
	c.name = ctx.JSSrc().Get("value").String()
}

func (c *SaveControl) onSave(ctx app.Context, e app.Event)   { c.save(ctx, false) }
func (c *SaveControl) onSaveAs(ctx app.Context, e app.Event) { c.save(ctx, true) }

// onKey saves on Enter in the name field.
func (c *SaveControl) onKey(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Enter" {
		e.PreventDefault()
		c.name = ctx.JSSrc().Get("value").String()
		c.save(ctx, false)
	}
}

// save writes the scenario off the event loop: IndexedDB must not be waited for in a
// JavaScript callback.
func (c *SaveControl) save(ctx app.Context, copy bool) {
	if c.busy {
		return
	}
	doc := c.Doc
	doc.Name = strings.TrimSpace(c.name)
	if doc.Name == "" {
		doc.Name = DefaultScenarioName(c.Doc)
	}
	id := c.savedID
	if copy {
		id = ""
	}
	c.busy, c.status, c.statusErr = true, "Saving…", false
	AsyncProtected(ctx, &c.boundary, doc.Name, func() func() {
		e, st, err := saveDocument(id, doc)
		return func() {
			c.busy = false
			if err != nil {
				c.status, c.statusErr = "Not saved: "+err.Error(), true
				return
			}
			c.savedID, c.name, c.shown = e.ID, e.Name, e.Name
			c.status = SaveStatus(e, copy, st)
		}
	})
}

// saveDocument saves doc as entry id (a new entry when id is "" or the entry was deleted).
func saveDocument(id string, doc scenario.Document) (store.Entry, storage.Status, error) {
	lib, st, err := storage.Library()
	if err != nil {
		return store.Entry{}, st, err
	}
	var e store.Entry
	if id != "" {
		e, err = lib.Update(id, doc)
	}
	if id == "" || errors.Is(err, store.ErrNotFound) {
		e, err = lib.Save(doc)
	}
	if err == nil {
		storage.Changed()
	}
	return e, st, err
}

// SaveStatus says what a save did, such as `Saved "Office router" at 14:02.`.
func SaveStatus(e store.Entry, copy bool, st storage.Status) string {
	what := "Saved"
	if copy {
		what = "Saved a copy as"
	}
	s := fmt.Sprintf("%s %q at %s.", what, e.Name, e.Modified.Local().Format("15:04"))
	if !st.Persistent {
		s += " " + st.Problem
	}
	return s
}

// DefaultScenarioName names a scenario by its own name, such as a lab preset's
// title ("Double NAT behind a carrier-grade NAT"), else after its widget and
// main input, such as "Address 10.1.2.3".
func DefaultScenarioName(d scenario.Document) string {
	if name := strings.TrimSpace(d.Name); name != "" {
		return name
	}
	label := WidgetLabel(d.Widget)
	page, _ := PageOf(d.Widget)
	if q, err := d.Query(); err == nil {
		for _, key := range page.NameKeys {
			if v := strings.TrimSpace(q.Get(key)); v != "" {
				if len(v) > 60 {
					v = v[:60]
				}
				return strings.ToValidUTF8(label+" "+v, "")
			}
		}
	}
	if d.Widget.IsLab() {
		return label + " scenario"
	}
	return label
}

// ScenarioLink returns the link that opens a saved scenario in its widget, carrying the
// library entry id (lib=) in the fragment so that saving there updates the entry: a simple
// widget's query (/addr?ip=10.0.0.1#lib=…), or a lab's scenario fragment with the step it
// was saved at, if it kept one (/nat?step=3#s=1.…&lib=…).
func ScenarioLink(d scenario.Document, id string) (string, error) {
	p := "/" + string(d.Widget)
	lib := "lib=" + url.QueryEscape(id)
	if d.Widget.IsSimple() {
		q, err := d.Query()
		if err != nil {
			return "", err
		}
		if len(q) > 0 {
			p += "?" + q.Encode()
		}
		return p + "#" + lib, nil
	}
	if d.Step != nil {
		p += "?step=" + strconv.Itoa(*d.Step)
		d.Step = nil
	}
	f, err := scenario.Fragment(d)
	if err != nil {
		return "", err
	}
	return p + "#" + f + "&" + lib, nil
}

func (c *SaveControl) Render() app.UI {
	status := c.status
	if c.boundary.Failed() {
		status = "Not saved: " + c.boundary.Failure()
	}
	return app.Div().Class("library-save").Role("group").Aria("labelledby", c.ID+"-save-label").Body(
		app.Label().ID(c.ID+"-save-label").For(c.ID+"-save-name").Text("Scenario name"),
		app.Div().Class("library-save-row").Body(
			app.Input().Type("text").ID(c.ID+"-save-name").Name("save-name").Class("library-save-name").
				Value(c.shown).Placeholder(DefaultScenarioName(c.Doc)).
				MaxLength(scenario.MaxNameBytes).AutoComplete(false).
				Aria("describedby", c.ID+"-save-status").
				OnInput(c.onName).OnKeyDown(c.onKey),
			app.Button().Type("button").Class("button").Name("save").
				Disabled(c.busy).OnClick(c.onSave).Text("Save"),
			app.If(c.savedID != "",
				app.Button().Type("button").Class("button button-secondary").Name("save-as").
					Disabled(c.busy).OnClick(c.onSaveAs).Text("Save as copy"),
			),
			app.A().Href(Href("/library")).Text("My scenarios"),
		),
		app.P().ID(c.ID+"-save-status").Class(saveStatusClass(c.statusErr || c.boundary.Failed())).
			DataSet("field", "save-status").Aria("live", "polite").Text(status),
	)
}

func saveStatusClass(isErr bool) string {
	if isErr {
		return "library-save-status error"
	}
	return "library-save-status"
}
