package subnet

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"go4.org/netipx"
)

// lastAddr agrees with netipx.PrefixLastIP on every length of random
// IPv4, IPv6 and IPv4-mapped prefixes.
func TestLastAddrAgreesWithNetipx(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		var b [16]byte
		for j := range b {
			b[j] = byte(r.IntN(256))
		}
		addrs := []netip.Addr{netip.AddrFrom16(b), netip.AddrFrom4([4]byte(b[:4])), netip.AddrFrom16(b).Unmap()}
		m := b
		copy(m[:12], []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff})
		addrs = append(addrs, netip.AddrFrom16(m))
		for _, a := range addrs {
			bits := r.IntN(a.BitLen() + 1)
			p := netip.PrefixFrom(a, bits).Masked()
			if got, want := lastAddr(p), netipx.PrefixLastIP(p); got != want {
				t.Fatalf("lastAddr(%s) = %s; want %s", p, got, want)
			}
		}
	}
	for _, s := range []string{"0.0.0.0/0", "255.255.255.255/32", "::/0", "::ffff:0:0/96", "10.0.0.0/31"} {
		p := netip.MustParsePrefix(s)
		if got, want := lastAddr(p), netipx.PrefixLastIP(p); got != want {
			t.Errorf("lastAddr(%s) = %s; want %s", p, got, want)
		}
	}
}
