package nat_test

import (
	"fmt"

	"github.com/netground/netground/core/nat"
)

func Example() {
	sim, err := nat.New(nat.PresetReply())
	if err != nil {
		panic(err)
	}
	for range 2 {
		tr, _ := sim.Next()
		for _, e := range tr.Events {
			fmt.Printf("%-8s %-16s %v  [%v]\n", e.Node, e.Decision, e.After, e.Changed())
		}
	}
	for _, r := range sim.Table() {
		fmt.Println(r.NAT, r.Proto, r.Inside, "↔", r.Outside, "expires in", r.Expires)
	}
	// Output:
	// laptop   sent             tcp 192.168.1.10:50000 → 93.184.216.34:443  []
	// router   mapping-created  tcp 203.0.113.7:50000 → 93.184.216.34:443  [src-addr]
	// web      delivered        tcp 203.0.113.7:50000 → 93.184.216.34:443  []
	// web      sent             tcp 93.184.216.34:443 → 203.0.113.7:50000  []
	// router   accepted         tcp 93.184.216.34:443 → 192.168.1.10:50000  [dst-addr]
	// laptop   delivered        tcp 93.184.216.34:443 → 192.168.1.10:50000  []
	// router tcp 192.168.1.10:50000 ↔ 203.0.113.7:50000 expires in 2h4m0s
}

func ExampleDecodeScenario() {
	_, err := nat.DecodeScenario([]byte(`{"devices": [{"name": "laptop", "addr": "10.0.0.300"}]}`))
	fmt.Println(err)
	// Output:
	// devices[0].addr: "10.0.0.300" is not an IPv4 address
}

func ExampleScenario_MarshalJSON() {
	s := nat.PresetUnsolicited()
	s.Steps = s.Steps[:1]
	data, _ := s.MarshalJSON()
	fmt.Println(string(data))
	// Output:
	// {"name":"Why can't anyone reach my laptop?","seed":1,"nats":[{"name":"router","lan":"192.168.1.0/24","wan":["203.0.113.7"],"behavior":{"mapping":"endpoint-independent","filtering":"address-and-port-dependent"}}],"devices":[{"name":"laptop","behind":"router","addr":"192.168.1.10"},{"name":"web","addr":"93.184.216.34"},{"name":"stranger","addr":"198.51.100.66"}],"steps":[{"kind":"send","from":"stranger","proto":"tcp","srcPort":40000,"to":"203.0.113.7:22"}]}
}

func ExampleHolePunch() {
	alice := nat.Behavior{Mapping: nat.EndpointIndependentMapping, Filtering: nat.AddressAndPortDependentFiltering}
	bob := nat.Behavior{Mapping: nat.AddressAndPortDependentMapping, Filtering: nat.AddressAndPortDependentFiltering}
	fmt.Println(nat.HolePunch(alice, alice).Success(), nat.HolePunch(alice, bob).Success())
	// Output:
	// true false
}
