package enum_test

import (
	"testing"

	"github.com/netground/netground/core/internal/enum"
)

func TestEnum(t *testing.T) {
	names := []string{"linux", "macos", "windows"}
	for i, n := range names {
		if got := enum.Text("os", names, uint8(i)); got != n {
			t.Errorf("Text(%d) = %q; want %q", i, got, n)
		}
		if v, err := enum.Parse("os", names, n, enum.Or); err != nil || v != uint8(i) {
			t.Errorf("Parse(%q) = %d, %v; want %d", n, v, err, i)
		}
	}
	if got := enum.Text("os", names, 7); got != "os(7)" {
		t.Errorf("Text(7) = %q; want os(7)", got)
	}
	tests := []struct {
		list func([]string) string
		want string
	}{
		{enum.Or, `unknown os "bsd": want "linux", "macos" or "windows"`},
		{enum.OneOf, `unknown os "bsd": want one of "linux", "macos", "windows"`},
	}
	for _, tt := range tests {
		if _, err := enum.Parse("os", names, "bsd", tt.list); err == nil || err.Error() != tt.want {
			t.Errorf("Parse(bsd) = %v; want %s", err, tt.want)
		}
	}
	if got := enum.Or([]string{"tcp"}); got != `"tcp"` {
		t.Errorf("Or(tcp) = %s", got)
	}
}

func TestUnmarshal(t *testing.T) {
	type os uint8
	names := []string{"linux", "macos", "windows"}
	v := os(2)
	if err := enum.Unmarshal(&v, "os", names, []byte("macos"), enum.Or); err != nil || v != 1 {
		t.Errorf("Unmarshal(macos) = %d, %v; want 1", v, err)
	}
	if err := enum.Unmarshal(&v, "os", names, []byte("bsd"), enum.Or); err == nil || v != 0 {
		t.Errorf("Unmarshal(bsd) = %d, %v; want the zero value and an error", v, err)
	}
}

func TestSet(t *testing.T) {
	type os uint8
	set := enum.Set[os]{Kind: "os", List: enum.OneOf, Names: []string{"linux", "macos", "windows"}}
	for v := range os(3) {
		b, err := set.Marshal(v)
		if err != nil || string(b) != set.Names[v] || set.Text(v) != set.Names[v] {
			t.Errorf("Marshal(%d) = %q, %v; Text = %q; want %q", v, b, err, set.Text(v), set.Names[v])
		}
		var back os
		if err := set.Unmarshal(&back, b); err != nil || back != v {
			t.Errorf("Unmarshal(%q) = %d, %v; want %d", b, back, err, v)
		}
	}
	if got := set.Text(200); got != "os(200)" {
		t.Errorf("Text(200) = %q; want os(200)", got)
	}
	var v os
	if err := set.Unmarshal(&v, []byte("bsd")); err == nil || err.Error() != `unknown os "bsd": want one of "linux", "macos", "windows"` {
		t.Errorf("Unmarshal(bsd) = %v", err)
	}
}
