package planview

import (
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
)

// Preset is a ready example for one mode.
type Preset struct {
	Label string
	State scenario.PlanState
}

const realisticNetworks = `# A laptop at home, on a VPN, running Docker and a Kubernetes cluster
home LAN = 192.168.1.0/24
VPN = 10.8.0.0/24
Docker bridge = 172.17.0.0/16
Kubernetes pods = 10.244.0.0/16
Kubernetes services = 10.96.0.0/12
AWS VPC = 10.0.0.0/16
office VPN route = 10.0.0.0/8
home IPv6 = 2001:db8:1::/48
home IPv6 LAN = 2001:db8:1:1::/64
Docker IPv6 = fd00:d0c::/64
Kubernetes pods IPv6 = fd00:10:244::/56
`

var modePresets = [][]Preset{
	scenario.PlanSplit: {
		{"10.0.0.0/16 into /24s", scenario.PlanState{Net: "10.0.0.0/16", Len: 24}},
		{"a /24 into 6 parts", scenario.PlanState{Net: "192.168.1.0/24", Parts: 6}},
		{"10.0.0.0/8 into /24s", scenario.PlanState{Net: "10.0.0.0/8", Len: 24}},
		{"2001:db8::/32 into /48s", scenario.PlanState{Net: "2001:db8::/32", Len: 48}},
		{"all of IPv6 into /128s", scenario.PlanState{Net: "::/0", Len: 128}},
	},
	scenario.PlanVLSM: {
		{"small office", scenario.PlanState{Net: "192.168.0.0/24", List: "# name = hosts\nlab = 100\noffice = 50\nprinters = 10\nlink to router = 2"}},
		{"campus", scenario.PlanState{Net: "10.20.0.0/20", List: "students = 1000\nstaff = 400\nWi-Fi guests = 250\nservers = 60\nmanagement = 20\nuplink A = 2\nuplink B = 2"}},
	},
	scenario.PlanSummarize: {
		{"neighbouring /24s", scenario.PlanState{List: "10.0.0.0/24\n10.0.1.0/24\n10.0.2.0/24\n10.0.3.0/24\n10.0.5.0/24"}},
		{"IPv4 and IPv6", scenario.PlanState{List: "192.168.0.0/24\n192.168.1.0/24\n2001:db8:0:0::/64\n2001:db8:0:1::/64\n2001:db8:0:3::/64"}},
	},
	scenario.PlanRange: {
		{"two pools", scenario.PlanState{List: "DHCP pool = 192.168.1.100 - 192.168.1.199\nstatic = 10.0.0.5 - 10.0.0.20"}},
		{"an IPv6 range", scenario.PlanState{List: "2001:db8::10 - 2001:db8::2f"}},
	},
	scenario.PlanExclude: {
		{"a /16 minus two blocks", scenario.PlanState{Net: "10.0.0.0/16", List: "# taken already\n10.0.1.0/24\n10.0.128.0/17"}},
		{"a /24 minus its gateway", scenario.PlanState{Net: "192.168.1.0/24", List: "gateway = 192.168.1.1\nprinters = 192.168.1.240/28"}},
	},
	scenario.PlanOverlap: {
		{"laptop, VPN, Docker, Kubernetes, AWS", scenario.PlanState{List: realisticNetworks}},
		{"home and VPN only", scenario.PlanState{List: "home LAN = 192.168.1.0/24\nVPN = 10.8.0.0/24\nhotel Wi-Fi = 10.8.0.0/16"}},
	}, scenario.PlanNextFree: {
		{"a /24 in a VPC", scenario.PlanState{Net: "10.0.0.0/16", Len: 24, List: "# in use\npublic a = 10.0.0.0/24\npublic b = 10.0.1.0/24\nprivate a = 10.0.4.0/22\ndatabase = 10.0.2.0/25"}},
		{"a /64 in a /56", scenario.PlanState{Net: "2001:db8:1200::/56", Len: 64, List: "LAN = 2001:db8:1200::/64\nguests = 2001:db8:1200:1::/64\nlab = 2001:db8:1200:4::/62"}},
		{"a /26 in a full /24", scenario.PlanState{Net: "192.168.1.0/24", Len: 26, List: "192.168.1.0/25\n192.168.1.128/26\n192.168.1.224/27"}},
	},
	// The unique local tab opens on a random Global ID, not an example:
	// copying an example ID is what RFC 4193 asks people not to do.
	scenario.PlanULA: nil,
	scenario.PlanTree: {
		{"a /24 for an office", scenario.PlanState{Net: "10.0.0.0/24", Tree: "25,26,27,28,29,30x2",
			Names: "office,servers,Wi-Fi guests,printers,management,uplink A,uplink B"}},
		{"an AWS VPC in four subnets", scenario.PlanState{Net: "10.0.0.0/16", Tree: "18x4", Cloud: subnet.CloudAWS,
			Names: "public a,public b,private a,private b"}},
		{"an IPv6 /48 for a site", scenario.PlanState{Net: "2001:db8:1200::/48", Tree: "49,50,52x4",
			Names: "LANs,servers,lab,guests,management,spare"}},
		{"a /30 into a /31 and two /32s", scenario.PlanState{Net: "192.168.0.0/30", Tree: "31,32x2",
			Names: "router link,loopback A,loopback B"}},
		{"a /16 in 4096 /28s", scenario.PlanState{Net: "10.0.0.0/16", Tree: "28x4096"}},
	},
}

