package alloc_test

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/tool"
	"github.com/netground/netground/core/tool/alloc"
)

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

func TestNextFree(t *testing.T) {
	tests := []struct {
		pool    string
		used    []string
		bits    int
		first   string // "" when none is free or on an error
		count   string
		blocks  []string // the first blocks
		nBlocks int
		errPart string
	}{
		{"10.0.0.0/16", []string{"10.0.0.0/24", "10.0.1.0/25"}, 24, "10.0.2.0/24", "254",
			[]string{"10.0.1.128/25", "10.0.2.0/23", "10.0.4.0/22"}, 8, ""},
		{"10.0.0.0/16", []string{"10.0.0.0/24", "10.0.1.0/25"}, 25, "10.0.1.128/25", "509", nil, 8, ""},
		{"10.0.0.0/16", []string{"10.0.0.0/24", "10.0.1.0/25"}, 16, "", "0", nil, 8, `pool "10.0.0.0/16": no /16 is free: the largest free block is a /17`},
		{"10.0.0.0/16", nil, 16, "10.0.0.0/16", "1", []string{"10.0.0.0/16"}, 1, ""},
		{"10.0.0.9/16", []string{"10.0.0.77/16"}, 24, "", "0", nil, 0, "no /24 is free: the pool is fully used"},
		{"10.0.0.0/16", []string{"10.0.0.0/8"}, 24, "", "0", nil, 0, "fully used"},
		{"10.0.0.0/16", []string{"192.168.0.0/24", "10.1.0.0/24"}, 24, "10.0.0.0/24", "256", []string{"10.0.0.0/16"}, 1, ""},
		{"10.0.0.0/16", nil, 8, "", "", nil, 0, "a /8 is larger than the pool, a /16; ask for a length from /16 to /32"},
		{"10.0.0.0/16", nil, 33, "", "", nil, 0, "a /33 is longer than the 32 bits of IPv4"},
		{"10.0.0.0/16", []string{"2001:db8::/32"}, 24, "", "", nil, 0, `used prefix "2001:db8::/32": is IPv6 and the pool 10.0.0.0/16 is IPv4`},
		{"2001:db8::/48", []string{"2001:db8::/64", "2001:db8:0:1::/64"}, 64, "2001:db8:0:2::/64", "65534",
			[]string{"2001:db8:0:2::/63", "2001:db8:0:4::/62"}, 15, ""},
		{"2001:db8::/32", []string{"2001:db8::/48"}, 48, "2001:db8:1::/48", "65535", nil, 16, ""},
		{"::/0", nil, 128, "::/128", "340282366920938463463374607431768211456", []string{"::/0"}, 1, ""},
		{"2001:db8::/32", []string{"2001:db8::/128"}, 128, "2001:db8::1/128", "79228162514264337593543950335", nil, 96, ""},
		{"::ffff:0.0.0.0/96", []string{"::ffff:10.0.0.0/104"}, 104, "::ffff:0.0.0.0/104", "255", nil, 8, ""},
		{"::ffff:0.0.0.0/96", []string{"10.0.0.0/8"}, 104, "", "", nil, 0, "is IPv4 and the pool"},
	}
	for _, tt := range tests {
		pool, used := netip.MustParsePrefix(tt.pool), prefixes(tt.used...)
		f, err := alloc.NextFree(pool, used, tt.bits, 0)
		if tt.errPart != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("NextFree(%v, %v, %d) = %+v, %v; want an error saying %q", pool, used, tt.bits, f, err, tt.errPart)
			}
			if errors.Is(err, alloc.ErrNoRoom) != (tt.count == "0") {
				t.Errorf("NextFree(%v, %v, %d) error %v; ErrNoRoom %v", pool, used, tt.bits, err, tt.count == "0")
			}
			if tt.count == "0" && (f.BlockCount != tt.nBlocks || f.First.IsValid()) {
				t.Errorf("NextFree(%v, %v, %d) = %+v with ErrNoRoom; want %d blocks and no First", pool, used, tt.bits, f, tt.nBlocks)
			}
			continue
		}
		if err != nil || f.First != netip.MustParsePrefix(tt.first) || f.Count.String() != tt.count || f.BlockCount != tt.nBlocks ||
			f.Pool != pool.Masked() || f.Bits != tt.bits {
			t.Errorf("NextFree(%v, %v, %d) = first %v count %v blocks %d, %v; want %v, %v, %d",
				pool, used, tt.bits, f.First, f.Count, f.BlockCount, err, tt.first, tt.count, tt.nBlocks)
			continue
		}
		if len(tt.blocks) > 0 && !slices.Equal(f.Blocks[:len(tt.blocks)], prefixes(tt.blocks...)) {
			t.Errorf("NextFree(%v, %v, %d).Blocks = %v; want to start %v", pool, used, tt.bits, f.Blocks, tt.blocks)
		}
		if len(f.Subnets) == 0 || f.Subnets[0] != f.First {
			t.Errorf("NextFree(%v, %v, %d).Subnets = %v; want to start with %v", pool, used, tt.bits, f.Subnets, f.First)
		}
	}
	if _, err := alloc.NextFree(netip.Prefix{}, nil, 24, 0); err == nil {
		t.Errorf("NextFree(zero Prefix) succeeded")
	}
	if _, err := alloc.NextFree(netip.MustParsePrefix("10.0.0.0/8"), []netip.Prefix{{}}, 24, 0); err == nil {
		t.Errorf("NextFree with a zero used Prefix succeeded")
	}
}

