package answer

import (
	"strconv"
	"strings"

	"github.com/netground/netground/core/scenario"
	. "github.com/netground/netground/wasm/markup"
)

// addrHref returns the link to the Address page showing s.
func addrHref(href func(string) string, s string) string {
	return href("/addr?" + scenario.AddrState{IP: s}.Encode())
}

// linkedFact is a fact whose value opens the Address page on it.
func linkedFact(label, field, value, link string) Node {
	return El("div",
		El("dt", Text(label)),
		El("dd", El("a", El("code", Text(value)).Field(field)).Attr("href", link)),
	).Class("fact")
}

// macRegions is the Address widget's answer for a MAC address.
func macRegions(v MACView, arith ArithView, href func(string) string) Regions {
	return Regions{
		region("addr-ip-message", Node{}),
		region("addr-verdict", El("div",
			El("p",
				El("span", Text("What is it? ")),
				El("strong", Text("a MAC address, not an IP address")).Field("mac-summary"),
			).Class("verdict-answer"),
			El("p", Text("A MAC (EUI-48) address is the hardware address of an Ethernet or Wi-Fi interface. "+
				"It travels only across one link: routers rewrite it at every hop, so nobody past your router sees it, "+
				"unless an IPv6 address was made from it, as below.")).Field("mac-explanation"),
		).Class("verdict")),
		region("addr-details", macDetails(v, href)),
		region("addr-add-message", addMessage(arith)),
		region("addr-to-message", distanceMessage(arith)),
	}
}

func macDetails(v MACView, href func(string) string) Node {
	return El("div",
		El("h2", Text("MAC address")),
		El("dl",
			fact("Canonical", "mac", v.MAC),
			fact("IEEE 802 form", "mac-hyphens", v.Hyphens),
			fact("Cisco form", "mac-cisco", v.Cisco),
			fact("Kind", "mac-kind", v.Kind),
		).Class("facts"),
		If(v.Group != "", El("p", Text(v.Group)).Class("note").Field("mac-group")),
		If(v.InterfaceID != "", El("section",
			El("h2", Text("IPv6 addresses made from it (modified EUI-64)")).Attr("id", "addr-eui64"),
			El("dl",
				fact("Interface identifier", "eui64-interface-id", v.InterfaceID),
				linkedFact("Link-local address", "eui64-link-local", v.LinkLocal, addrHref(href, v.LinkLocal)),
				If(v.SLAAC != "", linkedFact("SLAAC address in "+v.SLAACPrefix, "eui64-slaac", v.SLAAC, addrHref(href, v.SLAAC))),
				fact("First octet, U/L bit inverted", "eui64-flip", v.FirstOctet+" → "+v.FlippedOctet),
			).Class("facts"),
			El("p", Text(v.Flip)).Field("eui64-explanation"),
			El("p", Text(v.Note)).Class("note").Field("eui64-note"),
		).Attr("aria-labelledby", "addr-eui64")),
	).Class("result")
}

// linkSection is what an IP address is on the link; nothing when none of
// it applies.
func linkSection(v LinkView, href func(string) string) Node {
	if !v.Any() {
		return Node{}
	}
	return El("section",
		El("h2", Text("On the link")).Attr("id", "addr-link"),
		El("dl",
			If(v.SolicitedNode != "", linkedFact("Solicited-node group", "solicited-node", v.SolicitedNode, addrHref(href, v.SolicitedNode))),
			If(v.SolicitedNodeMAC != "", fact("Its Ethernet MAC", "solicited-node-mac", v.SolicitedNodeMAC)),
			If(v.EUI64MAC != "", linkedFact("MAC inside (EUI-64)", "eui64-mac", v.EUI64MAC, addrHref(href, v.EUI64MAC))),
			If(v.MulticastMAC != "", fact("Ethernet MAC of the group", "multicast-mac", v.MulticastMAC)),
		).Class("facts"),
		If(v.SolicitedNode != "", El("p", Text("Neighbor Discovery asks for this address's MAC by sending to its solicited-node group "+
			"(RFC 4291 Section 2.7.1: ff02::1:ff and its last 24 bits) instead of broadcasting, so only the few interfaces whose addresses end alike listen.")).Class("muted")),
		If(v.SolicitedNodeNone != "", El("p", Text("No solicited-node group: "+v.SolicitedNodeNone+".")).Field("solicited-node-none")),
		If(v.EUI64Note != "", El("p", Text(v.EUI64Note)).Class("note").Field("eui64-note")),
		If(v.MulticastMACNote != "", El("p", Text(v.MulticastMACNote)).Field("multicast-mac-note")),
	).Attr("aria-labelledby", "addr-link")
}

