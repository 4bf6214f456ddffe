package answer

import (
	"net/url"

	"github.com/netground/netground/core/port"
	"github.com/netground/netground/core/scenario"
)

// The states a page shows when its link names none.
const (
	DefaultAddress = "192.168.1.42"
	DefaultSubnet  = "192.168.1.0/24"
	DefaultPorts   = "postgres"
)

// AddrLink reads the Address widget's state from a link's parameters, as
// its page opens it: the default address when the link names none.
func AddrLink(q url.Values) (scenario.AddrState, []scenario.Problem) {
	s, problems := scenario.ParseAddrState(q)
	if !q.Has("ip") {
		s.IP = DefaultAddress
	}
	return s, problems
}

// SubnetLink reads the Subnet widget's state from a link's parameters.
func SubnetLink(q url.Values) (scenario.SubnetState, []scenario.Problem) {
	s, problems := scenario.ParseSubnetState(q)
	if !q.Has("net") {
		s.Net = DefaultSubnet
	}
	return s, problems
}

// PortsLink reads the Ports widget's state from a link's parameters.
func PortsLink(q url.Values) (scenario.PortsState, []scenario.Problem) {
	s, problems := scenario.ParsePortsState(q)
	if !q.Has("q") {
		s.Q = DefaultPorts
	}
	return s, problems
}

// DescribeAddrState computes the Address widget for its whole state: the
// address (DescribeAddress) and its arithmetic (DescribeArith).
func DescribeAddrState(s scenario.AddrState) AddrView {
	return DescribeArith(DescribeAddress(s.IP), s.Add, s.To)
}

// DescribeSubnetState computes the Subnet widget for its whole state: the
// subnet and the neighbours check (DescribeSubnet), the address at nth
// (DescribeNth) and the address picked at random (DescribePick).
func DescribeSubnetState(s scenario.SubnetState) SubnetView {
	return DescribePick(DescribeNth(DescribeSubnet(s.Net, s.Host, s.Other, s.Gateway, s.Cloud), s.Nth), s.Pick)
}

// Answers reports whether ForLink answers for the widget w: the pages that
// answer first from the small binary (ui.Page.FirstAnswer).
func Answers(w scenario.Widget) bool {
	switch w {
	case scenario.WidgetAddr, scenario.WidgetSubnet, scenario.WidgetPorts, scenario.WidgetPlan:
		return true
	}
	return false
}

// ForLink returns the answer of widget w for a link's raw query and
// escaped fragment, as the widget's page shows it; reg may be nil while
// the service registry loads. ok is false for a widget it does not answer.
func ForLink(w scenario.Widget, rawQuery, fragment string, href func(string) string, reg *port.Registry) (r Regions, ok bool) {
	q, problems := scenario.ReadLink(w, rawQuery, fragment)
	return ForQuery(w, q, problems, href, reg)
}

// ForQuery is ForLink for a link whose parameters are read already, with
// what could not be read as problems. A link without a scenario in its
// fragment (scenario.HasScenario) reads as scenario.SplitQuery of its
// query: the first-answer binary answers such links without linking the
// scenario document decoder.
func ForQuery(w scenario.Widget, q url.Values, problems []scenario.Problem, href func(string) string, reg *port.Registry) (r Regions, ok bool) {
	id := string(w)
	switch w {
	case scenario.WidgetAddr:
		s, more := AddrLink(q)
		problems = append(problems, more...)
		r = AddrRegions(DescribeAddrState(s), href)
	case scenario.WidgetSubnet:
		s, more := SubnetLink(q)
		problems = append(problems, more...)
		r = SubnetRegions(DescribeSubnetState(s))
	case scenario.WidgetPorts:
		s, more := PortsLink(q)
		problems = append(problems, more...)
		r = PortsRegions(DescribePorts(s.Q, reg))
	case scenario.WidgetPlan:
		v, mode, more, answers := PlanLink(q)
		if !answers {
			return nil, false
		}
		problems = append(problems, more...)
		r = PlanRegions(v, mode)
	default:
		return nil, false
	}
	return append(r, region(id+"-notice", LinkNotice(problems))), true
}
