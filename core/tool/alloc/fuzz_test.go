package alloc_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/netground/netground/core/tool"
	"github.com/netground/netground/core/tool/alloc"
)

// checkError fails unless err is a *tool.Error quoting in.
func checkError(t *testing.T, call string, in string, err error) {
	t.Helper()
	var te *tool.Error
	if !errors.As(err, &te) || te.Input != in || te.Reason == "" {
		t.Fatalf("%s(%q) error %v is not a *tool.Error quoting the input", call, in, err)
	}
}

func FuzzParseGlobalID(f *testing.F) {
	for _, s := range []string{"123456789a", "12:3456:789a", "12:34:56:78:9a", "fd12:3456:789a", "", ":", "::", "123456789A", "1:2:3:4:5:6:7:8:9:a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := alloc.ParseGlobalID(s)
		if err != nil {
			checkError(t, "ParseGlobalID", s, err)
			return
		}
		if !strings.EqualFold(strings.ReplaceAll(s, ":", ""), g.String()) {
			t.Fatalf("ParseGlobalID(%q) = %v, other digits", s, g)
		}
		if back, err := alloc.ParseGlobalID(g.String()); back != g || err != nil {
			t.Fatalf("ParseGlobalID(%q) = %v; its String parses to %v, %v", s, g, back, err)
		}
		p := g.Prefix()
		if back, ok := alloc.GlobalIDOf(p.Addr()); !ok || back != g || p.Bits() != 48 || !p.Contains(g.Subnet(0xbeef).Addr()) {
			t.Fatalf("ParseGlobalID(%q) = %v with prefix %v, which gives back %v, %v", s, g, p, back, ok)
		}
	})
}
