package addr

import (
	"net/netip"
	"strconv"
)

// Answer is the short answer to "can the internet reach this address?". The zero Answer is no
// answer at all, for the zero Addr; its String is "".
type Answer uint8

// The answers.
const (
	Yes     Answer = iota + 1 // globally reachable, though a firewall may still block it
	No                        // not reachable from the internet
	Depends                   // depends on a scope, a mechanism or an embedded IPv4 address
)

// String returns "yes", "no" or "depends".
func (a Answer) String() string {
	switch a {
	case Yes:
		return "yes"
	case No:
		return "no"
	case Depends:
		return "depends"
	}
	return ""
}

// Verdict answers whether the internet can reach an address, and why, in words for people
// learning networking. The zero Verdict is the verdict on the zero Addr: no answer, no text.
type Verdict struct {
	Answer      Answer
	Kind        Kind
	Summary     string // one line, starting with the answer: "no — a private address, ..."
	Explanation string // one paragraph in plain words
	// Row is the registry row whose Globally Reachable flag decided, or the zero Row when no
	// row did (a public address, or unassigned IPv6 space).
	Row Row
	// Embedded is the IPv4 address inside an IPv4-mapped, NAT64, 6to4 or Teredo address (the
	// Teredo client), whose own verdict decides much of this one; otherwise the zero Addr.
	Embedded netip.Addr
}

// Reachability answers whether a packet from the internet can reach a. The registry's Globally
// Reachable flag (RFC 6890) is the ground truth, the most specific row deciding: 192.0.0.9
// (PCP anycast) is reachable although 192.0.0.0/24 is not. A terminated row defers to the block
// around it. Where the registry says N/A (6to4, Teredo) the answer is Depends. On top of the
// registry:
//   - IPv4-mapped addresses are Depends: the registry marks ::ffff:0:0/96 unreachable because
//     no packet carries one, but a dual-stack socket sends to the embedded IPv4 address instead;
//   - a NAT64 address under 64:ff9b::/96 is No when its IPv4 address is not globally reachable
//     (RFC 6052 Section 3.1 forbids that combination);
//   - multicast is No for a scope smaller than global and Depends for global scope;
//   - IPv6 outside 2000::/3 and every special block is No: IANA has not assigned it (IPv6
//     Address Space registry; RFC 4291 Section 2.4).
func Reachability(a netip.Addr) Verdict {
	if !a.IsValid() {
		return Verdict{}
	}
	s := match(a)
	v := Verdict{Answer: Yes, Kind: KindPublic}
	if s.n > 0 {
		v.Kind = s.rows[0].e.kind
		v.Answer = Depends // only terminated rows: nothing decides
		for _, r := range s.slice() {
			if r.e.terminated == "" {
				v.Row = r
				v.Answer = fromFlag(r.e.global)
				break
			}
		}
	} else if unassigned6(a) {
		v.Kind, v.Answer = KindReserved, No
	}
	explain(&v, a, s)
	return v
}

func fromFlag(f Flag) Answer {
	switch f {
	case True:
		return Yes
	case False:
		return No
	}
	return Depends
}

// unassigned6 reports whether a is IPv6 space IANA keeps in reserve: outside global unicast
// 2000::/3, unique-local fc00::/7, link-local fe80::/10 and multicast ff00::/8. The deprecated
// site-local fec0::/10 is reserved too (RFC 3879).
func unassigned6(a netip.Addr) bool {
	if !a.Is6() {
		return false
	}
	b := a.As16()
	switch {
	case b[0]&0xe0 == 0x20, b[0]&0xfe == 0xfc, b[0] == 0xfe && b[1]&0xc0 == 0x80, b[0] == 0xff:
		return false
	}
	return true
}

