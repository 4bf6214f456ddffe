package u128_test

import (
	"math/big"
	"net/netip"
	"testing"

	"github.com/netground/netground/core/internal/u128"
)

func big128(top uint64, u u128.Uint128) *big.Int {
	b := new(big.Int).SetUint64(top)
	b.Lsh(b, 64).Or(b, new(big.Int).SetUint64(u.Hi))
	return b.Lsh(b, 64).Or(b, new(big.Int).SetUint64(u.Lo))
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		top  uint64
		u    u128.Uint128
		want string
	}{
		{0, u128.Uint128{}, "0"},
		{0, u128.Uint128{Lo: 3221225985}, "3221225985"},
		{0, u128.Uint128{Hi: 1}, "18446744073709551616"},
		{0, u128.Ones(128), "340282366920938463463374607431768211455"},
		{1, u128.Uint128{}, "340282366920938463463374607431768211456"},
		{1, u128.Ones(128), "680564733841876926926749214863536422911"},
	}
	for _, tt := range tests {
		if got := u128.Decimal(tt.top, tt.u); got != tt.want {
			t.Errorf("Decimal(%d, %v) = %s; want %s", tt.top, tt.u, got, tt.want)
		}
	}
}

func FuzzArithmetic(f *testing.F) {
	f.Add(uint64(0), uint64(0), uint64(0), uint64(0), uint64(0), 0)
	f.Add(uint64(1), ^uint64(0), ^uint64(0), uint64(1), uint64(2), 64)
	f.Add(uint64(0), uint64(1)<<63, uint64(12345), uint64(7), uint64(1)<<40, 127)
	f.Fuzz(func(t *testing.T, top, hi, lo, vhi, vlo uint64, n int) {
		top &= 1
		n &= 255
		u, v := u128.Uint128{Hi: hi, Lo: lo}, u128.Uint128{Hi: vhi, Lo: vlo}
		bu, bv := big128(0, u), big128(0, v)
		mod := new(big.Int).Lsh(big.NewInt(1), 128)
		if got, want := u128.Decimal(top, u), big128(top, u).String(); got != want {
			t.Fatalf("Decimal(%d, %v) = %s; want %s", top, u, got, want)
		}
		sum, carry := u.Add(v)
		wantSum := new(big.Int).Add(bu, bv)
		if big128(0, sum).Cmp(new(big.Int).Mod(wantSum, mod)) != 0 || carry != (wantSum.Cmp(mod) >= 0) {
			t.Fatalf("(%v).Add(%v) = %v, %v", u, v, sum, carry)
		}
		diff, borrow := u.Sub(v)
		wantDiff := new(big.Int).Sub(bu, bv)
		if big128(0, diff).Cmp(new(big.Int).Mod(wantDiff, mod)) != 0 || borrow != (wantDiff.Sign() < 0) {
			t.Fatalf("(%v).Sub(%v) = %v, %v", u, v, diff, borrow)
		}
		if got, want := big128(0, u.Shl(n)), new(big.Int).Mod(new(big.Int).Lsh(bu, uint(n)), mod); got.Cmp(want) != 0 {
			t.Fatalf("(%v).Shl(%d) = %v; want %v", u, n, got, want)
		}
		if got, want := big128(0, u.Shr(n)), new(big.Int).Rsh(bu, uint(n)); got.Cmp(want) != 0 {
			t.Fatalf("(%v).Shr(%d) = %v; want %v", u, n, got, want)
		}
		if got, want := big128(0, u128.Ones(n)), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(min(n, 128))), big.NewInt(1)); got.Cmp(want) != 0 {
			t.Fatalf("Ones(%d) = %v; want %v", n, got, want)
		}
		if a := u.Addr(false); u128.FromAddr(a) != u {
			t.Fatalf("FromAddr(%v) != %v", a, u)
		}
		if a := u.Addr(true); u128.FromAddr(a) != (u128.Uint128{Lo: lo & 0xffffffff}) || a != netip.AddrFrom4([4]byte{byte(lo >> 24), byte(lo >> 16), byte(lo >> 8), byte(lo)}) {
			t.Fatalf("(%v).Addr(true) = %v", u, a)
		}
	})
}
