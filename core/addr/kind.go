package addr

import "strconv"

// Kind is a short machine name for what an address is, taken from the most specific registry
// row that contains it. The zero Kind is KindInvalid, the kind of the zero [netip.Addr].
type Kind uint8

// The kinds. Their String values are stable: the UI and share links use them.
const (
	KindInvalid           Kind = iota // not an address
	KindPublic                        // in no special-purpose block: an ordinary unicast address
	KindThisNetwork                   // 0.0.0.0/8, "this network" (RFC 791)
	KindUnspecified                   // 0.0.0.0 and ::, "no address yet" (RFC 1122, RFC 4291)
	KindPrivateUse                    // 10/8, 172.16/12, 192.168/16 (RFC 1918)
	KindShared                        // 100.64.0.0/10, carrier-grade NAT (RFC 6598)
	KindLoopback                      // 127/8 and ::1
	KindLinkLocal                     // 169.254/16 and fe80::/10
	KindIETFProtocol                  // 192.0.0.0/24 and 2001::/23 outside their sub-blocks
	KindServiceContinuity             // 192.0.0.0/29, DS-Lite (RFC 7335)
	KindDummy                         // 192.0.0.8 and 100:0:0:1::/64 (RFC 7600, RFC 9780)
	KindAnycast                       // well-known anycast services: PCP, TURN, AS112, AMT, ...
	KindNAT64Discovery                // 192.0.0.170 and 192.0.0.171 (RFC 7050)
	KindDocumentation                 // TEST-NET-1/2/3, 2001:db8::/32, 3fff::/20
	KindBenchmarking                  // 198.18/15 and 2001:2::/48
	KindDeprecated                    // a terminated registry row
	KindReserved                      // 240/4, reserved for future use (RFC 1112)
	KindLimitedBroadcast              // 255.255.255.255 (RFC 919)
	KindIPv4Mapped                    // ::ffff:0:0/96 (RFC 4291)
	KindNAT64                         // 64:ff9b::/96 and 64:ff9b:1::/48 (RFC 6052, RFC 8215)
	KindDiscard                       // 100::/64, discard-only (RFC 6666)
	KindTeredo                        // 2001::/32 (RFC 4380)
	KindORCHID                        // 2001:20::/28, ORCHIDv2 (RFC 7343)
	KindDroneID                       // 2001:30::/28, drone remote ID tags (RFC 9374)
	Kind6to4                          // 2002::/16 (RFC 3056)
	KindSRv6                          // 5f00::/16, segment routing SIDs (RFC 9602)
	KindUniqueLocal                   // fc00::/7 (RFC 4193)
	KindMulticast                     // 224.0.0.0/4 and ff00::/8
)

var kindNames = [...]string{
	"invalid",
	"public",
	"this-network",
	"unspecified",
	"private-use",
	"shared",
	"loopback",
	"link-local",
	"ietf-protocol",
	"service-continuity",
	"dummy",
	"anycast",
	"nat64-discovery",
	"documentation",
	"benchmarking",
	"deprecated",
	"reserved",
	"limited-broadcast",
	"ipv4-mapped",
	"nat64",
	"discard",
	"teredo",
	"orchid",
	"drone-id",
	"6to4",
	"srv6",
	"unique-local",
	"multicast",
}

// String returns the kind's machine name, such as "private-use" or "link-local".
func (k Kind) String() string {
	if int(k) >= len(kindNames) {
		return "kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}
