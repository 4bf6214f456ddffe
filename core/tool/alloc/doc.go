// Package alloc allocates address space, as values and functions over
// net/netip types:
//
//   - The next free subnet of a pool once some prefixes are taken, the free
//     subnets of a length in order, and the whole free space as the fewest
//     aligned blocks (NextFree).
//   - Unique local addresses (RFC 4193): a 40-bit Global ID drawn at random
//     (NewGlobalID), its /48 and its /64s; package ulatime derives one by
//     the RFC's recipe.
//
// Randomness comes from an io.Reader the caller passes (crypto/rand.Reader in
// the app, a fixed reader in tests), so every result can be reproduced.
// Errors are *[tool.Error] values that quote the input they are about.
package alloc
