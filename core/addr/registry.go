package addr

import "net/netip"

// Flag is a yes/no column of the special-purpose registries (RFC 6890 Section 2.2.2) that may
// also be unknown. The zero Flag is Unknown.
type Flag uint8

// The flag values.
const (
	// Unknown means the registry says N/A (the answer depends on the mechanism, as for Teredo
	// and 6to4) or leaves the cell empty (a terminated row).
	Unknown Flag = iota
	False
	True
)

// String returns "true", "false" or "n/a".
func (f Flag) String() string {
	switch f {
	case True:
		return "true"
	case False:
		return "false"
	}
	return "n/a"
}

// Registry names the registry a [Row] comes from.
type Registry uint8

// The registries rows come from. The zero Registry is for the zero Row.
const (
	NoRegistry Registry = iota
	IPv4SpecialRegistry
	IPv6SpecialRegistry
	IPv4MulticastRegistry
	IPv6MulticastRegistry
)

// String returns the registry's title, such as "IANA IPv4 Special-Purpose Address Registry".
func (r Registry) String() string {
	switch r {
	case IPv4SpecialRegistry:
		return "IANA IPv4 Special-Purpose Address Registry"
	case IPv6SpecialRegistry:
		return "IANA IPv6 Special-Purpose Address Registry"
	case IPv4MulticastRegistry:
		return "IANA IPv4 Multicast Address Space Registry"
	case IPv6MulticastRegistry:
		return "IANA IPv6 Multicast Address Space Registry"
	}
	return ""
}

// block is an address block in a form the compiler can lay out statically: the address as two
// 64-bit halves (an IPv4 address in the low 32 bits of lo) and the prefix length.
type block struct {
	hi, lo uint64
	bits   uint8
	is4    bool
}

func (b block) prefix() netip.Prefix {
	if b.is4 {
		v := uint32(b.lo)
		return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), int(b.bits))
	}
	var a [16]byte
	for i := range 8 {
		a[i] = byte(b.hi >> (56 - 8*i))
		a[8+i] = byte(b.lo >> (56 - 8*i))
	}
	return netip.PrefixFrom(netip.AddrFrom16(a), int(b.bits))
}

// contains reports whether the address with halves hi, lo (IPv4 in the low 32 bits of lo when
// is4) lies in b. Shifts of 64 or more give 0 in Go, which makes /0 match everything.
func (b block) contains(hi, lo uint64, is4 bool) bool {
	if b.is4 != is4 {
		return false
	}
	if is4 {
		return (lo^b.lo)>>(32-b.bits) == 0
	}
	if b.bits <= 64 {
		return (hi^b.hi)>>(64-b.bits) == 0
	}
	return hi == b.hi && (lo^b.lo)>>(128-b.bits) == 0
}

// entry is one registry row. The tables of entries are composite literals of constants, so they
// are laid out at link time and never written.
type entry struct {
	blocks     [2]block
	nblocks    uint8
	registry   Registry
	kind       Kind
	name       string
	rfc        string
	allocated  string
	terminated string
	source     Flag
	dest       Flag
	forward    Flag
	global     Flag
	reserved   Flag
}

// Row is one row of an address registry, as matched against an address by [Classify]. Rows
// come from the IANA IPv4 and IPv6 special-purpose registries (RFC 6890) and from hand-written
// multicast rows. The zero Row matches nothing; its methods return zero values.
type Row struct {
	e       *entry
	matched uint8
}

// IsValid reports whether r is a row, not the zero Row.
func (r Row) IsValid() bool { return r.e != nil }

// Block returns the block of r that matched the address, or its first block for a row that
// did not come from [Classify].
func (r Row) Block() netip.Prefix {
	if r.e == nil {
		return netip.Prefix{}
	}
	return r.e.blocks[r.matched].prefix()
}

// Blocks returns every block of r; a few rows have two, such as 192.0.0.170/32 and
// 192.0.0.171/32.
func (r Row) Blocks() []netip.Prefix {
	if r.e == nil {
		return nil
	}
	out := make([]netip.Prefix, r.e.nblocks)
	for i := range out {
		out[i] = r.e.blocks[i].prefix()
	}
	return out
}

// Name returns the registry's name for the row, such as "Private-Use" or "Shared Address
// Space".
func (r Row) Name() string { return r.get().name }

// RFC returns the row's references as the registry writes them, such as
// "[RFC1122], Section 3.2.1.3", with line breaks collapsed into spaces.
func (r Row) RFC() string { return r.get().rfc }

// Allocated returns the allocation date as "YYYY-MM", or "" where the registry gives none.
func (r Row) Allocated() string { return r.get().allocated }

