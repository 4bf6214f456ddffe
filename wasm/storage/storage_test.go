package storage_test

import (
	"testing"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/storage"
)

// TestMemoryFallback checks that without browser storage the library works in memory and
// says so.
func TestMemoryFallback(t *testing.T) {
	lib, st, err := storage.Library()
	if err != nil {
		t.Fatal(err)
	}
	if st.Persistent || st.Problem == "" {
		t.Errorf("status = %+v; want not persistent, with the reason", st)
	}
	if _, err := lib.Save(scenario.NewDocument(scenario.AddrState{IP: "10.0.0.1"}, "x")); err != nil {
		t.Fatal(err)
	}
	again, _, _ := storage.Library()
	if entries, err := again.List(); err != nil || len(entries) != 1 {
		t.Errorf("the same library lists %d entries, %v; want 1", len(entries), err)
	}
}
