package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/store"
)

func TestExportImportRoundTrip(t *testing.T) {
	src, _ := newLibrary(t)
	mustSave(t, src, addrDoc("10.0.0.1", "One"))
	mustSave(t, src, natDoc("Two"))
	mustSave(t, src, addrDoc("::1", ""))
	all, skipped, err := src.ExportAll()
	if err != nil || skipped != 0 {
		t.Fatalf("ExportAll: %d skipped, %v", skipped, err)
	}
	if !bytes.Contains(all, []byte(`"format": "netground/library"`)) || !bytes.Contains(all, []byte(`"exported": "2026-03-01T12:00:`)) {
		t.Errorf("export does not look like a dated library file:\n%s", all)
	}

	dst, _ := newLibrary(t)
	docs, err := dst.ParseImport(all)
	if err != nil || len(docs) != 3 {
		t.Fatalf("ParseImport = %d docs, %v", len(docs), err)
	}
	res, err := dst.Import(docs, store.KeepBoth)
	if err != nil || res.Added != 3 {
		t.Fatalf("Import = %+v, %v", res, err)
	}
	again, _, err := dst.ExportAll()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := store.ParseImport(all, scenario.Options{})
	got, _ := store.ParseImport(again, scenario.Options{})
	sortDocs(want)
	sortDocs(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("export → import → export changed the scenarios:\n%v\n%v", got, want)
	}

	// One scenario exported raw imports as one scenario.
	e := list(t, src)[0]
	raw, err := src.Raw(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	docs, err = store.ParseImport(raw, scenario.Options{})
	if err != nil || len(docs) != 1 || docs[0].Name != e.Name {
		t.Errorf("ParseImport(raw) = %v, %v", docs, err)
	}
}

func sortDocs(docs []scenario.Document) {
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if docs[j].Name < docs[i].Name {
				docs[i], docs[j] = docs[j], docs[i]
			}
		}
	}
}

func TestParseImportRejects(t *testing.T) {
	lib := func(scenarios ...string) string {
		return `{"format":"netground/library","version":1,"scenarios":[` + strings.Join(scenarios, ",") + `]}`
	}
	good := `{"format":"netground/scenario","version":1,"widget":"addr","name":"ok","state":{"ip":"1.2.3.4"}}`
	many := make([]string, store.MaxImportScenarios+1)
	for i := range many {
		many[i] = good
	}
	for _, tc := range []struct {
		name, data string
		want       error
	}{
		{"empty", "", store.ErrImportEmpty},
		{"spaces", " \n", store.ErrImportEmpty},
		{"not JSON", "hello", store.ErrImportMalformed},
		{"array", "[1,2]", store.ErrImportMalformed},
		{"broken JSON", `{"format":"netground/library",`, store.ErrImportMalformed},
		{"binary", "\xff\xfe{", store.ErrImportMalformed},
		{"other JSON", `{"name":"x"}`, store.ErrImportUnknown},
		{"other format", `{"format":"other/thing"}`, store.ErrImportUnknown},
		{"newer library", `{"format":"netground/library","version":2,"scenarios":[]}`, store.ErrImportUnknown},
		{"library without version", `{"format":"netground/library","scenarios":[` + good + `]}`, store.ErrImportMalformed},
		{"library without list", `{"format":"netground/library","version":1}`, store.ErrImportMalformed},
		{"empty library", lib(), store.ErrImportEmpty},
		{"too many", lib(many...), store.ErrImportTooLarge},
		{"too large", `{"format":"netground/library","version":1,"x":"` + strings.Repeat("x", store.MaxImportBytes) + `"}`, store.ErrImportTooLarge},
		{"unknown widget", lib(good, `{"format":"netground/scenario","version":1,"widget":"dns","state":{}}`), scenario.ErrUnknownWidget},
		{"newer scenario", lib(`{"format":"netground/scenario","version":7,"widget":"nat","state":{}}`), scenario.ErrNewerVersion},
		{"bad state", lib(`{"format":"netground/scenario","version":1,"widget":"addr","name":"Bad","state":{"ip":3}}`), scenario.ErrInvalidState},
		{"bad scenario file", `{"format":"netground/scenario","version":1,"widget":"addr","state":"x"}`, scenario.ErrInvalidState},
		{"scenario not a scenario", lib(`{"format":"x"}`), scenario.ErrNotScenario},
		{"scenario too large", lib(`{"format":"netground/scenario","version":1,"widget":"nat","state":{"x":"` + strings.Repeat("x", scenario.MaxDocumentBytes) + `"}}`), scenario.ErrTooLarge},
	} {
		docs, err := store.ParseImport([]byte(tc.data), scenario.Options{})
		var ie *store.ImportError
		if !errors.Is(err, tc.want) || !errors.As(err, &ie) || docs != nil {
			t.Errorf("%s: ParseImport = %d docs, %v; want %v", tc.name, len(docs), err, tc.want)
		}
	}
	_, err := store.ParseImport([]byte(lib(good, `{"format":"netground/scenario","version":1,"widget":"addr","name":"Bad","state":{"ip":3}}`)), scenario.Options{})
	if got := err.Error(); !strings.HasPrefix(got, `scenario 2 ("Bad"): the scenario's state is not valid`) {
		t.Errorf("error = %q; want it to name the scenario and the problem", got)
	}
}

