package plan_test

import (
	"fmt"
	"net/netip"

	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
)

func ExampleSplitBits() {
	s, _ := plan.SplitBits(netip.MustParsePrefix("::/0"), 128)
	fmt.Println("total", s.Total())
	for _, p := range s.Page(subnet.Pow2(127), 2) {
		fmt.Println(p)
	}
	// Output:
	// total 340282366920938463463374607431768211456
	// 8000::/128
	// 8000::1/128
}

func ExampleSplitParts() {
	s, _ := plan.SplitParts(netip.MustParsePrefix("10.0.0.0/24"), 6)
	fmt.Println(s.Note())
	fmt.Println(s.Page(subnet.Count{}, 3))
	// Output:
	// 6 parts rounded up to 8 (/27 each), because equal subnets come in powers of two; 2 spare
	// [10.0.0.0/27 10.0.0.32/27 10.0.0.64/27]
}

func ExampleVLSM() {
	l, err := plan.VLSM(netip.MustParsePrefix("192.168.0.0/24"), []plan.Request{
		{Name: "office", Hosts: 50}, {Name: "lab", Hosts: 100}, {Name: "link", Hosts: 2},
	})
	if err != nil {
		panic(err)
	}
	for _, a := range l.Allocations {
		fmt.Println(a.Name, a.Prefix, "usable", a.Usable, "spare", a.Spare)
	}
	fmt.Println("waste", l.Waste, "free", l.Free)
	// Output:
	// lab 192.168.0.0/25 usable 126 spare 26
	// office 192.168.0.128/26 usable 62 spare 12
	// link 192.168.0.192/30 usable 2 spare 0
	// waste 38 free [192.168.0.196/30 192.168.0.200/29 192.168.0.208/28 192.168.0.224/27]
}

func ExampleSummarize() {
	fmt.Println(plan.Summarize([]netip.Prefix{
		netip.MustParsePrefix("10.0.1.0/24"),
		netip.MustParsePrefix("10.0.0.0/24"),
		netip.MustParsePrefix("10.0.2.0/24"),
	}))
	c, _ := plan.Supernet([]netip.Prefix{netip.MustParsePrefix("10.0.0.0/24"), netip.MustParsePrefix("10.0.2.0/24")})
	fmt.Println(c.Prefix, "covers", c.Extra, "extra addresses")
	// Output:
	// [10.0.0.0/23 10.0.2.0/24]
	// 10.0.0.0/22 covers 512 extra addresses
}

func ExampleRangePrefixes() {
	ps, _ := plan.RangePrefixes(netip.MustParseAddr("10.0.0.5"), netip.MustParseAddr("10.0.0.20"))
	fmt.Println(ps)
	// Output: [10.0.0.5/32 10.0.0.6/31 10.0.0.8/29 10.0.0.16/30 10.0.0.20/32]
}

func ExampleExclude() {
	fmt.Println(plan.Exclude(netip.MustParsePrefix("10.0.0.0/24"), netip.MustParsePrefix("10.0.0.64/26")))
	// Output: [10.0.0.0/26 10.0.0.128/25]
}

func ExampleOverlaps() {
	r := plan.Overlaps([]plan.Named{
		{Name: "home LAN", Prefix: netip.MustParsePrefix("192.168.1.0/24")},
		{Name: "Docker bridge", Prefix: netip.MustParsePrefix("172.17.0.0/16")},
		{Name: "VPC", Prefix: netip.MustParsePrefix("172.16.0.0/12")},
		{Name: "site", Prefix: netip.MustParsePrefix("2001:db8::/32")},
	})
	for _, c := range r.IPv4 {
		fmt.Println(c.Explanation)
	}
	fmt.Println(len(r.IPv6), "IPv6 clashes")
	// Output:
	// VPC (172.16.0.0/12) contains Docker bridge (172.17.0.0/16): traffic for 172.17.0.0/16 matches both, and the more specific route wins where both are routed
	// 0 IPv6 clashes
}

func ExampleTable_Lookup() {
	t, _ := plan.NewTable([]plan.Route{
		{Prefix: netip.MustParsePrefix("192.168.1.0/24"), Interface: "eth0"},
		{Prefix: netip.MustParsePrefix("10.0.0.0/8"), NextHop: netip.MustParseAddr("192.168.1.254")},
		{Prefix: netip.MustParsePrefix("0.0.0.0/0"), NextHop: netip.MustParseAddr("192.168.1.1")},
	})
	for _, dst := range []string{"192.168.1.7", "10.1.2.3", "8.8.8.8"} {
		h, _ := t.Lookup(netip.MustParseAddr(dst))
		fmt.Println(h.Explanation)
	}
	// Output:
	// 192.168.1.7 is on the connected subnet 192.168.1.0/24: it is sent directly out of eth0.
	// 10.1.2.3 matches the static route 10.0.0.0/8 (the longest prefix that contains it): it is sent to the next hop 192.168.1.254 out of eth0.
	// 8.8.8.8 matches the default route 0.0.0.0/0 (the longest prefix that contains it): it is sent to the next hop 192.168.1.1 out of eth0.
}

func ExampleParseList() {
	entries, errs := plan.ParseList("home = 192.168.1.0/24 # LAN\n\n10.0.0.1\nvpn = 10.8.0.0/33\n")
	for _, e := range entries {
		fmt.Println(e.Line, e.Name, e.Prefixes())
	}
	for _, err := range errs {
		fmt.Println(err)
	}
	// Output:
	// 1 home [192.168.1.0/24]
	// 3  [10.0.0.1/32]
	// line 4: subnet "10.8.0.0/33": prefix length 33 is longer than the 32 bits of IPv4; use 0 to 32
}
