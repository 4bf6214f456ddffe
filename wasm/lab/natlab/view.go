package natlab

import (
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/netground/netground/core/nat"
)

// stepView is the step shown: where it is, what it did and how it ended.
type stepView struct {
	Step, Total int
	Describe    string // the step's action in words; "" at the start
	Outcome     string // the last decision, such as "delivered" or "filtered"; "start" before step 1
	Drop        bool
	DeliveredTo string // the device the packet reached, or "none"
	Summary     string // one sentence on how the step ended
	Clock       string // the simulated time after the step
	Events      []eventView
}

// eventView is one decision of a trace, with the packet before and after.
type eventView struct {
	Node, Decision, Reason string
	Drop                   bool
	HasPacket, Rewrote     bool
	Before, After          headerView
}

// headerView is the part of a packet header a NAT reads and rewrites.
type headerView struct {
	Proto  string
	Fields [4]headerField
}

// headerField is one header field; Changed marks a rewrite.
type headerField struct {
	Name, Label, Value string
	Changed            bool
}

// describeStep says what a scenario step does, in words.
func describeStep(st nat.Step) string {
	switch st.Kind {
	case nat.StepSend:
		if st.Proto == nat.ICMP {
			return st.From + " pings " + st.To.Addr().String() + " (ICMP echo, identifier " + strconv.Itoa(int(st.SrcPort)) + ")"
		}
		verb := " sends a UDP datagram from port "
		if st.Proto == nat.TCP {
			verb = " opens a TCP connection from port "
		}
		return st.From + verb + strconv.Itoa(int(st.SrcPort)) + " to " + st.To.String()
	case nat.StepReply:
		return st.From + " replies to the last packet it received"
	case nat.StepAdvance:
		return "the clock moves on by " + formatDuration(st.By)
	case nat.StepForward:
		return st.NAT + " gets a port-forwarding rule: " + st.Forward.Proto.String() + " port " + strconv.Itoa(int(st.Forward.Port)) + " to " + st.Forward.To.String()
	}
	return st.Kind.String()
}

// computeStep builds the view of the step after `at` steps of sc, whose
// trace is tr.
func computeStep(sc nat.Scenario, at int, tr nat.Trace) stepView {
	v := stepView{Step: at, Total: len(sc.Steps), Outcome: "start", DeliveredTo: "none", Clock: formatDuration(tr.At)}
	if at == 0 {
		v.Summary = "Nothing has happened yet. Press Next to run step 1, or add an action."
		if v.Total == 0 {
			v.Summary = "This scenario has no steps yet: add an action below."
		}
		return v
	}
	v.Describe = describeStep(sc.Steps[at-1])
	out := tr.Outcome()
	v.Outcome = out.String()
	v.Drop = out.IsDrop() || out == nat.RuleConflict
	if to, _ := tr.Delivered(); to != "" {
		v.DeliveredTo = to
	}
	for _, e := range tr.Events {
		v.Events = append(v.Events, eventOf(e))
	}
	switch {
	case out == nat.Delivered:
		v.Summary = "Delivered to " + v.DeliveredTo + "."
	case v.Drop && len(tr.Events) > 0:
		v.Summary = "Dropped at " + tr.Events[len(tr.Events)-1].Node + ": " + out.Describe() + "."
	case out == nat.ClockAdvanced || out == nat.MappingExpired:
		v.Summary = "The clock is now at " + v.Clock + "."
	case out == nat.RuleAdded:
		v.Summary = "The rule is in place."
	default:
		v.Summary = "The step ended: " + out.Describe() + "."
	}
	return v
}

func eventOf(e nat.Event) eventView {
	ev := eventView{Node: e.Node, Decision: e.Decision.String(), Reason: e.Reason(), Drop: e.Decision.IsDrop() || e.Decision == nat.RuleConflict}
	if !e.Before.IsValid() || e.Decision == nat.RuleConflict {
		return ev
	}
	ev.HasPacket = true
	after := e.After
	if !after.IsValid() {
		after = e.Before
	}
	changed := nat.Changed(e.Before, e.After)
	ev.Rewrote = changed != 0
	ev.Before = headerOf(e.Before, 0)
	ev.After = headerOf(after, changed)
	return ev
}

func headerOf(p nat.Packet, changed nat.Field) headerView {
	port := "port"
	if p.Proto == nat.ICMP {
		port = "identifier"
	}
	return headerView{Proto: p.Proto.String(), Fields: [4]headerField{
		{"src-addr", "source address", p.Src.Addr().String(), changed.Has(nat.FieldSrcAddr)},
		{"src-port", "source " + port, strconv.Itoa(int(p.Src.Port())), changed.Has(nat.FieldSrcPort)},
		{"dst-addr", "destination address", p.Dst.Addr().String(), changed.Has(nat.FieldDstAddr)},
		{"dst-port", "destination " + port, strconv.Itoa(int(p.Dst.Port())), changed.Has(nat.FieldDstPort)},
	}}
}

