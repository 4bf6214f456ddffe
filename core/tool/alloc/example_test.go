package alloc_test

import (
	"bytes"
	"fmt"
	"net/netip"

	"github.com/netground/netground/core/tool/alloc"
)

func ExampleNewGlobalID() {
	// The app passes crypto/rand.Reader; a fixed reader reproduces an ID.
	g, _ := alloc.NewGlobalID(bytes.NewReader([]byte{0x12, 0x34, 0x56, 0x78, 0x9a}))
	fmt.Println(g, g.Prefix())
	fmt.Println(g.Subnets(2))

	same, _ := alloc.ParseGlobalID("12:3456:789A")
	fmt.Println(same == g)
	// Output:
	// 123456789a fd12:3456:789a::/48
	// [fd12:3456:789a::/64 fd12:3456:789a:1::/64]
	// true
}

func ExampleNextFree() {
	pool := netip.MustParsePrefix("10.0.0.0/16")
	used := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/24"), netip.MustParsePrefix("10.0.1.0/25")}
	f, _ := alloc.NextFree(pool, used, 24, 3)
	fmt.Println(f.First, f.Subnets, f.Count)
	fmt.Println(f.Blocks, "of", f.BlockCount)

	_, err := alloc.NextFree(pool, used, 16, 0)
	fmt.Println(err)
	// Output:
	// 10.0.2.0/24 [10.0.2.0/24 10.0.3.0/24 10.0.4.0/24] 254
	// [10.0.1.128/25 10.0.2.0/23 10.0.4.0/22] of 8
	// pool "10.0.0.0/16": no /16 is free: the largest free block is a /17
}
