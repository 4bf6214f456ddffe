package subnet_test

import (
	"testing"

	"github.com/netground/netground/core/subnet"
)

func TestIncomplete(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"1", true},
		{"10.0", true},
		{"10.0.0.0", true},
		{"10.0.0.0/", true},
		{"10.0.0.0/2", false}, // valid
		{"10.0.0.0/24", false},
		{"10.0.0.0/33", false},
		{"10.0.0.0/24/", false},
		{"10.0.0.0 255.", true},
		{"10.0.0.0 255.255.255", true},
		{"10.0.0.0 255.255.255.0", false},
		{"10.0.0.0 255.0.255.0", false},
		{"2001:db8::", true},
		{"2001:db8::/", true},
		{"2001:db8::/129", false},
		{"2001:db8", true},
		{"fe80::1%eth0/64", false},
		{"hello/24", false},
		{"999.0.0.0/8", false},
	}
	for _, tt := range tests {
		if got := subnet.Incomplete(tt.in); got != tt.want {
			t.Errorf("Incomplete(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

// TestIncompletePrefixes checks that every prefix of a valid subnet is
// incomplete or valid: typing a subnet never shows an error on the way.
func TestIncompletePrefixes(t *testing.T) {
	for _, s := range []string{"192.168.1.0/24", "10.0.0.0/8", "2001:db8::/48", "10.0.0.0 255.255.240.0", "10.0.0.0/0.0.15.255", "0.0.0.0/0", "::/0"} {
		for i := range len(s) + 1 {
			p := s[:i]
			if _, err := subnet.Parse(p); err != nil && !subnet.Incomplete(p) {
				t.Errorf("%q, on the way to %q, is neither valid nor incomplete", p, s)
			}
		}
	}
}

func FuzzIncomplete(f *testing.F) {
	for _, s := range []string{"10.0.", "2001:db8::/", "10.0.0.0 255.", "1.2.3.4/24"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if subnet.Incomplete(s) {
			if _, err := subnet.Parse(s); err == nil {
				t.Errorf("Incomplete(%q) is true for a valid subnet", s)
			}
		}
	})
}
