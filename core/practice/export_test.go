package practice

import "net/netip"

// BoundaryStep is the solution step that says which bits of host/bits the
// network keeps.
func BoundaryStep(host netip.Addr, bits int) string { return boundaryStep(info(host, bits)) }

// Checkers for the table tests.
var (
	CheckAddr      = checkAddr
	CheckPrefix    = checkPrefix
	CheckCount     = checkCount
	CheckRange     = checkRange
	CheckCanonical = checkCanonical
	CheckAddrPort  = checkAddrPort
	CheckNames     = checkNames
	CheckLength    = checkLength
	CheckPort      = checkPort
	CheckChoice    = checkChoice
	SubnetNear     = subnetNear
)
