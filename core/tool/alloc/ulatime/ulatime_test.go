package ulatime_test

import (
	"crypto/sha1"
	"testing"
	"time"

	"github.com/netground/netground/core/tool"
	"github.com/netground/netground/core/tool/alloc"
	"github.com/netground/netground/core/tool/alloc/ulatime"
)

var exampleMAC = tool.MustParseMAC("34-56-78-9a-bc-de")

// RFC 4193 Section 3.2.2: the last 40 bits of SHA-1(NTP time || EUI-64).
func TestGlobalID(t *testing.T) {
	id := exampleMAC.InterfaceID()
	eui := id.As8()
	tests := []struct {
		t   time.Time
		ntp [8]byte // the time in 64-bit NTP format, worked out by hand
	}{
		// The Unix epoch is 2208988800 = 0x83aa7e80 seconds after 1900.
		{time.Unix(0, 0), [8]byte{0x83, 0xaa, 0x7e, 0x80, 0, 0, 0, 0}},
		{time.Unix(0, 500_000_000), [8]byte{0x83, 0xaa, 0x7e, 0x80, 0x80, 0, 0, 0}},
		{time.Unix(1, 250_000_000), [8]byte{0x83, 0xaa, 0x7e, 0x81, 0x40, 0, 0, 0}},
		// 2036-02-07 06:28:16 UTC starts NTP era 1: the seconds wrap to 0.
		{time.Date(2036, 2, 7, 6, 28, 16, 0, time.UTC), [8]byte{}},
	}
	for _, tt := range tests {
		sum := sha1.Sum(append(tt.ntp[:], eui[:]...))
		want := alloc.GlobalIDFrom5([5]byte(sum[15:]))
		if got := ulatime.GlobalID(tt.t, id); got != want {
			t.Errorf("GlobalID(%v, %v) = %v; want %v", tt.t.UTC(), id, got, want)
		}
	}
	a := ulatime.GlobalID(time.Unix(1e9, 0), id)
	b := ulatime.GlobalID(time.Unix(1e9, 1e6), id)
	if a == b {
		t.Errorf("GlobalID gives %v a millisecond apart", a)
	}
}
