package plan

import (
	"errors"
	"net/netip"
	"slices"

	"github.com/netground/netground/core/subnet"
	"go4.org/netipx"
)

// Summarize returns the fewest prefixes that cover exactly the addresses of
// ps: overlaps merge and adjacent halves join. IPv4 prefixes come first, each
// family in address order. Invalid prefixes are skipped.
func Summarize(ps []netip.Prefix) []netip.Prefix {
	// Sorting first lets one pass drop every prefix inside the one before
	// it, which in large pastes is most of them, before the set merges the
	// rest.
	sorted := make([]netip.Prefix, 0, len(ps))
	for _, p := range ps {
		if p.IsValid() {
			sorted = append(sorted, p.Masked())
		}
	}
	slices.SortFunc(sorted, func(a, b netip.Prefix) int {
		if c := a.Addr().Compare(b.Addr()); c != 0 {
			return c
		}
		return a.Bits() - b.Bits()
	})
	var b netipx.IPSetBuilder
	var last netip.Prefix
	for _, p := range sorted {
		if last.IsValid() && last.Bits() <= p.Bits() && last.Contains(p.Addr()) {
			continue
		}
		b.AddPrefix(p)
		last = p
	}
	set, _ := b.IPSet()
	return set.Prefixes()
}

// Cover is the single prefix that covers a list of prefixes.
type Cover struct {
	Prefix  netip.Prefix
	Covered subnet.Count // addresses of the list, overlaps counted once
	Extra   subnet.Count // addresses in Prefix that the list does not hold
}

// Supernet returns the longest single prefix that covers all of ps, and how
// many addresses it takes in beyond them. ps must be non-empty and of one
// family.
func Supernet(ps []netip.Prefix) (Cover, error) {
	var b netipx.IPSetBuilder
	var lo, hi netip.Addr
	for _, p := range ps {
		if !p.IsValid() {
			return Cover{}, errors.New("supernet: invalid prefix in the list")
		}
		p = p.Masked()
		if lo.IsValid() && lo.Is4() != p.Addr().Is4() {
			return Cover{}, errors.New("supernet: the list mixes IPv4 and IPv6; a prefix covers one family, so summarize each list on its own")
		}
		if !lo.IsValid() || p.Addr().Less(lo) {
			lo = p.Addr()
		}
		if last := netipx.PrefixLastIP(p); !hi.IsValid() || hi.Less(last) {
			hi = last
		}
		b.AddPrefix(p)
	}
	if !lo.IsValid() {
		return Cover{}, errors.New("supernet: the list is empty")
	}
	bits := lo.BitLen()
	for !netip.PrefixFrom(lo, bits).Masked().Contains(hi) {
		bits--
	}
	c := Cover{Prefix: netip.PrefixFrom(lo, bits).Masked()}
	set, _ := b.IPSet()
	for _, r := range set.Ranges() {
		c.Covered = c.Covered.Add(rangeSize(r))
	}
	c.Extra = subnet.Size(c.Prefix).Sub(c.Covered)
	return c, nil
}

func rangeSize(r netipx.IPRange) subnet.Count {
	var n subnet.Count
	for _, p := range r.Prefixes() {
		n = n.Add(subnet.Size(p))
	}
	return n
}

// RangePrefixes returns the fewest prefixes that cover first through last,
// inclusive. Both must be valid addresses of one family, first not after
// last.
func RangePrefixes(first, last netip.Addr) ([]netip.Prefix, error) {
	switch {
	case !first.IsValid() || !last.IsValid():
		return nil, errors.New("range: both the first and the last address are needed")
	case first.Is4() != last.Is4():
		return nil, errors.New("range " + first.String() + "-" + last.String() + ": the ends mix IPv4 and IPv6")
	case last.Less(first):
		return nil, errors.New("range " + first.String() + "-" + last.String() + ": the first address comes after the last; swap them")
	}
	return netipx.IPRangeFrom(first, last).Prefixes(), nil
}

// Exclude returns from without the addresses of remove, as the fewest
// prefixes in address order. Prefixes in remove that lie outside from, or in
// the other family, change nothing.
func Exclude(from netip.Prefix, remove ...netip.Prefix) []netip.Prefix {
	if !from.IsValid() {
		return nil
	}
	return without(from, remove).Prefixes()
}

// Gaps returns the ranges of within that no prefix of ps covers, in address
// order: the free space around a list of subnets. Parts of ps outside within
// and invalid prefixes are ignored; an invalid within has no gaps.
func Gaps(within netip.Prefix, ps []netip.Prefix) []netipx.IPRange {
	if !within.IsValid() {
		return nil
	}
	return without(within, ps).Ranges()
}

// without returns the addresses of the valid prefix from that no valid
// prefix of remove holds.
func without(from netip.Prefix, remove []netip.Prefix) *netipx.IPSet {
	var b netipx.IPSetBuilder
	b.AddPrefix(from.Masked())
	for _, p := range remove {
		if p.IsValid() {
			b.RemovePrefix(p.Masked())
		}
	}
	set, _ := b.IPSet()
	return set
}
