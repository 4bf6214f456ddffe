package subnet_test

import (
	"fmt"
	"net/netip"

	"github.com/netground/netground/core/subnet"
)

func ExampleParse() {
	s, err := subnet.Parse("192.168.1.10/24")
	if err != nil {
		panic(err)
	}
	in, _ := s.Info(subnet.CloudNone)
	fmt.Println(s.Host(), "in", s.Prefix())
	fmt.Println("broadcast", in.Broadcast, "usable", in.FirstUsable, "-", in.LastUsable, "count", in.Usable)
	fmt.Println("mask", in.Mask, "wildcard", in.Wildcard)

	_, err = subnet.Parse("10.0.0.0/33")
	fmt.Println(err)
	_, err = subnet.Parse("10.0.0.1")
	fmt.Println(err)
	// Output:
	// 192.168.1.10 in 192.168.1.0/24
	// broadcast 192.168.1.255 usable 192.168.1.1 - 192.168.1.254 count 254
	// mask 255.255.255.0 wildcard 0.0.0.255
	// subnet "10.0.0.0/33": prefix length 33 is longer than the 32 bits of IPv4; use 0 to 32
	// subnet "10.0.0.1": the prefix length is missing; add /32 for this single address, or the length of its network such as /24
}

func ExampleParseForm() {
	s, form, _ := subnet.ParseForm("10.0.0.0 0.0.0.255")
	fmt.Println(s, "read as a", form, "mask")
	fmt.Println(form.Note(s))
	// Output:
	// 10.0.0.0/24 read as a wildcard mask
	// 0.0.0.255 was read as a wildcard mask (inverse, as in Cisco ACLs), the same as netmask 255.255.255.0: /24
}

func ExampleSubnet_Info() {
	for _, in := range []string{"10.0.0.0/31", "2001:db8::/127", "::/0"} {
		info, _ := subnet.MustParse(in).Info(subnet.CloudNone)
		fmt.Println(in, "usable", info.Usable, "broadcast", info.Broadcast.IsValid())
	}
	// Output:
	// 10.0.0.0/31 usable 2 broadcast false
	// 2001:db8::/127 usable 2 broadcast false
	// ::/0 usable 340282366920938463463374607431768211456 broadcast false
}

func ExampleSubnet_Info_cloud() {
	in, _ := subnet.MustParse("10.0.1.0/24").Info(subnet.CloudAWS)
	for _, r := range in.Reserved {
		fmt.Println(r.Addr, r.Reason)
	}
	fmt.Println("usable", in.FirstUsable, "-", in.LastUsable, "=", in.Usable)
	_, err := subnet.MustParse("10.0.1.0/29").Info(subnet.CloudAWS)
	fmt.Println(err)
	// Output:
	// 10.0.1.0 network address
	// 10.0.1.1 reserved by AWS for the VPC router
	// 10.0.1.2 reserved by AWS for the Amazon-provided DNS server
	// 10.0.1.3 reserved by AWS for future use
	// 10.0.1.255 network broadcast address; AWS does not support broadcast in a VPC and reserves it
	// usable 10.0.1.4 - 10.0.1.254 = 251
	// subnet "10.0.1.0/29": a /29 is too small for AWS, whose smallest IPv4 subnet is a /28; use /28 or shorter; a /28 has 11 usable addresses there
}

func ExampleNeighbours() {
	n, _ := subnet.Neighbours(subnet.MustParse("192.168.1.10/24"), subnet.MustParse("192.168.2.7/24"), netip.MustParseAddr("192.168.1.1"))
	fmt.Println(n.Verdict)
	fmt.Println(n.Explanation)
	// Output:
	// through the gateway
	// 192.168.2.7 is outside 192.168.1.10's subnet 192.168.1.0/24, so 192.168.1.10 sends the packet to its default gateway 192.168.1.1, which routes it on.
}

func ExampleCount() {
	total := subnet.Size(netip.MustParsePrefix("2001:db8::/64"))
	n, _ := total.Log2()
	fmt.Printf("%v = 2^%d\n", total, n)
	// Output: 18446744073709551616 = 2^64
}
