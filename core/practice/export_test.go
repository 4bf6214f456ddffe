package practice

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"strconv"
)

// BoundaryStep is the solution step that says which bits of host/bits the
// network keeps.
func BoundaryStep(host netip.Addr, bits int) string { return boundaryStep(info(host, bits)) }

// Checkers for the table tests.
var (
	CheckAddr      = checkAddr
	CheckPrefix    = checkPrefix
	CheckCount     = checkCount
	CheckRange     = checkRange
	CheckCanonical = checkCanonical
	CheckAddrPort  = checkAddrPort
	CheckNames     = checkNames
	CheckLength    = checkLength
	CheckPort      = checkPort
	CheckChoice    = checkChoice
	SubnetNear     = subnetNear
)

// Hash returns a digest of everything the set shows and expects, in hex;
// equal sets have equal hashes on every platform. The tests compare sets
// by it across platforms and versions.
func (s Set) Hash() string {
	h := sha256.New()
	put := func(ss ...string) {
		for _, x := range ss {
			var n [8]byte
			binary.BigEndian.PutUint64(n[:], uint64(len(x)))
			h.Write(n[:])
			h.Write([]byte(x))
		}
	}
	put(strconv.FormatUint(s.Seed, 10), JoinTopics(s.Topics), strconv.Itoa(s.Level))
	for _, q := range s.Questions {
		put(string(q.Topic), strconv.Itoa(q.Level), q.Kind.String(), q.Text, q.Format, q.Answer)
		put(q.Given...)
		put(q.Choices...)
		put(q.Steps...)
		put(q.Work...)
		put(q.Table.Caption)
		put(q.Table.Head...)
		for _, row := range q.Table.Rows {
			put(row...)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
