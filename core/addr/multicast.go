package addr

import "net/netip"

// multicastRows are the multicast blocks, which live in their own IANA registries rather than in
// the special-purpose ones. Their flags follow the RFCs cited: a multicast address is never a
// source (RFC 1112 Section 4, RFC 4291 Section 2.7), and whether it is reachable beyond the
// local network depends on its scope, so GloballyReachable is Unknown except where the block
// fixes the scope. The multicast registries give no allocation dates.
var multicastRows = [...]entry{
	{ // 224.0.0.0/4
		blocks: [2]block{{lo: 0xe0000000, bits: 4, is4: true}}, nblocks: 1,
		registry: IPv4MulticastRegistry, kind: KindMulticast,
		name: "Multicast", rfc: "[RFC5771]",
		source: False, dest: True, forward: True, global: Unknown, reserved: False,
	},
	{ // 224.0.0.0/24
		blocks: [2]block{{lo: 0xe0000000, bits: 24, is4: true}}, nblocks: 1,
		registry: IPv4MulticastRegistry, kind: KindMulticast,
		name: "Local Network Control Block", rfc: "[RFC5771], Section 4",
		source: False, dest: True, forward: False, global: False, reserved: False,
	},
	{ // 232.0.0.0/8
		blocks: [2]block{{lo: 0xe8000000, bits: 8, is4: true}}, nblocks: 1,
		registry: IPv4MulticastRegistry, kind: KindMulticast,
		name: "Source-Specific Multicast Block", rfc: "[RFC4607]",
		source: False, dest: True, forward: True, global: Unknown, reserved: False,
	},
	{ // 239.0.0.0/8
		blocks: [2]block{{lo: 0xef000000, bits: 8, is4: true}}, nblocks: 1,
		registry: IPv4MulticastRegistry, kind: KindMulticast,
		name: "Administratively Scoped Block", rfc: "[RFC2365]",
		source: False, dest: True, forward: True, global: False, reserved: False,
	},
	{ // ff00::/8
		blocks: [2]block{{hi: 0xff00000000000000, bits: 8}}, nblocks: 1,
		registry: IPv6MulticastRegistry, kind: KindMulticast,
		name: "Multicast", rfc: "[RFC4291], Section 2.7",
		source: False, dest: True, forward: True, global: Unknown, reserved: False,
	},
}

// Scope is the reach of a multicast address: for IPv6 the 4-bit scope field (RFC 4291
// Section 2.7, RFC 7346), for IPv4 the scope implied by the block (RFC 5771, RFC 2365).
// The zero Scope is ScopeReserved0, which RFC 4291 reserves; [MulticastScope] reports ok=false
// rather than returning it for a non-multicast address.
type Scope uint8

// The scopes, numbered as in the IPv6 scope field.
const (
	ScopeReserved0         Scope = 0x0
	ScopeInterfaceLocal    Scope = 0x1
	ScopeLinkLocal         Scope = 0x2
	ScopeRealmLocal        Scope = 0x3
	ScopeAdminLocal        Scope = 0x4
	ScopeSiteLocal         Scope = 0x5
	ScopeOrganizationLocal Scope = 0x8
	ScopeGlobal            Scope = 0xe
	ScopeReservedF         Scope = 0xf
)

// String returns the scope's name: "interface-local", "link-local", "realm-local",
// "admin-local", "site-local", "organization-local", "global", "reserved" (0 and f) or
// "unassigned" (6, 7 and 9 to d, which RFC 7346 leaves to administrators).
func (s Scope) String() string {
	switch s {
	case ScopeInterfaceLocal:
		return "interface-local"
	case ScopeLinkLocal:
		return "link-local"
	case ScopeRealmLocal:
		return "realm-local"
	case ScopeAdminLocal:
		return "admin-local"
	case ScopeSiteLocal:
		return "site-local"
	case ScopeOrganizationLocal:
		return "organization-local"
	case ScopeGlobal:
		return "global"
	case ScopeReserved0, ScopeReservedF:
		return "reserved"
	}
	if s < 16 {
		return "unassigned"
	}
	return "invalid"
}

// MulticastScope returns the scope of the multicast address a and true, or false if a is not
// multicast. IPv6 takes the scope from the 4th nibble (ff02::1 is link-local). IPv4 has no
// scope field: 224.0.0.0/24 is link-local (RFC 5771), 239.0.0.0/8 is organization-local
// (administratively scoped, RFC 2365) and the rest of 224.0.0.0/4 is global.
func MulticastScope(a netip.Addr) (Scope, bool) {
	if !a.IsMulticast() {
		return 0, false
	}
	if a.Is4() {
		b := a.As4()
		switch {
		case b[0] == 224 && b[1] == 0 && b[2] == 0:
			return ScopeLinkLocal, true
		case b[0] == 239:
			return ScopeOrganizationLocal, true
		}
		return ScopeGlobal, true
	}
	return Scope(a.As16()[1] & 0x0f), true
}

// MulticastFlags holds the four flag bits of an IPv6 multicast address, the 3rd nibble
// (ff1e:: has flags 1). The zero MulticastFlags is a well-known address with no flags set.
type MulticastFlags uint8

// Transient reports whether the T flag is set: the address is assigned dynamically rather than
// permanently by IANA (RFC 4291 Section 2.7).
func (f MulticastFlags) Transient() bool { return f&0x1 != 0 }

// WellKnown reports whether the T flag is clear: the address is permanently assigned by IANA.
func (f MulticastFlags) WellKnown() bool { return f&0x1 == 0 }

// Prefix reports whether the P flag is set: the address embeds a unicast prefix (RFC 3306).
func (f MulticastFlags) Prefix() bool { return f&0x2 != 0 }

// RendezvousPoint reports whether the R flag is set: the address embeds the address of a PIM
// rendezvous point (RFC 3956).
func (f MulticastFlags) RendezvousPoint() bool { return f&0x4 != 0 }

// String returns "well-known" or "transient", followed by ", prefix-based" and
// ", rendezvous-point" when those flags are set.
func (f MulticastFlags) String() string {
	s := "well-known"
	if f.Transient() {
		s = "transient"
	}
	if f.Prefix() {
		s += ", prefix-based"
	}
	if f.RendezvousPoint() {
		s += ", rendezvous-point"
	}
	return s
}

// MulticastFlagsOf returns the flags of the IPv6 multicast address a and true, or false if a is
// not an IPv6 multicast address.
func MulticastFlagsOf(a netip.Addr) (MulticastFlags, bool) {
	if !a.Is6() || !a.IsMulticast() {
		return 0, false
	}
	return MulticastFlags(a.As16()[1] >> 4), true
}
