package plan

import (
	"errors"
	"net/netip"
	"slices"
	"strconv"

	"github.com/netground/netground/core/subnet"
	"go4.org/netipx"

	"github.com/netground/netground/core/field"
)

// Request asks VLSM for a subnet with room for Hosts hosts.
type Request struct {
	Name  string
	Hosts uint64
}

// Allocation is the subnet VLSM gave one request.
type Allocation struct {
	Request
	Prefix netip.Prefix
	Usable subnet.Count // host addresses in Prefix
	Spare  subnet.Count // Usable - Hosts
}

// Layout is the result of VLSM.
type Layout struct {
	Within      netip.Prefix
	Allocations []Allocation   // largest first; equal sizes keep the input order
	Waste       subnet.Count   // sum of Spare: host addresses allocated but not asked for
	Free        []netip.Prefix // address space left over, as minimal CIDRs
	FreeCount   subnet.Count   // addresses in Free
}

// RequestError is a VLSM request that cannot be met. Index is its position
// in the input, for the UI to mark it.
type RequestError struct {
	Index  int
	Name   string
	Reason string
}

// Error returns `vlsm: "Name": Reason`.
func (e *RequestError) Error() string {
	return "vlsm: " + strconv.Quote(e.Name) + ": " + e.Reason
}

// VLSM allocates a subnet for each request inside within, largest first, so
// every subnet falls on its natural boundary with no gaps between them.
//
// Each IPv4 subnet is sized as a LAN that keeps its network and broadcast
// addresses, so it needs 2^h-2 ≥ Hosts: 2 hosts get a /30, never a /31. An
// IPv6 subnet needs 2^h ≥ Hosts. A request for 0 hosts, or the first request
// (in allocation order) that does not fit in the space left, is a
// *RequestError.
func VLSM(within netip.Prefix, reqs []Request) (Layout, error) {
	if !within.IsValid() {
		return Layout{}, errors.New("vlsm: no network given")
	}
	within = within.Masked()
	width := within.Addr().BitLen()
	is4 := within.Addr().Is4()
	type sized struct {
		index    int
		hostBits int
	}
	order := make([]sized, len(reqs))
	for i, r := range reqs {
		if r.Hosts == 0 {
			return Layout{}, &RequestError{i, r.Name, "asks for 0 hosts; ask for at least 1"}
		}
		order[i] = sized{i, hostBitsFor(r.Hosts, is4)}
	}
	slices.SortStableFunc(order, func(a, b sized) int { return b.hostBits - a.hostBits })

	out := Layout{Within: within, Allocations: make([]Allocation, 0, len(reqs))}
	left := subnet.Size(within)
	next := within.Addr()
	for _, o := range order {
		r := reqs[o.index]
		size := subnet.Pow2(o.hostBits)
		if o.hostBits > width-within.Bits() || size.Cmp(left) > 0 {
			why := "needs " + field.Count(r.Hosts, "host", "hosts") + ", "
			if o.hostBits > width {
				why += "more than " + familyName(within.Addr()) + " holds"
			} else {
				why += "a /" + strconv.Itoa(width-o.hostBits) + " (" + size.String() + " addresses), but only " + field.CountText(left.String(), "address is", "addresses are") + " left in " + within.String()
				if n := len(out.Allocations); n > 0 {
					why += " after " + field.Count(n, "larger or earlier subnet", "larger or earlier subnets")
				}
			}
			return Layout{}, &RequestError{o.index, r.Name, why}
		}
		p := netip.PrefixFrom(next, width-o.hostBits)
		usable := usableFor(o.hostBits, is4)
		out.Allocations = append(out.Allocations, Allocation{
			Request: r,
			Prefix:  p,
			Usable:  usable,
			Spare:   usable.Sub(subnet.CountOf(r.Hosts)),
		})
		out.Waste = out.Waste.Add(usable.Sub(subnet.CountOf(r.Hosts)))
		left = left.Sub(size)
		next = netipx.PrefixLastIP(p).Next()
	}
	if !left.IsZero() {
		out.Free = netipx.IPRangeFrom(next, netipx.PrefixLastIP(within)).Prefixes()
		out.FreeCount = left
	}
	return out, nil
}

// hostBitsFor returns the fewest host bits whose subnet holds hosts hosts.
func hostBitsFor(hosts uint64, is4 bool) int {
	if is4 {
		h := 2
		for h < 64 && (uint64(1)<<h)-2 < hosts {
			h++
		}
		return h
	}
	h := 0
	for h < 64 && uint64(1)<<h < hosts {
		h++
	}
	return h
}

func usableFor(hostBits int, is4 bool) subnet.Count {
	if is4 {
		return subnet.Pow2(hostBits).Sub(subnet.CountOf(2))
	}
	return subnet.Pow2(hostBits)
}
