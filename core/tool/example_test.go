package tool_test

import (
	"fmt"
	"net/netip"

	"github.com/netground/netground/core/tool"
)

func ExampleParseMAC() {
	m, _ := tool.ParseMAC("3456.789A.BCDE")
	fmt.Println(m, m.Format('-', 2))
	fmt.Println("interface ID", m.InterfaceID())
	fmt.Println("link-local", tool.LinkLocal(m))
	a, _ := tool.SLAAC(netip.MustParsePrefix("2001:db8:1:2::/64"), m)
	fmt.Println("SLAAC", a)

	_, err := tool.ParseMAC("34:56:78:9a:bc")
	fmt.Println(err)
	// Output:
	// 34:56:78:9a:bc:de 34-56-78-9a-bc-de
	// interface ID 3656:78ff:fe9a:bcde
	// link-local fe80::3656:78ff:fe9a:bcde
	// SLAAC 2001:db8:1:2:3656:78ff:fe9a:bcde
	// MAC address "34:56:78:9a:bc": 5 groups separated by ':'; want 6 groups of 2 hex digits, as in 34:56:78:9a:bc:de, 34-56-78-9a-bc-de or 3456.789a.bcde
}

func ExampleInterfaceID_MAC() {
	for _, s := range []string{"fe80::3656:78ff:fe9a:bcde", "2001:db8::1c2d:3e4f:5a6b:7c8d"} {
		id, _ := tool.InterfaceIDOf(netip.MustParseAddr(s))
		m, ok := id.MAC()
		fmt.Println(s, ok, m)
	}
	// Output:
	// fe80::3656:78ff:fe9a:bcde true 34:56:78:9a:bc:de
	// 2001:db8::1c2d:3e4f:5a6b:7c8d false invalid MAC
}

func ExampleSolicitedNode() {
	sn, _ := tool.SolicitedNode(netip.MustParseAddr("4037::01:800:200E:8C6C"))
	m, _ := tool.MulticastMAC(sn)
	fmt.Println(sn, m)

	_, err := tool.SolicitedNode(netip.MustParseAddr("::ffff:192.0.2.1"))
	fmt.Println(err)
	// Output:
	// ff02::1:ff0e:8c6c 33:33:ff:0e:8c:6c
	// address "::ffff:192.0.2.1": is IPv4-mapped: it stands for 192.0.2.1 inside IPv6 sockets and is never on a link, so it has no solicited-node group; IPv4 uses ARP
}

func ExampleReverseZone() {
	for _, s := range []string{"2001:db8::/48", "2001:db8::/50", "198.51.100.0/23", "192.0.2.128/26"} {
		z, _ := tool.ReverseZone(netip.MustParsePrefix(s))
		fmt.Printf("%s exact=%v zones=%v enclosing=%q classless=%q\n", s, z.Exact(), z.Zones, z.Enclosing, z.Classless.Zone)
	}
	// Output:
	// 2001:db8::/48 exact=true zones=[0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa] enclosing="" classless=""
	// 2001:db8::/50 exact=false zones=[0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa 1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa 2.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa 3.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa] enclosing="0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa" classless=""
	// 198.51.100.0/23 exact=false zones=[100.51.198.in-addr.arpa 101.51.198.in-addr.arpa] enclosing="51.198.in-addr.arpa" classless=""
	// 192.0.2.128/26 exact=false zones=[] enclosing="2.0.192.in-addr.arpa" classless="128/26.2.0.192.in-addr.arpa"
}

func ExampleClasslessDelegation() {
	c, _ := tool.ClasslessDelegation(netip.MustParsePrefix("192.0.2.0/30"))
	fmt.Println(c.Zone)
	fmt.Print(c.ParentRecords("ns.a.example"))
	// Output:
	// 0/30.2.0.192.in-addr.arpa
	// $ORIGIN 2.0.192.in-addr.arpa.
	// 0/30	NS	ns.a.example.
	// 0	CNAME	0.0/30.2.0.192.in-addr.arpa.
	// 1	CNAME	1.0/30.2.0.192.in-addr.arpa.
	// 2	CNAME	2.0/30.2.0.192.in-addr.arpa.
	// 3	CNAME	3.0/30.2.0.192.in-addr.arpa.
}

func ExampleNth() {
	p := netip.MustParsePrefix("192.0.2.0/24")
	last, _ := tool.Nth(p, tool.DeltaOf(-1))
	tenth, _ := tool.Nth(p, tool.DeltaOf(10))
	fmt.Println(last, tenth)
	_, err := tool.Nth(p, tool.DeltaOf(256))
	fmt.Println(err)

	next, _ := tool.Add(netip.MustParseAddr("192.0.2.255"), tool.DeltaOf(1))
	d, _ := tool.Distance(netip.MustParseAddr("2001:db8::"), netip.MustParseAddr("2001:db8::1:0"))
	fmt.Println(next, d)
	_, err = tool.Add(netip.MustParseAddr("255.255.255.255"), tool.DeltaOf(1))
	fmt.Println(err)
	// Output:
	// 192.0.2.255 192.0.2.10
	// index "256": is outside 192.0.2.0/24, which holds 256 addresses; use 0 to 255, or -256 to -1 from the end
	// 192.0.3.0 65536
	// address "255.255.255.255": adding 1 passes the last address 255.255.255.255 of IPv4
}
