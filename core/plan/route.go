package plan

import (
	"errors"
	"net/netip"
	"slices"
	"strconv"
)

// Route is one entry of a routing table. A route without a NextHop is a
// connected subnet: its destinations are on the link of Interface.
type Route struct {
	Prefix    netip.Prefix
	NextHop   netip.Addr // zero for a connected subnet
	Interface string     // may be empty for a static route; found from the connected routes
}

// RouteKind classifies a route.
type RouteKind uint8

const (
	// KindConnected is a subnet on one of the host's own links.
	KindConnected RouteKind = iota
	// KindStatic is a route to a prefix through a next hop.
	KindStatic
	// KindDefault is a route for /0: everything no other route matches.
	KindDefault
)

// String returns "connected", "static" or "default".
func (k RouteKind) String() string {
	switch k {
	case KindStatic:
		return "static"
	case KindDefault:
		return "default"
	}
	return "connected"
}

// Kind reports whether r is a connected, static or default route.
func (r Route) Kind() RouteKind {
	switch {
	case r.Prefix.IsValid() && r.Prefix.Bits() == 0:
		return KindDefault
	case r.NextHop.IsValid():
		return KindStatic
	}
	return KindConnected
}

// Table is a routing table for longest-prefix-match lookups. Build it with
// NewTable; the zero Table has no routes and matches nothing.
type Table struct {
	routes []Route              // as given, prefixes masked
	index  map[netip.Prefix]int // masked prefix → position in routes
	lens4  []int                // distinct IPv4 prefix lengths, longest first
	lens6  []int
}

// NewTable builds a table from routes. Each prefix may appear once. A route
// needs a valid prefix; a connected route needs an Interface; a next hop must
// be of the prefix's family.
func NewTable(routes []Route) (Table, error) {
	t := Table{routes: make([]Route, len(routes)), index: make(map[netip.Prefix]int, len(routes))}
	for i, r := range routes {
		name := "route " + strconv.Itoa(i+1) + " (" + r.Prefix.String() + "): "
		switch {
		case !r.Prefix.IsValid():
			return Table{}, errors.New(name + "the destination prefix is missing or invalid")
		case r.NextHop.IsValid() && r.NextHop.Is4() != r.Prefix.Addr().Is4():
			return Table{}, errors.New(name + "the next hop " + r.NextHop.String() + " is " + familyName(r.NextHop) + " but the prefix is " + familyName(r.Prefix.Addr()))
		case !r.NextHop.IsValid() && r.Interface == "":
			return Table{}, errors.New(name + "a route needs a next hop or an interface")
		}
		r.Prefix = r.Prefix.Masked()
		if j, dup := t.index[r.Prefix]; dup {
			return Table{}, errors.New(name + "the same prefix as route " + strconv.Itoa(j+1) + "; keep one")
		}
		t.routes[i] = r
		t.index[r.Prefix] = i
		if r.Prefix.Addr().Is4() {
			t.lens4 = append(t.lens4, r.Prefix.Bits())
		} else {
			t.lens6 = append(t.lens6, r.Prefix.Bits())
		}
	}
	for _, lens := range []*[]int{&t.lens4, &t.lens6} {
		slices.Sort(*lens)
		slices.Reverse(*lens)
		*lens = slices.Compact(*lens)
	}
	return t, nil
}

// Routes returns the routes in the order given.
func (t Table) Routes() []Route { return slices.Clone(t.routes) }

// Hop is the outcome of a lookup.
type Hop struct {
	Route       Route      // the matched route
	NextHop     netip.Addr // the destination itself for a connected route
	Interface   string     // where the packet leaves; may be empty if unknown
	Explanation string
}

// Lookup finds the most specific route whose prefix holds dst and reports
// whether one matched. A static route without an interface takes the
// interface of the route to its next hop.
func (t Table) Lookup(dst netip.Addr) (Hop, bool) {
	r, ok := t.match(dst)
	if !ok {
		return Hop{}, false
	}
	h := Hop{Route: r, NextHop: r.NextHop, Interface: r.Interface}
	if r.Kind() == KindConnected {
		h.NextHop = dst
		h.Explanation = dst.String() + " is on the connected subnet " + r.Prefix.String() + ": it is sent directly out of " + r.Interface + "."
		return h, true
	}
	if h.Interface == "" {
		// Resolve through the table, as a router does, but stop at loops.
		hop := r.NextHop
		for range 8 {
			via, ok := t.match(hop)
			if !ok || via == r {
				break
			}
			if via.Interface != "" && via.Kind() == KindConnected {
				h.Interface = via.Interface
				break
			}
			if !via.NextHop.IsValid() || via.NextHop == hop {
				break
			}
			hop = via.NextHop
		}
	}
	kind := "the static route"
	if r.Kind() == KindDefault {
		kind = "the default route"
	}
	h.Explanation = dst.String() + " matches " + kind + " " + r.Prefix.String() + " (the longest prefix that contains it): it is sent to the next hop " + r.NextHop.String()
	if h.Interface != "" {
		h.Explanation += " out of " + h.Interface
	}
	h.Explanation += "."
	return h, true
}

func (t Table) match(dst netip.Addr) (Route, bool) {
	if !dst.IsValid() {
		return Route{}, false
	}
	dst = dst.WithZone("")
	lens := t.lens6
	if dst.Is4() {
		lens = t.lens4
	}
	for _, bits := range lens {
		if i, ok := t.index[netip.PrefixFrom(dst, bits).Masked()]; ok {
			return t.routes[i], true
		}
	}
	return Route{}, false
}
