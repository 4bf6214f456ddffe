package subnet_test

import (
	"math/big"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/netground/netground/core/subnet"
)

func bigOf(c subnet.Count) *big.Int {
	n, ok := new(big.Int).SetString(c.String(), 10)
	if !ok {
		panic("bad count " + c.String())
	}
	return n
}

func TestCount(t *testing.T) {
	tests := []struct {
		c     subnet.Count
		want  string
		log2  int
		exact bool
	}{
		{subnet.Count{}, "0", -1, false},
		{subnet.CountOf(1), "1", 0, true},
		{subnet.CountOf(254), "254", 7, false},
		{subnet.Pow2(32), "4294967296", 32, true},
		{subnet.Pow2(64), "18446744073709551616", 64, true},
		{subnet.Pow2(128), "340282366920938463463374607431768211456", 128, true},
		{subnet.Pow2(128).Sub(subnet.CountOf(1)), "340282366920938463463374607431768211455", 127, false},
		{subnet.Pow2(128).Add(subnet.Pow2(128)).Add(subnet.Pow2(128)), "680564733841876926926749214863536422911", 128, false},
		{subnet.CountFrom128(1, 0), "18446744073709551616", 64, true},
		{subnet.Pow2(129), "0", -1, false},
		{subnet.Pow2(-1), "0", -1, false},
		{subnet.CountOf(3).Sub(subnet.CountOf(5)), "0", -1, false},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("String() = %s; want %s", got, tt.want)
		}
		if n, exact := tt.c.Log2(); n != tt.log2 || exact != tt.exact {
			t.Errorf("(%v).Log2() = %d, %v; want %d, %v", tt.c, n, exact, tt.log2, tt.exact)
		}
		back, err := subnet.ParseCount(tt.want)
		if tt.c.Cmp(subnet.Pow2(128)) <= 0 && (err != nil || back != tt.c) {
			t.Errorf("ParseCount(%q) = %v, %v; want %v", tt.want, back, err, tt.c)
		}
	}
}

func TestParseCountErrors(t *testing.T) {
	for _, in := range []string{"", "-1", "+1", "01", "1e3", "1,000", "340282366920938463463374607431768211457", "99999999999999999999999999999999999999999", " 1"} {
		if c, err := subnet.ParseCount(in); err == nil {
			t.Errorf("ParseCount(%q) = %v; want an error", in, c)
		}
	}
}

func TestCountArithmetic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	max := new(big.Int).Lsh(big.NewInt(1), 129)
	max.Sub(max, big.NewInt(1))
	random := func() subnet.Count {
		switch r.IntN(4) {
		case 0:
			return subnet.Pow2(r.IntN(129))
		case 1:
			return subnet.CountOf(r.Uint64N(1000))
		default:
			return subnet.CountFrom128(r.Uint64()>>r.IntN(64), r.Uint64())
		}
	}
	for range 5000 {
		a, b := random(), random()
		ba, bb := bigOf(a), bigOf(b)
		sum := new(big.Int).Add(ba, bb)
		if sum.Cmp(max) > 0 {
			sum = max
		}
		if got := bigOf(a.Add(b)); got.Cmp(sum) != 0 {
			t.Fatalf("(%v).Add(%v) = %v; want %v", a, b, got, sum)
		}
		diff := new(big.Int).Sub(ba, bb)
		if diff.Sign() < 0 {
			diff.SetInt64(0)
		}
		if got := bigOf(a.Sub(b)); got.Cmp(diff) != 0 {
			t.Fatalf("(%v).Sub(%v) = %v; want %v", a, b, got, diff)
		}
		if got := a.Cmp(b); got != ba.Cmp(bb) {
			t.Fatalf("(%v).Cmp(%v) = %d; want %d", a, b, got, ba.Cmp(bb))
		}
		if n, _ := a.Log2(); a.IsZero() != (n == -1) || (!a.IsZero() && n != ba.BitLen()-1) {
			t.Fatalf("(%v).Log2() = %d; want %d", a, n, ba.BitLen()-1)
		}
	}
}

