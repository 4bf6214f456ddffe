package practice

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
	SubnetNear     = subnetNear
)
