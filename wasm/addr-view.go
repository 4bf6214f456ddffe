package main

import (
	"fmt"
	"net/netip"
	"strings"
)

// addrView is what the Address widget shows for one input.
type addrView struct {
	Err         string
	Canonical   string
	Expanded    string
	Version     string
	Kind        string
	Answer      string // "yes", "no" or "depends"
	Summary     string
	Explanation string
}

func describeAddress(input string) addrView {
	s := strings.TrimSpace(input)
	if s == "" {
		return addrView{Err: "enter an IPv4 or IPv6 address, such as 192.168.1.42"}
	}
	a, err := netip.ParseAddr(strings.Trim(s, "[]"))
	if err != nil {
		return addrView{Err: fmt.Sprintf("%q is not an IP address: %v", s, err)}
	}
	v := addrView{Canonical: a.String(), Expanded: a.StringExpanded(), Version: "IPv4"}
	if a.Is6() {
		v.Version = "IPv6"
	}
	switch {
	case a.IsUnspecified():
		v.Kind, v.Answer, v.Summary = "unspecified", "no", "the unspecified address"
	case a.IsLoopback():
		v.Kind, v.Answer, v.Summary = "loopback", "no", "loopback never leaves the machine"
	case a.IsPrivate():
		v.Kind, v.Answer, v.Summary = "private-use", "no", "private addresses are not routed on the internet"
	case a.IsLinkLocalUnicast():
		v.Kind, v.Answer, v.Summary = "link-local", "no", "link-local addresses stay on one link"
	case a.IsMulticast():
		v.Kind, v.Answer, v.Summary = "multicast", "depends", "multicast reach depends on its scope"
	default:
		v.Kind, v.Answer, v.Summary = "public", "yes", "globally routable"
	}
	return v
}
