// Package library is the My scenarios page: the scenarios saved in this browser, to open,
// rename, duplicate, delete, export and import.
package library

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/store"
	"github.com/netground/netground/wasm/storage"
	"github.com/netground/netground/wasm/ui"
	"strconv"
)

// New returns the page component, for /library.
func New() app.Composer { return &page{} }

// page lists the library and runs its actions. Every storage call runs off the event loop
// (ui.AsyncProtected); busy says what is in progress meanwhile.
type page struct {
	app.Compo
	ui.Base

	view    listView
	loaded  bool
	storage string // why scenarios are kept only for this tab; "" when they persist
	busy    string // what is in progress
	status  string // what the last action did
	failure string // why the last action failed

	renaming   string // id of the entry being renamed
	renameTo   string
	confirming string // id of the entry whose deletion awaits confirmation

	pending []scenario.Document // an import waiting for a decision on name clashes
	clashes []string
	source  string // the file name of the pending import

	dragging  bool
	mounted   app.Context // the page's own context, whose dispatches land while it is mounted
	stopWatch func()
	objectURL app.Value // the last export's object URL, revoked by the next one
}

func (p *page) OnPreRender(ctx app.Context) { p.load(ctx) }
func (p *page) OnNav(ctx app.Context)       { p.load(ctx) }

func (p *page) load(ctx app.Context) {
	ctx.Page().SetTitle(ui.PageTitle("/library"))
	if app.IsServer {
		return
	}
	p.reload(ctx, "Loading your scenarios…")
}

func (p *page) OnMount(ctx app.Context) {
	p.mounted = ctx
	p.stopWatch = storage.Watch(func() {
		if p.busy != "" {
			return // the action in progress lists the library when it is done
		}
		ctx.Dispatch(func(ctx app.Context) { p.reload(ctx, "") })
	})
}

func (p *page) OnDismount() {
	if p.stopWatch != nil {
		p.stopWatch()
	}
	p.revokeExport()
}

// stable returns the page's own context. Work started from a button that the page then
// removes (a confirmation, a rename field) must report back through it: go-app drops what is
// dispatched to an element that is no longer mounted.
func (p *page) stable(ctx app.Context) app.Context {
	if p.mounted != nil {
		return p.mounted
	}
	return ctx
}

// reload lists the library again, saying progress when there is any to say.
func (p *page) reload(ctx app.Context, progress string) {
	ctx = p.stable(ctx)
	if progress != "" && !p.loaded {
		p.busy = progress
	}
	ui.AsyncProtected(ctx, &p.Boundary, "list", func() func() {
		lib, st, err := storage.Library()
		var entries []store.Entry
		if err == nil {
			entries, err = lib.List()
		}
		return func() {
			p.busy = ""
			p.storage = st.Problem
			if err != nil {
				p.failure = "Your scenarios could not be read: " + err.Error()
				return
			}
			p.loaded = true
			p.view = newListView(entries)
			if p.renaming != "" && !p.view.has(p.renaming) {
				p.renaming = ""
			}
			if p.confirming != "" && !p.view.has(p.confirming) {
				p.confirming = ""
			}
		}
	})
}

// act runs a storage action off the event loop, then lists the library again and tells the
// other tabs. do returns what to say when it worked.
func (p *page) act(ctx app.Context, progress string, do func(lib *store.Library) (string, error)) {
	var said string
	p.run(ctx, progress, func(lib *store.Library) (err error) {
		said, err = do(lib)
		return err
	}, func(ctx app.Context, err error) {
		if err != nil {
			p.failure = err.Error()
		} else {
			p.status = said
			storage.Changed()
		}
		p.reload(ctx, "")
	})
}

// run runs work on the library off the event loop, unless another action
// is running, showing progress meanwhile; then done, on the UI's
// goroutine, with work's error or the library's.
func (p *page) run(ctx app.Context, progress string, work func(lib *store.Library) error, done func(ctx app.Context, err error)) {
	if p.busy != "" {
		return
	}
	ctx = p.stable(ctx)
	p.busy, p.status, p.failure = progress, "", ""
	ui.AsyncProtected(ctx, &p.Boundary, progress, func() func() {
		lib, _, err := storage.Library()
		if err == nil {
			err = work(lib)
		}
		return func() {
			p.busy = ""
			done(ctx, err)
		}
	})
}

func (p *page) onReset(ctx app.Context, e app.Event) {
	p.Boundary = ui.Boundary{}
	p.busy, p.failure = "", ""
	p.reload(ctx, "Loading your scenarios…")
}

