// Package tool holds the small address tools that network engineers look up
// every week, as values and functions over net/netip types:
//
//   - MAC addresses (ParseMAC) and the IPv6 addresses made from them: the
//     modified EUI-64 interface identifier (RFC 4291 Appendix A), the
//     link-local and SLAAC addresses, and the MAC inside an EUI-64 address.
//   - The solicited-node multicast group of an IPv6 address (RFC 4291
//     Section 2.7.1) and the Ethernet MAC of a multicast group (RFC 2464
//     Section 7, RFC 1112 Section 6.4).
//   - Reverse DNS zones under ip6.arpa and in-addr.arpa, and RFC 2317
//     classless delegation for IPv4 prefixes longer than /24.
//   - Address arithmetic: the nth address of a prefix, an address plus or
//     minus a number, the distance between two addresses, a random address.
//
// Allocating address space — the next free subnet of a pool and unique local
// /48s (RFC 4193) — is in [github.com/netground/netground/core/tool/alloc],
// which builds on this package. Apart, it keeps go4.org/netipx and SHA-1 out
// of the binaries that need only these tools.
//
// Randomness comes from an io.Reader the caller passes (crypto/rand.Reader in
// the app, a fixed reader in tests), so every result can be reproduced.
// Errors are *Error values that quote the input they are about.
package tool