// PresetsFor returns the examples of a mode with the mode set.
func PresetsFor(m scenario.PlanMode) []Preset {
	if !m.IsValid() {
		return nil
	}
	out := make([]Preset, len(modePresets[m]))
	for i, p := range modePresets[m] {
		p.State.Mode = m
		out[i] = p
	}
	return out
}

// DefaultState is what a mode shows when the link does not say; for the
// unique local tab, no Global ID (the page draws a random one).
func DefaultState(m scenario.PlanMode) scenario.PlanState {
	if ps := PresetsFor(m); len(ps) > 0 {
		return ps[0].State
	}
	return scenario.PlanState{Mode: m}
}

// UsesNet reports whether mode m reads the net parameter.
func UsesNet(m scenario.PlanMode) bool {
	return m == scenario.PlanSplit || m == scenario.PlanVLSM || m == scenario.PlanExclude || m == scenario.PlanNextFree || m == scenario.PlanTree
}

// UsesList reports whether mode m reads the list parameter.
func UsesList(m scenario.PlanMode) bool {
	return m != scenario.PlanSplit && m != scenario.PlanULA && m != scenario.PlanTree
}

// UsesLen reports whether mode m reads the len parameter.
func UsesLen(m scenario.PlanMode) bool { return m == scenario.PlanSplit || m == scenario.PlanNextFree }

// ModeInfo is the label, the one-line purpose and the list label of each
// mode, in tab order.
var ModeInfo = []struct {
	Tab, Purpose, ListLabel, ListHint string
}{
	scenario.PlanSplit: {"Split", "Divide a network into equal subnets, by the new prefix length or by how many parts you need.", "", ""},
	scenario.PlanVLSM: {"VLSM", "Give each group of hosts a subnet just big enough for it (variable-length subnet masks).",
		"Subnets needed, one per line: name = hosts", "For example office = 50. Comments start with #."},
	scenario.PlanSummarize: {"Summarize", "Merge a list of prefixes into the fewest that cover the same addresses, and find the single supernet over them.",
		"Prefixes, one per line", "For example 10.0.0.0/24. Names before = and comments after # are allowed."},
	scenario.PlanRange: {"Range → CIDRs", "Turn address ranges (first–last) into the CIDR blocks that hold exactly those addresses.",
		"Ranges, one per line: first - last", "For example 10.0.0.5 - 10.0.0.20. Names before = and comments after # are allowed."},
	scenario.PlanExclude: {"Exclude", "Take prefixes out of a network and see what is left.",
		"Prefixes to remove, one per line", "For example 10.0.1.0/24. Names before = and comments after # are allowed."},
	scenario.PlanOverlap: {"Overlaps", "Find which of your networks collide: overlapping, containing or equal to each other.",
		"Networks, one per line: name = prefix", "For example home LAN = 192.168.1.0/24. Comments start with #."}, scenario.PlanNextFree: {"Next free", "Find the first free subnet of the size you need in a pool, once the prefixes in use are taken, and every free block.",
		"Prefixes in use, one per line", "For example database = 10.0.2.0/25. Names before = and comments after # are allowed."},
	scenario.PlanULA:  {"Unique local", "Make your own IPv6 /48 for private networks (RFC 4193): a random Global ID after fd, and its 65,536 /64s.", "", ""},
	scenario.PlanTree: {"Split tree", "Divide a network half by half: divide a subnet into its two halves, join two halves back, and name each one. Click a block of the picture to divide it.", "", ""},
}

