//go:build browser

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/store"
)

// newBrowserWithProfile is newBrowser on a given profile directory, so a test can close
// Chromium and start it again on the same profile. close ends Chromium gracefully, as
// quitting it does, and waits for it.
func newBrowserWithProfile(t *testing.T, profile string) (b *browser, close func()) {
	t.Helper()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(t, profile)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b = &browser{t: t, ctx: ctx}
	closed := false
	close = func() {
		if closed {
			return
		}
		closed = true
		cctx, ccancel := context.WithTimeout(ctx, 20*time.Second)
		chromedp.Cancel(cctx)
		ccancel()
		cancel()
		cancelAlloc()
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, p := range b.problems {
			t.Errorf("browser console: %s", p)
		}
		b.problems = nil
	}
	t.Cleanup(close)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	b.watchConsole(ctx)
	return b, close
}

// fill replaces the value of the input named name, key by key. Each step is its own
// action: the harness's typeInto, which runs them as one, stops answering in this Chromium.
func (b *browser) fill(name, text string) {
	b.t.Helper()
	sel := chromedp.CSS(fmt.Sprintf(`input[name=%q]`, name))
	b.do(chromedp.WaitVisible(sel))
	b.do(chromedp.Focus(sel))
	b.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('input[name=%q]').select()`, name)))
	b.do(chromedp.KeyEvent("\b"))
	b.do(chromedp.SendKeys(sel, text))
	got := eval[string](b, fmt.Sprintf(`document.querySelector('input[name=%q]').value`, name))
	if got != text {
		b.t.Fatalf("typed %q into %s; it holds %q", text, name, got)
	}
}

// saveScenario saves the open widget's scenario under name with its Save control.
func (b *browser) saveScenario(name string) {
	b.t.Helper()
	b.fill("save-name", name)
	b.do(chromedp.Click(chromedp.CSS(`button[name=save]`)))
	b.waitFieldPrefix("save-status", `Saved "`+name+`"`)
}

// libraryNames returns the names in the library's list, in its order.
func (b *browser) libraryNames() []string {
	b.t.Helper()
	return eval[[]string](b, `[...document.querySelectorAll('[data-field=scenario-row] [data-field=scenario-name]')].map(e => e.textContent)`)
}

// waitRows waits until the library lists n scenarios.
func (b *browser) waitRows(n int) {
	b.t.Helper()
	want := fmt.Sprintf("%d scenarios", n)
	switch n {
	case 0:
		want = "No scenarios saved yet"
	case 1:
		want = "1 scenario"
	}
	b.waitField("scenario-count", want)
	if got := eval[int](b, `document.querySelectorAll('[data-field=scenario-row]').length`); got != n {
		b.t.Fatalf("the library shows %d rows; want %d", got, n)
	}
}

// importFile imports a file through the page's file picker and waits for the page's answer.
func (b *browser) importFile(path string) {
	b.t.Helper()
	b.do(chromedp.SetUploadFiles(chromedp.CSS(`input[name=import]`), []string{path}))
}

// writeExport writes a library export of docs to a file and returns its path.
func writeExport(t *testing.T, docs []scenario.Document) string {
	t.Helper()
	data, err := store.ExportDocuments(docs, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "library.json")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func addrScenarios(n int, prefix string) []scenario.Document {
	docs := make([]scenario.Document, n)
	for i := range docs {
		docs[i] = scenario.NewDocument(scenario.AddrState{IP: fmt.Sprintf("10.0.%d.%d", i/250, i%250+1)}, fmt.Sprintf("%s %03d", prefix, i))
	}
	return docs
}

func TestLibrarySaveReloadOpen(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	b.do(chromedp.Navigate(s.URL + "addr?ip=10.1.2.3"))
	b.waitField("canonical", "10.1.2.3")
	b.saveScenario("Office router")

	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(1)
	if got := b.field("scenario-widget"); got != "Address" {
		t.Errorf("scenario-widget = %q; want Address", got)
	}
	b.do(chromedp.Reload())
	b.waitRows(1)
	if got := b.libraryNames(); !slices.Equal(got, []string{"Office router"}) {
		t.Fatalf("after reload the library lists %q", got)
	}

	// Open goes to the widget with the scenario; saving there updates the same entry.
	b.do(chromedp.Click(chromedp.CSS(`a[data-field=scenario-name]`)))
	b.waitField("canonical", "10.1.2.3")
	if loc := b.location(); !strings.Contains(loc, "/addr?ip=10.1.2.3#lib=") {
		t.Errorf("open went to %s", loc)
	}
	waitInputValue(b, "save-name", "Office router")
	b.fill("ip", "10.9.8.7")
	b.waitField("canonical", "10.9.8.7")
	b.do(chromedp.Click(chromedp.CSS(`button[name=save]`)))
	b.waitFieldPrefix("save-status", `Saved "Office router"`)
	b.fill("save-name", "Office copy")
	b.do(chromedp.Click(chromedp.CSS(`button[name=save-as]`)))
	b.waitFieldPrefix("save-status", `Saved a copy as "Office copy"`)

	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(2)
	if got := b.libraryNames(); !slices.Equal(got, []string{"Office copy", "Office router"}) {
		t.Errorf("the library lists %q; want the copy and the updated original", got)
	}
	if href := eval[string](b, `document.querySelector('[data-field=scenario-row]:last-child a[data-field=scenario-name]').getAttribute('href')`); !strings.HasPrefix(href, "/addr?ip=10.9.8.7#lib=") {
		t.Errorf("the updated scenario opens %s; want ip=10.9.8.7", href)
	}

	// Rename, duplicate, delete with confirmation.
	row := `[data-field=scenario-row]:last-child `
	b.do(chromedp.Click(chromedp.CSS(row + `button[name=rename]`)))
	b.fill("rename", "Head office")
	b.do(chromedp.Click(chromedp.CSS(`button[name=rename-save]`)))
	b.waitField("library-status", `Renamed to "Head office".`)
	b.waitRows(2)
	b.do(chromedp.Click(chromedp.CSS(`[data-field=scenario-row] button[name=duplicate]`)))
	b.waitFieldPrefix("library-status", "Saved a copy as")
	b.waitRows(3)
	b.do(chromedp.Click(chromedp.CSS(`[data-field=scenario-row] button[name=delete]`)))
	b.do(chromedp.Click(chromedp.CSS(`button[name=delete-cancel]`)))
	b.waitRows(3)
	b.do(chromedp.Click(chromedp.CSS(`[data-field=scenario-row] button[name=delete]`)))
	b.do(chromedp.Click(chromedp.CSS(`button[name=delete-confirm]`)))
	b.waitFieldPrefix("library-status", "Deleted")
	b.waitRows(2)
	if got := b.libraryNames(); !slices.Contains(got, "Head office") {
		t.Errorf("after rename and delete the library lists %q", got)
	}
}

func waitInputValue(b *browser, name, want string) {
	b.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		if got = eval[string](b, fmt.Sprintf(`document.querySelector('input[name=%q]').value`, name)); got == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("input %s = %q; want %q", name, got, want)
}

// TestLibrary200 imports 200 scenarios with the page's own import and measures the time to
// list them on a fresh load of the page.
func TestLibrary200(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(0)
	start := time.Now()
	b.importFile(writeExport(t, addrScenarios(200, "Lab")))
	b.waitField("library-status", "Imported 200 scenarios from library.json.")
	t.Logf("importing 200 scenarios took %v", time.Since(start).Round(time.Millisecond))
	b.waitRows(200)

	for i := range 3 {
		start := time.Now()
		b.do(chromedp.Navigate(s.URL + "library"))
		b.waitRows(200)
		sinceNav := eval[float64](b, `performance.now()`)
		t.Logf("load %d: listed 200 scenarios %v after navigating (%.0f ms after the navigation started, wasm start included)",
			i+1, time.Since(start).Round(time.Millisecond), sinceNav)
	}
	// And without reloading the app: from another page, a client-side navigation.
	b.do(chromedp.Navigate(s.URL + "addr?ip=10.0.0.1"))
	b.waitField("canonical", "10.0.0.1")
	start = time.Now()
	b.do(chromedp.Click(chromedp.CSS(`.library-save a`)))
	b.waitRows(200)
	t.Logf("client-side navigation: listed 200 scenarios in %v", time.Since(start).Round(time.Millisecond))
	names := b.libraryNames()
	if len(names) != 200 || !slices.Contains(names, "Lab 000") || !slices.Contains(names, "Lab 199") {
		t.Errorf("the library lists %d names, first %q", len(names), names[:min(3, len(names))])
	}
}

// libraryOffline: with the server gone (TestOfflineAfterOneVisit), a scenario
// is saved, listed, exported and opened again.
func libraryOffline(b *browser, s *server) {
	t := b.t
	t.Helper()
	b.do(chromedp.Navigate(s.URL + "addr?ip=192.0.2.7"))
	b.waitField("canonical", "192.0.2.7")
	b.saveScenario("Saved offline")
	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(1)
	if got := b.libraryNames(); !slices.Equal(got, []string{"Saved offline"}) {
		t.Errorf("offline the library lists %q", got)
	}
	// Opening and exporting need no network either.
	dir := t.TempDir()
	data := b.download(dir, `[data-field=scenario-row] button[name=export]`)
	if docs, err := store.ParseImport(data, scenario.Options{}); err != nil || len(docs) != 1 || docs[0].Name != "Saved offline" {
		t.Errorf("the offline export holds %v, %v", docs, err)
	}
	b.do(chromedp.Click(chromedp.CSS(`a[data-field=scenario-name]`)))
	b.waitField("canonical", "192.0.2.7")
}

func TestLibraryBrowserRestart(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	profile := t.TempDir()
	b, closeBrowser := newBrowserWithProfile(t, profile)
	b.do(chromedp.Navigate(s.URL + "addr?ip=2001:db8::1"))
	b.waitField("canonical", "2001:db8::1")
	b.saveScenario("Kept across restarts")
	closeBrowser()

	b2, _ := newBrowserWithProfile(t, profile)
	b2.do(chromedp.Navigate(s.URL + "library"))
	b2.waitRows(1)
	if got := b2.libraryNames(); !slices.Equal(got, []string{"Kept across restarts"}) {
		t.Errorf("after a restart the library lists %q", got)
	}
	if got := b2.field("storage-notice"); got != "" {
		t.Errorf("storage notice %q; want none with IndexedDB", got)
	}
}

func TestLibraryImportMalformed(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(0)
	b.importFile(writeExport(t, addrScenarios(3, "Keep")))
	b.waitField("library-status", "Imported 3 scenarios from library.json.")
	b.waitRows(3)
	before := b.libraryNames()

	good, _ := os.ReadFile(writeExport(t, addrScenarios(5, "Bad")))
	dir := t.TempDir()
	for name, content := range map[string]string{
		"cut.json":     string(good[:len(good)/2]),
		"unknown.json": `{"format":"netground/scenario","version":1,"widget":"dns","name":"x","state":{}}`,
		"newer.json":   `{"format":"netground/library","version":9,"scenarios":[]}`,
		"photo.json":   "\x89PNG\r\n",
		"mixed.json":   strings.Replace(string(good), `"name": "Bad 003"`, `"name": "Bad 003", "version": "x"`, 1),
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		b.importFile(p)
		msg := b.waitFieldPrefix("library-error", "Not imported: "+name)
		if !strings.HasSuffix(msg, "Your library is unchanged.") {
			t.Errorf("%s: error %q", name, msg)
		}
		if got := b.libraryNames(); !slices.Equal(got, before) {
			t.Errorf("%s: the library shows %q; before it showed %q", name, got, before)
		}
	}
	// What is stored is what a reload reads: after every bad import, the
	// three scenarios and nothing else.
	b.do(chromedp.Reload())
	b.waitRows(3)
	if got := b.libraryNames(); !slices.Equal(got, before) {
		t.Errorf("after the bad imports and a reload, the library holds %q; want %q", got, before)
	}
}

// download clicks the button at sel and returns the file it downloads.
func (b *browser) download(dir, sel string) []byte {
	b.t.Helper()
	b.do(
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
				Behavior:         cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName,
				DownloadPath:     dir,
				EventsEnabled:    new(true),
			})
			return err
		}),
		chromedp.Click(chromedp.CSS(sel)),
	)
	// Chromium names the file after the download's GUID; it appears when complete.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			if !strings.HasSuffix(f.Name(), ".crdownload") {
				data, err := os.ReadFile(filepath.Join(dir, f.Name()))
				if err != nil {
					b.t.Fatal(err)
				}
				os.Remove(filepath.Join(dir, f.Name()))
				return data
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatal("no download")
	return nil
}

func TestLibraryExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	b.do(chromedp.Navigate(s.URL + "addr?ip=10.1.2.3"))
	b.waitField("canonical", "10.1.2.3")
	b.saveScenario("Saved from the widget")
	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(1)
	nat := scenario.Document{Widget: scenario.WidgetNAT, Name: "NAT ünïcode <&>", State: []byte(`{"hosts":[{"id":"a","addr":"10.0.0.2"}]}`)}
	b.importFile(writeExport(t, append(addrScenarios(2, "Imported"), nat)))
	b.waitField("library-status", "Imported 3 scenarios from library.json.")
	b.waitRows(4)
	want := b.libraryNames()

	exported := b.download(t.TempDir(), `button[name=export-all]`)
	docs, err := store.ParseImport(exported, scenario.Options{})
	if err != nil || len(docs) != 4 {
		t.Fatalf("the export holds %d scenarios, %v", len(docs), err)
	}
	b.waitFieldPrefix("library-status", "Exported your library as netground-library-")

	// Into an empty library in another browser: the same scenarios.
	p := filepath.Join(t.TempDir(), "exported.json")
	os.WriteFile(p, exported, 0o600)
	b2 := newBrowser(t)
	b2.do(chromedp.Navigate(s.URL + "library"))
	b2.waitRows(0)
	b2.importFile(p)
	b2.waitField("library-status", "Imported 4 scenarios from exported.json.")
	b2.waitRows(4)
	got := b2.libraryNames()
	if !slices.Equal(sorted(got), sorted(want)) {
		t.Errorf("round trip: %q; want %q", got, want)
	}
	again := b2.download(t.TempDir(), `button[name=export-all]`)
	docs2, err := store.ParseImport(again, scenario.Options{})
	if err != nil || !sameDocs(docs, docs2) {
		t.Errorf("export → import → export changed the scenarios: %v", err)
	}

	// Into the same library again: every name clashes; the page asks.
	b.importFile(p)
	b.waitFieldPrefix("import-clashes", "exported.json holds 4 scenarios; 4 names are already in your library")
	b.do(chromedp.Click(chromedp.CSS(`button[name=clash-skip]`)))
	b.waitField("library-status", "Imported 0 scenarios from exported.json (4 skipped).")
	b.waitRows(4)
	b.importFile(p)
	b.waitFieldPrefix("import-clashes", "exported.json holds 4 scenarios")
	b.do(chromedp.Click(chromedp.CSS(`button[name=clash-keep]`)))
	b.waitField("library-status", "Imported 4 scenarios from exported.json.")
	b.waitRows(8)
	if names := b.libraryNames(); !slices.Contains(names, "Imported 000 (2)") {
		t.Errorf("keep both: %q; want numbered copies", names)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func sameDocs(a, b []scenario.Document) bool {
	key := func(docs []scenario.Document) []string {
		var out []string
		for _, d := range docs {
			m, _ := scenario.Marshal(d)
			out = append(out, string(m))
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

// TestLibraryOtherTab checks that a save in one tab shows in the library open in another.
func TestLibraryOtherTab(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(0)

	tabCtx, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	other := &browser{t: t, ctx: tabCtx}
	other.watchConsole(tabCtx)
	other.do(chromedp.Navigate(s.URL + "addr?ip=10.4.4.4"))
	other.waitField("canonical", "10.4.4.4")
	other.saveScenario("From the other tab")

	b.waitRows(1)
	if got := b.libraryNames(); !slices.Equal(got, []string{"From the other tab"}) {
		t.Errorf("the first tab lists %q", got)
	}
}

// libraryA11yPages are the entries for a11yPages: the library page, empty in a fresh profile.
func libraryA11yPages() []struct{ path, field, want string } {
	return []struct{ path, field, want string }{
		{"library", "scenario-count", "No scenarios saved yet"},
	}
}

// TestLibraryAccessibility runs axe-core on the library with scenarios in it, and on a
// widget after a save, in light and dark.
func TestLibraryAccessibility(t *testing.T) {
	t.Parallel()
	if *axePath == "" {
		t.Fatal("-axe is required")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := siteServer(t)
	b := storageTab(t)
	b.do(chromedp.Navigate(s.URL + "addr?ip=10.1.2.3"))
	b.waitField("canonical", "10.1.2.3")
	b.saveScenario("Office router")
	audit := func(where string) { b.auditThemes(t, axe, where) }
	audit("/addr after a save")
	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(1) // the app is running: the file picker has its handler
	b.importFile(writeExport(t, addrScenarios(3, "Lab")))
	b.waitRows(4)
	audit("/library")
	b.do(chromedp.Click(chromedp.CSS(`[data-field=scenario-row] button[name=rename]`)))
	b.do(chromedp.Click(chromedp.CSS(`[data-field=scenario-row]:last-child button[name=delete]`)))
	audit("/library renaming and confirming")
}

// TestLibraryImportReadFails: a file the browser cannot read (it changed or
// went away since it was picked, and File.arrayBuffer rejects) ends the
// import with a message at once, and the next import works.
func TestLibraryImportReadFails(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(0)
	// The rejection the browser gives for a file changed since it was
	// picked, for the next read only.
	eval[bool](b, `(() => {
		const read = File.prototype.arrayBuffer;
		File.prototype.arrayBuffer = function () {
			File.prototype.arrayBuffer = read;
			return Promise.reject(new DOMException("The requested file could not be read, typically due to permission problems that have occurred after a reference to a file was acquired.", "NotReadableError"));
		};
		return true;
	})()`)
	b.importFile(writeExport(t, addrScenarios(2, "Gone")))
	msg := b.waitFieldPrefix("library-error", "Not imported: library.json: the browser could not read the file")
	if !strings.HasSuffix(msg, "Your library is unchanged.") {
		t.Errorf("error %q", msg)
	}
	if busy := eval[string](b, `document.body.textContent.includes("Reading library.json") ? "reading" : ""`); busy != "" {
		t.Error(`the page still says "Reading library.json…"`)
	}
	b.importFile(writeExport(t, addrScenarios(3, "Next")))
	b.waitField("library-status", "Imported 3 scenarios from library.json.")
	b.waitRows(3)
}