func TestNextFreeLimit(t *testing.T) {
	f, err := alloc.NextFree(netip.MustParsePrefix("2001:db8::/32"), nil, 64, 0)
	if err != nil || len(f.Subnets) != alloc.DefaultLimit || f.Count.String() != "4294967296" {
		t.Fatalf("NextFree(2001:db8::/32, /64) = %d subnets of %v, %v; want %d of 4294967296", len(f.Subnets), f.Count, err, alloc.DefaultLimit)
	}
	if f.Subnets[255] != netip.MustParsePrefix("2001:db8:0:ff::/64") {
		t.Errorf("NextFree(2001:db8::/32, /64).Subnets[255] = %v", f.Subnets[255])
	}
	// Many used prefixes make many blocks; the list stops at the limit.
	var used []netip.Prefix
	for i := range 100 {
		used = append(used, netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 0, byte(i), 0}), 25))
	}
	f, err = alloc.NextFree(netip.MustParsePrefix("10.0.0.0/16"), used, 26, 7)
	if err != nil || len(f.Blocks) != 7 || f.BlockCount != 100+4 || len(f.Subnets) != 7 || f.Count.String() != "824" {
		t.Errorf("NextFree with limit 7 = %d of %d blocks, %d subnets of %v, %v; want 7 of 104, 7 of 824", len(f.Blocks), f.BlockCount, len(f.Subnets), f.Count, err)
	}
}

// TestNextFreeModel compares NextFree with a slow model on small pools: every
// aligned /bits of the pool, free if no used prefix overlaps it.
func TestNextFreeModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pools := prefixes("192.0.2.0/24", "10.0.0.0/22", "2001:db8::/120", "::ffff:192.0.2.0/122")
	for round := range 300 {
		pool := pools[round%len(pools)]
		bitLen := pool.Addr().BitLen()
		var used []netip.Prefix
		for range rng.IntN(6) {
			bits := pool.Bits() - 1 + rng.IntN(bitLen-pool.Bits()+2)
			a, _ := tool.Nth(pool, tool.DeltaOf(rng.Int64N(1<<(bitLen-pool.Bits()))))
			used = append(used, netip.PrefixFrom(a, bits).Masked())
		}
		for bits := pool.Bits(); bits <= bitLen; bits++ {
			var want []netip.Prefix
			for a := pool.Addr(); pool.Contains(a); {
				p := netip.PrefixFrom(a, bits)
				if !slices.ContainsFunc(used, p.Overlaps) {
					want = append(want, p)
				}
				last, _ := tool.Nth(p, tool.DeltaOf(-1))
				if a = last.Next(); !a.IsValid() {
					break
				}
			}
			f, err := alloc.NextFree(pool, used, bits, 1<<12)
			if len(want) == 0 {
				if !errors.Is(err, alloc.ErrNoRoom) || f.First.IsValid() {
					t.Fatalf("NextFree(%v, %v, %d) = %v, %v; the model finds none free", pool, used, bits, f.First, err)
				}
			} else if err != nil || f.First != want[0] {
				t.Fatalf("NextFree(%v, %v, %d) = %v, %v; the model says %v", pool, used, bits, f.First, err, want[0])
			}
			if !slices.Equal(f.Subnets, want) || f.Count.String() != itoa(len(want)) {
				t.Fatalf("NextFree(%v, %v, %d).Subnets = %v (%v); the model says %v", pool, used, bits, f.Subnets, f.Count, want)
			}
			// The blocks cover exactly the addresses no used prefix holds.
			for a := pool.Addr(); pool.Contains(a); a = a.Next() {
				free := !slices.ContainsFunc(used, func(u netip.Prefix) bool { return u.Contains(a) })
				inBlock := slices.ContainsFunc(f.Blocks, func(b netip.Prefix) bool { return b.Contains(a) })
				if free != inBlock {
					t.Fatalf("NextFree(%v, %v, %d): %v free %v but in a block %v", pool, used, bits, a, free, inBlock)
				}
			}
		}
	}
}

func itoa(n int) string { return tool.DeltaOf(int64(n)).String() }
