package answer

import (
	"errors"
	"strconv"

	"github.com/netground/netground/core/addr"
	"github.com/netground/netground/core/tool"
)

// AddrView is what the Address widget shows for one input: everything is
// computed here, so Render only reads strings.
type AddrView struct {
	Err, Hint string

	Canonical, Expanded, Version, Kind string
	Binary, Hex, Decimal, ReverseDNS   string
	Mapped                             string // the IPv4-mapped twin, "" when none
	MappedLabel                        string

	Answer, Summary, Explanation string

	Embedded                               string // the IPv4 address inside, "" when none
	EmbeddedMechanism, EmbeddedDescription string
	TeredoServer, TeredoPort               string
	MulticastScope                         string
	LegacyClass, LegacyNote                string
	Rows                                   []RegistryRow

	Link LinkView // solicited-node group, MAC inside, multicast MAC

	Arith ArithView // the address ± N and the distance to another (DescribeArith)

	// MAC is set, and the fields above are empty, when the input is a MAC
	// address rather than an IP address.
	MAC *MACView
}

// RegistryRow is one matching row of an IANA registry.
type RegistryRow struct {
	Block, Name, RFC, Registry, Allocated, Terminated  string
	Source, Destination, Forwardable, Global, Reserved string
	Decides                                            bool
}

// DescribeAddress computes the Address widget for what was typed: an IP
// address, or a MAC address (written as tool.LooksLikeMAC says a MAC is),
// whose view is in MAC.
func DescribeAddress(input string) AddrView {
	a, err := addr.Parse(input)
	if err != nil && tool.LooksLikeMAC(input) {
		return describeMAC(input)
	}
	if err != nil {
		var pe *addr.ParseError
		if errors.As(err, &pe) {
			return AddrView{Err: err.Error(), Hint: pe.Hint}
		}
		return AddrView{Err: err.Error()}
	}
	f := addr.FormsOf(a)
	verdict := addr.Reachability(a)
	v := AddrView{
		Canonical:   f.Canonical(),
		Expanded:    f.Expanded(),
		Version:     "IPv" + strconv.Itoa(f.Version()),
		Kind:        verdict.Kind.String(),
		Binary:      f.Binary(),
		Hex:         f.Hex(),
		Decimal:     f.Decimal(),
		ReverseDNS:  f.ReverseDNS(),
		Answer:      verdict.Answer.String(),
		Summary:     verdict.Summary,
		Explanation: verdict.Explanation,
	}
	if m := f.Mapped(); m.IsValid() {
		v.Mapped = m.String()
		v.MappedLabel = "IPv4-mapped IPv6 form"
		if a.Is6() {
			v.MappedLabel = "IPv4 address it maps"
		}
	}
	if e := f.Embedded(); e.IsValid() {
		v.Embedded = e.IPv4.String()
		v.EmbeddedMechanism = e.Mechanism.String()
		v.EmbeddedDescription = e.Mechanism.Describe()
		if e.Server.IsValid() {
			v.TeredoServer = e.Server.String()
			v.TeredoPort = strconv.Itoa(int(e.Port))
		}
	}
	if scope, ok := addr.MulticastScope(a); ok {
		v.MulticastScope = scope.String()
	}
	v.Link = describeLink(a)
	if a.Is4() {
		v.LegacyClass, v.LegacyNote = addr.LegacyClass(a)
	}
	for _, r := range addr.Classify(a) {
		v.Rows = append(v.Rows, RegistryRow{
			Block:       r.Block().String(),
			Name:        r.Name(),
			RFC:         r.RFC(),
			Registry:    r.Registry().String(),
			Allocated:   r.Allocated(),
			Terminated:  r.Terminated(),
			Source:      r.Source().String(),
			Destination: r.Destination().String(),
			Forwardable: r.Forwardable().String(),
			Global:      r.GloballyReachable().String(),
			Reserved:    r.ReservedByProtocol().String(),
			Decides:     verdict.Row.IsValid() && r.Block() == verdict.Row.Block() && r.Name() == verdict.Row.Name(),
		})
	}
	return v
}