// TestMalformedImportLeavesLibrary checks that a failed import writes nothing.
func TestMalformedImportLeavesLibrary(t *testing.T) {
	l, _ := newLibrary(t)
	mustSave(t, l, addrDoc("10.0.0.1", "Keep"))
	before := snapshot(t, l)
	bad := []byte(`{"format":"netground/library","version":1,"scenarios":[` +
		`{"format":"netground/scenario","version":1,"widget":"addr","name":"fine","state":{"ip":"1.1.1.1"}},` +
		`{"format":"netground/scenario","version":1,"widget":"addr","state":`)
	if docs, err := l.ParseImport(bad); err == nil {
		t.Fatalf("ParseImport of a cut file = %v", docs)
	}
	if after := snapshot(t, l); after != before {
		t.Error("the library changed")
	}
}

func TestImportClashes(t *testing.T) {
	for _, tc := range []struct {
		clash                   store.Clash
		want                    string
		added, replaced, skiped int
	}{
		{store.KeepBoth, "A (3),B,A (2),A,", 3, 0, 0},
		{store.Replace, "A,B,", 1, 2, 0},
		{store.Skip, "B,A,", 1, 0, 2},
	} {
		t.Run(tc.clash.String(), func(t *testing.T) {
			l, _ := newLibrary(t)
			mustSave(t, l, addrDoc("10.0.0.1", ""))
			a := mustSave(t, l, addrDoc("10.0.0.1", "A"))
			docs := []scenario.Document{addrDoc("10.0.0.2", "A"), addrDoc("10.0.0.3", "B"), addrDoc("10.0.0.4", "A")}
			clashes, err := l.Clashes(docs)
			if err != nil || strings.Join(clashes, ",") != "A" {
				t.Errorf("Clashes = %q, %v; want A once", clashes, err)
			}
			res, err := l.Import(docs, tc.clash)
			if err != nil {
				t.Fatal(err)
			}
			if res.Added != tc.added || res.Replaced != tc.replaced || res.Skipped != tc.skiped {
				t.Errorf("Import = %+v; want added %d, replaced %d, skipped %d", res, tc.added, tc.replaced, tc.skiped)
			}
			if got := names(list(t, l)); got != tc.want {
				t.Errorf("List = %q; want %q", got, tc.want)
			}
			d, _, _ := l.Open(a.ID)
			q, _ := d.Query()
			wantIP := map[store.Clash]string{store.KeepBoth: "10.0.0.1", store.Replace: "10.0.0.4", store.Skip: "10.0.0.1"}[tc.clash]
			if q.Get("ip") != wantIP {
				t.Errorf("the library's A holds %s; want %s", q.Get("ip"), wantIP)
			}
		})
	}
	l, _ := newLibrary(t)
	if _, err := l.Import(nil, store.Clash(9)); err == nil {
		t.Error("Import with an unknown clash decision succeeded")
	}
}

func TestImportChecksBeforeWriting(t *testing.T) {
	l, _ := newLibrary(t)
	docs := []scenario.Document{addrDoc("10.0.0.1", "fine"), {Widget: "nope"}}
	if _, err := l.Import(docs, store.KeepBoth); err == nil {
		t.Fatal("Import of an invalid document succeeded")
	}
	if got := len(list(t, l)); got != 0 {
		t.Errorf("a failed import wrote %d entries", got)
	}
}

func TestKeepBothLongName(t *testing.T) {
	l, _ := newLibrary(t)
	long := strings.Repeat("é", scenario.MaxNameBytes/2)
	mustSave(t, l, natDoc(long))
	res, err := l.Import([]scenario.Document{natDoc(long)}, store.KeepBoth)
	if err != nil || len(res.Entries) != 1 {
		t.Fatalf("Import = %+v, %v", res, err)
	}
	name := res.Entries[0].Name
	if len(name) > scenario.MaxNameBytes || !strings.HasSuffix(name, " (2)") || !strings.HasPrefix(name, "éé") {
		t.Errorf("name = %q (%d bytes); want the long name cut to fit with (2)", name, len(name))
	}
}

// snapshot returns every entry of the library and its file, as text.
func snapshot(t *testing.T, l *store.Library) string {
	t.Helper()
	var b strings.Builder
	for _, e := range list(t, l) {
		raw, err := l.Raw(e.ID)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%+v\n%s\n", e, raw)
	}
	return b.String()
}
