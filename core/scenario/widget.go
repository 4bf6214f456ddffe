package scenario

import "net/url"

// Widget names a Netground widget or lab, as it appears in routes and documents. The zero
// value names no widget.
type Widget string

// The widgets and labs a scenario can belong to.
const (
	WidgetAddr     Widget = "addr"
	WidgetSubnet   Widget = "subnet"
	WidgetPlan     Widget = "plan"
	WidgetPorts    Widget = "ports"
	WidgetNAT      Widget = "nat"
	WidgetBind     Widget = "bind"
	WidgetK8s      Widget = "k8s"
	WidgetPractice Widget = "practice"
)

// Widgets returns every widget this version of the package knows, simple widgets first.
func Widgets() []Widget {
	return []Widget{WidgetAddr, WidgetSubnet, WidgetPlan, WidgetPorts, WidgetNAT, WidgetBind, WidgetK8s, WidgetPractice}
}

// IsValid reports whether w is a widget this version of the package knows.
func (w Widget) IsValid() bool {
	return w.IsSimple() || w.IsLab()
}

// IsSimple reports whether w keeps its state in query parameters (addr, subnet, plan, ports).
func (w Widget) IsSimple() bool {
	switch w {
	case WidgetAddr, WidgetSubnet, WidgetPlan, WidgetPorts:
		return true
	}
	return false
}

// IsLab reports whether w is a lab whose state is a JSON document defined by the lab itself
// (nat, bind, k8s, practice).
func (w Widget) IsLab() bool {
	switch w {
	case WidgetNAT, WidgetBind, WidgetK8s, WidgetPractice:
		return true
	}
	return false
}

// State is the state of a simple widget: [AddrState], [SubnetState], [PlanState] or
// [PortsState].
type State interface {
	// Widget returns the widget the state belongs to.
	Widget() Widget
	// Query returns the state as query parameters, leaving out defaults.
	Query() url.Values
	// Encode returns the state as a raw query (without "?") in a fixed parameter order,
	// leaving out defaults; it is what share links show.
	Encode() string
}
