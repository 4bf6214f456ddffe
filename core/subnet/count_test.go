package subnet_test

import (
	"math/big"
	"math/rand/v2"
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
