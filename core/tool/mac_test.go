package tool_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/netground/netground/core/tool"
)

func TestParseMAC(t *testing.T) {
	tests := []struct {
		in      string
		want    string // String, or "" for an error
		errPart string // part of the error text
	}{
		{"34-56-78-9a-bc-de", "34:56:78:9a:bc:de", ""},
		{"34:56:78:9a:bc:de", "34:56:78:9a:bc:de", ""},
		{"3456.789a.bcde", "34:56:78:9a:bc:de", ""},
		{"34-56-78-9A-BC-DE", "34:56:78:9a:bc:de", ""},
		{"3456.789A.BCDE", "34:56:78:9a:bc:de", ""},
		{"00:00:00:00:00:00", "00:00:00:00:00:00", ""},
		{"FF:FF:FF:FF:FF:FF", "ff:ff:ff:ff:ff:ff", ""},
		{"", "", "empty"},
		{"3456789abcde", "", "no separators"},
		{"34:56-78:9a:bc:de", "", `mixes ':' and '-'`},
		{"34:56:78:9a:bc", "", "5 groups"},
		{"34:56:78:9a:bc:de:f0", "", "7 groups"},
		{"34:56:78:ff:fe:9a:bc:de", "", "EUI-64"},
		{"3456.78ff.fe9a.bcde", "", "EUI-64"},
		{"34:56:78:9a:bc:d", "", `group 6 "d" has 1 characters`},
		{"34:56:78:9a:bc:def", "", `group 6 "def" has 3`},
		{"3456.789a.bcd", "", `group 3 "bcd"`},
		{"34:56:78:9a:bc:dg", "", `holds "g", which is not a hex digit`},
		{" 34:56:78:9a:bc:de", "", `group 1 " 34" has 3`},
		{"34:56:78:9a:bc:", "", `group 6 "" has 0`},
		{"34.56.78.9a.bc.de", "", "want 3 groups of 4"},
		{"3456:789a:bcde", "", "want 6 groups of 2"},
	}
	for _, tt := range tests {
		m, err := tool.ParseMAC(tt.in)
		if tt.want == "" {
			var te *tool.Error
			if err == nil || !errors.As(err, &te) || te.Input != tt.in || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("ParseMAC(%q) = %v, %v; want an error quoting the input and saying %q", tt.in, m, err, tt.errPart)
			}
			if tt.in != "" && !strings.Contains(err.Error(), `"`+tt.in+`"`) {
				t.Errorf("ParseMAC(%q) error %q does not quote the input", tt.in, err)
			}
			continue
		}
		if err != nil || m.String() != tt.want || !m.IsValid() {
			t.Errorf("ParseMAC(%q) = %v, %v; want %s", tt.in, m, err, tt.want)
			continue
		}
		for _, form := range []string{m.String(), m.Format('-', 2), m.Format('.', 4), strings.ToUpper(m.Format(':', 2))} {
			if back, err := tool.ParseMAC(form); back != m || err != nil {
				t.Errorf("ParseMAC(%q) = %v, %v; want %v (round trip of %q)", form, back, err, m, tt.in)
			}
		}
	}
}

func TestMACForms(t *testing.T) {
	m := tool.MustParseMAC("34:56:78:9a:bc:de")
	if got := m.Format('-', 2); got != "34-56-78-9a-bc-de" {
		t.Errorf("(%v).Format('-', 2) = %q", m, got)
	}
	if got := m.Format('.', 4); got != "3456.789a.bcde" {
		t.Errorf("(%v).Format('.', 4) = %q", m, got)
	}
	if got := m.Format(':', 3); got != "" {
		t.Errorf("(%v).Format(':', 3) = %q; want \"\"", m, got)
	}
	var zero tool.MAC
	if zero.IsValid() || zero.String() != "invalid MAC" || zero.Format(':', 2) != "" || zero.IsMulticast() || zero.IsLocal() {
		t.Errorf("zero MAC = %v, valid %v", zero, zero.IsValid())
	}
	if tool.MACFrom6([6]byte{}) == zero || !tool.MACFrom6([6]byte{}).IsValid() {
		t.Errorf("MACFrom6(zeros) is the zero MAC")
	}
	if m.As6() != [6]byte{0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde} {
		t.Errorf("(%v).As6() = %x", m, m.As6())
	}

	flags := []struct {
		mac              string
		multicast, local bool
	}{
		{"34:56:78:9a:bc:de", false, false},
		{"36:56:78:9a:bc:de", false, true},
		{"01:00:5e:00:00:fb", true, false},
		{"33:33:00:00:00:01", true, true},
		{"ff:ff:ff:ff:ff:ff", true, true},
	}
	for _, tt := range flags {
		m := tool.MustParseMAC(tt.mac)
		if m.IsMulticast() != tt.multicast || m.IsLocal() != tt.local {
			t.Errorf("(%v).IsMulticast(), IsLocal() = %v, %v; want %v, %v", m, m.IsMulticast(), m.IsLocal(), tt.multicast, tt.local)
		}
	}
}

func TestMACText(t *testing.T) {
	var m tool.MAC
	if err := m.UnmarshalText([]byte("3456.789A.BCDE")); err != nil || m != tool.MustParseMAC("34:56:78:9a:bc:de") {
		t.Fatalf("UnmarshalText = %v, %v", m, err)
	}
	if b, err := m.MarshalText(); string(b) != "34:56:78:9a:bc:de" || err != nil {
		t.Errorf("(%v).MarshalText() = %q, %v", m, b, err)
	}
	if err := m.UnmarshalText(nil); err != nil || m.IsValid() {
		t.Errorf("UnmarshalText(empty) = %v, %v; want the zero MAC", m, err)
	}
	if b, _ := m.MarshalText(); len(b) != 0 {
		t.Errorf("zero MAC MarshalText() = %q; want empty", b)
	}
	if err := m.UnmarshalText([]byte("nope")); err == nil {
		t.Errorf("UnmarshalText(nope) succeeded")
	}
}

// The link-local address of the contract example.
var exampleMAC = tool.MustParseMAC("34-56-78-9a-bc-de")
