package addr_test

import (
	"errors"
	"fmt"

	"github.com/netground/netground/core/addr"
)

func ExampleParse() {
	a, err := addr.Parse(" [2001:DB8:0:0::1] ")
	fmt.Println(a, err)

	_, err = addr.Parse("010.0.0.1")
	fmt.Println(err)

	var pe *addr.ParseError
	if _, err := addr.Parse("127.1"); errors.As(err, &pe) {
		fmt.Println(pe.Reason)
		fmt.Println(pe.Hint)
	}
	// Output:
	// 2001:db8::1 <nil>
	// address "010.0.0.1": leading zero in "010" is ambiguous: octal in some tools, meaning 8.0.0.1 there; write 10.0.0.1 if you meant decimal
	// only 2 of 4 octets: shorthand like this is ambiguous; inet_aton reads it as 127.0.0.1
	// write all four octets: 127.0.0.1
}

func ExampleParse_subnetSocketAndURL() {
	_, err := addr.Parse("10.0.0.0/8")
	fmt.Println(err)
	_, err = addr.Parse("[::1]:8080")
	fmt.Println(err)
	_, err = addr.Parse("http://192.0.2.1/")
	fmt.Println(err)
	// Output:
	// address "10.0.0.0/8": this is a subnet (10.0.0.0 with prefix length 8), not a single address; the subnet widget takes it; enter 10.0.0.0 for the address alone
	// address "[::1]:8080": this is a socket (address ::1, port 8080), not an address; enter ::1 for the address alone, or open the socket in Ports for its port
	// address "http://192.0.2.1/": this is a URL (scheme http), not an address; its host is 192.0.2.1 — open it in Ports for its port
}

func ExampleFormsOf() {
	f := addr.FormsOf(addr.MustParse("192.0.2.1"))
	fmt.Println(f.Version(), f.Canonical())
	fmt.Println(f.Binary())
	fmt.Println(f.Hex(), f.Decimal())
	fmt.Println(f.ReverseDNS())
	fmt.Println(f.Mapped())

	f = addr.FormsOf(addr.MustParse("2001:db8::1"))
	fmt.Println(f.Expanded())
	fmt.Println(f.Decimal())
	// Output:
	// 4 192.0.2.1
	// 11000000.00000000.00000010.00000001
	// 0xc0000201 3221225985
	// 1.2.0.192.in-addr.arpa
	// ::ffff:192.0.2.1
	// 2001:0db8:0000:0000:0000:0000:0000:0001
	// 42540766411282592856903984951653826561
}

func ExampleEmbedded() {
	for _, s := range []string{"::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "2002:c000:201::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"} {
		e := addr.Embedded(addr.MustParse(s))
		fmt.Println(e.Mechanism, e.Prefix, e.IPv4, e.Server, e.Port)
	}
	// Output:
	// ipv4-mapped ::ffff:0.0.0.0/96 192.0.2.1 invalid IP 0
	// nat64 64:ff9b::/96 192.0.2.33 invalid IP 0
	// 6to4 2002::/16 192.0.2.1 invalid IP 0
	// teredo 2001::/32 192.0.2.45 65.54.227.120 40000
}

func ExampleClassify() {
	for _, r := range addr.Classify(addr.MustParse("192.0.0.9")) {
		fmt.Println(r.Block(), r.Name(), r.RFC(), "globally reachable:", r.GloballyReachable())
	}
	// Output:
	// 192.0.0.9/32 Port Control Protocol Anycast [RFC7723] globally reachable: true
	// 192.0.0.0/24 IETF Protocol Assignments [RFC6890], Section 2.1 globally reachable: false
}

func ExampleKindOf() {
	for _, s := range []string{"10.1.2.3", "100.64.0.1", "fe80::1%eth0", "fd00::1", "8.8.8.8"} {
		fmt.Println(s, addr.KindOf(addr.MustParse(s)))
	}
	// Output:
	// 10.1.2.3 private-use
	// 100.64.0.1 shared
	// fe80::1%eth0 link-local
	// fd00::1 unique-local
	// 8.8.8.8 public
}

func ExampleReachability() {
	for _, s := range []string{"192.168.1.10", "100.64.0.1", "8.8.8.8", "ff02::1", "::ffff:8.8.8.8"} {
		fmt.Println(addr.Reachability(addr.MustParse(s)).Summary)
	}
	// Output:
	// no — a private address, never routed on the internet
	// no — shared address space, your ISP's carrier-grade NAT
	// yes — a public address, routed on the internet
	// no — link-local multicast, it stays within that scope
	// depends — an IPv4 address in IPv6 form; it is as reachable as 8.8.8.8
}

func ExampleMulticastScope() {
	a := addr.MustParse("ff15::1")
	scope, _ := addr.MulticastScope(a)
	flags, _ := addr.MulticastFlagsOf(a)
	fmt.Println(scope, flags)
	// Output:
	// site-local transient
}

func ExampleLegacyClass() {
	class, _ := addr.LegacyClass(addr.MustParse("172.16.0.1"))
	fmt.Println(class)
	// Output:
	// B
}
