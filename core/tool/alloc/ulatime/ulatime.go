// Package ulatime derives a unique local address's Global ID by the recipe
// of RFC 4193 Section 3.2.2, from the time and the machine's EUI-64. It is
// apart from package alloc so that alloc's users do not link SHA-1.
package ulatime

import (
	"crypto/sha1"
	"encoding/binary"
	"time"

	"github.com/netground/netground/core/tool"
	"github.com/netground/netground/core/tool/alloc"
)

// GlobalID returns the Global ID that the algorithm of RFC 4193
// Section 3.2.2 derives from the time t and the EUI-64 identifier id of the
// machine running it: the last 40 bits of the SHA-1 digest of t in 64-bit NTP
// format (RFC 5905 Section 6, seconds since 1900 in the current era and a
// binary fraction) followed by id. alloc.NewGlobalID is as good and simpler; this
// one shows the RFC's recipe.
func GlobalID(t time.Time, id tool.InterfaceID) alloc.GlobalID {
	const ntpEpochOffset = 2208988800 // seconds from 1900-01-01 to 1970-01-01
	var key [16]byte
	secs := uint32(t.Unix() + ntpEpochOffset) // the NTP era wraps at 2^32 seconds
	frac := uint32(uint64(t.Nanosecond()) << 32 / 1e9)
	binary.BigEndian.PutUint32(key[0:], secs)
	binary.BigEndian.PutUint32(key[4:], frac)
	eui := id.As8()
	copy(key[8:], eui[:])
	sum := sha1.Sum(key[:])
	return alloc.GlobalIDFrom5([5]byte(sum[15:]))
}