// reverseSection lists the reverse DNS zones of a subnet.
func reverseSection(v ReverseView) Node {
	if len(v.Zones) == 0 && v.Classless == "" {
		return Node{}
	}
	return El("section",
		El("h2", Text("Reverse DNS")).Attr("id", "subnet-reverse"),
		If(v.Exact, El("p", Text("The subnet is exactly one reverse zone:"))),
		If(!v.Exact && len(v.Zones) > 0, El("p", Text("Reverse zones covering exactly this subnet, each a /"+strconv.Itoa(v.Bits)+":"))),
		If(len(v.Zones) > 0, El("ul", Each(len(v.Zones), func(i int) Node {
			return El("li", El("code", Text(v.Zones[i])).Field("reverse-zone"))
		})).Class("reverse-zones")),
		If(v.MoreZones > 0, El("p", Text("… and "+strconv.Itoa(v.MoreZones)+" more zones, every one in address order.")).Field("reverse-zone-more")),
		If(v.Classless != "", El("dl",
			fact("Zone holding the records", "reverse-enclosing", v.ClasslessParent),
			fact("Delegated zone (RFC 2317)", "reverse-classless", v.Classless),
		).Class("facts")),
		If(v.Classless == "" && v.Enclosing != "", El("dl",
			fact("Enclosing zone", "reverse-enclosing", v.Enclosing),
		).Class("facts")),
		If(v.Note != "", El("p", Text(v.Note)).Field("reverse-note")),
		If(v.Records != "", El("details",
			El("summary", Text("Records in the parent zone")),
			El("pre", El("code", Text(v.Records))).Field("reverse-records"),
			If(v.MoreRecords > 0, El("p", Text("… and "+strconv.Itoa(v.MoreRecords)+" more CNAME records, one per address."))),
		).Class("why")),
	).Attr("aria-labelledby", "subnet-reverse")
}

// nthMessage is the answer under the nth input: the address or the error.
func nthMessage(v NthView) Node {
	switch {
	case v.Err != "":
		return El("span", Text(v.Err)).Class("error").Field("nth-error")
	case v.Addr != "":
		return El("span", Text("Address "+v.Index+": "), El("code", Text(v.Addr)).Field("nth-address"))
	}
	return Node{}
}

// addMessage is the answer under the add input: the address reached or
// the error.
func addMessage(v ArithView) Node {
	switch {
	case v.AddErr != "":
		return El("span", Text(v.AddErr)).Class("error").Field("add-error")
	case v.Sum != "":
		return El("span", Text(v.Step+": "), El("code", Text(v.Sum)).Field("add-result"))
	}
	return Node{}
}

// distanceMessage is the answer under the to input: how many addresses
// apart, or the error.
func distanceMessage(v ArithView) Node {
	switch {
	case v.DistanceErr != "":
		return El("span", Text(v.DistanceErr)).Class("error").Field("distance-error")
	case v.Distance == "":
		return Node{}
	case v.Direction == "":
		return El("span", Text("Distance "), El("code", Text(v.Distance)).Field("distance"), Text(": the same address"))
	}
	n := strings.TrimPrefix(v.Distance, "-")
	return El("span", Text("Distance "), El("code", Text(v.Distance)).Field("distance"),
		Text(": "+v.To+" is "+groupDigits(n)+" "+plural(n, "address", "addresses")+" "+v.Direction+" "+v.From))
}

// pickMessage is the address picked at random, or why the link's pick does
// not fit the subnet.
func pickMessage(v RandomView) Node {
	switch {
	case v.Err != "":
		return El("span", Text(v.Err)).Class("error").Field("random-addr-error")
	case v.Addr != "":
		return El("span", Text("Picked at random: "), El("code", Text(v.Addr)).Field("random-addr"))
	}
	return Node{}
}

func plural(n, one, many string) string {
	if n == "1" {
		return one
	}
	return many
}
