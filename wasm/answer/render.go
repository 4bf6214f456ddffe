package answer

import (
	"strconv"

	"github.com/netground/netground/core/scenario"
	. "github.com/netground/netground/wasm/markup"
)

// Region is one part of a page that shows an answer: the element with the
// id ID holds HTML, one element or nothing. A page lays out its regions'
// elements once (ui.Region); what they hold is the answer, written here
// for both the first-answer binary and the app.
type Region struct {
	ID   string
	HTML string
}

func region(id string, n Node) Region { return Region{ID: id, HTML: n.String()} }

// Regions is a page's answer, region by region.
type Regions []Region

// HTML returns what the region with the id holds.
func (rs Regions) HTML(id string) string {
	for _, r := range rs {
		if r.ID == id {
			return r.HTML
		}
	}
	return ""
}

// fact is one labelled, computed value with its data-field name.
func fact(label, field, value string) Node {
	return El("div", El("dt", Text(label)), El("dd", El("code", Text(value)).Field(field))).Class("fact")
}

// scroller holds a wide table that scrolls sideways on a narrow screen.
func scroller(label string, table Node) Node {
	return El("div", table).Class("table-scroll").Attr("tabindex", "0").Attr("role", "region").Attr("aria-label", label)
}

func th(s string) Node { return El("th", Text(s)).Attr("scope", "col") }

// stacked is a table of rows that, on a phone, shows each row as a block of
// labelled cells (class "stack", netground.css) instead of scrolling. The
// roles keep it a table for screen readers once its display changes.
func stacked(caption string, heads []string, rows Node) Node {
	hs := make([]Node, len(heads))
	for i, h := range heads {
		hs[i] = th(h).Attr("role", "columnheader")
	}
	return El("table",
		If(caption != "", El("caption", Text(caption))),
		El("thead", El("tr", hs...).Attr("role", "row")).Attr("role", "rowgroup"),
		El("tbody", rows).Attr("role", "rowgroup"),
	).Class("rows stack").Attr("role", "table")
}

// srow is a row of a stacked table.
func srow(cells ...Node) Node { return El("tr", cells...).Attr("role", "row") }

// cell is a cell of a stacked table, labelled with its column's heading.
func cell(label string, kids ...Node) Node {
	return El("td", kids...).Attr("role", "cell").Attr("data-label", label)
}

// fieldError is the message under an input.
func fieldError(field, err string) Node {
	return If(err != "", El("span", Text(err)).Class("error").Field(field))
}

// LinkNotice says what a link held that the widget could not use.
func LinkNotice(problems []scenario.Problem) Node {
	if len(problems) == 0 {
		return Node{}
	}
	return El("div",
		El("p", Text("Part of this link could not be used; the widget opened with defaults for it:")),
		El("ul", Each(len(problems), func(i int) Node {
			return El("li", Text(problems[i].String())).Field("link-problem")
		})),
	).Class("notice").Attr("role", "status")
}

// AddrRegions returns the Address widget's answer: the message under the
// input, the verdict and the details. href turns an internal path into a
// link (the bundle may live under a sub-path).
func AddrRegions(v AddrView, href func(string) string) Regions {
	if v.MAC != nil {
		return macRegions(*v.MAC, v.Arith, href)
	}
	ok := v.Err == ""
	return Regions{
		region("addr-ip-message", fieldError("error", v.Err)),
		region("addr-verdict", If(ok, El("div",
			El("p",
				El("span", Text("Can the internet reach it? ")),
				El("strong", Text(v.Summary)).Field("reachable"),
			).Class("verdict-answer"),
			El("p", Text(v.Explanation)).Field("explanation"),
		).Class("verdict verdict-"+v.Answer))),
		region("addr-details", If(ok, addrDetails(v, href))),
		region("addr-add-message", addMessage(v.Arith)),
		region("addr-to-message", distanceMessage(v.Arith)),
	}
}

