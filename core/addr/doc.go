// Package addr is Netground's address engine: it parses what people type as an IP address,
// prints the address in its other forms, finds the IPv4 address embedded in transition
// addresses, classifies it from the IANA special-purpose address registries (RFC 6890) and the
// multicast blocks, and answers in plain words whether the internet can reach it.
//
// Addresses are [netip.Addr] values throughout. Every function is pure: the same address always
// gives the same answer, and the package holds no mutable state.
package addr

//go:generate go run ./internal/mkregistry -date 2026-07-18 -o zz_registry.go data/iana-ipv4-special-registry-1.csv data/iana-ipv6-special-registry-1.csv