// explain fills in the texts of v, adjusting the answer where the registry alone cannot
// decide (embedded addresses, multicast scope).
func explain(v *Verdict, a netip.Addr, s rowSet) {
	is4 := a.Is4()
	name, rfc := v.Row.Name(), v.Row.RFC()
	if s.n > 0 {
		name, rfc = s.rows[0].Name(), s.rows[0].RFC()
	}
	set := func(summary, explanation string) {
		v.Summary = v.Answer.String() + " — " + summary
		v.Explanation = explanation
	}
	switch v.Kind {
	case KindPublic:
		set("a public address, routed on the internet",
			"This address is in no special-purpose block, so it is ordinary public address space: routers across the internet carry packets to whichever network announces it. Routable is not the same as open: a firewall, or no program listening on the port, can still block or refuse a connection.")
	case KindThisNetwork:
		set(`"this network", never a destination`,
			`0.0.0.0/8 means "this network" (RFC 791, RFC 1122). An address in it may appear only as the source of a packet, while a machine is starting up and does not know its network yet; no packet can be sent to it and routers never forward it.`)
	case KindUnspecified:
		u := "0.0.0.0"
		if !is4 {
			u = "::"
		}
		set("the unspecified address, meaning no address at all",
			u+` means "no address yet": a machine uses it as the source while it asks for an address, and it is never a destination. In a program, listening on `+u+` means "accept connections on every interface of this machine"; whether anyone can connect then depends on those interfaces' real addresses and on the firewall.`)
	case KindPrivateUse:
		set("a private address, never routed on the internet",
			"Private-use addresses (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) are used inside home, office and container networks, and millions of networks reuse the same ones, so they are never routed on the internet. Reaching this address from outside takes NAT port forwarding on the router in front of it, or a VPN into its network.")
	case KindShared:
		set("shared address space, your ISP's carrier-grade NAT",
			"100.64.0.0/10 (RFC 6598) sits between an ISP's carrier-grade NAT (CGNAT) and its customers' routers. If your router's internet-side address is in it, you are behind a second NAT that you do not control: port forwarding on your own router is not enough, and being reachable takes IPv6, a tunnel or VPN to a public server, or your ISP's help.")
	case KindLoopback:
		set("loopback, it never leaves the machine",
			"Loopback addresses (127.0.0.0/8, and ::1 in IPv6) are handled inside the operating system: a packet sent to one never leaves the machine. A service listening on 127.0.0.1 or ::1 can be reached only by programs on the same machine; inside a container, only from that same container.")
	case KindLinkLocal:
		text := "Link-local addresses (169.254.0.0/16, fe80::/10) work only on one link, a single Ethernet segment or Wi-Fi network, and routers never forward them. "
		if is4 {
			text += "An IPv4 machine picks one itself when DHCP gives it no address, so seeing 169.254.x.x on your laptop usually means DHCP failed; clouds also serve instance metadata at 169.254.169.254."
		} else {
			text += "Every IPv6 interface has one, used for neighbour discovery and routers; because each interface has its own link, using it needs a zone, as in fe80::1%eth0."
		}
		set("link-local, valid only on the local network segment", text)
	case KindIETFProtocol:
		set("reserved for IETF protocol assignments",
			"This block ("+v.Row.Block().String()+", RFC 6890) is held by the IETF for protocols. An address in it can be used only where a more specific assignment says so, and this one has none, so nothing routes it across the internet.")
	case KindServiceContinuity:
		set("IPv4 service continuity (DS-Lite, 464XLAT), inside an ISP only",
			"192.0.0.0/29 (RFC 7335) numbers the IPv4 side of mechanisms that carry IPv4 over an IPv6-only network, such as DS-Lite and 464XLAT: for example the two ends of the tunnel between a customer's router and the ISP's carrier-grade NAT. It exists only inside that setup and is not reachable from the internet.")
	case KindDummy:
		set("a dummy address that stands for no real address",
			"A dummy address ("+name+", "+rfc+") is a placeholder for messages and configurations that need an address where no real one exists, such as the source of an ICMP error from a device with no address of that family. Nothing is ever reachable at it.")
	case KindAnycast:
		text := "This address belongs to " + name + " (" + rfc + "). It is anycast: many servers in different places share the same address, and routing delivers each packet to the nearest one."
		if v.Answer == Yes {
			set("a well-known anycast address ("+name+")", text)
		} else {
			set("an anycast address ("+name+") used inside the networks that run it", text+" The registry marks it not globally reachable: it works only inside the networks that run the service.")
		}
	case KindNAT64Discovery:
		set("used by IPv6-only hosts to discover NAT64",
			"192.0.0.170 and 192.0.0.171 are the addresses of the name ipv4only.arpa (RFC 7050, RFC 8880). An IPv6-only host asks its DNS64 resolver for that name and, from the IPv6 address that comes back, learns its network's NAT64 prefix. Packets are never sent to them.")
	case KindDocumentation:
		set("reserved for documentation and examples",
			"Documentation addresses (192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 from RFC 5737; 2001:db8::/32 and 3fff::/20 from RFC 3849 and RFC 9637) let books, manuals and examples show addresses that belong to no one. They are never routed: use them in examples, never in a real configuration.")
	case KindBenchmarking:
		set("reserved for benchmarking network equipment",
			"198.18.0.0/15 and 2001:2::/48 (RFC 2544, RFC 5180) are set aside for lab tests of routers and firewalls, so that test traffic cannot collide with real networks. They are not routed on the internet.")
	case KindDeprecated:
		text := "The registry terminated this block, " + name + " (" + rfc + "), in " + s.rows[0].Terminated() + "; do not use it."
		if v.Row.IsValid() {
			text += " The block around it, " + v.Row.Block().String() + " (" + v.Row.Name() + "), decides: it is not globally reachable."
		} else {
			text += " Whether anything still answers depends on old equipment that some networks never switched off."
		}
		set("a deprecated block, no longer in use", text)
	case KindReserved:
		if is4 {
			set("reserved for future use (old class E)",
				"240.0.0.0/4 has been reserved since 1989 (RFC 1112) and was never opened for use; most operating systems and routers refuse to send packets to it.")
		} else {
			set("IPv6 space not assigned to anyone yet",
				"Only 2000::/3 is handed out as global unicast space today (RFC 4291, IANA IPv6 Address Space registry); this address lies in space the IETF keeps in reserve, so no network announces it.")
		}
	case KindLimitedBroadcast:
		set("the limited broadcast address, for the local network only",
			`255.255.255.255 (RFC 919) means "every machine on this network segment". Routers never forward it; a machine uses it, for example, to find a DHCP server before it has an address.`)
	case KindIPv4Mapped:
		v.Embedded = a.Unmap()
		inner := Reachability(v.Embedded)
		v.Answer = Depends
		set("an IPv4 address in IPv6 form; it is as reachable as "+v.Embedded.String(),
			MechIPv4Mapped.Describe()+" The registry marks ::ffff:0:0/96 not globally reachable because no packet carries such an address; a dual-stack socket sends to "+v.Embedded.String()+" over IPv4 instead, and for that address the answer is "+inner.Summary+".")
	case KindNAT64:
		e := Embedded(a)
		v.Embedded = e.IPv4
		if !e.IsValid() {
			set("in a NAT64 prefix, but not a valid NAT64 address",
				"This address is in the local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215), but bits 64 to 71 are not zero, so by RFC 6052 it does not embed an IPv4 address. The registry marks the prefix not globally reachable.")
			return
		}
		inner := Reachability(e.IPv4)
		switch {
		case e.Mechanism == MechNAT64Local:
			set("a local-use NAT64 address, meaningful inside one network only",
				e.Mechanism.Describe()+" Outside the network that chose it, it means nothing; inside, it reaches "+e.IPv4.String()+", for which the answer is "+inner.Summary+".")
		case inner.Answer != Yes:
			v.Answer = No
			set("NAT64 must not carry the non-global IPv4 address "+e.IPv4.String(),
				e.Mechanism.Describe()+" RFC 6052 Section 3.1 forbids the well-known prefix with IPv4 addresses that are not globally reachable, so a NAT64 gateway drops packets to this one. For "+e.IPv4.String()+" itself: "+inner.Summary+".")
		default:
			set("through a NAT64 gateway, it reaches "+e.IPv4.String(),
				e.Mechanism.Describe()+" It works from any IPv6-only network that runs NAT64; DNS64 usually creates such addresses for you.")
		}
	case KindDiscard:
		set("discard-only, packets to it are thrown away",
			"100::/64 (RFC 6666) exists to be routed nowhere: network operators point traffic for an address under attack at it, and routers drop it. Nothing is reachable there.")
	case KindTeredo:
		e := Embedded(a)
		v.Embedded = e.IPv4
		set("a Teredo tunnel address for client "+e.IPv4.String()+", port "+strconv.Itoa(int(e.Port)),
			e.Mechanism.Describe()+" Here the server is "+e.Server.String()+" and the client "+e.IPv4.String()+", UDP port "+strconv.Itoa(int(e.Port))+". Reaching it needs a Teredo relay and the client's NAT to still hold that port open; Teredo has been switched off almost everywhere, so in practice the answer is usually no.")
	case KindORCHID:
		set("an ORCHIDv2 identifier (RFC 7343)",
			"ORCHIDv2 values (2001:20::/28, RFC 7343) look like IPv6 addresses but name cryptographic host identities, as in the Host Identity Protocol. The registry marks the block globally reachable, but an ORCHID is an identifier, not a location: the packets themselves travel with other addresses.")
	case KindDroneID:
		set("a drone remote-ID tag (RFC 9374)",
			"Drone Entity Tags (2001:30::/28, RFC 9374) are ORCHID-style identifiers for unmanned aircraft. The registry marks the block globally reachable; like any ORCHID, a tag identifies a drone rather than locating it.")
	case Kind6to4:
		e := Embedded(a)
		v.Embedded = e.IPv4
		inner := Reachability(e.IPv4)
		set("a 6to4 address for the IPv4 site "+e.IPv4.String(),
			e.Mechanism.Describe()+" Reaching it needs a 6to4 relay on the path and the IPv4 address "+e.IPv4.String()+" to be reachable ("+inner.Answer.String()+" for that address). Public relays have mostly been switched off, so today it usually fails.")
	case KindSRv6:
		set("a segment-routing SID, inside one operator's network",
			"5f00::/16 (RFC 9602) holds SRv6 segment identifiers: instructions for routers inside one operator's network, not host addresses. They are not routed across the internet.")
	case KindUniqueLocal:
		set("unique-local, IPv6's private addresses",
			"fc00::/7 (RFC 4193, in practice fd00::/8) is IPv6's version of private IPv4 addresses: used inside a site or between cooperating sites, never routed on the internet. Hosts usually have a global IPv6 address as well, and that is the one the internet can reach, if the firewall allows it.")
	case KindMulticast:
		explainMulticast(v, a)
	}
}