func addrDetails(v AddrView, href func(string) string) Node {
	return El("div",
		El("h2", Text("Forms")),
		El("dl",
			fact("Canonical", "canonical", v.Canonical),
			fact("Expanded", "expanded", v.Expanded),
			fact("Version", "version", v.Version),
			fact("Kind", "kind", v.Kind),
			fact("Binary", "binary", v.Binary),
			fact("Hexadecimal", "hex", v.Hex),
			fact("Integer", "integer", v.Decimal),
			fact("Reverse DNS name", "reverse-dns", v.ReverseDNS),
			If(v.Mapped != "", fact(v.MappedLabel, "mapped", v.Mapped)),
			If(v.MulticastScope != "", fact("Multicast scope", "multicast-scope", v.MulticastScope)),
		).Class("facts"),
		linkSection(v.Link, href),
		If(v.Embedded != "", El("section",
			El("h2", Text("IPv4 address inside")).Attr("id", "addr-embedded"),
			El("p", Text(v.EmbeddedDescription)).Field("embedded-description"),
			El("dl",
				El("div",
					El("dt", Text("Embedded IPv4")),
					El("dd", El("a", El("code", Text(v.Embedded)).Field("embedded-ipv4")).
						Attr("href", href("/addr?"+scenario.AddrState{IP: v.Embedded}.Encode()))),
				).Class("fact"),
				fact("Mechanism", "embedded-mechanism", v.EmbeddedMechanism),
				If(v.TeredoServer != "", fact("Teredo server", "teredo-server", v.TeredoServer)),
				If(v.TeredoPort != "", fact("Teredo client port", "teredo-port", v.TeredoPort)),
			).Class("facts"),
		).Class("embedded").Attr("aria-labelledby", "addr-embedded")),
		El("h2", Text("IANA special-purpose registries")),
		If(len(v.Rows) == 0, El("p", Text("No special-purpose block contains this address.")).Field("registry-none")),
		If(len(v.Rows) > 0, scroller("IANA registry rows (scrolls sideways)", El("table",
			El("caption", Text("Every matching row, most specific first. Flags as the registry states them (RFC 6890).")),
			El("thead", El("tr", th("Block"), th("Name"), th("Source"), th("Destination"), th("Forwardable"), th("Globally reachable"), th("Reserved by protocol"), th("RFC"))),
			El("tbody", Each(len(v.Rows), func(i int) Node {
				r := v.Rows[i]
				name := r.Name
				if r.Terminated != "" && r.Terminated != "N/A" {
					name += " (terminated " + r.Terminated + ")"
				}
				return El("tr",
					El("td", El("code", Text(r.Block)).Field("row-block")),
					El("td", Text(name)).Field("row-name"),
					El("td", Text(r.Source)),
					El("td", Text(r.Destination)),
					El("td", Text(r.Forwardable)),
					El("td", Text(r.Global)).Field("row-global"),
					El("td", Text(r.Reserved)),
					El("td", Text(r.RFC)),
				).Field("registry-row")
			})),
		).Class("rows"))),
		If(v.LegacyClass != "", El("p",
			Text("History: in the classful addressing of 1981–1993 this was a "),
			El("strong", Text("class "+v.LegacyClass)).Field("legacy-class"),
			Text(" address. "+v.LegacyNote),
		).Class("history")),
		El("details",
			El("summary", Text("Why? Private and public addresses")),
			El("p", Text("A public address is unique on the whole internet, and routers everywhere know which network announces it. "+
				"A private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) is reused by millions of home, office and container networks, so no internet router carries packets to it. "+
				"Devices with private addresses still reach the internet through NAT: the router rewrites their packets to use its own public address, and rewrites the replies back. "+
				"What NAT does not do is let anyone outside start a conversation with them, unless a port is forwarded.")),
			El("p", Text("127.0.0.1 and ::1 are loopback: a packet to them never leaves the machine. 0.0.0.0 and :: are \"unspecified\": a server listening on them accepts connections on every interface of the machine, but they are not an address you can send to.")),
		).Class("why"),
	).Class("result")
}

// SubnetRegions returns the Subnet widget's answer: the messages under its
// inputs, the mask-form note, the result and the neighbours verdict.
func SubnetRegions(v SubnetView) Regions {
	return Regions{
		region("subnet-net-message", fieldError("net-error", v.NetErr)),
		region("subnet-mask-form", If(v.MaskFormNote != "", El("p", Text(v.MaskFormNote)).Class("note").Field("mask-form"))),
		region("subnet-cloud-message", If(v.CloudErr != "", El("p", Text(v.CloudErr)).Class("error").Field("cloud-error"))),
		region("subnet-result", If(v.Valid, subnetResult(v))),
		region("subnet-nth-message", nthMessage(v.Nth)),
		region("subnet-pick-message", pickMessage(v.Pick)),
		region("subnet-host-message", fieldError("host-error", v.HostErr)),
		region("subnet-b-message", fieldError("b-error", v.OtherErr)),
		region("subnet-gw-message", fieldError("gw-error", v.GatewayErr)),
		region("subnet-neighbours-verdict", If(v.Neighbours != "", El("div",
			El("p",
				El("span", Text("The packet goes: ")),
				El("strong", Text(v.Neighbours)).Field("neighbours"),
			).Class("verdict-answer"),
			El("p", Text(v.NeighboursExplanation)).Field("neighbours-explanation"),
		).Class("verdict"))),
	}
}

