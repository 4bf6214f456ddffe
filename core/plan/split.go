// Package plan lays out address space: splitting a network into equal
// subnets (paged, so even ::/0 into /128s answers at once), VLSM allocation
// by host counts, summarizing, ranges to CIDRs, exclusion, overlap reports
// for named networks, longest-prefix-match routing lookups, and a parser for
// pasted lists.
//
// Counts of addresses and subnets are exact subnet.Count values.
package plan

import (
	"errors"
	"iter"
	"math/bits"
	"net/netip"
	"strconv"

	"github.com/netground/netground/core/subnet"

	"github.com/netground/netground/core/field"
)

// Split is a network divided into equal subnets of one length. It computes
// any subnet from its index, so it never holds the subnets themselves.
//
// The zero Split is invalid and has no subnets. Split is comparable.
type Split struct {
	parent netip.Prefix // masked
	bits   int
	asked  uint64 // parts requested by SplitParts, or 0
}

// SplitBits divides p into subnets of length bits. bits must lie between
// p.Bits() and the family's width.
func SplitBits(p netip.Prefix, bits int) (Split, error) {
	if !p.IsValid() {
		return Split{}, errors.New("split: no network given")
	}
	name := "split " + p.String() + " into /" + strconv.Itoa(bits) + ": "
	switch {
	case bits > p.Addr().BitLen():
		return Split{}, errors.New(name + "prefix length " + strconv.Itoa(bits) + " is longer than the " + strconv.Itoa(p.Addr().BitLen()) + " bits of " + familyName(p.Addr()))
	case bits < p.Bits():
		return Split{}, errors.New(name + "a /" + strconv.Itoa(bits) + " is larger than the /" + strconv.Itoa(p.Bits()) + " it would split; use /" + strconv.Itoa(p.Bits()) + " or longer")
	}
	return Split{parent: p.Masked(), bits: bits}, nil
}

// SplitParts divides p into at least n equal subnets. Equal subnets come in
// powers of two, so n is rounded up to the next one; Note says so when it
// happens.
func SplitParts(p netip.Prefix, n uint64) (Split, error) {
	if !p.IsValid() {
		return Split{}, errors.New("split: no network given")
	}
	name := "split " + p.String() + " into " + field.Count(n, "part", "parts") + ": "
	if n == 0 {
		return Split{}, errors.New(name + "the number of parts must be at least 1")
	}
	extra := bits.Len64(n - 1) // ceil(log2 n)
	if p.Bits()+extra > p.Addr().BitLen() {
		return Split{}, errors.New(name + "a /" + strconv.Itoa(p.Bits()) + " holds only " + field.CountText(subnet.Size(p).String(), "address", "addresses") + ", so at most that many parts")
	}
	return Split{parent: p.Masked(), bits: p.Bits() + extra, asked: n}, nil
}

// IsValid reports whether s is a split, not the zero value.
func (s Split) IsValid() bool { return s.parent.IsValid() }

// Parent returns the network being split.
func (s Split) Parent() netip.Prefix { return s.parent }

// Bits returns the length of each subnet.
func (s Split) Bits() int { return s.bits }

// Total returns the exact number of subnets, 2^(Bits-Parent.Bits), or 0 for
// the zero Split.
func (s Split) Total() subnet.Count {
	if !s.IsValid() {
		return subnet.Count{}
	}
	return subnet.Pow2(s.bits - s.parent.Bits())
}

// Note explains a rounding done by SplitParts, such as "6 parts rounded up to
// 8 (/27 each), because equal subnets come in powers of two; 2 are spare",
// or returns "" when none was needed.
func (s Split) Note() string {
	total := s.Total()
	if s.asked == 0 || total == subnet.CountOf(s.asked) {
		return ""
	}
	return strconv.FormatUint(s.asked, 10) + " parts rounded up to " + total.String() + " (/" + strconv.Itoa(s.bits) + " each), because equal subnets come in powers of two; " + total.Sub(subnet.CountOf(s.asked)).String() + " spare"
}

// At returns subnet i (from 0), or the zero Prefix if i is not below Total.
func (s Split) At(i subnet.Count) netip.Prefix {
	if !s.IsValid() {
		return netip.Prefix{}
	}
	return subnet.Nth(s.parent, s.bits, i)
}

// Index returns the position of the subnet holding addr, and reports whether
// addr lies in the parent.
func (s Split) Index(addr netip.Addr) (subnet.Count, bool) {
	if !s.IsValid() || !s.parent.Contains(addr) {
		return subnet.Count{}, false
	}
	return subnet.Index(s.parent, netip.PrefixFrom(addr, s.bits))
}

// Page returns up to limit subnets starting at index offset. It allocates
// only the page, however large Total is; past the end it returns nil.
func (s Split) Page(offset subnet.Count, limit int) []netip.Prefix {
	first := s.At(offset)
	if !first.IsValid() || limit <= 0 {
		return nil
	}
	left := s.Total().Sub(offset)
	if n, ok := left.Uint64(); ok && n < uint64(limit) {
		limit = int(n)
	}
	page := make([]netip.Prefix, 0, limit)
	for p := first; len(page) < limit; p = subnet.NextPrefix(p) {
		page = append(page, p)
	}
	return page
}

// All yields every subnet in order. It is lazy: stop early for huge splits.
func (s Split) All() iter.Seq[netip.Prefix] {
	return func(yield func(netip.Prefix) bool) {
		if !s.IsValid() {
			return
		}
		for p := s.At(subnet.Count{}); p.IsValid() && s.parent.Contains(p.Addr()); p = subnet.NextPrefix(p) {
			if !yield(p) {
				return
			}
		}
	}
}

func familyName(a netip.Addr) string {
	if a.Is4() {
		return "IPv4"
	}
	return "IPv6"
}
