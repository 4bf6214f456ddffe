package plan_test

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
)

// The same workloads, with the same generators, are in bench/plan_python.py.

// randomPrefixes4 returns n random IPv4 prefixes of length 16 to 32.
func randomPrefixes4(n int, r *rand.Rand) []netip.Prefix {
	out := make([]netip.Prefix, n)
	for i := range out {
		v := r.Uint32()
		a := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
		out[i] = netip.PrefixFrom(a, 16+r.IntN(17)).Masked()
	}
	return out
}

func BenchmarkSummarize1M(b *testing.B) {
	ps := randomPrefixes4(1_000_000, rand.New(rand.NewPCG(1, 1)))
	for b.Loop() {
		plan.Summarize(ps)
	}
}

// BenchmarkExclude removes 100 random /24s from 10.0.0.0/8.
func BenchmarkExclude(b *testing.B) {
	r := rand.New(rand.NewPCG(2, 2))
	from := netip.MustParsePrefix("10.0.0.0/8")
	remove := make([]netip.Prefix, 100)
	for i := range remove {
		remove[i] = netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(r.IntN(256)), byte(r.IntN(256)), 0}), 24)
	}
	for b.Loop() {
		plan.Exclude(from, remove...)
	}
}

// BenchmarkRangePrefixes converts one random IPv4 range per op.
func BenchmarkRangePrefixes(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 3))
	type span struct{ first, last netip.Addr }
	spans := make([]span, 1024)
	for i := range spans {
		x, y := r.Uint32(), r.Uint32()
		if y < x {
			x, y = y, x
		}
		spans[i] = span{netip.AddrFrom4([4]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)}), netip.AddrFrom4([4]byte{byte(y >> 24), byte(y >> 16), byte(y >> 8), byte(y)})}
	}
	i := 0
	for b.Loop() {
		s := spans[i%len(spans)]
		plan.RangePrefixes(s.first, s.last)
		i++
	}
}

// BenchmarkSplitPage reads one page of 100 from the middle of 2001:db8::/32
// split into /72s: 2^40 subnets.
func BenchmarkSplitPage(b *testing.B) {
	s, err := plan.SplitBits(netip.MustParsePrefix("2001:db8::/32"), 72)
	if err != nil {
		b.Fatal(err)
	}
	offset := subnet.Pow2(39)
	for b.Loop() {
		if len(s.Page(offset, 100)) != 100 {
			b.Fatal("short page")
		}
	}
}

// BenchmarkVLSM allocates 20 requests of 2 to 4000 hosts in 10.0.0.0/16.
func BenchmarkVLSM(b *testing.B) {
	reqs := vlsmRequests()
	within := netip.MustParsePrefix("10.0.0.0/16")
	for b.Loop() {
		if _, err := plan.VLSM(within, reqs); err != nil {
			b.Fatal(err)
		}
	}
}

func vlsmRequests() []plan.Request {
	hosts := []uint64{4000, 2, 500, 30, 1000, 60, 2, 120, 250, 14, 2000, 6, 2, 90, 700, 45, 10, 300, 2, 1500}
	reqs := make([]plan.Request, len(hosts))
	for i, h := range hosts {
		reqs[i] = plan.Request{Name: "net" + string(rune('a'+i)), Hosts: h}
	}
	return reqs
}