func subnetResult(v SubnetView) Node {
	// The last address is the broadcast, or else the last usable one, in all
	// but odd cases: one row then says both, keeping both fields.
	both := func(label, field, value string) Node {
		return El("div", El("dt", Text(label+" (the last address)")),
			El("dd", El("code", El("span", Text(value)).Field("last-address")).Field(field))).Class("fact")
	}
	broadcast := fact("Broadcast", "broadcast", v.Broadcast)
	lastUsable := fact("Last usable", "last-usable", v.LastUsable)
	last := fact("Last address", "last-address", v.Last)
	switch {
	case v.Broadcast != "" && v.Broadcast == v.Last:
		broadcast, last = both("Broadcast", "broadcast", v.Broadcast), Node{}
	case v.LastUsable == v.Last:
		lastUsable, last = both("Last usable", "last-usable", v.LastUsable), Node{}
	}
	noBroadcast := Node{}
	if v.Broadcast == "" {
		broadcast, noBroadcast = Node{}, fact("Broadcast", "broadcast-none", v.BroadcastNote)
	}
	return El("div",
		El("dl",
			fact("Subnet", "subnet", v.Subnet),
			If(v.HostInside != "", fact("This host", "host", v.HostInside)),
			fact("Network address", "network", v.Network),
			broadcast,
			fact("First usable", "first-usable", v.FirstUsable),
			lastUsable,
			last,
			fact("Usable by hosts", "usable-addresses", v.Usable),
			fact("Addresses in total", "total-addresses", v.Total+" ("+v.TotalPow2+")"),
			noBroadcast,
		).Class("facts facts-key"),
		foldIf(v.Compact, "Bits, mask, nearby subnets and reserved addresses",
			subnetBits(v),
			El("dl",
				fact("Mask", "mask", v.Mask),
				fact("Mask in binary", "mask-binary", v.MaskBinary),
				fact("Wildcard", "wildcard", v.Wildcard),
				fact("Host bits", "host-bits", strconv.Itoa(v.HostBits)),
				fact("Previous subnet", "prev", v.Prev),
				fact("Next subnet", "next", v.Next),
				fact("Parent (one bit shorter)", "parent", v.Parent),
			).Class("facts"),
			If(len(v.Notes) > 0, El("ul", Each(len(v.Notes), func(i int) Node {
				return El("li", Text(v.Notes[i])).Field("note")
			})).Class("notes")),
			If(len(v.Reserved) > 0, scroller("Reserved addresses (scrolls sideways)", El("table",
				El("caption", Text("Addresses no host may take")),
				El("thead", El("tr", th("Address"), th("Why"))),
				El("tbody", Each(len(v.Reserved), func(i int) Node {
					r := v.Reserved[i]
					return El("tr", El("td", El("code", Text(r.Addr))), El("td", Text(r.Reason))).Field("reserved-row")
				})),
			).Class("rows"))),
			reverseSection(v.Reverse),
		),
		El("details",
			El("summary", Text("Why? Mask, subnet and usable addresses")),
			El("p", Text("The prefix length says how many leading bits are the network part: every address in the subnet has the same network bits, and the remaining host bits number the machines. "+
				"The mask writes the same thing as an address: 1s over the network bits, 0s over the host bits; the wildcard is its inverse, as firewall and router ACLs use it. "+
				"ANDing any address with the mask gives the network address.")),
			El("p", Text("In IPv4 the first address names the network and the last is the broadcast, so a /24 has 256 addresses and 254 usable. "+
				"A /31 is the exception (RFC 3021): a point-to-point link with two usable addresses and no broadcast; a /32 is a single host. "+
				"IPv6 has no broadcast, so every address of a subnet is usable, and LANs are /64.")),
		).Class("why"),
	).Class("result")
}

// foldIf folds kids into a <details> with the summary when fold holds.
func foldIf(fold bool, summary string, kids ...Node) Node {
	if !fold {
		return El("", kids...)
	}
	return El("details", append([]Node{El("summary", Text(summary))}, kids...)...).Class("embed-fold")
}

func subnetBits(v SubnetView) Node {
	return El("figure",
		El("div", Each(len(v.Bits), func(i int) Node {
			g := v.Bits[i]
			return El("span", Each(len(g.Bits), func(j int) Node {
				b := g.Bits[j]
				cls, text := "bit bit-host", "0"
				if b.Network {
					cls = "bit bit-net"
				}
				if b.One {
					text = "1"
				}
				return El("span", Text(text)).Class(cls)
			})).Class("bit-group")
		})).Class("bits").Attr("role", "img").Attr("aria-label",
			strconv.Itoa(v.PrefixLength)+" network bits followed by "+strconv.Itoa(v.HostBits)+" host bits"),
		El("figcaption",
			El("span", Text("network bits")).Class("legend legend-net"),
			Text(" "),
			El("span", Text("host bits")).Class("legend legend-host"),
		),
	).Class("subnet-bits")
}

