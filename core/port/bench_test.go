package port_test

import (
	"os"
	"testing"

	"github.com/netground/netground/core/port"
)

func BenchmarkSearchPrefix(b *testing.B) {
	r := registry(b)
	for b.Loop() {
		if len(r.Search("ms-", 20)) == 0 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	r := registry(b)
	p := uint16(0)
	for b.Loop() {
		_ = r.Lookup(p, 0)
		p += 7
	}
}

func BenchmarkParseRegistry(b *testing.B) {
	data, err := os.ReadFile("data/services.bin")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := port.ParseRegistry(data); err != nil {
			b.Fatal(err)
		}
	}
}
