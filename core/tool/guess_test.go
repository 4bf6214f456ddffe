package tool_test

import (
	"testing"

	"github.com/netground/netground/core/tool"
)

func TestLooksLikeMAC(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"34:56:78:9a:bc:de", true},
		{"34-56-78-9A-BC-DE", true},
		{"3456.789a.bcde", true},
		{" 34:56:78:9a:bc:de ", true},
		{"34:56:78:9a:bc", true},          // a group short: the MAC error helps
		{"34-56-78-9a-bc-de-f0-12", true}, // an EUI-64: ParseMAC says so
		{"3456.789a.bcd", true},
		{"1234.5678.9012", true},
		{"34:56:78-9a:bc:de", false}, // two separators
		{"192.168.1.1", false},
		{"1.2.3", false},
		{"2001:db8::1", false},
		{"2001:db8:1:2:3", false},
		{"fe80::1", false},
		{"::", false},
		{"3456789abcde", false},
		{"", false},
		{"-", false},
		{"zz:zz:zz:zz:zz:zz", false},
		{"example.com", false},
	}
	for _, tt := range tests {
		if got := tool.LooksLikeMAC(tt.in); got != tt.want {
			t.Errorf("LooksLikeMAC(%q) = %v; want %v", tt.in, got, tt.want)
		}
		if m, err := tool.ParseMAC(tt.in); err == nil && !tool.LooksLikeMAC(tt.in) {
			t.Errorf("ParseMAC(%q) = %v, but LooksLikeMAC is false", tt.in, m)
		}
	}
}
