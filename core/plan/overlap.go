package plan

import (
	"cmp"
	"net/netip"
	"slices"
)

// Named is a network with a name people recognise, such as "Docker bridge"
// and 172.17.0.0/16.
type Named struct {
	Name   string
	Prefix netip.Prefix
}

// Relation is how two overlapping prefixes relate. Two prefixes either do not
// overlap at all, or one contains the other.
type Relation uint8

const (
	// RelationNone is the zero Relation: the prefixes do not overlap.
	RelationNone Relation = iota
	// RelationEqual: both are the same prefix.
	RelationEqual
	// RelationContains: A contains all of B, and more.
	RelationContains
)

// String returns "equal", "contains" or "none".
func (r Relation) String() string {
	switch r {
	case RelationEqual:
		return "equal"
	case RelationContains:
		return "contains"
	}
	return "none"
}

// Clash is a pair of overlapping networks. A is the larger one, or the
// earlier in the input when they are equal.
type Clash struct {
	A, B        Named
	Relation    Relation
	Explanation string
}

// OverlapReport lists the clashes among a set of networks, each family on
// its own: an IPv4 and an IPv6 network never overlap. IPv4-mapped IPv6
// prefixes count as IPv6.
type OverlapReport struct {
	IPv4, IPv6 []Clash
	// Truncated reports whether more than MaxClashes pairs clash and the
	// lists stop there.
	Truncated bool
}

// MaxClashes bounds the pairs an OverlapReport lists. n copies of one
// prefix clash in n(n-1)/2 pairs, so a long paste could otherwise exhaust
// the browser's memory.
const MaxClashes = 10000

// Overlaps reports every pair of nets that overlap, equal or contain one
// another, up to MaxClashes pairs. Prefixes are compared with their host
// bits cleared; invalid ones are skipped. It runs in O(n log n) plus the
// number of clashes.
func Overlaps(nets []Named) OverlapReport {
	type item struct {
		Named
		index int
	}
	var v4, v6 []item
	for i, n := range nets {
		if !n.Prefix.IsValid() {
			continue
		}
		n.Prefix = n.Prefix.Masked()
		if n.Prefix.Addr().Is4() {
			v4 = append(v4, item{n, i})
		} else {
			v6 = append(v6, item{n, i})
		}
	}
	var r OverlapReport
	left := MaxClashes
	sweep := func(items []item) []Clash {
		slices.SortFunc(items, func(a, b item) int {
			if c := a.Prefix.Addr().Compare(b.Prefix.Addr()); c != 0 {
				return c
			}
			if c := cmp.Compare(a.Prefix.Bits(), b.Prefix.Bits()); c != 0 {
				return c
			}
			return cmp.Compare(a.index, b.index)
		})
		// open holds a chain of nested prefixes, each containing the next.
		var open []item
		var out []Clash
		for _, it := range items {
			for len(open) > 0 && !open[len(open)-1].Prefix.Contains(it.Prefix.Addr()) {
				open = open[:len(open)-1]
			}
			for _, o := range open {
				if left == 0 {
					r.Truncated = true
					return out
				}
				out = append(out, clash(o.Named, it.Named))
				left--
			}
			open = append(open, it)
		}
		return out
	}
	r.IPv4 = sweep(v4)
	r.IPv6 = sweep(v6)
	return r
}

func clash(a, b Named) Clash {
	if a.Prefix == b.Prefix {
		return Clash{a, b, RelationEqual, label(a) + " and " + label(b) + " are the same network: a host cannot tell which one an address belongs to"}
	}
	return Clash{a, b, RelationContains, label(a) + " contains " + label(b) + ": traffic for " + b.Prefix.String() + " matches both, and the more specific route wins where both are routed"}
}

func label(n Named) string {
	if n.Name == "" {
		return n.Prefix.String()
	}
	return n.Name + " (" + n.Prefix.String() + ")"
}