// WhyText is the longer explanation behind each mode.
var WhyText = [][]string{
	scenario.PlanSplit: {
		"Why? Mask and subnet",
		"An IPv4 address has 32 bits, an IPv6 address 128. The prefix length (the /24 in 10.0.0.0/24) says how many leading bits name the network; the rest number the hosts inside it. The mask 255.255.255.0 is the same thing written as 24 one-bits.",
		"Splitting a /16 into /24s lends 8 more bits to the network part: 2^8 = 256 subnets, each keeping 32 − 24 = 8 host bits, so 256 addresses. That is why equal subnets always come in powers of two, and why asking for 6 parts gives 8.",
		"In IPv4 the first address of a subnet names the network and the last is its broadcast, so a /24 has 254 usable hosts; a /31 (point-to-point links) and a /32 are the exceptions. IPv6 has no broadcast.",
	},
	scenario.PlanVLSM: {
		"Why? Largest first",
		"A subnet must start on a multiple of its own size: a /25 (128 addresses) can start at .0 or .128, never at .64. Placing the largest subnet first, then the next largest right after it, keeps every one on its boundary with no gaps between them.",
		"Placing small subnets first would leave holes: a /30 at .0 pushes a /25 to .128, wasting .4 to .127. Each IPv4 subnet is sized to keep its network and broadcast addresses, so 50 hosts need a /26 (62 usable), and the 12 spare are shown as waste.",
	},
	scenario.PlanSummarize: {
		"Why? What summarizing is for",
		"Routers keep one entry per prefix. Four neighbouring /24s (10.0.0.0 to 10.0.3.255) are exactly one /22, so a router can announce one route instead of four: smaller tables, fewer updates, and firewall rules that are easier to read. This is route aggregation.",
		"The summary holds exactly the listed addresses. The single supernet is shorter still, but may take in addresses that are not yours (the extra count): fine for a route that points the same way, wrong for a firewall rule that should allow only your networks.",
	},
	scenario.PlanRange: {
		"Why? Ranges and CIDR blocks",
		"A CIDR block always holds a power of two addresses and starts on a multiple of its size. A range such as .5 to .20 does neither, so it is cut into the largest blocks that fit: .5/32, .6/31, .8/29, .16/30 and .20/32. Firewalls and cloud security groups often accept only CIDR blocks, which is why this conversion is needed.",
	},
	scenario.PlanExclude: {
		"Why? Several prefixes for what is left",
		"A network minus a piece is no longer one block: the rest has to be written as several CIDR blocks of different sizes, each on its own boundary. This is how you find the free space of a VPC, or write an allow-list that skips a reserved range.",
	},
	scenario.PlanOverlap: {
		"Why? Overlaps break routing",
		"When two networks overlap, an address in the shared part matches both, and the machine sends it the way of the more specific route. A laptop whose home LAN is 10.0.0.0/24 cannot reach 10.0.0.0/24 in the office over the VPN; a Kubernetes pod range inside the VPC range makes pods unreachable from parts of the VPC; Docker's 172.17.0.0/16 hides a company network that uses it.",
		"Networks that are equal cannot be told apart at all. Plan new ranges so that they overlap nothing you may need to reach at the same time. IPv4 and IPv6 never overlap each other, so they are checked apart.",
	}, scenario.PlanNextFree: {
		"Why? Free blocks and alignment",
		"A subnet must start on a multiple of its own size, so a free gap is not always room: a /24 fits only at an address ending in .0, and a gap from 10.0.2.128 to 10.0.3.255 holds a /25 and not a /24.",
		"The free space is written as the fewest aligned blocks, largest where they fit. The first free subnet is the lowest-addressed one that fits whole inside one of them; taking the lowest keeps the larger blocks higher up intact for later.",
	},
	scenario.PlanULA: {
		"Why? Unique local addresses",
		"IPv6 has its own private addresses: fd00::/8 followed by a 40-bit Global ID makes a /48 that any site may use without asking anyone (RFC 4193). Routers on the internet drop them, as they drop 10.0.0.0/8.",
		"The Global ID must be random, not fd00:: or an example copied from a page: when two companies merge or connect their networks over a VPN, random IDs keep their prefixes apart, and renumbering is not needed. This page draws it with crypto.getRandomValues in your browser; nothing is sent anywhere, and the link keeps the ID so you can come back to it.",
		"A /48 holds 65,536 /64 subnets, one per LAN, numbered by the 16-bit subnet ID in the fourth group: fd12:3456:789a:1::/64 is subnet 1.",
	},
	scenario.PlanTree: {
		"Why? Halves and siblings",
		"Every subnet is half of a larger one: a /24 is two /25s, each /25 two /26s, and so on. Dividing a subnet lends it one more network bit; the two halves it makes are siblings, and only siblings can be joined back, because only together do they make one aligned block. That is why 10.0.0.64/26 joins with 10.0.0.0/26, never with 10.0.0.128/26.",
		"Subnets of different sizes fit side by side with no waste when each is a node of this tree: that is variable-length subnetting drawn as a picture. IPv4 subnets lose their network and broadcast addresses, except a /31 (point-to-point links, RFC 3021) and a /32; IPv6 subnets keep every address, and LANs are /64s.",
		"Cloud providers reserve more: AWS and Azure the first four and the last address of every subnet, Google Cloud the first two and the last two, and each allows only some sizes (AWS /16 to /28). Choose a provider to see what is left.",
	},
}
