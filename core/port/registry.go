package port

import (
	"cmp"
	"iter"
	"slices"
	"strconv"
	"strings"
)

// Record is one entry of the IANA Service Name and Transport Protocol Port
// Number registry (RFC 6335): a service name, a port or port range, the
// transports it is assigned for, a description and a reference. Rows of the
// registry that differ only in their transport are one Record.
//
// A Record without a name is an unassigned or reserved port or range. A
// Record without a port is a service name registered without one (for
// example for DNS SRV records). A Record with no transports is a row whose
// transport cell is empty; it applies to every transport.
//
// The zero Record has no name, no port and no transport.
type Record struct {
	name        string
	description string
	reference   string
	first, last uint16
	hasPort     bool
	transport   Transport
}

// Name returns the service name as the registry spells it (service names are
// case-insensitive), or "" for an unassigned or reserved port.
func (r Record) Name() string { return r.name }

// Description returns the registry's description, which may hold a newline.
func (r Record) Description() string { return r.description }

// Reference returns the registry's reference cell, such as "[RFC4253]", or "".
func (r Record) Reference() string { return r.reference }

// Transport returns the transports the record is assigned for; the empty set
// when the registry row names none.
func (r Record) Transport() Transport { return r.transport }

// Ports returns the first and last port of the record, equal for a single
// port, and whether the record has a port at all.
func (r Record) Ports() (first, last uint16, ok bool) { return r.first, r.last, r.hasPort }

// HasPort reports whether the record has a port or port range.
func (r Record) HasPort() bool { return r.hasPort }

// IsRange reports whether the record covers more than one port, like x11 on
// 6000-6063.
func (r Record) IsRange() bool { return r.hasPort && r.first != r.last }

// Contains reports whether the record's port or range includes p.
func (r Record) Contains(p uint16) bool { return r.hasPort && r.first <= p && p <= r.last }

// IsAssigned reports whether the record names a service. Unassigned and
// reserved ports have no name.
func (r Record) IsAssigned() bool { return r.name != "" }

// PortString returns the port as the registry writes it: "22", "6000-6063",
// or "" for a record without a port.
func (r Record) PortString() string {
	switch {
	case !r.hasPort:
		return ""
	case r.first == r.last:
		return strconv.Itoa(int(r.first))
	}
	return strconv.Itoa(int(r.first)) + "-" + strconv.Itoa(int(r.last))
}

// searchKey holds a record's name and description in ASCII lowercase.
type searchKey struct {
	name, description string
}

// Registry is a decoded, immutable copy of the IANA port registry with
// indexes by port and by service name. It is safe for concurrent use.
type Registry struct {
	snapshot string
	records  []Record
	keys     []searchKey
	byName   []int32 // records with a name, by lowercase name then registry order
	byPort   []int32 // records with a single port, by port then registry order
	ranges   []int32 // records with a port range, in registry order
}

// ParseRegistry decodes the compact registry that go generate writes to
// data/services.bin from the IANA CSV. It returns an error, never a panic,
// for any other input.
func ParseRegistry(data []byte) (*Registry, error) {
	return parseRegistry(string(data))
}

func parseRegistry(s string) (*Registry, error) {
	snapshot, recs, keys, err := decodeCompact(s)
	if err != nil {
		return nil, err
	}
	r := &Registry{snapshot: snapshot, records: recs, keys: keys}
	for i, rec := range recs {
		if rec.name != "" {
			r.byName = append(r.byName, int32(i))
		}
		switch {
		case rec.IsRange():
			r.ranges = append(r.ranges, int32(i))
		case rec.hasPort:
			r.byPort = append(r.byPort, int32(i))
		}
	}
	slices.SortFunc(r.byName, func(a, b int32) int {
		return cmp.Or(strings.Compare(keys[a].name, keys[b].name), cmp.Compare(a, b))
	})
	slices.SortFunc(r.byPort, func(a, b int32) int {
		return cmp.Or(cmp.Compare(recs[a].first, recs[b].first), cmp.Compare(a, b))
	})
	return r, nil
}

// Snapshot returns the date of the registry snapshot: the latest
// registration or modification date in it, such as "2025-03-28".
func (r *Registry) Snapshot() string { return r.snapshot }

// Len returns the number of records.
func (r *Registry) Len() int { return len(r.records) }

// All returns the records in registry order, which is port order with the
// service names without a port last.
func (r *Registry) All() iter.Seq[Record] {
	return func(yield func(Record) bool) {
		for _, rec := range r.records {
			if !yield(rec) {
				return
			}
		}
	}
}

// matches reports whether a record assigned for u is found by a query for t:
// an empty t asks for every transport, and a record naming no transport
// applies to all.
func matches(u, t Transport) bool { return t == 0 || u == 0 || u.Overlaps(t) }

// Lookup returns the records whose port or range includes p, for transport t
// or for every transport if t is empty, in registry order. Unassigned and
// reserved ranges are included, so every port from 0 to 49151 finds at least
// one record in the full registry; the dynamic ports 49152-65535 have none.
func (r *Registry) Lookup(p uint16, t Transport) []Record {
	var idx []int32
	lo, _ := slices.BinarySearchFunc(r.byPort, p, func(i int32, p uint16) int { return cmp.Compare(r.records[i].first, p) })
	for _, i := range r.byPort[lo:] {
		if r.records[i].first != p {
			break
		}
		idx = append(idx, i)
	}
	for _, i := range r.ranges {
		if r.records[i].Contains(p) {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	var out []Record
	for _, i := range idx {
		if matches(r.records[i].transport, t) {
			out = append(out, r.records[i])
		}
	}
	return out
}

// Service returns the records registered under the service name, compared
// without regard to ASCII case, for transport t or for every transport if t
// is empty, in registry order. It does not resolve aliases; Search does.
func (r *Registry) Service(name string, t Transport) []Record {
	var out []Record
	for _, i := range r.nameRange(asciiLower(name), false) {
		if matches(r.records[i].transport, t) {
			out = append(out, r.records[i])
		}
	}
	return out
}

// nameRange returns the part of byName whose lowercase names equal key, or
// start with it when prefix is true.
func (r *Registry) nameRange(key string, prefix bool) []int32 {
	lo, _ := slices.BinarySearchFunc(r.byName, key, func(i int32, key string) int {
		return strings.Compare(r.keys[i].name, key)
	})
	hi := lo
	for hi < len(r.byName) {
		name := r.keys[r.byName[hi]].name
		if name != key && !(prefix && strings.HasPrefix(name, key)) {
			break
		}
		hi++
	}
	return r.byName[lo:hi]
}
