package practice_test

import (
	"net/netip"
	"regexp"
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
)

func TestBoundaryStep(t *testing.T) {
	v4, v6 := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("2001:db8::1")
	tests := []struct {
		host netip.Addr
		bits int
		want string
	}{
		{v4, 0, "A /0 keeps no bits: all 32 bits are host bits."},
		{v4, 1, "A /1 keeps the first 1 bit: 1 bit of octet 1; the other 31 bits are host bits."},
		{v4, 5, "A /5 keeps the first 5 bits: 5 bits of octet 1; the other 27 bits are host bits."},
		{v4, 8, "A /8 keeps the first 8 bits: octet 1 whole; the other 24 bits are host bits."},
		{v4, 9, "A /9 keeps the first 9 bits: octet 1 whole and 1 bit of octet 2; the other 23 bits are host bits."},
		{v4, 16, "A /16 keeps the first 16 bits: octets 1 and 2 whole; the other 16 bits are host bits."},
		{v4, 20, "A /20 keeps the first 20 bits: octets 1 and 2 whole and 4 bits of octet 3; the other 12 bits are host bits."},
		{v4, 24, "A /24 keeps the first 24 bits: octets 1 to 3 whole; the other 8 bits are host bits."},
		{v4, 31, "A /31 keeps the first 31 bits: octets 1 to 3 whole and 7 bits of octet 4; the last bit is the host bit."},
		{v4, 32, "A /32 has no host bits."},
		{v6, 4, "A /4 keeps the first 4 bits, that is 1 hex digit (each digit is 4 bits, a nibble); the other 124 bits are host bits."},
		{v6, 127, "A /127 keeps the first 127 bits, that is 31 hex digits (each digit is 4 bits, a nibble); the other 1 bit is a host bit."},
	}
	for _, tt := range tests {
		got := practice.BoundaryStep(tt.host, tt.bits)
		if got != tt.want {
			t.Errorf("BoundaryStep(%v, %d) = %q; want %q", tt.host, tt.bits, got, tt.want)
		}
		if strings.Contains(got, "and 0 bits") || strings.Contains(got, "1 octets") {
			t.Errorf("BoundaryStep(%v, %d) = %q; reads like the old wording", tt.host, tt.bits, got)
		}
	}
}

// badPlural matches a count of one with a plural noun, such as "1 bits".
var badPlural = regexp.MustCompile(`(^|[^0-9.,/^])1 (octets|bits|host bits|one-bits|zero-bits|ones|hex digits|hosts|addresses|subnets|pods|parts|nodes|replicas|endpoints)\b`)

// TestNoSingularCountWithPlural generates questions of every topic and
// level and checks that no text says "1 bits" or the like.
func TestNoSingularCountWithPlural(t *testing.T) {
	t.Parallel() // generating thousands of questions: the slowest tests of the package
	for _, topic := range practice.Topics() {
		for level := practice.MinLevel; level <= practice.MaxLevel; level++ {
			for seed := range uint64(seedsPerCase(t) * 3 / 10) {
				q := practice.Generate(topic, level, seed, int(seed%7))
				for _, s := range append(append([]string{q.Text}, q.Given...), q.Steps...) {
					if m := badPlural.FindString(s); m != "" {
						t.Fatalf("%s level %d seed %d: %q says %q", topic, level, seed, s, m)
					}
				}
			}
		}
	}
}
