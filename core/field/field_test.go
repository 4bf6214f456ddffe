package field_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/netground/netground/core/field"
)

func TestError(t *testing.T) {
	tests := []struct {
		err  *field.Error
		want string
	}{
		{&field.Error{Field: "devices[3].addr", Reason: `"10.0.0.300" is not an IPv4 address`}, `devices[3].addr: "10.0.0.300" is not an IPv4 address`},
		{&field.Error{Reason: "not valid JSON"}, "not valid JSON"},
		{&field.Error{}, ""},
		{field.Errorf("actions[0].port", "port %d is out of range 0–65535", 70000), "actions[0].port: port 70000 is out of range 0–65535"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("(%#v).Error() = %q; want %q", tt.err, got, tt.want)
		}
		var fe *field.Error
		if !errors.As(fmt.Errorf("wrapped: %w", tt.err), &fe) || fe != tt.err {
			t.Errorf("errors.As(wrapped %#v) did not find it", tt.err)
		}
	}
}

func TestIn(t *testing.T) {
	tests := []struct {
		field, list string
		index       int
		rest        string
		ok          bool
	}{
		{"actions[2].publish.hostPort", "actions", 2, "publish.hostPort", true},
		{"actions[12]", "actions", 12, "", true},
		{"actions[0].port", "actions", 0, "port", true},
		{"actions", "actions", 0, "", false},
		{"actions[].port", "actions", 0, "", false},
		{"actions[x].port", "actions", 0, "", false},
		{"actions[1]port", "actions", 0, "", false},
		{"actions[-1].port", "actions", 0, "", false},
		{"actionsx[1].port", "actions", 0, "", false},
		{"containers[1].name", "actions", 0, "", false},
		{"", "actions", 0, "", false},
	}
	for _, tt := range tests {
		e := &field.Error{Field: tt.field}
		index, rest, ok := e.In(tt.list)
		if index != tt.index || rest != tt.rest || ok != tt.ok {
			t.Errorf("(%q).In(%q) = %d, %q, %v; want %d, %q, %v", tt.field, tt.list, index, rest, ok, tt.index, tt.rest, tt.ok)
		}
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"abcd", 3, "abc…"},
		{"héllo", 5, "héllo"},
		{"héllo wörld", 5, "héllo…"},
		{"日本語のテキスト", 2, "日本…"},
		{"\xff\xfeab", 2, "\xff\xfe…"},
		{"abc", 0, "…"},
		{"", 0, ""},
		{"abc", -1, "…"},
		{strings.Repeat("é", 41), 40, strings.Repeat("é", 40) + "…"},
	}
	for _, tt := range tests {
		if got := field.Shorten(tt.s, tt.n); got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q; want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

func FuzzShorten(f *testing.F) {
	for _, s := range []string{"", "abc", "héllo wörld", "日本語のテキスト", "\xff\xfeab", "e\u0301"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		got := field.Shorten(s, n)
		runes := utf8.RuneCountInString(s)
		if runes <= max(n, 0) {
			if got != s {
				t.Fatalf("Shorten(%q, %d) = %q; want it unchanged", s, n, got)
			}
			return
		}
		kept, cut := strings.CutSuffix(got, "…")
		if !cut || !strings.HasPrefix(s, kept) || utf8.RuneCountInString(kept) != max(n, 0) {
			t.Fatalf("Shorten(%q, %d) = %q; want the first %d characters and …", s, n, got, max(n, 0))
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Shorten(%q, %d) = %q cuts a character", s, n, got)
		}
	})
}

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 pods"},
		{1, "1 pod"},
		{2, "2 pods"},
		{-1, "-1 pods"},
		{1000, "1000 pods"},
	}
	for _, tt := range tests {
		if got := field.Count(tt.n, "pod", "pods"); got != tt.want {
			t.Errorf("Count(%d, %q, %q) = %q; want %q", tt.n, "pod", "pods", got, tt.want)
		}
		if got := field.CountText(fmt.Sprint(tt.n), "pod", "pods"); got != tt.want {
			t.Errorf("CountText(%q, %q, %q) = %q; want %q", fmt.Sprint(tt.n), "pod", "pods", got, tt.want)
		}
	}
	if got := field.Count(uint64(1<<63), "address", "addresses"); got != "9223372036854775808 addresses" {
		t.Errorf("Count(1<<63) = %q", got)
	}
	if got := field.Count(uint16(1), "port", "ports"); got != "1 port" {
		t.Errorf("Count(uint16(1)) = %q; want 1 port", got)
	}
}

func TestAll(t *testing.T) {
	if field.All(nil) != nil || field.Fields(nil) != nil {
		t.Error("All(nil) or Fields(nil) is not nil")
	}
	plain := errors.New("the file is empty")
	joined := errors.Join(field.Errorf("addr", "bad"), fmt.Errorf("reading: %w", field.Errorf("port", "too big")), plain)
	all := field.All(joined)
	if got := strings.Join(field.Fields(joined), ","); got != "addr,port," || len(all) != 3 {
		t.Fatalf("Fields = %q (%d problems); want addr, port and one without a field", got, len(all))
	}
	if all[1].Reason != "too big" || all[2].Reason != plain.Error() {
		t.Errorf("All = %v", all)
	}
	if got := field.All(field.Errorf("to", "x")); len(got) != 1 || got[0].Field != "to" {
		t.Errorf("All of one error = %v", got)
	}
}
