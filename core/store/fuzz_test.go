package store_test

import (
	"reflect"
	"testing"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/store"
)

// FuzzParseImport checks that any file is either rejected with an *ImportError or read into
// scenarios that export and read back to themselves, without a panic.
func FuzzParseImport(f *testing.F) {
	for _, s := range []string{
		`{"format":"netground/scenario","version":1,"widget":"addr","name":"x","state":{"ip":"1.2.3.4"}}`,
		`{"format":"netground/library","version":1,"scenarios":[{"format":"netground/scenario","version":1,"widget":"nat","state":{"a":[1,{"b":null}]}}]}`,
		`{"format":"netground/library","version":1,"exported":"2026-01-01T00:00:00Z","scenarios":[]}`,
		`{"format":"netground/library","version":2,"scenarios":[1]}`,
		`{"format":"netground/library","version":1,"scenarios":[{"format":"netground/scenario","version":1,"widget":"addr","state":{"ip":"\u00e9"}},{}]}`,
		"\ufeff{\"format\":\"netground/scenario\"}", `{"format":1}`, `[]`, ``, `{`, `{"format":"netground/library","version":1e3}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := store.ParseImport(data, scenario.Options{})
		if err != nil {
			if _, ok := err.(*store.ImportError); !ok {
				t.Fatalf("ParseImport error %T %v; want *ImportError", err, err)
			}
			if docs != nil || err.Error() == "" {
				t.Fatalf("ParseImport failed with %d docs and error %q", len(docs), err)
			}
			return
		}
		if len(docs) == 0 || len(docs) > store.MaxImportScenarios {
			t.Fatalf("ParseImport = %d docs", len(docs))
		}
		out, err := store.ExportDocuments(docs, testTime)
		if err != nil {
			t.Fatalf("ExportDocuments of imported docs: %v", err)
		}
		again, err := store.ParseImport(out, scenario.Options{})
		if err != nil {
			t.Fatalf("an export does not import: %v\n%s", err, out)
		}
		for i := range docs {
			docs[i].State = compact(t, docs[i].State)
			again[i].State = compact(t, again[i].State)
		}
		if !reflect.DeepEqual(docs, again) {
			t.Fatalf("export and import changed the scenarios:\n%v\n%v", docs, again)
		}
	})
}
