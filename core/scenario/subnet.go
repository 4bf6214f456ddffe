package scenario

import (
	"net/url"

	"github.com/netground/netground/core/subnet"
)

// cloudNames returns the values of the cloud parameter, indexed by subnet.Cloud.
func cloudNames() []string {
	return []string{
		subnet.CloudNone:  "none",
		subnet.CloudAWS:   "aws",
		subnet.CloudAzure: "azure",
		subnet.CloudGCP:   "gcp",
	}
}

// SubnetState is the state of the Subnet widget:
// /subnet?net=10.0.0.0/20&host=10.0.3.7&b=10.0.9.1&gw=10.0.0.1&cloud=aws&nth=-2&pick=10.0.6.93.
// The zero value is the widget with empty inputs and no cloud.
type SubnetState struct {
	// Net is the subnet as typed (parameter net).
	Net string
	// Host is a host in it (parameter host).
	Host string
	// Other is the second host of the neighbours check (parameter b).
	Other string
	// Gateway is the gateway of the neighbours check (parameter gw).
	Gateway string
	// Cloud is the provider whose reserved addresses apply (parameter cloud: none, aws,
	// azure or gcp; none is left out of links).
	Cloud subnet.Cloud
	// Nth is the index of the address asked for, as typed (parameter nth): 0 is the first
	// address, -1 the last. Left out of JSON when empty, so states saved before it read the
	// same.
	Nth string `json:",omitempty"`
	// Pick is the address drawn at random from the subnet (parameter pick), kept in the
	// link so that it can be shared. Left out of JSON when empty.
	Pick string `json:",omitempty"`
}

// Widget returns WidgetSubnet.
func (SubnetState) Widget() Widget { return WidgetSubnet }

func (s SubnetState) writer() *queryWriter {
	w := new(queryWriter)
	w.add("net", s.Net)
	w.add("host", s.Host)
	w.add("b", s.Other)
	w.add("gw", s.Gateway)
	if names := cloudNames(); s.Cloud != subnet.CloudNone && int(s.Cloud) < len(names) {
		w.add("cloud", names[s.Cloud])
	}
	w.add("nth", s.Nth)
	w.add("pick", s.Pick)
	return w
}

// Query returns the state as query parameters, leaving out defaults.
func (s SubnetState) Query() url.Values { return s.writer().query() }

// Encode returns the state as a raw query, such as "net=10.0.0.0/20&host=10.0.3.7&cloud=aws".
func (s SubnetState) Encode() string { return s.writer().encode() }

// ParseSubnetState reads a Subnet state from query parameters. It never fails: what it cannot
// use is reported as problems and left at its default. Cloud names are read in any case.
func ParseSubnetState(q url.Values) (SubnetState, []Problem) {
	r := newQueryReader(q)
	s := SubnetState{
		Net:     r.text("net"),
		Host:    r.text("host"),
		Other:   r.text("b"),
		Gateway: r.text("gw"),
		Cloud:   subnet.Cloud(r.choice("cloud", cloudNames(), int(subnet.CloudNone))),
		Nth:     r.text("nth"),
		Pick:    r.text("pick"),
	}
	return s, r.done()
}
