package library

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/store"
	"github.com/netground/netground/wasm/storage"
	"github.com/netground/netground/wasm/ui"

	"github.com/netground/netground/core/field"
)

func (p *page) onRenameSave(ctx app.Context, r row) {
	name := p.renameTo
	p.renaming = ""
	p.act(ctx, "Renaming…", func(lib *store.Library) (string, error) {
		e, err := lib.Rename(r.ID, name)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("Renamed to %q.", e.Name), nil
	})
}

func (p *page) onDuplicate(ctx app.Context, r row) {
	p.act(ctx, "Duplicating…", func(lib *store.Library) (string, error) {
		e, err := lib.Duplicate(r.ID, "")
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("Saved a copy as %q.", e.Name), nil
	})
}

func (p *page) onDelete(ctx app.Context, r row) {
	p.confirming = ""
	p.act(ctx, "Deleting…", func(lib *store.Library) (string, error) {
		if err := lib.Delete(r.ID); err != nil {
			return "", err
		}
		return fmt.Sprintf("Deleted %q.", r.Name), nil
	})
}

// onExport downloads one scenario's file as it is stored (damaged or not).
func (p *page) onExport(ctx app.Context, r row) {
	p.export(ctx, "Exporting…", func(lib *store.Library) ([]byte, string, string, error) {
		data, err := lib.Raw(r.ID)
		return data, r.FileName, fmt.Sprintf("Exported %q as %s.", r.Name, r.FileName), err
	})
}

// onExportAll downloads every scenario that opens as one library file.
func (p *page) onExportAll(ctx app.Context, e app.Event) {
	p.export(ctx, "Exporting your library…", func(lib *store.Library) ([]byte, string, string, error) {
		data, skipped, err := lib.ExportAll()
		name := libraryFileName(time.Now())
		said := "Exported your library as " + name + "."
		if skipped > 0 {
			said += fmt.Sprintf(" %s left out: export them one by one.", field.Count(skipped, "damaged scenario was", "damaged scenarios were"))
		}
		return data, name, said, err
	})
}

func (p *page) export(ctx app.Context, progress string, read func(lib *store.Library) (data []byte, name, said string, err error)) {
	var data []byte
	var name, said string
	p.run(ctx, progress, func(lib *store.Library) (err error) {
		data, name, said, err = read(lib)
		return err
	}, func(ctx app.Context, err error) {
		if err != nil {
			p.failure = "Not exported: " + err.Error()
			return
		}
		p.download(name, data)
		p.status = said
	})
}

// download saves data as a file through an object URL and a link with a download name:
// no network, so it works offline, and no navigation.
func (p *page) download(name string, data []byte) {
	p.revokeExport()
	win := app.Window()
	bytes := win.Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(bytes, data)
	// Array.of, not a Go slice: syscall/js cannot convert the go-app values a slice would hold.
	blob := win.Get("Blob").New(win.Get("Array").Call("of", bytes), map[string]any{"type": "application/json"})
	p.objectURL = win.Get("URL").Call("createObjectURL", blob)
	doc := win.Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", p.objectURL)
	a.Set("download", name)
	a.Set("hidden", true)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
}

func (p *page) revokeExport() {
	if p.objectURL != nil && p.objectURL.Truthy() {
		app.Window().Get("URL").Call("revokeObjectURL", p.objectURL)
	}
	p.objectURL = nil
}

func (p *page) onImportFile(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	files := input.Get("files")
	if files.Truthy() && files.Length() > 0 {
		p.readFile(ctx, files.Index(0))
	}
	input.Set("value", "")
}

func (p *page) onDragOver(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.dragging = true
}

func (p *page) onDragLeave(ctx app.Context, e app.Event) { p.dragging = false }

func (p *page) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.dragging = false
	files := e.Get("dataTransfer").Get("files")
	if files.Truthy() && files.Length() > 0 {
		p.readFile(ctx, files.Index(0))
	}
}

// readFile reads a chosen or dropped file, refusing one too large before reading it.
func (p *page) readFile(ctx app.Context, file app.Value) {
	if p.busy != "" {
		return
	}
	name := file.Get("name").String()
	size := file.Get("size").Int()
	p.status, p.failure, p.pending, p.clashes = "", "", nil, nil
	if size > store.MaxImportBytes {
		p.failure = fmt.Sprintf("Not imported: %s is %s, more than the limit of %d MiB. Your library is unchanged.",
			name, sizeText(int64(size)), store.MaxImportBytes>>20)
		return
	}
	p.busy = "Reading " + name + "…"
	ctx = p.stable(ctx)
	// The file is read as bytes, so that Go, not the browser, says when it
	// is not UTF-8. A read that fails (the file changed or went away since
	// it was picked) ends the import with a message, never "Reading" for good.
	var done, failed app.Func
	release := func() { done.Release(); failed.Release() }
	done = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		buf := app.Window().Get("Uint8Array").New(args[0])
		content := make([]byte, buf.Length())
		app.CopyBytesToGo(content, buf)
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = ""
			p.checkImport(ctx, name, content)
		})
		return nil
	})
	failed = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		reason := "the browser could not read the file"
		if len(args) > 0 && args[0].Truthy() && args[0].Get("message").Truthy() {
			reason += " (" + args[0].Get("message").String() + ")"
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = ""
			p.failure = "Not imported: " + name + ": " + reason + "; choose it again. Your library is unchanged."
		})
		return nil
	})
	file.Call("arrayBuffer").Call("then", done, failed)
}

// checkImport validates an import and looks for name clashes; without clashes it imports.
func (p *page) checkImport(ctx app.Context, name string, content []byte) {
	p.busy = "Checking " + name + "…"
	ctx = p.stable(ctx)
	ui.AsyncProtected(ctx, &p.Boundary, name, func() func() {
		lib, _, err := storage.Library()
		var docs []scenario.Document
		var clashes []string
		if err == nil {
			docs, err = lib.ParseImport(content)
		}
		if err == nil {
			clashes, err = lib.Clashes(docs)
		}
		return func() {
			p.busy = ""
			switch {
			case err != nil:
				p.failure = "Not imported: " + name + ": " + err.Error() + ". Your library is unchanged."
			case len(clashes) > 0:
				p.pending, p.clashes, p.source = docs, clashes, name
			default:
				p.runImport(ctx, name, docs, store.KeepBoth)
			}
		}
	})
}

func (p *page) onClash(c store.Clash) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		docs, name := p.pending, p.source
		p.pending, p.clashes = nil, nil
		p.runImport(ctx, name, docs, c)
	}
}

func (p *page) onCancelImport(ctx app.Context, e app.Event) {
	p.pending, p.clashes = nil, nil
	p.status = "Import cancelled. Your library is unchanged."
}

func (p *page) runImport(ctx app.Context, name string, docs []scenario.Document, c store.Clash) {
	p.busy = ""
	p.act(ctx, "Importing "+field.Count(len(docs), "scenario", "scenarios")+"…", func(lib *store.Library) (string, error) {
		res, err := lib.Import(docs, c)
		if err != nil {
			return "", fmt.Errorf("%w (%s imported before the error)", err, strconv.Itoa(len(res.Entries)))
		}
		return importText(name, res), nil
	})
}
