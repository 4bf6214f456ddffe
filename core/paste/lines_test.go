package paste

import (
	"slices"
	"strings"
	"testing"
)

// The parsers split lines with appendFields and lines with split, both
// written for speed: they must give what strings.Fields and a plain
// reading give.

var fieldSamples = []string{"", " ", "a", " a b  c\t", "tcp   LISTEN 0  511  *:80  *:*", "a\u00a0b\u2003c\u0085d", "\u3000x\u3000", "x\xffy z", "Éé  ü"}

func TestAppendFields(t *testing.T) {
	buf := []string{"stale"}
	for _, s := range fieldSamples {
		if got, want := appendFields(buf[:0], s), strings.Fields(s); !slices.Equal(got, want) {
			t.Errorf("appendFields(%q) = %q; want %q", s, got, want)
		}
	}
}

func FuzzAppendFields(f *testing.F) {
	for _, s := range fieldSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendFields(nil, s), strings.Fields(s); !slices.Equal(got, want) {
			t.Fatalf("appendFields(%q) = %q; want %q", s, got, want)
		}
	})
}

// plainSplit is split's reading of lines, the simple way.
func plainSplit(text string) []string {
	var out []string
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i])
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
	}
	return out
}

func FuzzSplitLines(f *testing.F) {
	for _, s := range []string{"", "a", "a\n", "a\r\nb", "a\rb\r\n\r\nc\n\r", "\n\n", "x\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !strings.ContainsRune(s, 0) && len(s) < MaxLineBytes && strings.ToValidUTF8(s, "\uFFFD") == s {
			if got, want := split(s).text, plainSplit(s); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Fatalf("split(%q) = %q; want %q", s, got, want)
			}
		}
	})
}