// PortsRegions returns the Ports widget's answer: the message under the
// input, the result and the range tables (whose ephemeral rows name the
// port).
func PortsRegions(v PortsView) Regions {
	return Regions{
		region("ports-q-message", fieldError("error", v.Err)),
		region("ports-result", If(v.Err == "" && v.Mode != "", portsResult(v))),
		region("ports-ranges", portsRanges(v)),
	}
}

func portsResult(v PortsView) Node {
	return El("div",
		El("dl",
			If(v.Scheme != "", fact("Scheme", "scheme", v.Scheme)),
			If(v.Host != "", fact("Host", "host", v.Host)),
			If(v.Port != "", fact("Port", "port", v.Port)),
			If(v.Transport != "", fact("Transport", "transport", v.Transport)),
			If(v.Service != "", fact("Service", "service", v.Service)),
			If(v.Range != "", fact("Range", "range", v.Range)),
		).Class("facts"),
		If(v.PortExplain != "", El("p", Text(v.PortExplain)).Field("port-explanation")),
		If(v.RangeExplain != "", El("p", Text(v.RangeExplain)).Field("range-explanation")),
		If(len(v.Notes) > 0, El("ul", Each(len(v.Notes), func(i int) Node {
			return El("li", Text(v.Notes[i])).Field("note")
		})).Class("notes")),
		If(v.RegistryMissing && v.RegistryErr == "", El("p", Text("Loading the IANA service registry…")).Class("muted").Field("registry-loading")),
		If(v.RegistryErr != "", El("p", Text(v.RegistryErr)).Class("error").Field("registry-error")),
		If(v.NoMatches != "", El("p", Text(v.NoMatches)).Field("no-matches")),
		If(len(v.Rows) > 0, scroller("Registry records (scrolls sideways)", stacked("IANA Service Name and Transport Protocol Port Number Registry",
			[]string{"Service", "Port", "Transport", "Description", "Reference"},
			Each(len(v.Rows), func(i int) Node {
				r := v.Rows[i]
				return srow(
					cell("Service", El("code", Text(r.Name)).Field("row-service")),
					cell("Port", Text(r.Port)).Field("row-port"),
					cell("Transport", Text(r.Transport)),
					cell("Description", Text(r.Description)),
					cell("Reference", Text(r.Reference)),
				).Field("row")
			})))),
	).Class("result")
}

func portsRanges(v PortsView) Node {
	heads := []string{"Ports", "Name", "What it means"}
	row := func(cells ...string) Node {
		return srow(Each(len(cells), func(i int) Node { return cell(heads[i], Text(cells[i])) }))
	}
	return El("div",
		El("h2", Text("Port ranges (RFC 6335)")),
		scroller("Port ranges (scrolls sideways)", stacked("", heads,
			El("",
				row("0", "reserved", "Binding port 0 asks the operating system for a free ephemeral port; nothing connects to port 0."),
				row("1–1023", "well-known (system)", "Assigned by IANA through IETF review. On Linux, binding one needs root or CAP_NET_BIND_SERVICE."),
				row("1024–49151", "registered (user)", "Assigned on request; any program may use them."),
				row("49152–65535", "dynamic (ephemeral)", "Never assigned: systems pick the source ports of outgoing connections here."),
			),
		)),
		El("h2", Text("Ephemeral ports by operating system")),
		scroller("Ephemeral ranges (scrolls sideways)", stacked("", []string{"System", "Range", "Setting", "Overlap with registered ports"},
			Each(len(v.Ephemeral), func(i int) Node {
				r := v.Ephemeral[i]
				label := r.First + "–" + r.Last
				if r.Contains {
					label += " (contains port " + v.Port + ")"
				}
				return srow(cell("System", Text(r.OS)), cell("Range", Text(label)), cell("Setting", El("code", Name(r.Setting))), cell("Overlap", Text(r.Note))).Field("ephemeral-row")
			}))),
		El("details",
			El("summary", Text("Why? Ports, sockets, localhost and 0.0.0.0")),
			El("p", Text("A port is a 16-bit number that picks the program on a machine: the address gets a packet to the machine, the port to the service on it. "+
				"A server listens on a well-known port (443 for HTTPS, 5432 for PostgreSQL); a client's side of the connection gets a temporary ephemeral port from the operating system.")),
			El("p", Text("A socket is one end of a connection: an address and a port, written 10.0.0.5:5432, or [2001:db8::1]:443 for IPv6 because the address itself contains colons. "+
				"A connection is identified by both ends plus the protocol.")),
			El("p", Text("localhost, 127.0.0.1 and ::1 are loopback: traffic to them never leaves the machine, so a server listening only there cannot be reached from other machines, or from outside its container. "+
				"A server listening on 0.0.0.0 (or ::) accepts connections on every interface of the machine; 0.0.0.0 is not an address to connect to.")),
		).Class("why"),
	)
}