func TestCountShifts(t *testing.T) {
	max := subnet.Pow2(128).Add(subnet.Pow2(128).Sub(subnet.CountOf(1)))
	tests := []struct {
		c        subnet.Count
		n        int
		shr, shl string
	}{
		{subnet.CountOf(0), 5, "0", "0"},
		{subnet.CountOf(100), 0, "100", "100"},
		{subnet.CountOf(100), 2, "25", "400"},
		{subnet.Pow2(128), 6, "5316911983139663491615228241121378304", max.String()},
		{subnet.Pow2(128), 128, "1", max.String()},
		{subnet.Pow2(128), 129, "0", max.String()},
		{subnet.Pow2(127), 1, subnet.Pow2(126).String(), subnet.Pow2(128).String()},
		{subnet.CountFrom128(1, 1), 1, "9223372036854775808", "36893488147419103234"},
		{subnet.CountOf(3), 127, "0", "510423550381407695195061911147652317184"},
		{subnet.CountOf(4), 127, "0", max.String()},
	}
	for _, tt := range tests {
		if got := tt.c.Shr(tt.n).String(); got != tt.shr {
			t.Errorf("(%v).Shr(%d) = %s; want %s", tt.c, tt.n, got, tt.shr)
		}
		if got := tt.c.Shl(tt.n).String(); got != tt.shl {
			t.Errorf("(%v).Shl(%d) = %s; want %s", tt.c, tt.n, got, tt.shl)
		}
	}
	if f := subnet.Pow2(128).Float64(); f != 0x1p128 {
		t.Errorf("Pow2(128).Float64() = %g; want 2^128", f)
	}
}

func TestOffset(t *testing.T) {
	tests := []struct {
		from, to string
		want     subnet.Count
	}{
		{"10.0.0.0", "10.0.0.255", subnet.CountOf(255)},
		{"10.0.0.5", "10.0.0.5", subnet.CountOf(0)},
		{"10.0.0.5", "10.0.0.4", subnet.CountOf(0)},
		{"::1:0:0:0:0", "::2:0:0:0:1", subnet.CountFrom128(1, 1)},
		{"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", subnet.Pow2(128).Sub(subnet.CountOf(1))},
		{"10.0.0.0", "::ffff:10.0.0.1", subnet.CountOf(0)},
	}
	for _, tt := range tests {
		if got := subnet.Offset(netip.MustParseAddr(tt.from), netip.MustParseAddr(tt.to)); got != tt.want {
			t.Errorf("Offset(%s, %s) = %v; want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func FuzzCountShift(f *testing.F) {
	f.Add(uint64(0), uint64(0), false, 0)
	f.Add(uint64(1), uint64(5), true, 64)
	f.Add(^uint64(0), ^uint64(0), false, 127)
	f.Fuzz(func(t *testing.T, hi, lo uint64, top bool, n int) {
		n &= 255
		c := subnet.CountFrom128(hi, lo)
		if top {
			c = c.Add(subnet.Pow2(128))
		}
		b := bigOf(c)
		if got, want := bigOf(c.Shr(n)), new(big.Int).Rsh(b, uint(n)); got.Cmp(want) != 0 {
			t.Fatalf("(%v).Shr(%d) = %v; want %v", c, n, got, want)
		}
		limit := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 129), big.NewInt(1))
		want := new(big.Int).Lsh(b, uint(n))
		if want.Cmp(limit) > 0 {
			want = limit
		}
		if got := bigOf(c.Shl(n)); got.Cmp(want) != 0 {
			t.Fatalf("(%v).Shl(%d) = %v; want %v", c, n, got, want)
		}
		if got, want := c.Float64(), new(big.Float).SetInt(b); want.Cmp(big.NewFloat(got)) != 0 {
			if wf, _ := want.Float64(); wf != got {
				t.Fatalf("(%v).Float64() = %g; want %g", c, got, wf)
			}
		}
	})
}