// formatDuration writes d without trailing zero units: 2h4m, 5m, 30s, 0s.
func formatDuration(d time.Duration) string {
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// tablePageSize is how many translation-table rows a page shows.
const tablePageSize = 20

// tableView is one page of the translation tables.
type tableView struct {
	Rows               []rowView
	Total, Page, Pages int
	First, Last        int // 1-based positions of the rows shown
}

// rowView is one translation-table row, ready to print.
type rowView struct {
	NAT, Proto, Inside, Outside, Remote, Peers, Age, Expires, State string
	Static                                                          bool
}

// computeTable builds page (0-based, clamped) of rows; only the rows shown
// are formatted, so a large table costs little.
func computeTable(rows []nat.Row, page int) tableView {
	v := tableView{Total: len(rows), Pages: max(1, (len(rows)+tablePageSize-1)/tablePageSize)}
	v.Page = max(0, min(page, v.Pages-1))
	lo := v.Page * tablePageSize
	hi := min(lo+tablePageSize, len(rows))
	if lo < hi {
		v.First, v.Last = lo+1, hi
	}
	for _, r := range rows[lo:hi] {
		v.Rows = append(v.Rows, rowOf(r))
	}
	return v
}

func rowOf(r nat.Row) rowView {
	v := rowView{NAT: r.NAT, Proto: r.Proto.String(), Inside: r.Inside.String(), Outside: r.Outside.String(), Static: r.Static}
	if r.Static {
		v.Remote, v.Peers, v.Age, v.Expires, v.State = "anyone", "anyone", "—", "never (rule)", "port forwarding"
		return v
	}
	switch {
	case r.Remote == netip.AddrPort{}:
		v.Remote = "any (endpoint-independent)"
	case r.Remote.Port() == 0 && r.Proto != nat.ICMP:
		v.Remote = r.Remote.Addr().String() + " (any port)"
	default:
		v.Remote = r.Remote.String()
	}
	var peers []string
	for _, p := range r.Peers {
		switch {
		case p == netip.AddrPort{}:
			peers = append(peers, "anyone")
		case p.Port() == 0:
			peers = append(peers, p.Addr().String()+" (any port)")
		default:
			peers = append(peers, p.String())
		}
	}
	v.Peers = strings.Join(peers, ", ")
	v.Age, v.Expires = formatDuration(r.Age), "in "+formatDuration(r.Expires)
	switch {
	case r.Proto != nat.TCP:
		v.State = "mapping"
	case r.Established:
		v.State = "established"
	default:
		v.State = "opening (transitory)"
	}
	return v
}

// punchView is the hole-punching matrix, as nat.HolePunchMatrix computes it.
type punchView struct {
	Types []string
	Cells [9][9]punchCell
	Works int
}

type punchCell struct {
	Result, Label string // Result: "works", "one-way" or "fails"
}

func computePunch() punchView {
	m := nat.HolePunchMatrix()
	var v punchView
	for _, t := range nat.NATTypes() {
		v.Types = append(v.Types, t.String())
	}
	for i := range m {
		for j := range m[i] {
			p := m[i][j]
			c := punchCell{Result: "fails", Label: "✗ fails"}
			switch {
			case p.Success():
				c = punchCell{Result: "works", Label: "✓ works"}
				v.Works++
			case p.AToB || p.BToA:
				c = punchCell{Result: "one-way", Label: "◐ one way"}
			}
			v.Cells[i][j] = c
		}
	}
	return v
}

// introOf opens the lab's introduction with what the scenario holds: how
// many devices with private addresses share how many public addresses.
func introOf(sc nat.Scenario) string {
	private, public := 0, 0
	for _, d := range sc.Devices {
		if d.Behind != "" {
			private++
		}
	}
	for _, n := range sc.NATs {
		if n.Behind == "" {
			public += len(n.WAN)
		}
	}
	if private == 0 || public == 0 {
		return "Devices with private addresses reach the internet through a router's public address."
	}
	devices := countWord(private) + " devices with private addresses reach"
	if private == 1 {
		devices = "One device with a private address reaches"
	}
	addrs := strings.ToLower(countWord(public)) + " public addresses"
	if public == 1 {
		addrs = "one public address"
	}
	return devices + " the internet through " + addrs + "."
}

// countWord writes n in words up to twelve, as a sentence starts, and in
// digits above.
func countWord(n int) string {
	words := [...]string{"No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}
