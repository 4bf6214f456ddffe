package addr_test

import (
	"testing"

	"github.com/netground/netground/core/addr"
)

func TestIncomplete(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"   ", true},
		{"8", true},
		{"8.", true},
		{"8.8", true},
		{"8.8.8", true},
		{"8.8.8.", true},
		{"8.8.8.8", false}, // valid: complete
		{"8.8.8.8.", false},
		{"8.8.8.8.8", false},
		{"999", true}, // 999:: is an IPv6 address
		{"99999", false},
		{"8.8.8.8 ", false},
		{"256.", false},
		{"1.2.3.256", false},
		{"2001", true},
		{"2001:db8", true},
		{"2001:db8:", true},
		{"2001:db8::", false},
		{"2001:db8::1::", false},
		{"fe80::1%", true},
		{"fe80::1%eth0", false},
		{"::ffff:1.2", true},
		{"::ffff:1.2.3.", true},
		{"1:2:3:4:5:6:7:8:", false},
		{"hello", false},
		{"http://1.2.3.4/", false},
		{"1.2.3.4:", false},
	}
	for _, tt := range tests {
		if got := addr.Incomplete(tt.in); got != tt.want {
			t.Errorf("Incomplete(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

// TestIncompletePrefixes checks that every prefix of a valid address is
// incomplete or valid, never a dead end: typing an address never shows an
// error on the way.
func TestIncompletePrefixes(t *testing.T) {
	for _, s := range []string{"192.168.1.42", "10.0.0.1", "2001:db8::1", "fe80::1%eth0", "::ffff:192.0.2.1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "0.0.0.0", "::"} {
		for i := range len(s) + 1 {
			p := s[:i]
			if _, err := addr.Parse(p); err != nil && !addr.Incomplete(p) {
				t.Errorf("%q, on the way to %q, is neither valid nor incomplete", p, s)
			}
		}
	}
}

func FuzzIncomplete(f *testing.F) {
	for _, s := range []string{"8.8.", "2001:db8:", "fe80::%", "1.2.3.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !addr.Incomplete(s) {
			return
		}
		if _, err := addr.Parse(s); err == nil {
			t.Errorf("Incomplete(%q) is true for a valid address", s)
		}
	})
}
