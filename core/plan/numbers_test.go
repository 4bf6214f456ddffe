package plan

import (
	"strconv"
	"strings"
	"testing"
)

func TestParseLength(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"24", 24, true}, {"/24", 24, true}, {" /8 ", 8, true}, {"0", 0, true}, {"128", 128, true}, {"024", 24, true},
		{"", 0, false}, {"/", 0, false}, {"129", 0, false}, {"-1", 0, false}, {"+24", 0, false}, {"//24", 0, false},
		{"24.0", 0, false}, {"twenty", 0, false}, {"/ 24", 0, false}, {"99999999999999999999", 0, false},
	} {
		got, err := ParseLength(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseLength(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), strconv.Quote(strings.TrimSpace(tt.in))) {
			t.Errorf("ParseLength(%q): %q does not quote the text", tt.in, err)
		}
	}
}

func TestParseParts(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"4", 4, true}, {" 1 ", 1, true}, {"18446744073709551615", 1<<64 - 1, true},
		{"", 0, false}, {"0", 0, false}, {"-4", 0, false}, {"+4", 0, false}, {"4 parts", 0, false}, {"18446744073709551616", 0, false},
	} {
		got, err := ParseParts(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseParts(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// FuzzParseNumbers: a length read is within 0 to 128 and prints back to the
// text's digits; parts read are at least 1; an error quotes the text.
func FuzzParseNumbers(f *testing.F) {
	for _, s := range []string{"24", "/24", "0", "129", " 7 ", "-1", "1e3", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, err := ParseLength(s); err == nil {
			if n < 0 || n > 128 {
				t.Fatalf("ParseLength(%q) = %d", s, n)
			}
			if d := strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(s), "/"), "0"); d != strings.TrimLeft(strconv.Itoa(n), "0") {
				t.Fatalf("ParseLength(%q) = %d", s, n)
			}
		} else if !strings.Contains(err.Error(), strconv.Quote(strings.TrimSpace(s))) {
			t.Fatalf("ParseLength(%q): %q does not quote the text", s, err)
		}
		if n, err := ParseParts(s); err == nil && n == 0 {
			t.Fatalf("ParseParts(%q) = 0", s)
		}
	})
}