// Terminated returns the termination date as "YYYY-MM", or "" for a row still in force.
// A terminated row has Unknown flags.
func (r Row) Terminated() string { return r.get().terminated }

// Kind returns the kind of address the row describes.
func (r Row) Kind() Kind { return r.get().kind }

// Registry returns the registry the row comes from.
func (r Row) Registry() Registry { return r.get().registry }

// Source reports whether an address from the block may be used as a packet's source address.
func (r Row) Source() Flag { return r.get().source }

// Destination reports whether an address from the block may be used as a packet's
// destination address.
func (r Row) Destination() Flag { return r.get().dest }

// Forwardable reports whether a router may forward a packet with an address from the block
// as its destination.
func (r Row) Forwardable() Flag { return r.get().forward }

// GloballyReachable reports whether a packet to an address from the block may be forwarded
// beyond a single administrative domain, that is, across the internet.
func (r Row) GloballyReachable() Flag { return r.get().global }

// ReservedByProtocol reports whether the block is reserved by the IP protocol itself rather
// than merely assigned a use.
func (r Row) ReservedByProtocol() Flag { return r.get().reserved }

// get returns r's entry, or the zero entry for the zero Row.
func (r Row) get() entry {
	if r.e == nil {
		return entry{}
	}
	return *r.e
}

// String returns the matched block and the row's name, such as
// "10.0.0.0/8 Private-Use", for logs and test failures.
func (r Row) String() string {
	if r.e == nil {
		return "invalid row"
	}
	return r.Block().String() + " " + r.e.name
}

// maxRows bounds how many rows can contain one address; the registry tests check it.
const maxRows = 8

// rowSet is the fixed-size result of matching, so that Kind and Reachability do not allocate.
type rowSet struct {
	rows [maxRows]Row
	n    int
}

func (s *rowSet) slice() []Row { return s.rows[:s.n] }

// match collects every row containing a, most specific first; rows of equal specificity keep
// table order.
func match(a netip.Addr) rowSet {
	var s rowSet
	if !a.IsValid() {
		return s
	}
	var hi, lo uint64
	is4 := a.Is4()
	if is4 {
		b := a.As4()
		lo = uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
	} else {
		b := a.As16()
		for i := range 8 {
			hi = hi<<8 | uint64(b[i])
			lo = lo<<8 | uint64(b[8+i])
		}
	}
	add := func(table []entry) {
		for i := range table {
			e := &table[i]
			for j := range e.nblocks {
				if e.blocks[j].contains(hi, lo, is4) && s.n < maxRows {
					s.rows[s.n] = Row{e: e, matched: j}
					s.n++
					break
				}
			}
		}
	}
	add(specialRows[:])
	add(multicastRows[:])
	// Insertion sort: at most a handful of rows, and stable.
	for i := 1; i < s.n; i++ {
		for j := i; j > 0 && s.rows[j].bits() > s.rows[j-1].bits(); j-- {
			s.rows[j], s.rows[j-1] = s.rows[j-1], s.rows[j]
		}
	}
	return s
}

func (r Row) bits() uint8 { return r.e.blocks[r.matched].bits }

// Classify returns every registry row whose block contains a, most specific block first. An
// IPv4-mapped IPv6 address matches the IPv6 rows only (::ffff:0:0/96); classify its
// [netip.Addr.Unmap] for the IPv4 rows. The zone is ignored. An address in no special block, and
// the zero Addr, give nil.
func Classify(a netip.Addr) []Row {
	s := match(a)
	if s.n == 0 {
		return nil
	}
	return append([]Row(nil), s.slice()...)
}

// KindOf returns the kind of a: the kind of the most specific row containing it; if there is
// none, KindReserved for IPv6 space IANA has not assigned (outside 2000::/3, fc00::/7,
// fe80::/10 and ff00::/8) and KindPublic otherwise; KindInvalid for the zero Addr.
func KindOf(a netip.Addr) Kind {
	if !a.IsValid() {
		return KindInvalid
	}
	s := match(a)
	switch {
	case s.n > 0:
		return s.rows[0].e.kind
	case unassigned6(a):
		return KindReserved
	}
	return KindPublic
}

// Rows returns every row Classify knows, the IANA special-purpose registries first in registry
// order (IPv4, then IPv6), then the multicast rows.
func Rows() []Row {
	out := make([]Row, 0, len(specialRows)+len(multicastRows))
	for i := range specialRows {
		out = append(out, Row{e: &specialRows[i]})
	}
	for i := range multicastRows {
		out = append(out, Row{e: &multicastRows[i]})
	}
	return out
}