func explainMulticast(v *Verdict, a netip.Addr) {
	scope, _ := MulticastScope(a)
	what := "Multicast addresses name a group of receivers, not one machine (RFC 1112, RFC 4291); a packet to one goes to every member that joined the group."
	if f, ok := MulticastFlagsOf(a); ok {
		what += " This group address is " + f.String() + "."
	}
	if v.Row.Name() == "Source-Specific Multicast Block" {
		what += " It is in the source-specific block (RFC 4607): receivers subscribe to the group from one chosen sender."
	}
	if scope != ScopeGlobal {
		v.Answer = No
		v.Summary = "no — " + scope.String() + " multicast, it stays within that scope"
		v.Explanation = what + " Its scope is " + scope.String() + ", and routers keep it inside that boundary" + scopeReach(scope) + "."
		return
	}
	v.Answer = Depends
	v.Summary = "depends — global multicast, it needs multicast routing between networks"
	v.Explanation = what + " A global-scope group could in principle span the internet, but that needs multicast routing between networks, which most of the internet does not provide; in practice it reaches the networks that joined it."
}

func scopeReach(s Scope) string {
	switch s {
	case ScopeInterfaceLocal:
		return ": it never leaves the machine"
	case ScopeLinkLocal:
		return ": it never crosses a router"
	case ScopeRealmLocal, ScopeAdminLocal, ScopeSiteLocal, ScopeOrganizationLocal:
		return ", set by the network's administrators"
	case ScopeReserved0, ScopeReservedF:
		return "; the scope is reserved, and RFC 4291 says such packets are dropped"
	}
	return "; the scope is unassigned, left for administrators to define"
}