func (p *page) Render() app.UI {
	return ui.Layout(false, "/library", ui.Href("/library"),
		app.Section().Class("widget library").Aria("labelledby", "library-title").
			OnDragOver(p.onDragOver).OnDragLeave(p.onDragLeave).OnDrop(p.onDrop).Body(
			app.H1().ID("library-title").Text("My scenarios"),
			app.P().Class("widget-intro").Text("The scenarios you saved with the Save button of a widget or lab. "+
				"They are kept in this browser only, work offline, and never leave your machine unless you export them."),
			app.If(p.storage != "",
				app.P().Class("notice").Role("status").DataSet("field", "storage-notice").Text(p.storage),
			),
			p.renderTools(),
			app.P().Class("library-status").Aria("live", "polite").DataSet("field", "library-status").Text(p.busy+p.status),
			app.If(p.failure != "",
				app.P().Class("error").Role("alert").DataSet("field", "library-error").Text(p.failure),
			),
			app.If(len(p.pending) > 0, p.renderClashes()),
			app.If(p.Failed(), ui.FailurePanel(&p.Boundary, p.onReset)).
				Else(p.renderList()),
		),
	)
}

func (p *page) renderTools() app.UI {
	dropClass := "library-drop"
	if p.dragging {
		dropClass += " library-drop-active"
	}
	return app.Div().Class("library-tools").Body(
		app.Button().Type("button").Class("button button-secondary").Name("export-all").
			Disabled(len(p.view.Rows) == 0).OnClick(p.onExportAll).Text("Export all"),
		app.Div().Class(dropClass).Body(
			app.Label().For("library-import").Text("Import a scenario or library file"),
			app.Input().Type("file").ID("library-import").Name("import").
				Accept(".json,application/json").Aria("describedby", "library-import-help").
				OnChange(p.onImportFile),
			app.P().ID("library-import-help").Class("library-help").
				Text("A .json file exported from Netground; you can also drop it on this page. "+
					"At most "+strconv.Itoa(store.MaxImportBytes>>20)+" MiB and "+strconv.Itoa(store.MaxImportScenarios)+" scenarios."),
		),
	)
}

func (p *page) renderClashes() app.UI {
	return app.Div().Class("library-clash").Role("group").Aria("labelledby", "library-clash-title").Body(
		app.H2().ID("library-clash-title").Text("Some names are already in your library"),
		app.P().DataSet("field", "import-clashes").Text(clashText(p.source, len(p.pending), p.clashes)),
		app.Div().Class("library-actions").Body(
			app.Button().Type("button").Class("button").Name("clash-keep").
				OnClick(p.onClash(store.KeepBoth)).Text("Keep both"),
			app.Button().Type("button").Class("button button-secondary").Name("clash-replace").
				OnClick(p.onClash(store.Replace)).Text("Replace mine"),
			app.Button().Type("button").Class("button button-secondary").Name("clash-skip").
				OnClick(p.onClash(store.Skip)).Text("Skip those"),
			app.Button().Type("button").Class("button button-secondary").Name("clash-cancel").
				OnClick(p.onCancelImport).Text("Cancel the import"),
		),
	)
}

func (p *page) renderList() app.UI {
	v := p.view
	if !p.loaded {
		return app.P().Class("muted").DataSet("field", "scenario-count").Text("")
	}
	if len(v.Rows) == 0 {
		return app.Div().Body(
			app.P().DataSet("field", "scenario-count").Text(v.Count),
			app.P().Body(
				app.Text("Open a widget, such as the "),
				app.A().Href(ui.Href("/addr")).Text("Address widget"),
				app.Text(", and press Save under it."),
			),
		)
	}
	return app.Div().Body(
		app.P().DataSet("field", "scenario-count").Text(v.Count),
		ui.ScrollRegion("Saved scenarios").Body(
			app.Table().Class("rows library-table").Body(
				app.Caption().Text("Saved scenarios, last saved first"),
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text("Name"),
					app.Th().Scope("col").Text("Widget"),
					app.Th().Scope("col").Text("Saved"),
					app.Th().Scope("col").Text("Size"),
					app.Th().Scope("col").Text("Actions"),
				)),
				app.TBody().Body(
					app.Range(v.Rows).Slice(func(i int) app.UI { return p.renderRow(v.Rows[i]) }),
				),
			),
		),
	)
}

