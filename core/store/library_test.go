package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hack-pad/hackpadfs"
	"github.com/hack-pad/hackpadfs/mem"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/store"
)

// clock is a fake clock that moves one second each time it is read.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

func newLibrary(t *testing.T) (*store.Library, hackpadfs.FS) {
	t.Helper()
	fs := newMem(t)
	l, err := store.New(fs, store.Options{Now: newClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	return l, fs
}

func addrDoc(ip, name string) scenario.Document {
	return scenario.NewDocument(scenario.AddrState{IP: ip}, name)
}

func natDoc(name string) scenario.Document {
	return scenario.Document{Widget: scenario.WidgetNAT, Name: name, State: json.RawMessage(`{"hosts":[{"id":"a"}]}`)}
}

func mustSave(t *testing.T, l *store.Library, d scenario.Document) store.Entry {
	t.Helper()
	e, err := l.Save(d)
	if err != nil {
		t.Fatalf("Save(%q): %v", d.Name, err)
	}
	return e
}

func names(entries []store.Entry) string {
	var out []string
	for _, e := range entries {
		s := e.Name
		if e.Damaged() {
			s += "!"
		}
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

func list(t *testing.T, l *store.Library) []store.Entry {
	t.Helper()
	entries, err := l.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	return entries
}

func TestSaveListOpen(t *testing.T) {
	l, _ := newLibrary(t)
	if got := list(t, l); len(got) != 0 {
		t.Fatalf("a new library lists %d entries", len(got))
	}
	a := mustSave(t, l, addrDoc("10.0.0.1", "Office router"))
	b := mustSave(t, l, natDoc("Home NAT"))
	if a.ID == b.ID || !store.ValidID(a.ID) || !store.ValidID(b.ID) {
		t.Fatalf("ids %q and %q; want two different valid ids", a.ID, b.ID)
	}
	entries := list(t, l)
	if got := names(entries); got != "Home NAT,Office router" {
		t.Errorf("List names = %s; want newest first", got)
	}
	for _, e := range entries {
		if e.Size == 0 || e.Modified.IsZero() || e.Version != scenario.Version || !e.Widget.IsValid() {
			t.Errorf("entry %+v: want size, time, version and widget", e)
		}
	}
	if entries[1].Widget != scenario.WidgetAddr || entries[0].Widget != scenario.WidgetNAT {
		t.Errorf("widgets = %s, %s", entries[0].Widget, entries[1].Widget)
	}
	if !entries[0].Modified.After(entries[1].Modified) {
		t.Errorf("modified times %v, %v: want the clock's", entries[0].Modified, entries[1].Modified)
	}
	d, e, err := l.Open(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	q, err := d.Query()
	if err != nil || q.Get("ip") != "10.0.0.1" || d.Name != "Office router" || e.ID != a.ID {
		t.Errorf("Open = %+v %v, %+v; want the saved scenario", d, err, e)
	}
	if e.Modified != a.Modified {
		t.Errorf("Open modified %v; Save said %v", e.Modified, a.Modified)
	}
}

func TestSaveChecksBeforeWriting(t *testing.T) {
	l, _ := newLibrary(t)
	for _, d := range []scenario.Document{
		{Widget: "nope", State: json.RawMessage(`{}`)},
		{Widget: scenario.WidgetNAT, State: json.RawMessage(`[1]`)},
		{Widget: scenario.WidgetAddr, State: json.RawMessage(`{"ip":3}`)},
		{Widget: scenario.WidgetNAT, Name: strings.Repeat("n", scenario.MaxNameBytes+1), State: json.RawMessage(`{}`)},
		{Widget: scenario.WidgetNAT, State: json.RawMessage(`{"big":"` + strings.Repeat("x", scenario.MaxDocumentBytes) + `"}`)},
	} {
		if _, err := l.Save(d); err == nil {
			t.Errorf("Save(%.60q) succeeded", fmt.Sprint(d))
		}
	}
	if got := list(t, l); len(got) != 0 {
		t.Errorf("failed saves left %d entries", len(got))
	}
}

func TestUpdateRenameDuplicateDelete(t *testing.T) {
	l, fs := newLibrary(t)
	a := mustSave(t, l, addrDoc("10.0.0.1", "A"))
	u, err := l.Update(a.ID, addrDoc("10.0.0.2", "A"))
	if err != nil || u.ID != a.ID || !u.Modified.After(a.Modified) {
		t.Fatalf("Update = %+v, %v; want the same id, later", u, err)
	}
	d, _, _ := l.Open(a.ID)
	if q, _ := d.Query(); q.Get("ip") != "10.0.0.2" {
		t.Errorf("after Update the scenario holds %v", q)
	}

	r, err := l.Rename(a.ID, "Renamed")
	if err != nil || r.Name != "Renamed" || r.ID != a.ID {
		t.Fatalf("Rename = %+v, %v", r, err)
	}
	c, err := l.Duplicate(a.ID, "")
	if err != nil || c.Name != "Renamed (copy)" || c.ID == a.ID {
		t.Fatalf("Duplicate = %+v, %v", c, err)
	}
	c2, err := l.Duplicate(a.ID, "Other")
	if err != nil || c2.Name != "Other" {
		t.Fatalf("Duplicate named = %+v, %v", c2, err)
	}
	if got := names(list(t, l)); got != "Other,Renamed (copy),Renamed" {
		t.Errorf("List = %s", got)
	}
	d2, _, _ := l.Open(c.ID)
	if q, _ := d2.Query(); q.Get("ip") != "10.0.0.2" {
		t.Errorf("the copy holds %v", q)
	}

	if err := l.Delete(c.ID); err != nil {
		t.Fatal(err)
	}
	if err := l.Delete(c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second Delete = %v; want ErrNotFound", err)
	}
	if _, _, err := l.Open(c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Open of a deleted entry = %v; want ErrNotFound", err)
	}
	if _, err := l.Update(c.ID, addrDoc("1.1.1.1", "x")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Update of a deleted entry = %v; want ErrNotFound", err)
	}
	if _, err := l.Rename(c.ID, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Rename of a deleted entry = %v; want ErrNotFound", err)
	}
	if got := names(list(t, l)); got != "Other,Renamed" {
		t.Errorf("List after Delete = %s", got)
	}
	// No temporary file is left behind.
	files, _ := hackpadfs.ReadDir(fs, store.DefaultDir)
	for _, f := range files {
		if strings.HasPrefix(f.Name(), ".") {
			t.Errorf("left a temporary file %s", f.Name())
		}
	}
}

func TestInvalidIDs(t *testing.T) {
	l, _ := newLibrary(t)
	for _, id := range []string{"", "../x", "a/b", "A", "-a", "x.json", strings.Repeat("a", 65), "~", "~../x", "~a/b", "~.tmp"} {
		if _, _, err := l.Open(id); err == nil {
			t.Errorf("Open(%q) succeeded", id)
		}
		if _, err := l.Raw(id); err == nil {
			t.Errorf("Raw(%q) succeeded", id)
		}
		if err := l.Delete(id); err == nil {
			t.Errorf("Delete(%q) succeeded", id)
		}
	}
}

func TestSameMillisecond(t *testing.T) {
	fs := newMem(t)
	fixed := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	l, err := store.New(fs, store.Options{Now: func() time.Time { return fixed }})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := range 5 {
		e := mustSave(t, l, addrDoc("10.0.0.1", fmt.Sprint(i)))
		if seen[e.ID] {
			t.Fatalf("id %q given twice", e.ID)
		}
		seen[e.ID] = true
	}
	if got := len(list(t, l)); got != 5 {
		t.Errorf("List = %d entries; want 5", got)
	}
}

func TestDamagedEntries(t *testing.T) {
	l, fs := newLibrary(t)
	good := mustSave(t, l, addrDoc("10.0.0.1", "Good"))
	newer := []byte(`{"format":"netground/scenario","version":99,"widget":"nat","name":"From the future","state":{"x":1}}`)
	for name, content := range map[string][]byte{
		"truncated.json": []byte(`{"format":"netground/scenario","version":1,"widget":"addr","name":"Cut","state":{"ip":"1.`),
		"empty.json":     nil,
		"garbage.json":   {0xff, 0xfe, 0x00},
		"newer.json":     newer,
		"foreign.txt":    []byte("hello"),
	} {
		if err := hackpadfs.WriteFullFile(fs, store.DefaultDir+"/"+name, content, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := hackpadfs.MkdirAll(fs, store.DefaultDir+"/folder.json/inner", 0o700); err != nil {
		t.Fatal(err)
	}
	// A temporary file of an interrupted write is not listed.
	if err := hackpadfs.WriteFullFile(fs, store.DefaultDir+"/.x.json.tmp", []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}

	entries := list(t, l)
	if len(entries) != 7 {
		t.Fatalf("List = %d entries (%s); want 7", len(entries), names(entries))
	}
	byID := map[string]store.Entry{}
	for _, e := range entries {
		byID[e.ID] = e
		if e.ID != good.ID && (!e.Damaged() || e.Err.Error() == "") {
			t.Errorf("entry %q: Err = %v; want the reason it is damaged", e.ID, e.Err)
		}
	}
	if e := byID[good.ID]; e.Damaged() || e.Name != "Good" {
		t.Errorf("the good entry is %+v", e)
	}
	if e := byID["truncated"]; !errors.Is(e.Err, scenario.ErrTruncated) || e.Name != "Cut" || e.Widget != scenario.WidgetAddr {
		t.Errorf("truncated entry = %+v; want ErrTruncated with the name and widget read", e)
	}
	if e := byID["newer"]; !e.Newer() || e.Version != 99 || e.Name != "From the future" {
		t.Errorf("newer entry = %+v; want Newer with version 99", e)
	}
	if e := byID["~foreign.txt"]; !e.Damaged() {
		t.Errorf("foreign file = %+v; want damaged", e)
	}
	if e := byID["folder"]; !e.Damaged() || !strings.Contains(e.Err.Error(), "folder") {
		t.Errorf("folder = %+v; want damaged: a folder", e)
	}

	// A damaged entry cannot be opened, renamed, duplicated or overwritten…
	if _, _, err := l.Open("newer"); !errors.Is(err, store.ErrDamagedEntry) || !errors.Is(err, scenario.ErrNewerVersion) {
		t.Errorf("Open(newer) = %v; want ErrDamagedEntry and ErrNewerVersion", err)
	}
	if _, err := l.Rename("newer", "x"); err == nil {
		t.Error("Rename of a newer scenario succeeded")
	}
	if _, err := l.Update("newer", addrDoc("1.1.1.1", "x")); err == nil {
		t.Error("Update of a newer scenario succeeded")
	}
	if _, err := l.Duplicate("truncated", ""); err == nil {
		t.Error("Duplicate of a truncated scenario succeeded")
	}
	// …and is exported raw, not mangled.
	if raw, err := l.Raw("newer"); err != nil || !bytes.Equal(raw, newer) {
		t.Errorf("Raw(newer) = %q, %v; want the file as it is", raw, err)
	}
	if raw, err := l.Raw("~foreign.txt"); err != nil || string(raw) != "hello" {
		t.Errorf("Raw(~foreign.txt) = %q, %v", raw, err)
	}
	// Export all leaves the damaged ones out and says how many.
	all, skipped, err := l.ExportAll()
	if err != nil || skipped != 6 {
		t.Fatalf("ExportAll skipped %d, %v; want 6", skipped, err)
	}
	if docs, err := store.ParseImport(all, scenario.Options{}); err != nil || len(docs) != 1 || docs[0].Name != "Good" {
		t.Errorf("the export holds %v, %v", docs, err)
	}
	// Every damaged entry can be deleted.
	for _, e := range entries {
		if e.Damaged() {
			if err := l.Delete(e.ID); err != nil {
				t.Errorf("Delete(%q): %v", e.ID, err)
			}
		}
	}
	if got := names(list(t, l)); got != "Good" {
		t.Errorf("after deleting the damaged entries List = %s", got)
	}
}

func TestMigrationOnOpen(t *testing.T) {
	fs := newMem(t)
	// A chain in which version 2 renamed the NAT lab's "hosts" to "nodes".
	migrations := scenario.Migrations{func(d scenario.Document) (scenario.Document, error) {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(d.State, &m); err != nil {
			return d, err
		}
		if v, ok := m["hosts"]; ok {
			m["nodes"] = v
			delete(m, "hosts")
		}
		d.State, _ = json.Marshal(m)
		return d, nil
	}}
	l, err := store.New(fs, store.Options{Now: newClock().Now, Scenario: scenario.Options{Migrations: migrations}})
	if err != nil {
		t.Fatal(err)
	}
	v1 := `{"format":"netground/scenario","version":1,"widget":"nat","name":"Old","state":{"hosts":[1]}}`
	if err := hackpadfs.WriteFullFile(fs, store.DefaultDir+"/old.json", []byte(v1), 0o600); err != nil {
		t.Fatal(err)
	}
	entries := list(t, l)
	if len(entries) != 1 || entries[0].Damaged() || entries[0].Version != 1 {
		t.Fatalf("List = %+v; want one healthy version-1 entry", entries)
	}
	d, e, err := l.Open("old")
	if err != nil || d.Version != 2 || string(d.State) != `{"nodes":[1]}` || e.Version != 1 {
		t.Fatalf("Open = %+v (stored %d), %v; want version 2 with nodes", d, e.Version, err)
	}
	// The file is left as it was until the scenario is saved again.
	if raw, _ := l.Raw("old"); string(raw) != v1 {
		t.Errorf("opening rewrote the file: %s", raw)
	}
	if _, err := l.Rename("old", "Renamed"); err != nil {
		t.Fatal(err)
	}
	if raw, _ := l.Raw("old"); !strings.Contains(string(raw), `"version": 2`) || !strings.Contains(string(raw), "nodes") {
		t.Errorf("after Rename the file is %s; want version 2", raw)
	}
}

func TestNewOnBrokenDirectory(t *testing.T) {
	fs := newMem(t)
	if err := hackpadfs.WriteFullFile(fs, "scenarios", []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := store.New(fs, store.Options{}); err == nil {
		t.Error("New over a file named like the directory succeeded")
	}
	if _, err := store.New(fs, store.Options{Dir: "../x"}); err == nil {
		t.Error("New with an invalid directory succeeded")
	}
}

func TestConcurrentSaves(t *testing.T) {
	l, _ := newLibrary(t)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := l.Save(addrDoc("10.0.0.1", fmt.Sprint(i))); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := len(list(t, l)); got != 50 {
		t.Errorf("List = %d entries; want 50", got)
	}
}

var testTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func compact(t *testing.T, raw json.RawMessage) json.RawMessage {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		t.Fatalf("compacting %q: %v", raw, err)
	}
	return buf.Bytes()
}

// TestTwoTabsSaveAtOnce: two libraries on one file system, as two tabs on
// one IndexedDB, saving at the same moment with the same clock. Every
// confirmed save is in the library afterwards.
func TestTwoTabsSaveAtOnce(t *testing.T) {
	fs := slowStat{newMem(t)}
	fixed := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var tabs [2]*store.Library
	for i := range tabs {
		l, err := store.New(fs, store.Options{Now: func() time.Time { return fixed }})
		if err != nil {
			t.Fatal(err)
		}
		tabs[i] = l
	}
	const each = 100
	ids := make(chan string, 2*each)
	var wg sync.WaitGroup
	for i, l := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range each {
				e, err := l.Save(addrDoc("10.1.2.3", fmt.Sprintf("tab %d save %d", i, n)))
				if err != nil {
					t.Error(err)
					return
				}
				ids <- e.ID
			}
		}()
	}
	wg.Wait()
	close(ids)
	list, err := tabs[0].List()
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, e := range list {
		stored[e.ID] = true
	}
	confirmed := 0
	for id := range ids {
		confirmed++
		if !stored[id] {
			t.Errorf("confirmed save %s is not in the library", id)
		}
	}
	if confirmed != 2*each || len(list) != 2*each {
		t.Errorf("%d saves confirmed, %d stored; want %d of each", confirmed, len(list), 2*each)
	}
}

// slowStat is a file system whose Stat takes a moment, as IndexedDB's
// does: two tabs checking and then writing interleave.
type slowStat struct{ *mem.FS }

func (f slowStat) Stat(name string) (hackpadfs.FileInfo, error) {
	time.Sleep(200 * time.Microsecond)
	return f.FS.Stat(name)
}

// TestImportRefusesDeepNesting: a small file of deeply nested JSON is
// refused before it is parsed.
func TestImportRefusesDeepNesting(t *testing.T) {
	l, _ := newLibrary(t)
	deep := `{"format":"netground/library","version":1,"scenarios":[` + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + `]}`
	_, err := l.ParseImport([]byte(deep))
	if !errors.Is(err, store.ErrImportMalformed) || !strings.Contains(err.Error(), "nested") {
		t.Errorf("ParseImport(9,000 levels) = %v; want a refusal for nesting", err)
	}
	// Brackets inside strings do not count.
	ok := scenario.NewDocument(scenario.AddrState{IP: "10.0.0.1"}, strings.Repeat("[", 200))
	data, err := scenario.Marshal(ok)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.ParseImport(data); err != nil {
		t.Errorf("ParseImport of a name full of brackets: %v", err)
	}
}

// TestImportValidatesLabs: a lab scenario that its lab would refuse is
// refused at import, naming the entry and the field.
func TestImportValidatesLabs(t *testing.T) {
	fs := newMem(t)
	l, err := store.New(fs, store.Options{Scenario: scenario.Options{Validate: func(w scenario.Widget, state json.RawMessage) error {
		if w == scenario.WidgetNAT && bytes.Contains(state, []byte("not-an-ip")) {
			return errors.New(`hosts[0].addr: "not-an-ip" is not an address`)
		}
		return nil
	}}})
	if err != nil {
		t.Fatal(err)
	}
	bad := scenario.Document{Format: scenario.FormatTag, Version: scenario.Version, Widget: scenario.WidgetNAT, Name: "Broken", State: json.RawMessage(`{"hosts":[{"addr":"not-an-ip"}]}`)}
	data, err := json.Marshal(map[string]any{"format": store.LibraryFormatTag, "version": 1, "scenarios": []any{bad}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.ParseImport(data)
	if err == nil || !strings.Contains(err.Error(), "Broken") || !strings.Contains(err.Error(), "hosts[0].addr") {
		t.Errorf("ParseImport = %v; want a refusal naming the entry and the field", err)
	}
}

// readCounter is a file system that counts the opens of each file.
type readCounter struct {
	*mem.FS
	mu    sync.Mutex
	opens map[string]int
}

func (f *readCounter) Open(name string) (hackpadfs.File, error) {
	f.mu.Lock()
	f.opens[name]++
	f.mu.Unlock()
	return f.FS.Open(name)
}

func (f *readCounter) count(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.opens[name]
}

// TestImportReadsNoStoredEntryAgain: once a library is listed, importing into it and
// listing it again reads only the files that changed, however large the stored entries.
func TestImportReadsNoStoredEntryAgain(t *testing.T) {
	fs := &readCounter{FS: newMem(t), opens: map[string]int{}}
	l, err := store.New(fs, store.Options{Now: newClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	var stored []store.Entry
	for i := range 14 {
		stored = append(stored, mustSave(t, l, addrDoc("10.0.0.1", fmt.Sprintf("stored %d", i))))
	}
	if _, err := l.List(); err != nil {
		t.Fatal(err)
	}
	before := map[string]int{}
	for _, e := range stored {
		before[e.ID] = fs.count("scenarios/" + e.ID + ".json")
	}
	docs, err := l.ParseImport([]byte(`{"format":"netground/scenario","version":1,"widget":"addr","name":"stored 3","state":{"ip":"10.9.9.9"}}`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Import(docs, store.KeepBoth)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 1 || res.Entries[0].Name != "stored 3 (2)" {
		t.Fatalf("Import = %+v; want one entry named %q", res, "stored 3 (2)")
	}
	list, err := l.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 15 {
		t.Errorf("List has %d entries; want 15", len(list))
	}
	for _, e := range stored {
		if n := fs.count("scenarios/"+e.ID+".json") - before[e.ID]; n != 0 {
			t.Errorf("entry %q was read %d more times by an import and a list; want 0", e.Name, n)
		}
	}
}

// TestListSeesOtherTabsChanges: a library that listed its entries once still lists what
// another tab renamed, saved or deleted since.
func TestListSeesOtherTabsChanges(t *testing.T) {
	fs := newMem(t)
	clock := newClock()
	var tabs [2]*store.Library
	for i := range tabs {
		l, err := store.New(fs, store.Options{Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		tabs[i] = l
	}
	a := mustSave(t, tabs[0], addrDoc("10.0.0.1", "first"))
	b := mustSave(t, tabs[0], addrDoc("10.0.0.2", "second"))
	if _, err := tabs[0].List(); err != nil {
		t.Fatal(err)
	}
	if _, err := tabs[1].Rename(a.ID, "first, renamed"); err != nil {
		t.Fatal(err)
	}
	if err := tabs[1].Delete(b.ID); err != nil {
		t.Fatal(err)
	}
	mustSave(t, tabs[1], addrDoc("10.0.0.3", "third"))
	list, err := tabs[0].List()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name)
	}
	slices.Sort(names)
	if want := []string{"first, renamed", "third"}; !slices.Equal(names, want) {
		t.Errorf("the first tab lists %q; want %q", names, want)
	}
}

// TestTwoTabsImportAtOnce: two tabs importing the same 50 names at the same moment, with
// the lock the browser shares between tabs, end with 100 entries and 100 different names.
func TestTwoTabsImportAtOnce(t *testing.T) {
	fs := slowStat{newMem(t)}
	var shared sync.Mutex
	lock := func(fn func()) error {
		shared.Lock()
		defer shared.Unlock()
		fn()
		return nil
	}
	var docs []scenario.Document
	for i := range 50 {
		docs = append(docs, addrDoc(fmt.Sprintf("10.0.0.%d", i+1), fmt.Sprintf("lab %02d", i)))
	}
	var tabs [2]*store.Library
	for i := range tabs {
		l, err := store.New(fs, store.Options{Now: newClock().Now, Lock: lock})
		if err != nil {
			t.Fatal(err)
		}
		tabs[i] = l
	}
	var wg sync.WaitGroup
	for _, l := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := l.Import(docs, store.KeepBoth); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	list, err := tabs[0].List()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, e := range list {
		names[e.Name] = true
	}
	if len(list) != 100 || len(names) != 100 {
		t.Errorf("%d entries with %d different names; want 100 of each", len(list), len(names))
	}
}
