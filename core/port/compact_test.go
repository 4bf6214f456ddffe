package port_test

import (
	"os"
	"testing"

	"github.com/netground/netground/core/port"
	"github.com/netground/netground/core/port/internal/ianacsv"
)

func FuzzParseRegistry(f *testing.F) {
	small, err := ianacsv.Encode([]ianacsv.Row{
		{Name: "", Ports: "0", Transport: "tcp", Description: "Reserved", Reference: "[RFC6335]"},
		{Name: "ssh", Ports: "22", Transport: "tcp", Description: "SSH"},
		{Name: "ssh", Ports: "22", Transport: "udp", Description: "SSH"},
		{Name: "x11", Ports: "6000-6063", Transport: "tcp", Description: "X Window System"},
		{Name: "", Ports: "6064-6065", Transport: "", Description: "Unassigned"},
		{Name: "argus", Description: "ARGUS Protocol"},
	}, "2025-01-01")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small)
	f.Add([]byte("NGPORTS1"))
	f.Add([]byte{})
	if full, err := os.ReadFile("data/services.bin"); err == nil {
		f.Add(full[:4096])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := port.ParseRegistry(data)
		if err != nil {
			return
		}
		// A registry that decodes must answer every query without panicking,
		// and Lookup must agree with a linear scan.
		n := 0
		for rec := range r.All() {
			n++
			first, last, ok := rec.Ports()
			if ok && first > last {
				t.Fatalf("record %v has first %d > last %d", rec, first, last)
			}
			if ok {
				found := false
				for _, got := range r.Lookup(first, 0) {
					found = found || got == rec
				}
				if !found {
					t.Fatalf("Lookup(%d) misses %v", first, rec)
				}
			}
			if rec.Name() != "" && len(r.Service(rec.Name(), 0)) == 0 {
				t.Fatalf("Service(%q) finds nothing", rec.Name())
			}
		}
		if n != r.Len() {
			t.Fatalf("All() yields %d records; Len() = %d", n, r.Len())
		}
		_ = r.Search("a", 3)
		_ = r.Search("1", 3)
		_ = r.EphemeralOverlap(port.Linux)
	})
}