func (p *page) renderRow(r row) app.UI {
	var name app.UI
	switch {
	case p.renaming == r.ID:
		name = p.renderRename(r)
	case r.Damaged:
		name = app.Div().Body(
			app.Span().DataSet("field", "scenario-name").Text(r.Name),
			app.P().Class("error library-problem").DataSet("field", "scenario-problem").Text(r.Problem),
		)
	default:
		name = app.A().Href(ui.Href(r.Link)).DataSet("field", "scenario-name").Text(r.Name)
	}
	return app.Tr().DataSet("field", "scenario-row").DataSet("id", r.ID).Body(
		app.Th().Scope("row").Body(name),
		app.Td().DataSet("field", "scenario-widget").Text(r.Widget),
		app.Td().Body(app.Time().Attr("datetime", r.ModifiedISO).DataSet("field", "scenario-modified").Text(r.Modified)),
		app.Td().DataSet("field", "scenario-size").Text(r.Size),
		app.Td().Body(p.renderActions(r)),
	)
}

func (p *page) renderRename(r row) app.UI {
	inputID := "library-rename-" + r.ID
	return app.Div().Class("library-rename").Body(
		app.Label().For(inputID).Class("library-visually-hidden").Text("New name for "+r.Name),
		// The field starts with the saved name and is not rendered from what is typed:
		// go-app trims attribute values, which would eat a typed space at the end.
		app.Input().Type("text").ID(inputID).Name("rename").Value(r.SavedName).
			MaxLength(scenario.MaxNameBytes).AutoComplete(false).AutoFocus(true).
			OnInput(func(ctx app.Context, e app.Event) { p.renameTo = ctx.JSSrc().Get("value").String() }).
			OnKeyDown(func(ctx app.Context, e app.Event) {
				switch e.Get("key").String() {
				case "Enter":
					e.PreventDefault()
					p.renameTo = ctx.JSSrc().Get("value").String()
					p.onRenameSave(ctx, r)
				case "Escape":
					p.renaming = ""
				}
			}),
		app.Button().Type("button").Class("button").Name("rename-save").
			OnClick(func(ctx app.Context, e app.Event) { p.onRenameSave(ctx, r) }).Text("Save name"),
		app.Button().Type("button").Class("button button-secondary").Name("rename-cancel").
			OnClick(func(ctx app.Context, e app.Event) { p.renaming = "" }).Text("Cancel"),
	)
}

func (p *page) renderActions(r row) app.UI {
	if p.confirming == r.ID {
		return app.Div().Class("library-actions library-confirm").Role("group").Aria("label", "Confirm deleting "+r.Name).Body(
			app.Span().Text("Delete it for good?"),
			app.Button().Type("button").Class("button library-danger").Name("delete-confirm").
				OnClick(func(ctx app.Context, e app.Event) { p.onDelete(ctx, r) }).Text("Delete"),
			app.Button().Type("button").Class("button button-secondary").Name("delete-cancel").
				OnClick(func(ctx app.Context, e app.Event) { p.confirming = "" }).Text("Keep"),
		)
	}
	label := func(verb string) string { return verb + " " + r.Name }
	return app.Div().Class("library-actions").Body(
		app.If(!r.Damaged,
			app.A().Class("button").Href(ui.Href(r.Link)).Aria("label", label("Open")).Text("Open"),
			app.Button().Type("button").Class("button button-secondary").Name("rename").Aria("label", label("Rename")).
				OnClick(func(ctx app.Context, e app.Event) {
					p.renaming, p.renameTo, p.confirming = r.ID, r.SavedName, ""
				}).Text("Rename"),
			app.Button().Type("button").Class("button button-secondary").Name("duplicate").Aria("label", label("Duplicate")).
				OnClick(func(ctx app.Context, e app.Event) { p.onDuplicate(ctx, r) }).Text("Duplicate"),
		),
		app.Button().Type("button").Class("button button-secondary").Name("export").Aria("label", label("Export")).
			OnClick(func(ctx app.Context, e app.Event) { p.onExport(ctx, r) }).Text(exportLabel(r)),
		app.Button().Type("button").Class("button button-secondary").Name("delete").Aria("label", label("Delete")).
			OnClick(func(ctx app.Context, e app.Event) { p.confirming, p.renaming = r.ID, "" }).Text("Delete"),
	)
}

func exportLabel(r row) string {
	if r.Damaged {
		return "Export as it is"
	}
	return "Export"
}
