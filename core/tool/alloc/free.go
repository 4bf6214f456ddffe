package alloc

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/netground/netground/core/internal/u128"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/core/tool"
	"go4.org/netipx"
)

// ErrNoRoom is the cause of NextFree's error when no subnet of the asked
// length is free in the pool; find it with errors.Is.
var ErrNoRoom = errors.New("no free subnet of that length")

// DefaultLimit is the number of subnets and blocks NextFree lists when its
// limit is 0 or less.
const DefaultLimit = 256

// Free is the free space of a pool, as NextFree finds it.
type Free struct {
	Pool netip.Prefix // the pool, masked
	Bits int          // the prefix length asked for

	// First is the first free /Bits in address order; the zero Prefix if
	// none is free.
	First netip.Prefix
	// Subnets are the first free /Bits in address order, at most the limit
	// given to NextFree; Count is how many are free in all.
	Subnets []netip.Prefix
	Count   subnet.Count

	// Blocks is the whole free space as the fewest aligned prefixes, in
	// address order, at most the limit; BlockCount is how many there are in
	// all.
	Blocks     []netip.Prefix
	BlockCount int
}

// NextFree finds where a /bits fits in the pool once the prefixes in used
// are taken: the first free /bits, the free /bits in order, and every free
// block (the pool minus used, as netipx.IPSet's Prefixes gives it). used may
// overlap each other and reach outside the pool. Host bits set in the pool
// and in used are ignored. IPv4 and IPv6 work alike; an IPv4-mapped prefix
// is IPv6. Lists stop at limit entries, or DefaultLimit if limit is 0 or
// less, and the counts say how many there are in all.
//
// NextFree fails if the pool is invalid, if bits is shorter than the pool or
// longer than the family's address, or if a used prefix is invalid or of the
// other family. If no /bits is free it returns the Free it found, with its
// Blocks, and an error wrapping ErrNoRoom.
func NextFree(pool netip.Prefix, used []netip.Prefix, bits, limit int) (Free, error) {
	if !pool.IsValid() {
		return Free{}, fail("pool", "", "no prefix")
	}
	pool = pool.Masked()
	is4 := pool.Addr().Is4()
	bitLen := pool.Addr().BitLen()
	switch {
	case bits < pool.Bits():
		return Free{}, fail("pool", pool.String(), fmt.Sprintf(
			"a /%d is larger than the pool, a /%d; ask for a length from /%d to /%d", bits, pool.Bits(), pool.Bits(), bitLen))
	case bits > bitLen:
		return Free{}, fail("pool", pool.String(), fmt.Sprintf(
			"a /%d is longer than the %d bits of %s; ask for a length from /%d to /%d", bits, bitLen, family(pool.Addr()), pool.Bits(), bitLen))
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	var b netipx.IPSetBuilder
	b.AddPrefix(pool)
	for _, u := range used {
		switch {
		case !u.IsValid():
			return Free{}, fail("used prefix", "", "no prefix")
		case u.Addr().Is4() != is4:
			return Free{}, fail("used prefix", u.String(), fmt.Sprintf(
				"is %s and the pool %v is %s", family(u.Addr()), pool, family(pool.Addr())))
		}
		b.RemovePrefix(u.Masked())
	}
	set, err := b.IPSet()
	if err != nil {
		return Free{}, &tool.Error{What: "pool", Input: pool.String(), Reason: err.Error(), Err: err}
	}
	blocks := set.Prefixes()
	f := Free{Pool: pool, Bits: bits, BlockCount: len(blocks), Blocks: blocks[:min(len(blocks), limit)]}
	step := u128.Uint128{Lo: 1}.Shl(bitLen - bits)
	largest := bitLen + 1
	for _, blk := range blocks {
		largest = min(largest, blk.Bits())
		if blk.Bits() > bits {
			continue
		}
		if !f.First.IsValid() {
			f.First = netip.PrefixFrom(blk.Addr(), bits)
		}
		n := subnet.Pow2(bits - blk.Bits())
		f.Count = f.Count.Add(n)
		at := u128.FromAddr(blk.Addr())
		for k := subnet.CountOf(0); len(f.Subnets) < limit && k.Cmp(n) < 0; k = k.Add(subnet.CountOf(1)) {
			f.Subnets = append(f.Subnets, netip.PrefixFrom(at.Addr(is4), bits))
			at, _ = at.Add(step)
		}
	}
	if !f.First.IsValid() {
		reason := fmt.Sprintf("no /%d is free: the pool is fully used", bits)
		if len(blocks) > 0 {
			reason = fmt.Sprintf("no /%d is free: the largest free block is a /%d", bits, largest)
		}
		return f, &tool.Error{What: "pool", Input: pool.String(), Reason: reason, Err: ErrNoRoom}
	}
	return f, nil
}

// fail returns the error about the input of what, in the form every tool
// shares.
func fail(what, input, reason string) *tool.Error {
	return &tool.Error{What: what, Input: input, Reason: reason}
}

// family names the address family of a.
func family(a netip.Addr) string {
	if a.Is4() {
		return "IPv4"
	}
	return "IPv6"
}
